/**
 * Text of LLDP, as tcpdump's print-lldp.c prints it: the system name by default, every TLV
 * under -v (what tcpdump puts on continuation lines follows on the same line).
 *
 * @module
 */

import { hex2, macString, u16, u32 } from "../../decode/bytes.ts";
import { lldpNetworkAddress, lldpOui, lldpTlvLength, lldpTlvType } from "../../decode/lldp.ts";
import * as lldpModule from "../../decode/lldp.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { hexDump } from "../hexdump.ts";
import { hex4, type PrintContext } from "./context.ts";
import { bitNames } from "./stp.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  AF_NAMES,
  LLDP_8021_LINKAGGR,
  LLDP_8021_PPVID,
  LLDP_8021_PPVID_FLAGS,
  LLDP_8021_PROTOCOL_ID,
  LLDP_8021_PVID,
  LLDP_8021_SUBTYPES,
  LLDP_8021_VLAN_NAME,
  LLDP_8023_LINKAGGR,
  LLDP_8023_MACPHY,
  LLDP_8023_MDIPOWER,
  LLDP_8023_MTU,
  LLDP_8023_SUBTYPES,
  LLDP_AGGREGATION_FLAGS,
  LLDP_AUTONEG_FLAGS,
  LLDP_CAPS,
  LLDP_CHASSIS_ID_TLV,
  LLDP_CHASSIS_MAC,
  LLDP_CHASSIS_NETWORK,
  LLDP_CHASSIS_SUBTYPES,
  LLDP_END_TLV,
  LLDP_INTF_NUMBERINGS,
  LLDP_MAU_TYPES,
  LLDP_MDI_CLASSES,
  LLDP_MDI_FLAGS,
  LLDP_MDI_PAIRS,
  LLDP_MGMT_ADDR_TLV,
  LLDP_OUIS,
  LLDP_PMD_CAPS,
  LLDP_PORT_DESCR_TLV,
  LLDP_PORT_ID_TLV,
  LLDP_PORT_MAC,
  LLDP_PORT_NETWORK,
  LLDP_PORT_SUBTYPES,
  LLDP_PRIVATE_TLV,
  LLDP_SYSTEM_CAP_TLV,
  LLDP_SYSTEM_DESCR_TLV,
  LLDP_SYSTEM_NAME_TLV,
  LLDP_TLVS,
  LLDP_TTL_TLV,
  OUI_IEEE_8021,
  OUI_IEEE_8023,
} = numbersModule;
const {
  LLDP_AF_AT,
  LLDP_AGGR_LEN,
  LLDP_AGGR_PORT_AT,
  LLDP_AGGR_STATUS_AT,
  LLDP_AUTONEG_AT,
  LLDP_CAP_ENABLED_AT,
  LLDP_CAP_LEN,
  LLDP_ID_AT,
  LLDP_INTF_NUM_AT,
  LLDP_INTF_NUM_LEN,
  LLDP_MAC_LEN,
  LLDP_MACPHY_LEN,
  LLDP_MAU_AT,
  LLDP_MAX_TLVS,
  LLDP_MDI_CLASS_AT,
  LLDP_MDI_FLAGS_AT,
  LLDP_MDI_LEN,
  LLDP_MDI_PAIR_AT,
  LLDP_MGMT_ADDR_AT,
  LLDP_MGMT_LEN_AT,
  LLDP_MTU_AT,
  LLDP_MTU_LEN,
  LLDP_ORG_MINLEN,
  LLDP_ORG_SUBTYPE_AT,
  LLDP_OUI_LEN,
  LLDP_PMD_AT,
  LLDP_PPVID_AT,
  LLDP_PPVID_FLAGS_AT,
  LLDP_PPVID_LEN,
  LLDP_PROTO_ID_AT,
  LLDP_PROTO_ID_LEN_AT,
  LLDP_PVID_AT,
  LLDP_PVID_LEN,
  LLDP_SUBTYPE_AT,
  LLDP_TLV_HLEN,
  LLDP_TTL_LEN,
  LLDP_VNAME_AT,
  LLDP_VNAME_LEN_AT,
  LLDP_VNAME_VID_AT,
} = lldpModule;

