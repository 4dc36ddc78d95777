/**
 * The TPACKET_V3 read path over synthetic rings: rehearseRing as the capture rehearsal runs it,
 * and RingSource over several blocks laid out as the kernel lays them out (block lifetime).
 */
import assert from "node:assert/strict";
import {
  rehearseRing,
  RING_MAX_BLOCK_SIZE,
  RING_MIN_BLOCK_SIZE,
  ringBlockSize,
  RingSource,
} from "../src/capture/ring.ts";
import {
  FRAME_CAPLEN,
  FRAME_LEN,
  FRAME_PKTTYPE,
  FRAME_ROOM,
  FRAME_ROW,
  FRAME_SEC,
  FRAME_START,
  FRAME_TABLE_ROWS,
  type FrameSink,
} from "../src/capture/source.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import {
  PACKET_OTHERHOST,
  TP_STATUS_KERNEL,
  TP_STATUS_USER,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_VLAN_VALID,
} from "../src/sys/constants.ts";
import {
  sockaddr_ll,
  tpacket3_hdr,
  TPACKET_ALIGN,
  tpacket_block_desc,
} from "../src/sys/structs.ts";
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

// ---------------------------------------------------------------------------------------------
// Block lifetime on a synthetic multi-block ring: blocks laid out as the kernel lays them out,
// in an ordinary buffer read by a real RingSource, and a stand-in kernel that refills every
// block handed back (the worst case: it overwrites a block the moment it is ours again).

const BLOCK = 8192;
const BLOCKS = 4;
const DESC = TPACKET_ALIGN(tpacket_block_desc.ts_last_pkt + 8);
const MAC_AT = TPACKET_ALIGN(TPACKET_ALIGN(tpacket3_hdr.size) + sockaddr_ll.size) + 4;

/** Frame number `seq` as sent: 802.1Q-tagged (PCP 5, DEI 1) when seq % 3 == 0; sizes vary. */
function wireFrame(seq: number): Uint8Array {
  const f = new Uint8Array(60 + (seq * 37) % 200);
  for (let i = 0; i < f.length; i++) f[i] = (seq * 7 + i) & 0xff;
  f.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1], 0);
  if (seq % 3 === 0) f.set([0x81, 0x00, 0xb0 | (seq >> 8 & 0x0f), seq & 0xff], 12);
  f.set([0x88, 0xb5, seq >> 8, seq & 0xff], seq % 3 === 0 ? 16 : 12);
  return f;
}

/** Fills block `b` with `n` frames starting at `seq`, as the kernel does, and hands it to us. */
function fillBlock(mem: ArrayBuffer, b: number, seq: number, n: number): void {
  layBlock(mem, b, Array.from({ length: n }, (_, i) => ({ data: wireFrame(seq + i) })), seq);
}

/**
 * Lays `frames` out in block `b` as the kernel stores them (an 802.1Q tag at byte 12 moved into
 * the header), the first stamped second `sec0`, and hands the block to us. `cut` stores only
 * that many bytes of the frame as it is after the tag was taken out, as a short snap length
 * does.
 */
function layBlock(
  mem: ArrayBuffer,
  b: number,
  frames: { data: Uint8Array; cut?: number }[],
  sec0: number,
): void {
  const v = new DataView(mem, b * BLOCK, BLOCK);
  const bytes = new Uint8Array(mem, b * BLOCK, BLOCK);
  bytes.fill(0xee); // leftovers of the previous round must never show
  let off = DESC;
  const n = frames.length;
  for (let i = 0; i < n; i++) {
    let data = frames[i].data;
    let status = TP_STATUS_USER, tci = 0;
    if (data[12] === 0x81 && data[13] === 0x00) {
      tci = data[14] << 8 | data[15];
      data = new Uint8Array([...data.subarray(0, 12), ...data.subarray(16)]);
      status |= TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID;
    }
    const len = data.length;
    data = data.subarray(0, frames[i].cut ?? len);
    const next = TPACKET_ALIGN(MAC_AT + data.length);
    assert.ok(off + next <= BLOCK, "block overflow in the test layout");
    v.setUint32(off + tpacket3_hdr.tp_next_offset, i + 1 < n ? next : 0, true);
    v.setUint32(off + tpacket3_hdr.tp_sec, 1_700_000_000 + sec0 + i, true);
    v.setUint32(off + tpacket3_hdr.tp_nsec, 0, true);
    v.setUint32(off + tpacket3_hdr.tp_snaplen, data.length, true);
    v.setUint32(off + tpacket3_hdr.tp_len, len, true);
    v.setUint32(off + tpacket3_hdr.tp_status, status, true);
    v.setUint16(off + tpacket3_hdr.tp_mac, MAC_AT, true);
    v.setUint16(off + tpacket3_hdr.tp_net, MAC_AT + 14, true);
    v.setUint32(off + tpacket3_hdr.tp_vlan_tci, tci, true);
    v.setUint16(off + tpacket3_hdr.tp_vlan_tpid, 0x8100, true);
    bytes[off + TPACKET_ALIGN(tpacket3_hdr.size) + sockaddr_ll.sll_pkttype] = PACKET_OTHERHOST;
    bytes.set(data, off + MAC_AT);
    off += next;
  }
  v.setUint32(tpacket_block_desc.num_pkts, n, true);
  v.setUint32(tpacket_block_desc.offset_to_first_pkt, DESC, true);
  v.setUint32(tpacket_block_desc.block_status, TP_STATUS_USER, true);
}

