import assert from "node:assert/strict";
import { ipv4String, ipv6String } from "../src/decode/bytes.ts";
import { ipv4Header, onesSum } from "../src/decode/ipv4.ts";
import { ipv6ExtLength, ipv6Fragment, ipv6Header } from "../src/decode/ipv6.ts";
import { fragBody, ip6, ipv4, ipv6, padOpts } from "./helpers/frames.ts";

Deno.test("ipv4Header reads every field", () => {
  const p = ipv4({
    src: "192.0.2.1",
    dst: "198.51.100.7",
    proto: 17,
    ttl: 3,
    id: 0xbeef,
    tos: 0xb8,
    df: true,
    mf: true,
    fragOffset: 1480,
    options: [1, 1, 1, 0],
  }, new Uint8Array(8));
  assert.deepEqual(ipv4Header(p, 0), {
    src: "192.0.2.1",
    dst: "198.51.100.7",
    proto: 17,
    ttl: 3,
    id: 0xbeef,
    tos: 0xb8,
    flags: 3,
    frag: 1480,
    len: 32,
    hlen: 24,
    checksum: (p[10] << 8) | p[11],
  });
  assert.equal(onesSum(p, 0, 24), 0xffff, "builder checksum verifies");
  assert.equal(ipv4String(Uint8Array.of(255, 0, 10, 1), 0), "255.0.10.1");
});

Deno.test("ipv6String follows RFC 5952", () => {
  const cases: [string, string][] = [
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["fe80:0:0:0:0:0:0:0", "fe80::"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["0:0:0:0:0:ffff:c000:0201", "::ffff:192.0.2.1"],
    ["ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"],
  ];
  for (const [long, short] of cases) {
    const groups = long.split(":").map((g) => parseInt(g, 16));
    const b = new Uint8Array(16);
    groups.forEach((g, i) => {
      b[2 * i] = g >> 8;
      b[2 * i + 1] = g & 0xff;
    });
    assert.equal(ipv6String(b, 0), short, long);
  }
});

Deno.test("ipv6Header and extension headers", () => {
  const p = ipv6(
    { src: "2001:db8::1", dst: "ff02::1", next: 17, hlim: 9, flow: 0xabcde, tc: 0x2e },
    new Uint8Array(8),
    [{ type: 0, body: padOpts() }, { type: 44, body: fragBody(2048, true, 0x01020304) }],
  );
  const h = ipv6Header(p, 0);
  assert.deepEqual(h, {
    src: "2001:db8::1",
    dst: "ff02::1",
    next: 0,
    hlim: 9,
    flow: 0xabcde,
    tc: 0x2e,
    plen: 24,
  });
  assert.equal(ipv6ExtLength(p, 40, p.length, 0), 8);
  assert.equal(ipv6ExtLength(p, 48, p.length, 44), 8);
  assert.equal(ipv6ExtLength(p, 48, 55, 44), -1);
  assert.deepEqual(ipv6Fragment(p, 48), { next: 17, offset: 2048, more: true, id: 0x01020304 });
  assert.deepEqual(Array.from(ip6("::ffff:1:2").subarray(10)), [255, 255, 0, 1, 0, 2]);
});
