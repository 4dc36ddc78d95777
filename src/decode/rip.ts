/** RIP v1/v2 (RFC 1058, 2453) over UDP port 520. */
import { ipv4String, u16, u32 } from "./bytes.ts";
import { RIP_AF_AUTH } from "./numbers.ts";

/** Offset of the command. */
export const RIP_CMD_AT = 0;
/** Offset of the version. */
export const RIP_VERSION_AT = 1;
/** The header, in octets; route entries follow. */
export const RIP_HLEN = 4;
/** One route entry, in octets. */
export const RIP_ROUTELEN = 20;
/** Entry: offset of the address family. */
export const RIP_AF_AT = 0;
/** Entry: offset of the route tag (v2; the authentication type in an authentication entry). */
export const RIP_TAG_AT = 2;
/** Entry: offset of the destination. */
export const RIP_DEST_AT = 4;
/** Entry: offset of the mask (v2). */
export const RIP_MASK_AT = 8;
/** Entry: offset of the next hop (v2). */
export const RIP_NEXTHOP_AT = 12;
/** Entry: offset of the metric. */
export const RIP_METRIC_AT = 16;
/** Authentication entry: offset of the password. */
export const RIP_AUTH_AT = 4;
/** Authentication entry: octets of the password. */
export const RIP_AUTH_LEN = 16;
/** Most entries printed from one message. */
export const RIP_MAX_ENTRIES = 4096;
/** Smallest RIP message the walker records. */
export const RIP_MINLEN = 2;

/** A RIP route entry. */
export interface RipRoute {
  /** Address family (2 IPv4, 0 for a whole-table request). */
  family: number;
  /** Destination. */
  address: string;
  /** Mask (v2). */
  mask: string;
  /** Next hop (v2; 0.0.0.0 for this router). */
  nextHop: string;
  /** Route tag (v2). */
  tag: number;
  /** Metric. */
  metric: number;
}

/** A decoded RIP message. */
export interface RipMessage {
  /** Command (1 request, 2 response). */
  command: number;
  /** Version. */
  version: number;
  /** The route entries captured whole (authentication entries left out). */
  routes: RipRoute[];
}

/** Reads the RIP message at `[off, end)` (needs 2 octets). */
export function ripMessage(d: Uint8Array, off: number, end: number): RipMessage {
  const m: RipMessage = {
    command: d[off + RIP_CMD_AT],
    version: d[off + RIP_VERSION_AT],
    routes: [],
  };
  let at = off + RIP_HLEN;
  for (let n = 0; n < RIP_MAX_ENTRIES && at + RIP_ROUTELEN <= end; n++, at += RIP_ROUTELEN) {
    const family = u16(d, at + RIP_AF_AT);
    if (family === RIP_AF_AUTH) continue;
    m.routes.push({
      family,
      address: ipv4String(d, at + RIP_DEST_AT),
      mask: ipv4String(d, at + RIP_MASK_AT),
      nextHop: ipv4String(d, at + RIP_NEXTHOP_AT),
      tag: u16(d, at + RIP_TAG_AT),
      metric: u32(d, at + RIP_METRIC_AT),
    });
  }
  return m;
}
