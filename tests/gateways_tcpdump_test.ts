/**
 * Gateways, time and management (issue 15, family 4): frames built by scapy (an independent
 * packet builder), each also cut short at many lengths, printed by rawcap and by tcpdump 4.99
 * (default, -v, -e, -q, -x) and decoded by rawcap's NDJSON and by tshark.
 *
 * tcpdump -v prints NTP, syslog and RADIUS details on tab-indented lines; rawcap keeps them on
 * the line, one space for each line break.
 */
import assert from "node:assert/strict";
import { RADIUS_CODES } from "../src/decode/numbers.ts";
import { toJsonRecord } from "../src/format/json.ts";
import { formatText, type TextOptions } from "../src/format/text.ts";
import { haveScapy, pcapBytes, type Sample } from "./helpers/frames.ts";
import { cutsOf, sampleRecord, scapyFrames, T0, tsharkFields } from "./helpers/differential.ts";
import { hasTool } from "./helpers/tools.ts";

/** The scapy program: argv[1] is the pcap to write. */
const PROGRAM = String.raw`
import sys
from scapy.all import Ether, IP, IPv6, UDP, Raw, wrpcap
from scapy.layers.vrrp import VRRP, VRRPv3
from scapy.layers.ntp import NTP
from scapy.layers.tftp import TFTP, TFTP_RRQ, TFTP_WRQ, TFTP_DATA, TFTP_ACK, TFTP_ERROR, TFTP_OACK, TFTP_Options, TFTP_Option
E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
I = IP(src="10.77.0.1", dst="10.77.0.9")
V = Ether(src="00:00:5e:00:01:0a", dst="01:00:5e:00:00:12")
VI = IP(src="10.0.0.2", dst="224.0.0.18", ttl=255)
p = []
p.append(V/VI/VRRP(vrid=10, priority=100, ipcount=2, addrlist=["10.0.0.1", "10.0.0.254"], authtype=1, auth1=0x70617373, auth2=0x776f7264))
p.append(V/VI/VRRP(vrid=10, priority=100, ipcount=1, addrlist=["10.0.0.1"]))
p.append(V/IP(src="10.0.0.2", dst="224.0.0.18", ttl=64)/VRRP(vrid=10, priority=100, ipcount=1, addrlist=["10.0.0.1"], chksum=0x1234))
p.append(V/VI/VRRP(vrid=10, priority=100, ipcount=1, authtype=5, addrlist=["10.0.0.1"]))
p.append(V/VI/VRRP(version=2, type=2, vrid=10, priority=100, ipcount=1, addrlist=["10.0.0.1"]))
p.append(V/VI/VRRPv3(vrid=5, priority=200, ipcount=1, addrlist=["10.0.0.1"]))
p.append(V/VI/VRRPv3(vrid=5, priority=200, ipcount=1, addrlist=["10.0.0.1"], chksum=0x1234))
p.append(Ether()/IPv6(src="fe80::1", dst="ff02::12", hlim=255)/VRRPv3(vrid=5, priority=200, ipcount=2, addrlist=["fe80::100", "fe80::101"]))
p.append(Ether()/IPv6(src="fe80::1", dst="ff02::12", hlim=255)/VRRPv3(vrid=5, priority=200, ipcount=1, addrlist=["fe80::100"], chksum=0x1234))
T = 3900000000
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=3, stratum=0, poll=6, precision=-20, orig=0, sent=T + 0.5))
p.append(E/I/UDP(sport=123, dport=50000)/NTP(version=4, mode=4, stratum=2, poll=6, precision=-23, delay=0.01, dispersion=0.02, id="192.168.1.1", ref=T + 0.25, orig=T + 0.5, recv=T + 0.6, sent=T + 0.7))
p.append(E/I/UDP(sport=123, dport=123)/NTP(leap=3, version=3, mode=1, stratum=1, poll=10, precision=-6, id="0.0.0.0", ref=0, orig=0, recv=0, sent=T + 1))
p.append(E/I/UDP(sport=123, dport=123)/NTP(leap=1, version=4, mode=5, stratum=16, poll=4, precision=-18, id="127.0.0.1", ref=0, orig=0, recv=0, sent=T + 1))
p.append(E/I/UDP(sport=123, dport=123)/NTP(leap=2, version=2, mode=2, stratum=3, poll=17, precision=-6, ref=0, orig=T + 2.75, recv=T + 1.25, sent=T + 1))
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=4, stratum=62, orig=0, sent=1.0))
for poll in [-3, 20, 31, 32, -32, 0]:
    p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=3, poll=poll, orig=0, sent=T + 0.5))
p.append(E/I/UDP(sport=40000, dport=123)/NTP(version=2, mode=6)/Raw(b"x" * 4))
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=3, orig=0, sent=T + 0.5)/Raw(b"\x00\x00\x00\x05"))
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=3, orig=0, sent=T + 0.5)/Raw(b"\x00\x00\x00\x05" + b"\x11" * 16))
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=3, orig=0, sent=T + 0.5)/Raw(b"\x00\x00\x00\x05" + b"\x22" * 20))
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=3, orig=0, sent=T + 0.5)/Raw(b"\x00\x00\x00\x05" + b"\x11" * 10))
p.append(E/I/UDP(sport=123, dport=123)/NTP(version=4, mode=7, orig=0, sent=T + 0.5))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"<34>Oct 11 22:14:15 mymachine su: 'su root' failed"))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"<13>1 2023-01-01T00:00:00Z host app - - - hello"))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"<191>test\nline2\xff"))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"no pri"))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"<999>x"))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"<1234>x"))
p.append(E/I/UDP(sport=514, dport=514)/Raw(b"<12"))
for pri in [0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 184, 1, 2, 3, 4, 5, 6]:
    p.append(E/I/UDP(sport=40000, dport=514)/Raw(b"<%d>m" % pri))
p.append(E/I/UDP(sport=40000, dport=69)/TFTP()/TFTP_RRQ(filename="pxelinux.0", mode="octet"))
p.append(E/I/UDP(sport=40000, dport=69)/TFTP()/TFTP_WRQ(filename="cfg.txt", mode="netascii")/TFTP_Options(options=[TFTP_Option(oname="blksize", value="1428")]))
p.append(E/I/UDP(sport=69, dport=40000)/TFTP()/TFTP_OACK()/TFTP_Options(options=[TFTP_Option(oname="blksize", value="1428"), TFTP_Option(oname="tsize", value="0")]))
p.append(E/I/UDP(sport=69, dport=40000)/TFTP()/TFTP_DATA(block=3)/Raw(b"abc"))
p.append(E/I/UDP(sport=69, dport=40000)/TFTP()/TFTP_ACK(block=0))
for e in range(10):
    p.append(E/I/UDP(sport=69, dport=40000)/Raw(b"\x00\x05" + bytes([0, e]) + b"m\x00"))
p.append(E/I/UDP(sport=69, dport=40000)/Raw(b"\x00\x09abc"))
p.append(E/I/UDP(sport=40000, dport=69)/Raw(b"\x00\x01abc"))
p.append(E/I/UDP(sport=40000, dport=69)/Raw(b"\x00\x01a\x00b"))
p.append(E/I/UDP(sport=40000, dport=69)/Raw(b"\x00"))
p.append(E/I/UDP(sport=40000, dport=69)/Raw(b"\x00\x05\x00"))
p.append(E/I/UDP(sport=40000, dport=40001)/TFTP()/TFTP_ACK(block=1))
from scapy.layers.snmp import SNMP, SNMPget, SNMPnext, SNMPresponse, SNMPset, SNMPtrapv1, SNMPtrapv2, SNMPbulk, SNMPinform, SNMPvarbind
from scapy.asn1.asn1 import ASN1_OID, ASN1_STRING, ASN1_INTEGER, ASN1_NULL, ASN1_IPADDRESS, ASN1_COUNTER32, ASN1_GAUGE32, ASN1_TIME_TICKS
def vb(o, v=None):
    return SNMPvarbind(oid=ASN1_OID(o), value=v) if v is not None else SNMPvarbind(oid=ASN1_OID(o))
S = lambda sport, dport, m: E/I/UDP(sport=sport, dport=dport)/m
p.append(S(50161, 161, SNMP(community="public", PDU=SNMPget(id=1234, varbindlist=[vb("1.3.6.1.2.1.1.1.0"), vb("1.3.6.1.2.1.1.5.0")]))))
p.append(S(161, 50161, SNMP(community="public", PDU=SNMPresponse(id=1234, varbindlist=[vb("1.3.6.1.2.1.1.5.0", ASN1_STRING(b"router1")), vb("1.3.6.1.2.1.1.3.0", ASN1_TIME_TICKS(12345)), vb("1.3.6.1.2.1.1.7.0", ASN1_INTEGER(-72)), vb("1.3.6.1.2.1.4.20.1.1.10.0.0.1", ASN1_IPADDRESS("10.0.0.1")), vb("1.3.6.1.2.1.2.2.1.10.1", ASN1_COUNTER32(4000000000)), vb("1.3.6.1.2.1.2.2.1.5.1", ASN1_GAUGE32(100000000)), vb("1.3.6.1.2.1.1.2.0", ASN1_OID("1.3.6.1.4.1.8072.3.2.10")), vb("1.3.6.1.2.1.1.4.0", ASN1_STRING(b"\x01\x02\xff")), vb("1.3.6.1.2.1.1.6.0", ASN1_STRING(b""))]))))
p.append(S(161, 50161, SNMP(community="public", PDU=SNMPresponse(id=5, error=2, error_index=1, varbindlist=[vb("1.3.6.1.2.1.1.99.0")]))))
p.append(S(161, 50161, SNMP(community="public", PDU=SNMPresponse(id=6, varbindlist=[vb("1.3.6.1.2.1.1.1.0", ASN1_NULL(0))]))))
p.append(S(50161, 161, SNMP(version=0, community="private", PDU=SNMPset(id=77, varbindlist=[vb("1.3.6.1.2.1.1.6.0", ASN1_STRING(b"lab"))]))))
p.append(S(50161, 162, SNMP(community="public", PDU=SNMPtrapv2(id=9, varbindlist=[vb("1.3.6.1.2.1.1.3.0", ASN1_TIME_TICKS(100))]))))
p.append(S(50161, 162, SNMP(version=0, community="public", PDU=SNMPtrapv1(enterprise=ASN1_OID("1.3.6.1.4.1.9"), agent_addr=ASN1_IPADDRESS("10.0.0.5"), generic_trap=6, specific_trap=3, time_stamp=ASN1_TIME_TICKS(500), varbindlist=[vb("1.3.6.1.2.1.1.5.0", ASN1_STRING(b"x"))]))))
p.append(S(50161, 162, SNMP(version=0, community="public", PDU=SNMPtrapv1(enterprise=ASN1_OID("1.3.6.1.4.1.9"), agent_addr=ASN1_IPADDRESS("10.0.0.5"), generic_trap=2, specific_trap=0, time_stamp=ASN1_TIME_TICKS(500), varbindlist=[]))))
p.append(S(50161, 161, SNMP(community="public", PDU=SNMPnext(id=5, varbindlist=[vb("1.3.6.1.2.1.2")]))))
p.append(S(50161, 161, SNMP(community="public", PDU=SNMPbulk(id=6, non_repeaters=0, max_repetitions=10, varbindlist=[vb("1.3.6.1.2.1.2.2")]))))
p.append(S(50161, 161, SNMP(community="public", PDU=SNMPinform(id=9, varbindlist=[vb("1.3.6.1.2.1.1.3.0", ASN1_TIME_TICKS(100))]))))
p.append(S(50161, 161, SNMP(community="a\"b", PDU=SNMPget(id=-5, varbindlist=[vb("2.5.4.3"), vb("1.3.6.1.4.1.2021.10.1.3.1"), vb("0.0")]))))
p.append(S(50161, 161, SNMP(community="public", PDU=SNMPget(id=3, error=1, error_index=2, varbindlist=[vb("1.3.6.1.2.1.1.1.0", ASN1_INTEGER(1))]))))
p.append(S(50161, 161, Raw(b"\x30\x03\x02\x01\x03")))
p.append(S(50161, 161, Raw(b"hello")))
p.append(S(50161, 161, Raw(b"\x30\x03\x02\x01\x07")))
p.append(S(50161, 161, Raw(b"\x30\x05\x04\x01\x07\x02\x00")))
p.append(S(50161, 161, Raw(b"\x02\x01\x07")))
import struct
from scapy.layers.radius import Radius, RadiusAttribute
R = lambda sport, dport, **kw: E/I/UDP(sport=sport, dport=dport)/Radius(**kw)
A = lambda t, v: RadiusAttribute(type=t, value=v)
p.append(R(50812, 1812, code=1, id=7, authenticator=b"A" * 16, attributes=[A(1, b"alice"), A(4, bytes([10, 0, 0, 1])), A(5, b"\x00\x00\x00\x07"), A(6, b"\x00\x00\x00\x02"), A(61, b"\x00\x00\x00\x0f"), A(30, b"00-11-22-33-44-55"), A(31, b"aa\x01\xff"), A(2, b"x" * 16), A(80, b"\x11" * 16)]))
p.append(R(1812, 50812, code=2, id=7, authenticator=b"B" * 16, attributes=[A(18, b"Welcome"), A(27, struct.pack(">I", 3600)), A(28, struct.pack(">I", 59)), A(64, struct.pack(">I", 13)), A(65, struct.pack(">I", 6)), A(81, b"\x01vlan100"), A(81, b"100")]))
p.append(R(50813, 1813, code=4, id=8, authenticator=b"C" * 16, attributes=[A(40, b"\x00\x00\x00\x01"), A(44, b"abc123"), A(45, b"\x00\x00\x00\x01"), A(46, struct.pack(">I", 3725)), A(49, struct.pack(">I", 99)), A(55, struct.pack(">I", 1700000000)), A(42, struct.pack(">I", 123456)), A(4, b"abc")]))
p.append(R(1813, 50813, code=5, id=8, authenticator=b"D" * 16))
p.append(R(50812, 1645, code=11, id=9, authenticator=b"E" * 16, attributes=[A(24, b"st\x00ate")]))
p.append(R(50812, 3799, code=40, id=10, authenticator=b"F" * 16, attributes=[A(1, b"bob")]))
p.append(R(50812, 1812, code=99, id=11, authenticator=b"G" * 16))
p.append(E/I/UDP(sport=50812, dport=1812)/Raw(b"\x01\x02\x00\x10" + b"x" * 16))
p.append(E/I/UDP(sport=50812, dport=1812)/Raw(b"\x01\x02\x00\x18" + b"x" * 16 + b"\x01\x01ab"))
p.append(E/I/UDP(sport=50812, dport=1812)/Raw(b"\x01\x02\x00\x18" + b"x" * 16 + b"\x01\x09ab"))
p.append(E/I/UDP(sport=50812, dport=1812)/Raw(b"\x01\x02\x00\x40" + b"x" * 16 + b"\x01\x04ab"))
p.append(E/I/UDP(sport=50812, dport=1812)/Raw(b"\x01\x02\x00"))
from scapy.all import load_contrib
load_contrib("ospf")
from scapy.contrib.ospf import OSPF_Hdr, OSPF_Hello, OSPF_DBDesc, OSPF_LSReq, OSPF_LSReq_Item, OSPF_LSUpd, OSPF_Router_LSA, OSPF_Link, OSPF_LSAck, OSPF_LSA_Hdr
OE = Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:05")
OI = IP(src="10.0.0.1", dst="224.0.0.5", ttl=1)
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0")/OSPF_Hello(mask="255.255.255.0", hellointerval=10, options=0x02, prio=1, deadinterval=40, router="10.0.0.1", backup="10.0.0.2", neighbors=["2.2.2.2", "3.3.3.3"]))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.1")/OSPF_Hello(mask="255.255.255.0", options=0x12, prio=0, router="0.0.0.0", backup="0.0.0.0", neighbors=[]))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0", authtype=1, authdata=0x70617373776f7264)/OSPF_Hello(mask="255.255.255.0", neighbors=["2.2.2.2"]))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0", authtype=2, keyid=5, authdatalen=16, seq=0x11223344)/OSPF_Hello(mask="255.255.255.0", router="10.0.0.1"))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="10.0.0.0", authtype=7)/OSPF_Hello(mask="255.255.255.0"))
p.append(OE/IP(src="10.0.0.1", dst="10.0.0.2", ttl=1)/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0")/OSPF_DBDesc(mtu=1500, options=0x02, dbdescr=0x07, ddseq=12345))
p.append(OE/IP(src="10.0.0.1", dst="10.0.0.2", ttl=1)/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0")/OSPF_DBDesc(mtu=0, options=0xff, dbdescr=0x0f, ddseq=1, lsaheaders=[OSPF_LSA_Hdr(type=1, id="2.2.2.2", adrouter="2.2.2.2", seq=0x80000002), OSPF_LSA_Hdr(type=10, id="1.0.0.5", adrouter="2.2.2.2", seq=0x80000003)]))
p.append(OE/IP(src="10.0.0.1", dst="10.0.0.2", ttl=1)/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0")/OSPF_LSReq(requests=[OSPF_LSReq_Item(type=t, id="2.2.2.%d" % t, adrouter="2.2.2.2") for t in range(1, 13)]))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0")/OSPF_LSUpd(lsalist=[OSPF_Router_LSA(id="1.1.1.1", adrouter="1.1.1.1", seq=0x80000001, linklist=[OSPF_Link(id="10.0.0.0", data="255.255.255.0", type=3, metric=10)])]))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0")/OSPF_LSAck(lsaheaders=[OSPF_LSA_Hdr(type=1, id="2.2.2.2", adrouter="2.2.2.2", seq=0x80000002), OSPF_LSA_Hdr(type=2, id="10.0.0.2", adrouter="2.2.2.2", seq=0x80000005)]))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0", type=9)/Raw(b"\x00" * 8))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0", version=3)/Raw(b"\x00" * 8))
p.append(OE/OI/OSPF_Hdr(src="1.1.1.1", area="0.0.0.0", len=30)/OSPF_Hello(mask="255.255.255.0"))
load_contrib("bgp")
from scapy.contrib.bgp import BGPHeader, BGPOpen, BGPKeepAlive, BGPNotification, BGPUpdate
BI = IP(src="10.0.0.1", dst="10.0.0.2")
BT = lambda: TCP(sport=50179 + len(p), dport=179, flags="PA", seq=1000, ack=2000)
p.append(E/BI/BT()/BGPHeader(type=1)/BGPOpen(my_as=65001, hold_time=180, bgp_id="1.1.1.1"))
p.append(E/BI/BT()/BGPKeepAlive())
for code, sub in [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 6), (3, 1), (3, 11), (4, 0), (5, 0), (6, 1), (6, 2), (6, 4), (6, 9), (7, 0)]:
    p.append(E/BI/BT()/BGPHeader(type=3)/BGPNotification(error_code=code, error_subcode=sub))
p.append(E/BI/BT()/BGPHeader(type=5)/Raw(b"\x00\x01\x00\x01"))
p.append(E/BI/BT()/BGPHeader(type=9))
p.append(E/BI/BT()/Raw(b"\x00\x01\x02\x03"))
p.append(E/BI/BT()/Raw(bytes(BGPKeepAlive()) * 2))
p.append(E/BI/BT()/Raw(b"\xff" * 16 + b"\x00\x05\x04"))
from scapy.layers.rip import RIP, RIPEntry, RIPAuth
RE = Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:09")
RI = IP(src="10.0.0.1", dst="224.0.0.9", ttl=1)
RU = UDP(sport=520, dport=520)
p.append(RE/RI/RU/RIP(cmd=2, version=2)/RIPEntry(addr="10.1.0.0", mask="255.255.0.0", metric=1)/RIPEntry(addr="10.2.0.0", mask="255.255.255.128", nextHop="10.0.0.5", metric=2, RouteTag=7)/RIPEntry(addr="192.168.0.0", mask="255.0.255.0", metric=3))
p.append(RE/RI/RU/RIP(cmd=1, version=2)/RIPEntry(AF=0, addr="0.0.0.0", metric=16))
p.append(RE/RI/RU/RIP(cmd=2, version=1)/RIPEntry(addr="10.1.0.0", metric=1)/RIPEntry(addr="10.3.0.0", metric=4))
p.append(RE/RI/RU/RIP(cmd=2, version=2)/RIPAuth(authtype=2, password="secret")/RIPEntry(addr="10.1.0.0", mask="255.255.0.0", metric=1))
p.append(RE/RI/RU/RIP(cmd=1, version=1)/RIPEntry(AF=0, addr="0.0.0.0", metric=16))
p.append(RE/RI/RU/RIP(cmd=5, version=2))
p.append(RE/RI/RU/RIP(cmd=2, version=3)/RIPEntry(addr="10.1.0.0", metric=1))
p.append(RE/RI/RU/RIP(cmd=2, version=2)/Raw(b"\x00\x02\x00"))
wrpcap(sys.argv[1], p)
`;

