/**
 * Capture filters: pcap-filter(7) expressions compiled to classic BPF for linktype Ethernet.
 *
 * ```ts
 * const f = compileFilter("tcp port 443 or (vlan 100 and udp)");
 * f.matches(frameBytes);            // run in the built-in interpreter
 * f.bytes;                          // struct sock_filter[] for SO_ATTACH_FILTER
 * console.log(dumpProgram(f.insns)); // like tcpdump -d
 * ```
 *
 * @module
 */

import { BPF_MAXINSNS, type BpfInsn, encodeProgram, validateProgram } from "./bpf.ts";
import { generate } from "./codegen.ts";
import { linearize, optimize } from "./optimize.ts";
import { parseFilter } from "./parser.ts";
import { type BpfAux, runFilter } from "./vm.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { pkttypeOf } from "../packet/direction.ts";

export {
  BPF_MAXINSNS,
  type BpfInsn,
  BpfProgramError,
  decodeProgram,
  encodeProgram,
  validateProgram,
} from "./bpf.ts";
export { dumpProgram, insnImage } from "./dump.ts";
export { FilterError, FilterSyntaxError, FilterTooLongError } from "./errors.ts";
export { parseFilter } from "./parser.ts";
export { type BpfAux, runFilter } from "./vm.ts";

/** Default accept length, as tcpdump's (`ret #262144`). */
export const DEFAULT_SNAPLEN = 262144;

/** Options for {@link compileFilter}. */
export interface CompileOptions {
  /** Bytes to accept per matching frame (`ret #snaplen`); default 262144. */
  snaplen?: number;
  /**
   * `--vlan` ids: the frame must carry a tag with one of these ids (outer tag, or the second
   * tag of a QinQ frame), and the expression then applies to what follows the outer tag, as
   * `vlan and EXPR` would.
   */
  vlanIds?: number[];
  /**
   * Skip the optimizer (for debugging and tests). It never runs after `protochain` or `geneve`,
   * as libpcap's does not.
   */
  optimize?: boolean;
}

/** A compiled filter. */
export interface CompiledFilter {
  /** The program. */
  insns: BpfInsn[];
  /** The program as a `struct sock_filter` array (little-endian). */
  bytes: Uint8Array;
  /**
   * More instructions than the kernel accepts (`BPF_MAXINSNS`, 4096): attaching `bytes` to a
   * socket would fail, so the filter has to run in user space through `matches` (as libpcap
   * does when the kernel refuses a filter).
   */
  tooLongForKernel: boolean;
  /** Run the program on one frame; `wirelen` defaults to the byte count. */
  matches(data: Uint8Array, wirelen?: number, aux?: BpfAux): boolean;
  /**
   * Run the program on a record (read from a file, or a live frame filtered in user space): its
   * direction answers `inbound`/`outbound` and its interface index `ifindex`, as the kernel's
   * packet type and interface index do on a socket ({@link recordAux}).
   */
  matchesRecord(rec: PacketRecord): boolean;
}

/**
 * The ancillary values a record stands for: the packet type from its direction (`PACKET_HOST`
 * when unknown) and its interface index (the interface id in a pcapng file, 0 in a pcap file).
 * VLAN tags are inline in a record, so none is reported stripped.
 */
export function recordAux(rec: PacketRecord, into: BpfAux = {}): BpfAux {
  into.pktType = pkttypeOf(rec.direction);
  into.ifindex = rec.ifindex;
  into.vlanTagPresent = false;
  return into;
}

/**
 * Compile a pcap-filter expression ("" accepts everything). Throws `FilterSyntaxError` for
 * malformed expressions and `FilterError` for meaningless ones (including host names, which
 * rawcap never resolves).
 */
export function compileFilter(expr: string, opts: CompileOptions = {}): CompiledFilter {
  const snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
  if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > 0xffffffff) {
    throw new RangeError(`snaplen ${snaplen} out of range`);
  }
  for (const id of opts.vlanIds ?? []) {
    if (!Number.isInteger(id) || id < 0 || id > 4095) {
      throw new RangeError(`VLAN id ${id} out of range`);
    }
  }
  const ast = parseFilter(expr);
  const gen = generate(ast, { snaplen, vlanIds: opts.vlanIds }, expr);
  const entry = opts.optimize !== false && gen.optimizable ? optimize(gen.entry) : gen.entry;
  const insns = linearize(entry);
  validateProgram(insns, Infinity);
  const bytes = encodeProgram(insns);
  const aux: BpfAux = {};
  return {
    insns,
    bytes,
    tooLongForKernel: insns.length > BPF_MAXINSNS,
    matches: (data, wirelen = data.length, aux = {}) => runFilter(insns, data, wirelen, aux) > 0,
    matchesRecord: (rec) => runFilter(insns, rec.data, rec.len, recordAux(rec, aux)) > 0,
  };
}
