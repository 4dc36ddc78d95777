/**
 * Protocol numbers: every value a header field takes that names another protocol, a message
 * type or a flag, with the names tcpdump prints for them. One table per number space, in the
 * spirit of tcpdump's `struct tok` arrays and gopacket's `layers/enums.go`.
 *
 * Decoders, the text printers, NDJSON and the filter compiler all read these; header layouts
 * (offsets, lengths, masks) live in each protocol's decoder module instead.
 *
 * @module
 */

import { ETH_P_8021AD, ETH_P_8021Q, ETH_P_QINQ1 } from "../packet/vlan.ts";

/** A number-to-name table (tcpdump's `struct tok`). */
export type Tok = Readonly<Record<number, string>>;

// ---- EtherTypes (IEEE 802 numbers; Linux's ETH_P_*) ---------------------------------------

/** The VLAN tag TPIDs: kept with the tag put-back rule in packet/vlan.ts, which capture uses. */
export { ETH_P_8021AD, ETH_P_8021Q, ETH_P_QINQ1 };
/** IPv4. */
export const ETH_P_IP = 0x0800;
/** ARP. */
export const ETH_P_ARP = 0x0806;
/** Reverse ARP. */
export const ETH_P_RARP = 0x8035;
/** IPv6. */
export const ETH_P_IPV6 = 0x86dd;
/** Transparent Ethernet bridging (Ethernet inside GRE). */
export const ETH_P_TEB = 0x6558;
/** MPLS unicast. */
export const ETH_P_MPLS_UC = 0x8847;
/** MPLS multicast. */
export const ETH_P_MPLS_MC = 0x8848;
/** Link Layer Discovery Protocol. */
export const ETH_P_LLDP = 0x88cc;
/** 802.1X (EAP over LAN). */
export const ETH_P_PAE = 0x888e;
/** PPPoE discovery. */
export const ETH_P_PPP_DISC = 0x8863;
/** PPPoE session. */
export const ETH_P_PPP_SES = 0x8864;
/** AppleTalk. */
export const ETH_P_ATALK = 0x809b;
/** AppleTalk ARP. */
export const ETH_P_AARP = 0x80f3;
/** DECnet phase IV. */
export const ETH_P_DNA_RT = 0x6003;
/** DEC LAT. */
export const ETH_P_LAT = 0x6004;
/** DEC customer protocol (SCA). */
export const ETH_P_CUST = 0x6007;
/** DEC MOP remote console. */
export const ETH_P_DNA_RC = 0x6002;
/** DEC MOP dump/load. */
export const ETH_P_DNA_DL = 0x6001;
/** Novell IPX. */
export const ETH_P_IPX = 0x8137;
/** Slow protocols (LACP, Marker, OAM); bridging and link control (issue 15 family 1). */
export const ETH_P_SLOW = 0x8809;
/** PTP over Ethernet (IEEE 1588 annex F). */
export const ETH_P_1588 = 0x88f7;

/** Loopback (Ethernet configuration testing protocol). */
export const ETH_P_LOOPBACK = 0x9000;
/** Xerox NS IDP. */
export const ETH_P_NS = 0x0600;

/** EtherType names as tcpdump prints them (`ethertype IPv4 (0x0800)`). */
export const ETHERTYPES: Tok = {
  [ETH_P_IP]: "IPv4",
  [ETH_P_ARP]: "ARP",
  [ETH_P_RARP]: "Reverse ARP",
  [ETH_P_IPV6]: "IPv6",
  [ETH_P_1588]: "PTP",
  [ETH_P_8021Q]: "802.1Q",
  [ETH_P_8021AD]: "802.1Q-QinQ",
  [ETH_P_QINQ1]: "802.1Q-9100",
  [ETH_P_LLDP]: "LLDP",
  [ETH_P_MPLS_UC]: "MPLS unicast",
  [ETH_P_MPLS_MC]: "MPLS multicast",
  [ETH_P_PAE]: "EAPOL",
  [ETH_P_PPP_DISC]: "PPPoE D",
  [ETH_P_PPP_SES]: "PPPoE S",
  [ETH_P_TEB]: "TEB",
  // Bridging and link control (issue 15 family 1).
  [ETH_P_SLOW]: "Slow Protocols",
};

/** tcpdump's name for an EtherType, "Unknown" when it has none. */
export function ethertypeName(type: number): string {
  return ETHERTYPES[type] ?? "Unknown";
}

// ---- IP protocol numbers (IANA; IPPROTO_*) ------------------------------------------------

/** IPv6 hop-by-hop options (an extension header). */
export const IPPROTO_HOPOPTS = 0;
/** ICMP. */
export const IPPROTO_ICMP = 1;
/** IGMP. */
export const IPPROTO_IGMP = 2;
/** IPv4 encapsulated in IP. */
export const IPPROTO_IPIP = 4;
/** TCP. */
export const IPPROTO_TCP = 6;
/** UDP. */
export const IPPROTO_UDP = 17;
/** IPv6 encapsulated in IP (6in4). */
export const IPPROTO_IPV6 = 41;
/** IPv6 routing header. */
export const IPPROTO_ROUTING = 43;
/** IPv6 fragment header. */
export const IPPROTO_FRAGMENT = 44;
/** GRE. */
export const IPPROTO_GRE = 47;
/** Cisco IGRP. */
export const IPPROTO_IGRP = 9;
/** Encapsulating security payload. */
export const IPPROTO_ESP = 50;
/** Authentication header. */
export const IPPROTO_AH = 51;
/** ICMPv6. */
export const IPPROTO_ICMPV6 = 58;
/** No next header. */
export const IPPROTO_NONE = 59;
/** IPv6 destination options. */
export const IPPROTO_DSTOPTS = 60;
/** OSPF. */
export const IPPROTO_OSPF = 89;
/** PIM. */
export const IPPROTO_PIM = 103;
/** VRRP. */
export const IPPROTO_VRRP = 112;
/** CARP (OpenBSD's redundancy protocol; it took VRRP's number). */
export const IPPROTO_CARP = IPPROTO_VRRP;
/** SCTP. */
export const IPPROTO_SCTP = 132;

/** IP protocol names as tcpdump prints them (`proto UDP (17)`). */
export const IP_PROTOS: Tok = {
  [IPPROTO_HOPOPTS]: "Options",
  [IPPROTO_ICMP]: "ICMP",
  [IPPROTO_IGMP]: "IGMP",
  [IPPROTO_IPIP]: "IPIP",
  [IPPROTO_TCP]: "TCP",
  [IPPROTO_UDP]: "UDP",
  [IPPROTO_IPV6]: "IPv6",
  [IPPROTO_ROUTING]: "Routing",
  [IPPROTO_FRAGMENT]: "Fragment",
  [IPPROTO_GRE]: "GRE",
  [IPPROTO_ESP]: "ESP",
  [IPPROTO_AH]: "AH",
  [IPPROTO_ICMPV6]: "ICMPv6",
  [IPPROTO_OSPF]: "OSPF",
  [IPPROTO_PIM]: "PIM",
  [IPPROTO_VRRP]: "VRRP",
  [IPPROTO_SCTP]: "SCTP",
};

/** tcpdump's name for an IP protocol number, "unknown" when it has none. */
export function ipProtoName(proto: number): string {
  return IP_PROTOS[proto] ?? "unknown";
}

/** Names of the ECN codepoints of the TOS octet (RFC 3168), as tcpdump prints them. */
export const IP_ECN: Tok = { 1: "ECT(1)", 2: "ECT(0)", 3: "CE" };

// ---- IPv4 options (RFC 791; IPOPT_*) --------------------------------------------------------

/** End of option list. */
export const IPOPT_EOL = 0;
/** No operation. */
export const IPOPT_NOP = 1;
/** Record route. */
export const IPOPT_RR = 7;
/** Timestamp. */
export const IPOPT_TS = 68;
/** Security. */
export const IPOPT_SECURITY = 130;
/** Loose source and record route. */
export const IPOPT_LSRR = 131;
/** Stream identifier. */
export const IPOPT_SATID = 136;
/** Strict source and record route. */
export const IPOPT_SSRR = 137;
/** Router alert. */
export const IPOPT_RA = 148;

/** IPv4 option names as tcpdump prints them. */
export const IP_OPTIONS: Tok = {
  [IPOPT_EOL]: "EOL",
  [IPOPT_NOP]: "NOP",
  [IPOPT_RR]: "RR",
  [IPOPT_TS]: "TS",
  [IPOPT_SECURITY]: "security",
  [IPOPT_LSRR]: "LSRR",
  [IPOPT_SATID]: "SATID",
  [IPOPT_SSRR]: "SSRR",
  [IPOPT_RA]: "RA",
};

// ---- IPv6 options (hop-by-hop and destination options; RFC 8200) --------------------------

/** One byte of padding. */
export const IP6OPT_PAD1 = 0;
/** N bytes of padding. */
export const IP6OPT_PADN = 1;
/** Router alert. */
export const IP6OPT_ROUTER_ALERT = 5;
/** Jumbo payload. */
export const IP6OPT_JUMBO = 0xc2;

/** IPv6 routing header type 0 (RFC 2460, deprecated by RFC 5095): addresses to visit. */
export const IPV6_RTHDR_TYPE_0 = 0;
/** IPv6 routing header type 2 (Mobile IPv6, RFC 6275): the home address. */
export const IPV6_RTHDR_TYPE_2 = 2;
/** IPv6 routing header type 4: the segment routing header (RFC 8754). */
export const IPV6_RTHDR_TYPE_4 = 4;

// ---- Link-layer headers of captures without Ethernet (see src/packet/linktype.ts) ----------

/** Linux cooked capture: `sll_pkttype` to host (LINUX_SLL_HOST, the kernel's PACKET_HOST). */
export const LINUX_SLL_HOST = 0;
/** Linux cooked capture: broadcast (LINUX_SLL_BROADCAST). */
export const LINUX_SLL_BROADCAST = 1;
/** Linux cooked capture: multicast (LINUX_SLL_MULTICAST). */
export const LINUX_SLL_MULTICAST = 2;
/** Linux cooked capture: to another host (LINUX_SLL_OTHERHOST). */
export const LINUX_SLL_OTHERHOST = 3;
/** Linux cooked capture: sent by this host (LINUX_SLL_OUTGOING). */
export const LINUX_SLL_OUTGOING = 4;
/** Packet types as tcpdump prints them (sll_pkttype_values). */
export const SLL_PKTTYPES: Tok = {
  [LINUX_SLL_HOST]: "In",
  [LINUX_SLL_BROADCAST]: "B",
  [LINUX_SLL_MULTICAST]: "M",
  [LINUX_SLL_OTHERHOST]: "P",
  [LINUX_SLL_OUTGOING]: "Out",
};
/** Cooked protocol: Novell 802.3 frame without an 802.2 header (LINUX_SLL_P_802_3). */
export const LINUX_SLL_P_802_3 = 0x0001;
/** Cooked protocol: 802.2 LLC frame (LINUX_SLL_P_802_2). */
export const LINUX_SLL_P_802_2 = 0x0004;
/** Cooked protocol: CAN frame (LINUX_SLL_P_CAN). */
export const LINUX_SLL_P_CAN = 0x000c;
/** Cooked protocol: CAN FD frame (LINUX_SLL_P_CANFD). */
export const LINUX_SLL_P_CANFD = 0x000d;

/** BSD loopback address family: IPv4 (BSD_AFNUM_INET). */
export const BSD_AFNUM_INET = 2;
/** BSD loopback address family: XNS (BSD_AFNUM_NS). */
export const BSD_AFNUM_NS = 6;
/** BSD loopback address family: OSI (BSD_AFNUM_ISO). */
export const BSD_AFNUM_ISO = 7;
/** BSD loopback address family: AppleTalk (BSD_AFNUM_APPLETALK). */
export const BSD_AFNUM_APPLETALK = 16;
/** BSD loopback address family: IPX (BSD_AFNUM_IPX). */
export const BSD_AFNUM_IPX = 23;
/** BSD loopback address family: IPv6 as NetBSD and OpenBSD number it (BSD_AFNUM_INET6_BSD). */
export const BSD_AFNUM_INET6_BSD = 24;
/** BSD loopback address family: IPv6 as FreeBSD numbers it (BSD_AFNUM_INET6_FREEBSD). */
export const BSD_AFNUM_INET6_FREEBSD = 28;
/** BSD loopback address family: IPv6 as Darwin numbers it (BSD_AFNUM_INET6_DARWIN). */
export const BSD_AFNUM_INET6_DARWIN = 30;
/** BSD address families as tcpdump names them (bsd_af_values). */
export const BSD_AF_NAMES: Tok = {
  [BSD_AFNUM_INET]: "IPv4",
  [BSD_AFNUM_NS]: "NS",
  [BSD_AFNUM_ISO]: "ISO",
  [BSD_AFNUM_APPLETALK]: "Appletalk",
  [BSD_AFNUM_IPX]: "IPX",
  [BSD_AFNUM_INET6_BSD]: "IPv6",
  [BSD_AFNUM_INET6_FREEBSD]: "IPv6",
  [BSD_AFNUM_INET6_DARWIN]: "IPv6",
};

// ---- ARP (RFC 826, 903, 2390) ---------------------------------------------------------------

/** Hardware type: Ethernet. */
export const ARPHRD_ETHER = 1;
/** Operation: request. */
export const ARPOP_REQUEST = 1;
/** Operation: reply. */
export const ARPOP_REPLY = 2;
/** Operation: RARP request. */
export const ARPOP_RREQUEST = 3;
/** Operation: RARP reply. */
export const ARPOP_RREPLY = 4;
/** Operation: inverse ARP request. */
export const ARPOP_INVREQUEST = 8;
/** Operation: inverse ARP reply. */
export const ARPOP_INVREPLY = 9;

/** ARP operation names as tcpdump prints them. */
export const ARP_OPS: Tok = {
  [ARPOP_REQUEST]: "Request",
  [ARPOP_REPLY]: "Reply",
  [ARPOP_RREQUEST]: "Reverse Request",
  [ARPOP_RREPLY]: "Reverse Reply",
  [ARPOP_INVREQUEST]: "Inverse Request",
  [ARPOP_INVREPLY]: "Inverse Reply",
};

// ---- 802.2 LLC service access points ------------------------------------------------------

