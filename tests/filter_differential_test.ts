/**
 * Differential tests: for a broad list of expressions, the compiled program run by our VM selects
 * exactly the frames tcpdump selects from the same capture file. The capture is built with scapy.
 */

import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compileFilter } from "../src/filter/mod.ts";

const GENERATOR = `
import sys
from scapy.all import Ether, IP, IPv6, TCP, UDP, ICMP, ARP, Dot1Q, Dot3, LLC, STP, Raw, wrpcap, IPOption_RR, IPv6ExtHdrFragment, ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6ND_NS, DNS, DNSQR, SCTP, IPerror, UDPerror
from scapy.contrib.igmp import IGMP
from scapy.contrib.mpls import MPLS
A = "00:11:22:33:44:55"; B = "66:77:88:99:aa:bb"; C = "02:00:00:00:00:0c"
def E(src=A, dst=B, **kw): return Ether(src=src, dst=dst, **kw)
def Q(vid, tpid=0x8100): return Dot1Q(vlan=vid, prio=vid % 8)
p = []
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=12345, dport=80, flags="S"))
p.append(E(B, A)/IP(src="10.0.0.2", dst="10.0.0.1")/TCP(sport=80, dport=12345, flags="SA"))
p.append(E()/IP(src="192.168.1.10", dst="93.184.216.34")/TCP(sport=40000, dport=443, flags="PA")/Raw(b"x"*100))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=12345, dport=80, flags="F"))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=12345, dport=80, flags="R"))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=22, dport=1022, flags="UAEC"))
p.append(E()/IP(src="10.0.0.1", dst="8.8.8.8")/UDP(sport=5353, dport=53)/DNS(rd=1, qd=DNSQR(qname="example.com")))
p.append(E(B, A)/IP(src="8.8.8.8", dst="10.0.0.1")/UDP(sport=53, dport=5353)/DNS(qr=1, qd=DNSQR(qname="example.com")))
p.append(E()/IP(src="1.2.3.4", dst="5.6.7.8")/UDP(sport=1000, dport=2000)/Raw(b"\\x01\\x01\\x01\\x01" * 4))
p.append(E()/IP(src="10.1.2.3", dst="10.9.9.9")/ICMP(type=8, id=1, seq=1)/Raw(b"ping"))
p.append(E(B, A)/IP(src="10.9.9.9", dst="10.1.2.3")/ICMP(type=0, id=1, seq=1)/Raw(b"ping"))
p.append(E()/IP(src="172.16.5.4", dst="10.0.0.1")/ICMP(type=3, code=3)/IPerror(src="10.0.0.1", dst="172.16.5.4")/UDPerror(sport=33434, dport=33435))
p.append(E(dst="33:33:00:00:00:01")/IPv6(src="fe80::1", dst="ff02::1")/ICMPv6EchoRequest())
p.append(E()/IPv6(src="2001:db8::2", dst="2001:db8::1")/ICMPv6EchoReply())
p.append(E(dst="33:33:ff:00:00:02")/IPv6(src="fe80::1", dst="ff02::1:ff00:2")/ICMPv6ND_NS(tgt="fe80::2"))
p.append(E(dst="ff:ff:ff:ff:ff:ff")/ARP(op=1, hwsrc=A, psrc="10.0.0.1", pdst="10.0.0.2"))
p.append(E(B, A)/ARP(op=2, hwsrc=B, psrc="10.0.0.2", hwdst=A, pdst="10.0.0.1"))
p.append(E(dst="ff:ff:ff:ff:ff:ff", type=0x8035)/ARP(op=3, hwsrc=A, psrc="1.2.3.4", pdst="5.6.7.8"))
p.append(E()/IPv6(src="fe80::1", dst="fe80::2")/TCP(sport=50000, dport=22, flags="S"))
p.append(E()/IPv6(src="2001:db8::1", dst="2001:db8::2")/UDP(sport=40001, dport=53)/Raw(b"q"))
p.append(E()/IPv6(src="2001:db8::1", dst="2001:db8::2")/IPv6ExtHdrFragment(nh=17, offset=0, m=1)/UDP(sport=40002, dport=53)/Raw(b"f"*16))
p.append(E()/IP(src="10.0.0.5", dst="10.0.0.6", flags="MF", frag=0, proto=17)/UDP(sport=53, dport=1053)/Raw(b"a"*40))
p.append(E()/IP(src="10.0.0.5", dst="10.0.0.6", frag=185, proto=17)/Raw(b"\\x00\\x35\\x00\\x35" + b"b"*40))
p.append(E()/Q(100)/IP(src="10.100.0.1", dst="10.100.0.2")/UDP(sport=5000, dport=53)/Raw(b"v100"))
p.append(E()/Q(200)/IP(src="10.200.0.1", dst="10.200.0.2")/TCP(sport=1234, dport=80, flags="S"))
p.append(E()/Q(300)/IP(src="10.30.0.1", dst="10.30.0.2")/ICMP(type=8))
p.append(Ether(src=A, dst=B, type=0x88a8)/Dot1Q(vlan=100, type=0x8100)/Dot1Q(vlan=200)/IP(src="10.12.0.1", dst="10.12.0.2")/UDP(sport=7, dport=53))
p.append(E()/Q(200)/Q(300)/IP(src="10.23.0.1", dst="10.23.0.2")/TCP(sport=443, dport=5555, flags="A"))
p.append(E()/Q(100)/IPv6(src="2001:db8:100::1", dst="2001:db8:100::2")/UDP(sport=53, dport=53))
p.append(E(dst="ff:ff:ff:ff:ff:ff")/Q(100)/ARP(op=1, psrc="10.100.0.1", pdst="10.100.0.9"))
p.append(Ether(src=A, dst=B, type=0x9100)/Dot1Q(vlan=300)/IP(src="10.3.0.1", dst="10.3.0.2")/UDP(sport=9, dport=9))
p.append(E()/Q(0)/IP(src="10.0.0.7", dst="10.0.0.8")/TCP(sport=80, dport=8080, flags="S"))
p.append(E(dst="ff:ff:ff:ff:ff:ff")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67)/Raw(b"d"*240))
p.append(E(dst="01:00:5e:00:00:fb")/IP(src="192.168.1.20", dst="224.0.0.251")/UDP(sport=5353, dport=5353)/Raw(b"m"))
p.append(E(dst="01:00:5e:00:00:16")/IP(src="192.168.1.20", dst="224.0.0.22", ttl=1)/IGMP(type=0x16, gaddr="239.1.1.1"))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_RR()])/TCP(sport=2222, dport=80, flags="S"))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2", options=[IPOption_RR()])/UDP(sport=999, dport=53)/Raw(b"o"))
p.append(E(type=0x0800)/Raw(b"\\x45\\x00\\x00\\x14\\x00\\x00"))
p.append(E(type=0x86dd)/Raw(b"\\x60\\x00"))
p.append(Ether(src=C, dst="01:80:c2:00:00:00")/LLC(dsap=0x42, ssap=0x42, ctrl=3)/STP())
p.append(E()/IP(src="203.0.113.5", dst="198.51.100.7")/UDP(sport=4000, dport=4001)/Raw(b"z"*1400))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2")/SCTP(sport=5000, dport=5001))
p.append(E(src=C)/IP(src="10.0.0.3", dst="10.0.0.4", tos=0x10, ttl=3)/TCP(sport=3000, dport=443, flags="SE"))
p.append(Ether(src=A, dst=B, type=0x8847)/MPLS(label=5, s=0)/MPLS(label=7, s=1)/IP(src="10.5.0.1", dst="10.5.0.2")/UDP(sport=1, dport=53))
p.append(Ether(src=A, dst=B, type=0x8847)/MPLS(label=16, s=1)/IP(src="10.16.0.1", dst="10.16.0.2")/TCP(sport=80, dport=81))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2", proto=47)/Raw(b"\\x00\\x00\\x08\\x00"))
p.append(E()/IPv6(src="::1", dst="::1")/TCP(sport=8080, dport=8081))
p.append(E()/IPv6(src="fe80::abcd", dst="2001:db8::5")/IPv6ExtHdrFragment(nh=6, offset=0, m=1)/TCP(sport=80, dport=9))
p.append(E()/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=12345, dport=80, flags="PA")/Raw(b"GET / HTTP/1.1\\r\\n\\r\\n"))
for i, pkt in enumerate(p):
    pkt.time = i + 1
wrpcap(sys.argv[1], p)
print(len(p))
`;

