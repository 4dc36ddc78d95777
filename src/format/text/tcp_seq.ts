/**
 * tcpdump's relative TCP sequence numbers (its default; `-S` turns them off): the first segment
 * with ACK of a connection (or any SYN) records both directions' initial numbers, and later
 * segments print their sequence and acknowledgement numbers (and SACK blocks) relative to them.
 * The table is bounded: past {@link TCP_SEQ_MAX_FLOWS} connections the oldest is forgotten.
 *
 * @module
 */

import { u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import * as ipv4Module from "../../decode/ipv4.ts";
import * as ipv6Module from "../../decode/ipv6.ts";
import * as numbersModule from "../../decode/numbers.ts";
import * as tcpModule from "../../decode/tcp.ts";
import type { PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_IPV4 } = frameModule;
const { IPV4_ALEN, IPV4_SRC_AT } = ipv4Module;
const { IPV6_ALEN, IPV6_SRC_AT } = ipv6Module;
const { TH_ACK, TH_SYN } = numbersModule;
const { TCP_ACK_AT, TCP_DPORT_AT, TCP_SEQ_AT, TCP_SPORT_AT } = tcpModule;

/** Most connections remembered at once. */
export const TCP_SEQ_MAX_FLOWS = 4096;

/** The two initial numbers of one connection, for the direction with the lower port first. */
interface Base {
  seq: number;
  ack: number;
}

/** What {@link TcpSeqTable.relate} found for one segment. */
export class TcpSeqResult {
  /** The sequence number to print. */
  seq = 0;
  /** The acknowledgement number to print. */
  ack = 0;
  /** What SACK block edges are relative to (0 when absolute). */
  sackBase = 0;
}

/** The per-connection initial numbers (one table per printer). */
export class TcpSeqTable {
  readonly #flows = new Map<string, Base>();
  /** Reused for every segment. */
  readonly result: TcpSeqResult = new TcpSeqResult();

  /** Forgets every connection. */
  clear(): void {
    this.#flows.clear();
  }

  /**
   * The numbers to print for the TCP header at `off` (flags `flags`) of the IP layer in the
   * context, as tcpdump computes them; absolute when `relative` is false or ACK is not set.
   */
  relate(c: PrintContext, off: number, flags: number, relative: boolean): TcpSeqResult {
    const d = c.d, r = this.result;
    let seq = u32(d, off + TCP_SEQ_AT), ack = u32(d, off + TCP_ACK_AT);
    r.sackBase = 0;
    if (relative && flags & TH_ACK) {
      const ipOff = c.ds.start[c.ip];
      const alen = c.ds.kind[c.ip] === LAYER_IPV4 ? IPV4_ALEN : IPV6_ALEN;
      const src = ipOff + (alen === IPV4_ALEN ? IPV4_SRC_AT : IPV6_SRC_AT), dst = src + alen;
      const sport = u16(d, off + TCP_SPORT_AT), dport = u16(d, off + TCP_DPORT_AT);
      let rev = sport > dport;
      if (sport === dport) {
        for (let i = 0; i < alen; i++) {
          if (d[src + i] !== d[dst + i]) {
            rev = d[src + i] > d[dst + i];
            break;
          }
        }
      }
      const key = rev
        ? flowKey(d, dst, src, alen, dport, sport)
        : flowKey(d, src, dst, alen, sport, dport);
      let base = this.#flows.get(key);
      if (base === undefined || flags & TH_SYN) {
        base = rev ? { seq: (ack - 1) >>> 0, ack: seq } : { seq, ack: (ack - 1) >>> 0 };
        this.#flows.delete(key);
        if (this.#flows.size >= TCP_SEQ_MAX_FLOWS) {
          this.#flows.delete(this.#flows.keys().next().value!);
        }
        this.#flows.set(key, base);
      } else if (rev) {
        seq = (seq - base.ack) >>> 0;
        ack = (ack - base.seq) >>> 0;
      } else {
        seq = (seq - base.seq) >>> 0;
        ack = (ack - base.ack) >>> 0;
      }
      r.sackBase = rev ? base.seq : base.ack;
    }
    r.seq = seq;
    r.ack = ack;
    return r;
  }
}

/** The UTF-16 units of a key, by address length (2 ports, then 2 addresses in 16-bit units). */
const KEY_V4: number[] = new Array(2 + IPV4_ALEN).fill(0);
const KEY_V6: number[] = new Array(2 + IPV6_ALEN).fill(0);

/**
 * The table's key: both ports and addresses, lower-port side first, one UTF-16 unit per port
 * and per two address octets (6 units for IPv4, 18 for IPv6), made as one string.
 */
function flowKey(d: Uint8Array, a: number, b: number, alen: number, pa: number, pb: number) {
  const k = alen === IPV4_ALEN ? KEY_V4 : KEY_V6, half = alen >> 1;
  k[0] = pa;
  k[1] = pb;
  for (let i = 0; i < half; i++) {
    k[2 + i] = u16(d, a + 2 * i);
    k[2 + half + i] = u16(d, b + 2 * i);
  }
  return String.fromCharCode.apply(null, k);
}
