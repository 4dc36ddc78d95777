import assert from "node:assert/strict";
import { ethernetHeader, ethertypeName } from "../src/decode/ethernet.ts";
import { isVlanTpid, vlanTags } from "../src/decode/vlan.ts";
import { llcHeader, llcHeaderLength } from "../src/decode/llc.ts";
import { arpLength, arpPacket } from "../src/decode/arp.ts";
import { arp, bytes, ether, ether8023 } from "./helpers/frames.ts";

Deno.test("ethernetHeader reads addresses and type", () => {
  const f = ether({ src: "00:11:22:33:44:55", dst: "ff:ff:ff:ff:ff:ff", type: 0x86dd }, bytes(1));
  assert.deepEqual(ethernetHeader(f), {
    src: "00:11:22:33:44:55",
    dst: "ff:ff:ff:ff:ff:ff",
    type: 0x86dd,
  });
  assert.equal(ethertypeName(0x0800), "IPv4");
  assert.equal(ethertypeName(0x88b5), "Unknown");
});

Deno.test("vlanTags lists every inline tag outer first", () => {
  const f = ether({
    type: 0x0800,
    tags: [{ tpid: 0x88a8, id: 4094, pcp: 7, dei: 1 }, { tpid: 0x9100, id: 1 }, {
      id: 300,
      pcp: 2,
    }],
  }, new Uint8Array(20));
  assert.deepEqual(vlanTags(f), [
    { tpid: 0x88a8, id: 4094, pcp: 7, dei: 1 },
    { tpid: 0x9100, id: 1, pcp: 0, dei: 0 },
    { tpid: 0x8100, id: 300, pcp: 2, dei: 0 },
  ]);
  assert.deepEqual(vlanTags(ether({ type: 0x0800 }, new Uint8Array(20))), []);
  assert.deepEqual(vlanTags(f.subarray(0, 19)), [{ tpid: 0x88a8, id: 4094, pcp: 7, dei: 1 }]);
  assert.deepEqual(vlanTags(f.subarray(0, 5)), []);
  assert.ok(isVlanTpid(0x8100) && isVlanTpid(0x88a8) && isVlanTpid(0x9100) && !isVlanTpid(0x0800));
});

Deno.test("llc header lengths and SNAP", () => {
  const stp = ether8023({ dsap: 0x42, ssap: 0x42, ctrl: 0x03 }, new Uint8Array(10));
  assert.equal(llcHeaderLength(stp, 14, stp.length), 3);
  assert.deepEqual(llcHeader(stp, 14), { dsap: 0x42, ssap: 0x42, ctrl: 3 });
  const snap = ether8023({ dsap: 0xaa, ssap: 0xaa, ctrl: 3, snap: [0, 0, 0, 0x86, 0xdd] }, bytes());
  assert.equal(llcHeaderLength(snap, 14, snap.length), 8);
  assert.deepEqual(llcHeader(snap, 14).snap, { oui: 0, type: 0x86dd });
  const iframe = ether8023({ dsap: 0xf0, ssap: 0xf0, ctrl: 0x00 }, bytes(0x02));
  assert.equal(llcHeaderLength(iframe, 14, iframe.length), 4);
  assert.equal(llcHeader(iframe, 14).ctrl, 0x0002);
  assert.equal(llcHeaderLength(snap, 14, 20), -1);
});

Deno.test("arp packet fields and bounds", () => {
  const a = arp({
    op: 2,
    sha: "02:00:00:00:00:02",
    spa: "10.0.0.2",
    tha: "02:00:00:00:00:01",
    tpa: "10.0.0.1",
  });
  assert.equal(arpLength(a, 0, a.length), 28);
  assert.equal(arpLength(a, 0, 27), -1);
  assert.deepEqual(arpPacket(a, 0), {
    htype: 1,
    ptype: 0x0800,
    op: 2,
    sha: "02:00:00:00:00:02",
    spa: "10.0.0.2",
    tha: "02:00:00:00:00:01",
    tpa: "10.0.0.1",
  });
});
