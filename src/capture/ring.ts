/**
 * The TPACKET_V3 read path: a memory-mapped ring of blocks that the kernel fills while we
 * sleep. One wake-up hands over whole blocks of frames with no system call per frame; frames
 * are read in place through one ArrayBuffer over the mapping, and a block goes back to the
 * kernel by writing TP_STATUS_KERNEL into its header.
 *
 * Sizing: at least 4 blocks, so that the kernel fills some while we read others, and the ring
 * is `bufferSize` rounded to whole blocks. Blocks are the largest power of two from 512 KiB
 * (room for the largest GRO frame plus headers) to 1 MiB that makes 4 (default 4 MiB: 4 blocks
 * of 1 MiB). Each block handed over is a wake-up, and after one the process runs with
 * cold caches for a while: measured at 100k frames/s, a block of 1 MiB instead of 512 KiB saves
 * ~10 ns of CPU per frame. The block timeout bounds how long a partly filled block waits
 * before the kernel hands it over: 64 ms keeps interactive output prompt at low rates while
 * full blocks retire at once under load; `--immediate` uses 1 ms.
 */
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { directionOf } from "../packet/direction.ts";
import { ETH_P_8021Q, putBackVlanTag, VLAN_HLEN } from "../packet/vlan.ts";
import { ETH_HLEN, ETH_TYPE_AT } from "../packet/ethernet.ts";
import { NS_PER_SEC } from "../packet/packet.ts";
import {
  MAP_SHARED,
  PACKET_HOST,
  PACKET_OTHERHOST,
  PACKET_RESERVE,
  PACKET_RX_RING,
  PACKET_VERSION,
  PROT_READ,
  PROT_WRITE,
  SOL_PACKET,
  TP_STATUS_KERNEL,
  TP_STATUS_USER,
  TP_STATUS_VLAN_TPID_VALID,
  TP_STATUS_VLAN_VALID,
  TPACKET_V3,
} from "../sys/constants.ts";
import { errno, libc, SysError } from "../sys/libc.ts";
import { Arena } from "../sys/memory.ts";
import {
  sockaddr_ll,
  tpacket3_hdr,
  TPACKET_ALIGN,
  tpacket_block_desc,
  tpacket_req3,
  tpacket_stats_v3,
} from "../sys/structs.ts";
import { closeFd, readStats, setIntOpt, setStructOpt } from "./socket.ts";
import {
  type CaptureSource,
  type Emit,
  FRAME_CAPLEN,
  FRAME_LEN,
  FRAME_NSEC,
  FRAME_PKTTYPE,
  FRAME_ROOM,
  FRAME_ROW,
  FRAME_SEC,
  FRAME_START,
  FRAME_TABLE_ROWS,
  type FrameSink,
  type SourceStats,
  zeroStats,
} from "./source.ts";

/** Smallest ring block: room for the largest GRO frame plus its headers. */
export const RING_MIN_BLOCK_SIZE = 512 * 1024;
/** Largest ring block (the default buffer's). */
export const RING_MAX_BLOCK_SIZE = 1024 * 1024;
export const RING_MIN_BLOCKS = 4;
export const BLOCK_TIMEOUT_MS = 64;
export const IMMEDIATE_BLOCK_TIMEOUT_MS = 1;
/** Room kept in front of each frame for a VLAN tag put back. */
const RESERVE = VLAN_HLEN;
const SLL_OFF = TPACKET_ALIGN(tpacket3_hdr.size);

/** How to lay out the ring. */
export interface RingOptions {
  /** Total ring size in bytes; rounded to whole blocks. */
  bufferSize: number;
  /** Block retire timeout in ms. */
  blockTimeoutMs?: number;
}

/** The mapped ring of one socket. */
export interface RingMapping {
  ptr: Deno.PointerValue;
  size: number;
  blockSize: number;
  blockCount: number;
}

/** The block size of a ring of `bufferSize` bytes: see the sizing rule at the top. */
export function ringBlockSize(bufferSize: number): number {
  let size = RING_MIN_BLOCK_SIZE;
  while (size < RING_MAX_BLOCK_SIZE && size * 2 * RING_MIN_BLOCKS <= bufferSize) size *= 2;
  return size;
}

/**
 * Switches `fd` to TPACKET_V3, reserves tag room, creates and maps the ring. Call before bind.
 * Throws a SysError when the kernel refuses (callers fall back to recvmsg).
 */