/** SNAP: an OUI and an EtherType follow. */
export const LLC_SAP_SNAP = 0xaa;
/** IP over 802.2 (rare; IP over Ethernet uses an EtherType or SNAP). */
export const LLC_SAP_IP = 0x06;
/** 802.1D spanning tree (BPDUs). */
export const LLC_SAP_STP = 0x42;
/** Novell IPX. */
export const LLC_SAP_IPX = 0xe0;
/** NetBEUI / NetBIOS. */
export const LLC_SAP_NETBEUI = 0xf0;
/** OSI network layer (CLNP, ES-IS, IS-IS; an NLPID follows). */
export const LLC_SAP_ISONS = 0xfe;
/** The global SAP; DSAP and SSAP 0xff are Novell's "raw 802.3" IPX checksum instead. */
export const LLC_SAP_GLOBAL = 0xff;

/** SAP names as tcpdump prints them (the low, group/response bit masked off). */
export const LLC_SAPS: Tok = {
  0x00: "Null",
  0x04: "SNA",
  0x06: "IP",
  0x42: "STP",
  0x7e: "X.25",
  0x98: "ARP",
  [LLC_SAP_SNAP]: "SNAP",
  0xe0: "IPX",
  0xf0: "NetBeui",
  0xfe: "OSI",
};

/** The control field's format bits: 0 in the low bit is an I frame, 1 an S frame, 3 a U frame. */
export const LLC_I_MASK = 0x01;
/** Format bits of a supervisory (S) frame. */
export const LLC_S_FMT = 0x01;
/** Bits naming an S frame's command (the format bits and the function). */
export const LLC_S_CMD_MASK = 0x0f;
/** Bits naming a U frame's command (all but the poll/final bit). */
export const LLC_U_CMD_MASK = 0xef;
/** S frame: receive ready. */
export const LLC_RR = 0x01;
/** S frame: receive not ready. */
export const LLC_RNR = 0x05;
/** S frame: reject. */
export const LLC_REJ = 0x09;
/** U frame: unnumbered information. */
export const LLC_UI = 0x03;
/** U frame: unnumbered acknowledgment. */
export const LLC_UA = 0x63;
/** U frame: disconnect. */
export const LLC_DISC = 0x43;
/** U frame: disconnected mode. */
export const LLC_DM = 0x0f;
/** U frame: set asynchronous balanced mode extended. */
export const LLC_SABME = 0x6f;
/** U frame: test. */
export const LLC_TEST = 0xe3;
/** U frame: exchange identification. */
export const LLC_XID = 0xaf;
/** U frame: frame reject. */
export const LLC_FRMR = 0x87;

/** S frame commands by the names pcap-filter uses (`llc rr`). */
export const LLC_S_KINDS: Tok = { [LLC_RR]: "rr", [LLC_RNR]: "rnr", [LLC_REJ]: "rej" };
/** U frame commands by the names pcap-filter uses (`llc ui`). */
export const LLC_U_KINDS: Tok = {
  [LLC_UI]: "ui",
  [LLC_UA]: "ua",
  [LLC_DISC]: "disc",
  [LLC_DM]: "dm",
  [LLC_SABME]: "sabme",
  [LLC_TEST]: "test",
  [LLC_XID]: "xid",
  [LLC_FRMR]: "frmr",
};

/** SNAP organization code: an EtherType follows (RFC 1042 encapsulated Ethernet). */
export const OUI_ENCAP_ETHER = 0x000000;
/** SNAP organization code of Apple (AppleTalk phase 2). */
export const OUI_APPLETALK = 0x080007;

// ---- OSI network layer protocol identifiers (NLPIDs) and IS-IS PDU types (ISO 10589) ---------

/** ISO 8473 CLNP. */
export const NLPID_CLNP = 0x81;
/** ISO 9542 ES-IS. */
export const NLPID_ESIS = 0x82;
/** ISO 10589 IS-IS. */
export const NLPID_ISIS = 0x83;
/** IS-IS level 1 LAN hello. */
export const ISIS_L1_LAN_IIH = 15;
/** IS-IS level 2 LAN hello. */
export const ISIS_L2_LAN_IIH = 16;
/** IS-IS point-to-point hello. */
export const ISIS_PTP_IIH = 17;
/** IS-IS level 1 link state PDU. */
export const ISIS_L1_LSP = 18;
/** IS-IS level 2 link state PDU. */
export const ISIS_L2_LSP = 20;
/** IS-IS level 1 complete sequence numbers PDU. */
export const ISIS_L1_CSNP = 24;
/** IS-IS level 2 complete sequence numbers PDU. */
export const ISIS_L2_CSNP = 25;
/** IS-IS level 1 partial sequence numbers PDU. */
export const ISIS_L1_PSNP = 26;
/** IS-IS level 2 partial sequence numbers PDU. */
export const ISIS_L2_PSNP = 27;

// ---- PPP protocol numbers (RFC 1661; PPP_*) -------------------------------------------------

/** IPv4. */
export const PPP_IP = 0x0021;
/** OSI network layer. */
export const PPP_OSI = 0x0023;
/** Xerox NS IDP. */
export const PPP_NS = 0x0025;
/** DECnet phase IV. */
export const PPP_DECNET = 0x0027;
/** AppleTalk. */
export const PPP_APPLE = 0x0029;
/** Novell IPX. */
export const PPP_IPX = 0x002b;
/** Bridging PDU (spanning tree). */
export const PPP_BRPDU = 0x0031;
/** IPv6. */
export const PPP_IPV6 = 0x0057;
/** MPLS unicast. */
export const PPP_MPLS_UCAST = 0x0281;

// ---- TCP (RFC 9293) -------------------------------------------------------------------------

/** Flag bits of the flags octet. */
export const TH_FIN = 0x01;
/** SYN flag. */
export const TH_SYN = 0x02;
/** RST flag. */
export const TH_RST = 0x04;
/** PSH flag. */
export const TH_PUSH = 0x08;
/** ACK flag. */
export const TH_ACK = 0x10;
/** URG flag. */
export const TH_URG = 0x20;
/** ECN-Echo flag. */
export const TH_ECE = 0x40;
/** Congestion window reduced flag. */
export const TH_CWR = 0x80;

/** tcpdump's letter for each flag bit, lowest bit first (`Flags [S.]`). */
export const TCP_FLAG_LETTERS: readonly string[] = ["F", "S", "R", "P", ".", "U", "E", "W"];

/** Option kinds (TCPOPT_*): end of list. */
export const TCPOPT_EOL = 0;
/** No-operation. */
export const TCPOPT_NOP = 1;
/** Maximum segment size. */
export const TCPOPT_MAXSEG = 2;
/** Window scale. */
export const TCPOPT_WINDOW = 3;
/** SACK permitted. */
export const TCPOPT_SACK_PERMITTED = 4;
/** SACK blocks. */
export const TCPOPT_SACK = 5;
/** Timestamps. */
export const TCPOPT_TIMESTAMP = 8;

/** Option names as tcpdump prints them (`options [mss 1460,sackOK,TS ...]`). */
export const TCP_OPTIONS: Tok = {
  [TCPOPT_EOL]: "eol",
  [TCPOPT_NOP]: "nop",
  [TCPOPT_MAXSEG]: "mss",
  [TCPOPT_WINDOW]: "wscale",
  [TCPOPT_SACK_PERMITTED]: "sackOK",
  [TCPOPT_SACK]: "sack",
  [TCPOPT_TIMESTAMP]: "TS",
};

// ---- UDP and TCP ports ----------------------------------------------------------------------

/** DNS (NAMESERVER_PORT). */
export const DNS_PORT = 53;

/** Geneve (RFC 8926), UDP destination port. */
export const GENEVE_PORT = 6081;
/** VXLAN (RFC 7348), UDP destination port. */
export const VXLAN_PORT = 4789;

/** Service names (`port domain`) are in services.ts, with the IP protocol names. */

// ---- ICMP (RFC 792; ICMP_*) -----------------------------------------------------------------

/** Echo reply. */
export const ICMP_ECHOREPLY = 0;
/** Destination unreachable. */
export const ICMP_UNREACH = 3;
/** Source quench. */
export const ICMP_SOURCEQUENCH = 4;
/** Redirect. */
export const ICMP_REDIRECT = 5;
/** Echo request. */
export const ICMP_ECHO = 8;
/** Router advertisement. */
export const ICMP_ROUTERADVERT = 9;
/** Router solicitation. */
export const ICMP_ROUTERSOLICIT = 10;
/** Time exceeded. */
export const ICMP_TIMXCEED = 11;
/** Parameter problem. */
export const ICMP_PARAMPROB = 12;
/** Timestamp request. */
export const ICMP_TSTAMP = 13;
/** Timestamp reply. */
export const ICMP_TSTAMPREPLY = 14;
/** Information request. */
export const ICMP_IREQ = 15;
/** Information reply. */
export const ICMP_IREQREPLY = 16;
/** Address mask request. */
export const ICMP_MASKREQ = 17;
/** Address mask reply. */
export const ICMP_MASKREPLY = 18;

/** Names of the ICMP types tcpdump prints by name alone. */
export const ICMP_TYPES: Tok = {
  [ICMP_ECHOREPLY]: "echo reply",
  [ICMP_SOURCEQUENCH]: "source quench",
  [ICMP_ECHO]: "echo request",
  [ICMP_ROUTERADVERT]: "router advertisement",
  [ICMP_ROUTERSOLICIT]: "router solicitation",
  [ICMP_TSTAMP]: "time stamp request",
  [ICMP_TSTAMPREPLY]: "time stamp reply",
  [ICMP_IREQ]: "information request",
  [ICMP_IREQREPLY]: "information reply",
  [ICMP_MASKREQ]: "address mask request",
  [ICMP_MASKREPLY]: "address mask reply",
};

/** Unreachable code: protocol. */
export const ICMP_UNREACH_PROTOCOL = 2;
/** Unreachable code: port. */
export const ICMP_UNREACH_PORT = 3;
/** Unreachable code: fragmentation needed and DF set. */
export const ICMP_UNREACH_NEEDFRAG = 4;

/**
 * tcpdump's text of each unreachable code, `%s` standing for the quoted destination; codes 2-4
 * are printed from the quoted datagram instead.
 */
export const ICMP_UNREACH_TEXTS: readonly string[] = [
  "net %s unreachable",
  "host %s unreachable",
  "",
  "",
  "",
  "%s unreachable - source route failed",
  "net %s unreachable - unknown",
  "host %s unreachable - unknown",
  "%s unreachable - source host isolated",
  "net %s unreachable - admin prohibited",
  "host %s unreachable - admin prohibited",
  "net %s unreachable - tos prohibited",
  "host %s unreachable - tos prohibited",
  "host %s unreachable - admin prohibited filter",
  "host %s unreachable - host precedence violation",
  "host %s unreachable - precedence cutoff",
];

/** Redirect codes 0-2 (network, host, TOS and network); others print as TOS and host. */
export const ICMP_REDIRECT_TEXTS: readonly string[] = [
  "redirect %s to net %s",
  "redirect %s to host %s",
  "redirect-tos %s to net %s",
];

/** Parameter problem code: the pointer indicates the error. */
export const ICMP_PARAMPROB_ERRATPTR = 0;
/** Time exceeded code: in transit. */
export const ICMP_TIMXCEED_INTRANS = 0;
/** Time exceeded code: reassembly. */
export const ICMP_TIMXCEED_REASS = 1;

// ---- ICMPv6 (RFC 4443, 4861, 2710, 3810) ----------------------------------------------------

/** Destination unreachable. */
export const ICMP6_DST_UNREACH = 1;
/** Packet too big. */
export const ICMP6_PACKET_TOO_BIG = 2;
/** Time exceeded. */
export const ICMP6_TIME_EXCEEDED = 3;
/** Parameter problem. */
export const ICMP6_PARAM_PROB = 4;
/** Echo request. */
export const ICMP6_ECHO_REQUEST = 128;
/** Echo reply. */
export const ICMP6_ECHO_REPLY = 129;
/** Multicast listener query. */
export const MLD_LISTENER_QUERY = 130;
/** Multicast listener report (v1). */
export const MLD_LISTENER_REPORT = 131;
/** Multicast listener done. */
export const MLD_LISTENER_DONE = 132;
/** Router solicitation. */
export const ND_ROUTER_SOLICIT = 133;
/** Router advertisement. */
export const ND_ROUTER_ADVERT = 134;
/** Neighbor solicitation. */
export const ND_NEIGHBOR_SOLICIT = 135;
/** Neighbor advertisement. */
export const ND_NEIGHBOR_ADVERT = 136;
/** Redirect. */
export const ND_REDIRECT = 137;
/** Router renumbering. */
export const ICMP6_ROUTER_RENUMBERING = 138;
/** Node information query. */
export const ICMP6_NI_QUERY = 139;
/** Node information reply. */
export const ICMP6_NI_REPLY = 140;
/** Inverse neighbor discovery solicitation. */
export const ND_INVERSE_SOLICIT = 141;
/** Inverse neighbor discovery advertisement. */
export const ND_INVERSE_ADVERT = 142;
/** Multicast listener report v2. */
export const MLDV2_LISTENER_REPORT = 143;
/** Home agent address discovery request. */
export const ICMP6_HADISCOV_REQUEST = 144;
/** Home agent address discovery reply. */
export const ICMP6_HADISCOV_REPLY = 145;
/** Mobile prefix solicitation. */
export const ICMP6_MOBILEPREFIX_SOLICIT = 146;
/** Mobile prefix advertisement. */
export const ICMP6_MOBILEPREFIX_ADVERT = 147;
/** Certification path solicitation. */
export const ICMP6_CERT_PATH_SOLICIT = 148;
/** Certification path advertisement. */
export const ICMP6_CERT_PATH_ADVERT = 149;
/** Multicast router advertisement. */
export const ICMP6_MCAST_ROUTER_ADVERT = 151;
/** Multicast router solicitation. */
export const ICMP6_MCAST_ROUTER_SOLICIT = 152;
/** Multicast router termination. */
export const ICMP6_MCAST_ROUTER_TERM = 153;

/** Names of the ICMPv6 types tcpdump prints by name alone. */
export const ICMP6_TYPES: Tok = {
  [ICMP6_DST_UNREACH]: "destination unreachable",
  [ICMP6_TIME_EXCEEDED]: "time exceeded in-transit",
  [ICMP6_PARAM_PROB]: "parameter problem",
  [MLD_LISTENER_QUERY]: "multicast listener query",
  [MLD_LISTENER_REPORT]: "multicast listener report",
  [MLD_LISTENER_DONE]: "multicast listener done",
  [ND_ROUTER_SOLICIT]: "router solicitation",
  [ND_ROUTER_ADVERT]: "router advertisement",
  [ND_REDIRECT]: "redirect",
};

