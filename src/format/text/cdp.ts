/**
 * Text of CDP, as tcpdump's print-cdp.c prints it: the device id (and a hex dump of the other
 * TLVs) by default, every TLV under -v (continuation lines on the same line).
 *
 * @module
 */

import { hex2, ipv4String, u16, u32 } from "../../decode/bytes.ts";
import { cdpAddress } from "../../decode/cdp.ts";
import * as cdpModule from "../../decode/cdp.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { hexDump } from "../hexdump.ts";
import { hex4, type PrintContext } from "./context.ts";
import { bitNames } from "./stp.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  CDP_ADDRESS,
  CDP_CAPABILITIES,
  CDP_CAPS,
  CDP_DEVICE_ID,
  CDP_DUPLEX,
  CDP_LOCATION,
  CDP_MGMT_ADDRESS,
  CDP_MTU,
  CDP_NATIVE_VLAN,
  CDP_PLATFORM,
  CDP_PORT_ID,
  CDP_PREFIXES,
  CDP_SYSTEM_NAME,
  CDP_TLVS,
  CDP_VERSION,
  CDP_VTP_DOMAIN,
} = numbersModule;
const {
  CDP_ADDR_COUNT_LEN,
  CDP_CHECKSUM_AT,
  CDP_HLEN,
  CDP_MAX_TLVS,
  CDP_TLV_HLEN,
  CDP_TLV_LEN_AT,
  CDP_TLV_TYPE_AT,
  CDP_TTL_AT,
  CDP_VERSION_AT,
} = cdpModule;

const TRUNC = " [|cdp]";
const INVALID = " (invalid)";

/** `len` bytes at `at`, escaped as tcpdump's nd_printjn prints them (NULs included). */
function chars(d: Uint8Array, at: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += printable(d[at + i]);
  return s;
}

function printable(ch: number): string {
  if (ch >= 0x80) return "M-" + printable(ch & 0x7f);
  if (ch < 0x20 || ch === 0x7f) return "^" + String.fromCharCode(ch ^ 0x40);
  return String.fromCharCode(ch);
}

function hex(d: Uint8Array, from: number, to: number): string {
  return hexDump(d, from, to, false).replace(/\n\t/g, " ");
}

/** The TLV types tcpdump names but prints nothing of. */
const SILENT = [0x08, 0x0c, 0x0d, 0x15];

/** The CDP packet at `off` (captured up to `end`), `length` octets by the 802.3 length. */
export function cdp(c: PrintContext, off: number, end: number, length: number): string {
  const d = c.d, v = c.verbose;
  if (off + CDP_HLEN > end) return TRUNC;
  let s = "CDPv" + d[off + CDP_VERSION_AT] + ", ttl: " + d[off + CDP_TTL_AT] + "s";
  if (v) {
    s += ", checksum: 0x" + hex4(u16(d, off + CDP_CHECKSUM_AT)) + " (unverified), length " +
      length;
  }
  let t = off + CDP_HLEN, left = length - CDP_HLEN;
  for (let n = 0; n < CDP_MAX_TLVS && left > 0; n++) {
    if (left < CDP_TLV_HLEN) {
      return s + " (remaining packet length " + left + " < " + CDP_TLV_HLEN + ")" + INVALID;
    }
    if (t + CDP_TLV_HLEN > end) return s + TRUNC;
    const type = u16(d, t + CDP_TLV_TYPE_AT), len = u16(d, t + CDP_TLV_LEN_AT);
    const name = CDP_TLVS[type] ?? "unknown field type";
    if (len < CDP_TLV_HLEN) {
      return s + (v
        ? " " + name + " (0x" + hex2(type) + "), TLV length: " + len + " byte" +
          (len === 1 ? "" : "s") + " (too short)"
        : ", " + name + " TLV length " + len + " too short") +
        INVALID;
    }
    if (len > left) return s + " (TLV length " + len + " > " + left + ")" + INVALID;
    const at = t + CDP_TLV_HLEN, vl = len - CDP_TLV_HLEN;
    if (t + len > end) return s + cut(c, type, name, at, vl, end);
    if (!v) {
      if (type === CDP_DEVICE_ID) s += ", Device-ID '" + chars(d, at, vl) + "'";
      else s += (malformed(type, vl) ? " (malformed TLV)" : "") + hex(d, at, at + vl);
    } else {
      s += " " + name + " (0x" + hex2(type) + "), value length: " + vl + " byte" +
        (vl === 1 ? "" : "s") + ": " + value(d, type, at, vl);
    }
    t += len;
    left -= len;
  }
  return v ? s : s + ", length " + length;
}

