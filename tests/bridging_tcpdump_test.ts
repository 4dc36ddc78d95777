/**
 * Bridging and link control (issue 15 family 1), against tcpdump and tshark: frames built by
 * scapy (STP, RSTP, MSTP with MSTI records, PVST+, ...), printed by rawcap and by tcpdump with
 * the same flags. tcpdump's continuation lines under -v are rawcap's same line, a space apart.
 */
import assert from "node:assert/strict";
import { formatText, type TextOptions } from "../src/format/text.ts";
import { formatJson } from "../src/format/json.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { haveScapy, readPcap } from "./helpers/frames.ts";
import { hasTool } from "./helpers/tools.ts";

/** The corpus: scapy writes it to argv[1]. */
const PROGRAM = `import sys, struct
from scapy.all import *
load_contrib("lacp")
P = []
S = "00:11:22:33:44:55"
def pad(p):
    if Dot3 in p: p[Dot3].len = len(bytes(p[Dot3].payload))
    n = len(bytes(p))
    return p/Padding(load=b"\\0"*(60-n)) if n < 60 else p
def bid(prio, m): return struct.pack(">H", prio) + bytes.fromhex(m.replace(":", ""))
def stp(b, dst="01:80:c2:00:00:00"): return pad(Dot3(src=S, dst=dst)/LLC(dsap=0x42, ssap=0x42, ctrl=3)/Raw(b))
def mstp(n, name=b"region1", v3=None):
    b = struct.pack(">HBBB", 0, 3, 2, 0x7c) + bid(0x8000, "00:11:22:33:44:55") + struct.pack(">I", 2000) + bid(0x8000, "00:11:22:33:44:66") + struct.pack(">H", 0x8003)
    b += struct.pack(">HHHH", 0, 20*256, 2*256, 15*256) + b"\\0"
    b += struct.pack(">H", 64 + 16*n if v3 is None else v3) + b"\\0" + name.ljust(32, b"\\0") + struct.pack(">H", 3) + bytes(range(16)) + struct.pack(">I", 100) + bid(0x8000, "00:11:22:33:44:77") + b"\\x14"
    for i in range(n):
        b += bytes([0x7c if i == 0 else 0x01]) + bid(0x1000 + i + 1, "00:11:22:33:44:88") + struct.pack(">I", 200*(i+1)) + bytes([0x80, 0x90, 20 - i])
    return b
cfg = bytes(STP(rootid=32768, rootmac="00:11:22:33:44:55", pathcost=4, bridgeid=32768, bridgemac="00:11:22:33:44:66", portid=0x8001, age=1, maxage=20, hellotime=2, fwddelay=15))
rstp = bytes(STP(version=2, bpdutype=2, bpduflags=0x3c, rootid=4096, rootmac="00:11:22:33:44:55", pathcost=20000, bridgeid=8192, bridgemac="00:11:22:33:44:66", portid=0x8002, age=1, maxage=20, hellotime=2, fwddelay=15)) + b"\\0"
P.append(stp(cfg))
P.append(stp(bytes(STP(bpduflags=0x81, rootid=32768+100, rootmac="00:11:22:33:44:55", pathcost=19, bridgeid=32768+100, bridgemac="00:aa:bb:cc:dd:ee", portid=0x8010, age=1.5, maxage=20, hellotime=2, fwddelay=15))))
P.append(stp(b"\\0\\0\\0\\x80"))
P.append(stp(rstp))
P.append(stp(bytes(STP(version=2, bpdutype=2, bpduflags=0x0e, rootid=4096, rootmac="00:11:22:33:44:55", pathcost=0, bridgeid=4096, bridgemac="00:11:22:33:44:55", portid=0x8001, age=0, maxage=20, hellotime=2, fwddelay=15)) + b"\\0"))
P.append(stp(mstp(0)))
P.append(stp(mstp(2)))
P.append(stp(mstp(3, b"a\\x01b\\xe9")))
P.append(stp(mstp(1, b"x"*32)))
P.append(pad(Dot3(src=S, dst="01:00:0c:cc:cc:cd")/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(OUI=0xc, code=0x10b)/Raw(rstp[:-1] + b"\\0\\0\\0\\0\\x02\\0\\x0a")))
P.append(pad(Dot3(src=S, dst="01:00:0c:cc:cc:cd")/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(OUI=0xc, code=0x10b)/Raw(cfg + b"\\0\\0\\0\\0\\x02\\0\\x0a")))
P.append(pad(Ether(src=S, dst="01:80:c2:00:00:00", type=0x8100)/Dot1Q(vlan=5, type=len(cfg)+3)/LLC(dsap=0x42, ssap=0x42, ctrl=3)/Raw(cfg)))
P.append(stp(cfg[:10]))
P.append(stp(b"\\0\\x01\\0\\0\\0"))
P.append(stp(b"\\0\\0"))
P.append(stp(b"\\0\\0\\x07\\0\\0"))
P.append(stp(b"\\0\\0\\0\\x33\\0"))
P.append(stp(b"\\0\\0\\x02\\x00" + cfg[4:]))
P.append(stp(b"\\0\\0\\x00\\x02" + cfg[4:]))
P.append(stp(mstp(2)[:60]))
P.append(stp(mstp(2, v3=200)))
# Slow protocols: LACP and Marker (from index 21).
L = lambda: Ether(src=S, dst="01:80:c2:00:00:02")/SlowProtocol()
P.append(L()/LACP(actor_system="00:11:22:33:44:55", actor_key=13, actor_port_number=3, actor_port_priority=255, actor_system_priority=32768, actor_state=0x3d, partner_system="00:aa:bb:cc:dd:ee", partner_key=1, partner_port_number=7, partner_port_priority=128, partner_system_priority=65535, partner_state=0x05, collector_max_delay=5))
P.append(L()/LACP(actor_system="00:11:22:33:44:55", actor_key=13, actor_port_number=4, actor_state=0x47, partner_state=0xc2))
P.append(L()/MarkerProtocol(marker_type=1, requester_port=3, requester_system="00:11:22:33:44:55", requester_transaction_id=0x1234))
E = lambda: Ether(src=S, dst="01:80:c2:00:00:02", type=0x8809)
P.append(pad(E()/Raw(b"\\x02\\x01\\x02\\x10\\x00\\x03\\x00\\x11\\x22\\x33\\x44\\x55\\x00\\x00\\x12\\x34\\x00\\x00\\x00\\x00" + bytes(90))))
P.append(E()/Raw(b"\\x01"))
P.append(pad(E()/Raw(b"\\x01\\x01\\x01\\x05\\x01\\x02" + bytes(54))))
P.append(pad(E()/Raw(b"\\x01\\x01\\x01\\x01" + bytes(54))))
P.append(pad(E()/Raw(b"\\x01\\x01\\x07\\x06\\x01\\x02\\x03\\x04\\x00\\x00" + bytes(50))))
P.append(pad(E()/Raw(b"\\x03\\x00\\x00\\x00" + bytes(50))))
P.append(pad(E()/Raw(b"\\x09\\x00\\x00\\x00" + bytes(50))))
P.append(E()/Raw(b"\\x01\\x01\\x01\\x14\\x80\\x00"))
P.append(E()/Raw(b""))
P.append(pad(Ether(src=S, dst="01:80:c2:00:00:02")/Dot1Q(vlan=7)/SlowProtocol()/LACP(actor_key=2, actor_state=0x3f)))
# LLDP (from index 34).
def tlv(t, v): return struct.pack(">H", (t << 9) | len(v)) + v
def lldp(*tl, end=True): return pad(Ether(src=S, dst="01:80:c2:00:00:0e", type=0x88cc)/Raw(b"".join(tl) + (b"\\0\\0" if end else b"")))
ids = [tlv(1, b"\\x04" + bytes.fromhex("001122334455")), tlv(2, b"\\x05eth1"), tlv(3, b"\\x00\\x78")]
org = lambda oui, sub, data: tlv(127, oui + bytes([sub]) + data)
P.append(lldp(*ids, tlv(4, b"uplink port"), tlv(5, b"sw1.example"), tlv(6, b"Linux 6.1 \\xe9\\x01"), tlv(7, struct.pack(">HH", 0x14, 0x04)), tlv(8, b"\\x05\\x01\\xc0\\x00\\x02\\x01\\x02\\x00\\x00\\x00\\x03\\x00")))
P.append(lldp(*ids, org(b"\\x00\\x80\\xc2", 1, b"\\x00\\x64"), org(b"\\x00\\x80\\xc2", 3, b"\\x00\\x64\\x05users"), org(b"\\x00\\x80\\xc2", 3, b"\\x00\\xc8\\x04voip"), org(b"\\x00\\x80\\xc2", 2, b"\\x06\\x00\\x0a"), org(b"\\x00\\x80\\xc2", 4, b"\\x03abc"), org(b"\\x00\\x80\\xc2", 7, b"\\x03\\x00\\x00\\x00\\x05")))
P.append(lldp(*ids, org(b"\\x00\\x12\\x0f", 1, b"\\x03\\x6c\\x03\\x00\\x1e"), org(b"\\x00\\x12\\x0f", 1, b"\\x01\\xff\\xff\\x00\\x10"), org(b"\\x00\\x12\\x0f", 2, b"\\x0f\\x01\\x03"), org(b"\\x00\\x12\\x0f", 3, b"\\x01\\x00\\x00\\x00\\x07"), org(b"\\x00\\x12\\x0f", 4, b"\\x05\\xee"), org(b"\\x00\\x12\\x0f", 9, b"\\x01")))
P.append(lldp(tlv(1, b"\\x07sw1"), tlv(2, b"\\x03" + bytes.fromhex("001122334456")), tlv(3, b"\\x00\\x00"), tlv(5, b"core-2")))
P.append(lldp(tlv(1, b"\\x05\\x01\\x0a\\x00\\x00\\x01"), tlv(2, b"\\x04\\x02" + bytes(15) + b"\\x01"), tlv(3, b"\\x00\\x78"), tlv(8, b"\\x07\\x06" + bytes.fromhex("001122334455") + b"\\x03\\x00\\x00\\x00\\x01\\x03abc"), tlv(8, b"\\x05\\x03abcd\\x01\\x00\\x00\\x00\\x01")))
P.append(lldp(tlv(1, b"\\x00abc"), tlv(2, b"\\x09xyz"), tlv(9, b"xyz"), org(b"\\x00\\x01\\x42", 1, b"\\x00"), tlv(3, b"\\x00")))
P.append(lldp(*ids, tlv(5, b"name"), end=False))
P.append(lldp(*ids, tlv(5, b"long"), tlv(6, b"x" * 100)))
P.append(lldp(tlv(1, b"\\x04\\x00")))
P.append(pad(Ether(src=S, dst="01:80:c2:00:00:0e")/Dot1Q(vlan=9, type=0x88cc)/Raw(b"".join(ids) + tlv(5, b"tagged") + b"\\0\\0")))
# RARP and EAPOL (from index 44).
A = "00:aa:bb:cc:dd:ee"
P.append(pad(Ether(src=S, dst="ff:ff:ff:ff:ff:ff", type=0x8035)/ARP(op=3, hwsrc=S, hwdst=S, psrc="0.0.0.0", pdst="0.0.0.0")))
P.append(pad(Ether(src=A, dst=S, type=0x8035)/ARP(op=4, hwsrc=A, psrc="192.0.2.1", hwdst=S, pdst="192.0.2.77")))
P.append(Ether(src=S, dst="ff:ff:ff:ff:ff:ff", type=0x8035)/Raw(b"\\x00\\x01\\x08\\x00"))
P.append(pad(Ether(src=S, dst="01:80:c2:00:00:03")/EAPOL(version=1, type=1)))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=1, id=1, type=1)))
P.append(pad(Ether(src=S, dst=A)/EAPOL(version=2, type=0)/EAP(code=2, id=1, type=1, identity=b"alice@example.org")))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=1, id=2, type=4)/Raw(b"\\x10" + bytes(16))))
P.append(pad(Ether(src=S, dst=A)/EAPOL(version=2, type=0)/EAP(code=2, id=2, type=3)/Raw(b"\\x0d\\x15")))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=1, id=3, type=13)/Raw(b"\\x20")))
P.append(pad(Ether(src=S, dst=A)/EAPOL(version=2, type=0)/EAP(code=2, id=3, type=13)/Raw(b"\\xc0\\x00\\x00\\x01\\x00" + bytes(20))))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=1, id=4, type=21)/Raw(b"\\x21")))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=1, id=4, type=18)/Raw(b"\\x0a\\x00\\x00")))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=3, id=4)))
P.append(pad(Ether(src=A, dst=S)/EAPOL(version=2, type=0)/EAP(code=4, id=4)))
P.append(pad(Ether(src=S, dst=A)/EAPOL(version=2, type=2)))
P.append(pad(Ether(src=S, dst=A)/EAPOL(version=2, type=3)/Raw(b"\\x02" + bytes(94))))
P.append(pad(Ether(src=S, dst=A, type=0x888e)/Raw(b"\\x02\\x00\\x00\\x09\\x01\\x01\\x00\\x06\\x01\\x41")))
P.append(pad(Ether(src=S, dst=A, type=0x888e)/Raw(b"\\x02\\x00\\x00\\x04\\x01\\x01\\x00\\x04")))
P.append(pad(Ether(src=S, dst=A, type=0x888e)/Raw(b"\\x02\\x00\\x00\\x00")))
P.append(Ether(src=S, dst=A, type=0x888e)/Raw(b"\\x02\\x00"))
P.append(pad(Ether(src=S, dst=A)/Dot1Q(vlan=3)/EAPOL(version=3, type=1)))
# LLC XID, TEST, S and I frames, unknown SNAP (from index 65).
def d3(p):
    p[Dot3].len = len(bytes(p[Dot3].payload))
    return pad(p)
B = "ff:ff:ff:ff:ff:ff"
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x42, ssap=0x43, ctrl=0xaf)/Raw(b"\\x81\\x01\\x00")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x00, ssap=0x01, ctrl=0xbf)/Raw(b"\\x81\\x01\\x02")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x00, ssap=0x00, ctrl=0xaf)))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x00, ssap=0x00, ctrl=0xaf)/Raw(b"\\x82\\x01")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x00, ssap=0x00, ctrl=0xe3)/Raw(b"hello test")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x00, ssap=0x01, ctrl=0xf3)/Raw(b"hello")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0xf0, ssap=0xf0, ctrl=0x13)/Raw(b"hello")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x04, ssap=0x05, ctrl=0x01)/Raw(b"\\x02hello")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x04, ssap=0x08, ctrl=0x0a)/Raw(b"\\x05hello")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x80, ssap=0x81, ctrl=0x09)/Raw(b"\\x05")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x80, ssap=0x80, ctrl=0x63)))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0x04, ssap=0x04, ctrl=0x07)))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(OUI=0x123456, code=0x0800)/Raw(b"hello")))
P.append(d3(Dot3(src=S, dst=B)/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(OUI=0x00000c, code=0x0123)/Raw(b"hello")))
# CDP (from index 79).
load_contrib("cdp")
cdpmsgs = [CDPMsgDeviceID(val=b"sw1.example"), CDPMsgAddr(addr=[CDPAddrRecordIPv4(addr="192.0.2.1")]), CDPMsgPortID(iface=b"GigabitEthernet0/1"), CDPMsgCapabilities(cap=0x28), CDPMsgSoftwareVersion(val=b"Cisco IOS 15.2\\nCompiled"), CDPMsgPlatform(val=b"cisco WS-C2960"), CDPMsgNativeVLAN(vlan=10), CDPMsgDuplex(duplex=1), CDPMsgVTPMgmtDomain(val=b"lab"), CDPMsgMgmtAddr(addr=[CDPAddrRecordIPv4(addr="192.0.2.2")])]
def cdp(b): return d3(Dot3(src=S, dst="01:00:0c:cc:cc:cc")/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(OUI=0xc, code=0x2000)/Raw(b))
P.append(d3(Dot3(src=S, dst="01:00:0c:cc:cc:cc")/LLC(dsap=0xaa, ssap=0xaa, ctrl=3)/SNAP(OUI=0xc, code=0x2000)/CDPv2_HDR(vers=2, ttl=180, msg=cdpmsgs)))
def ctlv(t, v): return struct.pack(">HH", t, len(v) + 4) + v
P.append(cdp(bytes([2, 180, 0, 0]) + ctlv(2, struct.pack(">I", 2) + b"\\x01\\x01\\xcc\\x00\\x04\\xc0\\x00\\x02\\x01" + b"\\x02\\x08\\xaa\\xaa\\x03\\x00\\x00\\x00\\x86\\xdd\\x00\\x10" + bytes(15) + b"\\x01")))
P.append(cdp(bytes([2, 180, 0, 0]) + ctlv(1, b"x") + ctlv(0xb, b"\\x00") + ctlv(0xa, b"\\x00\\x05") + ctlv(0x4, b"\\x00\\x00\\x00\\x7f") + ctlv(0x11, b"\\x00\\x00\\x05\\xdc") + ctlv(0x14, b"core") + ctlv(0x17, b"\\x01lab") + ctlv(0x07, b"\\x0a\\x00\\x00\\x00\\x08") + ctlv(0x30, b"\\x01\\x02")))
P.append(cdp(bytes([2, 180, 0, 0]) + ctlv(1, b"x") + b"\\x00\\x03\\x00\\x02"))
P.append(cdp(bytes([2, 180, 0, 0]) + ctlv(1, b"x") + b"\\x00\\x03\\x00\\x30abc"))
P.append(cdp(bytes([2, 180, 0, 0]) + ctlv(1, b"x") + b"\\x00\\x03"))
P.append(cdp(bytes([1, 60, 0, 0]) + ctlv(0xa, b"\\x00\\x05\\x00") + ctlv(0xb, b"\\x01\\x01")))
for i, p in enumerate(P):
    p.time = 1700000000 + i
wrpcap(sys.argv[1], P)
`;

