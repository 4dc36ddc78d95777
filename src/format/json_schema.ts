/**
 * The NDJSON schema, written once: the record's keys in order, and for each layer its key and
 * its fields, where each value comes from (a header field at a decoder's offset, or a property
 * of what a decoder returns). The byte encoder (json.ts) and the object tree (json_record.ts)
 * both walk these lists; `json_schema.md` and the README are checked against them by a test.
 *
 * To add a layer's NDJSON: a {@link JsonLayer} in {@link LAYERS} (and its key in
 * {@link RECORD_KEYS}), and a row in json_schema.md.
 *
 * @module
 */

import { arpPacket } from "../decode/arp.ts";
import { u16, u32 } from "../decode/bytes.ts";
import * as dhcp from "../decode/dhcp.ts";
import * as dhcpv6 from "../decode/dhcpv6.ts";
import * as dns from "../decode/dns.ts";
import { ETH_DST_AT, ETH_SRC_AT, ETH_TYPE_AT } from "../decode/ethernet.ts";
import * as frame from "../decode/frame.ts";
import { LINKTYPE_ETHERNET, linkTypeInfo } from "../packet/linktype.ts";
import { greHeader } from "../decode/gre.ts";
import { icmpMessage } from "../decode/icmp.ts";
import { icmpv6Message } from "../decode/icmpv6.ts";
import { igmpMessage } from "../decode/igmp.ts";
import * as ipv4 from "../decode/ipv4.ts";
import * as ipv6 from "../decode/ipv6.ts";
import { llcHeader } from "../decode/llc.ts";
import { cdpPacket } from "../decode/cdp.ts";
import { eapolFrame } from "../decode/eapol.ts";
import { lldpPdu } from "../decode/lldp.ts";
import { slowPdu } from "../decode/slow.ts";
import { stpBpdu } from "../decode/stp.ts";
import * as tcp from "../decode/tcp.ts";
import * as udp from "../decode/udp.ts";
import * as vlan from "../decode/vlan.ts";
// Overlays and encapsulations (issue 15 family 3).
import { geneveHeader } from "../decode/geneve.ts";
import { erspanHeader } from "../decode/erspan.ts";
import * as ipsec from "../decode/ipsec.ts";
import { sctpPacket } from "../decode/sctp.ts";
import * as mpls from "../decode/mpls.ts";
import { pppHeader, pppoeHeader } from "../decode/pppoe.ts";
import * as vxlan from "../decode/vxlan.ts";
// Gateways, time and management (issue 15, family 4).
import { hsrpMessage } from "../decode/hsrp.ts";
import { ntpHeader } from "../decode/ntp.ts";
import { pimMessage } from "../decode/pim.ts";
import { ptpHeader } from "../decode/ptp.ts";
import { bgpMessage } from "../decode/bgp.ts";
import { HTTP_VERSION_PREFIX, SIP_VERSION_PREFIX, startLine } from "../decode/http.ts";
import { sshBanner } from "../decode/ssh.ts";
import { tlsRecord } from "../decode/tls.ts";
import { HTTP_METHODS, SIP_METHODS } from "../decode/numbers.ts";
import { ospfPacket } from "../decode/ospf.ts";
import { ripMessage } from "../decode/rip.ts";
import { radiusMessage } from "../decode/radius.ts";
import { snmpMessage } from "../decode/snmp.ts";
import { syslogMessage } from "../decode/syslog.ts";
import { tftpMessage } from "../decode/tftp.ts";
import { vrrpHeader } from "../decode/vrrp.ts";
// Link types without Ethernet (issue 13d).
import { sll2Header, sllHeader } from "../decode/sll.ts";

