/**
 * rawcap: packet capture on Linux from Deno, through AF_PACKET sockets (no libpcap).
 *
 * - {@link capture}: live capture on one or more interfaces (promiscuous, VLAN tags
 *   recovered from the kernel, BPF filters run in the kernel), as an async iterable.
 * - {@link readCapture} / {@link writeCapture}: pcap and pcapng files.
 * - {@link compileFilter}: pcap-filter expressions compiled to classic BPF.
 * - {@link Packet}: a frame with lazily decoded views (`eth`, `vlan`, `ipv4`, `tcp`, `dns`...),
 *   from Ethernet or any link type in {@link LINK_TYPES} (`tcpdump -i any` files, raw IP, tun).
 *
 * Live capture needs CAP_NET_RAW (root, or `setcap cap_net_raw,cap_net_admin+ep`) and
 * `--allow-ffi`; files need `--allow-read` / `--allow-write`.
 *
 * @example Frames per VLAN on a bridge, for ten seconds
 * ```ts
 * import { capture } from "jsr:@rawcap/rawcap";
 * const perVlan = new Map<number, number>();
 * await using cap = capture({ interfaces: ["br0"], signal: AbortSignal.timeout(10_000) });
 * for await (const p of cap) {
 *   const id = p.vlan[0]?.id ?? 0;
 *   perVlan.set(id, (perVlan.get(id) ?? 0) + 1);
 * }
 * console.log(perVlan);
 * ```
 * @module
 */
export { type Capture, capture, type CaptureOptions } from "./src/api/capture.ts";
export { Packet, type PacketInit, StalePacketError } from "./src/api/packet.ts";
export type {
  ArpPacket,
  DnsMessage,
  EthernetHeader,
  IcmpMessage,
  Icmpv6Message,
  Ipv4Header,
  Ipv6Header,
  TcpHeader,
  UdpHeader,
} from "./src/api/packet.ts";
export {
  type CaptureFileReader,
  readCapture,
  type ReadCaptureOptions,
  writeCapture,
} from "./src/api/files.ts";
export { compileFilter, type Filter, type FilterOptions } from "./src/api/filter.ts";
export {
  LINK_TYPES,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  linkTypeByName,
  type LinkTypeInfo,
  linkTypeInfo,
} from "./src/packet/linktype.ts";
export type { Direction, PacketRecord, VlanTag } from "./src/packet/packet.ts";
export type { CaptureStats, InterfaceEvent } from "./src/capture/live.ts";
export type { SourceStats } from "./src/capture/source.ts";
export { type InterfaceInfo, listInterfaces } from "./src/capture/interfaces.ts";
export { InterfaceNotFound, PermissionDenied } from "./src/capture/errors.ts";
export { CaptureFileError } from "./src/format/errors.ts";
export { RawcapError } from "./src/errors.ts";
export { CaptureWriter, type CaptureWriterOptions } from "./src/format/writer.ts";
export { FilterError, FilterSyntaxError } from "./src/filter/errors.ts";
export { encodeJson, formatJson } from "./src/format/json.ts";
export type { JsonLayers, JsonRecord } from "./src/format/json_types.ts";
export type { TextOptions } from "./src/format/text.ts";
export type { BpfInsn } from "./src/filter/bpf.ts";
export type { DnsQuestion, DnsRecord } from "./src/decode/dns.ts";
export type { IcmpQuoted } from "./src/decode/icmp.ts";
export type { Icmpv6Quoted, MldRecord, NdOption } from "./src/decode/icmpv6.ts";
export type { TcpOption } from "./src/decode/tcp.ts";
export type { CaptureFileErrorKind } from "./src/format/errors.ts";
export type { CaptureFormat, CaptureReaderOptions } from "./src/format/reader.ts";
export type { InterfaceStats, WriteFormat } from "./src/format/writer.ts";
export type { TimestampPrecision } from "./src/format/pcap.ts";
export type { RotateOptions } from "./src/format/rotate.ts";
