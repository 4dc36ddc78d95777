/**
 * The zero-copy `-w` path: frames go from the packet ring to the file without being copied
 * or wrapped in objects. Each frame costs one record header written into an arena and two or
 * three iovecs (header, the frame in the ring, and for pcapng the block trailer); one
 * writev(2) writes a whole batch, always before the ring block the frames sit in goes back to
 * the kernel. Nothing is allocated per frame.
 */
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import {
  FRAME_CAPLEN,
  FRAME_LEN,
  FRAME_NSEC,
  FRAME_PKTTYPE,
  FRAME_ROOM,
  FRAME_ROW,
  FRAME_SEC,
  FRAME_START,
  type FrameSink,
} from "../capture/source.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { directionOf } from "../packet/direction.ts";
import { IOV_MAX } from "../sys/constants.ts";
import { FdFile } from "../sys/fdfile.ts";
import { SysError } from "../sys/libc.ts";
import { ENOSPC, EPIPE, errnoMessage } from "../sys/errno.ts";
import { Arena, type Region } from "../sys/memory.ts";
import { iovec } from "../sys/structs.ts";
import { CaptureFileError } from "../format/errors.ts";
import {
  encodePcapHeader,
  PCAP_RECORD_HEADER_LEN,
  type TimestampPrecision,
  writePcapRecordHeader,
} from "../format/pcap.ts";
import {
  directionToEpbFlags,
  encodeEpbTrailer,
  encodeIdb,
  encodeIsb,
  encodeShb,
  EPB_FLAGS_OPTION_LEN,
  EPB_HEADER_LEN,
  epbLength,
  type InterfaceStats,
  pad4,
  writeEpbHeader,
} from "../format/pcapng.ts";
import { NS_PER_SEC } from "../packet/packet.ts";

/** Options of a {@link RingWriter}. */
export interface RingWriterOptions {
  format: "pcap" | "pcapng";
  snaplen: number;
  precision?: TimestampPrecision;
  /** Name of an interface by index, for pcapng Interface Description Blocks. */
  ifaceName: (ifindex: number) => string;
  /**
   * Link type (LINKTYPE_*) of an interface by index: pcapng IDBs say it, a pcap file's
   * header says {@link linkType}. Ethernet when absent.
   */
  ifaceLinkType?: (ifindex: number) => number;
  /** pcap: the file's one link type (LINKTYPE_*); Ethernet when absent. */
  linkType?: number;
  /** Stop after this many frames (0: no limit). */
  count?: number;
  /** Write each frame out at once (tcpdump -U) instead of once per ring block. */
  packetBuffered?: boolean;
}

/** Arena for record headers, trailers and copied frames of a batch. */
const HEADER_ARENA = 1 << 20;
/**
 * The slot an EPB trailer takes in the header arena: up to 3 bytes of padding (in a 4-byte
 * space, so what follows stays aligned), the epb_flags option and the total length.
 */
const TRAILER_SLOT = 4 + EPB_FLAGS_OPTION_LEN + 4;
/** Bytes per frame in the header arena: pcapng EPB header and trailer slot. */
const PER_FRAME = EPB_HEADER_LEN + TRAILER_SLOT;

/** Writes frames handed over by ring sockets to a pcap or pcapng file with writev. */
export class RingWriter implements FrameSink {
  #file: FdFile;
  readonly #opts: RingWriterOptions;
  readonly #nano: boolean;
  readonly #ng: boolean;
  readonly #iov: Region;
  readonly #hdr: Region;
  readonly #hdrAddr: number;
  readonly #iovU32: Uint32Array;
  /** The header arena, where record headers and EPB trailers are written. */
  readonly #hdrView: DataView;
  /** Per-frame end offsets of the batch (bytes since batch start), to cut at a whole record. */
  readonly #ends = new Float64Array(IOV_MAX);
  #nIov = 0;
  #nFrames = 0;
  #hdrUsed = 0;
  #batchBytes = 0;
  /** Interface ids (pcapng) by ifindex. */
  readonly #ids = new Map<number, number>();
  readonly #names: string[] = [];
  /** epb_flags by `sll_pkttype`; undefined (no option) for packet types of no known direction. */
  readonly #flagsByPkttype: (number | undefined)[];
  #frames = 0;
  /** Stop after this many frames; 0 never matches a count that starts at 1. */
  readonly #count: number;
  #failure: CaptureFileError | undefined;
  #closed = false;
  readonly #start = BigInt(Date.now()) * 1_000_000n;

