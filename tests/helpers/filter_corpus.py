"""Frames for the pcap-filter differential tests (tests/filter_testrun_test.ts).

Writes an Ethernet pcap to argv[1]; frame n has the timestamp n + 1 seconds, so a selection can
be read back from the timestamps tcpdump writes. The frames exercise every primitive of the
TESTrun-derived expression list: Ethernet II and 802.3 with LLC and SNAP (STP, NetBEUI, IPX in
its four encapsulations, AppleTalk and AARP in both phases, OSI: CLNP, ES-IS, IS-IS PDU types),
LLC I, S and U frames, DECnet long and short headers with and without padding, the DEC and
other EtherTypes, PPPoE discovery and sessions (IPv4, IPv6, MPLS, LCP inside), MPLS stacks,
VLAN tags, Geneve and VXLAN tunnels over IPv4 and IPv6, IPv4 and IPv6 with ports and service
names, extension header and AH chains for protochain, and the IP protocols by name.
"""

import struct
import sys

from scapy.all import (
    ARP,
    DNS,
    DNSQR,
    ICMP,
    IP,
    SCTP,
    STP,
    TCP,
    UDP,
    Dot1Q,
    Dot3,
    Ether,
    ICMPv6EchoReply,
    ICMPv6EchoRequest,
    IPv6,
    IPv6ExtHdrDestOpt,
    IPv6ExtHdrFragment,
    IPv6ExtHdrHopByHop,
    IPv6ExtHdrRouting,
    LLC,
    SNAP,
    Raw,
    wrpcap,
)
from scapy.contrib.mpls import MPLS
from scapy.layers.ipsec import AH

A = "00:11:22:33:44:55"
B = "66:77:88:99:aa:bb"
M1 = "ab:cd:ef:00:00:01"
M2 = "ab:cd:ef:00:00:02"
M3 = "ab:cd:ef:00:00:03"
PAD = b"\xcd" * 200  # makes proto[0xab] == 0xcd hold where the frame is long enough


def E(src=A, dst=B, **kw):
    return Ether(src=src, dst=dst, **kw)


def raw_ether(dst, src, etype, payload):
    return Ether(bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", ""))
                 + struct.pack("!H", etype) + payload)


def dot3(payload, src=A, dst=B):
    """An 802.3 frame: the length field, then `payload` (LLC and what follows)."""
    return Ether(bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", ""))
                 + struct.pack("!H", len(payload)) + payload)


def llc(dsap, ssap, ctrl, rest=b""):
    c = bytes([ctrl]) if ctrl < 0x100 else struct.pack("!H", ctrl)
    return bytes([dsap, ssap]) + c + rest


def snap(oui, etype, rest=b""):
    return b"\xaa\xaa\x03" + oui.to_bytes(3, "big") + struct.pack("!H", etype) + rest


def isis(pdu_type, rest=b"\x00" * 40):
    # NLPID, header length, version, id length, PDU type, version, reserved, max areas
    return bytes([0x83, 27, 1, 0, pdu_type, 1, 0, 0]) + rest


def decnet(long, pad, dst, src):
    """DECnet phase IV routing header after the 2-octet length: `pad` pad octets first."""
    d = struct.pack("<H", dst)
    s = struct.pack("<H", src)
    if long:
        hdr = bytes([0x06, 0, 0]) + b"\xaa\x00\x04\x00" + d + b"\x00\x00" + b"\xaa\x00\x04\x00" + s + b"\x00" * 6
    else:
        hdr = bytes([0x02]) + d + s + b"\x00"
    body = (bytes([0x80 | pad]) + b"\x00" * (pad - 1) if pad else b"") + hdr + b"\x00" * 20
    return struct.pack("<H", len(body)) + body


def geneve(vni, proto, inner, optlen=0, ver=0):
    first = (ver << 6) | optlen
    return bytes([first, 0]) + struct.pack("!H", proto) + struct.pack("!I", vni << 8) + b"\x00" * (4 * optlen) + bytes(inner)


