/**
 * Text of the link layer: the Ethernet header (with -e), VLAN tags, 802.2 LLC/SNAP, and the
 * dispatch on the EtherType to the network layer printers.
 *
 * @module
 */

import { hex2, mac48, macString, u16 } from "../../decode/bytes.ts";
import * as ethernetModule from "../../decode/ethernet.ts";
import * as frameModule from "../../decode/frame.ts";
import { ipv4HeaderLength, ipVersion } from "../../decode/ipv4.ts";
import * as ipv4Module from "../../decode/ipv4.ts";
import { llcControl, llcControlEnd, llcIsSnap, llcIsUFrame, snapOui } from "../../decode/llc.ts";
import * as llcModule from "../../decode/llc.ts";
import { ethertypeName } from "../../decode/numbers.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { isVlanTpid, vlanId, vlanPcp } from "../../decode/vlan.ts";
import * as vlanModule from "../../decode/vlan.ts";
import { arp } from "./arp.ts";
import { hex4, type PrintContext, then } from "./context.ts";
import { ipv4, ipv6 } from "./ip.ts";
import { cdp } from "./cdp.ts";
import { eapol } from "./eapol.ts";
import { llcFrame } from "./llc_frames.ts";
import { lldp } from "./lldp.ts";
import { ptp } from "./gateways2.ts";
import { slow } from "./slow.ts";
import { stp } from "./stp.ts";
// Overlays and encapsulations (issue 15 family 3).
import { mpls } from "./overlay.ts";
import { pppoe } from "./ppp.ts";
// Link types without Ethernet (issue 13d).
import { linkFrame } from "./linktypes.ts";
import { LINKTYPE_ETHERNET } from "../../packet/linktype.ts";
import { NULL_HDR_LEN } from "../../decode/null.ts";
import { SLL2_HDR_LEN, SLL_HDR_LEN } from "../../decode/sll.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { ETH_DATA_LEN, ETH_DST_AT, ETH_HLEN, ETH_SRC_AT } = ethernetModule;
const { LAYER_ARP, LAYER_ETHERNET, LAYER_IPV4, LAYER_IPV6, LAYER_LLC, LAYER_VLAN } = frameModule;
// Bridging and link control (issue 15 family 1).
const { LLC_SAP_GLOBAL, LLC_SAPS_ELSEWHERE } = numbersModule;
const { LAYER_CDP, LAYER_EAPOL, LAYER_LLDP, LAYER_PTP, LAYER_SLOW } = frameModule;
const { IPV4_LEN_AT, IPV4_MIN_HLEN } = ipv4Module;
const { LLC_CTRL_AT, LLC_DSAP_AT, LLC_GSAP, LLC_SSAP_AT, SNAP_HLEN, SNAP_TYPE_AT } = llcModule;
const { ETH_P_8021Q, ETH_P_ARP, ETH_P_IP, ETH_P_IPV6, LLC_SAPS } = numbersModule;
// Bridging and link control (issue 15 family 1).
const {
  CISCO_PIDS,
  ETH_P_PAE,
  ETH_P_1588,
  ETH_P_RARP,
  ETH_P_SLOW,
  LLC_SAP_STP,
  LLC_UI,
  OUI_CISCO,
  OUIS,
  PID_CISCO_CDP,
  PID_CISCO_PVST,
} = numbersModule;
const { VLAN_DEI_MASK, VLAN_HLEN, VLAN_TCI_AT } = vlanModule;
// Overlays and encapsulations (issue 15 family 3).
const { ETH_P_MPLS_MC, ETH_P_MPLS_UC, ETH_P_PPP_DISC, ETH_P_PPP_SES } = numbersModule;
const { LAYER_AH, LAYER_MPLS, LAYER_PPPOE, LAYER_VXLAN } = frameModule;
// Link types without Ethernet (issue 13d).
const { LAYER_NULL, LAYER_SLL, LAYER_SLL2 } = frameModule;

