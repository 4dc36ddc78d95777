/**
 * The frame walker: one pass over an Ethernet frame that records each layer's kind and byte
 * range into a reusable {@link Dissection}. Field values are read on demand by the accessors.
 */

import { u16, u32 } from "./bytes.ts";
import { arpLength } from "./arp.ts";
import { dhcpFits } from "./dhcp.ts";
import { dhcpv6Fits } from "./dhcpv6.ts";
import * as dhcpv6Module from "./dhcpv6.ts";
import * as dhcpModule from "./dhcp.ts";
import { dnsFits } from "./dns.ts";
import * as dnsModule from "./dns.ts";
import * as ethernetModule from "./ethernet.ts";
import { greHeaderLength } from "./gre.ts";
import * as greModule from "./gre.ts";
import * as icmpModule from "./icmp.ts";
import * as igmpModule from "./igmp.ts";
import * as icmpv6Module from "./icmpv6.ts";
import { ipv4HeaderLength, ipVersion } from "./ipv4.ts";
import * as ipv4Module from "./ipv4.ts";
import { ipv6ExtLength, ipv6FragOffset, isIpv6Ext } from "./ipv6.ts";
import * as ipv6Module from "./ipv6.ts";
import { llcHeaderLength, llcIsSnap, snapOui } from "./llc.ts";
import * as llcModule from "./llc.ts";
import * as numbersModule from "./numbers.ts";
import { cdpLength } from "./cdp.ts";
import * as cdpModule from "./cdp.ts";
import * as eapolModule from "./eapol.ts";
import { lldpLength } from "./lldp.ts";
import { slowLength } from "./slow.ts";
import { stpLength } from "./stp.ts";
import * as stpModule from "./stp.ts";
import { tcpHeaderLength } from "./tcp.ts";
import * as tcpModule from "./tcp.ts";
import * as udpModule from "./udp.ts";
import { isVlanTpid } from "./vlan.ts";
import * as vlanModule from "./vlan.ts";
// Overlays and encapsulations (issue 15 family 3).
import { erspanHeaderLength } from "./erspan.ts";
import { geneveOptLen, geneveVersion } from "./geneve.ts";
import { ahHeaderLength } from "./ipsec.ts";
import * as ipsecModule from "./ipsec.ts";
import * as geneveModule from "./geneve.ts";
import { mplsBottom, mplsLabel } from "./mpls.ts";
import * as mplsModule from "./mpls.ts";
import { isPppControl, pppProto, pppProtoLen } from "./pppoe.ts";
import * as pppoeModule from "./pppoe.ts";
import * as sctpModule from "./sctp.ts";
import * as vxlanModule from "./vxlan.ts";
// Gateways, time and management (issue 15, family 4).
import { HSRP_MINLEN } from "./hsrp.ts";
import { NTP_MINLEN } from "./ntp.ts";
import { PIM_MINLEN } from "./pim.ts";
import { PTP_MINLEN } from "./ptp.ts";
import { OSPF_HLEN, OSPF_MINLEN } from "./ospf.ts";
import { RADIUS_MINLEN } from "./radius.ts";
import { RIP_MINLEN } from "./rip.ts";
import { SNMP_MINLEN } from "./snmp.ts";
import { SYSLOG_MINLEN, syslogTextAt } from "./syslog.ts";
import { TFTP_MINLEN } from "./tftp.ts";
import { VRRP_HLEN } from "./vrrp.ts";
// Application hints (issue 15, family 5).
import { HTTP_VERSION_PREFIX, SIP_VERSION_PREFIX, startLine } from "./http.ts";
import { sshBannerEnd } from "./ssh.ts";
import { isTlsHandshake } from "./tls.ts";
// Link types without Ethernet (issue 13d).
import * as linktypeModule from "../packet/linktype.ts";
import { loopFamily, nullFamily } from "./null.ts";
import * as nullModule from "./null.ts";
import * as sllModule from "./sll.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { DNS_HLEN, DNS_TCP_PREFIX } = dnsModule;
const { BOOTP_VEND_AT } = dhcpModule;
const { DH6_HLEN } = dhcpv6Module;
const { ETH_DATA_LEN, ETH_HLEN, ETH_TYPE_AT } = ethernetModule;
const { GRE_FLAGS_AT, GRE_PROTO_AT, GRE_SEQ, GRE_VERSION } = greModule;
const { ICMP_MINLEN } = icmpModule;
const { IGMP_MINLEN } = igmpModule;
const { ICMP6_MINLEN, ICMP6_TYPE_AT, ND_NS_LEN } = icmpv6Module;
const { IP_OFFMASK, IPV4_LEN_AT, IPV4_MIN_HLEN, IPV4_OFF_AT, IPV4_PROTO_AT } = ipv4Module;
const { IP6E_NEXT_AT, IPV6_HLEN, IPV6_NEXT_AT, IPV6_PLEN_AT } = ipv6Module;
const { SNAP_HLEN, SNAP_TYPE_AT } = llcModule;
const {
  BOOTPC_PORT,
  BOOTPS_PORT,
  DHCP6_CLIENT_PORT,
  DHCP6_SERVER_PORT,
  DNS_PORT,
  LLMNR_PORT,
  MDNS_PORT,
  ETH_P_ARP,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_TEB,
  IPPROTO_FRAGMENT,
  IPPROTO_GRE,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_IGMP,
  IPPROTO_IPIP,
  IPPROTO_IPV6,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  // Gateways, time and management (issue 15, family 4).
  BGP_PORT,
  // Application hints (issue 15, family 5).
  HTTP_ALT_PORT,
  HTTP_METHODS,
  HTTP_PORT,
  SIP_METHODS,
  SIP_PORT,
  SSH_PORT,
  TLS_PORT,
  IPPROTO_OSPF,
  IPPROTO_VRRP,
  NTP_PORT,
  HSRP_PORT,
  ETH_P_1588,
  PTP_EVENT_PORT,
  PTP_GENERAL_PORT,
  IPPROTO_PIM,
  RADIUS_PORTS,
  RIP_PORT,
  SNMP_PORT,
  SNMPTRAP_PORT,
  SYSLOG_PORT,
  TFTP_PORT,
} = numbersModule;
const { TCP_DPORT_AT, TCP_SPORT_AT } = tcpModule;
const { UDP_DPORT_AT, UDP_HLEN, UDP_LEN_AT, UDP_SPORT_AT } = udpModule;
const { VLAN_HLEN, VLAN_TYPE_AT } = vlanModule;
// Bridging and link control (issue 15 family 1).
const { STP_MIN_LEN } = stpModule;
const { EAPOL_HLEN, EAPOL_LEN_AT } = eapolModule;
const { CDP_HLEN } = cdpModule;
const {
  ETH_P_LLDP,
  ETH_P_PAE,
  ETH_P_RARP,
  ETH_P_SLOW,
  LLC_SAP_STP,
  LLC_UI,
  OUI_CISCO,
  PID_CISCO_CDP,
  PID_CISCO_PVST,
} = numbersModule;
const { LLC_CTRL_AT, LLC_DSAP_AT, LLC_GSAP, LLC_SSAP_AT } = llcModule;