  private constructor(file: FdFile, opts: RingWriterOptions) {
    this.#file = file;
    // A copy of one shape whatever the caller passed: the writer rehearsed before a capture and
    // the one the capture writes with then share V8's hidden class, and the rehearsal's
    // optimized code stays valid (options of two shapes undid it at the first batch).
    this.#opts = {
      format: opts.format,
      snaplen: opts.snaplen,
      precision: opts.precision,
      ifaceName: opts.ifaceName,
      ifaceLinkType: opts.ifaceLinkType,
      linkType: opts.linkType,
      count: opts.count,
      packetBuffered: opts.packetBuffered,
    };
    this.#nano = opts.precision === "nano";
    this.#count = opts.count ?? 0;
    this.#ng = opts.format === "pcapng";
    const arena = new Arena(IOV_MAX * iovec.size + HEADER_ARENA + 64);
    this.#iov = arena.alloc(IOV_MAX * iovec.size);
    this.#hdr = arena.alloc(HEADER_ARENA);
    this.#hdrAddr = Number(Deno.UnsafePointer.value(this.#hdr.ptr));
    this.#iovU32 = new Uint32Array(arena.buffer, this.#iov.bytes.byteOffset, this.#iov.size >> 2);
    this.#hdrView = new DataView(arena.buffer, this.#hdr.bytes.byteOffset, this.#hdr.size);
    this.#flagsByPkttype = Array.from({ length: 8 }, (_, t) => directionToEpbFlags(directionOf(t)));
  }

  /** Creates the file ("-" for stdout) and writes its header. Throws CaptureFileError. */
  static open(path: string, opts: RingWriterOptions): RingWriter {
    const file = RingWriter.#openFile(path);
    const w = new RingWriter(file, opts);
    w.#writeFileHeader();
    return w;
  }

  /**
   * A writer that keeps nothing (see `FdFile.discard`), with `opts` but no frame limit: the
   * capture's rehearsal runs the zero-copy path through it before the sockets exist.
   */
  static discard(opts: RingWriterOptions): RingWriter {
    const w = new RingWriter(FdFile.discard(), { ...opts, count: 0 });
    w.#writeFileHeader();
    return w;
  }

  static #openFile(path: string): FdFile {
    try {
      return FdFile.open(path);
    } catch (e) {
      const why = e instanceof SysError ? errnoMessage(e.errno) : (e as Error).message;
      throw new CaptureFileError("open", path, `cannot open for writing: ${why}`);
    }
  }

  #writeFileHeader() {
    const header = this.#ng ? encodeShb() : encodePcapHeader(
      this.#opts.snaplen,
      this.#opts.precision ?? "micro",
      this.#opts.linkType ?? LINKTYPE_ETHERNET,
    );
    this.#guard(() => this.#file.writeAll(header));
  }

  /**
   * After log rotation (SIGHUP): when the name still names the file being written (same
   * device and inode) it is kept and false is returned; otherwise the file is finished and a
   * new one is started under the name, and true is returned.
   */
  reopen(): boolean {
    this.commit();
    if (!this.#file.owned || this.#file.isAt(this.#file.path)) return false;
    this.#file.close();
    this.#file = RingWriter.#openFile(this.#file.path);
    this.#ids.clear();
    this.#names.length = 0;
    this.#writeFileHeader();
    return true;
  }

  /** Frames written (or queued to be written). */
  get packets(): number {
    return this.#frames;
  }

  #guard(fn: () => void) {
    if (this.#failure) throw this.#failure;
    try {
      fn();
    } catch (e) {
      if (!(e instanceof SysError)) throw e;
      const kind = e.errno === ENOSPC ? "no-space" : e.errno === EPIPE ? "broken-pipe" : "write";
      this.#failure = new CaptureFileError(
        kind,
        this.#file.path,
        `write failed: ${e.code}: ${e.message.split(": ").pop()}`,
      );
      throw this.#failure;
    }
  }

  #interfaceId(ifindex: number): number {
    let id = this.#ids.get(ifindex);
    if (id !== undefined) return id;
    id = this.#names.length;
    const name = this.#opts.ifaceName(ifindex);
    this.#names.push(name);
    this.#ids.set(ifindex, id);
    this.commit();
    const linkType = this.#opts.ifaceLinkType?.(ifindex) ?? LINKTYPE_ETHERNET;
    this.#guard(() => this.#file.writeAll(encodeIdb(name, this.#opts.snaplen, linkType)));
    return id;
  }

  #pushIov(addr: number, len: number) {
    const w = this.#iovU32;
    const o = this.#nIov * (iovec.size >> 2);
    w[o] = addr >>> 0;
    w[o + 1] = (addr - (addr >>> 0)) / 0x1_0000_0000;
    w[o + 2] = len;
    w[o + 3] = 0;
    this.#nIov++;
    this.#batchBytes += len;
  }

  frames(
    ring: DataView,
    ringAddr: number,
    t: Uint32Array,
    count: number,
    ifindex: number,
  ): boolean {
    if (this.#failure) throw this.#failure;
    let i = 0;
    if (!this.#ng && !this.#opts.packetBuffered) {
      // pcap, the common case, in one loop: each frame's record header goes into the room in
      // front of it (the ring's own header of the frame, read already), so header and frame
      // are one iovec and nothing is written to the arena. Imported numbers are copied into
      // locals first: optimized code would load each of them again for every frame.
      const row = FRAME_ROW, room = FRAME_ROOM, start = FRAME_START, cap = FRAME_CAPLEN;
      const wire = FRAME_LEN, sec = FRAME_SEC, nsec = FRAME_NSEC;
      const hlen = PCAP_RECORD_HEADER_LEN, iovMax = IOV_MAX, put = writePcapRecordHeader;
      const io = this.#iovU32, ends = this.#ends, nano = this.#nano;
      // The ring's address in two 32-bit halves; a frame's low half may carry into the high.
      const lo0 = ringAddr % 0x1_0000_0000, hi0 = (ringAddr - lo0) / 0x1_0000_0000;
      const limit = this.#count === 0 ? count : Math.min(count, this.#count - this.#frames);
      let nIov = this.#nIov, nFrames = this.#nFrames, total = this.#batchBytes;
      for (; i < limit; i++) {
        const r = i * row;
        if (t[r + room] < hlen) break;
        if (nIov === iovMax) {
          this.#nIov = nIov;
          this.#nFrames = nFrames;
          this.#batchBytes = total;
          this.commit();
          nIov = nFrames = total = 0;
        }
        const caplen = t[r + cap];
        const at = t[r + start] - hlen;
        const size = hlen + caplen;
        put(ring, at, t[r + sec], t[r + nsec], caplen, t[r + wire], nano);
        const lo = lo0 + at, o = nIov << 2;
        io[o] = lo >>> 0;
        io[o + 1] = lo >= 0x1_0000_0000 ? hi0 + 1 : hi0;
        io[o + 2] = size;
        io[o + 3] = 0;
        nIov++;
        ends[nFrames++] = total += size;
      }
      this.#nIov = nIov;
      this.#nFrames = nFrames;
      this.#batchBytes = total;
      this.#frames += i;
      if (this.#count !== 0 && this.#frames === this.#count) return false;
    }
    for (; i < count; i++) {
      const r = i * FRAME_ROW;
      const more = this.frame(
        ring,
        ringAddr,
        t[r + FRAME_START],
        t[r + FRAME_CAPLEN],
        t[r + FRAME_LEN],
        t[r + FRAME_SEC],
        t[r + FRAME_NSEC],
        t[r + FRAME_PKTTYPE],
        ifindex,
        t[r + FRAME_ROOM],
      );
      if (!more) return false;
    }
    return true;
  }

  /**
   * One frame at bytes `start .. start+caplen` of the ring `view`; `room` bytes in front of it
   * may be overwritten (a pcap record header then goes there). Returns false once the frame
   * limit is reached.
   */
  frame(
    ring: DataView,
    ringAddr: number,
    start: number,
    caplen: number,
    len: number,
    sec: number,
    nsec: number,
    pkttype: number,
    ifindex: number,
    room = 0,
  ): boolean {
    if (this.#failure) throw this.#failure;
    if (!this.#ng && room >= PCAP_RECORD_HEADER_LEN) {
      if (this.#nIov + 1 > IOV_MAX) this.commit();
      const at = start - PCAP_RECORD_HEADER_LEN, size = PCAP_RECORD_HEADER_LEN + caplen;
      writePcapRecordHeader(ring, at, sec, nsec, caplen, len, this.#nano);
      this.#pushIov(ringAddr + at, size);
      this.#ends[this.#nFrames++] = this.#batchBytes;
      if (this.#opts.packetBuffered) this.commit();
      return ++this.#frames !== this.#count;
    }
    if (this.#ng) {
      const id = this.#interfaceId(ifindex);
      if (this.#nIov + 3 > IOV_MAX || this.#hdrUsed + PER_FRAME > HEADER_ARENA) this.commit();
      const flags = this.#flagsByPkttype[pkttype];
      this.#header(id, sec, nsec, caplen, len, flags !== undefined);
      this.#pushIov(ringAddr + start, caplen);
      this.#trailer(caplen, flags);
    } else {
      // pcap, the common case, written out flat: a 16-byte record header and two iovecs.
      let nIov = this.#nIov, used = this.#hdrUsed;
      if (nIov + 2 > IOV_MAX || used + PCAP_RECORD_HEADER_LEN > HEADER_ARENA) {
        this.commit();
        nIov = 0;
        used = 0;
      }
      const io = this.#iovU32;
      writePcapRecordHeader(this.#hdrView, used, sec, nsec, caplen, len, this.#nano);
      const a = this.#hdrAddr + used, b = ringAddr + start;
      const o = nIov << 2;
      io[o] = a >>> 0;
      io[o + 1] = (a - (a >>> 0)) / 0x1_0000_0000;
      io[o + 2] = PCAP_RECORD_HEADER_LEN;
      io[o + 3] = 0;
      io[o + 4] = b >>> 0;
      io[o + 5] = (b - (b >>> 0)) / 0x1_0000_0000;
      io[o + 6] = caplen;
      io[o + 7] = 0;
      this.#nIov = nIov + 2;
      this.#hdrUsed = used + PCAP_RECORD_HEADER_LEN;
      this.#batchBytes += PCAP_RECORD_HEADER_LEN + caplen;
    }
    this.#ends[this.#nFrames++] = this.#batchBytes;
    if (this.#opts.packetBuffered) this.commit();
    return ++this.#frames !== this.#count;
  }

  record(rec: PacketRecord): boolean {
    if (this.#failure) throw this.#failure;
    const id = this.#ng ? this.#interfaceId(rec.ifindex) : 0;
    const caplen = Math.min(rec.caplen, this.#opts.snaplen);
    if (PER_FRAME + caplen + 8 > HEADER_ARENA) return true; // larger than any snaplen allows
    if (this.#nIov + 3 > IOV_MAX || this.#hdrUsed + PER_FRAME + caplen + 8 > HEADER_ARENA) {
      this.commit();
    }
    const sec = Number(rec.ts / NS_PER_SEC);
    const nsec = Number(rec.ts % NS_PER_SEC);
    const flags = directionToEpbFlags(rec.direction);
    this.#header(id, sec, nsec, caplen, rec.len, flags !== undefined);
    // A copy: the record's bytes are reused after this call.
    const at = (this.#hdrUsed + 7) & ~7;
    this.#hdr.bytes.set(rec.data.subarray(0, caplen), at);
    this.#hdrUsed = (at + caplen + 3) & ~3;
    this.#pushIov(this.#hdrAddr + at, caplen);
    this.#trailer(caplen, flags);
    this.#ends[this.#nFrames++] = this.#batchBytes;
    if (this.#opts.packetBuffered) this.commit();
    return ++this.#frames !== this.#count;
  }

  /** The record header, at a 4-byte aligned offset of the header arena. */
  #header(id: number, sec: number, nsec: number, caplen: number, len: number, flags: boolean) {
    const o = this.#hdrUsed;
    if (this.#ng) {
      writeEpbHeader(this.#hdrView, o, epbLength(caplen, flags), id, sec, nsec, caplen, len);
      this.#hdrUsed = o + EPB_HEADER_LEN;
      this.#pushIov(this.#hdrAddr + o, EPB_HEADER_LEN);
    } else {
      writePcapRecordHeader(this.#hdrView, o, sec, nsec, caplen, len, this.#nano);
      this.#hdrUsed = o + PCAP_RECORD_HEADER_LEN;
      this.#pushIov(this.#hdrAddr + o, PCAP_RECORD_HEADER_LEN);
    }
  }

  /**
   * What follows the frame in an EPB: padding, the epb_flags option (when the direction is
   * known) and the total length, written so that the options start 4 bytes into the slot.
   */
  #trailer(caplen: number, flags: number | undefined) {
    if (!this.#ng) return;
    const o = this.#hdrUsed, at = o + 4 - (pad4(caplen) - caplen);
    const total = epbLength(caplen, flags !== undefined);
    const end = encodeEpbTrailer(this.#hdrView, at, caplen, total, flags);
    this.#hdrUsed = o + TRAILER_SLOT;
    this.#pushIov(this.#hdrAddr + at, end - at);
  }

  /** Writes the batch now. */
  commit() {
    if (this.#nIov === 0) return;
    const before = this.#file.written;
    const total = this.#batchBytes;
    const n = this.#nIov;
    const frames = this.#nFrames;
    this.#nIov = 0;
    this.#nFrames = 0;
    this.#hdrUsed = 0;
    this.#batchBytes = 0;
    try {
      this.#guard(() => this.#file.writevAll(this.#iov.view, this.#iov.ptr, n, total));
    } catch (e) {
      // Keep whole records only.
      const done = this.#file.written - before;
      let keep = 0;
      for (let i = 0; i < frames && this.#ends[i] <= done; i++) keep = this.#ends[i];
      this.#file.truncate(before + keep);
      throw e;
    }
  }

  release() {
    this.commit();
  }

  /** Writes what is pending, pcapng statistics blocks, and closes the file. */
  close(stats?: InterfaceStats) {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (this.#failure) return;
      this.commit();
      if (this.#ng && stats) {
        const now = BigInt(Date.now()) * 1_000_000n;
        for (let id = 0; id < this.#names.length; id++) {
          const s = stats.get(this.#names[id]);
          if (!s) continue;
          this.#guard(() =>
            this.#file.writeAll(encodeIsb(id, now, {
              starttime: this.#start,
              endtime: now,
              ifrecv: BigInt(s.received),
              ifdrop: BigInt(s.dropped),
            }))
          );
        }
      }
    } finally {
      this.#file.close();
    }
  }
}