const TRUNC = " [|lldp]";

/** `len` bytes at `at` as tcpdump's nd_printjnp prints them: up to a NUL, escaped. */
export function printjnp(d: Uint8Array, at: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) {
    const ch = d[at + i];
    if (ch === 0) break;
    s += printable(ch);
  }
  return s;
}

function printable(ch: number): string {
  if (ch >= 0x80) return "M-" + printable(ch & 0x7f);
  if (ch < 0x20 || ch === 0x7f) return "^" + String.fromCharCode(ch ^ 0x40);
  return String.fromCharCode(ch);
}

/** tcpdump's `AFI IPv4 (1): 192.0.2.1`; undefined when the address is too short. */
function networkAddress(d: Uint8Array, at: number, len: number): string | undefined {
  if (len < 1) return undefined;
  const af = d[at + LLDP_AF_AT], name = "AFI " + (AF_NAMES[af] ?? "Unknown") + " (" + af + ")";
  if (AF_NAMES[af] === undefined || af === 3) return name + ", no AF printer !";
  const a = lldpNetworkAddress(d, at, len);
  return a === undefined ? undefined : name + ": " + a;
}

/** One line of hex, as tcpdump's print_unknown_data lines joined. */
function hex(d: Uint8Array, from: number, to: number): string {
  return hexDump(d, from, to, false).replace(/\n\t/g, " ");
}

/** The LLDP layer `j`, of `len` octets on the wire. */
export function lldp(c: PrintContext, j: number, len: number): string {
  const d = c.d, end = c.ds.end[j], v = c.verbose;
  let s = "LLDP, length " + len, t = c.ds.start[j], left = len;
  for (let n = 0; n < LLDP_MAX_TLVS && left >= LLDP_TLV_HLEN; n++) {
    if (t + LLDP_TLV_HLEN > end) return s + TRUNC;
    const type = lldpTlvType(d, t), tl = lldpTlvLength(d, t);
    t += LLDP_TLV_HLEN;
    left -= LLDP_TLV_HLEN;
    if (v) s += " " + (LLDP_TLVS[type] ?? "Unknown") + " TLV (" + type + "), length " + tl;
    if (type === LLDP_END_TLV || tl === 0) break;
    if (t + tl > end || left < tl) return s + TRUNC;
    if (type === LLDP_SYSTEM_NAME_TLV) s += ": " + printjnp(d, t, tl);
    else if (v) {
      const body = tlv(d, type, t, tl);
      if (body.endsWith(TRUNC)) return s + body;
      s += body;
      if (v > 1 || body.endsWith(HEXDUMP)) s = s.slice(0, s.length - HEXDUMP.length);
      if (v > 1 || body.endsWith(HEXDUMP)) s += hex(d, t, t + tl);
    }
    t += tl;
    left -= tl;
  }
  return s;
}

/** Marks a TLV whose value tcpdump follows with a hex dump. */
const HEXDUMP = "\u0000";