// Overlays and encapsulations (issue 15 family 3).
const { GENEVE_HLEN, GENEVE_PROTO_AT } = geneveModule;
const { VXLAN_HLEN } = vxlanModule;
const { MPLS_HLEN, MPLS_VERSION_SHIFT } = mplsModule;
const { AH_NEXT_AT, ESP_HLEN, ESP_SPI_AT } = ipsecModule;
const { SCTP_HLEN } = sctpModule;
const { PPP_CP_HLEN, PPPOE_CODE_AT, PPPOE_HLEN, PPPOE_LEN_AT } = pppoeModule;
const {
  ETH_P_ERSPAN,
  ETH_P_ERSPAN3,
  ETH_P_MPLS_MC,
  ETH_P_MPLS_UC,
  ETH_P_PPP_DISC,
  ETH_P_PPP_SES,
  GENEVE_PORT,
  IPPROTO_AH,
  IPPROTO_ESP,
  IPPROTO_SCTP,
  IPSEC_NAT_T_PORT,
  MPLS_LABEL_IMPLICIT_NULL,
  MPLS_LABEL_IPV4_NULL,
  MPLS_LABEL_IPV6_NULL,
  PPP_IP,
  PPP_IPV6,
  VXLAN_PORT,
} = numbersModule;

/** Layer kinds recorded by {@link dissect}. */
export const LAYER_ETHERNET = 1;
/** One VLAN tag; its range starts at the TCI (the TPID is the 2 bytes before). */
export const LAYER_VLAN = 2;
/** 802.2 LLC (+SNAP). */
export const LAYER_LLC = 3;
/** ARP. */
export const LAYER_ARP = 4;
/** IPv4. */
export const LAYER_IPV4 = 5;
/** IPv6 fixed header. */
export const LAYER_IPV6 = 6;
/** One IPv6 extension header; `aux` holds its type. */
export const LAYER_IPV6_EXT = 7;
/** TCP. */
export const LAYER_TCP = 8;
/** UDP. */
export const LAYER_UDP = 9;
/** ICMP. */
export const LAYER_ICMP = 10;
/** ICMPv6. */
export const LAYER_ICMPV6 = 11;
/** GRE. */
export const LAYER_GRE = 12;
/**
 * DNS; `aux` is 0 over UDP, DNS_OVER_TCP after TCP's length prefix, or MDNS_PORT / LLMNR_PORT
 * for mDNS and LLMNR (issue 15b).
 */
export const LAYER_DNS = 13;
/** Bytes no decoder claimed. */
export const LAYER_PAYLOAD = 14;
/** IGMP. */
export const LAYER_IGMP = 15;

// Bridging and link control (issue 15 family 1): kinds 20 to 39.
/** A spanning tree BPDU (STP, RSTP, MSTP; PVST+ over SNAP); `aux` holds its declared length. */
export const LAYER_STP = 20;
/** A slow protocol PDU (EtherType 0x8809: LACP, Marker, OAM). */
export const LAYER_SLOW = 21;
/** LLDP. */
export const LAYER_LLDP = 22;
/** 802.1X EAPOL (and the EAP packet it carries). */
export const LAYER_EAPOL = 23;
/** Cisco Discovery Protocol (over SNAP); `aux` holds its declared length. */
export const LAYER_CDP = 24;

// ---- addressing (issue 15b): kinds 40-59 ----------------------------------------------------
/** BOOTP/DHCP (UDP ports 67, 68). */
export const LAYER_DHCP = 40;
/** DHCPv6 (UDP ports 546, 547). */
export const LAYER_DHCPV6 = 41;

// Gateways, time and management (issue 15, family 4): kinds 80-95.
/** VRRP (IP protocol 112). */
export const LAYER_VRRP = 80;
/** NTP (UDP port 123). */
export const LAYER_NTP = 81;
/** Syslog (UDP port 514). */
export const LAYER_SYSLOG = 82;
/** TFTP (UDP port 69). */
export const LAYER_TFTP = 83;
/** SNMP (UDP ports 161, 162). */
export const LAYER_SNMP = 84;
/** RADIUS (UDP ports 1645, 1646, 1812, 1813, 3799). */
export const LAYER_RADIUS = 85;
/** OSPF (IP protocol 89). */
export const LAYER_OSPF = 86;
/** BGP (TCP port 179): the segment's payload. */
export const LAYER_BGP = 87;
/** RIP (UDP port 520). */
export const LAYER_RIP = 88;

const names: string[] = [
  "",
  "ethernet",
  "vlan",
  "llc",
  "arp",
  "ipv4",
  "ipv6",
  "ipv6ext",
  "tcp",
  "udp",
  "icmp",
  "icmpv6",
  "gre",
  "dns",
  "payload",
  "igmp",
];
// Bridging and link control (issue 15 family 1).
names[LAYER_STP] = "stp";
names[LAYER_SLOW] = "lacp";
names[LAYER_LLDP] = "lldp";
names[LAYER_EAPOL] = "eapol";
names[LAYER_CDP] = "cdp";

// ---- addressing (issue 15b)
names[LAYER_DHCP] = "dhcp";
names[LAYER_DHCPV6] = "dhcpv6";

// ---- Overlays and encapsulations (issue 15 family 3): kinds 60 to 79 ----
/** VXLAN; an Ethernet layer follows. */
export const LAYER_VXLAN = 60;
/** Geneve (with its options); `next` holds its protocol type. */
export const LAYER_GENEVE = 61;
/** One MPLS label stack entry; `next` holds the EtherType guessed for what the stack carries. */
export const LAYER_MPLS = 62;
/** PPPoE header (discovery tags included); a session's PPP layer follows. */
export const LAYER_PPPOE = 63;
/** PPP protocol field, with the control packet (LCP, IPCP) it heads; `next` is the protocol. */
export const LAYER_PPP = 64;
/** ERSPAN type II or III header in GRE; an Ethernet layer follows. */
export const LAYER_ERSPAN = 65;
/** IPsec ESP header (what follows is encrypted). */
export const LAYER_ESP = 66;
/** IPsec AH over IPv4 (IPv6 records it as an extension header); `next` is what it protects. */
export const LAYER_AH = 67;
/** SCTP, its chunks included. */
export const LAYER_SCTP = 68;

