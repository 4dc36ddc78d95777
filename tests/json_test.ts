import assert from "node:assert/strict";
import { formatJson, isoNanos, toJsonRecord } from "../src/format/json.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import {
  haveScapy,
  pcapBytes,
  readPcap,
  type Sample,
  samples,
  scapyPcap,
} from "./helpers/frames.ts";
import { hasTool } from "./helpers/tools.ts";

function record(s: Sample, i = 0): PacketRecord {
  return {
    ts: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n,
    iface: "eth0",
    ifindex: 2,
    len: s.len ?? s.data.length,
    caplen: s.data.length,
    direction: "host",
    data: s.data,
  };
}

type Obj = Record<string, any>;

Deno.test("timestamps are ISO-8601 UTC with nanoseconds", () => {
  assert.equal(isoNanos(1_795_735_547_123_456_789n), "2026-11-26T23:25:47.123456789Z");
  assert.equal(isoNanos(1_795_735_547_000_000_001n), "2026-11-26T23:25:47.000000001Z");
  assert.equal(isoNanos(0n), "1970-01-01T00:00:00.000000000Z");
  assert.equal(isoNanos(-1n), "1969-12-31T23:59:59.999999999Z");
});

Deno.test("record envelope: keys, numbers, direction", () => {
  const s = samples().find((x) => x.name === "udp4-vlan")!;
  const r = toJsonRecord(record(s)) as Obj;
  assert.deepEqual(Object.keys(r).slice(0, 5), ["ts", "iface", "len", "caplen", "dir"]);
  assert.equal(r.dir, "host");
  assert.equal(r.len, s.data.length);
  assert.deepEqual(r.vlan, [{ tpid: 0x8100, id: 100, pcp: 0, dei: 0 }]);
  const unknown = toJsonRecord({ ...record(s), direction: "unknown" });
  assert.equal("dir" in unknown, false);
  const line = formatJson(record(s));
  assert.equal(line.includes("\n"), false);
  assert.deepEqual(JSON.parse(line), r);
});

Deno.test("truncated and malformed frames say which layer", () => {
  const by = new Map(samples().map((s) => [s.name, s]));
  const t = (name: string) => toJsonRecord(record(by.get(name)!)) as Obj;
  assert.equal(t("truncated-ipv4").truncated, "ipv4");
  assert.equal(t("truncated-tcp").truncated, "tcp");
  assert.equal(t("runt").truncated, "ethernet");
  assert.equal(t("bad-ip-version").malformed, "ipv4");
  assert.equal(t("udp4").truncated, undefined);
  assert.equal(t("truncated-snap-udp").truncated, undefined, "payload cut by snaplen is fine");
});

const FIELDS = [
  "frame.protocols",
  "eth.src",
  "eth.dst",
  "eth.type",
  "vlan.id",
  "vlan.etype",
  "vlan.priority",
  "vlan.dei",
  "ieee8021ad.id",
  "ieee8021ad.priority",
  "ieee8021ad.dei",
  "llc.dsap",
  "arp.opcode",
  "arp.src.hw_mac",
  "arp.src.proto_ipv4",
  "arp.dst.proto_ipv4",
  "ip.src",
  "ip.dst",
  "ip.ttl",
  "ip.proto",
  "ip.id",
  "ip.flags",
  "ip.frag_offset",
  "ipv6.src",
  "ipv6.dst",
  "ipv6.nxt",
  "ipv6.hlim",
  "ipv6.flow",
  "tcp.srcport",
  "tcp.dstport",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "tcp.flags",
  "tcp.window_size_value",
  "udp.srcport",
  "udp.dstport",
  "udp.length",
  "icmp.type",
  "icmp.code",
  "icmpv6.type",
  "icmpv6.code",
  "igmp.type",
  "igmp.version",
  "gre.proto",
  "gre.key",
  "dns.id",
  "dns.qry.name",
  "dns.qry.type",
  "dns.resp.name",
  "dns.resp.ttl",
  "dns.a",
  "dns.aaaa",
  "dns.cname",
  "dns.mx.mail_exchange",
  "dns.ns",
  "dns.srv.port",
];

const QUOTED_EXTRA = new Set([
  "ip.ttl",
  "ip.id",
  "ip.flags",
  "ip.frag_offset",
  "udp.length",
  "ipv6.nxt",
  "ipv6.hlim",
  "ipv6.flow",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "tcp.flags",
  "tcp.window_size_value",
]);