function syntheticRing(snaplen = 262144) {
  const mem = new ArrayBuffer(BLOCK * BLOCKS);
  const status = (b: number) =>
    new DataView(mem).getUint32(b * BLOCK + tpacket_block_desc.block_status, true);
  const src = new RingSource(-1, "synthetic", 7, snaplen, {
    ptr: Deno.UnsafePointer.of(mem),
    size: mem.byteLength,
    blockSize: BLOCK,
    blockCount: BLOCKS,
  });
  return { mem, status, src };
}

/** Frames per block in round `r` of block `b` (varied, so blocks end at different places). */
const perBlock = (b: number, r: number) => 3 + (b + 2 * r) % 4;

for (const budget of [1, 2, 5, 1024]) {
  Deno.test(`ring block lifetime (emit, budget ${budget}): a block stays ours while its frames are handed over, goes back after`, () => {
    // Guards RingSource's #hold/#release: TP_STATUS_KERNEL must not be written into a block
    // before the frame read last from it is done with (it is a view into that block).
    const { mem, status, src } = syntheticRing();
    let seq = 0;
    for (let b = 0; b < BLOCKS; b++) {
      fillBlock(mem, b, seq, perBlock(b, 0));
      seq += perBlock(b, 0);
    }
    const got: number[] = [];
    let lastBlock = -1;
    const emit = (rec: PacketRecord) => {
      const b = Math.floor(rec.data.byteOffset / BLOCK);
      assert.equal(status(b), TP_STATUS_USER, `block ${b} went back before frame ${got.length}`);
      for (let e = 0; e < b; e++) {
        assert.equal(status(e), TP_STATUS_KERNEL, `block ${e} kept after its frames were done`);
      }
      for (let l = b + 1; l < BLOCKS; l++) assert.equal(status(l), TP_STATUS_USER);
      // The frame is whole and as sent (the stripped tag put back with PCP and DEI).
      assert.deepEqual(rec.data, wireFrame(got.length), `frame ${got.length}`);
      assert.equal(rec.len, rec.data.length);
      assert.equal(rec.direction, "otherhost");
      got.push(got.length);
      lastBlock = b;
    };
    for (let calls = 0; calls < 1000; calls++) if (src.drain(emit, budget) === 0) break;
    assert.equal(got.length, seq);
    assert.equal(lastBlock, BLOCKS - 1);
    // Once a later read found nothing, every block is the kernel's again.
    for (let b = 0; b < BLOCKS; b++) assert.equal(status(b), TP_STATUS_KERNEL, `block ${b}`);
  });
}