// Overlays and encapsulations (issue 15 family 3).
names[LAYER_VXLAN] = "vxlan";
names[LAYER_GENEVE] = "geneve";
names[LAYER_MPLS] = "mpls";
names[LAYER_PPPOE] = "pppoe";
names[LAYER_PPP] = "ppp";
names[LAYER_ERSPAN] = "erspan";
names[LAYER_ESP] = "esp";
names[LAYER_AH] = "ah";
names[LAYER_SCTP] = "sctp";

// Gateways, time and management (issue 15, family 4).
names[LAYER_VRRP] = "vrrp";
names[LAYER_NTP] = "ntp";
names[LAYER_SYSLOG] = "syslog";
names[LAYER_TFTP] = "tftp";
names[LAYER_SNMP] = "snmp";
names[LAYER_RADIUS] = "radius";
names[LAYER_OSPF] = "ospf";
names[LAYER_BGP] = "bgp";
names[LAYER_RIP] = "rip";

// Application hints (issue 15, family 5).
/** HTTP/1.x (TCP ports 80, 8080): the segment's payload, starting with a request or status line. */
export const LAYER_HTTP = 100;
/** SSH (TCP port 22): the segment's payload, starting with the version banner. */
export const LAYER_SSH = 101;
/** SIP (UDP or TCP port 5060): the payload, starting with a request or status line. */
export const LAYER_SIP = 102;
/** TLS (TCP port 443): the segment's payload, starting with a handshake record. */
export const LAYER_TLS = 103;
names[LAYER_HTTP] = "http";
names[LAYER_SSH] = "ssh";
names[LAYER_SIP] = "sip";
names[LAYER_TLS] = "tls";
// Gateway leftovers (issue 15, family 4): kinds 110 to 119.
/** HSRP (UDP port 1985). */
export const LAYER_HSRP = 110;
names[LAYER_HSRP] = "hsrp";
/** PIM (IP protocol 103). */
export const LAYER_PIM = 111;
names[LAYER_PIM] = "pim";
/** PTP (EtherType 0x88f7, UDP ports 319, 320). */
export const LAYER_PTP = 112;
names[LAYER_PTP] = "ptp";

// Link types without Ethernet (issue 13d): kinds 120 to 129.
/** Linux cooked capture v1 header (LINKTYPE_LINUX_SLL); `next` holds its protocol field. */
export const LAYER_SLL = 120;
/** Linux cooked capture v2 header (LINKTYPE_LINUX_SLL2); `next` holds its protocol field. */
export const LAYER_SLL2 = 121;
/**
 * BSD loopback header (LINKTYPE_NULL or LINKTYPE_LOOP); `aux` holds the address family in host
 * order, `next` the EtherType it stands for (0 for families other than IPv4 and IPv6).
 */
export const LAYER_NULL = 122;
/**
 * Raw IP (LINKTYPE_RAW) has no header and records no layer: this kind only names it in
 * `truncated` (no octet captured) and `malformed` (a version nibble other than 4 or 6).
 */
export const LAYER_RAW = 123;
names[LAYER_SLL] = "sll";
names[LAYER_SLL2] = "sll2";
names[LAYER_NULL] = "null";
names[LAYER_RAW] = "raw";

/** Names of the layer kinds, as used in `truncated` and JSON ("" for unused kinds). */
export const LAYER_NAMES: readonly string[] = Array.from(names, (n) => n ?? "");

/** Most layers recorded for one frame; deeper nesting is left as undecoded. */
export const MAX_LAYERS = 32;

/**
 * Layer kinds and byte ranges of one frame. Allocate once, pass to {@link dissect} per frame.
 * Layer `i` covers `[start[i], end[i])`: its header and everything it carries, bounded by the
 * captured bytes and by the length fields of the enclosing headers (so Ethernet padding is
 * excluded from IP and below).
 */
export class Dissection {
  /** Number of layers recorded. */
  count = 0;
  /** Layer kinds (LAYER_*). */
  readonly kind: Uint8Array = new Uint8Array(MAX_LAYERS);
  /** Offset of each layer's first byte. */
  readonly start: Int32Array = new Int32Array(MAX_LAYERS);
  /** Offset just past each layer. */
  readonly end: Int32Array = new Int32Array(MAX_LAYERS);
  /** What comes next: the EtherType for Ethernet/VLAN/SNAP/GRE, the protocol for IP layers. */
  readonly next: Int32Array = new Int32Array(MAX_LAYERS);
  /** Kind-specific extra: the extension header type for LAYER_IPV6_EXT. */
  readonly aux: Int32Array = new Int32Array(MAX_LAYERS);
  /** Kind of the first layer cut short by the end of the captured bytes, 0 if none. */
  truncated = 0;
  /** Kind of the first layer whose header makes no sense (bad version, length), 0 if none. */
  malformed = 0;

  /** Forgets the previous frame. */
  reset(): void {
    this.count = 0;
    this.truncated = 0;
    this.malformed = 0;
  }

  /** Index of the first layer of `kind` at or after `from`, -1 if none. */
  find(kind: number, from = 0): number {
    for (let i = from; i < this.count; i++) if (this.kind[i] === kind) return i;
    return -1;
  }

  /** Name of the truncated layer, or undefined. */
  get truncatedName(): string | undefined {
    return this.truncated ? LAYER_NAMES[this.truncated] : undefined;
  }

  /** Name of the malformed layer, or undefined. */
  get malformedName(): string | undefined {
    return this.malformed ? LAYER_NAMES[this.malformed] : undefined;
  }
}

function push(out: Dissection, kind: number, start: number, end: number, next: number): boolean {
  const i = out.count;
  if (i >= MAX_LAYERS) return false;
  out.kind[i] = kind;
  out.start[i] = start;
  out.end[i] = end;
  out.next[i] = next;
  out.aux[i] = 0;
  out.count = i + 1;
  return true;
}

function payload(out: Dissection, off: number, end: number): Dissection {
  if (off < end) push(out, LAYER_PAYLOAD, off, end, 0);
  return out;
}

// Gateways, time and management (issue 15, family 4).
/** The layer kind a UDP datagram between `sport` and `dport` carries, 0 for none. */
/**
 * The UDP ports some decoder claims (by either port), one flag a port: a datagram on two other
 * ports is bytes no decoder claims, found with two loads instead of the chain of checks below.
 * Every port the UDP branch of {@link dissect} (and what it calls) tests is listed here.
 */
const UDP_CLAIMED: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (
    const p of [
      DNS_PORT,
      VXLAN_PORT,
      GENEVE_PORT,
      IPSEC_NAT_T_PORT,
      TFTP_PORT,
      RIP_PORT,
      SNMP_PORT,
      SNMPTRAP_PORT,
      NTP_PORT,
      ...RADIUS_PORTS,
      SYSLOG_PORT,
      HSRP_PORT,
      PTP_EVENT_PORT,
      PTP_GENERAL_PORT,
      BOOTPS_PORT,
      BOOTPC_PORT,
      DHCP6_SERVER_PORT,
      DHCP6_CLIENT_PORT,
      MDNS_PORT,
      LLMNR_PORT,
      SIP_PORT,
    ]
  ) t[p] = 1;
  return t;
})();