function chain(r: Obj): Obj[] {
  const out: Obj[] = [];
  for (let c: Obj | undefined = r; c; c = c.inner) out.push(c);
  return out;
}

const num = (s: string) => (s.startsWith("0x") ? parseInt(s, 16) : Number(s));

/** What tshark's fields should say about our record, in tshark's units and order. */
function expected(r: Obj): Record<string, (string | number)[]> {
  const c = chain(r);
  const pick = (key: string, f: (o: Obj) => unknown) =>
    c.filter((o) => o[key]).map((o) => f(o[key]) as string | number);
  const quoted = c.map((o) => o.icmp?.quoted).filter((q) => q) as Obj[];
  const quoted6 = c.map((o) => o.icmpv6?.quoted).filter((q) => q) as Obj[];
  const ip4 = pick("ipv4", (o) => o);
  const dnsAns = c.flatMap((o) => (o.dns ? o.dns.answers : [])) as Obj[];
  const ans = (type: number) =>
    dnsAns.filter((a) => a.type === type).map((a) => String(a.data).replace(/\.$/, ""));
  const udpQuoted = [...quoted, ...quoted6].filter((q) => q.proto === 17 && q.sport !== undefined);
  const tcpQuoted = [...quoted, ...quoted6].filter((q) => q.proto === 6 && q.sport !== undefined);
  return {
    "eth.src": pick("eth", (e) => e.src),
    "eth.dst": pick("eth", (e) => e.dst),
    "llc.dsap": pick("llc", (l) => l.dsap),
    "arp.opcode": pick("arp", (a) => a.op),
    "arp.src.hw_mac": pick("arp", (a) => a.sha),
    "arp.src.proto_ipv4": pick("arp", (a) => a.spa),
    "arp.dst.proto_ipv4": pick("arp", (a) => a.tpa),
    "ip.src": [...ip4.map((o: any) => o.src), ...quoted.map((q) => q.src)],
    "ip.dst": [...ip4.map((o: any) => o.dst), ...quoted.map((q) => q.dst)],
    "ip.proto": [...ip4.map((o: any) => o.proto), ...quoted.map((q) => q.proto)],
    "ip.ttl": ip4.map((o: any) => o.ttl),
    "ip.id": ip4.map((o: any) => o.id),
    "ip.flags": ip4.map((o: any) => o.flags),
    "ip.frag_offset": ip4.map((o: any) => o.frag / 8),
    "ipv6.src": [...pick("ipv6", (o) => o.src), ...quoted6.map((q) => q.src)],
    "ipv6.dst": [...pick("ipv6", (o) => o.dst), ...quoted6.map((q) => q.dst)],
    "ipv6.nxt": pick("ipv6", (o) => o.next),
    "ipv6.hlim": pick("ipv6", (o) => o.hlim),
    "ipv6.flow": pick("ipv6", (o) => o.flow),
    "tcp.srcport": [...pick("tcp", (t) => t.sport), ...tcpQuoted.map((q) => q.sport)],
    "tcp.dstport": [...pick("tcp", (t) => t.dport), ...tcpQuoted.map((q) => q.dport)],
    "tcp.seq_raw": pick("tcp", (t) => t.seq),
    "tcp.ack_raw": pick("tcp", (t) => t.ack),
    "tcp.flags": pick("tcp", (t) => t.flags),
    "tcp.window_size_value": pick("tcp", (t) => t.win),
    "udp.srcport": [...pick("udp", (u) => u.sport), ...udpQuoted.map((q) => q.sport)],
    "udp.dstport": [...pick("udp", (u) => u.dport), ...udpQuoted.map((q) => q.dport)],
    "udp.length": pick("udp", (u) => u.len),
    "icmp.type": pick("icmp", (i) => i.type),
    "icmp.code": pick("icmp", (i) => i.code),
    "icmpv6.type": pick("icmpv6", (i) => i.type),
    "icmpv6.code": pick("icmpv6", (i) => i.code),
    "igmp.type": pick("igmp", (i) => i.type),
    "igmp.version": c.filter((o) => o.igmp?.version).map((o) => o.igmp.version),
    "gre.proto": pick("gre", (g) => g.proto),
    "gre.key": c.filter((o) => o.gre?.key !== undefined).map((o) => o.gre.key),
    "dns.id": pick("dns", (d) => d.id),
    "dns.qry.name": c.flatMap((o) => (o.dns ? o.dns.questions : [])).map((q: any) =>
      q.name.replace(/\.$/, "")
    ),
    "dns.qry.type": c.flatMap((o) => (o.dns ? o.dns.questions : [])).map((q: any) => q.type),
    // tshark names SRV owners with dns.srv.* fields instead of dns.resp.name
    "dns.resp.name": dnsAns.filter((a) => a.type !== 33).map((a) => a.name.replace(/\.$/, "")),
    "dns.resp.ttl": dnsAns.map((a) => a.ttl),
    "dns.mx.mail_exchange": ans(15).map((d) => d.split(" ")[1]),
    "dns.ns": ans(2),
    "dns.srv.port": ans(33).map((d) => Number(d.split(" ")[2])),
    "dns.a": ans(1),
    "dns.aaaa": ans(28),
    "dns.cname": ans(5),
  };
}

