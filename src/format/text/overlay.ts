/**
 * Text of the overlays carried over UDP, as tcpdump's print-vxlan.c and print-geneve.c print
 * them, and of the packet inside; MPLS label stacks, as print-mpls.c prints them. tcpdump puts a VXLAN frame's inner packet on a line of its
 * own (and, with -v, Geneve's); rawcap keeps it on the same line after `: `.
 *
 * @module
 */

import { hex2, u16 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import { geneveOptLen, geneveOptSize, geneveVersion, geneveVni } from "../../decode/geneve.ts";
import * as geneveModule from "../../decode/geneve.ts";
import { mplsBottom, mplsLabel, mplsTc, mplsTtl } from "../../decode/mpls.ts";
import { ethertypeName, geneveClassName } from "../../decode/numbers.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { vxlanVni } from "../../decode/vxlan.ts";
import * as vxlanModule from "../../decode/vxlan.ts";
import { hex4, type PrintContext } from "./context.ts";
import { ipv4, ipv6 } from "./ip.ts";
import { ether } from "./link.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_ETHERNET, LAYER_GENEVE, LAYER_IPV4, LAYER_IPV6, LAYER_MPLS } = frameModule;
const {
  GENEVE_FLAGS_AT,
  GENEVE_HLEN,
  GENEVE_OPT_CLASS_AT,
  GENEVE_OPT_HLEN,
  GENEVE_OPT_TYPE_AT,
  GENEVE_PROTO_AT,
  GENEVE_RSVD_AT,
} = geneveModule;
const {
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_TEB,
  GENEVE_FLAG_C,
  GENEVE_FLAG_O,
  GENEVE_OPT_CRITICAL,
  MPLS_LABEL_NAMES,
  VXLAN_FLAG_I,
} = numbersModule;
const { VXLAN_FLAGS_AT, VXLAN_HLEN, VXLAN_VNI_AT } = vxlanModule;

/** The Ethernet frame at layer `j`, or tcpdump's mark when it is cut short. */
function innerEther(c: PrintContext, j: number): string {
  if (c.kind(j) !== LAYER_ETHERNET) return " [|ether]";
  return ether(c, j, c.ds.end[j] - c.ds.start[j]);
}

/** VXLAN at `off`; `len` is the UDP payload length. */
export function vxlan(c: PrintContext, off: number, len: number): string {
  const d = c.d;
  let s = "VXLAN";
  if (len < VXLAN_HLEN) return s + " (invalid)";
  s += ", ";
  if (off + VXLAN_FLAGS_AT >= d.length) return s + " [|vxlan]";
  const flags = d[off + VXLAN_FLAGS_AT];
  s += "flags [" + (flags & VXLAN_FLAG_I ? "I" : ".") + "] (0x" + hex2(flags) + "), ";
  if (off + VXLAN_HLEN > d.length || off + VXLAN_VNI_AT >= d.length) return s + " [|vxlan]";
  return s + "vni " + vxlanVni(d, off) + ": " + innerEther(c, next(c, off));
}

/** Index of the layer that starts right after the overlay header at `off`, or the count. */
function next(c: PrintContext, off: number): number {
  const ds = c.ds;
  for (let i = 0; i < ds.count; i++) if (ds.start[i] > off) return i;
  return ds.count;
}

/** `OC`: the Geneve flags tcpdump names, "none" without any. */
function geneveFlags(flags: number): string {
  return ((flags & GENEVE_FLAG_O ? "O" : "") + (flags & GENEVE_FLAG_C ? "C" : "")) || "none";
}

/** -v: the Geneve options in `[from, to)`. */
function geneveOpts(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to;) {
    if (i + GENEVE_OPT_HLEN > d.length) return s + " [|geneve]";
    const cls = u16(d, i + GENEVE_OPT_CLASS_AT), type = d[i + GENEVE_OPT_TYPE_AT];
    const size = geneveOptSize(d, i);
    s += (i === from ? "" : ", ") + "class " + geneveClassName(cls) + " (0x" + cls.toString(16) +
      ") type 0x" + type.toString(16) + (type & GENEVE_OPT_CRITICAL ? "(C)" : "") + " len " + size;
    if (i + size > to) return s + " [bad length]";
    i += size;
  }
  return s;
}

