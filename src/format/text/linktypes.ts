/**
 * Text of the link headers other than Ethernet's, as tcpdump 4.99 prints them: Linux cooked
 * capture v1 and v2 (print-sll.c; v2 lines start with the interface name and the packet type
 * even without -e), BSD loopback (print-null.c, LINKTYPE_NULL and LINKTYPE_LOOP) and raw IP
 * (print-raw.c). What follows the header goes to the EtherType dispatch of link.ts.
 *
 * Known differences from tcpdump 4.99: Novell's raw 802.3 in a cooked header (IPX) and the
 * ISO, AppleTalk and IPX loopback families print the link header, as an unknown protocol does,
 * where tcpdump decodes them; no hex dump of an unknown protocol's bytes follows (as for
 * Ethernet).
 *
 * @module
 */

import { macString, u16, u32 } from "../../decode/bytes.ts";
import * as ethernetModule from "../../decode/ethernet.ts";
import * as frameModule from "../../decode/frame.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { ethertypeName } from "../../decode/numbers.ts";
import * as sllModule from "../../decode/sll.ts";
import { isVlanTpid, vlanId, vlanPcp } from "../../decode/vlan.ts";
import * as vlanModule from "../../decode/vlan.ts";
import * as linktypeModule from "../../packet/linktype.ts";
import { hex4, type PrintContext, then, trimSeparator } from "./context.ts";
import { afterType, llc, NOT_ETHERNET } from "./link.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { ETH_ALEN, ETH_DATA_LEN } = ethernetModule;
const { LAYER_NULL, LAYER_RAW, LAYER_SLL, LAYER_SLL2, LAYER_VLAN } = frameModule;
const {
  BSD_AF_NAMES,
  ETH_P_8021Q,
  ETH_P_IP,
  ETH_P_IPV6,
  LINUX_SLL_P_802_2,
  LINUX_SLL_P_802_3,
  SLL_PKTTYPES,
} = numbersModule;
const {
  SLL_ADDR_AT,
  SLL_HALEN_AT,
  SLL_PKTTYPE_AT,
  SLL2_ADDR_AT,
  SLL2_HALEN_AT,
  SLL2_IFINDEX_AT,
  SLL2_PKTTYPE_AT,
} = sllModule;
const { VLAN_DEI_MASK, VLAN_HLEN, VLAN_TCI_AT } = vlanModule;
const { LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_LOOP, LINKTYPE_NULL, LINKTYPE_RAW } =
  linktypeModule;

/** Width tcpdump gives a LINUX_SLL2 line's interface name (`%-5s`). */
const SLL2_IFNAME_WIDTH = 5;
/** Width tcpdump gives a packet type (`%-3s` in v2 lines, `%3s` after -e in v1). */
const SLL_PKTTYPE_WIDTH = 3;
/** The IP version nibble's shift in the first octet of a raw IP frame. */
const RAW_VERSION_SHIFT = 4;

/** The line after the time for a frame whose link type is not Ethernet (`c.linkType`). */
export function linkFrame(c: PrintContext, wireLen: number): string {
  const lt = c.linkType;
  if (lt === LINKTYPE_LINUX_SLL2) return cooked(c, wireLen, true);
  if (lt === LINKTYPE_LINUX_SLL) return cooked(c, wireLen, false);
  if (lt === LINKTYPE_NULL || lt === LINKTYPE_LOOP) return loopback(c, wireLen);
  if (lt === LINKTYPE_RAW) return raw(c, wireLen);
  return "[|link type " + lt + "]";
}

/** `s` with the space tcpdump's marker of a cut header starts with (the printers leave it out). */
function spaced(s: string): string {
  return s.startsWith("[|") ? " " + s : s;
}

/** tcpdump's name of a cooked packet type, "?" for others. */
function pkttypeName(t: number): string {
  return SLL_PKTTYPES[t] ?? "?";
}

/**
 * The cooked header as tcpdump's sll_print/sll2_print say it (-e, or for a protocol no printer
 * knows): packet type (v1) or interface index (v2), the address when it is 6 octets, then
 * unless -q the protocol and `len`.
 */