/** What tcpdump prints of a TLV whose value the capture cut short, then the marker. */
function cut(c: PrintContext, type: number, name: string, at: number, len: number, end: number) {
  const d = c.d, have = Math.max(0, Math.min(len, end - at));
  if (!c.verbose) {
    return type === CDP_DEVICE_ID ? ", Device-ID '" + chars(d, at, have) + TRUNC : TRUNC;
  }
  let s = " " + name + " (0x" + hex2(type) + "), value length: " + len + " byte" +
    (len === 1 ? "" : "s") + ": ";
  if (type === CDP_VERSION) s += " " + chars(d, at, have).replace(/\^J/g, " ");
  else if (QUOTED.includes(type)) s += "'" + chars(d, at, have);
  return s + TRUNC;
}

/** The TLVs tcpdump prints as quoted text. */
const QUOTED = [CDP_DEVICE_ID, CDP_PORT_ID, CDP_PLATFORM, CDP_VTP_DOMAIN, CDP_SYSTEM_NAME];

/** Value lengths tcpdump requires of some TLVs, by type. */
const EXACT: Readonly<Record<number, number>> = {
  [CDP_CAPABILITIES]: 4,
  [CDP_NATIVE_VLAN]: 2,
  [CDP_DUPLEX]: 1,
  [CDP_MTU]: 4,
  0x10: 2,
  0x12: 1,
  0x13: 1,
};

/** True when a TLV of `type` has a value length tcpdump calls malformed. */
function malformed(type: number, len: number): boolean {
  return (EXACT[type] !== undefined && EXACT[type] !== len) || type === 0x0e || type === 0x0f;
}

/** Octets of one prefix of the Prefixes TLV: an IPv4 address and a length. */
const PREFIX_LEN = 5;
/** Offset of the prefix length after the address. */
const PREFIX_BITS_AT = 4;

/** -v text of a TLV's value. */
function value(d: Uint8Array, type: number, at: number, len: number): string {
  switch (type) {
    case CDP_DEVICE_ID:
    case CDP_PORT_ID:
    case CDP_PLATFORM:
    case CDP_VTP_DOMAIN:
    case CDP_SYSTEM_NAME:
      return "'" + chars(d, at, len) + "'";
    case CDP_ADDRESS:
    case CDP_MGMT_ADDRESS:
      return addresses(d, at, len);
    case CDP_CAPABILITIES: {
      if (len !== 4) return " (malformed TLV)" + hex(d, at, at + len);
      const caps = u32(d, at);
      return "(0x" + hex4(caps >>> 16) + hex4(caps) + "): " + bitNames(CDP_CAPS, caps);
    }
    case CDP_VERSION: {
      let s = " ";
      for (let i = 0; i < len; i++) {
        const ch = d[at + i];
        s += ch === 0x0a ? " " : printable(ch);
      }
      return s;
    }
    case CDP_NATIVE_VLAN:
      return len === 2 ? "" + u16(d, at) : " (malformed TLV)" + hex(d, at, at + len);
    case CDP_DUPLEX:
      return len === 1 ? (d[at] ? "full" : "half") : " (malformed TLV)" + hex(d, at, at + len);
    case CDP_MTU:
      return len === 4 ? u32(d, at) + " bytes" : " (malformed TLV)" + hex(d, at, at + len);
    case CDP_PREFIXES: {
      if (len % PREFIX_LEN !== 0) return " [length " + len + " is not a multiple of 5]";
      let p = " IPv4 Prefixes (" + len / PREFIX_LEN + "):";
      for (let i = 0; i < len; i += PREFIX_LEN) {
        p += " " + ipv4String(d, at + i) + "/" + d[at + i + PREFIX_BITS_AT];
      }
      return p;
    }
    case CDP_LOCATION:
      return len < 1 ? "" : "0x" + hex2(d[at]) + "/" + chars(d, at + 1, len - 1);
    default:
      if (SILENT.includes(type)) return "";
      if (CDP_TLVS[type] !== undefined) return " (malformed TLV)" + hex(d, at, at + len);
      return hex(d, at, at + len);
  }
}

/** The addresses of an Address TLV. */
function addresses(d: Uint8Array, at: number, len: number): string {
  const end = at + len;
  if (len < CDP_ADDR_COUNT_LEN) return " (not enough space for PT+PL)";
  let n = u32(d, at), a = at + CDP_ADDR_COUNT_LEN, s = "";
  for (let i = 0; n > 0 && i < CDP_MAX_TLVS; i++, n--) {
    const [alen, addr] = cdpAddress(d, a, end);
    if (alen < 0) return s + " (not enough space for PT+PL)";
    if (addr !== undefined) s += (s ? " " : "") + addr.family + " (" + n + ") " + addr.addr;
    a += alen;
  }
  return s;
}
