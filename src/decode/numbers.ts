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

/** Unreachable code: network. */
export const ICMP_UNREACH_NET = 0;
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