def vxlan(vni, inner, flags=0x08):
    return bytes([flags, 0, 0, 0]) + struct.pack("!I", vni << 8) + bytes(inner)


def pppoes(session, ppp_proto, payload):
    body = struct.pack("!H", ppp_proto) + bytes(payload)
    return bytes([0x11, 0x00]) + struct.pack("!HH", session, len(body)) + body


def ah(nh, payload, length=4):
    # next header, payload length (4-octet words minus 2), reserved, SPI, sequence, ICV
    return bytes([nh, length, 0, 0]) + b"\x00\x00\x10\x00" + b"\x00\x00\x00\x01" + b"\x00" * (4 * (length + 2) - 12) + bytes(payload)


inner_tcp = Ether(src=M1, dst=M2) / IP(src="10.1.1.1", dst="10.1.1.2") / TCP(sport=22, dport=4000)
inner_icmp = Ether(src=M2, dst=M3) / IP(src="10.2.2.1", dst="10.2.2.2") / ICMP(type=8)
inner_ip = IP(src="10.3.3.1", dst="10.3.3.2") / UDP(sport=53, dport=53)

p = []
# --- Ethernet addresses, broadcast, multicast, link loads
p.append(E(src=M1, dst=M3) / IP(src="1.2.3.4", dst="192.168.1.1") / TCP(sport=25, dport=1024))
p.append(E(src=M2, dst=M1) / IP(src="192.168.1.1", dst="1.2.3.4") / TCP(sport=1024, dport=25))
p.append(E(src="ab:cd:ef:00:00:01", dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, psrc="192.168.0.1", pdst="192.168.0.2"))
p.append(E(src=M3, dst="01:00:5e:00:00:01") / IP(src="192.168.5.5", dst="224.0.0.1") / UDP(sport=7, dport=7))
p.append(raw_ether("00:00:00:00:00:12", "00:12:34:00:12:34", 0x5678, b"\x00" * 46))
p.append(raw_ether("00:11:22:33:44:55", "00:12:34:56:12:34", 0x5678, b"\x12" * 46))
# --- IPv4/IPv6 with ports and service names
for sport, dport in [(25, 1024), (1024, 25), (53, 1024), (1024, 53), (7, 7), (1023, 40000),
                     (40000, 1023), (1, 2), (5672, 1), (123, 123), (80, 80), (22, 9999)]:
    p.append(E() / IP(src="10.0.0.1", dst="10.0.0.2") / TCP(sport=sport, dport=dport))
for sport, dport in [(53, 1024), (1024, 53), (67, 68), (68, 67), (7, 7), (25, 25), (123, 123),
                     (80, 80), (1023, 1024), (69, 69)]:
    p.append(E() / IP(src="10.0.0.3", dst="10.0.0.4") / UDP(sport=sport, dport=dport) / Raw(b"x" * 8))
for sport, dport in [(5672, 1), (1, 5672), (25, 25), (7, 53), (1023, 9)]:
    p.append(E() / IP(src="10.0.0.5", dst="10.0.0.6") / SCTP(sport=sport, dport=dport))
for sport, dport in [(25, 53), (53, 25), (67, 68)]:
    p.append(E() / IPv6(src="2001:db8::1", dst="2001:db8::2") / TCP(sport=sport, dport=dport))
    p.append(E() / IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP(sport=sport, dport=dport))