/** An unsigned 8-bit header field. */
export const F_U8 = 1;
/** An unsigned 16-bit big-endian header field. */
export const F_U16 = 2;
/** An unsigned 32-bit big-endian header field. */
export const F_U32 = 3;
/** A bit of a 16-bit header field, as `true`/`false`. */
export const F_BOOL = 4;
/** A MAC address in the header, `aa:bb:cc:dd:ee:ff`. */
export const F_MAC = 5;
/** An IPv4 address in the header, dotted. */
export const F_IPV4 = 6;
/** An IPv6 address in the header, RFC 5952. */
export const F_IPV6 = 7;
/** The layer's offset in the frame. */
export const F_START = 8;
/** The layer's length. */
export const F_LENGTH = 9;
/** A number property of the layer's decoded object. */
export const F_NUM = 10;
/** A string property of the layer's decoded object. */
export const F_STR = 11;
/** An object property of the layer's decoded object, with its own fields. */
export const F_OBJ = 12;
/** An array-of-objects property of the layer's decoded object, with the objects' fields. */
export const F_ARR = 13;
/** The TCP options of the header, as `tcpOptions` gives them. */
export const F_TCP_OPTIONS = 14;
/** The types of the IPv6 extension headers that follow. */
export const F_EXT_TYPES = 15;
/** The protocol after the last IPv6 extension header. */
export const F_EXT_PROTO = 16;
/** The IPv6 fragment header among them, as an object with its own (header) fields. */
export const F_EXT_FRAG = 17;

/**
 * DNS questions: as many as the 16-bit count at `at`, each an object of `fields`, from the
 * first after the header; stops at the first one cut short.
 */
export const F_DNS_QUESTIONS = 18;
/** DNS answers: as {@link F_DNS_QUESTIONS}, after the questions, none when those were cut short. */
export const F_DNS_ANSWERS = 19;
/** A DNS record's owner name; its other fields' offsets count from the end of that name. */
export const F_DNS_NAME = 20;
/** A DNS resource record's data, as text. */
export const F_DNS_DATA = 21;
/**
 * The EtherType the layer before names: a VLAN tag's TPID, in front of the tag or, after a
 * Linux cooked v2 header, in that header's protocol field (issue 13d).
 */
export const F_PREV_TYPE = 22;

/** One key of an NDJSON object and where its value comes from. */
export interface JsonField {
  /** The key. */
  readonly name: string;
  /** Where the value comes from (F_*). */
  readonly kind: number;
  /** Header fields: offset from the start of the layer (or extension header). */
  readonly at: number;
  /** Header numbers: the value is `((raw >>> shift) & mask) * scale`. */
  readonly shift: number;
  /** See {@link shift}. */
  readonly mask: number;
  /** See {@link shift}. */
  readonly scale: number;
  /** Left out when the decoded object has no such property. */
  readonly optional: boolean;
  /** Objects and arrays of objects: their fields. */
  readonly fields: readonly JsonField[];
}

/** A layer's key in the record and its fields. */
export interface JsonLayer {
  /** The key in the record. */
  readonly key: string;
  /** The layer kind (LAYER_*) it is written for. */
  readonly layer: number;
  /** Consecutive layers of this kind make one array of objects (VLAN tags). */
  readonly array: boolean;
  /** The fields, in order; the first one is always there. */
  readonly fields: readonly JsonField[];
  /**
   * Decodes the layer at `[off, end)` (`aux` is the walker's per-layer extra) into the object
   * the F_NUM/F_STR/F_OBJ/F_ARR fields read; undefined when every field reads the header.
   */
  readonly decode: ((d: Uint8Array, off: number, end: number, aux: number) => object) | undefined;
}

const NONE: readonly JsonField[] = [];

function field(
  name: string,
  kind: number,
  at = 0,
  o: { shift?: number; mask?: number; scale?: number } = {},
): JsonField {
  return {
    name,
    kind,
    at,
    shift: o.shift ?? 0,
    mask: o.mask ?? 0xffffffff,
    scale: o.scale ?? 1,
    optional: false,
    fields: NONE,
  };
}

/** A property of the decoded object; `name?` marks an optional one. */
function prop(name: string, kind: number, fields: readonly JsonField[] = NONE): JsonField {
  const optional = name.endsWith("?");
  return { ...field(optional ? name.slice(0, -1) : name, kind), optional, fields };
}

/** Number properties, `name?` optional. */
function nums(...names: string[]): JsonField[] {
  return names.map((n) => prop(n, F_NUM));
}

