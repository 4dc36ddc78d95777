/** Decoders of the overlays and encapsulations (issue 15 family 3), on the overlay samples. */
import assert from "node:assert/strict";
import {
  dissect,
  LAYER_AH,
  LAYER_ERSPAN,
  LAYER_ESP,
  LAYER_GENEVE,
  LAYER_MPLS,
  LAYER_NAMES,
  LAYER_PPP,
  LAYER_PPPOE,
  LAYER_SCTP,
  LAYER_VXLAN,
} from "../src/decode/frame.ts";
import { erspanHeader } from "../src/decode/erspan.ts";
import { geneveHeader } from "../src/decode/geneve.ts";
import { ahHeader, espHeader } from "../src/decode/ipsec.ts";
import { mplsEntry } from "../src/decode/mpls.ts";
import { pppHeader, pppoeHeader } from "../src/decode/pppoe.ts";
import { sctpPacket } from "../src/decode/sctp.ts";
import { vxlanHeader } from "../src/decode/vxlan.ts";
import { formatJson } from "../src/format/json.ts";
import { formatText } from "../src/format/text.ts";
import { overlaySamples } from "./helpers/overlay_frames.ts";

const byName = new Map(overlaySamples().map((s) => [s.name, s.data]));
function sample(name: string): Uint8Array {
  const d = byName.get(name);
  if (!d) throw new Error("no sample " + name);
  return d;
}

function kinds(d: Uint8Array): string {
  const ds = dissect(d);
  const k = Array.from({ length: ds.count }, (_, i) => LAYER_NAMES[ds.kind[i]]).join(" ");
  return k + (ds.truncated ? " |" + LAYER_NAMES[ds.truncated] : "");
}

Deno.test("dissect walks into the overlays and the packets they carry", () => {
  const want: Record<string, string> = {
    "vxlan-ping": "ethernet ipv4 udp vxlan ethernet ipv4 icmp",
    "vxlan-vlan": "ethernet ipv4 udp vxlan ethernet vlan ipv4 icmp",
    "vxlan-ipv6": "ethernet ipv6 udp vxlan ethernet ipv4 icmp",
    "vxlan-cut-header": "ethernet ipv4 udp |vxlan",
    "vxlan-cut-inner": "ethernet ipv4 udp vxlan |ethernet",
    "geneve-teb": "ethernet ipv4 udp geneve ethernet ipv4 icmp",
    "geneve-ipv4": "ethernet ipv4 udp geneve ipv4 udp payload",
    "geneve-options": "ethernet ipv4 udp geneve ethernet ipv4 icmp",
    "geneve-cut-header": "ethernet ipv4 udp |geneve",
    "geneve-cut-options": "ethernet ipv4 udp geneve |geneve",
    "mpls-ipv4": "ethernet mpls ipv4 icmp",
    "mpls-stack": "ethernet mpls mpls ipv4 udp payload",
    "mpls-ipv6": "ethernet mpls ipv6 udp payload",
    "mpls-cut-stack": "ethernet mpls |mpls",
    "mpls-cut-ip": "ethernet mpls mpls |ipv4",
    "pppoe-padi": "ethernet pppoe",
    "pppoe-cut-tags": "ethernet pppoe |pppoe",
    "pppoe-cut-header": "ethernet |pppoe",
    "pppoe-lcp-conf-req": "ethernet pppoe ppp",
    "pppoe-ipv4": "ethernet pppoe ppp ipv4 icmp",
    "pppoe-ipv6": "ethernet pppoe ppp ipv6 udp payload",
    "erspan-ii": "ethernet ipv4 gre erspan ethernet ipv4 icmp",
    "erspan-ii-vlan": "ethernet ipv4 gre erspan ethernet vlan ipv4 icmp",
    "erspan-iii": "ethernet ipv4 gre erspan ethernet ipv4 icmp",
    "erspan-i": "ethernet ipv4 gre ethernet ipv4 icmp",
    "erspan-cut-header": "ethernet ipv4 gre |erspan",
    "esp-ipv4": "ethernet ipv4 esp payload",
    "esp-ipv6": "ethernet ipv6 esp payload",
    "esp-nat-t": "ethernet ipv4 udp esp payload",
    "esp-cut": "ethernet ipv4 |esp",
    "ah-ipv4-tcp": "ethernet ipv4 ah tcp",
    "ah-ipv4-icmp": "ethernet ipv4 ah icmp",
    "ah-ipv6-icmp6": "ethernet ipv6 ipv6ext icmpv6",
    "ah-cut-spi": "ethernet ipv4 |ah",
    "sctp-init": "ethernet ipv4 sctp",
    "sctp-ipv6-shutdown": "ethernet ipv6 sctp",
    "sctp-cut-header": "ethernet ipv4 |sctp",
  };
  for (const [name, k] of Object.entries(want)) assert.equal(kinds(sample(name)), k, name);
});

Deno.test("the VXLAN and Geneve headers", () => {
  let d = sample("vxlan-vlan");
  let ds = dissect(d);
  assert.deepEqual(vxlanHeader(d, ds.start[ds.find(LAYER_VXLAN)]), { flags: 0x08, vni: 4096 });
  d = sample("geneve-options");
  ds = dissect(d);
  const g = ds.find(LAYER_GENEVE);
  assert.deepEqual(geneveHeader(d, ds.start[g], ds.end[g]), {
    version: 0,
    optLen: 12,
    flags: 0x40,
    proto: 0x6558,
    vni: 0xabcdef,
    options: 2,
  });
});