function cookedHeader(c: PrintContext, v2: boolean, len: number): string {
  const d = c.d;
  let s = v2
    ? "ifindex " + u32(d, SLL2_IFINDEX_AT) + " "
    : pkttypeName(u16(d, SLL_PKTTYPE_AT)).padStart(SLL_PKTTYPE_WIDTH) + " ";
  const halen = v2 ? d[SLL2_HALEN_AT] : u16(d, SLL_HALEN_AT);
  if (halen === ETH_ALEN) s += macString(d, v2 ? SLL2_ADDR_AT : SLL_ADDR_AT) + " ";
  if (c.quiet) return s;
  const p = c.ds.next[0];
  if (p > ETH_DATA_LEN) s += "ethertype " + ethertypeName(p) + " (0x" + hex4(p) + ")";
  else if (p === LINUX_SLL_P_802_3) s += "802.3";
  else if (p === LINUX_SLL_P_802_2) s += "802.2";
  else s += "ethertype Unknown (0x" + hex4(p) + ")";
  return s + ", length " + len + ": ";
}

/** A Linux cooked capture frame (v1, or v2 when `v2`), `len` octets on the wire. */
function cooked(c: PrintContext, len: number, v2: boolean): string {
  const d = c.d, ds = c.ds;
  if (c.kind(0) !== (v2 ? LAYER_SLL2 : LAYER_SLL)) return v2 ? " [|sll2]" : " [|sll]";
  let s = "";
  if (v2) {
    const name = c.ifName?.(u32(d, SLL2_IFINDEX_AT)) ?? "?";
    s = name.padEnd(SLL2_IFNAME_WIDTH) + " " +
      pkttypeName(d[SLL2_PKTTYPE_AT]).padEnd(SLL_PKTTYPE_WIDTH) + " ";
  }
  if (c.link) s += cookedHeader(c, v2, len);
  // Tags libpcap put back: tcpdump reads 802.1Q ones, each followed by the protocol it had.
  let type = ds.next[0], j = 1, tags = 0;
  while (type === ETH_P_8021Q) {
    if (c.kind(j) !== LAYER_VLAN) return s + " [|vlan]";
    const tci = u16(d, ds.start[j] + VLAN_TCI_AT);
    if (c.link) {
      s += "vlan " + vlanId(tci) + ", p " + vlanPcp(tci) + (tci & VLAN_DEI_MASK ? ", DEI" : "") +
        ", ";
    }
    type = ds.next[j];
    if (!c.quiet) s += "ethertype " + ethertypeName(type) + ", ";
    j++;
    tags++;
  }
  let rest = "";
  if (type === LINUX_SLL_P_802_2) return then(s, spaced(llc(c, j)));
  if (type > ETH_DATA_LEN && !isVlanTpid(type)) {
    rest = spaced(afterType(c, j, type, NOT_ETHERNET, len));
    if (!c.unknownType) return then(s, rest);
  } else if (type <= ETH_DATA_LEN && type !== LINUX_SLL_P_802_3) return then(s, "");
  // A protocol no printer here knows: without -e, the header says what it was.
  if (rest === "" && !c.link) rest = cookedHeader(c, v2, len - tags * VLAN_HLEN);
  return trimSeparator(s + rest);
}

/** A BSD loopback frame (NULL or LOOP), `len` octets on the wire. */
function loopback(c: PrintContext, len: number): string {
  const ds = c.ds;
  if (c.kind(0) !== LAYER_NULL) return " [|null]";
  const family = ds.aux[0], name = BSD_AF_NAMES[family];
  const head =
    (c.quiet ? name ?? "Unknown AF " + family : "AF " + (name ?? "Unknown") + " (" + family + ")") +
    ", length " + len + ": ";
  const type = ds.next[0];
  if (type === 0) return then(head, "");
  return (c.link ? head : "") + spaced(afterType(c, 1, type, NOT_ETHERNET, len));
}

/** A raw IP frame, `len` octets on the wire: IPv4 or IPv6 by the version nibble. */
function raw(c: PrintContext, len: number): string {
  const ds = c.ds, head = c.link ? "ip: " : "";
  if (ds.truncated === LAYER_RAW) return head + (len < 1 ? "truncated-ip " + len : " [|ipn]");
  const v = c.d[0] >> RAW_VERSION_SHIFT;
  if (ds.malformed === LAYER_RAW) return head + "unknown ip " + v;
  return head + spaced(afterType(c, 0, v === 4 ? ETH_P_IP : ETH_P_IPV6, NOT_ETHERNET, len));
}
