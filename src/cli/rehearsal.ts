/**
 * The capture rehearsal: before a live capture that prints lines opens its sockets, synthetic
 * frames go through the same read loop, filter and formatter the real frames will, with the
 * output muted (see `rehearseRing`). V8 then compiles the per-frame path before anything
 * queues; otherwise it compiles at the start of the first busy burst, on the CPU the capture
 * needs, and the ring overflows (seen: ~1% of a 500k frames/s burst lost in its first 50 ms;
 * none in 8 runs with the rehearsal).
 */
import { rehearseRing } from "../capture/ring.ts";
import { RingWriter, type RingWriterOptions } from "../output/ring_writer.ts";
import type { Emit } from "../capture/source.ts";
import type { Consumer } from "./consumer.ts";
import {
  ETH_P_8021Q,
  ETH_P_ARP,
  ETH_P_IP,
  ETH_P_IPV6,
  IPPROTO_TCP,
  IPPROTO_UDP,
} from "../decode/numbers.ts";

/**
 * Frames in all: enough for the whole path to reach V8's optimizing tier (8000 was not: a run in
 * four still lost frames). About 60-90 ms of start-up here.
 */
export const REHEARSAL_FRAMES = 20_000;

/**
 * Frames for the zero-copy path: it takes a frame table per call, so its functions run far
 * fewer times per frame and need more frames to reach V8's optimizing tier (at 20,000 they
 * were still compiled during the first burst). ~10-20 ms of start-up.
 */
export const ZERO_COPY_REHEARSAL_FRAMES = 200_000;

/** Common shapes: UDP/IPv4 in 802.1Q, TCP/IPv4 with options, UDP/IPv6, ARP. */
export function rehearsalFrames(): Uint8Array[] {
  const be16 = (n: number) => [n >> 8, n & 0xff];
  const eth = (type: number, rest: number[]) => [
    ...[0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1],
    ...be16(type),
    ...rest,
  ];
  const tag = (id: number, type: number) => [...be16(id), ...be16(type)];
  const ipv4 = (proto: number, body: number[]) => {
    const len = 20 + body.length;
    return [0x45, 0, len >> 8, len & 0xff, 0, 1, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
      .concat(body);
  };
  const udp = [0x9c, 0x40, 0x27, 0x0f, 0, 12, 0, 0, 1, 2, 3, 4];
  const tcp = [
    ...[0xc3, 0x50, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0xa0, 0x02, 0xfa, 0xf0, 0, 0, 0, 0],
    ...[2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7],
  ];
  const ipv6 = [
    ...[0x60, 0, 0, 0, 0, udp.length, IPPROTO_UDP, 64],
    ...[0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1],
    ...[0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 2],
    ...udp,
  ];
  const arp = [
    0,
    1,
    8,
    0,
    6,
    4,
    0,
    1,
    2,
    0,
    0,
    0,
    0,
    1,
    10,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    10,
    0,
    0,
    2,
  ];
  return [
    eth(ETH_P_8021Q, [...tag(100, ETH_P_IP), ...ipv4(IPPROTO_UDP, udp)]),
    eth(ETH_P_IP, ipv4(IPPROTO_TCP, tcp)),
    eth(ETH_P_8021Q, [...tag(100, ETH_P_IPV6), ...ipv6]),
    eth(ETH_P_ARP, arp),
  ].map((f) => new Uint8Array(f));
}

/** Runs the rehearsal through `take`, the function the capture will hand frames to. */
export function rehearse(consumer: Consumer, take: Emit, snaplen: number): void {
  consumer.rehearse(() => rehearseRing(take, rehearsalFrames(), REHEARSAL_FRAMES, snaplen));
}

/**
 * Rehearses the zero-copy path to a file (ring walk and record headers) through a writer that
 * keeps nothing: a capture with `-w` compiles it before its sockets exist, not during its
 * first burst (it was ~20 ms of compiling and ~10k interpreted frames a run).
 */
export function rehearseZeroCopy(opts: RingWriterOptions, snaplen: number): void {
  let w: RingWriter;
  try {
    w = RingWriter.discard(opts);
  } catch {
    return; // no anonymous file here (memfd_create refused): the capture goes on unrehearsed
  }
  try {
    rehearseRing(() => true, rehearsalFrames(), ZERO_COPY_REHEARSAL_FRAMES, snaplen, w);
  } finally {
    w.close();
  }
}
