/** Decoders of the addressing family (issue 15b): DHCP/BOOTP, DHCPv6, ND options, MLDv2, mDNS, LLMNR. */
import assert from "node:assert/strict";
import { dhcpFindOption, dhcpFits, dhcpMessage } from "../src/decode/dhcp.ts";
import { dhcpv6Fits, dhcpv6Message } from "../src/decode/dhcpv6.ts";
import { icmpv6Message } from "../src/decode/icmpv6.ts";
import { dnsMessage } from "../src/decode/dns.ts";
import {
  dissect,
  DNS_OVER_TCP,
  LAYER_DHCP,
  LAYER_DHCPV6,
  LAYER_DNS,
  LAYER_NAMES,
} from "../src/decode/frame.ts";
import { DHO_HOST_NAME, DHO_LEASE_TIME } from "../src/decode/numbers.ts";
import { samples } from "./helpers/frames.ts";

const sample = (name: string) => samples().find((s) => s.name === name)!.data;
const layers = (d: Uint8Array) => {
  const ds = dissect(d);
  return Array.from({ length: ds.count }, (_, i) => LAYER_NAMES[ds.kind[i]]);
};

Deno.test("dhcp: the walker finds BOOTP/DHCP on UDP ports 67 and 68", () => {
  assert.deepEqual(layers(sample("dhcp-discover")), ["ethernet", "ipv4", "udp", "dhcp"]);
  assert.deepEqual(layers(sample("dhcp-offer")), ["ethernet", "ipv4", "udp", "dhcp"]);
  assert.equal(LAYER_NAMES[LAYER_DHCP], "dhcp");
});

Deno.test("dhcp: the message's fixed header and options", () => {
  const d = sample("dhcp-discover"), off = 42;
  const m = dhcpMessage(d, off, d.length);
  assert.deepEqual(m, {
    op: 1,
    xid: 0x12345678,
    secs: 0,
    flags: 0x8000,
    ciaddr: "0.0.0.0",
    yiaddr: "0.0.0.0",
    siaddr: "0.0.0.0",
    giaddr: "0.0.0.0",
    chaddr: "02:00:00:00:00:0a",
    msgType: 1,
    requestedIp: "192.168.1.50",
    hostname: "myhost",
    params: "1,3,6,15,51,54",
    clientId: "01:02:00:00:00:00:0a",
  });
  assert.ok(dhcpFindOption(d, off, d.length, DHO_HOST_NAME) > off);
  assert.equal(dhcpFindOption(d, off, d.length, DHO_LEASE_TIME), -1);
  const o = sample("dhcp-offer");
  const r = dhcpMessage(o, off, o.length);
  assert.equal(r.dnsServers, "8.8.8.8,8.8.4.4");
  assert.equal(r.circuitId, "65746830");
  assert.equal(r.remoteId, "02000000000a");
  assert.equal(r.leaseTime, 86400);
});

Deno.test("dhcp: cut short, malformed and plain BOOTP never throw", () => {
  for (const name of ["dhcp-cut-options", "dhcp-cut-header", "dhcp-cut-chaddr"]) {
    assert.equal(dissect(sample(name)).truncatedName, "dhcp", name);
  }
  const bad = sample("dhcp-bad-option");
  assert.equal(dhcpFits(bad, 42, bad.length), false);
  assert.equal(dhcpMessage(bad, 42, bad.length).circuitId, undefined);
  const plain = sample("dhcp-bootp-plain");
  assert.equal(dissect(plain).truncated, 0);
  assert.equal(dhcpMessage(plain, 42, plain.length).msgType, undefined);
  // Every prefix of every sample: the walker and the decoder stay within the bytes.
  for (const name of ["dhcp-offer", "dhcp-request"]) {
    const d = sample(name);
    for (let n = 0; n <= d.length; n++) {
      const ds = dissect(d.subarray(0, n));
      const k = ds.find(LAYER_DHCP);
      if (k >= 0) dhcpMessage(d.subarray(0, n), ds.start[k], ds.end[k]);
    }
  }
});

