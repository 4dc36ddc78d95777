/**
 * The overlays and encapsulations (issue 15 family 3) against tcpdump and tshark: every overlay
 * sample, and frames built by scapy, print as tcpdump 4.99 prints them (default, -v, -e), and
 * their NDJSON agrees with tshark's fields.
 *
 * tcpdump starts a VXLAN frame's inner packet on a line of its own, and with -v puts tunnels'
 * inner packets, MPLS labels and PPP options on tab-indented lines; rawcap keeps one line per
 * frame, so tcpdump's text is joined here as the README says: a new line becomes `: ` (after
 * MPLS labels a space, as the default line has it).
 */
import assert from "node:assert/strict";
import { toJsonRecord } from "../src/format/json_record.ts";
import { formatText, type TextOptions } from "../src/format/text.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { haveScapy, pcapBytes, readPcap } from "./helpers/frames.ts";
import { overlaySamples } from "./helpers/overlay_frames.ts";
import { hasTool } from "./helpers/tools.ts";

// deno-lint-ignore no-explicit-any
type Obj = Record<string, any>;

const T0 = 1_700_000_000_000_000_000n;

function record(data: Uint8Array, len: number, i: number): PacketRecord {
  return {
    ts: T0 + BigInt(i) * 1_000_000n,
    iface: "",
    ifindex: 0,
    len,
    caplen: data.length,
    direction: "unknown",
    data,
  };
}

