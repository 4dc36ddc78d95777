import assert from "node:assert/strict";
import { dissect, Dissection, LAYER_NAMES, LAYER_TCP, MAX_LAYERS } from "../src/decode/frame.ts";
import { F, gre, ipv4, samples, tcp } from "./helpers/frames.ts";

const byName = new Map(samples().map((s) => [s.name, s.data]));
function sample(name: string): Uint8Array {
  const d = byName.get(name);
  if (!d) throw new Error("no sample " + name);
  return d;
}

function kinds(d: Uint8Array): string[] {
  const ds = dissect(d);
  return Array.from({ length: ds.count }, (_, i) => LAYER_NAMES[ds.kind[i]]);
}

Deno.test("dissect records the layer stack of each sample", () => {
  const want: Record<string, string[]> = {
    "udp4": ["ethernet", "ipv4", "udp", "payload"],
    "udp4-qinq": ["ethernet", "vlan", "vlan", "ipv4", "udp", "payload"],
    "tcp-syn": ["ethernet", "ipv4", "tcp"],
    "tcp-data": ["ethernet", "ipv4", "tcp", "payload"],
    "ipv6-hbh-dst-udp": ["ethernet", "ipv6", "ipv6ext", "ipv6ext", "udp", "payload"],
    "ipv6-frag-first": ["ethernet", "ipv6", "ipv6ext", "udp", "payload"],
    "ipv6-frag-later": ["ethernet", "ipv6", "ipv6ext", "payload"],
    "ipv4-frag-later": ["ethernet", "ipv4", "payload"],
    "dns-answer": ["ethernet", "ipv4", "udp", "dns"],
    "arp-request": ["ethernet", "arp", "payload"],
    "arp-reply": ["ethernet", "arp"],
    "gre-teb": ["ethernet", "ipv4", "gre", "ethernet", "ipv4", "icmp"],
    "ipip": ["ethernet", "ipv4", "ipv4", "icmp"],
    "6in4": ["ethernet", "ipv4", "ipv6", "icmpv6"],
    "llc-stp": ["ethernet", "llc", "stp"],
    "llc-snap-ip": ["ethernet", "llc", "ipv4", "udp", "payload"],
    "unknown-ethertype": ["ethernet", "payload"],
    "runt": [],
  };
  for (const [name, layers] of Object.entries(want)) {
    assert.deepEqual(kinds(sample(name)), layers, name);
  }
});

Deno.test("layer ranges exclude Ethernet padding and follow length fields", () => {
  const d = sample("arp-request");
  const ds = dissect(d);
  assert.equal(d.length, 60);
  assert.deepEqual([ds.start[1], ds.start[2], ds.end[2]], [14, 42, 60]);
  const u = sample("llc-snap-ip");
  const du = dissect(u);
  assert.equal(du.end[1], 14 + 40, "802.3 length bounds the LLC layer");
  assert.equal(du.end[2], 22 + 32, "IPv4 total length bounds the IP layer");
});

/** Header boundaries: [layer name, offset just past its header]; a cut before it truncates it. */
const BOUNDS: Record<string, [string, number][]> = {
  "udp4": [["ethernet", 14], ["ipv4", 34], ["udp", 42]],
  "udp4-qinq": [["ethernet", 14], ["vlan", 18], ["vlan", 22], ["ipv4", 42], ["udp", 50]],
  "tcp-syn": [["ethernet", 14], ["ipv4", 34], ["tcp", 74]],
  "ipv6-hbh-dst-udp": [["ethernet", 14], ["ipv6", 54], ["ipv6", 62], ["ipv6", 70], ["udp", 78]],
  "ipv6-frag-first": [["ethernet", 14], ["ipv6", 54], ["ipv6", 62], ["udp", 70]],
  "dns-answer": [["ethernet", 14], ["ipv4", 34], ["udp", 42], ["dns", 109]],
  "dns-query": [["ethernet", 14], ["ipv4", 34], ["udp", 42], ["dns", 71]],
  "icmp6-ns": [["ethernet", 14], ["ipv6", 54], ["icmpv6", 78]],
  "icmp-port-unreach": [["ethernet", 14], ["ipv4", 34], ["icmp", 42]],
  "arp-request": [["ethernet", 14], ["arp", 42]],
  "gre-key-ipv4": [["ethernet", 14], ["ipv4", 34], ["gre", 42], ["ipv4", 62], ["icmp", 70]],
  "gre-teb": [["ethernet", 14], ["ipv4", 34], ["gre", 38], ["ethernet", 52], ["ipv4", 72], [
    "icmp",
    80,
  ]],
  "llc-snap-ip": [["ethernet", 14], ["llc", 22], ["ipv4", 42], ["udp", 50]],
  "arp-vlan": [["ethernet", 14], ["vlan", 18], ["arp", 46]],
};

Deno.test("a frame cut at every length names the layer cut short", () => {
  const ds = new Dissection();
  for (const [name, bounds] of Object.entries(BOUNDS)) {
    const d = sample(name);
    const full = kinds(d);
    for (let cut = 0; cut <= d.length; cut++) {
      dissect(d.subarray(0, cut), ds);
      const want = bounds.find(([, end]) => cut < end)?.[0];
      assert.equal(ds.truncatedName, want, `${name} cut at ${cut}`);
      const got = Array.from({ length: ds.count }, (_, i) => LAYER_NAMES[ds.kind[i]]);
      for (let i = 0; i < got.length; i++) {
        if (got[i] !== "payload") {
          assert.equal(got[i], full[i], `${name} cut at ${cut}, layer ${i}`);
        }
      }
    }
  }
});

Deno.test("malformed headers are reported and never throw", () => {
  const ds = dissect(sample("bad-ip-version"));
  assert.equal(ds.malformedName, "ipv4");
  assert.equal(ds.truncatedName, undefined);
  const seg = tcp({ sport: 1, dport: 2, flags: F.SYN });
  seg[12] = 0x30; // data offset 3 words < 5
  const d = new Uint8Array([
    ...new Uint8Array(12),
    8,
    0,
    ...ipv4({ src: "1.1.1.1", dst: "2.2.2.2", proto: 6 }, seg),
  ]);
  const dt = dissect(d);
  assert.equal(dt.malformed, LAYER_TCP);
});

Deno.test("nesting deeper than MAX_LAYERS stops without throwing", () => {
  let pkt = ipv4({ src: "1.1.1.1", dst: "2.2.2.2", proto: 17 }, new Uint8Array(8));
  for (let i = 0; i < 40; i++) {
    pkt = ipv4({ src: "1.1.1.1", dst: "2.2.2.2", proto: 47 }, gre({ proto: 0x0800 }, pkt));
  }
  const d = new Uint8Array([...new Uint8Array(12), 8, 0, ...pkt]);
  const ds = dissect(d);
  assert.equal(ds.count, MAX_LAYERS);
});

Deno.test("a reused Dissection forgets the previous frame", () => {
  const ds = new Dissection();
  dissect(sample("gre-teb"), ds);
  dissect(sample("runt"), ds);
  assert.equal(ds.count, 0);
  assert.equal(ds.truncatedName, "ethernet");
  dissect(sample("udp4"), ds);
  assert.equal(ds.truncated, 0);
  assert.equal(ds.find(LAYER_TCP), -1);
});
