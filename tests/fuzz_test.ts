import assert from "node:assert/strict";
import { dissect, Dissection, MAX_LAYERS } from "../src/decode/frame.ts";
import { formatJson, toJsonRecord } from "../src/format/json.ts";
import { formatText, type TextOptions } from "../src/format/text.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { samples } from "./helpers/frames.ts";
import { samplesAs } from "./helpers/linktypes.ts";

/**
 * The link type of the fuzz's frame `n`: mostly Ethernet, every other frame one of the link
 * types without it (issue 13d), their headers then made of whatever bytes the frame has.
 */
const LINKS = [1, 113, 1, 276, 1, 0, 1, 108, 1, 101, 1, 147];

/** mulberry32: a small seeded PRNG so any failure reproduces from its seed and index. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(Deno.env.get("FUZZ_SEED") ?? 0x5eed);
const COUNT = Number(Deno.env.get("FUZZ_COUNT") ?? 50_000);
const TYPES = [0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x9100, 0x0040, 0x6558, 0x88b5];
const PROTOS = [1, 4, 6, 17, 41, 47, 58, 0, 43, 44, 60, 51, 59];

function combos(): TextOptions[] {
  const out: TextOptions[] = [];
  for (const link of [false, true]) {
    for (const quiet of [false, true]) {
      for (const verbose of [0, 1, 2]) {
        for (const hex of [undefined, "x", "X", "xx", "XX"] as const) {
          out.push({ link, quiet, verbose, hex, showIface: verbose !== 1, tsFormat: "utc" });
        }
      }
    }
  }
  return out;
}

function frames(rand: () => number): Generator<Uint8Array> {
  const base = samples().map((s) => s.data);
  const int = (n: number) => Math.floor(rand() * n);
  return (function* () {
    for (let n = 0; n < COUNT; n++) {
      const mode = n % 4;
      let d: Uint8Array;
      if (mode === 0) {
        d = new Uint8Array(int(160));
        for (let i = 0; i < d.length; i++) d[i] = int(256);
      } else if (mode === 1) {
        d = new Uint8Array(14 + int(120));
        for (let i = 0; i < d.length; i++) d[i] = int(256);
        const t = TYPES[int(TYPES.length)];
        d[12] = t >> 8;
        d[13] = t & 0xff;
        if (d.length > 14 && rand() < 0.5) d[14] = rand() < 0.5 ? 0x45 : 0x60;
        if (d.length > 23 && rand() < 0.5) d[23] = PROTOS[int(PROTOS.length)];
        if (d.length > 20 && rand() < 0.3) d[20] = PROTOS[int(PROTOS.length)];
      } else {
        d = base[int(base.length)].slice();
        const flips = 1 + int(mode === 2 ? 3 : 12);
        for (let i = 0; i < flips && d.length; i++) d[int(d.length)] = int(256);
        if (rand() < 0.5) d = d.subarray(0, int(d.length + 1));
      }
      yield d;
    }
  })();
}

Deno.test(`fuzz: ${COUNT} random and mutated frames never throw, one line each, same JSON both ways (seed ${SEED})`, () => {
  const rand = prng(SEED);
  const opts = combos();
  const ds = new Dissection();
  let n = 0;
  for (const data of frames(rand)) {
    const rec: PacketRecord = {
      ts: BigInt(n) * 999_999_937n,
      iface: n % 3 ? "eth0" : "",
      ifindex: 1,
      len: data.length + (n % 5 === 0 ? 100 : 0),
      caplen: data.length,
      direction: n % 2 ? "host" : "unknown",
      data,
      linkType: LINKS[n % LINKS.length],
    };
    const where = `seed ${SEED}, frame ${n} (link type ${rec.linkType})`;
    dissect(data, ds, rec.linkType);
    assert.ok(ds.count <= MAX_LAYERS, where);
    for (let i = 0; i < ds.count; i++) {
      assert.ok(ds.start[i] <= ds.end[i] && ds.end[i] <= data.length, where + " layer " + i);
    }
    const o = { ...opts[n % opts.length], ifName: n % 2 ? (i: number) => "if" + i : undefined };
    const out = formatText(rec, o).split("\n");
    assert.ok(!/decode error|undefined|NaN/.test(out[0]), where + ": " + out[0]);
    if (!o.hex) assert.equal(out.length, 1, where);
    else assert.ok(out.slice(1).every((l) => l.startsWith("\t0x")), where);
    const json = formatJson(rec);
    assert.equal(
      json,
      JSON.stringify(toJsonRecord(rec)),
      where + ": direct JSON differs from the tree",
    );
    assert.ok(!json.includes("\n"), where);
    // (The BSD loopback layer's key is "null"; a null value follows a colon, comma or bracket.)
    assert.ok(!/undefined|NaN|[:,[]null/.test(json), where + ": out-of-bounds read in " + json);
    const parsed = JSON.parse(json);
    assert.equal(parsed.caplen, data.length, where);
    assert.equal(parsed.error, undefined, where + ": " + parsed.error);
    n++;
  }
  assert.equal(n, COUNT);
});

Deno.test("every sample cut at every length formats with every option combination", () => {
  const opts = combos();
  let n = 0;
  for (const s of samples()) {
    for (let cut = 0; cut <= s.data.length; cut++) {
      const data = s.data.subarray(0, cut);
      const rec: PacketRecord = {
        ts: 1n,
        iface: "lo",
        ifindex: 1,
        len: s.data.length,
        caplen: cut,
        direction: "out",
        data,
      };
      const o = opts[n++ % opts.length];
      const out = formatText(rec, o).split("\n");
      assert.ok(!/decode error|undefined|NaN/.test(out[0]), `${s.name} cut at ${cut}: ${out[0]}`);
      if (!o.hex) assert.equal(out.length, 1);
      const j = JSON.parse(formatJson(rec));
      assert.equal(j.caplen, cut);
      assert.equal(j.dir, "out");
    }
  }
  assert.ok(n > 4000);
});

Deno.test("every sample as each link type without Ethernet, cut at every length, formats", () => {
  const opts = combos();
  let n = 0;
  for (const lt of [113, 276, 0, 108, 101]) {
    for (const s of samplesAs(lt, samples())) {
      for (let cut = 0; cut <= s.data.length; cut++) {
        const data = s.data.subarray(0, cut);
        const rec: PacketRecord = {
          ts: 1n,
          iface: "lo",
          ifindex: 1,
          len: s.data.length,
          caplen: cut,
          direction: "out",
          data,
          linkType: lt,
        };
        const o = { ...opts[n++ % opts.length], ifName: () => "lo" };
        const out = formatText(rec, o).split("\n");
        const where = `${lt} ${s.name} cut at ${cut}: ${out[0]}`;
        assert.ok(!/decode error|undefined|NaN/.test(out[0]), where);
        if (!o.hex) assert.equal(out.length, 1, where);
        const json = formatJson(rec);
        assert.equal(json, JSON.stringify(toJsonRecord(rec)), where);
        assert.equal(JSON.parse(json).caplen, cut);
      }
    }
  }
  assert.ok(n > 15000, `${n} frames`);
});
