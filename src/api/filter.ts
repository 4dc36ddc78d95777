/** Capture filters for scripts: compile once, test packets, or print the program. */
import type { PacketRecord } from "../packet/packet.ts";
import { type BpfInsn, dumpProgram } from "../filter/mod.ts";
import { LinkTypeFilters } from "../filter/per_link_type.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";

/** A compiled pcap-filter expression. */
export interface Filter {
  /** The expression as given. */
  readonly expression: string;
  /** The classic BPF program, for frames of `linkType` (options; Ethernet by default). */
  readonly program: readonly BpfInsn[];
  /** The program as a `struct sock_filter` array, ready for SO_ATTACH_FILTER. */
  readonly bytes: Uint8Array;
  /** Longer than the kernel's 4096 instructions: `bytes` cannot be attached to a socket. */
  readonly tooLongForKernel: boolean;
  /**
   * True when the frame passes the filter (tags in the frame, as in files and `Packet`s); a
   * record's direction and interface index answer `inbound`, `outbound` and `ifindex`. A
   * packet is tested with the program for its own link type (a file from `tcpdump -i any`
   * puts IP 20 octets in, not 14), compiled on first use; bytes are taken to be of
   * `linkType` (options).
   */
  matches(packet: PacketRecord | Uint8Array): boolean;
  /** The program as `tcpdump -d` (1), `-dd` (2) or `-ddd` (3) prints it. */
  dump(level?: 1 | 2 | 3): string;
}

/**
 * Compiles a pcap-filter(7) expression to classic BPF, as tcpdump does, for Ethernet frames or
 * those of `options.linkType` (a LINKTYPE_* number: LINUX_SLL, LINUX_SLL2, RAW, NULL, LOOP).
 * Throws `FilterSyntaxError` (with the position) for a malformed expression, `FilterError` for
 * one the link type cannot do (`vlan` on raw IP...).
 *
 * @example
 * ```ts
 * import { compileFilter, readCapture } from "jsr:@rawcap/rawcap";
 * const dns = compileFilter("udp port 53 and vlan 100");
 * for await (const p of readCapture("cap.pcap")) if (dns.matches(p)) console.log(p.toString());
 * ```
 */
export function compileFilter(
  expression: string,
  options: FilterOptions = {},
): Filter {
  const filters = new LinkTypeFilters(expression, {
    snaplen: options.snaplen,
    nullLittleEndian: options.nullLittleEndian,
  });
  const f = filters.for(options.linkType ?? LINKTYPE_ETHERNET);
  return {
    expression,
    program: f.insns,
    bytes: f.bytes,
    tooLongForKernel: f.tooLongForKernel,
    matches: (p) => p instanceof Uint8Array ? f.matches(p) : filters.matchesRecord(p),
    dump: (level = 1) => dumpProgram(f.insns, level),
  };
}

/** Options for {@link compileFilter}. */
export interface FilterOptions {
  /** Bytes a matching frame keeps (`ret #snaplen`); default 262144. */
  snaplen?: number;
  /**
   * The link type (LINKTYPE_*) of `program`, `bytes` and of frames given as bytes: 1
   * (Ethernet, the default), 113/276 (Linux cooked), 101 (raw IP), 0/108 (BSD loopback).
   */
  linkType?: number;
  /**
   * For NULL (0) frames, whose address family is in the byte order of the host that wrote
   * them: whether that is little-endian. Default: this machine's.
   */
  nullLittleEndian?: boolean;
}