/** Unreachable codes 0-4 as tcpdump prints them. */
export const ICMP6_UNREACH_TEXTS: readonly string[] = [
  "unreachable route",
  " unreachable prohibited",
  "beyond scope",
  "unreachable address",
  "unreachable port",
];

/** Unreachable code: no route. */
export const ICMP6_DST_UNREACH_NOROUTE = 0;
/** Unreachable code: administratively prohibited. */
export const ICMP6_DST_UNREACH_ADMIN = 1;
/** Unreachable code: beyond the scope of the source address. */
export const ICMP6_DST_UNREACH_BEYONDSCOPE = 2;
/** Unreachable code: address unreachable. */
export const ICMP6_DST_UNREACH_ADDR = 3;
/** Unreachable code: port unreachable. */
export const ICMP6_DST_UNREACH_NOPORT = 4;
/** Time exceeded code: hop limit exceeded in transit. */
export const ICMP6_TIME_EXCEED_TRANSIT = 0;
/** Time exceeded code: reassembly. */
export const ICMP6_TIME_EXCEED_REASSEMBLY = 1;

// ---- IGMP (RFC 1112, 2236, 3376) ------------------------------------------------------------

/** Membership query (all versions). */
export const IGMP_MEMBERSHIP_QUERY = 0x11;
/** IGMPv1 membership report. */
export const IGMP_V1_MEMBERSHIP_REPORT = 0x12;
/** IGMPv2 membership report. */
export const IGMP_V2_MEMBERSHIP_REPORT = 0x16;
/** IGMPv2 leave group. */
export const IGMP_V2_LEAVE_GROUP = 0x17;
/** IGMPv3 membership report. */
export const IGMP_V3_MEMBERSHIP_REPORT = 0x22;

/** IGMPv3 group record types (RFC 3376 4.2.12), as tcpdump names them. */
export const IGMPV3_RECORD_TYPES: Tok = {
  1: "is_in",
  2: "is_ex",
  3: "to_in",
  4: "to_ex",
  5: "allow",
  6: "block",
};

// ---- DNS (RFC 1035 and later) ---------------------------------------------------------------

/** Record type: IPv4 address. */
export const T_A = 1;
/** Name server. */
export const T_NS = 2;
/** Canonical name. */
export const T_CNAME = 5;
/** Start of authority. */
export const T_SOA = 6;
/** Domain name pointer. */
export const T_PTR = 12;
/** Host information. */
export const T_HINFO = 13;
/** Mail exchange. */
export const T_MX = 15;
/** Text strings. */
export const T_TXT = 16;
/** IPv6 address. */
export const T_AAAA = 28;
/** Location. */
export const T_LOC = 29;
/** Service location. */
export const T_SRV = 33;
/** Naming authority pointer. */
export const T_NAPTR = 35;
/** Delegation name. */
export const T_DNAME = 39;
/** EDNS pseudo-record. */
export const T_OPT = 41;
/** Delegation signer. */
export const T_DS = 43;
/** DNSSEC signature. */
export const T_RRSIG = 46;
/** Next secure record. */
export const T_NSEC = 47;
/** DNSSEC key. */
export const T_DNSKEY = 48;
/** Next secure record, hashed. */
export const T_NSEC3 = 50;
/** Incremental zone transfer. */
export const T_IXFR = 251;
/** Zone transfer. */
export const T_AXFR = 252;
/** Any type. */
export const T_ANY = 255;
/** Certification authority authorization. */
export const T_CAA = 257;

/** Record type names as tcpdump prints them. */
export const DNS_TYPES: Tok = {
  [T_A]: "A",
  [T_NS]: "NS",
  [T_CNAME]: "CNAME",
  [T_SOA]: "SOA",
  [T_PTR]: "PTR",
  [T_HINFO]: "HINFO",
  [T_MX]: "MX",
  [T_TXT]: "TXT",
  [T_AAAA]: "AAAA",
  [T_LOC]: "LOC",
  [T_SRV]: "SRV",
  [T_NAPTR]: "NAPTR",
  [T_DNAME]: "DNAME",
  [T_OPT]: "OPT",
  [T_DS]: "DS",
  [T_RRSIG]: "RRSIG",
  [T_NSEC]: "NSEC",
  [T_DNSKEY]: "DNSKEY",
  [T_NSEC3]: "NSEC3",
  [T_IXFR]: "IXFR",
  [T_AXFR]: "AXFR",
  [T_ANY]: "ANY",
  [T_CAA]: "CAA",
};

/** tcpdump's name for a record type (`Type99` when unknown). */
export function dnsTypeName(type: number): string {
  return DNS_TYPES[type] ?? "Type" + type;
}

/** Class: Internet. */
export const C_IN = 1;
/** Class: Chaos. */
export const C_CHAOS = 3;
/** Class: Hesiod. */
export const C_HS = 4;
/** Class: any. */
export const C_ANY = 255;

/** Class names as tcpdump prints them. */
export const DNS_CLASSES: Tok = { [C_IN]: "IN", [C_CHAOS]: "CHAOS", [C_HS]: "HS", [C_ANY]: "ANY" };

/** tcpdump's marks for opcodes 0-5 after the id ("" for a standard query). */
export const DNS_OPCODE_MARKS: readonly string[] = [
  "",
  " inv_q",
  " stat",
  " op3",
  " notify",
  " update",
];

/** tcpdump's marks for response codes 0-10 ("" for no error). */
export const DNS_RCODE_MARKS: readonly string[] = [
  "",
  " FormErr",
  " ServFail",
  " NXDomain",
  " NotImp",
  " Refused",
  " YXDomain",
  " YXRRSet",
  " NXRRSet",
  " NotAuth",
  " NotZone",
];

// ---- Bridging and link control (issue 15 family 1): STP, slow protocols, LLDP, EAPOL, CDP ----

/** SNAP OUI of Cisco. */
export const OUI_CISCO = 0x00000c;
/** Cisco SNAP protocol id of PVST+ BPDUs. */
export const PID_CISCO_PVST = 0x010b;
/** Cisco SNAP protocol id of CDP. */
export const PID_CISCO_CDP = 0x2000;
/** SNAP OUI names as tcpdump prints them (`oui Cisco (0x00000c)`). */
export const OUIS: Tok = { 0: "Ethernet", [OUI_CISCO]: "Cisco" };
/** Cisco SNAP protocol id names as tcpdump prints them (`pid PVST (0x010b)`). */
export const CISCO_PIDS: Tok = { [PID_CISCO_PVST]: "PVST", [PID_CISCO_CDP]: "CDP" };

/** STP protocol identifier of every BPDU. */
export const STP_PROTO_ID = 0;
/** STP protocol version: 802.1D. */
export const STP_PROTO_REGULAR = 0;
/** STP protocol version: 802.1w, rapid spanning tree. */
export const STP_PROTO_RAPID = 2;
/** STP protocol version: 802.1s, multiple spanning tree. */
export const STP_PROTO_MULTI = 3;
/** STP protocol version: 802.1aq, shortest path bridging. */
export const STP_PROTO_SPB = 4;
/** STP protocol version names as tcpdump prints them. */
export const STP_VERSIONS: Tok = {
  [STP_PROTO_REGULAR]: "802.1d",
  [STP_PROTO_RAPID]: "802.1w",
  [STP_PROTO_MULTI]: "802.1s",
  [STP_PROTO_SPB]: "802.1aq",
};
/** BPDU type: configuration. */
export const STP_BPDU_CONFIG = 0x00;
/** BPDU type: RST, MST and SPT BPDUs. */
export const STP_BPDU_RSTP = 0x02;
/** BPDU type: topology change notification. */
export const STP_BPDU_TCN = 0x80;
/** BPDU type names as tcpdump prints them. */
export const STP_BPDU_TYPES: Tok = {
  [STP_BPDU_CONFIG]: "Config",
  [STP_BPDU_RSTP]: "Rapid STP",
  [STP_BPDU_TCN]: "Topology Change",
};
/** BPDU flag names as tcpdump prints them, by bit. */
export const STP_FLAGS: Tok = {
  0x01: "Topology change",
  0x02: "Proposal",
  0x10: "Learn",
  0x20: "Forward",
  0x40: "Agreement",
  0x80: "Topology change ACK",
};
/** RSTP port roles as tcpdump prints them. */
export const STP_PORT_ROLES: readonly string[] = ["Unknown", "Alternate", "Root", "Designated"];

/** Slow protocol subtype: LACP. */
export const SLOW_PROTO_LACP = 1;
/** Slow protocol subtype: Marker. */
export const SLOW_PROTO_MARKER = 2;
/** Slow protocol subtype: Ethernet OAM. */
export const SLOW_PROTO_OAM = 3;
/** Slow protocol subtype names as tcpdump prints them. */
export const SLOW_PROTOS: Tok = {
  [SLOW_PROTO_LACP]: "LACP",
  [SLOW_PROTO_MARKER]: "MARKER",
  [SLOW_PROTO_OAM]: "OAM",
};
/** LACP and Marker TLV type: terminator. */
export const LACP_TLV_TERMINATOR = 0x00;
/** LACP TLV type: actor information. */
export const LACP_TLV_ACTOR = 0x01;
/** LACP TLV type: partner information. */
export const LACP_TLV_PARTNER = 0x02;
/** LACP TLV type: collector information. */
export const LACP_TLV_COLLECTOR = 0x03;
/** Marker TLV type: marker information. */
export const MARKER_TLV_INFO = 0x01;
/** Marker TLV type: marker response information (tcpdump calls it Unknown). */
export const MARKER_TLV_RESPONSE = 0x02;
/** LACP TLV names as tcpdump prints them. */
export const LACP_TLVS: Tok = {
  [LACP_TLV_TERMINATOR]: "Terminator",
  [LACP_TLV_ACTOR]: "Actor Information",
  [LACP_TLV_PARTNER]: "Partner Information",
  [LACP_TLV_COLLECTOR]: "Collector Information",
};
/** Marker TLV names as tcpdump prints them. */
export const MARKER_TLVS: Tok = {
  [LACP_TLV_TERMINATOR]: "Terminator",
  [MARKER_TLV_INFO]: "Marker Information",
};
/** LACP actor and partner state bits, as tcpdump names them. */
export const LACP_STATE_FLAGS: Tok = {
  0x01: "Activity",
  0x02: "Timeout",
  0x04: "Aggregation",
  0x08: "Synchronization",
  0x10: "Collecting",
  0x20: "Distributing",
  0x40: "Default",
  0x80: "Expired",
};

