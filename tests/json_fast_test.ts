/**
 * formatJson writes the NDJSON line directly; it must be the exact text of
 * JSON.stringify(toJsonRecord(rec)) (the object tree Packet.toJSON returns).
 */
import assert from "node:assert/strict";
import { formatJson, toJsonRecord } from "../src/format/json.ts";
import type { Direction, PacketRecord } from "../src/packet/packet.ts";
import { bytes, dns, ether, ipv4, samples, udp } from "./helpers/frames.ts";

const DIRS: Direction[] = ["host", "broadcast", "multicast", "otherhost", "out", "unknown"];

function record(data: Uint8Array, n: number, iface = "eth0"): PacketRecord {
  return {
    ts: 1_700_000_000_123_456_789n + BigInt(n) * 999_999_937n,
    iface,
    ifindex: 2,
    len: data.length + (n % 7 === 0 ? 60 : 0),
    caplen: data.length,
    direction: DIRS[n % DIRS.length],
    data,
  };
}

function same(rec: PacketRecord, where: string): void {
  assert.equal(formatJson(rec), JSON.stringify(toJsonRecord(rec)), where);
}

Deno.test("formatJson equals JSON.stringify(toJsonRecord) for every sample", () => {
  const all = samples();
  assert.ok(all.length > 30);
  all.forEach((s, n) => same(record(s.data, n), s.name));
});

Deno.test("formatJson equals JSON.stringify(toJsonRecord) for every sample cut at every length", () => {
  let n = 0;
  for (const s of samples()) {
    for (let cut = 0; cut <= s.data.length; cut++) {
      same(record(s.data.subarray(0, cut), n++), `${s.name} cut at ${cut}`);
    }
  }
  assert.ok(n > 4000);
});

Deno.test("formatJson escapes odd interface names and DNS strings as JSON.stringify does", () => {
  const odd = [
    'a"b',
    "back\\slash",
    "tab\there",
    "nl\n",
    "\u0000\u001f\u007f",
    "caf\u00e9",
    "\ud83d\ude00",
    "\ud800x",
    "x\udc00",
  ];
  // The dns() helper sizes labels by UTF-16 length, so the names stay ASCII.
  const name = odd.filter((o) => [...o].every((c) => c.charCodeAt(0) < 0x80)).join(".");
  const txt = new TextEncoder().encode('q"\\\n\u0001 \u00e9');
  const answer = dns({
    id: 1,
    flags: 0x8180,
    questions: [{ name, type: 16 }],
    answers: [{ name, type: 16, data: bytes(txt.length, txt) }],
  });
  const frame = ether(
    { src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02", type: 0x0800 },
    ipv4({ src: "10.0.0.53", dst: "10.0.0.1", proto: 17 }, udp({ sport: 53, dport: 5353 }, answer)),
  );
  const line = formatJson(record(frame, 1));
  same(record(frame, 1), "odd DNS strings");
  const parsed = JSON.parse(line);
  assert.equal(parsed.dns.answers.length, 1, line);
  assert.equal(parsed.dns.answers[0].data, new TextDecoder().decode(txt));
  assert.equal(parsed.dns.questions[0].name, parsed.dns.answers[0].name);
  assert.ok(/\\\\|\\"/.test(line), "escaped name: " + line);
  for (const iface of odd) same(record(frame, 2, iface), JSON.stringify(iface));
});
