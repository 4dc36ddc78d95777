import assert from "node:assert/strict";
import { tcpHeader, tcpHeaderLength, tcpOptions } from "../src/decode/tcp.ts";
import { udpHeader } from "../src/decode/udp.ts";
import { icmpMessage, icmpQuoted } from "../src/decode/icmp.ts";
import { icmpv6Message } from "../src/decode/icmpv6.ts";
import { greHeader, greHeaderLength } from "../src/decode/gre.ts";
import {
  be16,
  bytes,
  F,
  gre,
  icmp,
  icmp6,
  icmpEcho,
  ip6,
  ipv4,
  ipv6,
  padOpts,
  tcp,
  topt,
  udp,
} from "./helpers/frames.ts";

Deno.test("tcpHeader reads fields and every option kind", () => {
  const s = tcp({
    sport: 443,
    dport: 50000,
    seq: 0xfffffff0,
    ack: 7,
    flags: F.SYN | F.ACK | F.ECE,
    win: 29200,
    urp: 0,
    options: [
      ...topt.mss(1400),
      ...topt.sackOK(),
      ...topt.ts(4294967295, 1),
      ...topt.nop(),
      ...topt.wscale(14),
      ...topt.sack([[1, 2]]),
      30,
      4,
      0xab,
      0xcd,
      ...topt.eol(),
    ],
  });
  assert.equal(tcpHeaderLength(s, 0, s.length), s.length);
  const h = tcpHeader(s, 0);
  assert.equal(h.seq, 0xfffffff0);
  assert.equal(h.flags, F.SYN | F.ACK | F.ECE);
  assert.deepEqual(h.options, [
    { kind: "mss", value: 1400 },
    { kind: "sackOK" },
    { kind: "ts", val: 4294967295, ecr: 1 },
    { kind: "nop" },
    { kind: "wscale", value: 14 },
    { kind: "sack", blocks: [[1, 2]] },
    { kind: 30, data: "abcd" },
    { kind: "eol" },
  ]);
  assert.equal(tcpHeaderLength(s, 0, 30), -1);
});

Deno.test("malformed TCP options end with a bad marker", () => {
  assert.deepEqual(tcpOptions(Uint8Array.of(2, 4, 5), 0, 3), [{ kind: "bad" }]);
  assert.deepEqual(tcpOptions(Uint8Array.of(1, 8, 1), 0, 3), [{ kind: "nop" }, { kind: "bad" }]);
  assert.deepEqual(tcpOptions(Uint8Array.of(2, 3, 5, 1), 0, 4), [{ kind: "bad" }]);
  assert.deepEqual(tcpOptions(Uint8Array.of(5, 7, 0, 0, 0, 0, 0), 0, 7), [{ kind: "bad" }]);
});

Deno.test("udpHeader", () => {
  const u = udp({ sport: 53, dport: 1234 }, new Uint8Array(5));
  assert.deepEqual(udpHeader(u, 0), { sport: 53, dport: 1234, len: 13, checksum: 0 });
});

Deno.test("icmp echo and the quoted datagram of errors", () => {
  const e = icmpEcho(8, 0x1234, 9, new Uint8Array(4));
  assert.deepEqual(icmpMessage(e, 0, e.length), {
    type: 8,
    code: 0,
    checksum: (e[2] << 8) | e[3],
    id: 0x1234,
    seq: 9,
  });
  const orig = ipv4(
    { src: "10.0.0.1", dst: "10.0.0.2", proto: 17 },
    udp({ sport: 5, dport: 6 }, bytes()),
  );
  const err = icmp(3, 4, [0, 0, ...be16(1280)], orig);
  const m = icmpMessage(err, 0, err.length);
  assert.equal(m.mtu, 1280);
  assert.deepEqual(m.quoted, { src: "10.0.0.1", dst: "10.0.0.2", proto: 17, sport: 5, dport: 6 });
  assert.deepEqual(icmpQuoted(err, 0, 8 + 20 + 2), { src: "10.0.0.1", dst: "10.0.0.2", proto: 17 });
  assert.equal(icmpQuoted(err, 0, 8 + 19), undefined);
  const redirect = icmp(5, 1, [192, 0, 2, 1], orig);
  assert.equal(icmpMessage(redirect, 0, redirect.length).gateway, "192.0.2.1");
});

Deno.test("icmpv6 echo, neighbor discovery, too big", () => {
  const echo = icmp6(129, 0, [0, 7, 0, 8], bytes());
  assert.deepEqual(icmpv6Message(echo, 0, echo.length), {
    type: 129,
    code: 0,
    checksum: 0,
    id: 7,
    seq: 8,
  });
  const na = icmp6(136, 0, [0xe0, 0, 0, 0], ip6("2001:db8::5"));
  const m = icmpv6Message(na, 0, na.length);
  assert.equal(m.target, "2001:db8::5");
  assert.equal(m.naFlags, 0xe0);
  const ra = icmp6(134, 0, [64, 0xc0, ...be16(1800)], new Uint8Array(8));
  const r = icmpv6Message(ra, 0, ra.length);
  assert.deepEqual([r.hopLimit, r.raFlags, r.lifetime], [64, 0xc0, 1800]);
  const big = icmp6(2, 0, [0, 0, 5, 0], bytes());
  assert.equal(icmpv6Message(big, 0, big.length).mtu, 1280);
  const orig = ipv6(
    { src: "2001:db8::1", dst: "2001:db8::2", next: 17 },
    udp({ sport: 7, dport: 9 }, bytes()),
    [{ type: 60, body: padOpts() }],
  );
  const unreach = icmp6(1, 4, [0, 0, 0, 0], orig);
  assert.deepEqual(icmpv6Message(unreach, 0, unreach.length).quoted, {
    src: "2001:db8::1",
    dst: "2001:db8::2",
    proto: 17,
    sport: 7,
    dport: 9,
  });
  assert.deepEqual(icmpv6Message(unreach, 0, 8 + 40).quoted, {
    src: "2001:db8::1",
    dst: "2001:db8::2",
    proto: 60,
  });
  assert.equal(icmpv6Message(unreach, 0, 8 + 39).quoted, undefined);
});

Deno.test("gre header with key and sequence", () => {
  const g = gre({ proto: 0x86dd, key: 0xdeadbeef, seq: 5 }, bytes(1, 2));
  assert.equal(greHeaderLength(g, 0, g.length), 12);
  assert.equal(greHeaderLength(g, 0, 11), -1);
  assert.deepEqual(greHeader(g, 0), {
    flags: 0x3000,
    version: 0,
    proto: 0x86dd,
    key: 0xdeadbeef,
    seq: 5,
  });
});
