/** Decoders of gateways, time and management protocols (issue 15, family 4). */
import assert from "node:assert/strict";
import {
  dissect,
  LAYER_BGP,
  LAYER_NAMES,
  LAYER_NTP,
  LAYER_OSPF,
  LAYER_RADIUS,
  LAYER_SNMP,
  LAYER_SYSLOG,
  LAYER_TFTP,
  LAYER_VRRP,
} from "../src/decode/frame.ts";
import { ntpHeader } from "../src/decode/ntp.ts";
import { syslogMessage, syslogTextAt } from "../src/decode/syslog.ts";
import { bgpMessage } from "../src/decode/bgp.ts";
import { ospfPacket } from "../src/decode/ospf.ts";
import { radiusMessage } from "../src/decode/radius.ts";
import { ripMessage } from "../src/decode/rip.ts";
import { snmpMessage } from "../src/decode/snmp.ts";
import { tftpMessage } from "../src/decode/tftp.ts";
import { vrrpHeader } from "../src/decode/vrrp.ts";
import { samples } from "./helpers/frames.ts";

const sample = (name: string) => samples().find((s) => s.name === name)!.data;
const te = (s: string) => new TextEncoder().encode(s);

Deno.test("the walker records each protocol by IP protocol or port, and names it", () => {
  const kinds = (name: string) => {
    const ds = dissect(sample(name));
    return [...ds.kind.subarray(0, ds.count)];
  };
  assert.deepEqual(kinds("vrrp2-auth").slice(-1), [LAYER_VRRP]);
  assert.deepEqual(kinds("vrrp3-ipv6").slice(-1), [LAYER_VRRP]);
  assert.deepEqual(kinds("ntp-client").slice(-1), [LAYER_NTP]);
  assert.deepEqual(kinds("syslog").slice(-1), [LAYER_SYSLOG]);
  assert.deepEqual(kinds("tftp-rrq").slice(-1), [LAYER_TFTP]);
  assert.deepEqual(
    [LAYER_VRRP, LAYER_NTP, LAYER_SYSLOG, LAYER_TFTP].map((k) => LAYER_NAMES[k]),
    ["vrrp", "ntp", "syslog", "tftp"],
  );
  assert.equal(LAYER_NAMES[50], "");
});

Deno.test("cut short and malformed messages are named, never thrown", () => {
  assert.equal(dissect(sample("vrrp2-cut")).truncatedName, "vrrp");
  assert.equal(dissect(sample("ntp-cut")).truncatedName, "ntp");
  assert.equal(dissect(sample("syslog-unterminated")).truncatedName, "syslog");
  assert.equal(dissect(sample("syslog-invalid")).malformedName, "syslog");
  assert.equal(dissect(sample("tftp-runt")).truncatedName, "tftp");
});

Deno.test("VRRP header: version 2 and 3 fields, and only version/type when cut short", () => {
  const d = sample("vrrp2-auth"), off = 34;
  assert.deepEqual(vrrpHeader(d, off, d.length), {
    version: 2,
    type: 1,
    vrid: 10,
    prio: 100,
    naddrs: 2,
    interval: 1,
    authType: 1,
  });
  assert.deepEqual(vrrpHeader(d, off, off + 4), { version: 2, type: 1 });
  const v3 = sample("vrrp3");
  assert.deepEqual(vrrpHeader(v3, off, v3.length), {
    version: 3,
    type: 1,
    vrid: 5,
    prio: 200,
    naddrs: 1,
    interval: 100,
    authType: undefined,
  });
});

Deno.test("NTP header: status, signed poll and precision, raw root delay", () => {
  const d = sample("ntp-server"), off = 42;
  assert.deepEqual(ntpHeader(d, off, d.length), {
    leap: 0,
    version: 4,
    mode: 4,
    stratum: 2,
    poll: 6,
    precision: -23,
    rootDelay: 0x290,
    rootDispersion: 0x520,
    refId: 0xc0a80101,
  });
  assert.deepEqual(ntpHeader(d, off, off + 10), { leap: 0, version: 4, mode: 4 });
});

Deno.test("syslog: priority split into facility and severity; invalid and unterminated", () => {
  const m = te("<34>hello");
  assert.equal(syslogTextAt(m, 0, m.length), 4);
  assert.deepEqual(syslogMessage(m, 0, m.length), {
    facility: 4,
    severity: 2,
    message: "hello",
    textAt: 4,
  });
  assert.equal(syslogTextAt(te("x<1>"), 0, 4), -1);
  assert.equal(syslogTextAt(te("<1234>"), 0, 6), -1);
  assert.equal(syslogTextAt(te("<12"), 0, 3), -2);
  assert.equal(syslogTextAt(te(""), 0, 0), -2);
});