/** LLDP TLV type: end of LLDPDU. */
export const LLDP_END_TLV = 0;
/** LLDP TLV type: chassis id. */
export const LLDP_CHASSIS_ID_TLV = 1;
/** LLDP TLV type: port id. */
export const LLDP_PORT_ID_TLV = 2;
/** LLDP TLV type: time to live. */
export const LLDP_TTL_TLV = 3;
/** LLDP TLV type: port description. */
export const LLDP_PORT_DESCR_TLV = 4;
/** LLDP TLV type: system name. */
export const LLDP_SYSTEM_NAME_TLV = 5;
/** LLDP TLV type: system description. */
export const LLDP_SYSTEM_DESCR_TLV = 6;
/** LLDP TLV type: system capabilities. */
export const LLDP_SYSTEM_CAP_TLV = 7;
/** LLDP TLV type: management address. */
export const LLDP_MGMT_ADDR_TLV = 8;
/** LLDP TLV type: organization specific. */
export const LLDP_PRIVATE_TLV = 127;
/** LLDP TLV names as tcpdump prints them. */
export const LLDP_TLVS: Tok = {
  [LLDP_END_TLV]: "End",
  [LLDP_CHASSIS_ID_TLV]: "Chassis ID",
  [LLDP_PORT_ID_TLV]: "Port ID",
  [LLDP_TTL_TLV]: "Time to Live",
  [LLDP_PORT_DESCR_TLV]: "Port Description",
  [LLDP_SYSTEM_NAME_TLV]: "System Name",
  [LLDP_SYSTEM_DESCR_TLV]: "System Description",
  [LLDP_SYSTEM_CAP_TLV]: "System Capabilities",
  [LLDP_MGMT_ADDR_TLV]: "Management Address",
  [LLDP_PRIVATE_TLV]: "Organization specific",
};
/** Chassis id subtype: MAC address. */
export const LLDP_CHASSIS_MAC = 4;
/** Chassis id subtype: network address. */
export const LLDP_CHASSIS_NETWORK = 5;
/** Chassis id subtype names as tcpdump prints them. */
export const LLDP_CHASSIS_SUBTYPES: Tok = {
  1: "Chassis component",
  2: "Interface alias",
  3: "Port component",
  [LLDP_CHASSIS_MAC]: "MAC address",
  [LLDP_CHASSIS_NETWORK]: "Network address",
  6: "Interface name",
  7: "Local",
};
/** Port id subtype: MAC address. */
export const LLDP_PORT_MAC = 3;
/** Port id subtype: network address. */
export const LLDP_PORT_NETWORK = 4;
/** Port id subtype names as tcpdump prints them. */
export const LLDP_PORT_SUBTYPES: Tok = {
  1: "Interface alias",
  2: "Port component",
  [LLDP_PORT_MAC]: "MAC address",
  [LLDP_PORT_NETWORK]: "Network Address",
  5: "Interface Name",
  6: "Agent circuit ID",
  7: "Local",
};
/** LLDP system capability bits as tcpdump names them. */
export const LLDP_CAPS: Tok = {
  0x01: "Other",
  0x02: "Repeater",
  0x04: "Bridge",
  0x08: "WLAN AP",
  0x10: "Router",
  0x20: "Telephone",
  0x40: "Docsis",
  0x80: "Station Only",
};
/** Address family numbers (IANA): IPv4. */
export const AFNUM_INET = 1;
/** Address family numbers: IPv6. */
export const AFNUM_INET6 = 2;
/** Address family numbers: IEEE 802 MAC. */
export const AFNUM_802 = 6;
/** Address family names as tcpdump prints them. */
export const AF_NAMES: Tok = {
  [AFNUM_INET]: "IPv4",
  [AFNUM_INET6]: "IPv6",
  3: "NSAP",
  [AFNUM_802]: "802",
};
/** LLDP management address interface numbering subtypes as tcpdump prints them. */
export const LLDP_INTF_NUMBERINGS: Tok = {
  1: "Unknown",
  2: "Interface Index",
  3: "System Port Number",
};
/** OUI of IEEE 802.1 organization specific TLVs. */
export const OUI_IEEE_8021 = 0x0080c2;
/** OUI of IEEE 802.3 organization specific TLVs. */
export const OUI_IEEE_8023 = 0x00120f;
/** OUI names LLDP prints as tcpdump prints them. */
export const LLDP_OUIS: Tok = {
  [OUI_IEEE_8021]: "Ethernet bridged",
  [OUI_IEEE_8023]: "IEEE 802.3 Private",
  0x0012bb: "ANSI/TIA",
  0x00005e: "IANA",
  0x001b21: "DCBX",
};
/** 802.1 subtype: port VLAN id. */
export const LLDP_8021_PVID = 1;
/** 802.1 subtype: port and protocol VLAN id. */
export const LLDP_8021_PPVID = 2;
/** 802.1 subtype: VLAN name. */
export const LLDP_8021_VLAN_NAME = 3;
/** 802.1 subtype: protocol identity. */
export const LLDP_8021_PROTOCOL_ID = 4;
/** 802.1 subtype: link aggregation (the 802.3 subtype's layout). */
export const LLDP_8021_LINKAGGR = 7;
/** 802.1 subtype names as tcpdump prints them. */
export const LLDP_8021_SUBTYPES: Tok = {
  [LLDP_8021_PVID]: "Port VLAN Id",
  [LLDP_8021_PPVID]: "Port and Protocol VLAN ID",
  [LLDP_8021_VLAN_NAME]: "VLAN name",
  [LLDP_8021_PROTOCOL_ID]: "Protocol Identity",
  [LLDP_8021_LINKAGGR]: "Link aggregation",
  8: "Congestion Notification",
  9: "ETS Configuration",
  10: "ETS Recommendation",
  11: "Priority Flow Control Configuration",
  12: "Application Priority",
  13: "EVB",
  14: "CDCP",
};
/** 802.1 port and protocol VLAN flags as tcpdump names them. */
export const LLDP_8021_PPVID_FLAGS: Tok = { 0x02: "supported", 0x04: "enabled" };
/** 802.3 subtype: MAC/PHY configuration and status. */
export const LLDP_8023_MACPHY = 1;
/** 802.3 subtype: power via MDI. */
export const LLDP_8023_MDIPOWER = 2;
/** 802.3 subtype: link aggregation. */
export const LLDP_8023_LINKAGGR = 3;
/** 802.3 subtype: maximum frame size. */
export const LLDP_8023_MTU = 4;
/** 802.3 subtype names as tcpdump prints them. */
export const LLDP_8023_SUBTYPES: Tok = {
  [LLDP_8023_MACPHY]: "MAC/PHY configuration/status",
  [LLDP_8023_MDIPOWER]: "Power via MDI",
  [LLDP_8023_LINKAGGR]: "Link aggregation",
  [LLDP_8023_MTU]: "Max frame size",
};
/** 802.3 autonegotiation bits as tcpdump names them. */
export const LLDP_AUTONEG_FLAGS: Tok = { 0x01: "supported", 0x02: "enabled" };
/** 802.3 PMD autonegotiation capability bits as tcpdump names them. */
export const LLDP_PMD_CAPS: Tok = {
  0x4000: "10BASE-T hdx",
  0x2000: "10BASE-T fdx",
  0x1000: "100BASE-T4",
  0x0800: "100BASE-TX hdx",
  0x0400: "100BASE-TX fdx",
  0x0200: "100BASE-T2 hdx",
  0x0100: "100BASE-T2 fdx",
  0x0080: "Pause for fdx links",
  0x0040: "Asym PAUSE for fdx",
  0x0020: "Sym PAUSE for fdx",
  0x0010: "Asym and Sym PAUSE for fdx",
  0x0008: "1000BASE-{X LX SX CX} hdx",
  0x0004: "1000BASE-{X LX SX CX} fdx",
  0x0002: "1000BASE-T hdx",
  0x0001: "1000BASE-T fdx",
};
/** 802.3 MAU types as tcpdump names them. */
export const LLDP_MAU_TYPES: readonly string[] = [
  "Unknown",
  "AUI",
  "10BASE_5",
  "FOIRL",
  "10BASE2",
  "10BASET duplex mode unknown",
  "10BASEFP",
  "10BASEFB",
  "10BASEFL duplex mode unknown",
  "10BROAD36",
  "10BASET hdx",
  "10BASET fdx",
  "10BASEFL hdx",
  "10BASEFL fdx",
  "100BASET4",
  "100BASETX hdx",
  "100BASETX fdx",
  "100BASEFX hdx",
  "100BASEFX fdx",
  "100BASET2 hdx",
  "100BASET2 fdx",
  "1000BASEX hdx",
  "1000BASEX fdx",
  "1000BASELX hdx",
  "1000BASELX fdx",
  "1000BASESX hdx",
  "1000BASESX fdx",
  "1000BASECX hdx",
  "1000BASECX fdx",
  "1000BASET hdx",
  "1000BASET fdx",
  "10GBASEX",
  "10GBASELX4",
  "10GBASER",
  "10GBASEER",
  "10GBASELR",
  "10GBASESR",
  "10GBASEW",
  "10GBASEEW",
  "10GBASELW",
  "10GBASESW",
];
/** 802.3 MDI power support bits as tcpdump names them. */
export const LLDP_MDI_FLAGS: Tok = {
  0x01: "PSE",
  0x02: "supported",
  0x04: "enabled",
  0x08: "can be controlled",
};
/** 802.3 MDI power pairs as tcpdump names them. */
export const LLDP_MDI_PAIRS: Tok = { 1: "signal", 2: "spare" };
/** 802.3 MDI power classes as tcpdump names them. */
export const LLDP_MDI_CLASSES: Tok = {
  1: "class0",
  2: "class1",
  3: "class2",
  4: "class3",
  5: "class4",
};
/** 802.3 link aggregation status bits as tcpdump names them. */
export const LLDP_AGGREGATION_FLAGS: Tok = { 0x01: "supported", 0x02: "enabled" };

/** EAPOL packet type: EAP packet. */
export const EAPOL_EAP = 0;
/** EAPOL packet types as tcpdump prints them. */
export const EAPOL_TYPES: Tok = {
  [EAPOL_EAP]: "EAP packet",
  1: "EAPOL start",
  2: "EAPOL logoff",
  3: "EAPOL key",
  4: "Encapsulated ASF alert",
};
/** EAP code: request. */
export const EAP_REQUEST = 1;
/** EAP code: response. */
export const EAP_RESPONSE = 2;
/** EAP codes as tcpdump prints them. */
export const EAP_CODES: Tok = {
  [EAP_REQUEST]: "Request",
  [EAP_RESPONSE]: "Response",
  3: "Success",
  4: "Failure",
};
/** EAP type: identity. */
export const EAP_TYPE_IDENTITY = 1;
/** EAP type: notification. */
export const EAP_TYPE_NOTIFICATION = 2;
/** EAP type: legacy NAK. */
export const EAP_TYPE_NAK = 3;
/** EAP type: EAP-TLS. */
export const EAP_TYPE_TLS = 13;
/** EAP type: EAP-SIM. */
export const EAP_TYPE_SIM = 18;
/** EAP type: EAP-TTLS. */
export const EAP_TYPE_TTLS = 21;
/** EAP type: EAP-AKA. */
export const EAP_TYPE_AKA = 23;
/** EAP type: EAP-FAST. */
export const EAP_TYPE_FAST = 43;
/** EAP types as tcpdump prints them. */
export const EAP_TYPES: Tok = {
  0: "No proposed",
  [EAP_TYPE_IDENTITY]: "Identity",
  [EAP_TYPE_NOTIFICATION]: "Notification",
  [EAP_TYPE_NAK]: "Nak",
  4: "MD5-challenge",
  5: "OTP",
  6: "GTC",
  [EAP_TYPE_TLS]: "TLS",
  [EAP_TYPE_SIM]: "SIM",
  [EAP_TYPE_TTLS]: "TTLS",
  [EAP_TYPE_AKA]: "AKA",
  [EAP_TYPE_FAST]: "FAST",
};
/** EAP-TLS/TTLS/FAST flag bits as tcpdump names them (high bit first). */
export const EAP_TLS_FLAGS: Tok = { 0x80: "L bit", 0x40: "More fragments bit", 0x20: "Start bit" };
/** EAP-SIM/AKA subtypes as tcpdump prints them. */
export const EAP_SIM_SUBTYPES: Tok = {
  1: "Challenge",
  2: "Auth reject",
  4: "Sync failure",
  5: "Identity",
  10: "Start",
  11: "Challenge",
  12: "Notification",
  13: "Reauth",
  14: "Client error",
};

/** LLC XID format identifier of the basic format. */
export const LLC_XID_FI = 0x81;
/** LLC U frame commands as tcpdump names them (poll/final bit clear). */
export const LLC_U_CMDS: Tok = {
  0x03: "ui",
  0xe3: "test",
  [LLC_XID]: "xid",
  0x63: "ua",
  0x43: "disc",
  0x0f: "dm",
  0x6f: "sabme",
  0x87: "frmr",
};
/** LLC flags as tcpdump names them: the response bit with a U or I/S frame's poll/final bit. */
export const LLC_FLAGS: Tok = {
  0: "Command",
  1: "Response",
  0x10: "Poll",
  0x11: "Final",
  0x0100: "Poll",
  0x0101: "Final",
};
/** LLC supervisory functions as tcpdump names them. */
export const LLC_SUPERVISORY: readonly string[] = [
  "Receiver Ready",
  "Receiver not Ready",
  "Reject",
];
/** LLC SAPs whose UI frames tcpdump hands to another printer: IP, IPX, OSI. */
export const LLC_SAPS_ELSEWHERE: readonly number[] = [0x06, 0xe0, 0xfe];

/** CDP TLV types. */
export const CDP_DEVICE_ID = 0x01;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_ADDRESS = 0x02;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_PORT_ID = 0x03;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_CAPABILITIES = 0x04;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_VERSION = 0x05;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_PLATFORM = 0x06;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_PREFIXES = 0x07;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_VTP_DOMAIN = 0x09;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_NATIVE_VLAN = 0x0a;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_DUPLEX = 0x0b;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_MTU = 0x11;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_SYSTEM_NAME = 0x14;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_MGMT_ADDRESS = 0x16;
/** See {@link CDP_DEVICE_ID}. */
export const CDP_LOCATION = 0x17;
/** CDP TLV names as tcpdump prints them ("unknown field type" for the others). */
export const CDP_TLVS: Tok = {
  [CDP_DEVICE_ID]: "Device-ID",
  [CDP_ADDRESS]: "Address",
  [CDP_PORT_ID]: "Port-ID",
  [CDP_CAPABILITIES]: "Capability",
  [CDP_VERSION]: "Version String",
  [CDP_PLATFORM]: "Platform",
  [CDP_PREFIXES]: "Prefixes",
  0x08: "Protocol-Hello option",
  [CDP_VTP_DOMAIN]: "VTP Management Domain",
  [CDP_NATIVE_VLAN]: "Native VLAN ID",
  [CDP_DUPLEX]: "Duplex",
  0x0e: "ATA-186 VoIP VLAN assignment",
  0x0f: "ATA-186 VoIP VLAN request",
  0x10: "power consumption",
  [CDP_MTU]: "MTU",
  0x12: "AVVID trust bitmap",
  0x13: "AVVID untrusted ports CoS",
  [CDP_SYSTEM_NAME]: "System Name",
  0x15: "System Object ID (not decoded)",
  [CDP_MGMT_ADDRESS]: "Management Addresses",
  [CDP_LOCATION]: "Physical Location",
};
/** CDP capability bits as tcpdump names them. */
export const CDP_CAPS: Tok = {
  0x01: "Router",
  0x02: "Transparent Bridge",
  0x04: "Source Route Bridge",
  0x08: "L2 Switch",
  0x10: "L3 capable",
  0x20: "IGMP snooping",
  0x40: "L1 capable",
};
/** CDP address protocol type: NLPID. */
export const CDP_PT_NLPID = 1;
/** CDP address protocol type: 802.2. */
export const CDP_PT_IEEE_802_2 = 2;
/** NLPID of IPv4 in CDP addresses. */
export const CDP_NLPID_IP = 0xcc;

// ---- addressing (issue 15b): DHCP/BOOTP, DHCPv6, mDNS, LLMNR --------------------------------

/** BOOTP/DHCP server port (IPPORT_BOOTPS). */
export const BOOTPS_PORT = 67;
/** BOOTP/DHCP client port (IPPORT_BOOTPC). */
export const BOOTPC_PORT = 68;
/** BOOTP op: request (client to server). */
export const BOOTPREQUEST = 1;
/** BOOTP op: reply (server to client). */
export const BOOTPREPLY = 2;
/** BOOTP flags: broadcast. */
export const BOOTP_FLAG_BROADCAST = 0x8000;
/** The first four vendor octets of a DHCP message (RFC 1048 magic cookie 99.130.83.99). */
export const DHCP_MAGIC_COOKIE = 0x63825363;

/** DHCP option: padding. */
export const DHO_PAD = 0;
/** DHCP option: subnet mask. */
export const DHO_SUBNET_MASK = 1;
/** DHCP option: routers. */
export const DHO_ROUTERS = 3;
/** DHCP option: domain name servers. */
export const DHO_DOMAIN_NAME_SERVERS = 6;
/** DHCP option: host name. */
export const DHO_HOST_NAME = 12;
/** DHCP option: domain name. */
export const DHO_DOMAIN_NAME = 15;
/** DHCP option: requested address. */
export const DHO_REQUESTED_ADDRESS = 50;
/** DHCP option: lease time. */
export const DHO_LEASE_TIME = 51;
/** DHCP option: message type. */
export const DHO_MESSAGE_TYPE = 53;
/** DHCP option: server identifier. */
export const DHO_SERVER_ID = 54;
/** DHCP option: parameter request list. */
export const DHO_PARAMETER_REQUEST = 55;
/** DHCP option: client identifier. */
export const DHO_CLIENT_ID = 61;
/** DHCP option: client FQDN (RFC 4702). */
export const DHO_CLIENT_FQDN = 81;
/** DHCP option: relay agent information (RFC 3046). */
export const DHO_AGENT_INFO = 82;
/** DHCP option: end of options. */
export const DHO_END = 255;
/** Relay agent sub-option: circuit id. */
export const AGENT_CIRCUIT_ID = 1;
/** Relay agent sub-option: remote id. */
export const AGENT_REMOTE_ID = 2;
/** Relay agent sub-option: subscriber id. */
export const AGENT_SUBSCRIBER_ID = 6;