/** The TCP ports some decoder claims, as {@link UDP_CLAIMED} (BGP, SSH, HTTP, SIP, TLS, DNS). */
const TCP_CLAIMED: Uint8Array = (() => {
  const t = new Uint8Array(0x10000);
  for (const p of [BGP_PORT, SSH_PORT, HTTP_PORT, HTTP_ALT_PORT, SIP_PORT, TLS_PORT, DNS_PORT]) {
    t[p] = 1;
  }
  return t;
})();

/** Whether some decoder claims UDP port `port` (see {@link UDP_CLAIMED}). */
export function udpPortClaimed(port: number): boolean {
  return UDP_CLAIMED[port] !== 0;
}

function udpGatewayKind(sport: number, dport: number): number {
  if (sport === TFTP_PORT || dport === TFTP_PORT) return LAYER_TFTP;
  if (sport === RIP_PORT || dport === RIP_PORT) return LAYER_RIP;
  if (sport === SNMP_PORT || dport === SNMP_PORT) return LAYER_SNMP;
  if (sport === SNMPTRAP_PORT || dport === SNMPTRAP_PORT) return LAYER_SNMP;
  if (sport === NTP_PORT || dport === NTP_PORT) return LAYER_NTP;
  if (RADIUS_PORTS.includes(sport) || RADIUS_PORTS.includes(dport)) return LAYER_RADIUS;
  if (sport === SYSLOG_PORT || dport === SYSLOG_PORT) return LAYER_SYSLOG;
  if (dport === HSRP_PORT) return LAYER_HSRP;
  if (sport === PTP_EVENT_PORT || dport === PTP_EVENT_PORT) return LAYER_PTP;
  if (sport === PTP_GENERAL_PORT || dport === PTP_GENERAL_PORT) return LAYER_PTP;
  return 0;
}

/** The octets each UDP application layer needs before it is recorded, by kind. */
const GATEWAY_MINLEN: Uint8Array = (() => {
  const t = new Uint8Array(256);
  t[LAYER_TFTP] = TFTP_MINLEN;
  t[LAYER_NTP] = NTP_MINLEN;
  t[LAYER_SYSLOG] = SYSLOG_MINLEN;
  t[LAYER_SNMP] = SNMP_MINLEN;
  t[LAYER_RADIUS] = RADIUS_MINLEN;
  t[LAYER_RIP] = RIP_MINLEN;
  t[LAYER_HSRP] = HSRP_MINLEN;
  t[LAYER_PTP] = PTP_MINLEN;
  return t;
})();

const S_ETHER = 0, S_ETYPE = 1, S_IPPROTO = 2, S_LLC = 3;

/**
 * Walks the frame `d`, recording layers into `out` (reset first). The frame starts with the
 * link-layer header `linkType` names (a LINKTYPE_* number: Ethernet by default; Linux cooked v1
 * and v2, BSD loopback, raw IP). Never throws; `out.truncated` / `out.malformed` name the first
 * layer that could not be decoded.
 */