/** Frames cut short by the capture: [index in the corpus, bytes kept]. */
const SNAPPED: [number, number][] = [
  [79, 100],
  [49, 25],
  [53, 30],
  [41, 100],
  [35, 40],
  [36, 70],
  [22, 40],
  [23, 60],
  [21, 100],
  [33, 50],
  [0, 40],
  [1, 50],
  [3, 46],
  [5, 100],
  [6, 130],
  [7, 60],
  [8, 125],
  [9, 40],
  [10, 60],
  [19, 30],
];

const T0 = 1_700_000_000_000_000_000n;

function record(data: Uint8Array, len: number, i: number): PacketRecord {
  return {
    ts: T0 + BigInt(i) * 1_000_000_000n,
    iface: "",
    ifindex: 0,
    len,
    caplen: data.length,
    direction: "unknown",
    data,
  };
}

function run(cmd: string, args: string[]): string {
  const out = new Deno.Command(cmd, { args, env: { TZ: "UTC" }, stdout: "piped", stderr: "piped" })
    .outputSync();
  assert.ok(out.success, cmd + " " + args.join(" ") + ": " + new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

/**
 * tcpdump's lines, each with its continuation lines joined by a space (its hex dumps of data it
 * does not decode, hex and ASCII, left out).
 */
function tcpdump(file: string, flags: string[]): string[] {
  return run("tcpdump", ["-n", ...flags, "-r", file])
    // Accepted: rawcap does not print tcpdump's hex and ASCII dump of an undecoded payload.
    .replace(/\n\t0x[0-9a-f]{4}: (?: [0-9a-f]{2,4})+ {2,}[^\n]*/g, "")
    .replace(/\n(?: {4}|\t+ *)/g, " ")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.replace(/^(\S+) +/, "$1 ").replace(/(?:[:,]? )+$/, ""));
}

/** Writes the corpus (with the snapped frames cut) and returns its file and frames. */
function corpus(dir: string): { file: string; frames: { data: Uint8Array; len: number }[] } {
  const whole = dir + "/whole.pcap";
  run("/usr/bin/python3", ["-c", PROGRAM, whole]);
  const frames = readPcap(Deno.readFileSync(whole)).map((r) => ({ data: r.data, len: r.len }));
  for (const [i, keep] of SNAPPED) {
    frames[i] = { ...frames[i], data: frames[i].data.slice(0, keep) };
  }
  const file = dir + "/corpus.pcap";
  const head = Deno.readFileSync(whole).subarray(0, 24);
  const parts: Uint8Array[] = [head];
  frames.forEach((f, i) => {
    const h = new DataView(new ArrayBuffer(16));
    h.setUint32(0, 1_700_000_000 + i, true);
    h.setUint32(8, f.data.length, true);
    h.setUint32(12, f.len, true);
    parts.push(new Uint8Array(h.buffer), f.data);
  });
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, at), at += p.length;
  Deno.writeFileSync(file, all);
  return { file, frames };
}