/**
 * DHCP option names as tcpdump prints them, each after the letter telling how tcpdump prints
 * the data (print-bootp.c's tag2str): `i` IPv4 addresses, `l` 32-bit numbers, `L` signed ones,
 * `s` 16-bit numbers, `a` text, `b` bytes, `B` booleans, `p` address pairs, `$` printed specially.
 */
export const DHCP_OPTIONS: Tok = {
  [DHO_SUBNET_MASK]: "iSubnet-Mask",
  2: "LTime-Zone",
  [DHO_ROUTERS]: "iDefault-Gateway",
  4: "iTime-Server",
  5: "iIEN-Name-Server",
  [DHO_DOMAIN_NAME_SERVERS]: "iDomain-Name-Server",
  7: "iLOG",
  8: "iCS",
  9: "iLPR-Server",
  10: "iIM",
  11: "iRL",
  [DHO_HOST_NAME]: "aHostname",
  13: "sBS",
  14: "aDP",
  [DHO_DOMAIN_NAME]: "aDomain-Name",
  16: "iSS",
  17: "aRP",
  18: "aEP",
  19: "BIPF",
  20: "BSRT",
  21: "pPF",
  22: "sRSZ",
  23: "bTTL",
  24: "lMTU-Timeout",
  25: "sMTU-Table",
  26: "sMTU",
  27: "BLSN",
  28: "iBR",
  29: "BMD",
  30: "BMS",
  31: "BRouter-Discovery",
  32: "iRSA",
  33: "pStatic-Route",
  34: "BUT",
  35: "lAT",
  36: "BIE",
  37: "bTT",
  38: "lKI",
  39: "BKG",
  40: "aYD",
  41: "iYS",
  42: "iNTP",
  43: "bVendor-Option",
  44: "iNetbios-Name-Server",
  45: "iWDD",
  46: "$Netbios-Node",
  47: "aNetbios-Scope",
  48: "iXFS",
  49: "iXDM",
  [DHO_REQUESTED_ADDRESS]: "iRequested-IP",
  [DHO_LEASE_TIME]: "lLease-Time",
  52: "$OO",
  [DHO_MESSAGE_TYPE]: " DHCP-Message",
  [DHO_SERVER_ID]: "iServer-ID",
  [DHO_PARAMETER_REQUEST]: "bParameter-Request",
  56: "aMSG",
  57: "sMSZ",
  58: "lRN",
  59: "lRB",
  60: "aVendor-Class",
  [DHO_CLIENT_ID]: "$Client-ID",
  64: "sN+D",
  65: "iN+S",
  66: "aTFTP",
  67: "aBF",
  68: "iMH",
  69: "iSMTP",
  70: "iPOP3",
  71: "iNNTP",
  72: "iWWW",
  73: "iFG",
  74: "iIRC",
  75: "iSTS",
  76: "iSTDA",
  77: "$User-Class",
  78: "bSLP-DA",
  79: "bSLP-SCOPE",
  [DHO_CLIENT_FQDN]: "$FQDN",
  [DHO_AGENT_INFO]: "$Agent-Information",
  121: "$Classless-Static-Route",
};

/** DHCP message types (option 53) as tcpdump prints them. */
export const DHCP_MESSAGE_TYPES: Tok = {
  1: "Discover",
  2: "Offer",
  3: "Request",
  4: "Decline",
  5: "ACK",
  6: "NACK",
  7: "Release",
  8: "Inform",
  9: "Force Renew",
  10: "Lease Query",
  11: "Lease Unassigned",
  12: "Lease Unknown",
  13: "Lease Active",
};

/** Client FQDN flags (option 81), in tcpdump's order: bit and letter. */
export const DHCP_FQDN_FLAGS: readonly (readonly [number, string])[] = [
  [0x01, "S"],
  [0x02, "O"],
  [0x04, "E"],
  [0x08, "N"],
];

/** Relay agent sub-option names (option 82) as tcpdump prints them. */
export const DHCP_AGENT_SUBOPTIONS: Tok = {
  [AGENT_CIRCUIT_ID]: "Circuit-ID",
  [AGENT_REMOTE_ID]: "Remote-ID",
  [AGENT_SUBSCRIBER_ID]: "Subscriber-ID",
};

/** ARP hardware types as tcpdump names them in a DHCP client id (arp2str). */
export const DHCP_HW_TYPES: Tok = {
  [ARPHRD_ETHER]: "ether",
  6: "ieee802",
  7: "arcnet",
  15: "frelay",
  19: "atm",
  23: "strip",
  24: "ieee1394",
};

/** DHCPv6 client port. */
export const DHCP6_CLIENT_PORT = 546;
/** DHCPv6 server and relay agent port. */
export const DHCP6_SERVER_PORT = 547;
/** DHCPv6 message: relay-forward. */
export const DH6_RELAY_FORW = 12;
/** DHCPv6 message: relay-reply. */
export const DH6_RELAY_REPLY = 13;

/** DHCPv6 message types as tcpdump prints them. */
export const DHCP6_MESSAGE_TYPES: Tok = {
  1: "solicit",
  2: "advertise",
  3: "request",
  4: "confirm",
  5: "renew",
  6: "rebind",
  7: "reply",
  8: "release",
  9: "decline",
  10: "reconfigure",
  11: "inf-req",
  [DH6_RELAY_FORW]: "relay-fwd",
  [DH6_RELAY_REPLY]: "relay-reply",
  14: "leasequery",
  15: "leasequery-reply",
};

/** DHCPv6 option: client identifier (a DUID). */
export const DH6OPT_CLIENTID = 1;
/** DHCPv6 option: server identifier (a DUID). */
export const DH6OPT_SERVERID = 2;
/** DHCPv6 option: identity association for non-temporary addresses. */
export const DH6OPT_IA_NA = 3;
/** DHCPv6 option: identity association for temporary addresses. */
export const DH6OPT_IA_TA = 4;
/** DHCPv6 option: an address of an IA. */
export const DH6OPT_IA_ADDR = 5;
/** DHCPv6 option: option request. */
export const DH6OPT_ORO = 6;
/** DHCPv6 option: server preference. */
export const DH6OPT_PREFERENCE = 7;
/** DHCPv6 option: elapsed time, in hundredths of a second. */
export const DH6OPT_ELAPSED_TIME = 8;
/** DHCPv6 option: a relayed message. */
export const DH6OPT_RELAY_MSG = 9;
/** DHCPv6 option: status code. */
export const DH6OPT_STATUS_CODE = 13;
/** DHCPv6 option: rapid commit. */
export const DH6OPT_RAPID_COMMIT = 14;
/** DHCPv6 option: relay agent's interface id. */
export const DH6OPT_INTERFACE_ID = 18;
/** DHCPv6 option: relay agent's subscriber id. */
export const DH6OPT_SUBSCRIBER_ID = 38;
/** DHCPv6 option: reconfigure accept. */
export const DH6OPT_RECONF_ACCEPT = 20;
/** DHCPv6 option: SIP server domain names. */
export const DH6OPT_SIP_SERVER_D = 21;
/** DHCPv6 option: SIP server addresses. */
export const DH6OPT_SIP_SERVER_A = 22;
/** DHCPv6 option: DNS recursive name servers. */
export const DH6OPT_DNS_SERVERS = 23;
/** DHCPv6 option: domain search list. */
export const DH6OPT_DOMAIN_LIST = 24;
/** DHCPv6 option: identity association for prefix delegation. */
export const DH6OPT_IA_PD = 25;
/** DHCPv6 option: a delegated prefix of an IA_PD. */
export const DH6OPT_IA_PD_PREFIX = 26;
/** DHCPv6 option: NIS servers. */
export const DH6OPT_NIS_SERVERS = 27;
/** DHCPv6 option: NIS+ servers. */
export const DH6OPT_NISP_SERVERS = 28;
/** DHCPv6 option: SNTP servers. */
export const DH6OPT_SNTP_SERVERS = 31;
/** DUID type: link-layer address plus time. */
export const DUID_LLT = 1;
/** DUID type: vendor-assigned (enterprise number). */
export const DUID_EN = 2;
/** DUID type: link-layer address. */
export const DUID_LL = 3;

/** DHCPv6 option names as tcpdump prints them. */
export const DHCP6_OPTIONS: Tok = {
  [DH6OPT_CLIENTID]: "client-ID",
  [DH6OPT_SERVERID]: "server-ID",
  [DH6OPT_IA_NA]: "IA_NA",
  [DH6OPT_IA_TA]: "IA_TA",
  [DH6OPT_IA_ADDR]: "IA_ADDR",
  [DH6OPT_ORO]: "option-request",
  [DH6OPT_PREFERENCE]: "preference",
  [DH6OPT_ELAPSED_TIME]: "elapsed-time",
  [DH6OPT_RELAY_MSG]: "relay-message",
  11: "authentication",
  12: "server-unicast",
  [DH6OPT_STATUS_CODE]: "status-code",
  [DH6OPT_RAPID_COMMIT]: "rapid-commit",
  15: "user-class",
  16: "vendor-class",
  17: "vendor-specific-info",
  [DH6OPT_INTERFACE_ID]: "interface-ID",
  19: "reconfigure-message",
  [DH6OPT_RECONF_ACCEPT]: "reconfigure-accept",
  [DH6OPT_SIP_SERVER_D]: "SIP-servers-domain",
  [DH6OPT_SIP_SERVER_A]: "SIP-servers-address",
  [DH6OPT_DNS_SERVERS]: "DNS-server",
  [DH6OPT_DOMAIN_LIST]: "DNS-search-list",
  [DH6OPT_IA_PD]: "IA_PD",
  [DH6OPT_IA_PD_PREFIX]: "IA_PD-prefix",
  [DH6OPT_NIS_SERVERS]: "NIS-server",
  [DH6OPT_NISP_SERVERS]: "NIS+-server",
  29: "NIS-domain-name",
  30: "NIS+-domain-name",
  [DH6OPT_SNTP_SERVERS]: "SNTP-servers",
  33: "BCMCS-domain-name",
  34: "BCMCS-server",
  36: "Geoconf-Civic",
  [DH6OPT_SUBSCRIBER_ID]: "Subscriber-ID",
  39: "Client-FQDN",
  40: "PANA-agent",
  41: "POSIX-timezone",
  42: "POSIX-tz-database",
  43: "Echo-request-option",
  44: "Lease-query",
  45: "LQ-client-data",
  46: "Clt-time",
  47: "LQ-relay-data",
  48: "LQ-client-link",
  56: "NTP-server",
  64: "AFTR-Name",
};

/** DHCPv6 status codes as tcpdump prints them. */
export const DHCP6_STATUS_CODES: Tok = {
  0: "Success",
  1: "UnspecFail",
  2: "NoAddrsAvail",
  3: "NoBinding",
  4: "NotOnLink",
  5: "UseMulticast",
  6: "NoPrefixAvail",
  7: "UnknownQueryType",
  8: "MalformedQuery",
  9: "NotConfigured",
  10: "NotAllowed",
};

/** ND option: source link-layer address. */
export const ND_OPT_SOURCE_LINKADDR = 1;
/** ND option: target link-layer address. */
export const ND_OPT_TARGET_LINKADDR = 2;
/** ND option: prefix information. */
export const ND_OPT_PREFIX_INFORMATION = 3;
/** ND option: redirected header. */
export const ND_OPT_REDIRECTED_HEADER = 4;
/** ND option: MTU. */
export const ND_OPT_MTU = 5;
/** ND option: advertisement interval. */
export const ND_OPT_ADVINTERVAL = 7;
/** ND option: home agent information. */
export const ND_OPT_HOMEAGENT_INFO = 8;
/** ND option: route information. */
export const ND_OPT_ROUTE_INFO = 24;
/** ND option: recursive DNS servers (RFC 8106). */
export const ND_OPT_RDNSS = 25;
/** ND option: DNS search list (RFC 8106). */
export const ND_OPT_DNSSL = 31;

/** ND option names as tcpdump prints them. */
export const ND_OPTIONS: Tok = {
  [ND_OPT_SOURCE_LINKADDR]: "source link-address",
  [ND_OPT_TARGET_LINKADDR]: "destination link-address",
  [ND_OPT_PREFIX_INFORMATION]: "prefix info",
  [ND_OPT_REDIRECTED_HEADER]: "redirected header",
  [ND_OPT_MTU]: "mtu",
  [ND_OPT_RDNSS]: "rdnss",
  [ND_OPT_DNSSL]: "dnssl",
  [ND_OPT_ADVINTERVAL]: "advertisement interval",
  [ND_OPT_HOMEAGENT_INFO]: "homeagent information",
  [ND_OPT_ROUTE_INFO]: "route info",
};

/** Router advertisement flags, in tcpdump's order: bit and name. */
export const ND_RA_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x80, "managed"],
  [0x40, "other stateful"],
  [0x20, "home agent"],
  [0x02, "ipv6 only"],
];
/** Prefix information flags, in tcpdump's order: bit and name. */
export const ND_PI_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x80, "onlink"],
  [0x40, "auto"],
  [0x20, "router"],
];
/** Router preference names by the 2-bit value (RFC 4191). */
export const ND_RTPREF_NAMES: readonly string[] = ["medium", "high", "rsv", "low"];
/** MLDv2 group record types as tcpdump prints them. */
export const MLDV2_RECORD_TYPES: Tok = {
  1: "is_in",
  2: "is_ex",
  3: "to_in",
  4: "to_ex",
  5: "allow",
  6: "block",
};

/** Multicast DNS (RFC 6762). */
export const MDNS_PORT = 5353;
/** Link-Local Multicast Name Resolution (RFC 4795): DNS messages tcpdump 4.99 does not decode. */
export const LLMNR_PORT = 5355;
/** mDNS question class: the unicast-response (QU) bit. */
export const C_QU = 0x8000;
/** mDNS record class: the cache-flush bit. */
export const C_CACHE_FLUSH = 0x8000;

// ---- Overlays and encapsulations (issue 15 family 3) -----------------------------------------

/** VXLAN flag: the VNI is valid. */
export const VXLAN_FLAG_I = 0x08;
/** Geneve flag: OAM packet. */
export const GENEVE_FLAG_O = 0x80;
/** Geneve flag: critical options present. */
export const GENEVE_FLAG_C = 0x40;
/** Geneve option type bit: the option is critical. */
export const GENEVE_OPT_CRITICAL = 0x80;

