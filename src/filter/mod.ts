/**
 * Capture filters: pcap-filter(7) expressions compiled to classic BPF, for Ethernet frames or
 * those of another link type (`linkType`: Linux cooked v1 and v2, raw IP, BSD loopback).
 *
 * ```ts
 * const f = compileFilter("tcp port 443 or (vlan 100 and udp)");
 * f.matches(frameBytes);            // run as JavaScript (the program compiled by jit.ts)
 * f.bytes;                          // struct sock_filter[] for SO_ATTACH_FILTER
 * console.log(dumpProgram(f.insns)); // like tcpdump -d
 * ```
 *
 * @module
 */

import {
  BPF_ABS,
  BPF_LD,
  BPF_MAXINSNS,
  bpfClass,
  type BpfInsn,
  bpfMode,
  encodeProgram,
  SKF_AD_IFINDEX,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
  validateProgram,
} from "./bpf.ts";

/** A load of A at an absolute offset (any size): `ld`, `ldh`, `ldb` [k]. */
function isAbsLoad(code: number): boolean {
  return bpfClass(code) === BPF_LD && bpfMode(code) === BPF_ABS;
}
import { generate } from "./codegen.ts";
import { linearize, optimize } from "./optimize.ts";
import { parseFilter } from "./parser.ts";
import { type BpfFunctionAt, jitFilter, jitFilterAt } from "./jit.ts";
import type { BpfAux } from "./vm.ts";
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
export { filterSupportsLinkType } from "./codegen.ts";
export { type BpfAux, runFilter } from "./vm.ts";
export { type BpfFunction, type BpfFunctionAt, jitFilter, jitFilterAt } from "./jit.ts";

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
  /**
   * The frames' link type, a LINKTYPE_* number (src/packet/linktype.ts): Ethernet (the default),
   * LINUX_SLL, LINUX_SLL2, RAW, NULL or LOOP. The expression compiles as libpcap compiles it for
   * that link type, errors included (`vlan` on raw IP, `ether host` on a cooked capture...).
   * `inbound`/`outbound` read a cooked header's packet type, `ifindex` a v2 header's interface
   * index; on the other link types they read ancillary data, as on Ethernet.
   */
  linkType?: number;
  /**
   * For LINKTYPE_NULL, whose address family is in the byte order of the host that wrote the
   * frames: whether that is little-endian (for a pcap file, its header's byte order). Default:
   * this machine's.
   */
  nullLittleEndian?: boolean;
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
  /**
   * The program reads ancillary data (`inbound`, `outbound`, `ifindex`...): on files it needs
   * each record's direction and interface ({@link CompiledFilter.matchesRecord}), not bytes alone.
   */
  readsAncillary: boolean;
  /**
   * The program reads what a record says of itself (its direction, `inbound`/`outbound`, or
   * its interface, `ifindex`): on files it cannot run on bytes alone. Other ancillary data (a
   * stripped VLAN tag) is absent from file frames, whose tags are inline, so bytes do.
   */
  readsRecordAux: boolean;
  /** Run the program on one frame; `wirelen` defaults to the byte count. */
  matches(data: Uint8Array, wirelen?: number, aux?: BpfAux): boolean;
  /**
   * The program compiled for frames inside a larger buffer (`caplen` bytes at `at`), for
   * readers that filter records in place; compiled on first use.
   */
  readonly runAt: BpfFunctionAt;
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

/** The ancillary data of a frame read from a file: none (tags are inline). */
const NO_AUX: BpfAux = Object.freeze({});

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
  const gen = generate(ast, {
    snaplen,
    vlanIds: opts.vlanIds,
    linkType: opts.linkType,
    nullLittleEndian: opts.nullLittleEndian,
  }, expr);
  const entry = opts.optimize !== false && gen.optimizable ? optimize(gen.entry) : gen.entry;
  const insns = linearize(entry);
  validateProgram(insns, Infinity);
  const bytes = encodeProgram(insns);
  // Run as JavaScript compiled from the program; vm.ts's runFilter stays the reference.
  const run = jitFilter(insns);
  let runAt: BpfFunctionAt | undefined;
  const aux: BpfAux = {};
  return {
    insns,
    bytes,
    tooLongForKernel: insns.length > BPF_MAXINSNS,
    readsAncillary: insns.some((i) => isAbsLoad(i.code) && i.k >= SKF_AD_OFF),
    readsRecordAux: insns.some((i) =>
      isAbsLoad(i.code) &&
      (i.k === SKF_AD_OFF + SKF_AD_PKTTYPE || i.k === SKF_AD_OFF + SKF_AD_IFINDEX)
    ),
    matches: (data, wirelen = data.length, aux = NO_AUX) => run(data, wirelen, aux) > 0,
    get runAt() {
      return runAt ??= jitFilterAt(insns);
    },
    matchesRecord: (rec) => run(rec.data, rec.len, recordAux(rec, aux)) > 0,
  };
}
