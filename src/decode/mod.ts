/**
 * The decode layer's public surface: the frame walker ({@link dissect} into a reusable
 * {@link Dissection}) and per-protocol accessors that read header fields on demand.
 *
 * ```ts
 * const ds = new Dissection();            // once
 * dissect(frame, ds);                     // per frame, no layer objects allocated
 * const i = ds.find(LAYER_IPV4);
 * if (i >= 0) console.log(ipv4Header(frame, ds.start[i]).src);
 * ```
 */

export * from "./frame.ts";
export { hwString, ipv4String, ipv6String, macString, u16, u32 } from "./bytes.ts";
export { type EthernetHeader, ethernetHeader, ethertypeName } from "./ethernet.ts";
export { isVlanTpid, vlanTag, vlanTags } from "./vlan.ts";
export { type LlcHeader, llcHeader } from "./llc.ts";
export { type ArpPacket, arpPacket } from "./arp.ts";
export { ipProtoName, type Ipv4Header, ipv4Header } from "./ipv4.ts";
export { type Ipv6Fragment, ipv6Fragment, type Ipv6Header, ipv6Header } from "./ipv6.ts";
export { type TcpHeader, tcpHeader, type TcpOption, tcpOptions } from "./tcp.ts";
export { type UdpHeader, udpHeader } from "./udp.ts";
export { type IcmpMessage, icmpMessage, type IcmpQuoted, icmpQuoted } from "./icmp.ts";
export { type Icmpv6Message, icmpv6Message, type Icmpv6Quoted, icmpv6Quoted } from "./icmpv6.ts";
export { type GreHeader, greHeader } from "./gre.ts";
export {
  type DnsMessage,
  dnsMessage,
  dnsName,
  type DnsQuestion,
  type DnsRecord,
  dnsTypeName,
} from "./dns.ts";
