/**
 * Work bounds of the decoders on hostile input, asserted as bounds: the limit itself (one past
 * it is cut off) and the work done, counted in bytes read (a proxy over the frame counts every
 * indexed read and throws past a budget, so an unbounded loop fails instead of hanging). Covers
 * DNS compression pointers (at most 64 per name), pointer loops, name length, section counts,
 * TCP options, IPv6 extension header chains (frame walker and ICMPv6 quotes), GRE and IP-in-IP
 * nesting and stacked VLAN tags (at most MAX_LAYERS = 32 layers per frame).
 */
import assert from "node:assert/strict";
import { DNS_MAX_POINTERS, dnsFits, dnsMessage, dnsName, dnsSkipName } from "../src/decode/dns.ts";
import { dissect, LAYER_IPV6_EXT, MAX_LAYERS } from "../src/decode/frame.ts";
import { icmpv6Quoted } from "../src/decode/icmpv6.ts";
import { tcpHeader, tcpHeaderLength, tcpOptions } from "../src/decode/tcp.ts";
import { VLAN_MAX_TAGS, vlanTags } from "../src/decode/vlan.ts";
import { formatText } from "../src/format/text.ts";
import { formatJson } from "../src/format/json.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { be16, bytes, ether, gre, ipv4, ipv6, padOpts, udp } from "./helpers/frames.ts";

