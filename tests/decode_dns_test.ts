import assert from "node:assert/strict";
import { dnsFits, dnsMessage, dnsName, dnsSkipName } from "../src/decode/dns.ts";
import { dns, ip4, ip6 } from "./helpers/frames.ts";

const answer = (compress = true) =>
  dns({
    compress,
    id: 0xbeef,
    flags: 0x8180,
    questions: [{ name: "www.example.com", type: 1 }],
    answers: [
      { name: "www.example.com", type: 5, ttl: 10, data: "edge.example.com" },
      { name: "edge.example.com", type: 1, ttl: 20, data: ip4("192.0.2.80") },
      { name: "edge.example.com", type: 28, ttl: 30, data: ip6("2001:db8::80") },
      { name: "example.com", type: 15, data: Uint8Array.of(0, 10, 0xc0, 12) },
      { name: "example.com", type: 16, data: Uint8Array.of(2, 104, 105, 1, 33) },
      { name: "x.example.com", type: 99, data: Uint8Array.of(1, 2) },
    ],
  });

Deno.test("dnsMessage decodes questions and compressed answers", () => {
  const m = answer();
  const plain = answer(false);
  assert.ok(m.length < plain.length, "the builder compressed names");
  assert.deepEqual(dnsMessage(plain, 0, plain.length).answers, dnsMessage(m, 0, m.length).answers);
  const d = dnsMessage(m, 0, m.length);
  assert.deepEqual([d.id, d.qr, d.opcode, d.rcode, d.flags], [0xbeef, 1, 0, 0, 0x180]);
  assert.deepEqual(d.questions, [{ name: "www.example.com.", type: 1, class: 1 }]);
  assert.deepEqual(d.answers.map((a) => [a.name, a.type, a.ttl, a.data]), [
    ["www.example.com.", 5, 10, "edge.example.com."],
    ["edge.example.com.", 1, 20, "192.0.2.80"],
    ["edge.example.com.", 28, 30, "2001:db8::80"],
    ["example.com.", 15, 300, "10 www.example.com."],
    ["example.com.", 16, 300, "hi !"],
    ["x.example.com.", 99, 300, "0102"],
  ]);
  assert.ok(dnsFits(m, 0, m.length));
});

Deno.test("dns cut short: sections stop, dnsFits says no", () => {
  const m = answer();
  for (let cut = 12; cut < m.length; cut++) {
    assert.equal(dnsFits(m, 0, cut), false, "cut " + cut);
    const d = dnsMessage(m, 0, cut);
    assert.ok(d.answers.length < 6);
  }
});

Deno.test("pointer loops are bounded and root is '.'", () => {
  const loop = Uint8Array.of(0xc0, 0x00);
  const n = dnsName(loop, 0, 0, loop.length);
  assert.equal(n.next, -1);
  const self = Uint8Array.of(1, 97, 0xc0, 0x00);
  const s = dnsName(self, 0, 0, self.length);
  assert.equal(s.next, -1);
  assert.ok(s.name.length < 2000);
  assert.deepEqual(dnsName(Uint8Array.of(0), 0, 0, 1), { name: ".", next: 1 });
  assert.equal(dnsSkipName(Uint8Array.of(3, 97, 98), 0, 3), -1);
  assert.equal(dnsSkipName(Uint8Array.of(0x80, 1), 0, 2), -1);
});

Deno.test("odd bytes in labels are escaped", () => {
  const m = Uint8Array.of(3, 97, 0x2e, 0x0a, 0);
  assert.equal(dnsName(m, 0, 0, m.length).name, "a\\046\\010.");
});