Deno.test("TFTP: requests, data, errors, and strings without their NUL", () => {
  const rrq = Uint8Array.of(0, 1, ...te("boot"), 0, ...te("octet"), 0);
  assert.deepEqual(tftpMessage(rrq, 0, rrq.length), { opcode: 1, file: "boot", mode: "octet" });
  assert.deepEqual(tftpMessage(rrq, 0, 5), { opcode: 1 });
  const data = Uint8Array.of(0, 3, 0, 7, 1, 2);
  assert.deepEqual(tftpMessage(data, 0, data.length), { opcode: 3, block: 7 });
  const err = Uint8Array.of(0, 5, 0, 1, ...te("nope"), 0);
  assert.deepEqual(tftpMessage(err, 0, err.length), { opcode: 5, error: 1, message: "nope" });
  assert.deepEqual(tftpMessage(err, 0, 3), { opcode: 5 });
});

Deno.test("SNMP: version, community, PDU, request id, object names; not BER reads nothing", () => {
  const d = sample("snmp-response"), off = 42;
  assert.equal(dissect(d).kind[3], LAYER_SNMP);
  assert.deepEqual(snmpMessage(d, off, d.length), {
    version: 1,
    community: "public",
    pdu: 2,
    requestId: 1234,
    errorStatus: 0,
    errorIndex: 0,
    varbinds: [
      { oid: "1.3.6.1.2.1.1.5.0" },
      { oid: "1.3.6.1.2.1.1.3.0" },
      { oid: "1.3.6.1.4.1.2021.1" },
    ],
  });
  const trap = sample("snmp-v1-trap");
  assert.deepEqual(snmpMessage(trap, off, trap.length), {
    version: 0,
    community: "private",
    pdu: 4,
    varbinds: [],
  });
  const junk = sample("snmp-not-ber");
  assert.deepEqual(snmpMessage(junk, off, junk.length), { version: -1, varbinds: [] });
  assert.equal(dissect(sample("snmp-cut")).truncatedName, "snmp");
});

Deno.test("RADIUS: code, id, length and the attribute types captured whole", () => {
  const d = sample("radius-access-request"), off = 42;
  assert.equal(dissect(d).kind[3], LAYER_RADIUS);
  assert.deepEqual(radiusMessage(d, off, d.length), {
    code: 1,
    id: 7,
    length: 20 + 7 + 6 + 6 + 6 + 6 + 19,
    attributes: [1, 4, 5, 6, 61, 31].map((type) => ({ type })),
  });
  const cut = sample("radius-cut");
  assert.deepEqual(radiusMessage(cut, off, cut.length).attributes, [{ type: 1 }]);
  assert.equal(dissect(cut).truncatedName, "radius");
  assert.deepEqual(radiusMessage(cut, off, off + 3), { code: 1, attributes: [] });
});

Deno.test("OSPF: header fields, hello fields; only version and type when cut short", () => {
  const d = sample("ospf-hello"), off = 34;
  assert.equal(dissect(d).kind[2], LAYER_OSPF);
  assert.deepEqual(ospfPacket(d, off, d.length), {
    version: 2,
    type: 1,
    length: 52,
    routerId: "1.1.1.1",
    area: "0.0.0.0",
    authType: 0,
    hello: {
      mask: "255.255.255.0",
      interval: 10,
      priority: 1,
      deadInterval: 40,
      dr: "10.0.0.1",
      bdr: "10.0.0.2",
    },
  });
  assert.deepEqual(ospfPacket(d, off, off + 10), { version: 2, type: 1 });
  assert.equal(dissect(sample("ospf-cut")).truncatedName, "ospf");
});

Deno.test("BGP: the first message's type, OPEN and NOTIFICATION fields; not BGP is -1", () => {
  const d = sample("bgp-open"), ds = dissect(d), k = ds.find(LAYER_BGP);
  assert.ok(k > 0);
  assert.deepEqual(bgpMessage(d, ds.start[k], ds.end[k]), {
    type: 1,
    length: 29,
    version: 4,
    as: 65001,
    holdTime: 180,
    id: "1.1.1.1",
  });
  const n = sample("bgp-notification"), nds = dissect(n), nk = nds.find(LAYER_BGP);
  assert.deepEqual(bgpMessage(n, nds.start[nk], nds.end[nk]), {
    type: 3,
    length: 21,
    errorCode: 6,
    errorSubcode: 2,
  });
  const x = sample("bgp-not-bgp"), xds = dissect(x), xk = xds.find(LAYER_BGP);
  assert.deepEqual(bgpMessage(x, xds.start[xk], xds.end[xk]), { type: -1 });
});

Deno.test("RIP: command, version and the route entries captured whole, without authentication", () => {
  const d = sample("rip-v2-auth"), off = 42;
  assert.deepEqual(ripMessage(d, off, d.length), {
    command: 2,
    version: 2,
    routes: [{
      family: 2,
      address: "10.1.0.0",
      mask: "255.255.0.0",
      nextHop: "0.0.0.0",
      tag: 0,
      metric: 1,
    }],
  });
  const cut = sample("rip-cut");
  assert.deepEqual(ripMessage(cut, off, cut.length).routes, []);
  assert.equal(dissect(cut).truncatedName, "rip");
});