async function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; stdout: Uint8Array; stderr: string }> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    return { code: out.code, stdout: out.stdout, stderr: new TextDecoder().decode(out.stderr) };
  } catch {
    return { code: -1, stdout: new Uint8Array(), stderr: `${cmd} not runnable` };
  }
}

async function findScapyPython(): Promise<string | undefined> {
  for (const py of ["/usr/bin/python3", "python3"]) {
    if ((await run(py, ["-c", "import scapy.all"])).code === 0) return py;
  }
  return undefined;
}

const tcpdumpOk = (await run("tcpdump", ["--version"])).code === 0;
const python = await findScapyPython();
const missing = [!tcpdumpOk && "tcpdump", !python && "python3 with scapy"].filter(Boolean);
if (missing.length > 0) {
  console.warn(`filter differential tests ignored: ${missing.join(" and ")} not available`);
}

/** One frame of a classic pcap file. */
export interface PcapFrame {
  tsSec: number;
  origLen: number;
  data: Uint8Array;
}

/** Read a classic (microsecond or nanosecond) pcap file. */
export function readPcap(bytes: Uint8Array): PcapFrame[] {
  if (bytes.length < 24) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const frames: PcapFrame[] = [];
  for (let at = 24; at + 16 <= bytes.length;) {
    const tsSec = view.getUint32(at, le);
    const incl = view.getUint32(at + 8, le);
    const origLen = view.getUint32(at + 12, le);
    frames.push({ tsSec, origLen, data: bytes.slice(at + 16, at + 16 + incl) });
    at += 16 + incl;
  }
  return frames;
}

