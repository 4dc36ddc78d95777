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
