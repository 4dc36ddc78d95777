/**
 * VLAN semantics: the same program must give the same answer on a frame with its outer tag
 * inline (files) and on the frame as a live socket sees it (outer tag stripped into ancillary
 * data), and `vlanIds` (the `--vlan` flag) must select frames carrying one of the ids.
 */

import { deepStrictEqual, equal, ok } from "node:assert/strict";
import { type BpfAux, compileFilter } from "../src/filter/mod.ts";

interface Tag {
  tpid: number;
  id: number;
  pcp?: number;
}

function ipv4(proto: number, payload: Uint8Array, src = [10, 0, 0, 1], dst = [10, 0, 0, 2]) {
  const h = new Uint8Array(20 + payload.length);
  h.set([0x45, 0, (h.length >> 8) & 0xff, h.length & 0xff, 0, 1, 0, 0, 64, proto, 0, 0]);
  h.set(src, 12);
  h.set(dst, 16);
  h.set(payload, 20);
  return h;
}

function udp(sport: number, dport: number): Uint8Array {
  return Uint8Array.from([
    sport >> 8,
    sport & 0xff,
    dport >> 8,
    dport & 0xff,
    0,
    12,
    0,
    0,
    1,
    2,
    3,
    4,
  ]);
}

function tcp(sport: number, dport: number, flags: number): Uint8Array {
  const t = new Uint8Array(20);
  t.set([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff]);
  t[12] = 0x50;
  t[13] = flags;
  return t;
}

function ether(type: number, payload: Uint8Array, tags: Tag[] = []): Uint8Array {
  const out = new Uint8Array(14 + 4 * tags.length + payload.length);
  out.set([0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55]);
  let at = 12;
  for (const tag of tags) {
    const tci = ((tag.pcp ?? 0) << 13) | tag.id;
    out.set([tag.tpid >> 8, tag.tpid & 0xff, tci >> 8, tci & 0xff], at);
    at += 4;
  }
  out.set([type >> 8, type & 0xff], at);
  out.set(payload, at + 2);
  return out;
}

/** The frame as the kernel hands it to a socket filter with VLAN offload: outer tag removed. */
function strip(frame: Uint8Array): { data: Uint8Array; aux: BpfAux } {
  const tpid = (frame[12] << 8) | frame[13];
  if (tpid !== 0x8100 && tpid !== 0x88a8 && tpid !== 0x9100) {
    return { data: frame, aux: { vlanTagPresent: false } };
  }
  const data = new Uint8Array(frame.length - 4);
  data.set(frame.subarray(0, 12));
  data.set(frame.subarray(16), 12);
  return {
    data,
    aux: { vlanTagPresent: true, vlanTci: (frame[14] << 8) | frame[15], vlanTpid: tpid },
  };
}

const Q = 0x8100;
const AD = 0x88a8;
const FRAMES: Record<string, Uint8Array> = {
  plainUdp53: ether(0x0800, ipv4(17, udp(5000, 53))),
  plainTcp80: ether(0x0800, ipv4(6, tcp(1234, 80, 0x02))),
  v100Udp53: ether(0x0800, ipv4(17, udp(5000, 53)), [{ tpid: Q, id: 100, pcp: 5 }]),
  v100Tcp80: ether(0x0800, ipv4(6, tcp(1234, 80, 0x12)), [{ tpid: Q, id: 100 }]),
  v200Tcp80: ether(0x0800, ipv4(6, tcp(1234, 80, 0x02)), [{ tpid: Q, id: 200 }]),
  v300Udp: ether(0x0800, ipv4(17, udp(9, 9)), [{ tpid: 0x9100, id: 300 }]),
  qinq100in200Udp53: ether(0x0800, ipv4(17, udp(7, 53)), [{ tpid: AD, id: 100 }, {
    tpid: Q,
    id: 200,
  }]),
  qinq200in100Tcp: ether(0x0800, ipv4(6, tcp(443, 5555, 0x10)), [{ tpid: Q, id: 200 }, {
    tpid: Q,
    id: 100,
  }]),
  v100Arp: ether(0x0806, new Uint8Array(28), [{ tpid: Q, id: 100 }]),
  plainArp: ether(0x0806, new Uint8Array(28)),
};