/** Geneve option classes as tcpdump names them (besides the standard and experimental ranges). */
export const GENEVE_OPT_CLASSES: Tok = {
  0x0100: "Linux",
  0x0101: "Open vSwitch",
  0x0102: "Open Virtual Networking (OVN)",
  0x0103: "In-band Network Telemetry (INT)",
  0x0104: "VMware",
};
/** Last Geneve option class of the standard range. */
export const GENEVE_CLASS_STANDARD_MAX = 0x00ff;
/** First Geneve option class of the experimental range. */
export const GENEVE_CLASS_EXPERIMENTAL_MIN = 0xfff0;

/** tcpdump's name for a Geneve option class. */
export function geneveClassName(cls: number): string {
  if (cls <= GENEVE_CLASS_STANDARD_MAX) return "Standard";
  if (cls >= GENEVE_CLASS_EXPERIMENTAL_MIN) return "Experimental";
  return GENEVE_OPT_CLASSES[cls] ?? "Unknown";
}

/** MPLS reserved labels (0-15) as tcpdump names them under -v. */
export const MPLS_LABEL_NAMES: readonly string[] = [
  "IPv4 explicit NULL",
  "router alert",
  "IPv6 explicit NULL",
  "implicit NULL",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
  "rsvd",
];
/** MPLS label: IPv4 explicit NULL (an IPv4 packet follows). */
export const MPLS_LABEL_IPV4_NULL = 0;
/** MPLS label: IPv6 explicit NULL (an IPv6 packet follows). */
export const MPLS_LABEL_IPV6_NULL = 2;
/** MPLS label: implicit NULL (taken as IPv4, as tcpdump does). */
export const MPLS_LABEL_IMPLICIT_NULL = 3;

/** PPPoE discovery codes as tcpdump names them (0 is a session packet). */
export const PPPOE_CODES: Tok = {
  0x09: "PADI",
  0x07: "PADO",
  0x19: "PADR",
  0x65: "PADS",
  0xa7: "PADT",
  0x00: "",
};
/** PPPoE tag: end of list. */
export const PPPOE_TAG_EOL = 0x0000;
/** PPPoE tag: service name. */
export const PPPOE_TAG_SERVICE_NAME = 0x0101;
/** PPPoE tag: access concentrator name. */
export const PPPOE_TAG_AC_NAME = 0x0102;
/** PPPoE tag: host uniq. */
export const PPPOE_TAG_HOST_UNIQ = 0x0103;
/** PPPoE tag names as tcpdump prints them. */
export const PPPOE_TAGS: Tok = {
  [PPPOE_TAG_EOL]: "EOL",
  [PPPOE_TAG_SERVICE_NAME]: "Service-Name",
  [PPPOE_TAG_AC_NAME]: "AC-Name",
  [PPPOE_TAG_HOST_UNIQ]: "Host-Uniq",
  0x0104: "AC-Cookie",
  0x0105: "Vendor-Specific",
  0x0110: "Relay-Session-ID",
  0x0120: "PPP-Max-Payload",
  0x0201: "Service-Name-Error",
  0x0202: "AC-System-Error",
  0x0203: "Generic-Error",
};

/** PPP protocol: IP control protocol. */
export const PPP_IPCP = 0x8021;
/** PPP protocol: IPv6 control protocol. */
export const PPP_IPV6CP = 0x8057;
/** PPP protocol: link control protocol. */
export const PPP_LCP = 0xc021;
/** PPP protocol: password authentication. */
export const PPP_PAP = 0xc023;
/** PPP protocol: challenge handshake authentication. */
export const PPP_CHAP = 0xc223;
/** PPP protocol names as tcpdump prints them. */
export const PPP_PROTOS: Tok = {
  [PPP_IP]: "IP",
  [PPP_IPV6]: "IP6",
  [PPP_IPCP]: "IPCP",
  [PPP_IPV6CP]: "IP6CP",
  [PPP_LCP]: "LCP",
  [PPP_PAP]: "PAP",
  [PPP_CHAP]: "CHAP",
};

/** PPP control protocol codes (LCP, IPCP, IP6CP) as tcpdump names them. */
export const PPP_CP_CODES: Tok = {
  0: "Vend-Ext",
  1: "Conf-Request",
  2: "Conf-Ack",
  3: "Conf-Nack",
  4: "Conf-Reject",
  5: "Term-Request",
  6: "Term-Ack",
  7: "Code-Reject",
  8: "Prot-Reject",
  9: "Echo-Request",
  10: "Echo-Reply",
  11: "Disc-Req",
  12: "Ident",
  13: "Time-Rem",
  14: "Reset-Req",
  15: "Reset-Ack",
};
/** PPP control code: the first of the four option-carrying codes (Conf-Request). */
export const PPP_CP_CONF_REQ = 1;
/** PPP control code: the last of them (Conf-Reject). */
export const PPP_CP_CONF_REJ = 4;
/** PPP control code: Echo-Request (Echo-Reply and Disc-Req follow, all with a magic number). */
export const PPP_CP_ECHO_REQ = 9;
/** PPP control code: Disc-Req. */
export const PPP_CP_DISC_REQ = 11;

/** LCP option: maximum receive unit. */
export const LCPOPT_MRU = 1;
/** LCP option: async control character map. */
export const LCPOPT_ACCM = 2;
/** LCP option: authentication protocol. */
export const LCPOPT_AP = 3;
/** LCP option: magic number. */
export const LCPOPT_MN = 5;
/** LCP option names as tcpdump prints them, by option number. */
export const LCP_OPTIONS: readonly string[] = [
  "Vend-Ext",
  "MRU",
  "ACCM",
  "Auth-Prot",
  "Qual-Prot",
  "Magic-Num",
  "deprecated(6)",
  "PFC",
  "ACFC",
  "FCS-Alt",
  "SDP",
  "Num-Mode",
  "deprecated(12)",
  "Call-Back",
  "deprecated(14)",
  "deprecated(15)",
  "deprecated(16)",
  "MRRU",
  "12-Bit seq #",
  "End-Disc",
  "Proprietary",
  "DCE-Id",
  "MP+",
  "Link-Disc",
  "LCP-Auth-Opt",
  "COBS",
  "Prefix-elision",
  "Multilink-header-Form",
  "I18N",
  "SDL-over-SONET/SDH",
  "PPP-Muxing",
];
/** CHAP algorithm: MD5. */
export const CHAP_MD5 = 5;
/** CHAP algorithms as tcpdump names them. */
export const CHAP_ALGORITHMS: Tok = { [CHAP_MD5]: "MD5", 0x80: "MS-CHAPv1", 0x81: "MS-CHAPv2" };

/** IPCP option: IP address. */
export const IPCPOPT_ADDR = 3;
/** IPCP option: primary DNS server. */
export const IPCPOPT_PRIDNS = 129;
/** IPCP option: primary NBNS server. */
export const IPCPOPT_PRINBNS = 130;
/** IPCP option: secondary DNS server. */
export const IPCPOPT_SECDNS = 131;
/** IPCP option: secondary NBNS server. */
export const IPCPOPT_SECNBNS = 132;
/** IPCP option names as tcpdump prints them. */
export const IPCP_OPTIONS: Tok = {
  1: "IP-Addrs",
  2: "IP-Comp",
  [IPCPOPT_ADDR]: "IP-Addr",
  4: "MobileIP",
  [IPCPOPT_PRIDNS]: "Pri-DNS",
  [IPCPOPT_PRINBNS]: "Pri-NBNS",
  [IPCPOPT_SECDNS]: "Sec-DNS",
  [IPCPOPT_SECNBNS]: "Sec-NBNS",
};

/** IP6CP option: interface identifier. */
export const IP6CPOPT_IFID = 1;
/** IP6CP option names as tcpdump prints them. */
export const IP6CP_OPTIONS: Tok = { [IP6CPOPT_IFID]: "Interface-ID", 2: "Compression-Protocol" };

/** GRE protocol type of ERSPAN type I and II (not an EtherType tcpdump names). */
export const ETH_P_ERSPAN = 0x88be;
/** GRE protocol type of ERSPAN type III. */
export const ETH_P_ERSPAN3 = 0x22eb;
/** ERSPAN header version of type II. */
export const ERSPAN_V2 = 1;
/** ERSPAN header version of type III. */
export const ERSPAN_V3 = 2;

/** UDP port of IKE and ESP over UDP (RFC 3948 NAT traversal). */
export const IPSEC_NAT_T_PORT = 4500;

/** SCTP chunk: payload data. */
export const SCTP_DATA = 0;
/** SCTP chunk: initiation. */
export const SCTP_INIT = 1;
/** SCTP chunk: initiation acknowledgement. */
export const SCTP_INIT_ACK = 2;
/** SCTP chunk: selective acknowledgement. */
export const SCTP_SACK = 3;
/** SCTP chunk type names as tcpdump prints them. */
export const SCTP_CHUNKS: Tok = {
  [SCTP_DATA]: "DATA",
  [SCTP_INIT]: "INIT",
  [SCTP_INIT_ACK]: "INIT ACK",
  [SCTP_SACK]: "SACK",
  4: "HB REQ",
  5: "HB ACK",
  6: "ABORT",
  7: "SHUTDOWN",
  8: "SHUTDOWN ACK",
  9: "OP ERR",
  10: "COOKIE ECHO",
  11: "COOKIE ACK",
  12: "ECN ECHO",
  13: "ECN CWR",
  14: "SHUTDOWN COMPLETE",
  0xc0: "FOR CUM TSN",
  0xc1: "REL CTRL",
  0xc2: "REL CTRL ACK",
};
/** SCTP DATA chunk flag: unordered. */
export const SCTP_DATA_UNORDERED = 0x04;
/** SCTP DATA chunk flag: first fragment. */
export const SCTP_DATA_FIRST_FRAG = 0x02;
/** SCTP DATA chunk flag: last fragment. */
export const SCTP_DATA_LAST_FRAG = 0x01;
/** SCTP payload protocol identifiers as tcpdump names them. */
export const SCTP_PPIDS: Tok = {
  1: "ISDN Q.921",
  2: "M2UA",
  3: "M3UA",
  4: "SUA",
  5: "M2PA",
  6: "V5.2",
  7: "H.248",
  8: "BICC",
  9: "TALI",
  10: "DUA",
  11: "ASAP",
  12: "ENRP",
  13: "H.323",
  14: "Q.IPC",
  15: "SIMCO",
  16: "DDPSC",
  17: "DDPSSC",
  18: "S1AP",
  19: "RUA",
  20: "HNBAP",
  21: "ForCES HP",
  22: "ForCES MP",
  23: "ForCES LP",
  24: "SBc-AP",
  25: "NBAP",
  27: "X2AP",
};

// ---- Gateways, time and management (issue 15, family 4) -------------------------------------

/** NTP (NTP_PORT). */
export const NTP_PORT = 123;
/** TFTP (TFTP_PORT). */
export const TFTP_PORT = 69;
/** SNMP requests (SNMP_PORT). */
export const SNMP_PORT = 161;
/** SNMP traps (SNMPTRAP_PORT). */
export const SNMPTRAP_PORT = 162;
/** Syslog (SYSLOG_PORT). */
export const SYSLOG_PORT = 514;
/** RADIUS ports tcpdump decodes: the old and new authentication and accounting ports, CoA. */
export const RADIUS_PORTS: readonly number[] = [1645, 1646, 1812, 1813, 3799];

/** VRRP message type: advertisement. */
export const VRRP_TYPE_ADVERTISEMENT = 1;
/** VRRP message types as tcpdump names them. */
export const VRRP_TYPES: Tok = { [VRRP_TYPE_ADVERTISEMENT]: "Advertisement" };
/** VRRPv2 authentication: simple text password. */
export const VRRP_AUTH_SIMPLE = 1;
/** VRRPv2 authentication types as tcpdump names them. */
export const VRRP_AUTH_TYPES: Tok = { 0: "none", [VRRP_AUTH_SIMPLE]: "simple", 2: "ah" };
/** The TTL (hop limit) a VRRP advertisement must carry. */
export const VRRP_TTL = 255;

/** NTP mode: symmetric active .. broadcast carry time; 6 is a control message. */
export const NTP_MODE_CONTROL = 6;
/** Highest NTP mode that carries a time message. */
export const NTP_MODE_BROADCAST = 5;
/** NTP modes as tcpdump names them. */
export const NTP_MODES: readonly string[] = [
  "unspecified",
  "symmetric active",
  "symmetric passive",
  "Client",
  "Server",
  "Broadcast",
  "Control Message",
  "Reserved",
];
/** NTP leap indicators (the two top bits, as values 0-3) as tcpdump names them. */
export const NTP_LEAP: readonly string[] = ["", "+1s", "-1s", "clock unsynchronized"];
/** NTP stratum: unspecified. */
export const NTP_STRATUM_UNSPEC = 0;
/** NTP stratum: primary reference (the reference id is four characters). */
export const NTP_STRATUM_PRIMARY = 1;
/** Highest stratum of a secondary reference. */
export const NTP_STRATUM_SECONDARY_MAX = 15;
/** NTP stratum used by ntpdc information queries. */
export const NTP_STRATUM_INFO_QUERY = 62;
/** NTP stratum used by ntpdc information replies. */
export const NTP_STRATUM_INFO_REPLY = 63;
/** Seconds from the NTP era (1900) to the Unix epoch. */
export const NTP_UNIX_EPOCH = 2208988800;

/** Syslog facilities as tcpdump names them. */
export const SYSLOG_FACILITIES: readonly string[] = [
  "kernel",
  "user",
  "mail",
  "daemon",
  "auth",
  "syslog",
  "lpr",
  "news",
  "uucp",
  "cron",
  "authpriv",
  "ftp",
  "ntp",
  "security",
  "console",
  "cron",
  "local0",
  "local1",
  "local2",
  "local3",
  "local4",
  "local5",
  "local6",
  "local7",
];
/** Syslog severities as tcpdump names them. */
export const SYSLOG_SEVERITIES: readonly string[] = [
  "emergency",
  "alert",
  "critical",
  "error",
  "warning",
  "notice",
  "info",
  "debug",
];