function layer(
  key: string,
  kind: number,
  fields: JsonField[],
  decode?: (d: Uint8Array, off: number, end: number, aux: number) => object,
  array = false,
): JsonLayer {
  return { key, layer: kind, array, fields, decode };
}

/** What an ICMP or ICMPv6 error quotes. */
const QUOTED: readonly JsonField[] = [
  prop("src", F_STR),
  prop("dst", F_STR),
  ...nums("proto", "sport?", "dport?"),
];

/** An LACP actor's or partner's information. */
const LACP_INFO: readonly JsonField[] = [
  prop("system", F_STR),
  ...nums("systemPrio", "key", "port", "portPrio", "state"),
];

/** The fields of a Linux cooked header (`ifindex` in v2 only). */
function cookedFields(v2: boolean): JsonField[] {
  return [
    ...nums(...(v2 ? ["ifindex"] : []), "pkttype", "hatype"),
    prop("addr", F_STR),
    prop("protocol", F_NUM),
  ];
}

/** Every layer's NDJSON, by layer kind. */
export const LAYERS: readonly JsonLayer[] = [
  // Link types without Ethernet (issue 13d): the link header comes first.
  layer("sll", frame.LAYER_SLL, cookedFields(false), (d, off) => sllHeader(d, off)),
  layer("sll2", frame.LAYER_SLL2, cookedFields(true), (d, off) => sll2Header(d, off)),
  layer("null", frame.LAYER_NULL, [prop("family", F_NUM)], (_d, _off, _end, aux) => ({
    family: aux,
  })),
  layer("eth", frame.LAYER_ETHERNET, [
    field("src", F_MAC, ETH_SRC_AT),
    field("dst", F_MAC, ETH_DST_AT),
    field("type", F_U16, ETH_TYPE_AT),
  ]),
  layer(
    "vlan",
    frame.LAYER_VLAN,
    [
      field("tpid", F_PREV_TYPE),
      field("id", F_U16, vlan.VLAN_TCI_AT, { mask: vlan.VLAN_VID_MASK }),
      field("pcp", F_U16, vlan.VLAN_TCI_AT, { shift: vlan.VLAN_PRIO_SHIFT }),
      field("dei", F_U16, vlan.VLAN_TCI_AT, { shift: vlan.VLAN_DEI_SHIFT, mask: 1 }),
    ],
    undefined,
    true,
  ),
  layer(
    "llc",
    frame.LAYER_LLC,
    [...nums("dsap", "ssap", "ctrl"), prop("snap?", F_OBJ, nums("oui", "type"))],
    (d, off) => llcHeader(d, off),
  ),
  layer(
    "arp",
    frame.LAYER_ARP,
    [prop("op", F_NUM), ...["sha", "spa", "tha", "tpa"].map((n) => prop(n, F_STR))],
    (d, off) => arpPacket(d, off),
  ),
  // Bridging and link control (issue 15 family 1).
  layer(
    "stp",
    frame.LAYER_STP,
    [
      ...nums("version", "type", "flags?", "rootPrio?", "rootExt?"),
      prop("rootMac?", F_STR),
      ...nums("rootCost?", "bridgePrio?", "bridgeExt?"),
      prop("bridgeMac?", F_STR),
      ...nums("port?", "age?", "maxAge?", "hello?", "fwdDelay?"),
      prop("mstis?", F_ARR, [
        ...nums("id", "flags", "prio"),
        prop("rootMac", F_STR),
        ...nums("cost", "bridgePrio", "portPrio", "hops"),
      ]),
    ],
    (d, off, end) => stpBpdu(d, off, end),
  ),
  layer(
    "lacp",
    frame.LAYER_SLOW,
    [
      ...nums("subtype", "version?"),
      prop("actor?", F_OBJ, LACP_INFO),
      prop("partner?", F_OBJ, LACP_INFO),
      prop("maxDelay?", F_NUM),
      prop("marker?", F_OBJ, [prop("port", F_NUM), prop("system", F_STR), prop("xid", F_NUM)]),
    ],
    (d, off, end) => slowPdu(d, off, end),
  ),
  layer(
    "lldp",
    frame.LAYER_LLDP,
    [
      ...nums("tlvs", "chassisSubtype?"),
      prop("chassisId?", F_STR),
      prop("portSubtype?", F_NUM),
      prop("portId?", F_STR),
      prop("ttl?", F_NUM),
      ...["portDesc?", "sysName?", "sysDesc?"].map((n) => prop(n, F_STR)),
      ...nums("caps?", "capsEnabled?"),
      prop("mgmtAddr?", F_STR),
      prop("pvid?", F_NUM),
      prop("vlans?", F_ARR, [prop("id", F_NUM), prop("name", F_STR)]),
      ...nums("autoneg?", "pmd?", "mau?", "mdiPower?", "mtu?"),
    ],
    (d, off, end) => lldpPdu(d, off, end),
  ),
  layer(
    "eapol",
    frame.LAYER_EAPOL,
    [
      ...nums("version", "type", "len"),
      prop("eap?", F_OBJ, [...nums("code", "id", "len", "type?"), prop("identity?", F_STR)]),
    ],
    (d, off, end) => eapolFrame(d, off, end),
  ),
  layer(
    "cdp",
    frame.LAYER_CDP,
    [
      ...nums("version", "ttl", "checksum"),
      ...["deviceId?", "address?", "portId?"].map((n) => prop(n, F_STR)),
      prop("caps?", F_NUM),
      ...["softwareVersion?", "platform?", "vtpDomain?"].map((n) => prop(n, F_STR)),
      ...nums("nativeVlan?", "duplex?"),
      ...["sysName?", "mgmtAddress?"].map((n) => prop(n, F_STR)),
    ],
    (d, off, end) => cdpPacket(d, off, end),
  ),
  layer("ipv4", frame.LAYER_IPV4, [
    field("src", F_IPV4, ipv4.IPV4_SRC_AT),
    field("dst", F_IPV4, ipv4.IPV4_DST_AT),
    field("proto", F_U8, ipv4.IPV4_PROTO_AT),
    field("ttl", F_U8, ipv4.IPV4_TTL_AT),
    field("id", F_U16, ipv4.IPV4_ID_AT),
    field("flags", F_U16, ipv4.IPV4_OFF_AT, { shift: ipv4.IP_FLAGS_SHIFT }),
    field("frag", F_U16, ipv4.IPV4_OFF_AT, { mask: ipv4.IP_OFFMASK, scale: ipv4.IP_FRAG_UNIT }),
    field("len", F_U16, ipv4.IPV4_LEN_AT),
    field("tos", F_U8, ipv4.IPV4_TOS_AT),
    field("hlen", F_U8, ipv4.IPV4_VHL_AT, { mask: ipv4.IPV4_IHL_MASK, scale: ipv4.IPV4_IHL_UNIT }),
  ]),
  layer("ipv6", frame.LAYER_IPV6, [
    field("src", F_IPV6, ipv6.IPV6_SRC_AT),
    field("dst", F_IPV6, ipv6.IPV6_DST_AT),
    field("next", F_U8, ipv6.IPV6_NEXT_AT),
    field("hlim", F_U8, ipv6.IPV6_HLIM_AT),
    field("flow", F_U32, ipv6.IPV6_VFC_AT, { mask: ipv6.IPV6_FLOW_MASK }),
    field("tc", F_U32, ipv6.IPV6_VFC_AT, { shift: ipv6.IPV6_TC_SHIFT, mask: ipv6.IPV6_TC_MASK }),
    field("plen", F_U16, ipv6.IPV6_PLEN_AT),
    field("ext", F_EXT_TYPES),
    field("proto", F_EXT_PROTO),
    {
      ...field("frag", F_EXT_FRAG),
      fields: [
        field("offset", F_U16, ipv6.IP6F_OFFLG_AT, { mask: ipv6.IP6F_OFF_MASK }),
        field("more", F_BOOL, ipv6.IP6F_OFFLG_AT, { mask: ipv6.IP6F_MORE_FRAG }),
        field("id", F_U32, ipv6.IP6F_IDENT_AT),
      ],
    },
  ]),
  layer("tcp", frame.LAYER_TCP, [
    field("sport", F_U16, tcp.TCP_SPORT_AT),
    field("dport", F_U16, tcp.TCP_DPORT_AT),
    field("seq", F_U32, tcp.TCP_SEQ_AT),
    field("ack", F_U32, tcp.TCP_ACK_AT),
    field("flags", F_U8, tcp.TCP_FLAGS_AT),
    field("win", F_U16, tcp.TCP_WIN_AT),
    field("options", F_TCP_OPTIONS),
  ]),
  layer("udp", frame.LAYER_UDP, [
    field("sport", F_U16, udp.UDP_SPORT_AT),
    field("dport", F_U16, udp.UDP_DPORT_AT),
    field("len", F_U16, udp.UDP_LEN_AT),
  ]),
  layer(
    "icmp",
    frame.LAYER_ICMP,
    [
      ...nums("type", "code", "id?", "seq?", "mtu?"),
      prop("gateway?", F_STR),
      prop("pointer?", F_NUM),
      prop("quoted?", F_OBJ, QUOTED),
    ],
    (d, off, end) => icmpMessage(d, off, end),
  ),
  layer(
    "icmpv6",
    frame.LAYER_ICMPV6,
    [
      ...nums("type", "code", "id?", "seq?", "mtu?", "pointer?"),
      prop("target?", F_STR),
      ...nums("naFlags?", "hopLimit?", "raFlags?", "lifetime?"),
      prop("quoted?", F_OBJ, QUOTED),
      // addressing (issue 15b)
      prop("ndOptions?", F_ARR, [
        ...nums("type", "len"),
        ...["addr?", "prefix?"].map((n) => prop(n, F_STR)),
        ...nums("prefixLen?", "flags?", "valid?", "preferred?", "mtu?", "lifetime?"),
        prop("servers?", F_STR),
      ]),
      prop("mldRecords?", F_ARR, [
        prop("type", F_NUM),
        prop("group", F_STR),
        prop("sources", F_NUM),
      ]),
    ],
    (d, off, end) => icmpv6Message(d, off, end),
  ),
  layer(
    "igmp",
    frame.LAYER_IGMP,
    [...nums("type", "version", "maxResp"), prop("group?", F_STR), ...nums("records?", "sources?")],
    (d, off, end, declared) => igmpMessage(d, off, end, declared),
  ),
  layer(
    "gre",
    frame.LAYER_GRE,
    nums("flags", "version", "proto", "key?", "seq?"),
    (d, off) => greHeader(d, off),
  ),
  // ---- Overlays and encapsulations (issue 15 family 3) ----
  layer("vxlan", frame.LAYER_VXLAN, [
    field("flags", F_U16, vxlan.VXLAN_FLAGS_AT),
    field("vni", F_U32, vxlan.VXLAN_VNI_AT, {
      shift: vxlan.VXLAN_VNI_SHIFT,
      mask: vxlan.VXLAN_VNI_MASK,
    }),
  ]),
  layer(
    "geneve",
    frame.LAYER_GENEVE,
    nums("vni", "proto", "flags", "optLen", "options", "version"),
    (d, off, end) => geneveHeader(d, off, end),
  ),
  layer(
    "mpls",
    frame.LAYER_MPLS,
    [
      field("label", F_U32, mpls.MPLS_ENTRY_AT, {
        shift: mpls.MPLS_LABEL_SHIFT,
        mask: mpls.MPLS_LABEL_MASK,
      }),
      field("tc", F_U32, mpls.MPLS_ENTRY_AT, {
        shift: mpls.MPLS_TC_SHIFT,
        mask: mpls.MPLS_TC_MASK,
      }),
      field("s", F_U32, mpls.MPLS_ENTRY_AT, { shift: mpls.MPLS_S_SHIFT, mask: 1 }),
      field("ttl", F_U32, mpls.MPLS_ENTRY_AT, { mask: mpls.MPLS_TTL_MASK }),
    ],
    undefined,
    true,
  ),
  layer(
    "pppoe",
    frame.LAYER_PPPOE,
    [
      ...nums("code", "session", "len", "version", "type"),
      ...["serviceName?", "acName?", "hostUniq?"].map((n) => prop(n, F_STR)),
    ],
    (d, off, end) => pppoeHeader(d, off, end),
  ),
  layer(
    "ppp",
    frame.LAYER_PPP,
    nums("proto", "code?", "id?", "len?"),
    (d, off, end) => pppHeader(d, off, end),
  ),
  layer(
    "erspan",
    frame.LAYER_ERSPAN,
    nums("session", "vlan", "cos", "version", "index?", "timestamp?", "sgt?", "hw?"),
    (d, off) => erspanHeader(d, off),
  ),
  layer("esp", frame.LAYER_ESP, [
    field("spi", F_U32, ipsec.ESP_SPI_AT),
    field("seq", F_U32, ipsec.ESP_SEQ_AT),
  ]),
  layer(
    "ah",
    frame.LAYER_AH,
    [...nums("spi", "seq", "next", "len"), prop("icv", F_STR)],
    (d, off, end) => ipsec.ahHeader(d, off, end),
  ),
  layer(
    "sctp",
    frame.LAYER_SCTP,
    [
      ...nums("sport", "dport", "tag"),
      prop("chunks", F_ARR, nums("type", "flags", "len")),
      prop("initTag?", F_NUM),
    ],
    (d, off, end) => sctpPacket(d, off, end),
  ),
  // NDJSON carries the answers, not the authority and additional sections.
  layer("dns", frame.LAYER_DNS, [
    field("id", F_U16, dns.DNS_ID_AT),
    field("qr", F_U16, dns.DNS_FLAGS_AT, { shift: dns.DNS_QR_SHIFT, mask: 1 }),
    field("opcode", F_U16, dns.DNS_FLAGS_AT, {
      shift: dns.DNS_OPCODE_SHIFT,
      mask: dns.DNS_OPCODE_MASK,
    }),
    field("rcode", F_U16, dns.DNS_FLAGS_AT, { mask: dns.DNS_RCODE_MASK }),
    field("flags", F_U16, dns.DNS_FLAGS_AT, { mask: dns.DNS_FLAG_BITS }),
    {
      ...field("questions", F_DNS_QUESTIONS, dns.DNS_QDCOUNT_AT),
      fields: [
        field("name", F_DNS_NAME),
        field("type", F_U16, dns.DNS_Q_TYPE_AT),
        field("class", F_U16, dns.DNS_Q_CLASS_AT),
      ],
    },
    {
      ...field("answers", F_DNS_ANSWERS, dns.DNS_ANCOUNT_AT),
      fields: [
        field("name", F_DNS_NAME),
        field("type", F_U16, dns.DNS_RR_TYPE_AT),
        field("class", F_U16, dns.DNS_RR_CLASS_AT),
        field("ttl", F_U32, dns.DNS_RR_TTL_AT),
        field("data", F_DNS_DATA),
      ],
    },
  ]),
  // ---- addressing (issue 15b)
  layer(
    "dhcp",
    frame.LAYER_DHCP,
    [
      field("op", F_U8, dhcp.BOOTP_OP_AT),
      field("xid", F_U32, dhcp.BOOTP_XID_AT),
      field("secs", F_U16, dhcp.BOOTP_SECS_AT),
      field("flags", F_U16, dhcp.BOOTP_FLAGS_AT),
      field("ciaddr", F_IPV4, dhcp.BOOTP_CIADDR_AT),
      field("yiaddr", F_IPV4, dhcp.BOOTP_YIADDR_AT),
      field("siaddr", F_IPV4, dhcp.BOOTP_SIADDR_AT),
      field("giaddr", F_IPV4, dhcp.BOOTP_GIADDR_AT),
      prop("chaddr", F_STR),
      prop("msgType?", F_NUM),
      ...["requestedIp?", "hostname?", "params?", "clientId?"].map((n) => prop(n, F_STR)),
      prop("leaseTime?", F_NUM),
      ...["serverId?", "subnetMask?", "router?", "dnsServers?", "circuitId?", "remoteId?"]
        .map((n) => prop(n, F_STR)),
    ],
    (d, off, end) => dhcp.dhcpMessage(d, off, end),
  ),
  layer(
    "dhcpv6",
    frame.LAYER_DHCPV6,
    [
      ...nums("msgType", "xid?", "hops?"),
      ...["linkAddr?", "peerAddr?", "clientId?", "serverId?"].map((n) => prop(n, F_STR)),
      prop("iaNa?", F_OBJ, [...nums("iaid", "t1", "t2"), prop("addr?", F_STR)]),
      prop("status?", F_NUM),
      prop("dnsServers?", F_STR),
    ],
    (d, off, end) => dhcpv6.dhcpv6Message(d, off, end),
  ),
  // Gateways, time and management (issue 15, family 4).
  layer(
    "vrrp",
    frame.LAYER_VRRP,
    nums("version", "type", "vrid?", "prio?", "naddrs?", "interval?", "authType?"),
    (d, off, end) => vrrpHeader(d, off, end),
  ),
  layer(
    "ntp",
    frame.LAYER_NTP,
    nums(
      "leap",
      "version",
      "mode",
      "stratum?",
      "poll?",
      "precision?",
      "rootDelay?",
      "rootDispersion?",
      "refId?",
    ),
    (d, off, end) => ntpHeader(d, off, end),
  ),
  layer(
    "syslog",
    frame.LAYER_SYSLOG,
    [...nums("facility", "severity"), prop("message", F_STR)],
    (d, off, end) => syslogMessage(d, off, end),
  ),
  layer(
    "tftp",
    frame.LAYER_TFTP,
    [
      prop("opcode", F_NUM),
      prop("file?", F_STR),
      prop("mode?", F_STR),
      ...nums("block?", "error?"),
      prop("message?", F_STR),
    ],
    (d, off, end) => tftpMessage(d, off, end),
  ),
  layer(
    "snmp",
    frame.LAYER_SNMP,
    [
      prop("version", F_NUM),
      prop("community?", F_STR),
      ...nums(
        "pdu?",
        "requestId?",
        "errorStatus?",
        "errorIndex?",
        "nonRepeaters?",
        "maxRepetitions?",
      ),
      prop("varbinds", F_ARR, [prop("oid", F_STR)]),
    ],
    (d, off, end) => snmpMessage(d, off, end),
  ),
  layer(
    "radius",
    frame.LAYER_RADIUS,
    [...nums("code", "id?", "length?"), prop("attributes", F_ARR, nums("type"))],
    (d, off, end) => radiusMessage(d, off, end),
  ),
  layer(
    "ospf",
    frame.LAYER_OSPF,
    [
      ...nums("version", "type", "length?"),
      prop("routerId?", F_STR),
      prop("area?", F_STR),
      prop("authType?", F_NUM),
      prop("hello?", F_OBJ, [
        prop("mask", F_STR),
        ...nums("interval", "priority", "deadInterval"),
        prop("dr", F_STR),
        prop("bdr", F_STR),
      ]),
    ],
    (d, off, end) => ospfPacket(d, off, end),
  ),
  layer(
    "bgp",
    frame.LAYER_BGP,
    [
      ...nums("type", "length?", "version?", "as?", "holdTime?"),
      prop("id?", F_STR),
      ...nums("errorCode?", "errorSubcode?"),
    ],
    (d, off, end) => bgpMessage(d, off, end),
  ),
  layer(
    "rip",
    frame.LAYER_RIP,
    [
      ...nums("command", "version"),
      prop("routes", F_ARR, [
        prop("family", F_NUM),
        ...["address", "mask", "nextHop"].map((n) => prop(n, F_STR)),
        ...nums("tag", "metric"),
      ]),
    ],
    (d, off, end) => ripMessage(d, off, end),
  ),
  // Application hints (issue 15, family 5).
  layer(
    "http",
    frame.LAYER_HTTP,
    startLineFields(),
    (d, off, end) => startLine(d, off, end, HTTP_VERSION_PREFIX, HTTP_METHODS) ?? {},
  ),
  layer(
    "ssh",
    frame.LAYER_SSH,
    [prop("banner", F_STR)],
    (d, off, end) => sshBanner(d, off, end) ?? {},
  ),
  layer(
    "sip",
    frame.LAYER_SIP,
    startLineFields(),
    (d, off, end) => startLine(d, off, end, SIP_VERSION_PREFIX, SIP_METHODS) ?? {},
  ),
  layer(
    "tls",
    frame.LAYER_TLS,
    [...nums("version", "helloVersion?"), prop("sni?", F_STR)],
    (d, off, end) => tlsRecord(d, off, end),
  ),
  // Gateway leftovers (issue 15, family 4).
  layer(
    "hsrp",
    frame.LAYER_HSRP,
    [
      ...nums("version", "opcode?", "state?", "helloTime?", "holdTime?", "priority?", "group?"),
      prop("virtualIp?", F_STR),
      prop("auth?", F_STR),
    ],
    (d, off, end) => hsrpMessage(d, off, end),
  ),
  layer(
    "pim",
    frame.LAYER_PIM,
    [
      ...nums("version", "type", "checksum?"),
      prop("options?", F_NUM),
      ...nums("holdTime?", "drPriority?", "genId?"),
    ],
    (d, off, end) => pimMessage(d, off, end),
  ),
  layer(
    "ptp",
    frame.LAYER_PTP,
    [
      ...nums("version", "type", "length?", "domain?", "flags?"),
      prop("clockId?", F_STR),
      ...nums("port?", "seq?", "control?", "logInterval?"),
    ],
    (d, off, end) => ptpHeader(d, off, end),
  ),
  layer("payload", frame.LAYER_PAYLOAD, [field("offset", F_START), field("len", F_LENGTH)]),
];