/** The expressions compared with tcpdump. */
export const EXPRESSIONS = [
  "",
  "tcp",
  "udp",
  "icmp",
  "icmp6",
  "ip",
  "ip6",
  "arp",
  "rarp",
  "sctp",
  "igmp",
  "host 10.0.0.1",
  "src host 10.0.0.1",
  "dst host 10.0.0.2",
  "src and dst host 10.0.0.1",
  "src or dst host 8.8.8.8",
  "ip host 10.0.0.2",
  "arp host 10.0.0.2",
  "rarp host 5.6.7.8",
  "host 10.0.0.1 or 8.8.8.8",
  "host 10.0.0.1 and not 10.0.0.2",
  "net 10.0.0.0/8",
  "net 10",
  "net 10.1",
  "src net 192.168.0.0/16",
  "dst net 10.0.0.0 mask 255.255.255.0",
  "net 172.16.0.0/12 or net 203.0.113.0/24",
  "host ::1",
  "ip6 host fe80::1",
  "src host 2001:db8::1",
  "net fe80::/10",
  "dst net 2001:db8::/32",
  "ip6 net ff02::/16",
  "port 53",
  "port 80",
  "tcp port 80",
  "udp port 53",
  "src port 53",
  "dst port 53",
  "tcp dst port 443",
  "port 80 or 443",
  "tcp port 80 and not 22",
  "udp and not port 53",
  "portrange 1-1024",
  "tcp portrange 1000-2000",
  "udp src portrange 5000-6000",
  "ip6 and udp port 53",
  "ip and port 53",
  "sctp port 5000",
  "port 0x50",
  "port 065",
  "port domain or port http",
  "ether host 00:11:22:33:44:55",
  "ether src 02:00:00:00:00:0c",
  "ether dst 66:77:88:99:aa:bb",
  "ether broadcast",
  "ether multicast",
  "broadcast",
  "multicast",
  "ip broadcast",
  "ip multicast",
  "ip6 multicast",
  "ether proto \\ip",
  "ether proto \\arp",
  "ether proto 0x86dd",
  "ether proto 0x8847",
  "ip proto \\tcp",
  "ip proto 17",
  "ip proto 47",
  "ip6 proto 6",
  "ip6 proto 17",
  "proto 17",
  "proto \\icmp",
  "less 60",
  "greater 100",
  "len > 1000",
  "len - 14 > 100",
  "len >= 54 and len <= 58",
  "ip[8] < 5",
  "ip[8] = 64",
  "ip[0] & 0xf > 5",
  "ip[0] & 0xf != 5",
  "ip[2:2] > 100",
  "ip[2:2] - ((ip[0] & 0xf) << 2) > 30",
  "ip[9] = 17 and ip[6:2] & 0x1fff = 0",
  "ip[6] & 0x20 != 0",
  "ether[0] & 1 = 1",
  "ether[0] & 1 = 0",
  "ether[12:2] = 0x8100",
  "tcp[13] = 2",
  "tcp[tcpflags] & (tcp-syn|tcp-ack) != 0",
  "tcp[tcpflags] & tcp-syn != 0 and tcp[tcpflags] & tcp-ack = 0",
  "tcp[tcpflags] & (tcp-fin|tcp-rst) != 0",
  "tcp[tcpflags] & (tcp-urg|tcp-ece|tcp-cwr|tcp-push) != 0",
  "tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x47455420",
  "tcp[12] >> 4 > 5",
  "icmp[icmptype] == icmp-echo",
  "icmp[icmptype] = icmp-echoreply or icmp[icmptype] = icmp-unreach",
  "icmp[icmpcode] = 3",
  "icmp6[icmp6type] = icmp6-echo",
  "icmp6[icmp6type] = icmp6-neighborsolicit",
  "udp[8:4] = 0x01010101",
  "udp[2:2] = 53",
  "udp[4:2] > 100",
  "ip6[6] = 17",
  "arp[6:2] = 1",
  "ip[2:2] * 2 > 300",
  "ip[2:2] / 2 > 40",
  "ip[2:2] % 7 = 3",
  "ip[2:2] ^ 0xff > 0x100",
  "ip[1] | 0x10 = 0x10",
  "-ip[8] < 4294967232",
  "ip[2:2] > ip[0]",
  "ip[8] + ip[9] > 70",
  "vlan",
  "vlan 100",
  "vlan 200",
  "vlan 300",
  "vlan 0",
  "not vlan",
  "vlan and ip",
  "vlan and udp",
  "vlan 100 and udp",
  "vlan 100 and udp port 53",
  "vlan 100 and ip6",
  "vlan 100 and arp",
  "vlan 200 and tcp port 80",
  "vlan 100 and vlan 200",
  "vlan 100 and vlan 200 and udp",
  "vlan 200 and vlan 300 and tcp",
  "vlan and vlan",
  "vlan and vlan and ip",
  "vlan 100 or vlan 300",
  "vlan 300 and icmp",
  "vlan and host 10.100.0.1",
  "vlan and net 10.0.0.0/8 and port 53",
  "vlan and ip[8] = 64",
  "vlan and tcp[13] = 2",
  "udp and vlan 100",
  "udp or vlan 100",
  "port 80 or not vlan and udp",
  "not vlan and tcp",
  "mpls",
  "mpls 5",
  "mpls 16 and tcp",
  "mpls and mpls 7",
  "mpls and mpls and udp port 53",
  "tcp or udp or icmp",
  "not ip and not ip6",
  "not (tcp or udp)",
  "(tcp or udp) and not (port 80 or port 53)",
  "!tcp && (udp || icmp)",
  "ip and (ip[8] > 10 or ip[1] != 0)",
  "(ip[0] & 0xf) > 5",
  "(len - 14) > 100",
  "tcp and (src port 80 or dst port 443) and host 10.0.0.2",
  "host 10.0.0.1 and (port 80 or 443)",
  "ether src 00:11:22:33:44:55 and not arp and not ip6",
  "ip and not ip proto 6 and not udp",
  "greater 60 and less 80",
  "1 = 1",
  "1 = 2 or tcp",
  "portrange 53",
  "tcp port 80 or src 167772161",
  "dst port 53 or src 0x0a000001",
  "ether proto 0x42",
  "link[0] = 0x66",
  "ip6 src net fe80::/10",
  "dst host ff02::1",
  "ip6 dst host ff02::1:ff00:2",
  "ether dst ff:ff:ff:ff:ff:ff",
  "tcp src port 12345 and tcp dst port 80",
  "udp dst portrange 50-60",
  "src net 10.0.0.0/24 and dst net 10.0.0.0/24",
  "not host 10.0.0.1 and not host 10.0.0.2",
  "host 10.100.0.1",
  "ip[2:2] = len - 14",
  "tcp[0:2] = 80 or tcp[2:2] = 80",
  "icmp[0] = 8",
  "arp[7] = 2",
  "rarp[7] = 3",
  "vlan 100 and not udp",
  "vlan and not vlan",
  "not vlan 100",
  "vlan 100 or udp",
  "ip proto \\udp and vlan",
  "mpls 7",
  "mpls 5 and mpls 7 and ip",
  "mpls and ip6",
  "igmp or sctp",
  "ip6 proto 58",
  "ip6 and tcp port 22",
  "ip and tcp[13] & 0x12 = 0x12",
  "port 53 or 80 or 443 or 22",
  "host 10.0.0.1 or 10.0.0.2 or 8.8.8.8",
  "src host 10.0.0.1 or dst port 53",
  "dst net 10 or 192.168",
  "vlan 300 or vlan 200 and tcp",
  "ether host 66:77:88:99:aa:bb and (ip6 or arp)",
  "ip and ip[6:2] & 0x3fff != 0",
  "tcp and (tcp[tcpflags] & tcp-fin != 0 or tcp[tcpflags] & tcp-rst != 0)",
];

