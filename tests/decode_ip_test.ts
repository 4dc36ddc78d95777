import assert from "node:assert/strict";
import { ipv4String, ipv6String, latin1, macString } from "../src/decode/bytes.ts";
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

Deno.test("address texts are the same from the remembered-address tables, hit or collision", () => {
  // Guards the direct-mapped tables of ipv4String, ipv6String and macString: 3,000 random
  // addresses, twice (hits), against plain formatting; 3,000 keys into 1,024 slots collide.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const addrs = Array.from({ length: 3000 }, () => Uint8Array.from({ length: 16 }, rnd));
  const hex = (b: number) => b.toString(16).padStart(2, "0");
  for (let pass = 0; pass < 2; pass++) {
    for (const a of addrs) {
      assert.equal(ipv4String(a, 1), [a[1], a[2], a[3], a[4]].join("."));
      assert.equal(macString(a, 2), Array.from(a.subarray(2, 8), hex).join(":"));
      const v6 = ipv6String(a, 0);
      assert.equal(v6.split(":").length, 8, v6); // random octets: no zero run of two groups
      assert.equal(
        v6,
        Array.from({ length: 8 }, (_, i) => ((a[2 * i] << 8) | a[2 * i + 1]).toString(16)).join(
          ":",
        ),
      );
    }
  }
});

Deno.test("latin1 is the octets one character each, NUL past the end", () => {
  const d = Uint8Array.from({ length: 10000 }, (_, i) => (i * 7) & 255);
  const slow = (from: number, to: number) => {
    let s = "";
    for (let i = from; i < to; i++) s += String.fromCharCode(d[i] ?? 0);
    return s;
  };
  for (const [from, to] of [[0, 0], [5, 3], [0, 10], [100, 9000], [9990, 10005], [10002, 10004]]) {
    assert.equal(latin1(d, from, to), slow(from, to), `${from}..${to}`);
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