/** The scapy frames, then each one cut short every few octets after its IP header. */
function corpus(): Sample[] {
  const whole = scapyFrames(PROGRAM);
  // TCP is cut after its header: a cut TCP header is not this family's.
  const ipEnd = (d: Uint8Array) => (d[12] === 0x86 ? 54 : 34) + (d[23] === 6 ? 20 : 0);
  return [...whole, ...cutsOf(whole, ipEnd, 3)];
}

/** tcpdump's text per frame: continuation and tab-indented detail lines joined with a space. */
function tcpdump(file: string, flags: string[]): string[] {
  const out = new Deno.Command("tcpdump", {
    args: ["-nn", "-S", ...flags, "-r", file],
    env: { TZ: "UTC" },
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  assert.ok(out.success, "tcpdump ran");
  return new TextDecoder().decode(out.stdout)
    .replace(/\n {4}/g, " ")
    .replace(/\n\t(?!0x)\s*/g, " ")
    .replace(/\n(?!\d\d:|\t0x)/g, " ")
    .split(/\n(?=\d\d:)/)
    .map((l) => l.trimEnd());
}

const have = hasTool("tcpdump") && haveScapy();

Deno.test({
  name:
    "VRRP, NTP, syslog, TFTP, SNMP, RADIUS, OSPF, BGP and RIP: rawcap's text is tcpdump's (default, -v, -e, -q, -x)",
  ignore: !have,
  fn() {
    const frames = corpus();
    const dir = Deno.makeTempDirSync();
    try {
      const file = dir + "/all.pcap";
      Deno.writeFileSync(
        file,
        pcapBytes(
          frames.map((x, i) => ({ data: x.data, len: x.len, ts: T0 + BigInt(i) * 1_000_000n })),
        ),
      );
      const modes: [string[], TextOptions][] = [
        [[], {}],
        [["-v"], { verbose: 1 }],
        [["-e"], { link: true }],
        [["-q"], { quiet: true }],
        [["-x"], { hex: "x" }],
        [["-v", "-e"], { verbose: 1, link: true }],
      ];
      for (const [flags, opts] of modes) {
        const theirs = tcpdump(file, flags);
        assert.equal(theirs.length, frames.length, flags.join(" "));
        frames.forEach((x, i) => {
          const ours = formatText(sampleRecord(x, i), { ...opts, tsFormat: "utc" });
          const label = `${flags.join(" ") || "(none)"} ${x.name}`;
          // Accepted: the LSAs of an OSPF LS-Update are not decoded (-v stops at their count).
          if (opts.verbose && ours.includes("OSPFv2, LS-Update") && ours !== theirs[i]) {
            assert.ok(theirs[i].startsWith(ours), label + "\n" + ours + "\n" + theirs[i]);
          } else assert.equal(ours, theirs[i], label);
        });
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

const s8 = (v: number) => String(v & 0xff);
/** The IPv4 routes of a RIP record (tshark lists no address for a whole-table request). */
const inet = (routes: { family: number; address: string; mask: string; metric: number }[]) =>
  routes.filter((r) => r.family === 2);

Deno.test({
  name: "VRRP, NTP, syslog, TFTP, SNMP, RADIUS, OSPF, BGP and RIP: NDJSON agrees with tshark",
  ignore: !haveScapy() || !hasTool("tshark"),
  fn() {
    const frames = corpus().filter((x) => x.len === undefined);
    const want: [string, string, (v: any) => string][] = [
      ["vrrp", "vrrp.version", (v) => String(v.version)],
      ["vrrp", "vrrp.type", (v) => String(v.type)],
      ["vrrp", "vrrp.virt_rtr_id", (v) => String(v.vrid)],
      ["vrrp", "vrrp.prio", (v) => String(v.prio)],
      ["vrrp", "vrrp.addr_count", (v) => String(v.naddrs)],
      ["vrrp", "vrrp.auth_type", (v) => v.authType === undefined ? "" : String(v.authType)],
      ["ntp", "ntp.flags.li", (v) => String(v.leap)],
      ["ntp", "ntp.flags.vn", (v) => String(v.version)],
      ["ntp", "ntp.flags.mode", (v) => String(v.mode)],
      ["ntp", "ntp.stratum", (v) => v.stratum === undefined ? "" : String(v.stratum)],
      ["ntp", "ntp.ppoll", (v) => v.poll === undefined ? "" : s8(v.poll)],
      ["ntp", "ntp.precision", (v) => v.precision === undefined ? "" : s8(v.precision)],
      ["ntp", "ntp.rootdelay", (v) => v.rootDelay === undefined ? "" : String(v.rootDelay)],
      [
        "ntp",
        "ntp.rootdispersion",
        (v) => v.rootDispersion === undefined ? "" : String(v.rootDispersion),
      ],
      [
        "ntp",
        "ntp.refid",
        (v) => v.refId === undefined ? "" : v.refId.toString(16).padStart(8, "0"),
      ],
      ["syslog", "syslog.facility", (v) => String(v.facility)],
      ["syslog", "syslog.level", (v) => String(v.severity)],
      ["tftp", "tftp.opcode", (v) => String(v.opcode)],
      ["tftp", "tftp.block", (v) => v.block === undefined ? "" : String(v.block)],
      ["tftp", "tftp.error.code", (v) => v.error === undefined ? "" : String(v.error)],
      ["snmp", "snmp.version", (v) => String(v.version)],
      ["snmp", "snmp.community", (v) => v.community ?? ""],
      ["snmp", "snmp.data", (v) => v.pdu === undefined ? "" : String(v.pdu)],
      ["snmp", "snmp.request_id", (v) => v.requestId === undefined ? "" : String(v.requestId)],
      [
        "snmp",
        "snmp.error_status",
        (v) => v.errorStatus === undefined ? "" : String(v.errorStatus),
      ],
      ["snmp", "snmp.error_index", (v) => v.errorIndex === undefined ? "" : String(v.errorIndex)],
      [
        "snmp",
        "snmp.non_repeaters",
        (v) => v.nonRepeaters === undefined ? "" : String(v.nonRepeaters),
      ],
      [
        "snmp",
        "snmp.max_repetitions",
        (v) => v.maxRepetitions === undefined ? "" : String(v.maxRepetitions),
      ],
      ["radius", "radius.code", (v) => String(v.code)],
      ["radius", "radius.id", (v) => v.id === undefined ? "" : String(v.id)],
      ["radius", "radius.length", (v) => v.length === undefined ? "" : String(v.length)],
      [
        "radius",
        "radius.avp.type",
        (v) => v.attributes.map((a: { type: number }) => a.type).join(","),
      ],
      ["ospf", "ospf.version", (v) => String(v.version)],
      ["ospf", "ospf.msg", (v) => String(v.type)],
      ["ospf", "ospf.packet_length", (v) => v.length === undefined ? "" : String(v.length)],
      ["ospf", "ospf.srcrouter", (v) => v.routerId ?? ""],
      ["ospf", "ospf.area_id", (v) => v.area ?? ""],
      ["ospf", "ospf.auth.type", (v) => v.authType === undefined ? "" : String(v.authType)],
      ["ospf", "ospf.hello.network_mask", (v) => v.hello?.mask ?? ""],
      ["ospf", "ospf.hello.hello_interval", (v) => v.hello ? String(v.hello.interval) : ""],
      ["ospf", "ospf.hello.router_priority", (v) => v.hello ? String(v.hello.priority) : ""],
      [
        "ospf",
        "ospf.hello.router_dead_interval",
        (v) => v.hello ? String(v.hello.deadInterval) : "",
      ],
      ["ospf", "ospf.hello.designated_router", (v) => v.hello?.dr ?? ""],
      ["ospf", "ospf.hello.backup_designated_router", (v) => v.hello?.bdr ?? ""],
      ["bgp", "bgp.type", (v) => v.type < 0 ? "" : String(v.type)],
      ["bgp", "bgp.open.myas", (v) => v.as === undefined ? "" : String(v.as)],
      ["bgp", "bgp.open.holdtime", (v) => v.holdTime === undefined ? "" : String(v.holdTime)],
      ["bgp", "bgp.open.identifier", (v) => v.id ?? ""],
      [
        "bgp",
        "bgp.notify.major_error",
        (v) => v.errorCode === undefined ? "" : String(v.errorCode),
      ],
      ["rip", "rip.command", (v) => String(v.command)],
      ["rip", "rip.version", (v) => String(v.version)],
      ["rip", "rip.ip", (v) => inet(v.routes).map((r) => r.address).join(",")],
      ["rip", "rip.metric", (v) => v.routes.map((r: { metric: number }) => r.metric).join(",")],
      ["snmp", "snmp.name", (v) => v.varbinds.map((b: { oid: string }) => b.oid).join(",")],
    ];
    const rows = tsharkFields(frames, want.map((w) => w[1]).concat(["tftp.type", "syslog.msg"]));
    let compared = 0;
    frames.forEach((x, i) => {
      const r = toJsonRecord(sampleRecord(x, i)) as Record<string, any>;
      for (const [key, field, value] of want) {
        const v = r[key];
        // tshark decodes NTP mode 7 (private) as other fields.
        if (v === undefined || (key === "ntp" && v.mode === 7)) continue;
        // tshark decodes no more than we do of SNMP messages that are not v1/v2c.
        if (key === "snmp" && v.pdu === undefined) continue;
        // tshark lists no attributes of a RADIUS message whose length field is too small.
        if (key === "radius" && !(v.length >= 20)) continue;
        // tshark takes a datagram with an unknown RADIUS code for something else.
        if (key === "radius" && !(v.code in RADIUS_CODES)) continue;
        // tshark decodes OSPFv3 and unknown OSPF types otherwise.
        if (key === "ospf" && (v.version !== 2 || v.type > 5)) continue;
        // tshark lists every message of a segment; we keep the first, of known types.
        if (key === "bgp" && (v.type < 1 || v.type > 5 || !(v.length >= 19))) continue;
        // ...and decodes no attributes when the length field goes past the datagram.
        if (field === "radius.avp.type" && v.length > r.udp.len - 8) continue;
        const theirs = key === "bgp" ? rows[i][field].split(",")[0] : rows[i][field];
        assert.equal(value(v), theirs, `${x.name} ${field}`);
        compared++;
      }
      if (r.tftp?.mode !== undefined) assert.equal(r.tftp.mode, rows[i]["tftp.type"], x.name);
      if (r.syslog && /^[ -~]*$/.test(r.syslog.message)) {
        assert.equal(r.syslog.message, rows[i]["syslog.msg"], x.name);
      }
    });
    assert.ok(compared > 300, `compared ${compared}`);
  },
});