p.append(E() / IPv6(src="2001:db8::1", dst="2001:db8::2") / SCTP(sport=5672, dport=5672))
p.append(E() / IP(src="10.0.0.1", dst="8.8.8.8") / UDP(sport=5353, dport=53) / DNS(qd=DNSQR(qname="a.example")))
# long frames for proto[0xab] == 0xcd
p.append(E() / IP(src="10.9.0.1", dst="10.9.0.2") / TCP(sport=1, dport=2) / Raw(PAD))
p.append(E() / IP(src="10.9.0.1", dst="10.9.0.2") / UDP(sport=1, dport=2) / Raw(PAD))
p.append(E() / IP(src="10.9.0.1", dst="10.9.0.2") / SCTP(sport=1, dport=2) / Raw(PAD))
p.append(E() / IP(src="10.9.0.1", dst="10.9.0.2", proto=112) / Raw(PAD))
p.append(E() / IPv6(src="2001:db8::9", dst="2001:db8::a") / ICMPv6EchoRequest(data=PAD))
p.append(E() / IPv6(src="2001:db8::9", dst="2001:db8::a") / UDP(sport=1, dport=2) / Raw(PAD))
p.append(E(dst="ff:ff:ff:ff:ff:ff") / ARP(op=1, psrc="1.2.3.4", pdst="5.6.7.8") / Raw(PAD))
p.append(E(dst="ff:ff:ff:ff:ff:ff", type=0x8035) / ARP(op=3, psrc="1.2.3.4", pdst="1.2.3.5") / Raw(PAD))
p.append(E(dst="ff:ff:ff:ff:ff:ff", type=0x8035) / ARP(op=4, psrc="5.6.7.8", pdst="1.2.3.4"))
p.append(E() / ARP(op=2, psrc="1.2.3.4", pdst="192.168.7.7"))
p.append(E() / ARP(op=2, psrc="192.168.200.1", pdst="1.2.3.4"))
p.append(E() / ARP(op=1, psrc="10.1.1.1", pdst="10.1.1.2"))
# --- IP protocols by number and name
for proto in [1, 2, 9, 88, 103, 112, 47, 50, 51, 4, 41, 108]:
    p.append(E() / IP(src="10.4.0.1", dst="10.4.0.2", proto=proto) / Raw(b"\x31\x02\xb1\x00" + b"\x00" * 40))
p.append(E() / IP(src="10.4.0.1", dst="10.4.0.2") / ICMP(type=8) / Raw(b"p" * 8))
p.append(E() / IP(src="10.4.0.1", dst="224.0.0.18", proto=112) / Raw(b"\x21\x05\xbf\x01" + b"\x00" * 16))  # VRRP v2
p.append(E() / IP(src="10.4.0.1", dst="224.0.0.18", proto=112) / Raw(b"\x31\x05\x64\x01\xb1\x00" + b"\x00" * 14))  # v3
for nh in [58, 6, 17, 103, 0x3c]:
    p.append(E() / IPv6(src="fe80::1", dst="ff02::1", nh=nh) / Raw(b"\x00" * 40))
p.append(E() / IPv6(src="fe80::1", dst="ff02::1") / ICMPv6EchoReply())
# --- protochain: IPv6 extension header chains and AH
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrHopByHop() / UDP(sport=9, dport=9))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrDestOpt() / IPv6ExtHdrRouting() / TCP(sport=9, dport=9))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() / IPv6ExtHdrFragment(m=1) / UDP(sport=9, dport=9))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrFragment(offset=10) / Raw(b"\x00" * 16))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6", nh=59) / Raw(b"\x00" * 16))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrHopByHop(nh=59) / Raw(b"\x00" * 16))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6", nh=51) / Raw(ah(17, UDP(sport=9, dport=9))))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6", nh=51) / Raw(ah(6, TCP(sport=9, dport=9))))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrHopByHop(nh=51) / Raw(ah(41, IPv6(nh=17) / UDP())))
p.append(E() / IPv6(src="2001:db8::5", dst="2001:db8::6", nh=51) / Raw(ah(108, b"\x00" * 40)))
p.append(E() / IP(src="10.5.0.1", dst="10.5.0.2", proto=51) / Raw(ah(17, UDP(sport=9, dport=9))))
p.append(E() / IP(src="10.5.0.1", dst="10.5.0.2", proto=51) / Raw(ah(4, IP(src="1.1.1.1", dst="2.2.2.2") / ICMP())))
p.append(E() / IP(src="10.5.0.1", dst="10.5.0.2", proto=51) / Raw(ah(1, ICMP(), length=3)))
p.append(E() / IP(src="10.5.0.1", dst="10.5.0.2", proto=51) / Raw(ah(108, b"\x00" * 40)))
p.append(E() / IP(src="10.5.0.1", dst="10.5.0.2", proto=51) / Raw(ah(50, b"\x00" * 40)))
ext = IPv6ExtHdrHopByHop()
for _ in range(5):
    ext = ext / IPv6ExtHdrDestOpt()
