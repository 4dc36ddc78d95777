/**
 * The one pcap record header writer and the one EPB encoder that every writer shares (buffered,
 * zero-copy, benchmark): timestamps split without BigInt must be the BigInt values.
 */
import assert from "node:assert/strict";
import { writePcapRecordHeader } from "../src/format/pcap.ts";
import {
  encodeEpbTrailer,
  EPB_HEADER_LEN,
  epbLength,
  OPT_EPB_FLAGS,
  writeEpbHeader,
} from "../src/format/pcapng.ts";

const NS = 1_000_000_000n;

function times(): bigint[] {
  const out = [0n, 1n, -1n, NS - 1n, -NS, 1_795_735_547_123_456_789n, (1n << 62n) + 12345n];
  let x = 0x1234_5678_9abc_def0n;
  for (let i = 0; i < 2000; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    out.push(BigInt.asIntN(62, x)); // up to ~146 years either side of 1970, and past
  }
  return out;
}

Deno.test("EPB header: seconds and nanoseconds become the 64-bit nanosecond count", () => {
  const v = new DataView(new ArrayBuffer(EPB_HEADER_LEN));
  for (const ts of times()) {
    const sec = Number(ts / NS), nsec = Number(ts % NS);
    assert.equal(writeEpbHeader(v, 0, 60, 3, sec, nsec, 20, 30), EPB_HEADER_LEN);
    assert.equal(BigInt(v.getUint32(12, true)), BigInt.asUintN(64, ts) >> 32n, String(ts));
    assert.equal(BigInt(v.getUint32(16, true)), BigInt.asUintN(32, ts), String(ts));
    assert.deepEqual([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true)], [
      6,
      60,
      3,
    ]);
    assert.deepEqual([v.getUint32(20, true), v.getUint32(24, true)], [20, 30]);
  }
});

Deno.test("EPB trailer: padding, epb_flags only when given, the total length", () => {
  for (const caplen of [0, 1, 2, 3, 4, 5]) {
    for (const flags of [undefined, 5]) {
      const total = epbLength(caplen, flags !== undefined);
      const buf = new Uint8Array(64).fill(0xee);
      const v = new DataView(buf.buffer);
      const end = encodeEpbTrailer(v, 0, caplen, total, flags);
      assert.equal(EPB_HEADER_LEN + caplen + end, total, `caplen ${caplen} flags ${flags}`);
      const pad = (4 - (caplen % 4)) % 4;
      assert.deepEqual([...buf.subarray(0, pad)], new Array(pad).fill(0));
      if (flags !== undefined) {
        assert.deepEqual([v.getUint16(pad, true), v.getUint16(pad + 2, true)], [OPT_EPB_FLAGS, 4]);
        assert.equal(v.getUint32(pad + 4, true), flags);
      }
      assert.equal(v.getUint32(end - 4, true), total);
    }
  }
});

Deno.test("pcap record header: seconds, the fraction in micro- or nanoseconds, lengths", () => {
  const v = new DataView(new ArrayBuffer(16));
  for (const ts of times().filter((t) => t >= 0n && t < (1n << 32n) * NS)) {
    const sec = Number(ts / NS), nsec = Number(ts % NS);
    for (const nano of [false, true]) {
      assert.equal(writePcapRecordHeader(v, 0, sec, nsec, 40, 1500, nano), 16);
      assert.equal(v.getUint32(0, true), sec);
      assert.equal(v.getUint32(4, true), nano ? nsec : Math.floor(nsec / 1000));
      assert.deepEqual([v.getUint32(8, true), v.getUint32(12, true)], [40, 1500]);
    }
  }
});