/** -v text of the TLV of `type` with its `len`-octet value at `t`; ends in TRUNC when short. */
function tlv(d: Uint8Array, type: number, t: number, len: number): string {
  switch (type) {
    case LLDP_CHASSIS_ID_TLV:
    case LLDP_PORT_ID_TLV: {
      if (len < 2) return TRUNC;
      const chassis = type === LLDP_CHASSIS_ID_TLV, st = d[t + LLDP_SUBTYPE_AT];
      const names = chassis ? LLDP_CHASSIS_SUBTYPES : LLDP_PORT_SUBTYPES;
      const s = " Subtype " + (names[st] ?? "Unknown") + " (" + st + "): ";
      if (st === (chassis ? LLDP_CHASSIS_MAC : LLDP_PORT_MAC)) {
        return s + (len < 1 + LLDP_MAC_LEN ? TRUNC : macString(d, t + LLDP_ID_AT));
      }
      if (st === (chassis ? LLDP_CHASSIS_NETWORK : LLDP_PORT_NETWORK)) {
        return s + (networkAddress(d, t + LLDP_ID_AT, len - 1) ?? TRUNC);
      }
      if (names[st] === undefined) return s + HEXDUMP;
      return s + printjnp(d, t + LLDP_ID_AT, len - 1);
    }
    case LLDP_TTL_TLV:
      return len < LLDP_TTL_LEN ? TRUNC : ": TTL " + u16(d, t) + "s";
    case LLDP_PORT_DESCR_TLV:
      return ": " + printjnp(d, t, len);
    case LLDP_SYSTEM_DESCR_TLV:
      return " " + printjnp(d, t, len);
    case LLDP_SYSTEM_CAP_TLV: {
      if (len < LLDP_CAP_LEN) return TRUNC;
      const cap = u16(d, t), ena = u16(d, t + LLDP_CAP_ENABLED_AT);
      return " System  Capabilities [" + bitNames(LLDP_CAPS, cap) + "] (0x" + hex4(cap) + ")" +
        " Enabled Capabilities [" + bitNames(LLDP_CAPS, ena) + "] (0x" + hex4(ena) + ")";
    }
    case LLDP_MGMT_ADDR_TLV:
      return mgmt(d, t, len);
    case LLDP_PRIVATE_TLV: {
      if (len < LLDP_OUI_LEN) return TRUNC;
      const oui = lldpOui(d, t);
      const s = ": OUI " + (LLDP_OUIS[oui] ?? "Unknown") + " (0x" + hex2(oui >> 16) + hex4(oui) +
        ")";
      if (oui === OUI_IEEE_8021) return s + ieee8021(d, t, len);
      if (oui === OUI_IEEE_8023) return s + ieee8023(d, t, len);
      return s + HEXDUMP;
    }
    default:
      return HEXDUMP;
  }
}

function mgmt(d: Uint8Array, t: number, len: number): string {
  if (len < 1) return TRUNC;
  const alen = d[t + LLDP_MGMT_LEN_AT];
  if (len - 1 < alen) return TRUNC;
  const a = networkAddress(d, t + LLDP_MGMT_ADDR_AT, alen);
  if (a === undefined) return TRUNC;
  let s = " Management Address length " + alen + ", " + a;
  let at = t + LLDP_MGMT_ADDR_AT + alen, left = len - 1 - alen;
  if (left < LLDP_INTF_NUM_LEN) return s + TRUNC;
  const st = d[at];
  s += " " + (LLDP_INTF_NUMBERINGS[st] ?? "Unknown") + " Interface Numbering (" + st + "): " +
    u32(d, at + LLDP_INTF_NUM_AT);
  at += LLDP_INTF_NUM_LEN;
  left -= LLDP_INTF_NUM_LEN;
  if (left > 0) {
    const olen = d[at];
    if (left < 1 + olen) return s + TRUNC;
    if (olen > 0) s += " OID length " + olen + printjnp(d, at + 1, olen);
  }
  return s;
}

