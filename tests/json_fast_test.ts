/**
 * encodeJson writes the NDJSON line straight to bytes (formatJson decodes them); it must be the
 * exact UTF-8 of JSON.stringify(toJsonRecord(rec)) (the object tree Packet.toJSON returns).
 */
import assert from "node:assert/strict";
import { encodeJson, formatJson, isoNanos, toJsonRecord } from "../src/format/json.ts";
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

Deno.test("encodeJson writes the same bytes at any offset, and -1 without writing past a short buffer", () => {
  const enc = new TextEncoder();
  let n = 0;
  for (const s of samples()) {
    const rec = record(s.data, n++, n % 5 ? "eth0" : 'caf\u00e9"0');
    const want = enc.encode(JSON.stringify(toJsonRecord(rec)));
    const big = new Uint8Array(want.length + 64);
    const end = encodeJson(rec, big, 7);
    assert.equal(end, 7 + want.length, s.name);
    assert.deepEqual(big.subarray(7, end), want, s.name);
    // Every buffer one byte too short, down to empty: -1, and the byte after it untouched.
    for (let size = 7 + want.length - 1; size >= 7; size -= size > 7 + 40 ? 13 : 1) {
      const mem = new Uint8Array(size + 1).fill(0xee);
      assert.equal(encodeJson(rec, mem.subarray(0, size), 7), -1, `${s.name} in ${size}`);
      assert.equal(mem[size], 0xee, `${s.name}: wrote past ${size}`);
    }
  }
});

Deno.test("timestamps: the first one after a restart, negative, and across second boundaries", async () => {
  // Fresh copies of the modules: their timestamp caches start empty.
  const fresh: typeof import("../src/format/json.ts") = await import(
    "../src/format/json.ts?fresh"
  );
  const freshRecord: typeof import("../src/format/json_record.ts") = await import(
    "../src/format/json_record.ts?fresh"
  );
  assert.equal(freshRecord.isoNanos(0n), "1970-01-01T00:00:00.000000000Z");
  const at = (ts: bigint) =>
    JSON.parse(fresh.formatJson({ ...record(new Uint8Array(0), 0), ts })).ts;
  assert.equal(at(1n), "1970-01-01T00:00:00.000000001Z");
  assert.equal(at(999_999_999n), "1970-01-01T00:00:00.999999999Z");
  assert.equal(at(1_000_000_000n), "1970-01-01T00:00:01.000000000Z");
  assert.equal(at(-1n), "1969-12-31T23:59:59.999999999Z");
  assert.equal(at(1_795_735_547_000_000_007n), "2026-11-26T23:25:47.000000007Z");
  assert.equal(isoNanos(-1_000_000_000n), "1969-12-31T23:59:59.000000000Z");
});
