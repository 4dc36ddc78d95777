/** Decoders of bridging and link control (issue 15 family 1): BPDUs, slow protocols. */
import assert from "node:assert/strict";
import { dissect, LAYER_LLDP, LAYER_NAMES, LAYER_SLOW, LAYER_STP } from "../src/decode/frame.ts";
import { lldpLength, lldpPdu } from "../src/decode/lldp.ts";
import { eapolFrame } from "../src/decode/eapol.ts";
import { LAYER_ARP, LAYER_EAPOL } from "../src/decode/frame.ts";
import { arpPacket } from "../src/decode/arp.ts";
import { cdpLength, cdpPacket } from "../src/decode/cdp.ts";
import { LAYER_CDP } from "../src/decode/frame.ts";
import { slowLength, slowPdu } from "../src/decode/slow.ts";
import { mstiCount, stpBpdu, stpLength } from "../src/decode/stp.ts";
import { samples } from "./helpers/frames.ts";

const sample = (name: string) => samples().find((s) => s.name === name)!.data;
/** Offset of a BPDU after an 802.3 header and a 3-byte LLC header. */
const LLC_END = 17;

Deno.test("stp: the walker records BPDUs after LLC SAP 0x42 and PVST+ SNAP", () => {
  for (const name of ["stp-config", "stp-tcn", "rstp", "mstp", "pvst"]) {
    const ds = dissect(sample(name));
    const i = ds.find(LAYER_STP);
    assert.ok(i > 0, name);
    assert.equal(ds.truncated, 0, name);
    assert.equal(ds.malformed, 0, name);
  }
  assert.equal(LAYER_NAMES[LAYER_STP], "stp");
  const cut = dissect(samples().find((s) => s.name === "mstp-truncated")!.data);
  assert.equal(cut.truncatedName, "stp");
  assert.equal(dissect(sample("stp-invalid")).malformedName, "stp");
});

Deno.test("stp: configuration, RST and MST BPDUs decode field by field", () => {
  const c = stpBpdu(sample("stp-config"), LLC_END, LLC_END + 35);
  assert.deepEqual(c, {
    version: 0,
    type: 0,
    flags: 0x81,
    rootPrio: 0x8000,
    rootExt: 0,
    rootMac: "00:11:22:33:44:55",
    rootCost: 4,
    bridgePrio: 0x8000,
    bridgeExt: 100,
    bridgeMac: "00:11:22:33:44:66",
    port: 0x8001,
    age: 1,
    maxAge: 20,
    hello: 2,
    fwdDelay: 15,
  });
  assert.deepEqual(stpBpdu(sample("stp-tcn"), LLC_END, LLC_END + 4), { version: 0, type: 0x80 });
  const m = sample("mstp");
  assert.equal(mstiCount(m, LLC_END), 2);
  assert.equal(stpLength(m, LLC_END, m.length, m.length - LLC_END), 102 + 32);
  const b = stpBpdu(m, LLC_END, m.length);
  assert.deepEqual(b.mstis?.map((x) => [x.id, x.flags, x.prio, x.cost, x.bridgePrio, x.hops]), [
    [1, 0x7c, 1, 200, 8, 19],
    [2, 0x01, 1, 400, 8, 18],
  ]);
});

Deno.test("stp: lengths: short declared lengths are malformed, short captures truncated", () => {
  const m = sample("mstp");
  assert.equal(stpLength(m, LLC_END, LLC_END + 50, m.length - LLC_END), -1);
  assert.equal(stpLength(m, LLC_END, m.length, 60), 0);
  assert.equal(stpLength(m, LLC_END, m.length, 2), 0);
  // A version 3 length past the BPDU is malformed, not read.
  const big = m.slice();
  big[LLC_END + 36] = 0xff;
  assert.equal(stpLength(big, LLC_END, big.length, big.length - LLC_END), 0);
  assert.equal(mstiCount(big, LLC_END), 64);
});