Deno.test("MPLS label stack entries", () => {
  const d = sample("mpls-stack"), ds = dissect(d);
  const i = ds.find(LAYER_MPLS);
  assert.deepEqual(mplsEntry(d, ds.start[i]), { label: 16, tc: 5, s: 0, ttl: 255 });
  assert.deepEqual(mplsEntry(d, ds.start[i + 1]), { label: 200, tc: 0, s: 1, ttl: 63 });
});

Deno.test("PPPoE discovery tags and PPP control headers", () => {
  let d = sample("pppoe-pado"), ds = dissect(d);
  let i = ds.find(LAYER_PPPOE);
  assert.deepEqual(pppoeHeader(d, ds.start[i], ds.end[i]), {
    version: 1,
    type: 1,
    code: 0x07,
    session: 0,
    len: 37,
    serviceName: "isp",
    acName: "bras-1",
    hostUniq: "12345678",
  });
  d = sample("pppoe-lcp-echo");
  ds = dissect(d);
  i = ds.find(LAYER_PPP);
  assert.deepEqual(pppHeader(d, ds.start[i], ds.end[i]), {
    proto: 0xc021,
    code: 10,
    id: 3,
    len: 8,
  });
  // A compressed protocol field (one odd octet).
  const pfc = Uint8Array.of(0x21, 0x45);
  assert.deepEqual(pppHeader(pfc, 0, 2), { proto: 0x21 });
});

Deno.test("ERSPAN type II and III headers", () => {
  let d = sample("erspan-ii-vlan"), ds = dissect(d);
  assert.deepEqual(erspanHeader(d, ds.start[ds.find(LAYER_ERSPAN)]), {
    version: 1,
    vlan: 30,
    cos: 3,
    session: 11,
    index: 5,
  });
  d = sample("erspan-iii");
  ds = dissect(d);
  assert.deepEqual(erspanHeader(d, ds.start[ds.find(LAYER_ERSPAN)]), {
    version: 2,
    vlan: 0,
    cos: 0,
    session: 12,
    timestamp: 0x12345678,
    sgt: 0,
    hw: 1,
  });
});

Deno.test("IPsec ESP and AH headers", () => {
  let d = sample("esp-nat-t"), ds = dissect(d);
  assert.deepEqual(espHeader(d, ds.start[ds.find(LAYER_ESP)]), { spi: 0x3001, seq: 9 });
  d = sample("ah-ipv4-tcp");
  ds = dissect(d);
  const i = ds.find(LAYER_AH);
  assert.deepEqual(ahHeader(d, ds.start[i], ds.end[i]), {
    next: 6,
    len: 4,
    spi: 0x2001,
    seq: 3,
    icv: "aa".repeat(12),
  });
});

Deno.test("SCTP common header and chunk headers", () => {
  let d = sample("sctp-data-sack"), ds = dissect(d);
  let i = ds.find(LAYER_SCTP);
  assert.deepEqual(sctpPacket(d, ds.start[i], ds.end[i]), {
    sport: 5000,
    dport: 5001,
    tag: 0x55667788,
    chunks: [{ type: 0, flags: 3, len: 21 }, { type: 3, flags: 0, len: 16 }],
  });
  d = sample("sctp-init-ack");
  ds = dissect(d);
  i = ds.find(LAYER_SCTP);
  assert.equal(sctpPacket(d, ds.start[i], ds.end[i]).initTag, 0x55667788);
  // A chunk length below the header's stops the walk.
  assert.equal(sctpPacket(sample("sctp-bogus-data"), 34, 54).chunks.length, 1);
  const zero = new Uint8Array(12 + 4);
  assert.deepEqual(sctpPacket(zero, 0, zero.length).chunks, [{ type: 0, flags: 0, len: 0 }]);
});

Deno.test("overlay decoders never read past the captured bytes", () => {
  for (const [name, d] of byName) {
    for (let cut = 0; cut <= d.length; cut++) {
      const ds = dissect(d.subarray(0, cut));
      for (let i = 0; i < ds.count; i++) {
        assert.ok(ds.end[i] <= cut && ds.start[i] <= ds.end[i], `${name} cut at ${cut}`);
      }
    }
  }
});

Deno.test("every overlay sample cut at every length prints and encodes without throwing", () => {
  // A SACK with gap blocks and a duplicate TSN, not among the samples (tcpdump breaks its line).
  const sack = Uint8Array.from(
    "020000000002020000000001080045000040000100004084f635c0000201c00002020001000200000000bc5421280300001c000007d000000064000200010002000300050009000007cf0b000004"
      .match(/../g)!.map((b) => parseInt(b, 16)),
  );
  const frames = [...byName.values(), sack];
  let lines = 0;
  for (const d of frames) {
    for (let cut = 0; cut <= d.length; cut++) {
      const rec = {
        ts: 0n,
        iface: "",
        ifindex: 0,
        len: d.length,
        caplen: cut,
        direction: "unknown" as const,
        data: d.subarray(0, cut),
      };
      for (const verbose of [0, 1]) {
        for (const link of [false, true]) {
          assert.ok(formatText(rec, { verbose, link, hex: "x" }).length > 0);
          lines++;
        }
      }
      JSON.parse(formatJson(rec));
    }
  }
  assert.ok(lines > 1000);
  const text = formatText(
    {
      ts: 0n,
      iface: "",
      ifindex: 0,
      len: sack.length,
      caplen: sack.length,
      direction: "unknown",
      data: sack,
    },
    { tsFormat: "none" },
  );
  assert.match(
    text,
    /\[gap ack block #2: start = 2005, end = 2009\] \[dup TSN #1: 1999\] , \(2\) \[COOKIE ACK\]$/,
  );
});