/** TFTP opcodes. */
export const TFTP_RRQ = 1;
/** Write request. */
export const TFTP_WRQ = 2;
/** Data. */
export const TFTP_DATA = 3;
/** Acknowledgement. */
export const TFTP_ACK = 4;
/** Error. */
export const TFTP_ERROR = 5;
/** Option acknowledgement. */
export const TFTP_OACK = 6;
/** TFTP opcodes as tcpdump names them. */
export const TFTP_OPCODES: Tok = {
  [TFTP_RRQ]: "RRQ",
  [TFTP_WRQ]: "WRQ",
  [TFTP_DATA]: "DATA",
  [TFTP_ACK]: "ACK",
  [TFTP_ERROR]: "ERROR",
  [TFTP_OACK]: "OACK",
};
/** TFTP error codes as tcpdump names them. */
export const TFTP_ERRORS: readonly string[] = [
  "EUNDEF",
  "ENOTFOUND",
  "EACCESS",
  "ENOSPACE",
  "EBADOP",
  "EBADID",
  "EEXISTS",
  "ENOUSER",
];

/** SNMP versions as tcpdump names them (the version field's value is the index). */
export const SNMP_VERSIONS: readonly string[] = ["SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"];
/** SNMP PDU (context class tag) names as tcpdump prints them. */
export const SNMP_PDUS: readonly string[] = [
  "GetRequest",
  "GetNextRequest",
  "GetResponse",
  "SetRequest",
  "Trap",
  "GetBulk",
  "Inform",
  "V2Trap",
  "Report",
];
/** SNMP PDU: get request. */
export const SNMP_GETREQ = 0;
/** Get-next request. */
export const SNMP_GETNEXTREQ = 1;
/** Response. */
export const SNMP_GETRESP = 2;
/** Set request. */
export const SNMP_SETREQ = 3;
/** SNMPv1 trap. */
export const SNMP_TRAP = 4;
/** Get-bulk request. */
export const SNMP_GETBULKREQ = 5;
/** Inform request. */
export const SNMP_INFORMREQ = 6;
/** SNMPv2 trap. */
export const SNMP_V2TRAP = 7;
/** Report. */
export const SNMP_REPORT = 8;
/** SNMP error-status names as tcpdump prints them. */
export const SNMP_ERRORS: readonly string[] = [
  "noError",
  "tooBig",
  "noSuchName",
  "badValue",
  "readOnly",
  "genErr",
  "noAccess",
  "wrongType",
  "wrongLength",
  "wrongEncoding",
  "wrongValue",
  "noCreation",
  "inconsistentValue",
  "resourceUnavailable",
  "commitFailed",
  "undoFailed",
  "authorizationError",
  "notWritable",
  "inconsistentName",
];
/** SNMPv1 generic trap names as tcpdump prints them. */
export const SNMP_GENERIC_TRAPS: readonly string[] = [
  "coldStart",
  "warmStart",
  "linkDown",
  "linkUp",
  "authenticationFailure",
  "egpNeighborLoss",
  "enterpriseSpecific",
];
/** The generic trap whose specific code matters. */
export const SNMP_GT_ENTERPRISE = 6;
/** The community tcpdump leaves out. */
export const SNMP_DEFAULT_COMMUNITY = "public";
/** SNMP varbind exceptions (context class primitives) as tcpdump prints them. */
export const SNMP_EXCEPTIONS: readonly string[] = [
  "noSuchObject",
  "noSuchInstance",
  "endOfMibView",
];

/** RADIUS codes as tcpdump names them. */
export const RADIUS_CODES: Tok = {
  1: "Access-Request",
  2: "Access-Accept",
  3: "Access-Reject",
  4: "Accounting-Request",
  5: "Accounting-Response",
  11: "Access-Challenge",
  12: "Status-Server",
  13: "Status-Client",
  40: "Disconnect-Request",
  41: "Disconnect-ACK",
  42: "Disconnect-NAK",
  43: "CoA-Request",
  44: "CoA-ACK",
  45: "CoA-NAK",
  255: "Reserved",
};
/** RADIUS attribute names 1-100 as tcpdump names them (index = type). */
export const RADIUS_ATTRS: readonly string[] = [
  "Unknown",
  "User-Name",
  "User-Password",
  "CHAP-Password",
  "NAS-IP-Address",
  "NAS-Port",
  "Service-Type",
  "Framed-Protocol",
  "Framed-IP-Address",
  "Framed-IP-Netmask",
  "Framed-Routing",
  "Filter-Id",
  "Framed-MTU",
  "Framed-Compression",
  "Login-IP-Host",
  "Login-Service",
  "Login-TCP-Port",
  "Unassigned",
  "Reply-Message",
  "Callback-Number",
  "Callback-Id",
  "Unassigned",
  "Framed-Route",
  "Framed-IPX-Network",
  "State",
  "Class",
  "Vendor-Specific",
  "Session-Timeout",
  "Idle-Timeout",
  "Termination-Action",
  "Called-Station-Id",
  "Calling-Station-Id",
  "NAS-Identifier",
  "Proxy-State",
  "Login-LAT-Service",
  "Login-LAT-Node",
  "Login-LAT-Group",
  "Framed-AppleTalk-Link",
  "Framed-AppleTalk-Network",
  "Framed-AppleTalk-Zone",
  "Acct-Status-Type",
  "Acct-Delay-Time",
  "Acct-Input-Octets",
  "Acct-Output-Octets",
  "Acct-Session-Id",
  "Acct-Authentic",
  "Acct-Session-Time",
  "Acct-Input-Packets",
  "Acct-Output-Packets",
  "Acct-Terminate-Cause",
  "Acct-Multi-Session-Id",
  "Acct-Link-Count",
  "Acct-Input-Gigawords",
  "Acct-Output-Gigawords",
  "Unassigned",
  "Event-Timestamp",
  "Egress-VLANID",
  "Ingress-Filters",
  "Egress-VLAN-Name",
  "User-Priority-Table",
  "CHAP-Challenge",
  "NAS-Port-Type",
  "Port-Limit",
  "Login-LAT-Port",
  "Tunnel-Type",
  "Tunnel-Medium-Type",
  "Tunnel-Client-Endpoint",
  "Tunnel-Server-Endpoint",
  "Acct-Tunnel-Connection",
  "Tunnel-Password",
  "ARAP-Password",
  "ARAP-Features",
  "ARAP-Zone-Access",
  "ARAP-Security",
  "ARAP-Security-Data",
  "Password-Retry",
  "Prompt",
  "Connect-Info",
  "Configuration-Token",
  "EAP-Message",
  "Message-Authenticator",
  "Tunnel-Private-Group-ID",
  "Tunnel-Assignment-ID",
  "Tunnel-Preference",
  "ARAP-Challenge-Response",
  "Acct-Interim-Interval",
  "Acct-Tunnel-Packets-Lost",
  "NAS-Port-Id",
  "Framed-Pool",
  "CUI",
  "Tunnel-Client-Auth-ID",
  "Tunnel-Server-Auth-ID",
  "NAS-Filter-Rule",
  "Unassigned",
  "Originating-Line-Info",
  "NAS-IPv6-Address",
  "Framed-Interface-ID",
  "Framed-IPv6-Prefix",
  "Login-IPv6-Host",
  "Framed-IPv6-Route",
  "Framed-IPv6-Pool",
];
/** How tcpdump prints a RADIUS attribute's value: nothing. */
export const RAD_NONE = 0;
/** Text up to the first NUL, `.` for what is not printable. */
export const RAD_STR = 1;
/** Text after an optional tunnel tag octet (0x01-0x1f). */
export const RAD_TAGSTR = 2;
/** An IPv4 address. */
export const RAD_ADDR = 3;
/** A 32-bit number, named when the attribute has a table. */
export const RAD_NUM = 4;
/** A tunnel tag octet, then a 24-bit number, named when the attribute has a table. */
export const RAD_TAGNUM = 5;
/** A duration in seconds (`59 secs`, `01:00 min`, `01:00:00 hours`). */
export const RAD_TIME = 6;
/** A Unix time, as ctime prints it in UTC. */
export const RAD_DATE = 7;
/** Printed otherwise by tcpdump (vendor, ARAP, IPv6...): not decoded here. */
export const RAD_OTHER = 8;
/** The value kind of each attribute 1-100 (RAD_*), by type. */
export const RADIUS_ATTR_KINDS: readonly number[] = (() => {
  const k: number[] = new Array(101).fill(RAD_STR);
  for (const t of [0, 2, 3, 17, 21, 54, 59, 93, 94, 96]) k[t] = RAD_NONE;
  for (const t of [66, 67, 81, 82, 90, 91]) k[t] = RAD_TAGSTR;
  for (const t of [4, 8, 9, 14]) k[t] = RAD_ADDR;
  for (
    const t of [5, 6, 7, 10, 12, 13, 15, 16, 23, 29, 37, 38, 40, 42, 43, 45, 47, 48, 49, 51]
  ) k[t] = RAD_NUM;
  for (const t of [52, 53, 57, 61, 62, 72, 75, 76, 86]) k[t] = RAD_NUM;
  for (const t of [64, 65, 83]) k[t] = RAD_TAGNUM;
  for (const t of [27, 28, 41, 46, 85]) k[t] = RAD_TIME;
  k[55] = RAD_DATE;
  for (const t of [26, 56, 58, 69, 70, 71, 79, 84, 95, 97, 98]) k[t] = RAD_OTHER;
  return k;
})();
/** Names of the values of the RADIUS attributes that have them (by type, then value). */
export const RADIUS_VALUES: Readonly<Record<number, readonly string[]>> = {
  6: [
    "",
    "Login",
    "Framed",
    "Callback Login",
    "Callback Framed",
    "Outbound",
    "Administrative",
    "NAS Prompt",
    "Authenticate Only",
    "Callback NAS Prompt",
    "Call Check",
    "Callback Administrative",
    "Voice",
    "Fax",
    "Modem Relay",
    "IAPP-Register",
    "IAPP-AP-Check",
    "Authorize Only",
    "Framed-Management",
    "Additional-Authorization",
  ],
  7: [
    "",
    "PPP",
    "SLIP",
    "ARAP",
    "Gandalf proprietary",
    "Xylogics IPX/SLIP",
    "X.75 Synchronous",
    "GPRS PDP Context",
  ],
  10: ["None", "Send", "Listen", "Send&Listen"],
  13: ["None", "VJ TCP/IP", "IPX", "Stac-LZS"],
  15: [
    "Telnet",
    "Rlogin",
    "TCP Clear",
    "PortMaster(proprietary)",
    "LAT",
    "X.25-PAD",
    "X.25-T3POS",
    "Unassigned",
    "TCP Clear Quiet",
  ],
  29: ["Default", "RADIUS-Request"],
  40: [
    "",
    "Start",
    "Stop",
    "Interim-Update",
    "Unassigned",
    "Unassigned",
    "Unassigned",
    "Accounting-On",
    "Accounting-Off",
    "Tunnel-Start",
    "Tunnel-Stop",
    "Tunnel-Reject",
    "Tunnel-Link-Start",
    "Tunnel-Link-Stop",
    "Tunnel-Link-Reject",
    "Failed",
  ],
  45: ["", "RADIUS", "Local", "Remote", "Diameter"],
  49: [
    "",
    "User Request",
    "Lost Carrier",
    "Lost Service",
    "Idle Timeout",
    "Session Timeout",
    "Admin Reset",
    "Admin Reboot",
    "Port Error",
    "NAS Error",
    "NAS Request",
    "NAS Reboot",
    "Port Unneeded",
    "Port Preempted",
    "Port Suspended",
    "Service Unavailable",
    "Callback",
    "User Error",
    "Host Request",
    "Supplicant Restart",
    "Reauthentication Failure",
    "Port Reinitialized",
    "Port Administratively Disabled",
    "Lost Power",
  ],
  57: ["", "Enabled", "Disabled"],
  61: [
    "Async",
    "Sync",
    "ISDN Sync",
    "ISDN Async V.120",
    "ISDN Async V.110",
    "Virtual",
    "PIAFS",
    "HDLC Clear Channel",
    "X.25",
    "X.75",
    "G.3 Fax",
    "SDSL",
    "ADSL-CAP",
    "ADSL-DMT",
    "ISDN-DSL",
    "Ethernet",
    "xDSL",
    "Cable",
    "Wireless - Other",
    "Wireless - IEEE 802.11",
    "Token-Ring",
    "FDDI",
    "Wireless - CDMA200",
    "Wireless - UMTS",
    "Wireless - 1X-EV",
  ],
  64: [
    "",
    "PPTP",
    "L2F",
    "L2TP",
    "ATMP",
    "VTP",
    "AH",
    "IP-IP",
    "MIN-IP-IP",
    "ESP",
    "GRE",
    "DVS",
    "IP-in-IP Tunneling",
    "VLAN",
  ],
  65: [
    "",
    "IPv4",
    "IPv6",
    "NSAP",
    "HDLC",
    "BBN 1822",
    "802",
    "E.163",
    "E.164",
    "F.69",
    "X.121",
    "IPX",
    "Appletalk",
    "Decnet IV",
    "Banyan Vines",
    "E.164 with NSAP subaddress",
  ],
  72: ["", "Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc."],
  76: ["No Echo", "Echo"],
};

/** OSPF packet types as tcpdump names them. */
export const OSPF_TYPES: Tok = {
  1: "Hello",
  2: "Database Description",
  3: "LS-Request",
  4: "LS-Update",
  5: "LS-Ack",
};
/** OSPF packet type: hello. */
export const OSPF_TYPE_HELLO = 1;
/** Database description. */
export const OSPF_TYPE_DD = 2;
/** Link-state request. */
export const OSPF_TYPE_LS_REQ = 3;
/** Link-state update. */
export const OSPF_TYPE_LS_UPDATE = 4;
/** Link-state acknowledgement. */
export const OSPF_TYPE_LS_ACK = 5;
/** OSPF authentication types as tcpdump names them. */
export const OSPF_AUTH_TYPES: Tok = { 0: "none", 1: "simple", 2: "MD5" };
/** OSPF authentication: none. */
export const OSPF_AUTH_NONE = 0;
/** Simple password. */
export const OSPF_AUTH_SIMPLE = 1;
/** Cryptographic (MD5). */
export const OSPF_AUTH_MD5 = 2;
/** OSPF option bits, lowest first, as tcpdump names them. */
export const OSPF_OPTIONS: readonly string[] = [
  "MultiTopology",
  "External",
  "Multicast",
  "NSSA",
  "LLS",
  "Demand Circuit",
  "Opaque",
  "Up/Down",
];
/** OSPF database description flags (bit value, name) in tcpdump's order. */
export const OSPF_DD_FLAGS: readonly [number, string][] = [
  [4, "Init"],
  [2, "More"],
  [1, "Master"],
  [8, "OOBResync"],
];
/** OSPF LSA types as tcpdump names them. */
export const OSPF_LSA_TYPES: Tok = {
  1: "Router",
  2: "Network",
  3: "Summary",
  4: "ASBR Summary",
  5: "External",
  6: "Multicast Group",
  7: "NSSA",
  9: "Link Local Opaque",
  10: "Area Local Opaque",
  11: "Domain Wide Opaque",
};
/** The opaque LSA types (their id is an opaque type and id). */
export const OSPF_LSA_OPAQUE: readonly number[] = [9, 10, 11];
/** Opaque LSA types as tcpdump names them. */
export const OSPF_OPAQUE_TYPES: Tok = {
  1: "Traffic Engineering",
  3: "Graceful restart",
  4: "Router Information",
};