/** Tags in tshark's order with TPID, id, pcp, dei, rebuilt from its per-protocol fields. */
function tsharkVlans(f: Record<string, string[]>) {
  const protos = (f["frame.protocols"][0] ?? "").split(":");
  const q = { id: [...f["vlan.id"]], pcp: [...f["vlan.priority"]], dei: [...f["vlan.dei"]] };
  const ad = {
    id: [...f["ieee8021ad.id"]],
    pcp: [...f["ieee8021ad.priority"]],
    dei: [...f["ieee8021ad.dei"]],
  };
  const etypes = [...f["vlan.etype"]];
  const tags: { tpid: number[]; id: number; pcp: number; dei: number }[] = [];
  let prev = "", prevEtype = f["eth.type"][0];
  for (const p of protos) {
    if (p !== "vlan" && p !== "ieee8021ad") continue;
    const src = p === "vlan" ? q : ad;
    const tpid = tags.length === 0 || prev === "vlan"
      ? [num(prevEtype)]
      : p === "vlan"
      ? [0x8100, 0x9100]
      : [0x88a8];
    tags.push({
      tpid,
      id: num(src.id.shift()!),
      pcp: num(src.pcp.shift()!),
      dei: num(src.dei.shift()!),
    });
    if (p === "vlan") prevEtype = etypes.shift()!;
    prev = p;
  }
  return tags;
}