/** The whole line after the time and interface: VLAN ids up front (without -e), then layers. */
export function frame(c: PrintContext, wireLen: number): string {
  const ds = c.ds;
  c.wireLen = wireLen;
  // Link types without Ethernet (issue 13d).
  if (c.linkType !== LINKTYPE_ETHERNET) return linkFrame(c, wireLen);
  if (ds.count === 0) return "[|ether]";
  let s = "";
  if (!c.link) {
    for (let i = 1; i < ds.count && ds.kind[i] === LAYER_VLAN; i++) {
      s += "vlan " + vlanId(u16(c.d, ds.start[i] + VLAN_TCI_AT)) + " ";
    }
  }
  return s + ether(c, 0, wireLen);
}

/** {@link etherTypeText} without -q by EtherType, each made once ("" until then). */
const TYPE_TEXTS: string[] = new Array(1 << 16).fill("");

/** `ethertype IPv4 (0x0800)`, or with -q the name alone. */
export function etherTypeText(c: PrintContext, type: number): string {
  if (!c.quiet) {
    const text = TYPE_TEXTS[type & 0xffff];
    if (text !== "") return text;
  }
  const name = ethertypeName(type);
  if (c.quiet) return name === "Unknown" ? "Unknown Ethertype (0x" + hex4(type) + ")" : name;
  return TYPE_TEXTS[type & 0xffff] = "ethertype " + name + " (0x" + hex4(type) + ")";
}

/**
 * Recent {@link linkHeader} texts, direct-mapped by a hash of the two addresses (keys -1 while
 * empty): a conversation repeats its pair, and a hit is one piece, not four.
 */
const LINK_SLOTS = 256;
const linkSrc = new Float64Array(LINK_SLOTS).fill(-1);
const linkDst = new Float64Array(LINK_SLOTS).fill(-1);
const linkText: string[] = new Array(LINK_SLOTS).fill("");