const ready = hasTool("tcpdump") && haveScapy();

Deno.test({
  name:
    "bridging: STP, RSTP, MSTP, PVST+, LACP, Marker lines equal tcpdump's (-n, -v, -e, -q, -v -e)",
  ignore: !ready,
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const { file, frames } = corpus(dir);
      const modes: [string[], TextOptions][] = [
        [[], {}],
        [["-v"], { verbose: 1 }],
        [["-e"], { link: true }],
        [["-q"], { quiet: true }],
        [["-v", "-e"], { verbose: 1, link: true }],
      ];
      const bad: string[] = [];
      for (const [flags, opts] of modes) {
        const theirs = tcpdump(file, flags);
        assert.equal(theirs.length, frames.length);
        frames.forEach((f, i) => {
          let ours = formatText(record(f.data, f.len, i), { ...opts, tsFormat: "utc" });
          if (!opts.link) ours = ours.replace(/^(\S+) (vlan \d+ )+/, "$1 ");
          ours = ours.replace(/^(\S+) +/, "$1 ");
          // Accepted: rawcap does not decode Ethernet OAM beyond its subtype.
          if (opts.verbose && ours.includes(" OAM, length ")) return;
          if (ours !== theirs[i]) {
            bad.push(`${flags.join(" ")} #${i}\n  ours ${ours}\n  want ${theirs[i]}`);
          }
        });
      }
      assert.deepEqual(bad, []);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

/**
 * Frames not compared with tshark: slow protocol PDUs with TLVs of illegal lengths, which tshark
 * reads at fixed offsets whatever their lengths say (rawcap leaves such TLVs out), and EAP packets
 * whose lengths disagree with EAPOL's or are too short for a request (tshark skips them), and an
 * EAPOL header cut short (rawcap writes no layer for it), and a CDP TLV of a wrong length (tshark
 * reads it anyway).
 */
const NOT_TSHARK = new Set([25, 26, 27, 28, 29, 30, 31, 32, 60, 61, 63, 85]);

/** NDJSON values against tshark's: [tshark field, the NDJSON values it should equal]. */
type Json = Record<string, unknown>;
const stp = (j: Json) => j.stp as Json | undefined;
const ll = (j: Json) => j.lldp as Json | undefined;
const cd = (j: Json) => j.cdp as Json | undefined;
const eap = (j: Json) => (j.eapol as Json | undefined)?.eap as Json | undefined;
const mstis = (j: Json) => (stp(j)?.mstis ?? []) as Json[];
const FIELDS: [string, (j: Json) => unknown[]][] = [
  ["stp.version", (j) => [stp(j)?.version]],
  ["stp.type", (j) => [stp(j)?.type]],
  ["stp.flags", (j) => [stp(j)?.flags]],
  ["stp.root.prio", (j) => [stp(j)?.rootPrio]],
  ["stp.root.ext", (j) => [stp(j)?.rootExt]],
  ["stp.root.cost", (j) => [stp(j)?.rootCost]],
  ["stp.root.hw", (j) => [stp(j)?.rootMac]],
  ["stp.bridge.prio", (j) => [stp(j)?.bridgePrio]],
  ["stp.bridge.ext", (j) => [stp(j)?.bridgeExt]],
  ["stp.bridge.hw", (j) => [stp(j)?.bridgeMac]],
  ["stp.port", (j) => [stp(j)?.port]],
  ["stp.msg_age", (j) => [stp(j)?.age]],
  ["stp.max_age", (j) => [stp(j)?.maxAge]],
  ["stp.hello", (j) => [stp(j)?.hello]],
  ["stp.forward", (j) => [stp(j)?.fwdDelay]],
  ["slow.subtype", (j) => [(j.lacp as Json | undefined)?.subtype]],
  ...(["actor", "partner"] as const).flatMap((who): [string, (j: Json) => unknown[]][] => {
    const x = (j: Json) => (j.lacp as Json | undefined)?.[who] as Json | undefined;
    return [
      [`lacp.${who}.sysid`, (j) => [x(j)?.system]],
      [`lacp.${who}.sys_priority`, (j) => [x(j)?.systemPrio]],
      [`lacp.${who}.key`, (j) => [x(j)?.key]],
      [`lacp.${who}.port`, (j) => [x(j)?.port]],
      [`lacp.${who}.port_priority`, (j) => [x(j)?.portPrio]],
      [`lacp.${who}.state`, (j) => [x(j)?.state]],
    ];
  }),
  ["lacp.collector.max_delay", (j) => [(j.lacp as Json | undefined)?.maxDelay]],
  ["marker.requesterPort", (j) => [((j.lacp as Json | undefined)?.marker as Json)?.port]],
  ["marker.requesterSystem", (j) => [((j.lacp as Json | undefined)?.marker as Json)?.system]],
  ["marker.requesterTransId", (j) => [((j.lacp as Json | undefined)?.marker as Json)?.xid]],
  ["lldp.chassis.subtype", (j) => [ll(j)?.chassisSubtype]],
  ["lldp.port.subtype", (j) => [ll(j)?.portSubtype]],
  ["lldp.time_to_live", (j) => [ll(j)?.ttl]],
  ["lldp.tlv.system.name", (j) => [ll(j)?.sysName]],
  ["lldp.port.desc", (j) => [ll(j)?.portDesc]],
  ["lldp.tlv.system_cap", (j) => [ll(j)?.caps]],
  ["lldp.tlv.enable_system_cap", (j) => [ll(j)?.capsEnabled]],
  // tshark has IPv4 management addresses in this field, MACs in lldp.mgn.addr.hex.
  ["lldp.mgn.addr.ip4", (j) => [ll(j)?.mgmtAddr].filter((a) => /^[\d.]+$/.test(String(a)))],
  ["lldp.ieee.802_1.port_vlan.id", (j) => [ll(j)?.pvid]],
  ["lldp.ieee.802_1.vlan.id", (j) => ((ll(j)?.vlans ?? []) as Json[]).map((v) => v.id)],
  ["lldp.ieee.802_1.vlan.name", (j) => ((ll(j)?.vlans ?? []) as Json[]).map((v) => v.name)],
  ["lldp.ieee.802_3.pmd_mau_type", (j) => [ll(j)?.mau]],
  ["lldp.ieee.802_3.max_frame_size", (j) => [ll(j)?.mtu]],
  ["arp.opcode", (j) => [(j.arp as Json | undefined)?.op]],
  ["eapol.version", (j) => [(j.eapol as Json | undefined)?.version]],
  ["eapol.type", (j) => [(j.eapol as Json | undefined)?.type]],
  ["eapol.len", (j) => [(j.eapol as Json | undefined)?.len]],
  ["eap.code", (j) => [eap(j)?.code]],
  ["eap.id", (j) => [eap(j)?.id]],
  ["eap.len", (j) => [eap(j)?.len]],
  ["eap.type", (j) => [eap(j)?.type]],
  ["eap.identity", (j) => [eap(j)?.identity]],
  ["cdp.version", (j) => [cd(j)?.version]],
  ["cdp.ttl", (j) => [cd(j)?.ttl]],
  ["cdp.deviceid", (j) => [cd(j)?.deviceId]],
  ["cdp.portid", (j) => [cd(j)?.portId]],
  ["cdp.platform", (j) => [cd(j)?.platform]],
  ["cdp.native_vlan", (j) => [cd(j)?.nativeVlan]],
  ["cdp.vtp_management_domain", (j) => [cd(j)?.vtpDomain]],
  ["cdp.system_name", (j) => [cd(j)?.sysName]],
  ["mstp.msti.msti_id", (j) => mstis(j).map((m) => m.id)],
  ["mstp.msti.flags", (j) => mstis(j).map((m) => m.flags)],
  ["mstp.msti.priority", (j) => mstis(j).map((m) => m.prio)],
  ["mstp.msti.root.hw", (j) => mstis(j).map((m) => m.rootMac)],
  ["mstp.msti.root_cost", (j) => mstis(j).map((m) => m.cost)],
  ["mstp.msti.bridge_priority", (j) => mstis(j).map((m) => m.bridgePrio)],
  ["mstp.msti.port_priority", (j) => mstis(j).map((m) => m.portPrio)],
  ["mstp.msti.remaining_hops", (j) => mstis(j).map((m) => m.hops)],
];

/** tshark's text of a value: hex numbers in decimal, lists joined by commas. */
const norm = (v: string) =>
  v.split(",").map((x) => /^0x[0-9a-f]+$/i.test(x) ? String(parseInt(x, 16)) : x).join(",");

Deno.test({
  name: "bridging: NDJSON values agree with tshark's fields",
  ignore: !ready || !hasTool("tshark"),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const { file, frames } = corpus(dir);
      const snapped = new Set(SNAPPED.map(([i]) => i));
      const out = run("tshark", [
        "-r",
        file,
        "-T",
        "fields",
        "-E",
        "separator=|",
        ...FIELDS.flatMap(([f]) => ["-e", f]),
      ]).split("\n").filter((l) => l !== "");
      assert.equal(out.length, frames.length);
      const bad: string[] = [];
      let compared = 0;
      frames.forEach((f, i) => {
        if (snapped.has(i) || NOT_TSHARK.has(i)) return;
        const j = JSON.parse(formatJson(record(f.data, f.len, i))) as Json;
        if (j.malformed) return;
        const theirs = out[i].split("|");
        FIELDS.forEach(([name, get], k) => {
          const ours = get(j).filter((v) => v !== undefined).join(",");
          if (theirs[k] === "" && ours === "") return;
          compared++;
          if (norm(theirs[k]) !== ours) bad.push(`#${i} ${name}: ours ${ours} tshark ${theirs[k]}`);
        });
      });
      assert.deepEqual(bad, []);
      assert.ok(compared > 50, `compared ${compared}`);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