Deno.test("lacp: actor, partner, collector and marker TLVs decode; short TLVs are left out", () => {
  const l = sample("lacp");
  const ds = dissect(l);
  const i = ds.find(LAYER_SLOW);
  assert.equal(LAYER_NAMES[LAYER_SLOW], "lacp");
  assert.equal(ds.truncated, 0);
  const p = slowPdu(l, ds.start[i], ds.end[i]);
  assert.deepEqual(p.actor, {
    system: "00:11:22:33:44:55",
    systemPrio: 32768,
    key: 13,
    port: 3,
    portPrio: 128,
    state: 0x3d,
  });
  assert.equal(p.partner?.state, 0x47);
  assert.equal(p.maxDelay, 5);
  assert.equal(slowLength(l, ds.start[i], ds.end[i]), 2 + 20 + 20 + 16 + 2);
  const m = sample("lacp-marker");
  assert.deepEqual(slowPdu(m, 14, m.length).marker, {
    port: 3,
    system: "00:11:22:33:44:55",
    xid: 0x1234,
  });
  const cut = samples().find((s) => s.name === "lacp-truncated")!.data;
  assert.equal(dissect(cut).truncatedName, "lacp");
  const partial = slowPdu(cut, 14, cut.length);
  assert.equal(partial.actor?.key, 13);
  assert.equal(partial.partner, undefined);
  // A TLV whose length says 1 stops the walk instead of looping.
  const bad = Uint8Array.of(1, 1, 1, 1, 0, 0);
  assert.equal(slowLength(bad, 0, bad.length), 4);
  assert.deepEqual(slowPdu(bad, 0, bad.length), { subtype: 1, version: 1 });
});

Deno.test("lldp: mandatory, optional, 802.1 and 802.3 TLVs decode; the TLV walk is bounded", () => {
  const f = sample("lldp");
  const ds = dissect(f);
  const i = ds.find(LAYER_LLDP);
  assert.equal(LAYER_NAMES[LAYER_LLDP], "lldp");
  assert.equal(ds.truncated, 0);
  assert.deepEqual(lldpPdu(f, ds.start[i], ds.end[i]), {
    tlvs: 14,
    chassisSubtype: 4,
    chassisId: "00:11:22:33:44:55",
    portSubtype: 5,
    portId: "eth1",
    ttl: 120,
    portDesc: "uplink port",
    sysName: "sw1.example",
    sysDesc: "Linux 6.1",
    caps: 0x14,
    capsEnabled: 0x04,
    mgmtAddr: "192.0.2.1",
    pvid: 100,
    vlans: [{ id: 100, name: "users" }],
    autoneg: 3,
    pmd: 0x6c03,
    mau: 30,
    mdiPower: 0x0f,
    mtu: 1518,
  });
  const cut = samples().find((s) => s.name === "lldp-truncated")!.data;
  assert.equal(dissect(cut).truncatedName, "lldp");
  assert.equal(lldpLength(cut, 14, cut.length), -1);
  // 300 one-byte TLVs without an End TLV: the walk stops after LLDP_MAX_TLVS.
  const many = new Uint8Array(900).fill(0);
  for (let t = 0; t < 900; t += 3) many.set([0x12, 0x01, 0x41], t);
  assert.equal(lldpLength(many, 0, many.length), 256 * 3);
  assert.equal(lldpPdu(many, 0, many.length).tlvs, 256);
});

Deno.test("eapol and rarp: EAP inside EAPOL; RARP is read as ARP", () => {
  const f = sample("eap-identity");
  const ds = dissect(f);
  const i = ds.find(LAYER_EAPOL);
  assert.equal(LAYER_NAMES[LAYER_EAPOL], "eapol");
  assert.deepEqual(eapolFrame(f, ds.start[i], ds.end[i]), {
    version: 2,
    type: 0,
    len: 10,
    eap: { code: 2, id: 7, len: 10, type: 1, identity: "alice" },
  });
  const s = sample("eapol-start");
  assert.deepEqual(eapolFrame(s, 14, s.length), { version: 2, type: 1, len: 0 });
  const cut = samples().find((x) => x.name === "eapol-truncated")!.data;
  assert.equal(dissect(cut).truncatedName, "eapol");
  const r = sample("rarp-reply");
  const rd = dissect(r);
  assert.equal(arpPacket(r, rd.start[rd.find(LAYER_ARP)]).op, 4);
});

Deno.test("cdp: the walker finds CDP after Cisco's SNAP; its TLVs decode", () => {
  const f = sample("cdp");
  const ds = dissect(f);
  const i = ds.find(LAYER_CDP);
  assert.equal(LAYER_NAMES[LAYER_CDP], "cdp");
  assert.equal(ds.truncated, 0);
  assert.deepEqual(cdpPacket(f, ds.start[i], ds.end[i]), {
    version: 2,
    ttl: 180,
    checksum: 0,
    deviceId: "sw1.example",
    address: "192.0.2.1",
    portId: "GigabitEthernet0/1",
    caps: 0x28,
    softwareVersion: "Cisco IOS 15.2",
    platform: "cisco WS-C2960",
    nativeVlan: 10,
    duplex: 1,
  });
  assert.equal(cdpLength(f, ds.start[i], ds.end[i], ds.aux[i]), ds.aux[i]);
  const cut = samples().find((s) => s.name === "cdp-truncated")!.data;
  assert.equal(dissect(cut).truncatedName, "cdp");
});