export function dissect(
  d: Uint8Array,
  out: Dissection = new Dissection(),
  linkType: number = LINKTYPE_ETHERNET,
): Dissection {
  let declEnd = 0;
  out.reset();
  let state = S_ETHER, off = 0, end = d.length, val = 0;
  if (linkType !== LINKTYPE_ETHERNET) {
    // Link types without Ethernet (issue 13d): their header, then the state machine.
    off = linkHeader(d, out, linkType);
    if (off < 0) return out;
    val = linkNext;
    declEnd = end;
    state = val === LINUX_SLL_P_802_2 ? S_LLC : S_ETYPE;
  }
  for (;;) {
    if (out.count >= MAX_LAYERS) return out;
    if (state === S_ETHER) {
      if (off + ETH_HLEN > end) {
        out.truncated = LAYER_ETHERNET;
        return out;
      }
      val = u16(d, off + ETH_TYPE_AT);
      push(out, LAYER_ETHERNET, off, end, val);
      off += ETH_HLEN;
      if (val <= ETH_DATA_LEN) {
        declEnd = off + val;
        end = Math.min(end, declEnd);
        state = S_LLC;
      } else state = S_ETYPE;
    } else if (state === S_ETYPE) {
      if (isVlanTpid(val)) {
        if (off + VLAN_HLEN > end) {
          out.truncated = LAYER_VLAN;
          return out;
        }
        val = u16(d, off + VLAN_TYPE_AT);
        push(out, LAYER_VLAN, off, end, val);
        off += VLAN_HLEN;
        if (val <= ETH_DATA_LEN) {
          declEnd = off + val;
          end = Math.min(end, declEnd);
          state = S_LLC;
        }
      } else if (val === ETH_P_IP) {
        if (off + IPV4_MIN_HLEN > end) {
          out.truncated = LAYER_IPV4;
          return out;
        }
        const hl = ipv4HeaderLength(d, off);
        const tot = u16(d, off + IPV4_LEN_AT);
        if (ipVersion(d, off) !== 4 || hl < IPV4_MIN_HLEN || (tot !== 0 && tot < hl)) {
          out.malformed = LAYER_IPV4;
          return payload(out, off, end);
        }
        if (off + hl > end) {
          out.truncated = LAYER_IPV4;
          return out;
        }
        if (tot !== 0) end = Math.min(end, off + tot);
        declEnd = tot !== 0 ? off + tot : end;
        val = d[off + IPV4_PROTO_AT];
        push(out, LAYER_IPV4, off, end, val);
        if ((u16(d, off + IPV4_OFF_AT) & IP_OFFMASK) !== 0) return payload(out, off + hl, end);
        off += hl;
        state = S_IPPROTO;
      } else if (val === ETH_P_IPV6) {
        if (off + IPV6_HLEN > end) {
          out.truncated = LAYER_IPV6;
          return out;
        }
        if (ipVersion(d, off) !== 6) {
          out.malformed = LAYER_IPV6;
          return payload(out, off, end);
        }
        const plen = u16(d, off + IPV6_PLEN_AT);
        if (plen !== 0) end = Math.min(end, off + IPV6_HLEN + plen);
        declEnd = plen !== 0 ? off + IPV6_HLEN + plen : end;
        val = d[off + IPV6_NEXT_AT];
        push(out, LAYER_IPV6, off, end, val);
        off += IPV6_HLEN;
        while (isIpv6Ext(val)) {
          const len = ipv6ExtLength(d, off, end, val);
          if (len < 0) {
            out.truncated = LAYER_IPV6;
            return out;
          }
          const type = val;
          val = d[off + IP6E_NEXT_AT];
          if (!push(out, LAYER_IPV6_EXT, off, end, val)) return out;
          out.aux[out.count - 1] = type;
          const later = type === IPPROTO_FRAGMENT && ipv6FragOffset(d, off) !== 0;
          off += len;
          if (later) return payload(out, off, end);
        }
        state = S_IPPROTO;
      } else if (val === ETH_P_MPLS_UC || val === ETH_P_MPLS_MC) {
        // Overlays and encapsulations (issue 15 family 3): the label stack, one entry a layer
        // (MAX_LAYERS bounds it), then IPv4 or IPv6 as tcpdump guesses them.
        if (off + MPLS_HLEN > end) {
          out.truncated = LAYER_MPLS;
          return out;
        }
        const label = mplsLabel(d, off), bottom = mplsBottom(d, off);
        val = 0;
        if (bottom) {
          const v = off + MPLS_HLEN < end ? d[off + MPLS_HLEN] >> MPLS_VERSION_SHIFT : 0;
          if (label === MPLS_LABEL_IPV4_NULL || label === MPLS_LABEL_IMPLICIT_NULL) val = ETH_P_IP;
          else if (label === MPLS_LABEL_IPV6_NULL) val = ETH_P_IPV6;
          else if (v === 4) val = ETH_P_IP;
          else if (v === 6) val = ETH_P_IPV6;
        } else val = ETH_P_MPLS_UC;
        if (!push(out, LAYER_MPLS, off, end, val)) return out;
        off += MPLS_HLEN;
        if (val === 0) return payload(out, off, end);
      } else if (val === ETH_P_PPP_DISC || val === ETH_P_PPP_SES) {
        // Overlays and encapsulations (issue 15 family 3): PPPoE; a non-zero code means
        // discovery tags (kept in the PPPoE layer), else PPP.
        if (off + PPPOE_HLEN > end) {
          out.truncated = LAYER_PPPOE;
          return out;
        }
        const stop = off + PPPOE_HLEN + u16(d, off + PPPOE_LEN_AT);
        push(out, LAYER_PPPOE, off, Math.min(end, stop), 0);
        if (d[off + PPPOE_CODE_AT] !== 0) {
          if (stop > end) out.truncated = LAYER_PPPOE;
          return out;
        }
        end = Math.min(end, stop);
        off += PPPOE_HLEN;
        if (off >= end || off + pppProtoLen(d, off) > end) {
          out.truncated = LAYER_PPP;
          return out;
        }
        const proto = pppProto(d, off);
        push(out, LAYER_PPP, off, end, proto);
        off += pppProtoLen(d, off);
        if (proto === PPP_IP) val = ETH_P_IP;
        else if (proto === PPP_IPV6) val = ETH_P_IPV6;
        else {
          if (isPppControl(proto) && off + PPP_CP_HLEN > end) out.truncated = LAYER_PPP;
          return isPppControl(proto) ? out : payload(out, off, end);
        }
      } else if (val === ETH_P_ARP || val === ETH_P_RARP) {
        const len = arpLength(d, off, end);
        if (len < 0) {
          out.truncated = LAYER_ARP;
          return out;
        }
        push(out, LAYER_ARP, off, end, 0);
        return payload(out, off + len, end);
      } else if (val === ETH_P_SLOW) {
        // Bridging and link control (issue 15 family 1).
        if (off >= end) {
          out.truncated = LAYER_SLOW;
          return out;
        }
        push(out, LAYER_SLOW, off, end, 0);
        if (slowLength(d, off, end) < 0) out.truncated = LAYER_SLOW;
        return out;
      } else if (val === ETH_P_1588) {
        // Gateway leftovers (issue 15, family 4).
        if (off + PTP_MINLEN > end) {
          out.truncated = LAYER_PTP;
          return out;
        }
        push(out, LAYER_PTP, off, end, 0);
        return out;
      } else if (val === ETH_P_LLDP) {
        if (off >= end) {
          out.truncated = LAYER_LLDP;
          return out;
        }
        push(out, LAYER_LLDP, off, end, 0);
        if (lldpLength(d, off, end) < 0) out.truncated = LAYER_LLDP;
        return out;
      } else if (val === ETH_P_PAE) {
        if (off + EAPOL_HLEN > end) {
          out.truncated = LAYER_EAPOL;
          return out;
        }
        push(out, LAYER_EAPOL, off, end, 0);
        if (off + EAPOL_HLEN + u16(d, off + EAPOL_LEN_AT) > end) out.truncated = LAYER_EAPOL;
        return out;
      } else return payload(out, off, end);
    } else if (state === S_LLC) {
      const len = llcHeaderLength(d, off, end);
      if (len < 0) {
        out.truncated = LAYER_LLC;
        return out;
      }
      // SNAP with OUI 0 carries an EtherType.
      const snapAt = off + len - SNAP_HLEN;
      const snap = llcIsSnap(d, off) && snapOui(d, snapAt) === 0;
      val = snap ? u16(d, snapAt + SNAP_TYPE_AT) : -1;
      push(out, LAYER_LLC, off, end, val);
      const llcAt = off;
      off += len;
      if (!snap) {
        if (isBpdu(d, llcAt, snapAt)) return bpdu(out, d, off, end, declEnd - off);
        if (isCdp(d, llcAt, snapAt)) return cdpLayer(out, d, off, end, declEnd - off);
        return payload(out, off, end);
      }
      state = S_ETYPE;
    } else {
      if (val === IPPROTO_TCP) {
        const len = tcpHeaderLength(d, off, end);
        if (len <= 0) {
          if (len < 0) out.truncated = LAYER_TCP;
          else out.malformed = LAYER_TCP;
          return len < 0 ? out : payload(out, off, end);
        }
        push(out, LAYER_TCP, off, end, 0);
        const sp = u16(d, off + TCP_SPORT_AT), dp = u16(d, off + TCP_DPORT_AT);
        if (TCP_CLAIMED[sp] === 0 && TCP_CLAIMED[dp] === 0) return payload(out, off + len, end);
        // Gateways, time and management (issue 15, family 4): BGP by port.
        if (
          off + len < end &&
          (u16(d, off + TCP_SPORT_AT) === BGP_PORT || u16(d, off + TCP_DPORT_AT) === BGP_PORT)
        ) {
          push(out, LAYER_BGP, off + len, end, 0);
          return out;
        }
        // Application hints (issue 15, family 5): SSH, then HTTP, as tcpdump tries them.
        const hint = tcpHintKind(sp, dp);
        const dnsToo = sp === DNS_PORT || dp === DNS_PORT;
        if (hint !== 0 && !((hint === LAYER_SIP || hint === LAYER_TLS) && dnsToo)) {
          return off + len < end ? tcpHint(d, hint, off + len, end, out) : out;
        }
        // Addressing (issue 15b): DNS over TCP, else bytes no decoder claims.
        return tcpAddressing(d, off, off + len, end, declEnd, out);
      } else if (val === IPPROTO_UDP) {
        if (off + UDP_HLEN > end) {
          out.truncated = LAYER_UDP;
          return out;
        }
        const ulen = u16(d, off + UDP_LEN_AT);
        if (ulen >= UDP_HLEN) end = Math.min(end, off + ulen);
        push(out, LAYER_UDP, off, end, 0);
        const sport = u16(d, off + UDP_SPORT_AT), dport = u16(d, off + UDP_DPORT_AT);
        if (UDP_CLAIMED[sport] === 0 && UDP_CLAIMED[dport] === 0) {
          return payload(out, off + UDP_HLEN, end);
        }
        const dns = sport === DNS_PORT || dport === DNS_PORT;
        off += UDP_HLEN;
        // Overlays and encapsulations (issue 15 family 3), by port as tcpdump does.
        if (!dns && (sport === VXLAN_PORT || dport === VXLAN_PORT)) {
          if (off + VXLAN_HLEN > end) {
            out.truncated = LAYER_VXLAN;
            return out;
          }
          push(out, LAYER_VXLAN, off, end, ETH_P_TEB);
          off += VXLAN_HLEN;
          state = S_ETHER;
          continue;
        }
        if (!dns && (sport === GENEVE_PORT || dport === GENEVE_PORT)) {
          if (off + GENEVE_HLEN > end) {
            out.truncated = LAYER_GENEVE;
            return out;
          }
          val = u16(d, off + GENEVE_PROTO_AT);
          push(out, LAYER_GENEVE, off, end, val);
          if (geneveVersion(d, off) !== 0) return payload(out, off + GENEVE_HLEN, end);
          const glen = GENEVE_HLEN + geneveOptLen(d, off);
          if (off + glen > end) {
            out.truncated = LAYER_GENEVE;
            return out;
          }
          off += glen;
          if (val === ETH_P_TEB) state = S_ETHER;
          else if (val === ETH_P_IP || val === ETH_P_IPV6) state = S_ETYPE;
          else return payload(out, off, end);
          continue;
        }
        if (
          !dns && (sport === IPSEC_NAT_T_PORT || dport === IPSEC_NAT_T_PORT) &&
          off + ESP_HLEN <= end && u32(d, off + ESP_SPI_AT) !== 0
        ) {
          push(out, LAYER_ESP, off, end, 0);
          return payload(out, off + ESP_HLEN, end);
        }
        if (!dns) {
          // Gateways, time and management (issue 15, family 4): by port, in tcpdump's order;
          // then addressing (issue 15b): DHCP, DHCPv6, mDNS, LLMNR, else bytes no decoder claims.
          const app = udpGatewayKind(sport, dport);
          if (app === 0) return udpAddressing(d, off, end, sport, dport, out);
          if (off + GATEWAY_MINLEN[app] > end) {
            out.truncated = app;
            return out;
          }
          if (app === LAYER_SYSLOG) {
            const at = syslogTextAt(d, off, end);
            if (at === -2) out.truncated = LAYER_SYSLOG;
            if (at < 0) {
              if (at === -1) out.malformed = LAYER_SYSLOG;
              return at === -1 ? payload(out, off, end) : out;
            }
          }
          push(out, app, off, end, 0);
          // Cut short when the datagram the UDP header declares goes past the capture.
          if (off - UDP_HLEN + ulen > d.length) out.truncated = app;
          return out;
        }
        if (off + DNS_HLEN > end) {
          out.truncated = LAYER_DNS;
          return out;
        }
        push(out, LAYER_DNS, off, end, 0);
        if (!dnsFits(d, off, end)) out.truncated = LAYER_DNS;
        return out;
      } else if (val === IPPROTO_ICMP) {
        if (off + ICMP_MINLEN > end) {
          out.truncated = LAYER_ICMP;
          return out;
        }
        push(out, LAYER_ICMP, off, end, 0);
        return out;
      } else if (val === IPPROTO_IGMP) {
        if (off + IGMP_MINLEN > end) {
          out.truncated = LAYER_IGMP;
          return out;
        }
        push(out, LAYER_IGMP, off, end, 0);
        // The message length the IP header declares: it tells IGMP versions apart even when
        // the capture cut the message short.
        out.aux[out.count - 1] = declEnd - off;
        return out;
      } else if (val === IPPROTO_ICMPV6) {
        const t = d[off + ICMP6_TYPE_AT];
        const min = t === ND_NEIGHBOR_SOLICIT || t === ND_NEIGHBOR_ADVERT
          ? ND_NS_LEN
          : ICMP6_MINLEN;
        if (off + min > end) {
          out.truncated = LAYER_ICMPV6;
          return out;
        }
        push(out, LAYER_ICMPV6, off, end, 0);
        return out;
      } else if (val === IPPROTO_GRE) {
        const len = greHeaderLength(d, off, end);
        if (len < 0) {
          out.truncated = LAYER_GRE;
          return out;
        }
        val = u16(d, off + GRE_PROTO_AT);
        push(out, LAYER_GRE, off, end, val);
        const greFlags = u16(d, off + GRE_FLAGS_AT);
        off += len;
        if ((greFlags & GRE_VERSION) !== 0) return payload(out, off, end);
        if (val === ETH_P_TEB) state = S_ETHER;
        else if (val === ETH_P_ERSPAN && !(greFlags & GRE_SEQ)) state = S_ETHER; // ERSPAN type I
        else if (val === ETH_P_ERSPAN || val === ETH_P_ERSPAN3) {
          // Overlays and encapsulations (issue 15 family 3): ERSPAN type II and III.
          const elen = erspanHeaderLength(d, off, end);
          if (elen < 0) {
            out.truncated = LAYER_ERSPAN;
            return out;
          }
          if (elen === 0) return payload(out, off, end);
          push(out, LAYER_ERSPAN, off, end, ETH_P_TEB);
          off += elen;
          state = S_ETHER;
        } else if (val === ETH_P_IP || val === ETH_P_IPV6) state = S_ETYPE;
        else return payload(out, off, end);
      } else if (val === IPPROTO_ESP) {
        // Overlays and encapsulations (issue 15 family 3): IPsec.
        if (off + ESP_HLEN > end) {
          out.truncated = LAYER_ESP;
          return out;
        }
        push(out, LAYER_ESP, off, end, 0);
        return payload(out, off + ESP_HLEN, end);
      } else if (val === IPPROTO_AH) {
        const len = ahHeaderLength(d, off, end);
        if (len < 0) {
          out.truncated = LAYER_AH;
          return out;
        }
        val = d[off + AH_NEXT_AT];
        if (!push(out, LAYER_AH, off, end, val)) return out;
        off += len;
      } else if (val === IPPROTO_SCTP) {
        if (off + SCTP_HLEN > end) {
          out.truncated = LAYER_SCTP;
          return out;
        }
        push(out, LAYER_SCTP, off, end, 0);
        return out;
      } else if (val === IPPROTO_OSPF) {
        // Gateways, time and management (issue 15, family 4).
        if (off + OSPF_MINLEN > end) {
          out.truncated = LAYER_OSPF;
          return out;
        }
        push(out, LAYER_OSPF, off, end, 0);
        if (off + OSPF_HLEN > end || declEnd > d.length) out.truncated = LAYER_OSPF;
        return out;
      } else if (val === IPPROTO_PIM) {
        // Gateway leftovers (issue 15, family 4).
        if (off + PIM_MINLEN > end) {
          out.truncated = LAYER_PIM;
          return out;
        }
        push(out, LAYER_PIM, off, end, 0);
        if (declEnd > d.length) out.truncated = LAYER_PIM;
        return out;
      } else if (val === IPPROTO_VRRP) {
        // Gateways, time and management (issue 15, family 4).
        if (off >= end) {
          out.truncated = LAYER_VRRP;
          return out;
        }
        push(out, LAYER_VRRP, off, end, 0);
        if (off + VRRP_HLEN > end || declEnd > d.length) out.truncated = LAYER_VRRP;
        return out;
      } else if (val === IPPROTO_IPIP) {
        val = ETH_P_IP;
        state = S_ETYPE;
      } else if (val === IPPROTO_IPV6) {
        val = ETH_P_IPV6;
        state = S_ETYPE;
      } else return payload(out, off, end);
    }
  }
}