p.append(E() / IPv6(src="2001:db8::7", dst="2001:db8::8") / ext / UDP(sport=9, dport=9))
# --- 802.3 with LLC: STP, NetBEUI, ISO (CLNP, ES-IS, IS-IS), SAPs 0, 6, 0xff
p.append(dot3(bytes(LLC(dsap=0x42, ssap=0x42, ctrl=3) / STP()), src=M1, dst="01:80:c2:00:00:00"))
p.append(dot3(llc(0xf0, 0xf0, 0x03, b"\x00" * 40)))
p.append(dot3(llc(0xf0, 0xf1, 0x0100, b"\x00" * 40)))
p.append(dot3(llc(0xfe, 0xfe, 0x03, b"\x81" + b"\x00" * 40)))
p.append(dot3(llc(0xfe, 0xfe, 0x03, b"\x82" + b"\x00" * 40)))
for t in [15, 16, 17, 18, 20, 24, 25, 26, 27, 32]:
    p.append(dot3(llc(0xfe, 0xfe, 0x03, isis(t))))
p.append(dot3(llc(0xfe, 0xfd, 0x03, isis(18))))
p.append(dot3(llc(0x00, 0x00, 0x03, b"\x00" * 40)))
p.append(dot3(llc(0x00, 0x01, 0x03, b"\x00" * 40)))
p.append(dot3(llc(0x00, 0x42, 0x03, b"\x00" * 40)))
p.append(dot3(llc(0x06, 0x06, 0x03, bytes(IP(src="10.6.0.1", dst="10.6.0.2")))))
p.append(dot3(llc(0x06, 0x07, 0x03, b"\x00" * 40)))
p.append(dot3(llc(0xff, 0x00, 0x03, b"\x00" * 40)))
# --- IPX in its four encapsulations, and its look-alikes
p.append(raw_ether(B, A, 0x8137, b"\xff\xff\x00\x30" + b"\x00" * 44))
p.append(dot3(b"\xff\xff\x00\x30" + b"\x00" * 44))
p.append(dot3(llc(0xe0, 0xe0, 0x03, b"\xff\xff\x00\x30" + b"\x00" * 40)))
p.append(dot3(snap(0x000000, 0x8137, b"\xff\xff" + b"\x00" * 40)))
p.append(dot3(snap(0x080007, 0x8137, b"\x00" * 40)))
# --- AppleTalk and AARP, phase 1 and 2
p.append(raw_ether(B, A, 0x809b, b"\x00" * 46))
p.append(dot3(snap(0x080007, 0x809b, b"\x00" * 40)))
p.append(dot3(snap(0x000000, 0x809b, b"\x00" * 40)))
p.append(raw_ether(B, A, 0x80f3, b"\x00" * 46))
p.append(dot3(snap(0x000000, 0x80f3, b"\x00" * 40)))
p.append(dot3(snap(0x080007, 0x80f3, b"\x00" * 40)))
# --- LLC frame kinds: I frames, S (RR, RNR, REJ, with P/F), U (each command, with P/F)
for ctrl in [0x0000, 0x0a0c, 0x0001, 0x0005, 0x0009, 0x0101, 0x0105, 0x000d]:
    p.append(dot3(llc(0x04, 0x04, ctrl, b"\x00" * 40)))
