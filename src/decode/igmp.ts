/** IGMP (RFC 1112, 2236, 3376): queries, reports and leaves. */
import { ipv4String, u16 } from "./bytes.ts";
import {
  IGMP_MEMBERSHIP_QUERY,
  IGMP_V1_MEMBERSHIP_REPORT,
  IGMP_V2_LEAVE_GROUP,
  IGMP_V2_MEMBERSHIP_REPORT,
  IGMP_V3_MEMBERSHIP_REPORT,
} from "./numbers.ts";

/** Offset of the type. */
export const IGMP_TYPE_AT = 0;
/** Offset of the maximum response code (queries). */
export const IGMP_CODE_AT = 1;
/** Offset of the group address (queries, v1/v2 reports, leaves). */
export const IGMP_GROUP_AT = 4;
/** IGMPv3 query: offset of the number of sources. */
export const IGMPV3_QUERY_NSRCS_AT = 10;
/** Smallest IGMPv3 query, in octets: longer queries than v1/v2 ones are v3. */
export const IGMPV3_QUERY_MINLEN = 12;
/** IGMPv3 report: offset of the number of group records. */
export const IGMPV3_REPORT_NREC_AT = 6;
/** IGMPv3 report: where the group records start. */
export const IGMPV3_RECORDS_AT = 8;
/** Group record: offset of the record type. */
export const IGMPV3_REC_TYPE_AT = 0;
/** Group record: offset of the auxiliary data length, in 32-bit words. */
export const IGMPV3_REC_AUXLEN_AT = 1;
/** Group record: offset of the number of sources. */
export const IGMPV3_REC_NSRCS_AT = 2;
/** Group record: offset of the multicast address. */
export const IGMPV3_REC_GROUP_AT = 4;
/** Group record: octets before the source addresses. */
export const IGMPV3_REC_HLEN = 8;
/** The maximum response time an IGMPv2 query gives unless told otherwise, in tenths of a second. */
export const IGMP_V2_DEFAULT_MAX_RESP = 100;
/** Smallest IGMP message (v1/v2), in octets. */
export const IGMP_MINLEN = 8;

/** Octets of the IGMPv3 group record at `off`: header, sources and auxiliary data. */
export function igmpv3RecordLength(d: Uint8Array, off: number): number {
  return IGMPV3_REC_HLEN + 4 * u16(d, off + IGMPV3_REC_NSRCS_AT) +
    4 * d[off + IGMPV3_REC_AUXLEN_AT];
}

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
  const type = d[off + IGMP_TYPE_AT];
  const maxResp = d[off + IGMP_CODE_AT];
  const len = declaredLen;
  const group = off + IGMP_GROUP_AT;
  switch (type) {
    case IGMP_MEMBERSHIP_QUERY: {
      const version = len >= IGMPV3_QUERY_MINLEN ? 3 : maxResp === 0 ? 1 : 2;
      const m: IgmpMessage = { type, version, maxResp, group: ipv4String(d, group) };
      if (version === 3 && off + IGMPV3_QUERY_MINLEN <= end) {
        m.sources = u16(d, off + IGMPV3_QUERY_NSRCS_AT);
      }
      return m;
    }
    case IGMP_V1_MEMBERSHIP_REPORT:
      return { type, version: 1, maxResp: 0, group: ipv4String(d, group) };
    case IGMP_V2_MEMBERSHIP_REPORT:
    case IGMP_V2_LEAVE_GROUP:
      return { type, version: 2, maxResp: 0, group: ipv4String(d, group) };
    case IGMP_V3_MEMBERSHIP_REPORT:
      return { type, version: 3, maxResp: 0, records: u16(d, off + IGMPV3_REPORT_NREC_AT) };
    default:
      return { type, version: 0, maxResp };
  }
}