async function tcpdumpSelects(file: string, expr: string): Promise<number[] | string> {
  const args = ["-nn", "-r", file, "-w", "-"];
  if (expr !== "") args.push("--", expr);
  const out = await run("tcpdump", args);
  if (out.code !== 0) {
    if (/rejects all packets/.test(out.stderr)) return [];
    return out.stderr;
  }
  return readPcap(out.stdout).map((f) => f.tsSec - 1);
}

Deno.test({
  name: "filter: selects the same frames as tcpdump for every expression",
  ignore: missing.length > 0,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "rawcap-filter-" });
    try {
      const script = `${dir}/gen.py`;
      const file = `${dir}/frames.pcap`;
      await Deno.writeTextFile(script, GENERATOR);
      const gen = await run(python!, [script, file]);
      assertEquals(gen.code, 0, gen.stderr);
      const frames = readPcap(await Deno.readFile(file));
      if (frames.length < 40) throw new Error(`only ${frames.length} frames generated`);
      const failures: string[] = [];
      const expected = await Promise.all(EXPRESSIONS.map((e) => tcpdumpSelects(file, e)));
      EXPRESSIONS.forEach((expr, i) => {
        const want = expected[i];
        if (typeof want === "string") {
          failures.push(`tcpdump refused ${JSON.stringify(expr)}: ${want.trim()}`);
          return;
        }
        for (const optimize of [true, false]) {
          let got: number[];
          try {
            const f = compileFilter(expr, { optimize });
            got = frames.flatMap((fr, n) => (f.matches(fr.data, fr.origLen) ? [n] : []));
          } catch (e) {
            failures.push(`${JSON.stringify(expr)}: ${(e as Error).message}`);
            return;
          }
          if (got.join() !== want.join()) {
            const what = optimize ? "rawcap" : "rawcap unoptimized";
            failures.push(`${JSON.stringify(expr)}: ${what} [${got}] tcpdump [${want}]`);
          }
        }
      });
      assertEquals(failures, []);
      const partial = expected.filter((w) =>
        typeof w !== "string" && w.length > 0 && w.length < frames.length
      );
      if (partial.length < EXPRESSIONS.length * 0.8) {
        throw new Error(`only ${partial.length} expressions select a proper subset of the frames`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