const VLAN_FIRST = [
  "vlan",
  "vlan 100",
  "vlan 200",
  "vlan 300",
  "not vlan",
  "vlan and ip",
  "vlan and udp",
  "vlan and arp",
  "vlan 100 and udp port 53",
  "vlan 100 and tcp[13] & tcp-ack != 0",
  "vlan 100 and vlan 200",
  "vlan 100 and vlan 200 and udp port 53",
  "vlan 200 and vlan 100 and tcp",
  "vlan and vlan and ip",
  "vlan and not vlan",
  "vlan 100 or vlan 200",
  "vlan and (udp or tcp port 80)",
  "vlan and host 10.0.0.2 and udp[8:4] = 0x01020304",
  "vlan and ip[9] = 17",
  "vlan 100 and vlan and tcp port 443",
];

const select = (expr: string, variant: (f: Uint8Array) => { data: Uint8Array; aux: BpfAux }) => {
  const f = compileFilter(expr);
  return Object.entries(FRAMES).filter(([, frame]) => {
    const { data, aux } = variant(frame);
    return f.matches(data, data.length, aux);
  }).map(([name]) => name);
};

const inline = (f: Uint8Array) => ({ data: f, aux: { vlanTagPresent: false } });

Deno.test("filter vlan: live (tag stripped) and file (tag inline) frames give the same answers", () => {
  for (const expr of VLAN_FIRST) {
    deepStrictEqual(select(expr, strip), select(expr, inline), expr);
  }
});

Deno.test("filter vlan: expected selections", () => {
  deepStrictEqual(select("vlan 100 and udp port 53", inline), ["v100Udp53"]);
  deepStrictEqual(select("vlan 100 and vlan 200 and udp port 53", strip), ["qinq100in200Udp53"]);
  deepStrictEqual(select("vlan 200 and vlan 100", strip), ["qinq200in100Tcp"]);
  deepStrictEqual(select("not vlan", strip), ["plainUdp53", "plainTcp80", "plainArp"]);
  deepStrictEqual(select("vlan 300 and udp", strip), ["v300Udp"]);
  deepStrictEqual(select("vlan and arp", inline), ["v100Arp"]);
});

Deno.test("filter vlan: the first level reads the stripped tag from ancillary data", () => {
  const f = compileFilter("vlan 100");
  const bare = FRAMES.plainUdp53;
  ok(f.matches(bare, bare.length, { vlanTagPresent: true, vlanTci: 100 }));
  ok(f.matches(bare, bare.length, { vlanTagPresent: true, vlanTci: (7 << 13) | 100 }));
  ok(!f.matches(bare, bare.length, { vlanTagPresent: true, vlanTci: 101 }));
  ok(!f.matches(bare, bare.length, { vlanTagPresent: false, vlanTci: 100 }));
  const udp = compileFilter("vlan 100 and udp port 53");
  ok(udp.matches(bare, bare.length, { vlanTagPresent: true, vlanTci: 100 }));
  ok(!udp.matches(FRAMES.plainTcp80, 54, { vlanTagPresent: true, vlanTci: 100 }));
});

Deno.test("filter vlan: vlanIds (--vlan) matches when any tag has one of the ids", () => {
  const all = (ids: number[], expr = "") => {
    const f = compileFilter(expr, { vlanIds: ids });
    const picks = (variant: typeof strip) =>
      Object.entries(FRAMES).filter(([, frame]) => {
        const { data, aux } = variant(frame);
        return f.matches(data, data.length, aux);
      }).map(([n]) => n);
    const live = picks(strip);
    deepStrictEqual(live, picks(inline), `${ids} ${expr}`);
    return live;
  };
  deepStrictEqual(all([100]), [
    "v100Udp53",
    "v100Tcp80",
    "qinq100in200Udp53",
    "qinq200in100Tcp",
    "v100Arp",
  ]);
  deepStrictEqual(all([300]), ["v300Udp"]);
  deepStrictEqual(all([200, 300]), [
    "v200Tcp80",
    "v300Udp",
    "qinq100in200Udp53",
    "qinq200in100Tcp",
  ]);
  deepStrictEqual(all([100], "udp"), ["v100Udp53"]);
  deepStrictEqual(all([100], "tcp port 80"), ["v100Tcp80"]);
  deepStrictEqual(all([100], "vlan 200 and udp"), ["qinq100in200Udp53"]);
  deepStrictEqual(all([4000]), []);
});

Deno.test("filter vlan: a vlanIds program is one validated program", () => {
  const f = compileFilter("", { vlanIds: [100] });
  ok(f.insns.length > 3 && f.insns.length < 40, `length ${f.insns.length}`);
  equal(f.bytes.length, f.insns.length * 8);
});
