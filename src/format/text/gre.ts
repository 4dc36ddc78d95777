/** Text of GRE, as tcpdump's print-gre.c prints version 0, and of the packet it carries. */

import { u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import * as greModule from "../../decode/gre.ts";
import { ethertypeName } from "../../decode/numbers.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { hex4, type PrintContext } from "./context.ts";
import { ipv4, ipv6 } from "./ip.ts";
import { ether } from "./link.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_ETHERNET, LAYER_IPV4, LAYER_IPV6 } = frameModule;
const {
  GRE_CSUM,
  GRE_FIELD_LEN,
  GRE_FLAGS_AT,
  GRE_HLEN,
  GRE_KEY,
  GRE_OFFSET_AT,
  GRE_PROTO_AT,
  GRE_ROUTING,
  GRE_SEQ,
  GRE_VERSION,
} = greModule;
const { ETH_P_IP, ETH_P_IPV6, ETH_P_TEB } = numbersModule;

/** `checksum present, key present`: the flags of a GRE header, "none" without any. */
function greFlags(flags: number): string {
  let s = flags & GRE_CSUM ? "checksum present" : "";
  if (flags & GRE_ROUTING) s += (s ? ", " : "") + "routing present";
  if (flags & GRE_KEY) s += (s ? ", " : "") + "key present";
  if (flags & GRE_SEQ) s += (s ? ", " : "") + "sequence# present";
  return s || "none";
}

/** The GRE layer `k`; `len` is the GRE packet length the IP header gives. */
export function gre(c: PrintContext, k: number, len: number): string {
  const d = c.d, ds = c.ds, off = ds.start[k];
  const flags = u16(d, off + GRE_FLAGS_AT), version = flags & GRE_VERSION;
  const proto = u16(d, off + GRE_PROTO_AT);
  let s = "GREv" + version;
  if (version !== 0) return s + ", length " + len;
  if (c.verbose) s += ", Flags [" + greFlags(flags) + "]";
  let i = off + GRE_HLEN;
  if (flags & (GRE_CSUM | GRE_ROUTING)) {
    if (c.verbose) s += ", sum 0x" + u16(d, i).toString(16);
    s += ", off 0x" + u16(d, i + GRE_OFFSET_AT).toString(16);
    i += GRE_FIELD_LEN;
  }
  if (flags & GRE_KEY) {
    s += ", key=0x" + u32(d, i).toString(16);
    i += GRE_FIELD_LEN;
  }
  if (flags & GRE_SEQ) s += ", seq " + u32(d, i);
  if (c.link) {
    s += ", proto " + ethertypeName(proto).replace("Unknown", "unknown") + " (0x" + hex4(proto) +
      ")";
  }
  s += ", length " + len + ": ";
  const j = k + 1, kind = c.kind(j);
  if (proto === ETH_P_IP) return s + (kind === LAYER_IPV4 ? ipv4(c, j) : "IP [|ip]");
  if (proto === ETH_P_IPV6) return s + (kind === LAYER_IPV6 ? ipv6(c, j) : "IP6 [|ip6]");
  if (proto === ETH_P_TEB) {
    return s + (kind === LAYER_ETHERNET ? ether(c, j, ds.end[j] - ds.start[j]) : "[|ether]");
  }
  return s + "gre-proto-0x" + proto.toString(16);
}