Deno.test("ring block lifetime (zero-copy sink): blocks go back only after release(), the ring wraps 5 times, every frame intact", () => {
  // Guards the order in RingSource.#release (sink.release() before TP_STATUS_KERNEL) and the
  // block cursor wrapping: a stand-in kernel refills each block the moment it is handed back,
  // so a block given back early is overwritten before the frames pointing into it are written.
  const { mem, status, src } = syntheticRing();
  const bytesAll = new Uint8Array(mem);
  let seq = 0;
  const round = new Array(BLOCKS).fill(0);
  const kernel = () => {
    for (let b = 0; b < BLOCKS; b++) {
      if (status(b) === TP_STATUS_KERNEL && round[b] < 5) {
        fillBlock(mem, b, seq, perBlock(b, round[b]));
        seq += perBlock(b, round[b]);
        round[b]++;
      }
    }
  };
  // The kernel fills blocks in ring order; start with block 0 and let it run ahead.
  for (let b = 0; b < BLOCKS; b++) {
    new DataView(mem).setUint32(b * BLOCK + 8, TP_STATUS_KERNEL, true);
  }
  kernel();
  const pending: { start: number; caplen: number; len: number; sec: number }[] = [];
  const written: Uint8Array[] = [];
  const sink: FrameSink = {
    frames(view, ringAddr, table, count, ifindex) {
      assert.equal(view.byteLength, bytesAll.length); // a view of the whole ring
      assert.equal(ringAddr, Number(Deno.UnsafePointer.value(Deno.UnsafePointer.of(mem))));
      assert.equal(ifindex, 7);
      assert.ok(count >= 1 && count <= FRAME_TABLE_ROWS);
      for (let i = 0; i < count; i++) {
        const row = table.subarray(i * FRAME_ROW, (i + 1) * FRAME_ROW);
        const start = row[FRAME_START], caplen = row[FRAME_CAPLEN], room = row[FRAME_ROOM];
        assert.equal(row[FRAME_PKTTYPE], PACKET_OTHERHOST);
        const b = Math.floor(start / BLOCK);
        assert.equal(status(b), TP_STATUS_USER, `frame handed over from block ${b} already back`);
        // The room the sink may write over is this frame's own ring header: past the previous
        // frame and the block descriptor, and big enough for a pcap record header.
        const last = pending.at(-1);
        const floor = last && Math.floor(last.start / BLOCK) === b
          ? last.start + last.caplen
          : b * BLOCK + 48;
        assert.ok(room >= 16 && start - room >= floor, `room ${room} before ${start}`);
        pending.push({ start, caplen, len: row[FRAME_LEN], sec: row[FRAME_SEC] });
      }
      kernel(); // the kernel runs while we work: it takes whatever was handed back
      return true;
    },
    release() {
      // "writev": every pending frame is read from the ring now, and must still be there.
      for (const p of pending) {
        const b = Math.floor(p.start / BLOCK);
        assert.equal(status(b), TP_STATUS_USER, `block ${b} back before its frames were written`);
        written.push(bytesAll.slice(p.start, p.start + p.caplen));
        assert.equal(p.len, p.caplen);
        assert.equal(p.sec, 1_700_000_000 + written.length - 1);
      }
      pending.length = 0;
    },
    record() {
      throw new Error("a ring source hands frames to frame(), not record()");
    },
  };
  src.sink = sink;
  for (let calls = 0; calls < 10000; calls++) {
    const n = src.drain(() => assert.fail("emit used with a sink"), 1 + calls % 7);
    kernel();
    if (n === 0 && round.every((r) => r >= 5) && pending.length === 0) break;
  }
  sink.release();
  assert.ok(round.every((r) => r === 5), `rounds ${round}`);
  assert.equal(written.length, seq, `${written.length} of ${seq} frames written`);
  written.forEach((w, i) => assert.deepEqual(w, wireFrame(i), `frame ${i}`));
});

Deno.test("ring: the snap length applies after the stripped tag is put back; len counts the tag", () => {
  // Guards the order in RingSource.drain: reinsertTag (+4 bytes) then the cut to the snap
  // length, and len += 4 for the tag, also when the kernel already cut the frame short.
  const { mem, src } = syntheticRing(64);
  const tagged = (n: number) => {
    const out = Uint8Array.from({ length: n }, (_, i) => i & 0xff);
    out.set([0x81, 0x00, 0xa0, 0x05, 0x88, 0xb5], 12);
    return out;
  };
  const plain = (n: number) => {
    const out = new Uint8Array(n).fill(0x5a);
    out.set([0x88, 0xb5], 12);
    return out;
  };
  const frames = [
    { data: tagged(64) }, // exactly the snap length once the tag is back
    { data: tagged(65) }, // one byte over
    { data: plain(64) },
    { data: plain(65) },
    { data: tagged(200), cut: 40 }, // the kernel kept 40 bytes of 196
  ];
  layBlock(mem, 0, frames, 0);
  const got: [number, number, number][] = [];
  src.drain((rec) => {
    got.push([rec.caplen, rec.len, rec.data.length]);
    const want = frames[got.length - 1].data.subarray(0, rec.caplen);
    assert.deepEqual(rec.data, want, `frame ${got.length - 1}`);
  }, 100);
  assert.deepEqual(got, [[64, 64, 64], [64, 65, 64], [64, 64, 64], [64, 65, 64], [44, 200, 44]]);
});

Deno.test("ring blocks: the largest power of two from 512 KiB to 1 MiB that makes 4 blocks", () => {
  const KiB = 1024, MiB = 1024 * KiB;
  assert.equal(RING_MIN_BLOCK_SIZE, 512 * KiB);
  assert.equal(RING_MAX_BLOCK_SIZE, MiB);
  const cases: [number, number][] = [
    [64 * KiB, 512 * KiB], // -B 64: the smallest block, 4 of them
    [2 * MiB, 512 * KiB],
    [4 * MiB - 1, 512 * KiB],
    [4 * MiB, MiB], // the default buffer: 4 blocks of 1 MiB
    [6 * MiB, MiB],
    [256 * MiB, MiB],
  ];
  for (const [buffer, block] of cases) assert.equal(ringBlockSize(buffer), block, `${buffer}`);
});