Deno.test("dhcpv6: the walker, the message and its options", () => {
  const a = sample("dhcp6-advertise");
  assert.deepEqual(layers(a), ["ethernet", "ipv6", "udp", "dhcpv6"]);
  assert.equal(LAYER_NAMES[LAYER_DHCPV6], "dhcpv6");
  assert.deepEqual(dhcpv6Message(a, 62, a.length), {
    msgType: 2,
    xid: 0x123456,
    clientId: "000100012a2b2c2d02000000000a",
    serverId: "00030001020000000001",
    iaNa: { iaid: 0xf00d, t1: 3600, t2: 5400, addr: "2001:db8::100" },
    status: 0,
    dnsServers: "2001:db8::53",
  });
  const r = sample("dhcp6-relay-forw");
  assert.deepEqual(dhcpv6Message(r, 62, r.length), {
    msgType: 12,
    hops: 1,
    linkAddr: "2001:db8::2",
    peerAddr: "fe80::a",
  });
  for (const name of ["dhcp6-cut-options", "dhcp6-cut-header"]) {
    assert.equal(dissect(sample(name)).truncatedName, "dhcpv6", name);
  }
  const bad = sample("dhcp6-bad-option");
  assert.equal(dhcpv6Fits(bad, 62, bad.length), false);
  for (const d of [a, r, bad]) {
    for (let n = 0; n <= d.length; n++) {
      const ds = dissect(d.subarray(0, n));
      const k = ds.find(LAYER_DHCPV6);
      if (k >= 0) dhcpv6Message(d.subarray(0, n), ds.start[k], ds.end[k]);
    }
  }
});

Deno.test("icmpv6: neighbor discovery options and MLDv2 records", () => {
  const ra = sample("nd-ra");
  const m = icmpv6Message(ra, 54, ra.length);
  assert.deepEqual(m.ndOptions, [
    { type: 1, len: 8, addr: "02:00:00:00:00:01" },
    { type: 5, len: 8, mtu: 1500 },
    {
      type: 3,
      len: 32,
      prefix: "2001:db8:1::",
      prefixLen: 64,
      flags: 0xc0,
      valid: 86400,
      preferred: 14400,
    },
    { type: 25, len: 40, lifetime: 600, servers: "2001:db8::53,2001:db8::54" },
  ]);
  const z = sample("nd-zero-length-option");
  assert.deepEqual(icmpv6Message(z, 54, z.length).ndOptions, [
    { type: 1, len: 8, addr: "02:00:00:00:00:0a" },
  ]);
  const r = sample("mld-v2-report");
  assert.deepEqual(icmpv6Message(r, 54, r.length).mldRecords, [
    { type: 4, group: "ff02::fb", sources: 0 },
    { type: 1, group: "ff05::2", sources: 2 },
  ]);
  const bad = sample("mld-v2-bad-sources");
  assert.equal(icmpv6Message(bad, 54, bad.length).mldRecords?.length, 1);
  for (const d of [ra, z, r, bad]) {
    for (let n = 54 + 8; n <= d.length; n++) icmpv6Message(d.subarray(0, n), 54, n);
  }
});

Deno.test("mdns and llmnr: DNS messages on 5353 and 5355, the port in the layer's aux", () => {
  for (const [name, port] of [["mdns-query", 5353], ["mdns-ipv6", 5353], ["llmnr-query", 5355]]) {
    const ds = dissect(sample(name as string));
    const k = ds.find(LAYER_DNS);
    assert.ok(k > 0, name as string);
    assert.equal(ds.aux[k], port, name as string);
  }
  assert.equal(dissect(sample("mdns-cut")).truncatedName, "dns");
  const q = sample("mdns-query");
  const ds = dissect(q), k = ds.find(LAYER_DNS);
  assert.equal(dnsMessage(q, ds.start[k], ds.end[k]).questions[0].class, 0x8001);
});

Deno.test("dns over tcp: a DNS layer after the length prefix when it gives the segment's rest", () => {
  const ds = dissect(sample("dnstcp-query")), k = ds.find(LAYER_DNS);
  assert.deepEqual(layers(sample("dnstcp-query")), ["ethernet", "ipv4", "tcp", "dns"]);
  assert.equal(ds.aux[k], DNS_OVER_TCP);
  assert.equal(ds.start[k], 14 + 20 + 20 + 2);
  assert.deepEqual(layers(sample("dnstcp-bad-prefix")), ["ethernet", "ipv4", "tcp", "payload"]);
  assert.deepEqual(layers(sample("dnstcp-short")), ["ethernet", "ipv4", "tcp", "payload"]);
});