// ---- Bridging and link control (issue 15 family 1) -------------------------------------------

/** True when the LLC header at `llc` carries a BPDU: SAP 0x42 UI, or Cisco's PVST+ SNAP. */
function isBpdu(d: Uint8Array, llc: number, snapAt: number): boolean {
  if (llcIsSnap(d, llc)) {
    return snapOui(d, snapAt) === OUI_CISCO && u16(d, snapAt + SNAP_TYPE_AT) === PID_CISCO_PVST;
  }
  return (d[llc + LLC_DSAP_AT] & ~LLC_GSAP) === LLC_SAP_STP &&
    (d[llc + LLC_SSAP_AT] & ~LLC_GSAP) === LLC_SAP_STP && d[llc + LLC_CTRL_AT] === LLC_UI;
}

/**
 * Records the BPDU at `off` (`declared` octets by the 802.3 length), unless it is malformed:
 * not protocol 0, or shorter than its type.
 */
function bpdu(out: Dissection, d: Uint8Array, off: number, end: number, declared: number) {
  const n = stpLength(d, off, end, declared);
  if (n !== 0 && off + STP_MIN_LEN <= end) {
    push(out, LAYER_STP, off, end, 0);
    out.aux[out.count - 1] = declared;
  }
  if (n < 0) out.truncated = LAYER_STP;
  else if (n === 0) out.malformed = LAYER_STP;
  return out;
}