/** tshark's FIELDS for each frame of `frames` (written to a temporary pcap). */
function tsharkFields(frames: Sample[]): Record<string, string[]>[] {
  const dir = Deno.makeTempDirSync();
  try {
    const file = dir + "/frames.pcap";
    Deno.writeFileSync(file, pcapBytes(frames.map((x) => ({ data: x.data, len: x.len }))));
    const out = new Deno.Command("tshark", {
      args: [
        "-r",
        file,
        "-o",
        "ip.defragment:FALSE",
        "-o",
        "ipv6.defragment:FALSE",
        "-T",
        "fields",
        "-E",
        "separator=/t",
        "-E",
        "occurrence=a",
        "-E",
        "aggregator=|",
        ...FIELDS.flatMap((f) => ["-e", f]),
      ],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    assert.ok(out.success, "tshark ran");
    const rows = new TextDecoder().decode(out.stdout).trimEnd().split("\n");
    assert.equal(rows.length, frames.length);
    return rows.map((row) => {
      const cols = row.split("\t");
      const f: Record<string, string[]> = {};
      FIELDS.forEach((name, c) => (f[name] = cols[c] ? cols[c].split("|") : []));
      return f;
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test({
  name: "JSON records agree with tshark on every sample",
  ignore: !hasTool("tshark"),
  fn() {
    const s = samples();
    const fields = tsharkFields(s);
    let compared = 0;
    s.forEach((sample, i) => {
      const f = fields[i];
      const r = toJsonRecord(record(sample, i)) as Obj;
      if (r.truncated || r.malformed) return; // checked by the cut-frame test below
      for (const [field, want] of Object.entries(expected(r))) {
        let got = f[field].map((v) => (typeof want[0] === "number" ? num(v) : v));
        // tshark also lists these for the datagram an ICMP error quotes; we only keep addresses.
        if (QUOTED_EXTRA.has(field)) got = got.slice(0, want.length);
        assert.deepEqual(got, want, `${sample.name}: ${field}`);
        compared += want.length;
      }
      const tags = tsharkVlans(f);
      // Tags of a tunnel's inner frame too (issue 15 family 3: VXLAN); tshark's TPID
      // reconstruction holds for the outer tags only.
      const ours = chain(r).flatMap((o) => o.vlan ?? []) as Obj[];
      const outer = (r.vlan ?? []).length;
      assert.equal(ours.length, tags.length, `${sample.name}: vlan count`);
      ours.forEach((t, k) => {
        if (k < outer) assert.ok(tags[k].tpid.includes(t.tpid), `${sample.name}: tpid ${k}`);
        assert.deepEqual([t.id, t.pcp, t.dei], [tags[k].id, tags[k].pcp, tags[k].dei]);
      });
    });
    assert.ok(compared > 300, `compared ${compared} values`);
  },
});

Deno.test({
  name: "every sample cut at every length: each value we report agrees with tshark",
  ignore: !hasTool("tshark"),
  fn() {
    const cuts: Sample[] = [];
    for (const s of samples()) {
      if (s.len) continue;
      for (let c = 0; c < s.data.length; c++) {
        cuts.push({
          name: `${s.name} cut at ${c}`,
          data: s.data.subarray(0, c),
          len: s.data.length,
        });
      }
    }
    const fields = tsharkFields(cuts);
    let compared = 0;
    cuts.forEach((cut, i) => {
      const r = toJsonRecord(record(cut, i)) as Obj;
      // tshark decodes what it can of a cut header; we leave such a layer out, so what we
      // report must be a prefix of what tshark reports.
      for (const [field, want] of Object.entries(expected(r))) {
        const got = f(fields[i], field, want).slice(0, want.length);
        assert.deepEqual(got, want, `${cut.name}: ${field}`);
        compared += want.length;
      }
    });
    assert.ok(compared > 20_000, `compared ${compared} values`);
  },
});

function f(fields: Record<string, string[]>, field: string, want: (string | number)[]) {
  return fields[field].map((v) => (typeof want[0] === "number" ? num(v) : v));
}

Deno.test({
  name: "JSON records agree with tshark on 800 packets built by scapy",
  ignore: !hasTool("tshark") || !haveScapy(),
  fn() {
    const dir = Deno.makeTempDirSync();
    let frames: Sample[];
    try {
      scapyPcap(dir + "/scapy.pcap", 11, 800);
      frames = readPcap(Deno.readFileSync(dir + "/scapy.pcap")).map((r, i) => ({
        name: "scapy packet " + (i + 1),
        data: r.data,
        len: r.len,
      }));
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
    const fields = tsharkFields(frames);
    let compared = 0;
    frames.forEach((frame, i) => {
      const r = toJsonRecord(record(frame, i)) as Obj;
      assert.equal(r.truncated, undefined, frame.name);
      for (const [field, want] of Object.entries(expected(r))) {
        let got = f(fields[i], field, want);
        if (QUOTED_EXTRA.has(field)) got = got.slice(0, want.length);
        assert.deepEqual(got, want, `${frame.name}: ${field}`);
        compared += want.length;
      }
      const tags = tsharkVlans(fields[i]);
      const ours = (r.vlan ?? []) as Obj[];
      assert.equal(ours.length, tags.length, `${frame.name}: vlan count`);
      ours.forEach((t, k) => {
        assert.ok(tags[k].tpid.includes(t.tpid), `${frame.name}: tpid ${k}`);
        assert.deepEqual([t.id, t.pcp, t.dei], [tags[k].id, tags[k].pcp, tags[k].dei]);
      });
    });
    assert.ok(compared > 5000, `compared ${compared} values`);
  },
});

if (!haveScapy()) console.log("ignored: python3-scapy is not installed, scapy oracle test skipped");
if (!hasTool("tshark")) console.log("ignored: tshark is not installed, oracle tests skipped");

Deno.test("the README's NDJSON schema is json_schema.md, word for word", () => {
  const read = (p: string) => Deno.readTextFileSync(new URL(p, import.meta.url));
  const schema = read("../src/format/json_schema.md").replace(/^## .*\n\n/, "").trim();
  const readme = read("../README.md");
  assert.ok(schema.length > 1000, "schema missing");
  assert.ok(readme.includes(schema), "README.md and src/format/json_schema.md differ");
});