function ieee8021(d: Uint8Array, t: number, len: number): string {
  if (len < LLDP_ORG_MINLEN) return HEXDUMP;
  const st = d[t + LLDP_ORG_SUBTYPE_AT];
  const s = " " + (LLDP_8021_SUBTYPES[st] ?? "unknown") + " Subtype (" + st + ")";
  switch (st) {
    case LLDP_8021_PVID:
      if (len < LLDP_PVID_LEN) return s + HEXDUMP;
      return s + " port vlan id (PVID): " + u16(d, t + LLDP_PVID_AT);
    case LLDP_8021_PPVID: {
      if (len < LLDP_PPVID_LEN) return s + HEXDUMP;
      const f = d[t + LLDP_PPVID_FLAGS_AT];
      return s + " port and protocol vlan id (PPVID): " + u16(d, t + LLDP_PPVID_AT) + ", flags [" +
        bitNames(LLDP_8021_PPVID_FLAGS, f) + "] (0x" + hex2(f) + ")";
    }
    case LLDP_8021_VLAN_NAME: {
      if (len < LLDP_PVID_LEN) return s + HEXDUMP;
      const out = s + " vlan id (VID): " + u16(d, t + LLDP_VNAME_VID_AT);
      if (len < LLDP_VNAME_AT) return out + HEXDUMP;
      const n = d[t + LLDP_VNAME_LEN_AT];
      if (len < LLDP_VNAME_AT + n) return out + HEXDUMP;
      return out + " vlan name: " + printjnp(d, t + LLDP_VNAME_AT, n);
    }
    case LLDP_8021_PROTOCOL_ID: {
      if (len < LLDP_PROTO_ID_AT) return s + HEXDUMP;
      const n = d[t + LLDP_PROTO_ID_LEN_AT];
      if (len < LLDP_PROTO_ID_AT + n) return s + HEXDUMP;
      return s + " protocol identity: " + printjnp(d, t + LLDP_PROTO_ID_AT, n);
    }
    case LLDP_8021_LINKAGGR:
      return s + aggregation(d, t, len);
    default:
      return s + HEXDUMP;
  }
}

/** The link aggregation subtype (802.1 and 802.3 share it). */
function aggregation(d: Uint8Array, t: number, len: number): string {
  if (len < LLDP_AGGR_LEN) return HEXDUMP;
  return " aggregation status [" + bitNames(LLDP_AGGREGATION_FLAGS, d[t + LLDP_AGGR_STATUS_AT]) +
    "], aggregation port ID " + u32(d, t + LLDP_AGGR_PORT_AT);
}

function ieee8023(d: Uint8Array, t: number, len: number): string {
  if (len < LLDP_ORG_MINLEN) return HEXDUMP;
  const st = d[t + LLDP_ORG_SUBTYPE_AT];
  const s = " " + (LLDP_8023_SUBTYPES[st] ?? "unknown") + " Subtype (" + st + ")";
  switch (st) {
    case LLDP_8023_MACPHY: {
      if (len < LLDP_MACPHY_LEN) return s + HEXDUMP;
      const an = d[t + LLDP_AUTONEG_AT], pmd = u16(d, t + LLDP_PMD_AT);
      const mau = u16(d, t + LLDP_MAU_AT);
      const pmdNames = bitNames(LLDP_PMD_CAPS, pmd, true);
      return s + " autonegotiation [" + bitNames(LLDP_AUTONEG_FLAGS, an) + "] (0x" + hex2(an) +
        ") PMD autoneg capability [" + (pmdNames === "none" ? "unknown" : pmdNames) + "] (0x" +
        hex4(pmd) + ") MAU type " + (LLDP_MAU_TYPES[mau] ?? "unknown") + " (0x" + hex4(mau) + ")";
    }
    case LLDP_8023_MDIPOWER:
      if (len < LLDP_MDI_LEN) return s + HEXDUMP;
      return s + " MDI power support [" + bitNames(LLDP_MDI_FLAGS, d[t + LLDP_MDI_FLAGS_AT]) +
        "], power pair " + (LLDP_MDI_PAIRS[d[t + LLDP_MDI_PAIR_AT]] ?? "unknown") +
        ", power class " + (LLDP_MDI_CLASSES[d[t + LLDP_MDI_CLASS_AT]] ?? "unknown");
    case LLDP_8023_LINKAGGR:
      return s + aggregation(d, t, len);
    case LLDP_8023_MTU:
      if (len < LLDP_MTU_LEN) return s + HEXDUMP;
      return s + " MTU size " + u16(d, t + LLDP_MTU_AT);
    default:
      return s + HEXDUMP;
  }
}