/** True when the LLC header at `llc` is Cisco's SNAP for CDP. */
function isCdp(d: Uint8Array, llc: number, snapAt: number): boolean {
  return llcIsSnap(d, llc) && snapOui(d, snapAt) === OUI_CISCO &&
    u16(d, snapAt + SNAP_TYPE_AT) === PID_CISCO_CDP;
}

/** Records the CDP packet at `off` (`declared` octets by the 802.3 length). */
function cdpLayer(out: Dissection, d: Uint8Array, off: number, end: number, declared: number) {
  if (off + CDP_HLEN > end) {
    out.truncated = LAYER_CDP;
    return out;
  }
  push(out, LAYER_CDP, off, end, 0);
  out.aux[out.count - 1] = declared;
  if (cdpLength(d, off, end, declared) < 0) out.truncated = LAYER_CDP;
  return out;
}

// ---- addressing (issue 15b) -------------------------------------------------------------------

/**
 * The UDP payload at `off` by its ports: DHCP, DHCPv6, mDNS and LLMNR (DNS messages, the port
 * in the layer's `aux`), or bytes no decoder claims.
 */
function udpAddressing(
  d: Uint8Array,
  off: number,
  end: number,
  sport: number,
  dport: number,
  out: Dissection,
): Dissection {
  if (
    sport === BOOTPS_PORT || dport === BOOTPS_PORT || sport === BOOTPC_PORT ||
    dport === BOOTPC_PORT
  ) {
    if (off + BOOTP_VEND_AT > end) {
      out.truncated = LAYER_DHCP;
      return out;
    }
    push(out, LAYER_DHCP, off, end, 0);
    if (!dhcpFits(d, off, end)) out.truncated = LAYER_DHCP;
    return out;
  }
  if (
    sport === DHCP6_SERVER_PORT || dport === DHCP6_SERVER_PORT || sport === DHCP6_CLIENT_PORT ||
    dport === DHCP6_CLIENT_PORT
  ) {
    if (off + DH6_HLEN > end) {
      out.truncated = LAYER_DHCPV6;
      return out;
    }
    push(out, LAYER_DHCPV6, off, end, 0);
    if (!dhcpv6Fits(d, off, end)) out.truncated = LAYER_DHCPV6;
    return out;
  }
  const dnsPort = sport === MDNS_PORT || dport === MDNS_PORT
    ? MDNS_PORT
    : sport === LLMNR_PORT || dport === LLMNR_PORT
    ? LLMNR_PORT
    : 0;
  if (dnsPort !== 0) {
    if (off + DNS_HLEN > end) {
      out.truncated = LAYER_DNS;
      return out;
    }
    push(out, LAYER_DNS, off, end, 0);
    out.aux[out.count - 1] = dnsPort;
    if (!dnsFits(d, off, end)) out.truncated = LAYER_DNS;
    return out;
  }
  // Application hints (issue 15, family 5): SIP after the others.
  if (
    (sport === SIP_PORT || dport === SIP_PORT) &&
    startLine(d, off, end, SIP_VERSION_PREFIX, SIP_METHODS) !== undefined
  ) {
    push(out, LAYER_SIP, off, end, 0);
    return out;
  }
  return payload(out, off, end);
}

/** The DNS layer's `aux` for DNS over TCP (its range starts after the 2-octet length prefix). */
export const DNS_OVER_TCP = 1;

/**
 * The TCP payload at `off` (header at `tcpOff`, IP payload declared to end at `declEnd`): DNS
 * over TCP port 53 when its length prefix gives exactly the rest of the segment, or bytes no
 * decoder claims.
 */