/** A frame whose indexed reads are counted; more than `budget` reads throw. */
function counted(data: Uint8Array, budget = 100_000): { d: Uint8Array; reads: () => number } {
  let reads = 0;
  const d = new Proxy(data, {
    get(target, key) {
      if (typeof key === "string" && key.length > 0 && key.charCodeAt(0) <= 0x39) {
        if (++reads > budget) throw new Error(`work budget of ${budget} reads exceeded`);
        return target[Number(key)];
      }
      const v = Reflect.get(target, key, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { d, reads: () => reads };
}

/** A DNS header with the given counts. */
function header(qd: number, an = 0, flags = 0x0100): number[] {
  return [0x12, 0x34, ...be16(flags), ...be16(qd), ...be16(an), 0, 0, 0, 0];
}

/**
 * A one-question message whose question name (at offset 12) reaches the name `a.` through
 * `hops` compression pointers: its own, then a chain of pointers each at the one before.
 */
function pointerChain(hops: number): Uint8Array {
  const out = [...header(1), 0, 0, 0, 1, 0, 1, 1, 0x61, 0];
  let prev = 18; // `a.`
  for (let i = 1; i < hops; i++) {
    const at = out.length;
    out.push(0xc0 | (prev >> 8), prev & 0xff);
    prev = at;
  }
  out[12] = 0xc0 | (prev >> 8);
  out[13] = prev & 0xff;
  return Uint8Array.from(out);
}

Deno.test("dns: a name reached through exactly 64 pointers decodes; through 65 it is cut off", () => {
  // Guards DNS_MAX_POINTERS (README: "at most 64 per name") in dnsName: the limit itself.
  assert.equal(DNS_MAX_POINTERS, 64);
  const ok = pointerChain(64);
  assert.deepEqual(dnsName(ok, 0, 12, ok.length), { name: "a.", next: 14 });
  assert.deepEqual(dnsMessage(ok, 0, ok.length).questions, [{ name: "a.", type: 1, class: 1 }]);
  const cut = pointerChain(65);
  assert.equal(dnsName(cut, 0, 12, cut.length).next, -1);
  assert.deepEqual(dnsMessage(cut, 0, cut.length).questions, []);
});

Deno.test("dns: a pointer loop stops after the pointer limit, in a small fixed number of reads", () => {
  // Guards the same limit as work: a loop must not run until something else gives up.
  for (
    const body of [
      [0xc0, 12], // points at itself
      [1, 0x61, 0xc0, 12], // a label, then back to it
      [0xc0, 14, 0xc0, 12], // two pointers at each other
    ]
  ) {
    const { d, reads } = counted(Uint8Array.from([...header(1), ...body]));
    const n = dnsName(d, 0, 12, 12 + body.length);
    assert.equal(n.next, -1, `${body}`);
    assert.ok(n.name.length <= 2 * (DNS_MAX_POINTERS + 1), n.name);
    // Each hop reads the length byte and the pointer's second byte, a label its bytes.
    assert.ok(reads() <= 4 * (64 + 2), `${body}: ${reads()} reads`);
  }
});

Deno.test("dns: a name stops growing past 1024 characters", () => {
  // Guards the name length bound in dnsName (63-byte labels looped through pointers would
  // otherwise reach 64 hops x 64 characters).
  const label = new Array(63).fill(0x61);
  const { d, reads } = counted(Uint8Array.from([...header(1), 63, ...label, 0xc0, 12]));
  const n = dnsName(d, 0, 12, d.length);
  assert.equal(n.next, -1);
  assert.ok(n.name.length > 1024 && n.name.length <= 1024 + 64, `${n.name.length} characters`);
  assert.ok(reads() <= 20 * 70, `${reads()} reads`);
});

Deno.test("dns: labels of 64 or more (0x40, 0x80 prefixes) are malformed, not skipped", () => {
  // Guards the `len & 0xc0` checks of dnsName and dnsSkipName.
  // Each label is followed by as many bytes as its prefix byte would count, then a root label:
  // read as a length, it would make a well-formed name.
  for (const prefix of [0x40, 0x7f, 0x80, 0xbf]) {
    const m = Uint8Array.from([
      ...header(1),
      prefix,
      ...new Array(prefix).fill(0x61),
      0,
      0,
      1,
      0,
      1,
    ]);
    assert.equal(dnsName(m, 0, 12, m.length).next, -1, `0x${prefix.toString(16)}`);
    assert.equal(dnsSkipName(m, 12, m.length), -1, `0x${prefix.toString(16)}`);
    assert.equal(dnsFits(m, 0, m.length), false);
    assert.deepEqual(dnsMessage(m, 0, m.length).questions, []);
  }
});

Deno.test("dns: 65535 questions or answers claimed by a short message cost a few reads", () => {
  // Guards the early returns of dnsMessage and dnsFits: the counts come from the sender. One
  // whole question, then a question (or an answer) cut short: every later one would be read at
  // the same place.
  const q = [1, 0x61, 0, 0, 1, 0, 1];
  for (
    const raw of [
      Uint8Array.from([...header(0xffff, 0xffff), ...q, 5, 0x61]),
      Uint8Array.from([...header(1, 0xffff), ...q, 5, 0x61]),
      Uint8Array.from([...header(1, 0xffff), ...q, 0xc0, 12, 0, 1]),
    ]
  ) {
    for (const f of [dnsMessage, dnsFits]) {
      const { d, reads } = counted(raw);
      f(d, 0, d.length);
      assert.ok(reads() <= 60, `${f.name}: ${reads()} reads`);
    }
    const m = dnsMessage(raw, 0, raw.length);
    assert.deepEqual([m.questions.length, m.answers.length], [1, 0]);
  }
});

Deno.test("tcp options: the walk ends at the header's data offset, never in the payload", () => {
  // Guards the bound tcpHeader gives tcpOptions (off + hlen from the data offset): 40 NOPs fill
  // a 60-byte header; the NOP bytes after it are payload.
  const seg = new Uint8Array(60 + 100).fill(1);
  seg.set([0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0xf0, 0x02], 0);
  const { d, reads } = counted(seg);
  assert.equal(tcpHeaderLength(d, 0, d.length), 60);
  const h = tcpHeader(d, 0);
  assert.equal(h.options.length, 40);
  assert.ok(h.options.every((o) => o.kind === "nop"));
  assert.ok(reads() <= 3 * 40 + 40, `${reads()} reads`);
});

Deno.test("tcp options: a length below 2 ends the list as bad, and the walk stops", () => {
  // Guards `len < 2` in tcpOptionLength: a zero length would otherwise never advance.
  for (const opt of [[30, 0], [30, 1], [2, 0], [8, 1], [5, 0]]) {
    const { d, reads } = counted(Uint8Array.from([...opt, ...new Array(38).fill(30)]), 1000);
    const list = tcpOptions(d, 0, 40);
    assert.deepEqual(list, [{ kind: "bad" }], `${opt}`);
    assert.ok(reads() <= 10, `${opt}: ${reads()} reads`);
  }
});

/** An Ethernet/IPv6 frame with `n` destination-options headers before UDP. */
function ipv6Chain(n: number): Uint8Array {
  const exts = Array.from({ length: n }, () => ({ type: 60, body: padOpts() }));
  return ether(
    { type: 0x86dd },
    ipv6(
      { src: "2001:db8::1", dst: "2001:db8::2", next: 17 },
      udp({ sport: 1, dport: 2 }, bytes(1)),
      exts,
    ),
  );
}

Deno.test("frame walker: an IPv6 extension header chain stops at 32 layers", () => {
  // Guards MAX_LAYERS and the `!push(...)` return in dissect's extension header loop: 1000
  // headers are not walked.
  assert.equal(MAX_LAYERS, 32);
  const { d, reads } = counted(ipv6Chain(1000));
  const ds = dissect(d);
  assert.equal(ds.count, 32);
  assert.equal(ds.kind[31], LAYER_IPV6_EXT);
  assert.ok(reads() <= 8 * 32, `${reads()} reads`);
  // 30 headers fit with the UDP layer after them (ethernet, ipv6, 30, udp = 33: UDP is cut).
  const ds29 = dissect(ipv6Chain(29));
  assert.equal(ds29.count, 32);
  assert.equal(ds29.kind[31], 9 /* LAYER_UDP */);
});

Deno.test("icmpv6 errors: a quoted datagram's extension headers are walked 8 deep at most", () => {
  // Guards the `n < 8` bound of icmpv6Quoted.
  const quote = (n: number) => {
    const inner = ipv6Chain(n).subarray(14);
    return Uint8Array.from([1, 4, 0, 0, 0, 0, 0, 0, ...inner]);
  };
  assert.deepEqual(
    [
      icmpv6Quoted(quote(8), 0, quote(8).length)?.proto,
      icmpv6Quoted(quote(8), 0, quote(8).length)?.dport,
    ],
    [17, 2],
  );
  const nine = quote(9);
  assert.deepEqual(icmpv6Quoted(nine, 0, nine.length)?.proto, 60);
  assert.equal(icmpv6Quoted(nine, 0, nine.length)?.dport, undefined);
  const { d, reads } = counted(quote(1000));
  icmpv6Quoted(d, 0, d.length);
  assert.ok(reads() <= 100, `${reads()} reads`);
});

Deno.test("frame walker: GRE and IP-in-IP nested 1000 deep stop at 32 layers", () => {
  // Guards the MAX_LAYERS check at the top of dissect's loop for tunnels inside tunnels.
  let greNest = udp({ sport: 1, dport: 2 }, bytes(1));
  let ipip = greNest;
  greNest = ipv4({ src: "10.0.0.1", dst: "10.0.0.2", proto: 17 }, greNest);
  ipip = greNest;
  for (let i = 0; i < 1000; i++) {
    greNest = ipv4(
      { src: "10.0.0.1", dst: "10.0.0.2", proto: 47 },
      gre({ proto: 0x0800 }, greNest),
    );
  }
  for (let i = 0; i < 1000; i++) ipip = ipv4({ src: "10.0.0.1", dst: "10.0.0.2", proto: 4 }, ipip);
  for (const [what, inner] of [["gre", greNest], ["ipip", ipip]] as const) {
    // IPv4 total length is 16 bits: cut the nesting to what one frame can declare.
    const frame = ether({ type: 0x0800 }, inner.subarray(0, 60000));
    const { d, reads } = counted(frame);
    const ds = dissect(d);
    assert.equal(ds.count, 32, what);
    assert.ok(reads() <= 16 * 32, `${what}: ${reads()} reads`);
  }
});

Deno.test("frame walker: 1000 stacked VLAN tags stop at 32 layers", () => {
  // Guards MAX_LAYERS for the VLAN loop of dissect (each tag is a layer).
  const tags = Array.from({ length: 1000 }, (_, i) => ({ id: i & 0xfff }));
  const { d, reads } = counted(ether({ type: 0x0800, tags }, new Uint8Array(40)));
  const ds = dissect(d);
  assert.equal(ds.count, 32);
  assert.ok(reads() <= 8 * 32, `${reads()} reads`);
});

/** Hostile frames: loops and chains the decoders bound, wrapped in whole Ethernet frames. */
function hostileFrames(): [string, Uint8Array][] {
  const dnsOver = (msg: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4({ src: "10.0.0.53", dst: "10.0.0.1", proto: 17 }, udp({ sport: 53, dport: 5353 }, msg)),
    );
  const loopAnswer = Uint8Array.from([
    ...header(1, 2, 0x8180),
    0xc0,
    12, // the question's name points at itself
    0,
    1,
    0,
    1,
    0xc0,
    12,
    0,
    5, // a CNAME owned by the looping name, pointing at itself
    0,
    1,
    0,
    0,
    0,
    9,
    0,
    2,
    0xc0,
    30,
  ]);
  let nest = udp({ sport: 1, dport: 2 }, bytes(1));
  for (let i = 0; i < 1000; i++) {
    nest = ipv4({ src: "10.0.0.1", dst: "10.0.0.2", proto: 47 }, gre({ proto: 0x0800 }, nest));
    if (nest.length > 60000) break;
  }
  const tcpBad = Uint8Array.from([
    0x9c,
    0x40,
    0,
    80,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    0xf0,
    0x02,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const opts = Uint8Array.from([1, 1, 30, 0, ...new Array(36).fill(1)]);
  const igmp3 = Uint8Array.from([0x22, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 0, 0xff, 0xff, 239, 1, 1, 1]);
  return [
    ["dns pointer loops", dnsOver(loopAnswer)],
    ["dns pointer loop in a query", dnsOver(Uint8Array.from([...header(1), 0xc0, 12, 0, 1, 0, 1]))],
    ["dns 65535 records", dnsOver(Uint8Array.from([...header(0xffff, 0xffff, 0x8180), 5, 0x61]))],
    [
      "dns 63-byte label loop",
      dnsOver(
        Uint8Array.from([...header(1, 0, 0x8180), 63, ...new Array(63).fill(0x61), 0xc0, 12]),
      ),
    ],
    [
      "tcp zero-length option",
      ether(
        { type: 0x0800 },
        ipv4({ src: "10.0.0.1", dst: "10.0.0.2", proto: 6 }, bytes(tcpBad, opts)),
      ),
    ],
    ["ipv6 1000 extension headers", ipv6Chain(1000)],
    ["gre nested", ether({ type: 0x0800 }, nest)],
    [
      "1000 vlan tags",
      ether(
        { type: 0x0800, tags: Array.from({ length: 1000 }, () => ({ id: 5 })) },
        new Uint8Array(40),
      ),
    ],
    [
      "igmpv3 65535 records",
      ether({ type: 0x0800 }, ipv4({ src: "10.0.0.1", dst: "224.0.0.22", proto: 2 }, igmp3)),
    ],
  ];
}

const FORMATTERS: [string, (rec: PacketRecord) => string][] = [
  [
    "text -vvv -e -XX",
    (rec) => formatText(rec, { verbose: 3, link: true, hex: "XX", tsFormat: "none" }),
  ],
  ["text -v", (rec) => formatText(rec, { verbose: 1, tsFormat: "none" })],
  ["NDJSON", formatJson],
];

Deno.test("text and NDJSON output of hostile frames finish within a fixed budget of reads", () => {
  // Guards the formatters' own loops over what the decoders bound (DNS sections and names,
  // TCP options, extension headers, tunnels, VLAN tags, IGMPv3 records): each frame costs at
  // most a few reads per byte, however its counts and pointers lie.
  for (const [what, frame] of hostileFrames()) {
    for (const [name, fmt] of FORMATTERS) {
      const { d, reads } = counted(frame, 16 * frame.length + 4000);
      const rec = {
        ts: 0n,
        iface: "eth0",
        ifindex: 1,
        len: frame.length,
        caplen: frame.length,
        direction: "host" as const,
        data: d,
      };
      const out = fmt(rec);
      assert.ok(
        out.length > 0 && out.length < 20 * frame.length + 4000,
        `${what} (${name}): ${out.length} characters`,
      );
      assert.ok(reads() > 0, `${what} (${name}): the proxy saw no reads`);
    }
  }
});

Deno.test("bounds: a stack of 1000 VLAN tags gives as many tags as the frame walker records", () => {
  // Guards VLAN_MAX_TAGS: Packet.vlan (vlanTags) and the NDJSON vlan array agree, and stop.
  const tag = [0x81, 0x00, 0x00, 0x64];
  const frame = Uint8Array.from([
    ...new Array(12).fill(2),
    ...tag.concat(...new Array(999).fill(tag)),
    0x08,
    0x00,
  ]);
  const tags = vlanTags(frame);
  assert.equal(tags.length, VLAN_MAX_TAGS);
  assert.equal(tags.length, MAX_LAYERS - 1);
  const json = JSON.parse(formatJson({
    ts: 0n,
    iface: "",
    ifindex: 0,
    len: frame.length,
    caplen: frame.length,
    direction: "unknown",
    data: frame,
  }));
  assert.equal(json.vlan.length, tags.length);
});