/** tcpdump's text of `file`, one string per frame, joined onto one line as rawcap prints it. */
export function tcpdumpFrames(file: string, flags: string[]): string[] {
  const out = new Deno.Command("tcpdump", {
    args: ["-n", ...flags, "-r", file],
    env: { TZ: "UTC" },
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  assert.ok(out.success, "tcpdump ran");
  return new TextDecoder().decode(out.stdout).trimEnd()
    .split(/\n(?=\d\d:\d\d:\d\d\.\d{6} )/)
    .map((f) => {
      const mpls = /^\S+ (\S+ )?MPLS /.test(f) || f.includes(" MPLS (");
      if (f.includes("PPPoE")) f = f.replace(/\n\t */g, ", ");
      if (f.includes(": sctp")) f = f.replace(/\n\t\t/g, "");
      return f.replace(/\n {4}/g, " ")
        .replace(/\n\t(?=\(label )/g, " ")
        .replace(/\n\t/g, mpls ? " " : ": ")
        .replace(/\n/g, ": ")
        .replace(/(?:[:,]? )+$/, "");
    });
}

const MODES: [string[], TextOptions][] = [
  [[], {}],
  [["-v"], { verbose: 1 }],
  [["-e"], { link: true }],
  [["-e", "-v"], { link: true, verbose: 1 }],
];

/** Compares rawcap's text of `frames` with tcpdump's in every mode. */
function compare(file: string, frames: { name: string; data: Uint8Array; len: number }[]) {
  let compared = 0;
  for (const [flags, opts] of MODES) {
    const theirs = tcpdumpFrames(file, flags);
    assert.equal(theirs.length, frames.length, flags.join(" "));
    frames.forEach((f, i) => {
      let ours = formatText(record(f.data, f.len, i), { ...opts, tsFormat: "none" });
      if (!opts.link) ours = ours.replace(/^(vlan \d+ )+/, "");
      assert.equal(ours, theirs[i].replace(/^\S+ +/, ""), `${flags.join(" ")} ${f.name}`);
      compared++;
    });
  }
  return compared;
}

Deno.test({
  name: "overlay samples print as tcpdump prints them (default, -v, -e)",
  ignore: !hasTool("tcpdump"),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const s = overlaySamples();
      const file = dir + "/overlay.pcap";
      Deno.writeFileSync(
        file,
        pcapBytes(s.map((x, i) => ({ data: x.data, len: x.len, ts: T0 + BigInt(i) * 1_000_000n }))),
      );
      const n = compare(file, s.map((x) => ({ ...x, len: x.len ?? x.data.length })));
      assert.ok(n >= 4 * s.length);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

/** Frames built by scapy (an independent builder), one family after the other. */
const SCAPY = `
import sys
from scapy.all import *
from scapy.contrib.geneve import GENEVE, GeneveOptions
from scapy.layers.vxlan import VXLAN
E = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
O = E/IP(src="192.0.2.1", dst="192.0.2.2")
O6 = E/IPv6(src="2001:db8::1", dst="2001:db8::2")
inner = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:00:0b")/IP(src="10.0.0.1", dst="10.0.0.2")/ICMP(id=1, seq=1)/b"ping"
dnsq = Ether(src="02:00:00:00:00:0a", dst="02:00:00:00:00:0b")/Dot1Q(vlan=30)/IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=1234, dport=53)/DNS(rd=1, qd=DNSQR(qname="a.example."))
p = []
p.append(O/UDP(sport=50000, dport=4789)/VXLAN(vni=100)/inner)
p.append(O/UDP(sport=50001, dport=4789)/VXLAN(vni=4096, flags=0x08)/dnsq)
p.append(O6/UDP(sport=50002, dport=4789)/VXLAN(vni=7)/inner)
p.append(O/UDP(sport=50003, dport=6081)/GENEVE(vni=200, proto=0x6558)/inner)
p.append(O/UDP(sport=50004, dport=6081)/GENEVE(vni=201, proto=0x0800)/IP(src="10.1.0.1", dst="10.1.0.2")/UDP(sport=1, dport=2)/b"xx")
p.append(O/UDP(sport=50005, dport=6081)/GENEVE(vni=0xabcdef, proto=0x6558, critical=1, options=[GeneveOptions(classid=0x0102, type=0x80, data=b"\\x00\\x01\\x00\\x02"), GeneveOptions(classid=0xfff3, type=1, data=b"")])/inner)
p.append(O6/UDP(sport=50006, dport=6081)/GENEVE(vni=5, proto=0x86dd)/IPv6(src="2001:db8:1::1", dst="2001:db8:1::2")/ICMPv6EchoRequest(id=3, seq=4))
from scapy.contrib.mpls import MPLS
M = Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
p.append(M/MPLS(label=100, cos=0, s=1, ttl=64)/IP(src="10.0.0.1", dst="10.0.0.2")/ICMP()/b"x")
p.append(M/MPLS(label=16, cos=5, s=0, ttl=255)/MPLS(label=200, cos=0, s=1, ttl=63)/IP(src="10.0.0.1", dst="10.0.0.2")/UDP(sport=1, dport=2)/b"xx")
p.append(M/MPLS(label=300, s=1, ttl=10)/IPv6(src="2001:db8::1", dst="2001:db8::2")/UDP(sport=1, dport=2)/b"x")
p.append(M/MPLS(label=1, s=0, ttl=1)/MPLS(label=0, s=1, ttl=9)/IP(src="10.0.0.1", dst="10.0.0.2")/TCP(sport=1, dport=2))
from scapy.layers.ppp import *
B = Ether(src="02:00:00:00:00:01", dst="ff:ff:ff:ff:ff:ff")
p.append(B/PPPoED(code=0x09)/PPPoED_Tags(tag_list=[PPPoETag(tag_type=0x0101, tag_value=b""), PPPoETag(tag_type=0x0103, tag_value=b"\x12\x34\x56\x78")]))
p.append(M/PPPoED(code=0x07)/PPPoED_Tags(tag_list=[PPPoETag(tag_type=0x0101, tag_value=b"isp"), PPPoETag(tag_type=0x0102, tag_value=b"bras-1"), PPPoETag(tag_type=0x0103, tag_value=b"\x01\x02\x03\x04")]))
p.append(M/PPPoED(code=0x65, sessionid=0x1234)/PPPoED_Tags(tag_list=[PPPoETag(tag_type=0x0101, tag_value=b"isp")]))
p.append(M/PPPoED(code=0xa7, sessionid=0x1234))
p.append(M/PPPoE(sessionid=0x1234)/PPP(proto=0xc021)/PPP_LCP_Configure(code=1, id=1, options=[PPP_LCP_MRU_Option(max_recv_unit=1492), PPP_LCP_Magic_Number_Option(magic_number=0x11223344)]))
p.append(M/PPPoE(sessionid=0x1234)/PPP(proto=0x8021)/PPP_IPCP(code=1, id=2, options=[PPP_IPCP_Option_IPAddress(data="0.0.0.0")]))
p.append(M/PPPoE(sessionid=0x1234)/PPP(proto=0x0021)/IP(src="100.64.0.2", dst="8.8.8.8")/ICMP()/b"x")
p.append(M/PPPoE(sessionid=0x1234)/PPP(proto=0x0057)/IPv6(src="2001:db8::1", dst="2001:db8::2")/ICMPv6EchoRequest())
p.append(M/PPPoE(sessionid=0x1234)/PPP(proto=0xc021)/PPP_LCP_Echo(code=9, id=3, magic_number=0x11223344))
p.append(M/PPPoE(sessionid=0x1234)/PPP(proto=0xc021)/PPP_LCP_Terminate(code=5, id=4))
from scapy.contrib.erspan import ERSPAN_II, ERSPAN_III
G = O/GRE(proto=0x88be, seqnum_present=1, sequence_number=5)
p.append(G/ERSPAN_II(ver=1, session_id=10, vlan=0, index=7)/inner)
p.append(O/GRE(proto=0x88be, seqnum_present=1, sequence_number=6)/ERSPAN_II(ver=1, session_id=11, vlan=30, cos=3, en=3, index=5)/dnsq)
p.append(O/GRE(proto=0x22eb, seqnum_present=1, sequence_number=7)/ERSPAN_III(ver=2, session_id=12, vlan=0, timestamp=0x12345678, gra=3, hw=1)/inner)
from scapy.layers.ipsec import ESP, AH
p.append(O/ESP(spi=0x1001, seq=1)/(b"\\x11"*40))
p.append(O6/ESP(spi=0x1002, seq=2)/(b"\\x22"*40))
p.append(O/AH(spi=0x2001, seq=3, icv=b"\\xaa"*12, nh=6, payloadlen=4)/TCP(sport=1, dport=2, flags="S", seq=1000))
p.append(O6/AH(spi=0x2002, seq=4, icv=b"\\xbb"*12, nh=58, payloadlen=4)/ICMPv6EchoRequest(id=1, seq=1))
p.append(O/AH(spi=0x2004, seq=6, icv=b"", nh=1, payloadlen=1)/ICMP())
p.append(O/UDP(sport=4500, dport=4500)/ESP(spi=0x3001, seq=9)/(b"\\x33"*20))
from scapy.layers.sctp import *
p.append(O/SCTP(sport=5000, dport=5001, tag=0)/SCTPChunkInit(init_tag=0x11223344, a_rwnd=65536, n_out_streams=10, n_in_streams=10, init_tsn=1000))
p.append(O/SCTP(sport=5001, dport=5000, tag=0x11223344)/SCTPChunkInitAck(init_tag=0x55667788, a_rwnd=65536, n_out_streams=5, n_in_streams=5, init_tsn=2000))
p.append(O/SCTP(sport=5000, dport=5001, tag=0x55667788)/SCTPChunkCookieEcho(cookie=b"c"*8))
p.append(O/SCTP(sport=5000, dport=5001, tag=0x55667788)/SCTPChunkData(tsn=1000, stream_id=1, stream_seq=0, proto_id=46, data=b"hello", beginning=1, ending=1)/SCTPChunkSACK(cumul_tsn_ack=2000, a_rwnd=65536))
p.append(O/SCTP(sport=5000, dport=5001, tag=0x55667788)/SCTPChunkData(tsn=1001, stream_id=2, stream_seq=1, proto_id=3, data=b"m3ua", unordered=1))
p.append(O/SCTP(sport=5000, dport=5001, tag=0x55667788)/SCTPChunkSACK(cumul_tsn_ack=2000, a_rwnd=100, gap_ack_list=["2:3", "5:9"], dup_tsn_list=[1999])/SCTPChunkCookieAck())
p.append(O6/SCTP(sport=5000, dport=5001, tag=0x55667788)/SCTPChunkShutdown(cumul_tsn_ack=5)/SCTPChunkShutdownAck())
wrpcap(sys.argv[1], p)
`;

function scapyFile(dir: string): string {
  const file = dir + "/scapy.pcap";
  const out = new Deno.Command("/usr/bin/python3", {
    args: ["-c", SCAPY, file],
    stdout: "null",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return file;
}

Deno.test({
  name: "overlay frames built by scapy print as tcpdump prints them",
  ignore: !hasTool("tcpdump") || !haveScapy(),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const file = scapyFile(dir);
      const recs = readPcap(Deno.readFileSync(file));
      compare(file, recs.map((r, i) => ({ name: "scapy " + (i + 1), data: r.data, len: r.len })));
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

/** tshark fields, per frame, `|`-joined occurrences split into arrays. */
function tshark(file: string, fields: string[]): string[][][] {
  const out = new Deno.Command("tshark", {
    args: ["-r", file, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|"]
      .concat(fields.flatMap((f) => ["-e", f])),
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  assert.ok(out.success, "tshark ran");
  return new TextDecoder().decode(out.stdout).replace(/\n$/, "").split("\n")
    .map((row) => row.split("\t").map((c) => (c === "" ? [] : c.split("|"))));
}

const num = (s: string) => (s.startsWith("0x") ? parseInt(s, 16) : Number(s));

/** Our NDJSON value for each tshark field. */
const FIELDS: [string, (r: Obj) => number[]][] = [
  ["vxlan.flags", (r) => (r.vxlan ? [r.vxlan.flags] : [])],
  ["vxlan.vni", (r) => (r.vxlan ? [r.vxlan.vni] : [])],
  ["geneve.vni", (r) => (r.geneve ? [r.geneve.vni] : [])],
  ["geneve.proto_type", (r) => (r.geneve ? [r.geneve.proto] : [])],
  ["geneve.flags", (r) => (r.geneve ? [r.geneve.flags] : [])],
  ["mpls.label", (r) => (r.mpls ?? []).map((m: Obj) => m.label)],
  ["mpls.exp", (r) => (r.mpls ?? []).map((m: Obj) => m.tc)],
  ["mpls.bottom", (r) => (r.mpls ?? []).map((m: Obj) => m.s)],
  ["mpls.ttl", (r) => (r.mpls ?? []).map((m: Obj) => m.ttl)],
  ["pppoe.code", (r) => (r.pppoe ? [r.pppoe.code] : [])],
  ["pppoe.session_id", (r) => (r.pppoe ? [r.pppoe.session] : [])],
  ["pppoe.payload_length", (r) => (r.pppoe ? [r.pppoe.len] : [])],
  ["ppp.protocol", (r) => (r.ppp ? [r.ppp.proto] : [])],
  ["ppp.code", (r) => (r.ppp?.code !== undefined ? [r.ppp.code] : [])],
  ["ppp.identifier", (r) => (r.ppp?.id !== undefined ? [r.ppp.id] : [])],
  ["erspan.version", (r) => (r.erspan ? [r.erspan.version] : [])],
  ["erspan.vlan", (r) => (r.erspan ? [r.erspan.vlan] : [])],
  ["erspan.cos", (r) => (r.erspan ? [r.erspan.cos] : [])],
  ["erspan.spanid", (r) => (r.erspan ? [r.erspan.session] : [])],
  ["erspan.index", (r) => (r.erspan?.index !== undefined ? [r.erspan.index] : [])],
  ["erspan.timestamp", (r) => (r.erspan?.timestamp !== undefined ? [r.erspan.timestamp] : [])],
  ["erspan.hw", (r) => (r.erspan?.hw !== undefined ? [r.erspan.hw] : [])],
  ["esp.spi", (r) => (r.esp ? [r.esp.spi] : [])],
  ["esp.sequence", (r) => (r.esp ? [r.esp.seq] : [])],
  ["ah.spi", (r) => (r.ah ? [r.ah.spi] : r.ipv6?.ext?.includes(51) ? [-2] : [])],
  ["ah.sequence", (r) => (r.ah ? [r.ah.seq] : r.ipv6?.ext?.includes(51) ? [-2] : [])],
  ["sctp.srcport", (r) => (r.sctp ? [r.sctp.sport] : [])],
  ["sctp.dstport", (r) => (r.sctp ? [r.sctp.dport] : [])],
  ["sctp.verification_tag", (r) => (r.sctp ? [r.sctp.tag] : [])],
  ["sctp.chunk_type", (r) => (r.sctp ? r.sctp.chunks.map((c: Obj) => c.type) : [])],
  ["sctp.chunk_length", (r) => (r.sctp ? r.sctp.chunks.map((c: Obj) => c.len) : [])],
  [
    "sctp.init_initiate_tag",
    (r) => (r.sctp?.chunks[0]?.type === 1 ? [r.sctp.initTag] : []),
  ],
  [
    "sctp.initack_initiate_tag",
    (r) => (r.sctp?.chunks[0]?.type === 2 ? [r.sctp.initTag] : []),
  ],
  ["geneve.option.class", (r) => (r.geneve?.options ? Array(r.geneve.options).fill(-1) : [])],
];

Deno.test({
  name: "overlay NDJSON agrees with tshark",
  ignore: !hasTool("tshark") || !haveScapy(),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const file = scapyFile(dir);
      const recs = readPcap(Deno.readFileSync(file));
      const rows = tshark(file, FIELDS.map(([f]) => f));
      assert.equal(rows.length, recs.length);
      recs.forEach((r, i) => {
        const j = toJsonRecord(record(r.data, r.len, i)) as Obj;
        FIELDS.forEach(([name, ours], c) => {
          const want = ours(j);
          const got = rows[i][c].map(num);
          // Counts only: tshark lists each option's class, we count them.
          if (want.length && want[0] === -1) assert.equal(got.length, want.length, name);
          // IPv6 AH is an extension header in our NDJSON (ipv6.ext): tshark's value is there.
          else if (want.length && want[0] === -2) assert.equal(got.length, 1, name);
          else assert.deepEqual(got, want, `frame ${i + 1}: ${name}`);
        });
      });
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
