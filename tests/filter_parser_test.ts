/**
 * Parser: the grammar's shape (precedence, qualifier inheritance, numbers) and its errors
 * (position and what was expected).
 */

import { deepStrictEqual, equal, ok, throws } from "node:assert/strict";
import { FilterError, FilterSyntaxError } from "../src/filter/errors.ts";
import { tokenize } from "../src/filter/lexer.ts";
import { type FilterNode, parseFilter } from "../src/filter/parser.ts";
import { compileFilter } from "../src/filter/mod.ts";

function syntaxError(expr: string): FilterSyntaxError {
  try {
    compileFilter(expr);
  } catch (e) {
    ok(e instanceof FilterSyntaxError, `${expr}: ${e}`);
    return e;
  }
  throw new Error(`${JSON.stringify(expr)} compiled`);
}

function filterError(expr: string): FilterError {
  try {
    compileFilter(expr);
  } catch (e) {
    ok(e instanceof FilterError, `${expr}: ${e}`);
    return e;
  }
  throw new Error(`${JSON.stringify(expr)} compiled`);
}

Deno.test("parser: syntax errors name the position and what was expected", () => {
  const cases: [string, number, RegExp][] = [
    ["port 80 and (", 13, /expected/],
    ["host", 4, /expected an address, network or port/],
    ["tcp port", 8, /expected an address/],
    ["host 1.2.3.4 )", 13, /expected 'and', 'or' or end of expression/],
    ["(tcp", 4, /expected/],
    ["not", 3, /expected/],
    ["tcp and", 7, /expected/],
    ["ip[0] $ 1", 6, /expected a token, found '\$'/],
    ["ip[0] = ", 8, /expected a number/],
    ["ip[0 = 1", 5, /expected '\]'/],
    ["ether proto", 11, /expected a protocol number or name/],
    // libpcap reads `10-` as a number and a minus sign.
    ["portrange 10-", 12, /expected 'and', 'or' or end of expression/],
    ["ether", 5, /expected 'host', 'src', 'dst', 'proto' or 'broadcast'/],
    ["len 5", 4, /expected a comparison operator/],
  ];
  for (const [expr, position, message] of cases) {
    const e = syntaxError(expr);
    equal(e.position, position, `${expr}: ${e.message}`);
    ok(message.test(e.message), `${expr}: ${e.message}`);
    ok(e.message.includes(`at position ${position}`), e.message);
    equal(e.name, "FilterSyntaxError");
    const lines = e.message.split("\n");
    equal(lines[1], `  ${expr}`);
    equal(lines[2].indexOf("^"), position + 2);
  }
});

Deno.test("parser: meaningless expressions and host names are FilterErrors", () => {
  const cases: [string, RegExp][] = [
    ["host www.example.com", /cannot resolve host names/],
    ["src foo", /cannot resolve host names/],
    ["foo", /cannot resolve host names/],
    ["tcp host 1.2.3.4", /'tcp' modifier applied to host/],
    ["ip host ::1", /'ip' modifier applied to ip6 host/],
    ["icmp port 80", /illegal qualifier of 'port'/],
    ["ip6 broadcast", /only link-layer\/IP broadcast/],
    ["vlan 5000", /greater than maximum 4095/],
    ["net 10.1.2.3/8", /non-network bits set/],
    ["port 70000", /illegal port number/],
    ["ip[1:3] = 1", /data size must be 1, 2, or 4/],
    ["ip[0] / 0 = 1", /division by zero/],
    ["gateway 1.2.3.4", /gateway/],
    ["ether src 1.2.3.4", /illegal link layer address/],
  ];
  for (const [expr, message] of cases) {
    const e = filterError(expr);
    ok(message.test(e.message), `${expr}: ${e.message}`);
    ok(e.position >= 0 && e.position <= expr.length);
  }
  equal(filterError("host www.example.com").position, 5);
});

Deno.test("parser: and/or share one precedence, left to right; not binds tightest", () => {
  const ast = parseFilter("tcp or udp and not icmp");
  deepStrictEqual(
    ast,
    {
      kind: "and",
      left: {
        kind: "or",
        left: { kind: "proto", proto: "tcp", pos: 0 },
        right: { kind: "proto", proto: "udp", pos: 7 },
      },
      right: { kind: "not", expr: { kind: "proto", proto: "icmp", pos: 19 } },
    } satisfies FilterNode,
  );
  const shape = (e: string) => JSON.stringify(parseFilter(e), (k, v) => (k === "pos" ? 0 : v));
  equal(shape("!tcp && (udp || icmp)"), shape("not tcp and (udp or icmp)"));
});