/** BGP (BGP_PORT). */
export const BGP_PORT = 179;
/** BGP message types as tcpdump names them. */
export const BGP_TYPES: Tok = {
  1: "Open",
  2: "Update",
  3: "Notification",
  4: "Keepalive",
  5: "Route Refresh",
};
/** BGP message: open. */
export const BGP_OPEN = 1;
/** Update. */
export const BGP_UPDATE = 2;
/** Notification. */
export const BGP_NOTIFICATION = 3;
/** Keepalive. */
export const BGP_KEEPALIVE = 4;
/** Route refresh. */
export const BGP_ROUTE_REFRESH = 5;
/** BGP notification error codes as tcpdump names them. */
export const BGP_ERRORS: Tok = {
  1: "Message Header Error",
  2: "OPEN Message Error",
  3: "UPDATE Message Error",
  4: "Hold Timer Expired",
  5: "Finite State Machine Error",
  6: "Cease",
  7: "Capability Message Error",
};
/** Error codes whose subcode tcpdump prints after " subcode" without a comma. */
export const BGP_ERRORS_NO_COMMA: readonly number[] = [5, 7];
/** BGP notification subcodes by error code, as tcpdump names them. */
export const BGP_SUBCODES: Readonly<Record<number, Tok>> = {
  1: { 1: "Connection Not Synchronized", 2: "Bad Message Length", 3: "Bad Message Type" },
  2: {
    1: "Unsupported Version Number",
    2: "Bad Peer AS",
    3: "Bad BGP Identifier",
    4: "Unsupported Optional Parameter",
    5: "Authentication Failure",
    6: "Unacceptable Hold Time",
    7: "Capability Message Error",
  },
  3: {
    1: "Malformed Attribute List",
    2: "Unrecognized Well-known Attribute",
    3: "Missing Well-known Attribute",
    4: "Attribute Flags Error",
    5: "Attribute Length Error",
    6: "Invalid ORIGIN Attribute",
    7: "AS Routing Loop",
    8: "Invalid NEXT_HOP Attribute",
    9: "Optional Attribute Error",
    10: "Invalid Network Field",
    11: "Malformed AS_PATH",
  },
  5: {
    0: "Unspecified Error",
    1: "In OpenSent State",
    2: "In OpenConfirm State",
    3: "In Established State",
  },
  6: {
    1: "Maximum Number of Prefixes Reached",
    2: "Administrative Shutdown",
    3: "Peer Unconfigured",
    4: "Administrative Reset",
    5: "Connection Rejected",
    6: "Other Configuration Change",
    7: "Connection Collision Resolution",
    8: "Out of Resources",
  },
  7: {},
};
/** Address families (BGP route refresh) as tcpdump names them. */
export const BGP_AFI: Tok = { 1: "IPv4", 2: "IPv6" };
/** Subsequent address families as tcpdump names them. */
export const BGP_SAFI: Tok = { 1: "Unicast", 2: "Multicast" };

/** RIP (RIP_PORT). */
export const RIP_PORT = 520;
/** RIP commands as tcpdump names them. */
export const RIP_COMMANDS: Tok = {
  1: "Request",
  2: "Response",
  3: "Trace on",
  4: "Trace off",
  5: "Poll",
  6: "Poll Entry",
};
/** RIP command: request. */
export const RIPCMD_REQUEST = 1;
/** RIP command: response. */
export const RIPCMD_RESPONSE = 2;
/** RIP address family: IPv4 (BSD AF_INET as RIP carries it). */
export const RIP_AF_INET = 2;
/** RIPv2 address family of an authentication entry. */
export const RIP_AF_AUTH = 0xffff;
/** RIPv2 authentication: simple password. */
export const RIP_AUTH_SIMPLE = 2;

// Application hints (issue 15, family 5).
/** HTTP (HTTP_PORT). */
export const HTTP_PORT = 80;
/** HTTP on the alternate port tcpdump also decodes. */
export const HTTP_ALT_PORT = 8080;
/** SSH (SSH_PORT). */
export const SSH_PORT = 22;
/** SIP (SIP_PORT), over UDP only in tcpdump 4.99. */
export const SIP_PORT = 5060;
/** HTTP request methods tcpdump 4.99 recognizes (print-http.c). */
export const HTTP_METHODS: readonly string[] = [
  "GET",
  "PUT",
  "COPY",
  "HEAD",
  "LOCK",
  "MOVE",
  "POLL",
  "POST",
  "BCOPY",
  "BMOVE",
  "MKCOL",
  "TRACE",
  "LABEL",
  "MERGE",
  "DELETE",
  "SEARCH",
  "UNLOCK",
  "REPORT",
  "UPDATE",
  "NOTIFY",
  "BDELETE",
  "CONNECT",
  "OPTIONS",
  "CHECKIN",
  "PROPFIND",
  "CHECKOUT",
  "CCM_POST",
  "SUBSCRIBE",
  "PROPPATCH",
  "BPROPFIND",
  "BPROPPATCH",
  "UNCHECKOUT",
  "MKACTIVITY",
  "MKWORKSPACE",
  "UNSUBSCRIBE",
  "RPC_CONNECT",
  "VERSION-CONTROL",
  "BASELINE-CONTROL",
];
/** SIP request methods tcpdump 4.99 recognizes (print-sip.c). */
export const SIP_METHODS: readonly string[] = [
  "ACK",
  "BYE",
  "CANCEL",
  "DO",
  "INFO",
  "INVITE",
  "MESSAGE",
  "NOTIFY",
  "OPTIONS",
  "PRACK",
  "QAUTH",
  "REFER",
  "REGISTER",
  "SPRACK",
  "SUBSCRIBE",
  "UPDATE",
  "PUBLISH",
];
/** HTTPS: TLS (TLS_PORT). */
export const TLS_PORT = 443;
/** TLS record content type: handshake. */
export const TLS_HANDSHAKE = 22;
/** TLS handshake type: ClientHello. */
export const TLS_CLIENT_HELLO = 1;
/** TLS extension: server_name. */
export const TLS_EXT_SERVER_NAME = 0;
/** server_name name type: host_name. */
export const TLS_SNI_HOST_NAME = 0;
// ---- Gateways leftovers (issue 15, family 4): HSRP, PIM, PTP ---------------------------------

/** HSRP (HSRP_PORT). */
export const HSRP_PORT = 1985;
/** The only HSRP version tcpdump decodes past its number. */
export const HSRP_VERSION_0 = 0;
/** HSRP op codes as tcpdump names them. */
export const HSRP_OPCODES: Tok = { 0: "hello", 1: "coup", 2: "resign" };
/** HSRP states as tcpdump names them. */
export const HSRP_STATES: Tok = {
  0: "initial",
  1: "learn",
  2: "listen",
  4: "speak",
  8: "standby",
  16: "active",
};

/** PIMv2 message type: Hello. */
export const PIMV2_TYPE_HELLO = 0;
/** PIMv2 message type: Register. */
export const PIMV2_TYPE_REGISTER = 1;
/** PIMv2 message type: Register-Stop. */
export const PIMV2_TYPE_REGISTER_STOP = 2;
/** PIMv2 message type: Join/Prune. */
export const PIMV2_TYPE_JOIN_PRUNE = 3;
/** PIMv2 message type: Assert. */
export const PIMV2_TYPE_ASSERT = 5;
/** PIMv2 message type: Graft. */
export const PIMV2_TYPE_GRAFT = 6;
/** PIMv2 message type: Graft-Ack. */
export const PIMV2_TYPE_GRAFT_ACK = 7;
/** PIMv2 message type: Bootstrap. */
export const PIMV2_TYPE_BOOTSTRAP = 4;
/** PIMv2 message type: Candidate-RP-Advertisement. */
export const PIMV2_TYPE_CANDIDATE_RP = 8;
/** PIMv2 message type: Prune Refresh. */
export const PIMV2_TYPE_PRUNE_REFRESH = 9;
/** PIMv2 message type: ECMP Redirect. */
export const PIMV2_TYPE_ECMP_REDIRECT = 11;
/** PIMv2 message types as tcpdump names them. */
export const PIMV2_TYPES: Tok = {
  [PIMV2_TYPE_HELLO]: "Hello",
  [PIMV2_TYPE_REGISTER]: "Register",
  2: "Register Stop",
  3: "Join / Prune",
  4: "Bootstrap",
  5: "Assert",
  6: "Graft",
  7: "Graft Acknowledgement",
  8: "Candidate RP Advertisement",
  9: "Prune Refresh",
  10: "DF Election",
  [PIMV2_TYPE_ECMP_REDIRECT]: "ECMP Redirect",
};
/** PIMv2 Hello option: hold time. */
export const PIM_HELLO_HOLDTIME = 1;
/** PIMv2 Hello option: LAN prune delay. */
export const PIM_HELLO_LANPRUNEDELAY = 2;
/** PIMv2 Hello option: DR priority (old number). */
export const PIM_HELLO_DR_PRIORITY_OLD = 18;
/** PIMv2 Hello option: DR priority. */
export const PIM_HELLO_DR_PRIORITY = 19;
/** PIMv2 Hello option: generation id. */
export const PIM_HELLO_GENID = 20;
/** PIMv2 Hello option: state refresh capability. */
export const PIM_HELLO_REFRESH_CAP = 21;
/** PIMv2 Hello option: bidirectional capability. */
export const PIM_HELLO_BIDIR_CAP = 22;
/** PIMv2 Hello option: address list. */
export const PIM_HELLO_ADDRESS_LIST = 24;
/** PIMv2 Hello option: address list (old number). */
export const PIM_HELLO_ADDRESS_LIST_OLD = 65001;
/** PIMv2 Hello options as tcpdump names them. */
export const PIM_HELLO_OPTIONS: Tok = {
  [PIM_HELLO_HOLDTIME]: "Hold Time",
  [PIM_HELLO_LANPRUNEDELAY]: "LAN Prune Delay",
  [PIM_HELLO_DR_PRIORITY_OLD]: "DR Priority (Old)",
  [PIM_HELLO_DR_PRIORITY]: "DR Priority",
  [PIM_HELLO_GENID]: "Generation ID",
  [PIM_HELLO_REFRESH_CAP]: "State Refresh Capability",
  [PIM_HELLO_BIDIR_CAP]: "Bi-Directional Capability",
  [PIM_HELLO_ADDRESS_LIST]: "Address List",
  [PIM_HELLO_ADDRESS_LIST_OLD]: "Address List (Old)",
};
/** PIM encoded-unicast address family: IPv4. */
export const PIM_AF_IPV4 = 1;
/** PIM encoded-unicast address family: IPv6. */
export const PIM_AF_IPV6 = 2;

/** PTP event messages (PTP_EVENT_PORT). */
export const PTP_EVENT_PORT = 319;
/** PTP general messages (PTP_GENERAL_PORT). */
export const PTP_GENERAL_PORT = 320;
/** PTP version 1. */
export const PTP_VERSION_1 = 1;
/** PTP version 2. */
export const PTP_VERSION_2 = 2;
/** PTPv2 message type: Sync. */
export const PTP_SYNC = 0x0;
/** PTPv2 message type: Delay_Req. */
export const PTP_DELAY_REQ = 0x1;
/** PTPv2 message type: Pdelay_Req. */
export const PTP_PDELAY_REQ = 0x2;
/** PTPv2 message type: Pdelay_Resp. */
export const PTP_PDELAY_RESP = 0x3;
/** PTPv2 message type: Follow_Up. */
export const PTP_FOLLOW_UP = 0x8;
/** PTPv2 message type: Delay_Resp. */
export const PTP_DELAY_RESP = 0x9;
/** PTPv2 message type: Pdelay_Resp_Follow_Up. */
export const PTP_PDELAY_RESP_FOLLOW_UP = 0xa;
/** PTPv2 message type: Announce. */
export const PTP_ANNOUNCE = 0xb;
/** PTPv2 message type: Signaling. */
export const PTP_SIGNALLING = 0xc;
/** PTPv2 message type: Management. */
export const PTP_MANAGEMENT = 0xd;
/** PTPv2 message types as tcpdump names them. */
export const PTP_MSG_TYPES: Tok = {
  [PTP_SYNC]: "sync msg",
  [PTP_DELAY_REQ]: "delay req msg",
  [PTP_PDELAY_REQ]: "peer delay req msg",
  [PTP_PDELAY_RESP]: "peer delay resp msg",
  [PTP_FOLLOW_UP]: "follow up msg",
  [PTP_DELAY_RESP]: "delay resp msg",
  [PTP_PDELAY_RESP_FOLLOW_UP]: "pdelay resp fup msg",
  [PTP_ANNOUNCE]: "announce msg",
  [PTP_SIGNALLING]: "signalling msg",
  [PTP_MANAGEMENT]: "management msg",
};
/** PTP control field values as tcpdump names them. */
export const PTP_CONTROLS: Tok = {
  0: "Sync",
  1: "Delay_Req",
  2: "Follow_Up",
  3: "Delay_Resp",
  4: "Management",
  5: "Other",
};
/** PTPv2 flag masks with tcpdump's names, in its order (the last one needs all its bits). */
export const PTP_FLAGS: readonly [number, string][] = [
  [0x1, "l1 61"],
  [0x2, "l1 59"],
  [0x4, "utc reasonable"],
  [0x8, "timescale"],
  [0x10, "time tracable"],
  [0x20, "frequency tracable"],
  [0x100, "alternate master"],
  [0x200, "two step"],
  [0x400, "unicast"],
  [0x1000, "profile specific 1"],
  [0x2000, "profile specific 2"],
  [0x4000, "security mask"],
  [0x18c0, "unknown"],
];
