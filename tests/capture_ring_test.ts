/** rehearseRing: the ring read path over synthetic frames, as the capture rehearsal runs it. */
import assert from "node:assert/strict";
import { rehearseRing } from "../src/capture/ring.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { samples } from "./helpers/frames.ts";

const frames = samples()
  .filter((s) => ["udp4-vlan", "tcp-syn", "udp4-qinq", "arp-request"].includes(s.name))
  .map((s) => s.data);

Deno.test("rehearseRing hands over every frame as it was on the wire, stripped tags put back", () => {
  assert.equal(frames.length, 4, "sample frames missing");
  assert.ok(frames.some((f) => f[12] === 0x81 && f[13] === 0x00), "no 802.1Q sample");
  const seen: PacketRecord[] = [];
  rehearseRing(
    (rec) => {
      seen.push({ ...rec, data: rec.data.slice() });
    },
    frames,
    3000,
    262144,
  );
  assert.ok(seen.length >= 3000, `${seen.length} frames`);
  // In ring order at first; every frame later is one of them, whole.
  for (let i = 0; i < frames.length; i++) assert.deepEqual(seen[i].data, frames[i], `frame ${i}`);
  const key = (d: Uint8Array) => d.join(",");
  const known = new Set(frames.map(key));
  for (const rec of seen) {
    assert.ok(known.has(key(rec.data)), "a frame changed on the way");
    assert.equal(rec.caplen, rec.data.length);
    assert.equal(rec.len, rec.data.length);
  }
  assert.deepEqual(new Set(seen.map((r) => r.direction)), new Set(["host", "otherhost"]));
});

Deno.test("rehearseRing stops when emit says so, and cuts frames at the snap length", () => {
  let n = 0;
  rehearseRing(
    (rec) => {
      assert.ok(rec.caplen <= 20);
      return ++n < 10;
    },
    frames,
    1000,
    20,
  );
  assert.equal(n, 10);
});