Deno.test("parser: a bare id inherits the previous primitive's qualifiers", () => {
  const ast = parseFilter("tcp dst port 80 or 443") as Extract<FilterNode, { left: unknown }>;
  equal(ast.kind, "or");
  deepStrictEqual(ast.right, {
    kind: "id",
    qual: { proto: "tcp", dir: "dst", type: "port" },
    value: { kind: "num", value: 443 },
    pos: 19,
  });
  const h = parseFilter("src host 10.0.0.1 and not 10.0.0.2") as Extract<
    FilterNode,
    { left: unknown }
  >;
  deepStrictEqual((h.right as Extract<FilterNode, { kind: "not" }>).expr, {
    kind: "id",
    qual: { dir: "src", type: "host" },
    value: { kind: "ipv4", addr: 0x0a000002, bits: 32 },
    pos: 26,
  });
  throws(() => parseFilter("80"), FilterSyntaxError);
});

Deno.test("parser: numbers are decimal, 0x hex or leading-zero octal", () => {
  const port = (e: string) =>
    ((parseFilter(e) as Extract<FilterNode, { kind: "id" }>).value as { value: number }).value;
  equal(port("port 80"), 80);
  equal(port("port 0x50"), 80);
  equal(port("port 0120"), 80);
  equal(port("port 0"), 0);
});

Deno.test("parser: addresses, networks and the src/dst combinations", () => {
  const id = (e: string) => parseFilter(e) as Extract<FilterNode, { kind: "id" }>;
  deepStrictEqual(id("net 10").value, { kind: "ipv4net", addr: 0x0a000000, mask: 0xff000000 });
  deepStrictEqual(id("net 172.16").value, {
    kind: "ipv4net",
    addr: 0xac100000,
    mask: 0xffff0000,
  });
  deepStrictEqual(id("net 10.0.0.0 mask 255.255.255.0").value, {
    kind: "ipv4net",
    addr: 0x0a000000,
    mask: 0xffffff00,
  });
  deepStrictEqual(id("net 192.168.0.0/16").value, {
    kind: "ipv4net",
    addr: 0xc0a80000,
    mask: 0xffff0000,
  });
  const v6 = id("net fe80::/10").value as { kind: string; addr: Uint8Array; bits: number };
  equal(v6.kind, "ipv6");
  equal(v6.bits, 10);
  deepStrictEqual([...v6.addr.subarray(0, 3)], [0xfe, 0x80, 0]);
  const mapped = id("host ::ffff:10.0.0.1").value as { addr: Uint8Array };
  deepStrictEqual([...mapped.addr.subarray(10)], [0xff, 0xff, 10, 0, 0, 1]);
  deepStrictEqual(id("ether host 0:1:2:a:bb:FF").value, {
    kind: "mac",
    addr: Uint8Array.from([0, 1, 2, 0xa, 0xbb, 0xff]),
  });
  equal(id("src or dst host 1.2.3.4").qual.dir, "src or dst");
  equal(id("src and dst host 1.2.3.4").qual.dir, "src and dst");
  deepStrictEqual(id("portrange 1024-1").value, { kind: "range", lo: 1, hi: 1024 });
});

Deno.test("lexer: operators, escaped names, addresses and sizes", () => {
  const kinds = (e: string) => tokenize(e).map((t) => `${t.kind}:${t.text}`);
  deepStrictEqual(kinds("ip[2:2]>=0x10"), [
    "word:ip",
    "op:[",
    "num:2",
    "op::",
    "num:2",
    "op:]",
    "op:>=",
    "num:0x10",
    "end:",
  ]);
  deepStrictEqual(kinds("ether proto \\ip"), ["word:ether", "word:proto", "word:ip", "end:"]);
  ok(tokenize("\\ip")[0].escaped);
  deepStrictEqual(kinds("tcp-syn|tcp-ack"), ["word:tcp-syn", "op:|", "word:tcp-ack", "end:"]);
  // As libpcap's scanner does: `len-14` is one name, `len - 14` an expression.
  deepStrictEqual(kinds("len-14"), ["word:len-14", "end:"]);
  deepStrictEqual(kinds("len - 14"), ["word:len", "op:-", "num:14", "end:"]);
  deepStrictEqual(kinds("fe80::1 1:2:3:4:5:6 10.1"), [
    "ipv6:fe80::1",
    "mac:1:2:3:4:5:6",
    "ipv4:10.1",
    "end:",
  ]);
  deepStrictEqual(kinds("a<<b"), ["word:a", "op:<<", "word:b", "end:"]);
});

Deno.test("parser: the empty expression accepts everything", () => {
  deepStrictEqual(parseFilter(""), { kind: "true" });
  deepStrictEqual(parseFilter("   "), { kind: "true" });
  const f = compileFilter("");
  equal(f.insns.length, 1);
  ok(f.matches(new Uint8Array(1)));
  equal(compileFilter("", { snaplen: 96 }).insns[0].k, 96);
});

Deno.test("compile: inbound/outbound test the packet type the kernel reports", () => {
  const frame = new Uint8Array(60);
  const out = compileFilter("outbound");
  const inb = compileFilter("inbound");
  ok(out.matches(frame, 60, { pktType: 4 }));
  ok(!out.matches(frame, 60, { pktType: 0 }));
  ok(inb.matches(frame, 60, { pktType: 0 }));
  ok(inb.matches(frame, 60, { pktType: 2 }));
  ok(!inb.matches(frame, 60, { pktType: 4 }));
});
