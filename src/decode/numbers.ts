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

/** Service names pcap-filter accepts as ports (as /etc/services names them). */
export const SERVICES: Readonly<Record<string, number>> = {
  "ftp-data": 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: DNS_PORT,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  pop3: 110,
  ntp: 123,
  imap: 143,
  snmp: 161,
  bgp: 179,
  ldap: 389,
  https: 443,
  syslog: 514,
};

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