for ctrl in [0x03, 0x13, 0x63, 0x73, 0x43, 0x53, 0x0f, 0x1f, 0x6f, 0x7f, 0xe3, 0xf3, 0xaf, 0xbf, 0x87, 0x97, 0x27]:
    p.append(dot3(llc(0x04, 0x05, ctrl, b"\x00" * 40)))
p.append(dot3(snap(0x000000, 0x0800, bytes(IP(src="10.7.0.1", dst="10.7.0.2") / UDP()))))
# 802.3 length 1500 and EtherType 1501
p.append(raw_ether(B, A, 1500, llc(0x00, 0x00, 0x03, b"\x00" * 43)))
p.append(raw_ether(B, A, 1501, b"\x00" * 46))
p.append(raw_ether(B, A, 0xffff, b"\x00" * 46))
p.append(raw_ether(B, A, 0x00ff, llc(0xff, 0xff, 0x03, b"\x00" * 43)))
# --- DECnet (long and short, padded or not) and the other DEC EtherTypes
for long in (True, False):
    for pad in (0, 1):
        p.append(raw_ether(B, A, 0x6003, decnet(long, pad, (50 << 10) | 764, (1 << 10) | 1)))
        p.append(raw_ether(B, A, 0x6003, decnet(long, pad, (1 << 10) | 2, (50 << 10) | 764)))
p.append(raw_ether(B, A, 0x6003, decnet(True, 0, (17 << 10), 120)))
p.append(raw_ether(B, A, 0x6003, decnet(False, 1, 1, (63 << 10) | 1023)))
p.append(raw_ether(B, A, 0x6003, decnet(True, 2, (50 << 10) | 764, 5)))
for etype in [0x6001, 0x6002, 0x6004, 0x6007, 0x9000, 0x88cc, 0x8809]:
    p.append(raw_ether(B, A, etype, b"\x00" * 46))
# --- PPPoE discovery and sessions
p.append(raw_ether("ff:ff:ff:ff:ff:ff", A, 0x8863, b"\x11\x09\x00\x00\x00\x04\x01\x01\x00\x00" + b"\x00" * 36))
p.append(raw_ether(B, A, 0x8864, pppoes(1234, 0x0021, IP(src="10.8.0.1", dst="10.8.0.2") / UDP(sport=53, dport=53))))
p.append(raw_ether(B, A, 0x8864, pppoes(0x3b, 0x0021, IP(src="10.8.0.3", dst="10.8.0.4") / TCP(sport=80, dport=25))))
p.append(raw_ether(B, A, 0x8864, pppoes(1234, 0x0057, IPv6(src="2001:db8::8", dst="2001:db8::9") / UDP())))
p.append(raw_ether(B, A, 0x8864, pppoes(7, 0x0281, MPLS(label=123, s=1) / IP(src="10.8.0.5", dst="10.8.0.6") / ICMP())))
p.append(raw_ether(B, A, 0x8864, pppoes(7, 0x0281, MPLS(label=124, s=1) / IP() / ICMP())))
p.append(raw_ether(B, A, 0x8864, pppoes(0x3b, 0xc021, b"\x01\x01\x00\x04" + b"\x00" * 20)))
p.append(raw_ether(B, A, 0x8864, pppoes(9, 0x0031, b"\x00" * 30)))
for ppp_proto in [0x002b, 0x0027, 0x0029, 0x80f3, 0x8864]:
    p.append(raw_ether(B, A, 0x8864, pppoes(9, ppp_proto, b"\x81\x06\x00\x00" + b"\x00" * 30)))