function tcpAddressing(
  d: Uint8Array,
  tcpOff: number,
  off: number,
  end: number,
  declEnd: number,
  out: Dissection,
): Dissection {
  const dns = u16(d, tcpOff + TCP_SPORT_AT) === DNS_PORT ||
    u16(d, tcpOff + TCP_DPORT_AT) === DNS_PORT;
  if (!dns || off + DNS_TCP_PREFIX > end) return payload(out, off, end);
  // The prefix must give the segment's rest as the IP header declares it (the capture may have
  // cut the message short).
  const rest = end - off - DNS_TCP_PREFIX, prefix = u16(d, off);
  if (prefix !== declEnd - off - DNS_TCP_PREFIX) return payload(out, off, end);
  off += DNS_TCP_PREFIX;
  // A message cut short gets no layer (tshark, reassembling TCP, decodes none of it either).
  if (prefix !== rest || off + DNS_HLEN > end) {
    out.truncated = LAYER_DNS;
    return out;
  }
  push(out, LAYER_DNS, off, end, 0);
  out.aux[out.count - 1] = DNS_OVER_TCP;
  if (!dnsFits(d, off, end)) out.truncated = LAYER_DNS;
  return out;
}

// Application hints (issue 15, family 5).
/** The text layer kind tcpdump 4.99 tries for a TCP segment between these ports, 0 for none. */
export function tcpHintKind(sport: number, dport: number): number {
  if (sport === SSH_PORT || dport === SSH_PORT) return LAYER_SSH;
  if (
    sport === HTTP_PORT || dport === HTTP_PORT || sport === HTTP_ALT_PORT ||
    dport === HTTP_ALT_PORT
  ) return LAYER_HTTP;
  // tcpdump prints nothing for SIP over TCP; tshark decodes it.
  if (sport === SIP_PORT || dport === SIP_PORT) return LAYER_SIP;
  // NDJSON only: tcpdump prints nothing for TLS.
  if (sport === TLS_PORT || dport === TLS_PORT) return LAYER_TLS;
  return 0;
}

/** Records the payload `off`..`end` as `kind` when it starts with that protocol's line. */
function tcpHint(
  d: Uint8Array,
  kind: number,
  off: number,
  end: number,
  out: Dissection,
): Dissection {
  const ok = kind === LAYER_SSH
    ? sshBannerEnd(d, off, end) >= 0
    : kind === LAYER_TLS
    ? isTlsHandshake(d, off, end)
    : kind === LAYER_SIP
    ? startLine(d, off, end, SIP_VERSION_PREFIX, SIP_METHODS) !== undefined
    : startLine(d, off, end, HTTP_VERSION_PREFIX, HTTP_METHODS) !== undefined;
  if (!ok) return payload(out, off, end);
  push(out, kind, off, end, 0);
  return out;
}

// ---- Link types without Ethernet (issue 13d) ---------------------------------------------------

const {
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} = linktypeModule;
const { NULL_HDR_LEN } = nullModule;
const { SLL_HDR_LEN, SLL_PROTOCOL_AT, SLL2_HDR_LEN, SLL2_PROTOCOL_AT } = sllModule;
const {
  BSD_AFNUM_INET,
  BSD_AFNUM_INET6_BSD,
  BSD_AFNUM_INET6_DARWIN,
  BSD_AFNUM_INET6_FREEBSD,
  LINUX_SLL_P_802_2,
} = numbersModule;
/** The IP version nibble's shift in the first octet of a raw IP frame. */
const RAW_VERSION_SHIFT = 4;

/** What {@link linkHeader} leaves for the walk: an EtherType, or LINUX_SLL_P_802_2 for LLC. */
let linkNext = 0;

/**
 * Records the link-layer header of a frame of link type `linkType` (not Ethernet) and sets
 * {@link linkNext}; returns the offset where the walk goes on, or -1 when it is over (a header
 * cut short, or what follows is bytes no decoder claims, already recorded).
 */
function linkHeader(d: Uint8Array, out: Dissection, linkType: number): number {
  const end = d.length;
  if (linkType === LINKTYPE_LINUX_SLL2) {
    return cooked(d, out, LAYER_SLL2, SLL2_HDR_LEN, u16(d, SLL2_PROTOCOL_AT), end);
  }
  if (linkType === LINKTYPE_LINUX_SLL) {
    return cooked(d, out, LAYER_SLL, SLL_HDR_LEN, u16(d, SLL_PROTOCOL_AT), end);
  }
  if (linkType === LINKTYPE_RAW) {
    if (end < 1) {
      out.truncated = LAYER_RAW;
      return -1;
    }
    const v = d[0] >> RAW_VERSION_SHIFT;
    linkNext = v === 4 ? ETH_P_IP : v === 6 ? ETH_P_IPV6 : 0;
    if (linkNext !== 0) return 0;
    out.malformed = LAYER_RAW;
    payload(out, 0, end);
    return -1;
  }
  if (linkType === LINKTYPE_NULL || linkType === LINKTYPE_LOOP) {
    if (NULL_HDR_LEN > end) {
      out.truncated = LAYER_NULL;
      return -1;
    }
    const family = linkType === LINKTYPE_LOOP ? loopFamily(d, 0) : nullFamily(d, 0);
    linkNext = family === BSD_AFNUM_INET
      ? ETH_P_IP
      : family === BSD_AFNUM_INET6_BSD || family === BSD_AFNUM_INET6_FREEBSD ||
          family === BSD_AFNUM_INET6_DARWIN
      ? ETH_P_IPV6
      : 0;
    push(out, LAYER_NULL, 0, end, linkNext);
    out.aux[0] = family;
    if (linkNext !== 0) return NULL_HDR_LEN;
    payload(out, NULL_HDR_LEN, end);
    return -1;
  }
  // A link type rawcap does not decode: bytes no decoder claims.
  payload(out, 0, end);
  return -1;
}

/**
 * A cooked header of `hlen` octets (layer `kind`) whose protocol field holds `proto`, and the
 * VLAN tags libpcap puts back after it (each with the protocol it had, so a value up to 1500 in
 * a tag stands for 802.2, as tcpdump reads it).
 */
function cooked(
  d: Uint8Array,
  out: Dissection,
  kind: number,
  hlen: number,
  proto: number,
  end: number,
): number {
  if (hlen > end) {
    out.truncated = kind;
    return -1;
  }
  let val = proto, off = hlen;
  push(out, kind, 0, end, val);
  while (isVlanTpid(val)) {
    if (off + VLAN_HLEN > end) {
      out.truncated = LAYER_VLAN;
      return -1;
    }
    val = u16(d, off + VLAN_TYPE_AT);
    if (val <= ETH_DATA_LEN) val = LINUX_SLL_P_802_2;
    if (!push(out, LAYER_VLAN, off, end, val)) return -1;
    off += VLAN_HLEN;
  }
  if (val <= ETH_DATA_LEN && val !== LINUX_SLL_P_802_2) {
    // Novell's raw 802.3 (LINUX_SLL_P_802_3), CAN and the like: no decoder here.
    payload(out, off, end);
    return -1;
  }
  linkNext = val;
  return off;
}