export function setupRing(fd: number, opts: RingOptions): RingMapping {
  setIntOpt(fd, SOL_PACKET, PACKET_VERSION, TPACKET_V3, "setsockopt(PACKET_VERSION)");
  setIntOpt(fd, SOL_PACKET, PACKET_RESERVE, RESERVE, "setsockopt(PACKET_RESERVE)");
  const blockSize = ringBlockSize(opts.bufferSize);
  const blockCount = Math.max(RING_MIN_BLOCKS, Math.ceil(opts.bufferSize / blockSize));
  const req = new Arena(4096).alloc(tpacket_req3.size);
  const v = req.view;
  v.setUint32(tpacket_req3.tp_block_size, blockSize, true);
  v.setUint32(tpacket_req3.tp_block_nr, blockCount, true);
  // V3 frames are variable-sized; frame_size/frame_nr only have to be consistent.
  v.setUint32(tpacket_req3.tp_frame_size, 2048, true);
  v.setUint32(tpacket_req3.tp_frame_nr, (blockSize / 2048) * blockCount, true);
  v.setUint32(tpacket_req3.tp_retire_blk_tov, opts.blockTimeoutMs ?? BLOCK_TIMEOUT_MS, true);
  v.setUint32(tpacket_req3.tp_sizeof_priv, 0, true);
  v.setUint32(tpacket_req3.tp_feature_req_word, 0, true);
  setStructOpt(fd, SOL_PACKET, PACKET_RX_RING, req, "setsockopt(PACKET_RX_RING)");
  const size = blockSize * blockCount;
  const ptr = libc().mmap(null, BigInt(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0n);
  const addr = BigInt(Deno.UnsafePointer.value(ptr));
  if (addr === 0n || addr === 0xffff_ffff_ffff_ffffn || addr === -1n) {
    throw new SysError("mmap", errno(), "packet ring");
  }
  return { ptr, size, blockSize, blockCount };
}

/**
 * Reads `count` frames of a ring block from the frame header at `off` into rows `row`... of
 * `table` (see FRAME_ROW), putting stripped VLAN tags back; returns the offset of the next
 * frame header. The one ring walk: records (`drain`) and the zero-copy sink both read through
 * it. Rows read past a frame whose `emit` or sink stopped the capture are not read again (their
 * tags are back in place already): a stopped source is not drained again. A function of its
 * own so that V8 optimizes it whole, not as a loop inside the caller.
 */
function tableFrames(
  u32: Uint32Array,
  u16: Uint16Array,
  bytes: Uint8Array,
  view: DataView,
  table: Uint32Array,
  row: number,
  count: number,
  off: number,
  snaplen: number,
): number {
  // The layout's numbers in locals: read once per call, not once per frame (imported objects
  // and module constants are loads and checks in optimized code; locals are registers).
  const status_ = tpacket3_hdr.tp_status >> 2, snaplen_ = tpacket3_hdr.tp_snaplen >> 2;
  const len_ = tpacket3_hdr.tp_len >> 2, mac_ = tpacket3_hdr.tp_mac;
  const sec_ = tpacket3_hdr.tp_sec >> 2, nsec_ = tpacket3_hdr.tp_nsec >> 2;
  const tci_ = tpacket3_hdr.tp_vlan_tci >> 2, tpid_ = tpacket3_hdr.tp_vlan_tpid;
  const next_ = tpacket3_hdr.tp_next_offset >> 2, pkttype_ = SLL_OFF + sockaddr_ll.sll_pkttype;
  const vlanValid = TP_STATUS_VLAN_VALID, tpidValid = TP_STATUS_VLAN_TPID_VALID;
  const row_ = FRAME_ROW, start_ = FRAME_START, caplen_ = FRAME_CAPLEN, wire_ = FRAME_LEN;
  const tsec_ = FRAME_SEC, tnsec_ = FRAME_NSEC, type_ = FRAME_PKTTYPE, room_ = FRAME_ROOM;
  const defaultTpid = ETH_P_8021Q;
  // An integer for the optimizer: a parameter it has seen as any number is converted per frame.
  const snap = snaplen >>> 0;
  for (let r = row * row_, end = (row + count) * row_; r < end; r += row_) {
    const h = off >>> 2;
    const status = u32[h + status_];
    let caplen = u32[h + snaplen_];
    let len = u32[h + len_];
    let start = off + u16[(off + mac_) >>> 1];
    if (status & vlanValid) {
      const tci = u32[h + tci_] & 0xffff;
      const tpid = status & tpidValid ? u16[(off + tpid_) >>> 1] : defaultTpid;
      const added = putBackVlanTag(view, start, caplen, tpid, tci);
      start -= added;
      caplen += added;
      len += added;
    }
    table[r + start_] = start;
    table[r + caplen_] = caplen > snap ? snap : caplen;
    table[r + wire_] = len;
    table[r + tsec_] = u32[h + sec_];
    table[r + tnsec_] = u32[h + nsec_];
    table[r + type_] = bytes[off + pkttype_];
    table[r + room_] = start - off;
    off += u32[h + next_];
  }
  return off;
}

/** A capture socket read through its TPACKET_V3 ring. */
export class RingSource implements CaptureSource {
  readonly path = "ring";
  sink?: FrameSink;
  /** Native address of the mapping, as a number (exact: user addresses fit in 48 bits). */
  readonly #addr: number;
  readonly #map: RingMapping;
  readonly #bytes: Uint8Array;
  readonly #u32: Uint32Array;
  readonly #u16: Uint16Array;
  readonly #view: DataView;
  /** Frames read for the sink and not yet handed to it. */
  readonly #table = new Uint32Array(FRAME_TABLE_ROWS * FRAME_ROW);
  readonly #snaplen: number;
  readonly #rec: PacketRecord;
  readonly #totals: SourceStats = zeroStats();
  /** Index of the block to read next. */
  #block = 0;
  /** Within a block being read: next packet offset and packets left (a budget can stop mid-block). */
  #pktOff = 0;
  #pktLeft = 0;
  /**
   * A block whose frames were all handed over but which is not yet back with the kernel: the
   * last frame handed over is a view into it, valid until the next frame is read.
   */
  #held = -1;
  #open = true;

  constructor(
    readonly fd: number,
    readonly iface: string,
    readonly ifindex: number,
    snaplen: number,
    map: RingMapping,
    /** What frames on this interface start with (LINKTYPE_*): Ethernet, or RAW (tun). */
    readonly linkType: number = LINKTYPE_ETHERNET,
  ) {
    this.#map = map;
    this.#addr = Number(Deno.UnsafePointer.value(map.ptr));
    const buf = Deno.UnsafePointerView.getArrayBuffer(map.ptr!, map.size);
    this.#bytes = new Uint8Array(buf);
    this.#u32 = new Uint32Array(buf);
    this.#u16 = new Uint16Array(buf);
    this.#view = new DataView(buf);
    this.#snaplen = snaplen;
    this.#rec = {
      ts: 0n,
      iface,
      ifindex,
      len: 0,
      caplen: 0,
      direction: "unknown",
      data: this.#bytes.subarray(0, 0),
      linkType,
    };
  }

  drain(emit: Emit, budget: number): number {
    if (this.sink) return this.#drainToSink(this.sink, budget);
    // The same walk as for a sink (tableFrames), a table's worth of a block at a time; each row
    // then becomes the one record, reused.
    const u32 = this.#u32;
    const u16 = this.#u16;
    const bytes = this.#bytes;
    const view = this.#view;
    const table = this.#table;
    const rec = this.#rec;
    const bs = this.#map.blockSize;
    const snaplen = this.#snaplen;
    let off = this.#pktOff;
    let left = this.#pktLeft;
    let n = 0;
    while (n < budget && this.#open) {
      if (this.#held >= 0) this.#release();
      const base = this.#block * bs;
      if (left === 0) {
        const frames = this.#blockFrames(base);
        if (frames < 0) break;
        left = frames;
        off = this.#pktOff;
        if (left === 0) {
          this.#hold(base);
          continue;
        }
      }
      let take = budget - n;
      if (take > left) take = left;
      if (take > FRAME_TABLE_ROWS) take = FRAME_TABLE_ROWS;
      const after = tableFrames(u32, u16, bytes, view, table, 0, take, off, snaplen);
      for (let r = 0, end = take * FRAME_ROW; r < end; r += FRAME_ROW) {
        const start = table[r + FRAME_START], caplen = table[r + FRAME_CAPLEN];
        // The cursor moves past the frame first (emit may end the capture): to the next row's
        // frame header (FRAME_ROOM bytes before its frame), or past the rows.
        const next = r + FRAME_ROW;
        off = next < end ? table[next + FRAME_START] - table[next + FRAME_ROOM] : after;
        n++;
        left--;
        if (left === 0) this.#hold(base);
        this.#pktOff = off;
        this.#pktLeft = left;
        rec.ts = BigInt(table[r + FRAME_SEC]) * NS_PER_SEC + BigInt(table[r + FRAME_NSEC]);
        rec.len = table[r + FRAME_LEN];
        rec.caplen = caplen;
        rec.direction = directionOf(table[r + FRAME_PKTTYPE]);
        rec.data = bytes.subarray(start, start + caplen);
        if (emit(rec) === false) return -1;
      }
    }
    this.#pktOff = off;
    this.#pktLeft = left;
    return n;
  }

  /**
   * {@link drain} for a sink: the same walk, but each frame becomes a row of the frame table,
   * handed over when it is full and always before the block its frames sit in goes back.
   */
  #drainToSink(sink: FrameSink, budget: number): number {
    const u32 = this.#u32;
    const u16 = this.#u16;
    const bytes = this.#bytes;
    const table = this.#table;
    const bs = this.#map.blockSize;
    const view = this.#view;
    const snaplen = this.#snaplen, addr = this.#addr, ifindex = this.ifindex;
    let off = this.#pktOff;
    let left = this.#pktLeft;
    let n = 0, rows = 0;
    while (n < budget && this.#open) {
      if (this.#held >= 0) {
        if (rows > 0) {
          if (!sink.frames(view, addr, table, rows, ifindex)) return this.#stop(off, left);
          rows = 0;
        }
        this.#release();
      }
      const base = this.#block * bs;
      if (left === 0) {
        const frames = this.#blockFrames(base);
        if (frames < 0) break;
        left = frames;
        off = this.#pktOff;
        if (left === 0) {
          this.#hold(base);
          continue;
        }
      }
      // The frames of this block that fit the budget and the table.
      let take = budget - n;
      if (take > left) take = left;
      if (take > FRAME_TABLE_ROWS - rows) take = FRAME_TABLE_ROWS - rows;
      off = tableFrames(u32, u16, bytes, view, table, rows, take, off, snaplen);
      n += take;
      rows += take;
      left -= take;
      if (left === 0) this.#hold(base);
      if (rows === FRAME_TABLE_ROWS) {
        if (!sink.frames(view, addr, table, rows, ifindex)) return this.#stop(off, left);
        rows = 0;
      }
    }
    if (rows > 0 && !sink.frames(view, addr, table, rows, ifindex)) return this.#stop(off, left);
    this.#pktOff = off;
    this.#pktLeft = left;
    return n;
  }

  /**
   * How many frames block `base` holds once the kernel has handed it over, with the cursor
   * (`#pktOff`) at its first frame; -1 while the block is still the kernel's.
   */
  #blockFrames(base: number): number {
    const u32 = this.#u32;
    if ((u32[(base + tpacket_block_desc.block_status) >>> 2] & TP_STATUS_USER) === 0) return -1;
    this.#pktOff = base + u32[(base + tpacket_block_desc.offset_to_first_pkt) >>> 2];
    return u32[(base + tpacket_block_desc.num_pkts) >>> 2];
  }

  /** The sink asked to stop: keeps the cursor, returns -1. */
  #stop(off: number, left: number): number {
    this.#pktOff = off;
    this.#pktLeft = left;
    return -1;
  }

  /** Done reading block `base`: move on, and give it back before the next frame is read. */
  #hold(base: number) {
    this.#held = base;
    this.#block = (this.#block + 1) % this.#map.blockCount;
  }

  #release() {
    this.sink?.release();
    this.#u32[(this.#held + tpacket_block_desc.block_status) >>> 2] = TP_STATUS_KERNEL;
    this.#held = -1;
  }

  stats(): SourceStats {
    if (this.#open) {
      const [p, d, f] = readStats(this.fd, tpacket_stats_v3.size);
      this.#totals.received += p;
      this.#totals.dropped += d;
      this.#totals.freezes += f;
    }
    return { ...this.#totals };
  }

  close() {
    if (!this.#open) return;
    this.stats();
    this.#open = false;
    libc().munmap(this.#map.ptr, BigInt(this.#map.size));
    closeFd(this.fd);
  }
}

/**
 * Size of the synthetic block {@link rehearseRing} reads: a real block's (the default
 * buffer's), so that a batch runs as long as in a capture (the zero-copy writer fills its
 * iovecs before a block ends).
 */
const REHEARSAL_BLOCK = RING_MAX_BLOCK_SIZE;
/**
 * Frames per drain call: the capture loop's budget, and every other call fewer than a frame
 * table holds, so that a drain also ends with a part-filled table (code V8 never ran before
 * the capture would be compiled again during it).
 */
const REHEARSAL_BATCHES = [4096, FRAME_TABLE_ROWS - 24];
/** Where the first frame header sits in a block: after the block descriptor. */
const BLOCK_DESC_SIZE = TPACKET_ALIGN(tpacket_block_desc.ts_last_pkt + 8);

/**
 * Runs the ring read path (`RingSource.drain`) over `count` synthetic frames, laid out in an
 * ordinary buffer as the kernel lays them out in the ring, and hands them to `emit`, in
 * batches as a capture does. Done before a capture's sockets exist, it lets V8 compile the
 * whole per-frame path (this read loop and everything `emit` calls) while nothing queues:
 * compiled at the start of a busy burst instead, that work shares the CPU with the capture
 * and the ring overflows. A frame with an 802.1Q tag at byte 12 is stored without it, the tag
 * in its header, as the kernel stores it. Stops early when `emit` returns false. With a
 * `sink`, frames go to it instead of `emit`, as on the zero-copy path to a file.
 */
export function rehearseRing(
  emit: Emit,
  frames: readonly Uint8Array[],
  count: number,
  snaplen: number,
  sink?: FrameSink,
): void {
  const mem = new ArrayBuffer(REHEARSAL_BLOCK);
  const bytes = new Uint8Array(mem);
  const v = new DataView(mem);
  const mac = TPACKET_ALIGN(SLL_OFF + sockaddr_ll.size) + RESERVE;
  const sec = Math.floor(Date.now() / 1000);
  const headers: number[] = [];
  let off = BLOCK_DESC_SIZE, n = 0;
  for (;; n++) {
    let data = frames[n % frames.length];
    let status = TP_STATUS_USER, tci = 0;
    const t = ETH_TYPE_AT;
    if (data.length >= ETH_HLEN + VLAN_HLEN && (data[t] << 8 | data[t + 1]) === ETH_P_8021Q) {
      // The kernel's view: the outer tag out of the frame, into the header.
      tci = data[t + 2] << 8 | data[t + 3];
      data = new Uint8Array([...data.subarray(0, t), ...data.subarray(t + VLAN_HLEN)]);
      status |= TP_STATUS_VLAN_VALID | TP_STATUS_VLAN_TPID_VALID;
    }
    const next = TPACKET_ALIGN(mac + data.length);
    if (off + next > REHEARSAL_BLOCK) break;
    v.setUint32(off + tpacket3_hdr.tp_next_offset, next, true);
    v.setUint32(off + tpacket3_hdr.tp_sec, sec, true);
    // Times as the kernel gives them, not whole microseconds: code compiled on round numbers
    // would be thrown away at the first real frame (an integer division that stops being one).
    v.setUint32(off + tpacket3_hdr.tp_nsec, (n * 7_919_311) % Number(NS_PER_SEC), true);
    v.setUint32(off + tpacket3_hdr.tp_snaplen, data.length, true);
    v.setUint32(off + tpacket3_hdr.tp_len, data.length, true);
    v.setUint32(off + tpacket3_hdr.tp_status, status, true);
    v.setUint16(off + tpacket3_hdr.tp_mac, mac, true);
    v.setUint16(off + tpacket3_hdr.tp_net, mac + ETH_HLEN, true);
    v.setUint32(off + tpacket3_hdr.tp_vlan_tci, tci, true);
    v.setUint16(off + tpacket3_hdr.tp_vlan_tpid, ETH_P_8021Q, true);
    bytes[off + SLL_OFF + sockaddr_ll.sll_pkttype] = n & 1 ? PACKET_OTHERHOST : PACKET_HOST;
    bytes.set(data, off + mac);
    headers.push(off);
    off += next;
  }
  v.setUint32(tpacket_block_desc.num_pkts, n, true);
  v.setUint32(tpacket_block_desc.offset_to_first_pkt, BLOCK_DESC_SIZE, true);
  v.setUint32(tpacket_block_desc.block_status, TP_STATUS_USER, true);
  const fresh = bytes.slice();
  const src = new RingSource(-1, "rehearsal", 0, snaplen, {
    ptr: Deno.UnsafePointer.of(mem),
    size: REHEARSAL_BLOCK,
    blockSize: REHEARSAL_BLOCK,
    blockCount: 1,
  });
  src.sink = sink;
  // Never closed: close() would unmap memory that is not a mapping.
  for (let done = 0, pass = 0; done < count; pass++) {
    bytes.set(fresh); // the tags put back rewrote the frames in place
    // A new second each pass, as in a real capture (timestamp formatting caches the second).
    for (const h of headers) v.setUint32(h + tpacket3_hdr.tp_sec, sec + pass, true);
    for (let got; (got = src.drain(emit, REHEARSAL_BATCHES[pass & 1])) !== 0; done += got) {
      if (got < 0) return;
    }
    // The block went back (status TP_STATUS_KERNEL) at the start of the last call.
  }
}