p.append(raw_ether(B, A, 0x8864, pppoes(9, 0x0023, b"\x01\x00" + b"\x00" * 30)))
p.append(raw_ether(B, A, 0x8864, pppoes(9, 0x0021, IP(src="10.8.2.1", dst="255.255.255.255") / UDP())))
p.append(raw_ether(B, A, 0x8864, pppoes(9, 0x0021, IP(src="10.8.2.1", dst="239.1.1.1") / UDP())))
p.append(raw_ether(B, A, 0x8864, pppoes(9, 0x0021, IP(src="10.8.2.1", dst="10.8.2.2") / UDP(sport=1, dport=6081) / Raw(geneve(40, 0x6558, inner_tcp)))))
# --- MPLS
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=100, s=1) / IP(src="10.10.0.1", dst="10.10.0.2") / UDP(sport=53, dport=53))
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=123, s=0) / MPLS(label=100, s=1) / IPv6() / TCP())
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=5, s=0) / MPLS(label=6, s=0) / MPLS(label=7, s=1) / IP() / ICMP())
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=100, s=1) / IPv6(src="2001:db8::1", dst="2001:db8::2") / UDP())
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=8, s=1) / IP(src="10.10.0.3", dst="10.10.0.4") / TCP(sport=25, dport=25))
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=8, s=1) / IP(src="10.10.0.5", dst="10.10.0.6") / ICMP())
# --- VLAN
p.append(E() / Dot1Q(vlan=10) / IP(src="10.11.0.1", dst="10.11.0.2") / UDP(sport=7, dport=7))
p.append(E() / Dot1Q(vlan=4095) / ARP(psrc="192.168.9.9", pdst="192.168.9.10"))
p.append(Ether(src=A, dst=B, type=0x88a8) / Dot1Q(vlan=10, type=0x8100) / Dot1Q(vlan=20) / IP() / TCP())
p.append(E() / Dot1Q(vlan=10) / Dot1Q(vlan=30) / Raw(b"\x00" * 40))
p.append(E() / Dot1Q(vlan=10, type=0x8847) / MPLS(label=100, s=1) / IP() / UDP())
# --- Geneve and VXLAN, over IPv4 and IPv6
gp = 6081
p.append(E() / IP(src="10.12.0.1", dst="10.12.0.2") / UDP(sport=1000, dport=gp) / Raw(geneve(12345, 0x6558, inner_tcp)))
p.append(E() / IP(src="10.12.0.1", dst="10.12.0.2") / UDP(sport=1000, dport=gp) / Raw(geneve(10, 0x6558, inner_icmp, optlen=2)))
p.append(E() / IP(src="10.12.0.1", dst="10.12.0.2") / UDP(sport=1000, dport=gp) / Raw(geneve(11, 0x0800, inner_ip)))
p.append(E() / IP(src="10.12.0.1", dst="10.12.0.2") / UDP(sport=1000, dport=gp) / Raw(geneve(12345, 0x6558, inner_tcp, ver=1)))
p.append(E() / IPv6(src="2001:db8::c", dst="2001:db8::d") / UDP(sport=1000, dport=gp) / Raw(geneve(10, 0x6558, inner_tcp)))
p.append(E() / IPv6(src="2001:db8::c", dst="2001:db8::d") / UDP(sport=1000, dport=gp) / Raw(geneve(12345, 0x86dd, IPv6() / TCP(sport=22))))
outer_inner = Ether(src=M3, dst=M1) / IP(src="10.13.0.1", dst="10.13.0.2") / UDP(sport=2000, dport=gp) / Raw(geneve(11, 0x6558, inner_icmp))
p.append(E() / IP(src="10.12.0.1", dst="10.12.0.2") / UDP(sport=1000, dport=gp) / Raw(geneve(10, 0x6558, outer_inner)))
p.append(E() / IP(src="10.12.0.1", dst="10.12.0.2") / UDP(sport=gp, dport=1000) / Raw(geneve(10, 0x6558, inner_tcp)))
vp = 4789
p.append(E() / IP(src="10.14.0.1", dst="10.14.0.2") / UDP(sport=1000, dport=vp) / Raw(vxlan(100, inner_icmp)))
p.append(E() / IP(src="10.14.0.1", dst="10.14.0.2") / UDP(sport=1000, dport=vp) / Raw(vxlan(101, inner_tcp)))
p.append(E() / IP(src="10.14.0.1", dst="10.14.0.2") / UDP(sport=1000, dport=vp) / Raw(vxlan(100, inner_tcp, flags=0x0c)))
p.append(E() / IPv6(src="2001:db8::e", dst="2001:db8::f") / UDP(sport=1000, dport=vp) / Raw(vxlan(100, inner_icmp)))
# --- combinations: tags before 802.3, PPPoE, DECnet and extension headers; tunnels around
# tags, labels, sessions and 802.3; a label stack around a tunnel
p.append(raw_ether(B, A, 0x8100, b"\x00\x0a" + struct.pack("!H", 38) + llc(0x42, 0x42, 0x03, b"\x00" * 35)))
p.append(raw_ether(B, A, 0x8100, b"\x00\x0a" + struct.pack("!H", 44) + b"\xff\xff" + b"\x00" * 42))
p.append(raw_ether(B, A, 0x8100, b"\x00\x0a" + struct.pack("!H", 48) + snap(0x080007, 0x809b, b"\x00" * 40)))
p.append(raw_ether(B, A, 0x8100, b"\x00\x0a\x60\x03" + decnet(True, 1, (50 << 10) | 764, 7)))
p.append(raw_ether(B, A, 0x8100, b"\x00\x0a\x88\x64" + pppoes(1234, 0x0021, IP(src="10.8.1.1", dst="10.8.1.2") / UDP(sport=53, dport=53))))
p.append(E() / Dot1Q(vlan=10) / IPv6(src="2001:db8::5", dst="2001:db8::6") / IPv6ExtHdrHopByHop() / TCP(sport=6, dport=6))
gen = lambda vni, proto, inner: E() / IP(src="10.15.0.1", dst="10.15.0.2") / UDP(sport=1, dport=6081) / Raw(geneve(vni, proto, inner))
p.append(gen(20, 0x6558, Ether(src=M1, dst=M2) / Dot1Q(vlan=10) / IP(src="10.16.0.1", dst="10.16.0.2") / TCP()))
p.append(gen(21, 0x8847, MPLS(label=100, s=1) / IP(src="10.16.0.3", dst="10.16.0.4") / UDP()))
p.append(gen(22, 0x6558, Ether(src=M1, dst=M2) / MPLS(label=100, s=1) / IP() / UDP()))
p.append(gen(23, 0x6558, raw_ether(M2, M1, 0x8864, pppoes(1234, 0x0021, IP(src="10.16.0.5", dst="10.16.0.6") / ICMP()))))
p.append(gen(24, 0x6558, dot3(llc(0x42, 0x42, 0x03, b"\x00" * 40), src=M1, dst=M2)))
p.append(gen(25, 0x6558, Ether(src=M1, dst="ff:ff:ff:ff:ff:ff") / ARP(psrc="10.16.0.7", pdst="10.16.0.8")))
p.append(Ether(src=A, dst=B, type=0x8847) / MPLS(label=100, s=1) / IP(src="10.17.0.1", dst="10.17.0.2") / UDP(sport=1, dport=6081) / Raw(geneve(30, 0x6558, inner_icmp)))
p.append(E(dst="ff:ff:ff:ff:ff:ff") / IP(src="10.18.0.1", dst="255.255.255.255") / UDP(sport=68, dport=67) / Raw(b"b" * 300))
p.append(E() / IP(src="10.18.0.1", dst="0.0.0.0") / UDP(sport=9, dport=9))
# --- short and odd frames
p.append(raw_ether(B, A, 0x0800, b"\x45\x00\x00\x14\x00\x00"))
p.append(raw_ether(B, A, 0x86dd, b"\x60\x00"))
p.append(raw_ether(B, A, 0x0010, b"\xfe\xfe"))

for i, pkt in enumerate(p):
    pkt.time = i + 1
wrpcap(sys.argv[1], p)
print(len(p))
