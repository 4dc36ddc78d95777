/** IGMP (RFC 1112, 2236, 3376): queries, reports and leaves. */
import { ipv4String, u16 } from "./bytes.ts";

/** IP protocol number of IGMP. */
export const IPPROTO_IGMP = 2;
/** Smallest IGMP message (v1/v2), in octets. */
export const IGMP_MINLEN = 8;

/** Membership query (all versions). */
export const IGMP_MEMBERSHIP_QUERY = 0x11;
/** IGMPv1 membership report. */
export const IGMP_V1_MEMBERSHIP_REPORT = 0x12;
/** IGMPv2 membership report. */
export const IGMP_V2_MEMBERSHIP_REPORT = 0x16;
/** IGMPv2 leave group. */
export const IGMP_V2_LEAVE_GROUP = 0x17;
/** IGMPv3 membership report. */
export const IGMP_V3_MEMBERSHIP_REPORT = 0x22;

/** A decoded IGMP message. */
export interface IgmpMessage {
  /** Message type (IGMP_*). */
  type: number;
  /** Protocol version the message belongs to (1, 2 or 3; 0 for unknown types). */
  version: number;
  /** Max response code of a query (tenths of a second for v2), 0 otherwise. */
  maxResp: number;
  /** Group address (queries: 0.0.0.0 for a general query); absent in v3 reports. */
  group?: string;
  /** Group records in a v3 report. */
  records?: number;
  /** Source addresses listed in a v3 query. */
  sources?: number;
}

/**
 * Reads the IGMP message at `off` (needs 8 bytes). `declaredLen` is the message length the IP
 * header gives (a query of 12 bytes or more is IGMPv3); it defaults to `end - off`.
 */
export function igmpMessage(
  d: Uint8Array,
  off: number,
  end: number,
  declaredLen = end - off,
): IgmpMessage {
  const type = d[off];
  const maxResp = d[off + 1];
  const len = declaredLen;
  switch (type) {
    case IGMP_MEMBERSHIP_QUERY: {
      const version = len >= 12 ? 3 : maxResp === 0 ? 1 : 2;
      const m: IgmpMessage = { type, version, maxResp, group: ipv4String(d, off + 4) };
      if (version === 3 && off + 12 <= end) m.sources = u16(d, off + 10);
      return m;
    }
    case IGMP_V1_MEMBERSHIP_REPORT:
      return { type, version: 1, maxResp: 0, group: ipv4String(d, off + 4) };
    case IGMP_V2_MEMBERSHIP_REPORT:
    case IGMP_V2_LEAVE_GROUP:
      return { type, version: 2, maxResp: 0, group: ipv4String(d, off + 4) };
    case IGMP_V3_MEMBERSHIP_REPORT:
      return { type, version: 3, maxResp: 0, records: u16(d, off + 6) };
    default:
      return { type, version: 0, maxResp };
  }
}