/** `src > dst, ` of the Ethernet header at `off` ("" when `off` < 0). */
function linkHeader(c: PrintContext, off: number): string {
  if (off < 0) return "";
  const d = c.d, src = mac48(d, off + ETH_SRC_AT), dst = mac48(d, off + ETH_DST_AT);
  const h = (src % 0x100000000) ^ (dst % 0x100000000);
  const slot = (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & (LINK_SLOTS - 1);
  if (linkSrc[slot] === src && linkDst[slot] === dst) return linkText[slot];
  const text = macString(d, off + ETH_SRC_AT) + " > " + macString(d, off + ETH_DST_AT) + ", ";
  linkSrc[slot] = src;
  linkDst[slot] = dst;
  linkText[slot] = text;
  return text;
}

/** `, length N: ` by N below 2^16, each made once ("" until then). */
const LENGTH_TEXT: string[] = new Array(1 << 16).fill("");

function lengthText(len: number): string {
  if (len >= LENGTH_TEXT.length) return ", length " + len + ": ";
  const text = LENGTH_TEXT[len];
  return text !== "" ? text : LENGTH_TEXT[len] = ", length " + len + ": ";
}

/** The Ethernet layer `i` and what it carries; `len` is the frame length to print. */
export function ether(c: PrintContext, i: number, len: number): string {
  const off = c.ds.start[i];
  const type = c.ds.next[i];
  if (type <= ETH_DATA_LEN) {
    const rest = llc(c, i + 1);
    return c.link ? linkHeader(c, off) + "802.3, length " + type + ": " + rest : rest;
  }
  if (!c.link) return afterType(c, i + 1, type, off, len);
  return then(
    linkHeader(c, off) + etherTypeText(c, type) + lengthText(len),
    afterType(c, i + 1, type, off, len),
  );
}

/**
 * `ethOff` of {@link afterType} after a link header other than Ethernet's: an EtherType no
 * printer knows gives "" and sets the context's `unknownType`, for the link printer to say.
 */
export const NOT_ETHERNET = -2;

/**
 * What follows EtherType `type` at layer `j`; `ethOff` is its Ethernet header, -1 if none
 * ({@link NOT_ETHERNET} after another link header).
 */
export function afterType(
  c: PrintContext,
  j: number,
  type: number,
  ethOff: number,
  len: number,
): string {
  const ds = c.ds, kind = c.kind(j);
  if (isVlanTpid(type)) {
    if (kind !== LAYER_VLAN) return " [|vlan]";
    const tci = u16(c.d, ds.start[j] + VLAN_TCI_AT), next = ds.next[j];
    let s = "";
    if (c.link) {
      s += "vlan " + vlanId(tci) + ", p " + vlanPcp(tci) + (tci & VLAN_DEI_MASK ? ", DEI" : "") +
        ", ";
      s += next > ETH_DATA_LEN ? etherTypeText(c, next) + ", " : "802.3";
    }
    return then(
      s,
      next <= ETH_DATA_LEN ? llc(c, j + 1) : afterType(c, j + 1, next, ethOff, len),
    );
  }
  if (kind === LAYER_IPV4) return ipv4(c, j);
  if (kind === LAYER_IPV6) return ipv6(c, j);
  if (kind === LAYER_ARP) return arp(c, j, len);
  // Bridging and link control (issue 15 family 1).
  if (kind === LAYER_SLOW) return slow(c, j, len - ds.start[j]);
  if (kind === LAYER_LLDP) return lldp(c, j, len - ds.start[j]);
  // Gateway leftovers (issue 15, family 4).
  if (type === ETH_P_1588) {
    const before = ds.kind[j - 1];
    const at = kind === LAYER_PTP ? ds.start[j] : ds.start[j - 1] +
      (before === LAYER_VLAN
        ? VLAN_HLEN
        // Link types without Ethernet (issue 13d).
        : before === LAYER_SLL
        ? SLL_HDR_LEN
        : before === LAYER_SLL2
        ? SLL2_HDR_LEN
        : ETH_HLEN);
    return ptp(c, at, len - at);
  }
  if (kind === LAYER_EAPOL || type === ETH_P_PAE) {
    return eapol(c, kind === LAYER_EAPOL ? j : ds.count);
  }
  if (type === ETH_P_SLOW) return c.verbose ? " packet is too short" : " (packet is too short)";
  if (type === ETH_P_IP) {
    if (ds.malformed === LAYER_IPV4 && j < ds.count) return malformedIpv4(c, ds.start[j]);
    // tcpdump names the protocol only once it has read the version (issue 13d).
    const none = networkStart(c) >= c.d.length;
    if (none) c.earlyEnd = true;
    return (c.link || none ? "" : "IP ") + " [|ip]";
  }
  if (type === ETH_P_IPV6) {
    if (ds.malformed === LAYER_IPV6 && j < ds.count) {
      return (c.link ? "" : "IP6 ") + "version " + ipVersion(c.d, ds.start[j]) + " (invalid)";
    }
    // tcpdump 4.99.3 checks the whole fixed header before it names the protocol, and gives up
    // (its longjmp) there (issue 13d).
    c.earlyEnd = true;
    return " [|ip6]";
  }
  // tcpdump prints no protocol name before the marker (RARP: issue 15 family 1).
  if ((type === ETH_P_ARP || type === ETH_P_RARP) && kind === 0) return " [|arp]";
  // Overlays and encapsulations (issue 15 family 3).
  if (type === ETH_P_MPLS_UC || type === ETH_P_MPLS_MC) return mpls(c, j);
  if (type === ETH_P_PPP_DISC || type === ETH_P_PPP_SES) return pppoe(c, j);
  if (ethOff === NOT_ETHERNET) {
    c.unknownType = true;
    return "";
  }
  return c.link ? "" : linkHeader(c, ethOff) + etherTypeText(c, type) + ", length " + len;
}

/** An IPv4 header the walker refused: a wrong version, header length or total length. */
function malformedIpv4(c: PrintContext, off: number): string {
  const v = ipVersion(c.d, off), hl = ipv4HeaderLength(c.d, off);
  if (v !== 4) return "IP" + v + " (invalid)";
  return (c.link ? "" : "IP ") +
    (hl < IPV4_MIN_HLEN ? "bad-hlen " + hl : "bad-len " + u16(c.d, off + IPV4_LEN_AT));
}

/** `SNA (0x04) Individual`: a SAP's name, value and low bit (`low` names it when set). */
function sap(v: number, low: string, high: string): string {
  const s = v & ~LLC_GSAP;
  return (LLC_SAPS[s] ?? "Unknown") + " (0x" + hex2(s) + ") " + (v & LLC_GSAP ? low : high);
}

/**
 * Octets from the LLC layer `j` on as the link layer declares them: the 802.3 length of the
 * Ethernet header or tag before it, or after a cooked header (which has none) the rest of the
 * frame on the wire.
 */
export function llcDeclared(c: PrintContext, j: number): number {
  const ds = c.ds;
  let i = j - 1;
  while (i > 0 && ds.kind[i] === LAYER_VLAN) i--;
  const k = ds.kind[i];
  return k === LAYER_SLL || k === LAYER_SLL2 ? c.wireLen - ds.start[j] : ds.next[j - 1];
}

/** The 802.2 LLC layer `j` (with -e), and what a SNAP header with an EtherType carries. */
export function llc(c: PrintContext, j: number): string {
  const d = c.d, ds = c.ds;
  if (c.kind(j) !== LAYER_LLC) return "[|llc]";
  const off = ds.start[j];
  // tcpdump reads a 2-byte control field little-endian.
  const ctrl = llcIsUFrame(d, off)
    ? "0x" + hex2(d[off + LLC_CTRL_AT])
    : "0x" + hex4(llcControl(d, off));
  const desc = "LLC, dsap " + sap(d[off + LLC_DSAP_AT], "Group", "Individual") + ", ssap " +
    sap(d[off + LLC_SSAP_AT], "Response", "Command") + ", ctrl " + ctrl;
  const type = ds.next[j];
  if (type < 0) {
    const bridging = llcBridging(c, j, off, desc);
    if (bridging !== "") return bridging;
    // Bridging and link control (issue 15 family 1): frames tcpdump prints by their LLC header.
    if (!llcDecodedElsewhere(d, off)) return llcFrame(c, j, off, desc);
    return desc + ", length " + (ds.end[j] - off);
  }
  const snapEnd = off + llcControlEnd(d, off) + SNAP_HLEN;
  const rest = afterType(c, j + 1, type, -1, ds.end[j] - snapEnd);
  if (!c.link) return rest;
  return then(
    desc + ": oui Ethernet (0x000000), ethertype " + ethertypeName(type) + " (0x" + hex4(type) +
      "), length " + (ds.end[j] - snapEnd) + ": ",
    rest,
  );
}

/** Offset of the first byte after the outer link headers (Ethernet, VLAN tags, LLC/SNAP). */
export function networkStart(c: PrintContext): number {
  const ds = c.ds;
  // Other link types (issue 13d): raw IP has no link header, and tcpdump stops on a cut
  // cooked or loopback header before its length is known, and dumps the whole frame.
  if (ds.count === 0) return c.linkType === LINKTYPE_ETHERNET ? c.d.length : 0;
  // tcpdump's CDP printer reads every TLV even without -v: one cut short leaves tcpdump without
  // a header length, and it dumps the frame from its start (issue 15 family 1).
  if (ds.truncated === LAYER_CDP) return 0;
  // Overlays and encapsulations (issue 15 family 3): tcpdump's printers of these stop on a cut
  // header before the link layer's length is known, and -x then dumps the whole frame.
  const cut = ds.truncated;
  if (cut === LAYER_VXLAN || cut === LAYER_MPLS || cut === LAYER_PPPOE || cut === LAYER_AH) {
    return 0;
  }
  // A tag cut short after a cooked header: tcpdump counts the rest as link header (issue 13d).
  if (cut === LAYER_VLAN && (ds.kind[0] === LAYER_SLL || ds.kind[0] === LAYER_SLL2)) {
    let i = 1;
    while (i < ds.count && ds.kind[i] === LAYER_VLAN) i++;
    if (i === ds.count) return c.d.length;
  }
  let off = 0;
  for (let i = 0; i < ds.count; i++) {
    const k = ds.kind[i];
    if (k === LAYER_ETHERNET && i === 0) off = ETH_HLEN;
    // Link types without Ethernet (issue 13d).
    else if (k === LAYER_SLL) off = SLL_HDR_LEN;
    else if (k === LAYER_SLL2) off = SLL2_HDR_LEN;
    else if (k === LAYER_NULL) off = NULL_HDR_LEN;
    else if (k === LAYER_VLAN) {
      // tcpdump reads only 802.1Q tags after a cooked header (issue 13d).
      if (c.linkType !== LINKTYPE_ETHERNET && ds.next[i - 1] !== ETH_P_8021Q) break;
      off = ds.start[i] + VLAN_HLEN;
    } else if (k === LAYER_LLC) {
      off = ds.start[i] + llcControlEnd(c.d, ds.start[i]) +
        (llcIsSnap(c.d, ds.start[i]) ? SNAP_HLEN : 0);
    } else break;
  }
  return off;
}

// ---- Bridging and link control (issue 15 family 1) -------------------------------------------

/**
 * What tcpdump prints for the LLC layer `j` at `off` (`desc` its -e text) when it carries a
 * BPDU (SAP 0x42, or Cisco's PVST+ SNAP); "" when it does not.
 */
function llcBridging(c: PrintContext, j: number, off: number, desc: string): string {
  const d = c.d, ds = c.ds;
  // The 802.3 length counts from the LLC header: the layer before holds it.
  const declEnd = off + llcDeclared(c, j);
  let head = c.link ? desc + ": " : "";
  let at = off + llcControlEnd(d, off);
  if (llcIsSnap(d, off)) {
    const oui = snapOui(d, at), pid = u16(d, at + SNAP_TYPE_AT);
    if (oui !== OUI_CISCO || (pid !== PID_CISCO_PVST && pid !== PID_CISCO_CDP)) return "";
    at += SNAP_HLEN;
    if (c.link) {
      head += "oui " + OUIS[oui] + " (0x" + hex2(oui >> 16) + hex4(oui) + "), pid " +
        CISCO_PIDS[pid] + " (0x" + hex4(pid) + "), length " + (declEnd - at) + ": ";
    }
  } else if (
    (d[off + LLC_DSAP_AT] & ~LLC_GSAP) !== LLC_SAP_STP ||
    (d[off + LLC_SSAP_AT] & ~LLC_GSAP) !== LLC_SAP_STP || d[off + LLC_CTRL_AT] !== LLC_UI
  ) return "";
  if (llcIsSnap(d, off) && u16(d, at - SNAP_HLEN + SNAP_TYPE_AT) === PID_CISCO_CDP) {
    return head + cdp(c, at, ds.end[j], declEnd - at);
  }
  return head + stp(c, j + 1, at, declEnd - at);
}

/**
 * True for the LLC frames tcpdump hands to another printer (IP, IPX, OSI, raw IPX),
 * which rawcap prints by their LLC header alone.
 */
function llcDecodedElsewhere(d: Uint8Array, off: number): boolean {
  const dsap = d[off + LLC_DSAP_AT], ssap = d[off + LLC_SSAP_AT];
  if (dsap === LLC_SAP_GLOBAL && ssap === LLC_SAP_GLOBAL) return true;
  const ds = dsap & ~LLC_GSAP, ss = ssap & ~LLC_GSAP;
  return ds === ss && LLC_SAPS_ELSEWHERE.includes(ds) && llcIsUFrame(d, off);
}
