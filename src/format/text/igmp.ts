/** Text of IGMP, as tcpdump's print-igmp.c prints it. */

import { ipv4String, u16 } from "../../decode/bytes.ts";
import { igmpMessage, igmpv3RecordLength } from "../../decode/igmp.ts";
import * as igmpModule from "../../decode/igmp.ts";
import * as numbersModule from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  IGMP_V2_DEFAULT_MAX_RESP,
  IGMPV3_REC_GROUP_AT,
  IGMPV3_REC_HLEN,
  IGMPV3_REC_NSRCS_AT,
  IGMPV3_REC_TYPE_AT,
  IGMPV3_RECORDS_AT,
} = igmpModule;
const {
  IGMP_MEMBERSHIP_QUERY,
  IGMP_V1_MEMBERSHIP_REPORT,
  IGMP_V2_LEAVE_GROUP,
  IGMP_V2_MEMBERSHIP_REPORT,
  IGMP_V3_MEMBERSHIP_REPORT,
  IGMPV3_RECORD_TYPES,
} = numbersModule;

/** The IGMP layer `k`. */
export function igmp(c: PrintContext, k: number): string {
  if (c.quiet) return "igmp";
  const d = c.d, ds = c.ds;
  const m = igmpMessage(d, ds.start[k], ds.end[k], ds.aux[k]);
  switch (m.type) {
    case IGMP_MEMBERSHIP_QUERY: {
      let s = "igmp query v" + m.version;
      if (m.version === 2 && m.maxResp !== IGMP_V2_DEFAULT_MAX_RESP) {
        s += " [max resp time " + m.maxResp + "]";
      }
      return m.group !== "0.0.0.0" ? s + " [gaddr " + m.group + "]" : s;
    }
    case IGMP_V1_MEMBERSHIP_REPORT:
      return "igmp v1 report " + m.group;
    case IGMP_V2_MEMBERSHIP_REPORT:
      return "igmp v2 report " + m.group;
    case IGMP_V2_LEAVE_GROUP:
      return "igmp leave " + m.group;
    case IGMP_V3_MEMBERSHIP_REPORT: {
      let s = "igmp v3 report, " + m.records + " group record(s)";
      if (c.verbose === 0) return s;
      // -v: each group record, as tcpdump prints them.
      const end = ds.end[k];
      let off = ds.start[k] + IGMPV3_RECORDS_AT;
      for (let r = 0; r < (m.records ?? 0); r++) {
        if (off + IGMPV3_REC_HLEN > end) return s + " [|igmp]";
        const rt = d[off + IGMPV3_REC_TYPE_AT];
        const type = IGMPV3_RECORD_TYPES[rt] ?? "[invalid " + rt + "]";
        s += " [gaddr " + ipv4String(d, off + IGMPV3_REC_GROUP_AT) + " " + type + ", " +
          u16(d, off + IGMPV3_REC_NSRCS_AT) + " source(s)]";
        off += igmpv3RecordLength(d, off);
      }
      return s;
    }
    default:
      return "igmp-" + m.type;
  }
}