/** Geneve at `off`; `len` is the UDP payload length. */
export function geneve(c: PrintContext, off: number, len: number): string {
  const d = c.d, k = next(c, off) - 1;
  let s = "Geneve";
  if (c.kind(k) !== LAYER_GENEVE || c.ds.start[k] !== off) return s + " [|geneve]";
  const v = geneveVersion(d, off);
  if (v !== 0) return s + " ERROR: unknown-version " + v;
  const proto = u16(d, off + GENEVE_PROTO_AT), rsvd = d[off + GENEVE_RSVD_AT];
  s += ", Flags [" + geneveFlags(d[off + GENEVE_FLAGS_AT]) + "], vni 0x" +
    geneveVni(d, off).toString(16);
  if (rsvd) s += ", rsvd 0x" + rsvd.toString(16);
  if (c.link) {
    s += ", proto " + ethertypeName(proto).replace("Unknown", "unknown") + " (0x" + hex4(proto) +
      ")";
  }
  const optLen = geneveOptLen(d, off), rest = len - GENEVE_HLEN;
  if (rest < optLen) return s + " truncated-geneve - " + (optLen - rest) + " bytes missing";
  const opts = off + GENEVE_HLEN;
  if (opts + optLen > d.length) return s + " [|geneve]";
  if (optLen > 0) {
    s += ", options [" + (c.verbose ? geneveOpts(d, opts, opts + optLen) : optLen + " bytes") +
      "]";
  }
  s += ": ";
  const j = k + 1, kind = c.kind(j);
  if (proto === ETH_P_IP) return s + (kind === LAYER_IPV4 ? ipv4(c, j) : "IP [|ip]");
  if (proto === ETH_P_IPV6) return s + (kind === LAYER_IPV6 ? ipv6(c, j) : "IP6 [|ip6]");
  if (proto === ETH_P_TEB) return s + innerEther(c, j);
  return s + "geneve-proto-0x" + proto.toString(16);
}

/**
 * The MPLS label stack from layer `j` and the IPv4 or IPv6 packet under it. tcpdump puts each
 * label after the first, and the packet, on lines of their own with -v; rawcap keeps the
 * spaces of its default line. A payload that is neither IPv4 nor IPv6 (tcpdump dumps it in
 * hex) is left out: `-x` shows it.
 */
export function mpls(c: PrintContext, j: number): string {
  const d = c.d, ds = c.ds;
  let s = "MPLS", k = j;
  for (; c.kind(k) === LAYER_MPLS; k++) {
    const off = ds.start[k], label = mplsLabel(d, off), bottom = mplsBottom(d, off);
    s += " (label " + label;
    if (c.verbose && label < MPLS_LABEL_NAMES.length) s += " (" + MPLS_LABEL_NAMES[label] + ")";
    s += ", tc " + mplsTc(d, off) + (bottom ? ", [S]" : "") + ", ttl " + mplsTtl(d, off) + ")";
    if (bottom) break;
  }
  if (c.kind(k) !== LAYER_MPLS) return s + " [|mpls]";
  const next = ds.next[k], kind = c.kind(k + 1);
  const ip = c.link ? "" : "IP ";
  if (next === ETH_P_IP) return s + " " + (kind === LAYER_IPV4 ? ipv4(c, k + 1) : ip + " [|ip]");
  if (next === ETH_P_IPV6) {
    return s + " " + (kind === LAYER_IPV6 ? ipv6(c, k + 1) : (ip && "IP6 ") + " [|ip6]");
  }
  return s;
}