/** The fields of a request or status line (HTTP, SIP). */
function startLineFields(): JsonField[] {
  return [
    prop("version", F_STR),
    prop("method?", F_STR),
    prop("uri?", F_STR),
    prop("status?", F_NUM),
    prop("reason?", F_STR),
  ];
}

/** The layer schema of each layer kind (LAYER_*); undefined for kinds written elsewhere. */
export const LAYER_BY_KIND: readonly (JsonLayer | undefined)[] = (() => {
  const t: (JsonLayer | undefined)[] = [];
  for (const l of LAYERS) t[l.layer] = l;
  return t;
})();

/** The key an encapsulated packet's layers go under (GRE, IP-in-IP, 6in4). */
export const INNER_KEY = "inner";

/**
 * The keys before the layers: capture time, interface, lengths, direction (when known), link
 * type (when not Ethernet).
 */
export const ENVELOPE: readonly ["ts", "iface", "len", "caplen", "dir", "link"] = [
  "ts",
  "iface",
  "len",
  "caplen",
  "dir",
  "link",
];

/**
 * The `link` value of a frame of link type `linkType`: libpcap's name (`LINUX_SLL2`, `RAW`...),
 * `LINKTYPE_<n>` for one rawcap does not know; undefined for Ethernet, which has no `link` key.
 */
export function linkKeyValue(linkType: number): string | undefined {
  if (linkType === LINKTYPE_ETHERNET) return undefined;
  return linkTypeInfo(linkType)?.name ?? "LINKTYPE_" + linkType;
}

/** The keys after the layers: the first layer cut short, the first that made no sense. */
export const TRAILER: readonly ["truncated", "malformed"] = ["truncated", "malformed"];

/** The layer a tunnel's packet mostly follows: `inner` is listed after it. */
const TUNNEL = LAYERS.findIndex((l) => l.key === "gre") + 1;

/** The record's keys in the order json_schema.md lists them. */
export const RECORD_KEYS: readonly string[] = [
  ...ENVELOPE,
  ...LAYERS.slice(0, TUNNEL).map((l) => l.key),
  INNER_KEY,
  ...LAYERS.slice(TUNNEL).map((l) => l.key),
  ...TRAILER,
];

/** The value of a numeric header field of the layer at `off`. */
export function headerNumber(d: Uint8Array, off: number, f: JsonField): number {
  const at = off + f.at;
  const raw = f.kind === F_U8 ? d[at] : f.kind === F_U32 ? u32(d, at) : u16(d, at);
  return (((raw >>> f.shift) & f.mask) >>> 0) * f.scale;
}
