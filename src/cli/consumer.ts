/**
 * Where frames go: text or NDJSON lines, or a capture file (optionally printed too). One
 * object per run, fed synchronously from the capture loop or the file reader.
 */
import type { PacketRecord } from "../packet/packet.ts";
import { forgetTcpConnections, formatText, type TextOptions } from "../format/text.ts";
import { encodeJson, formatJson } from "../format/json.ts";
import { isoNanos } from "../format/json_record.ts";
import { CaptureWriter, type WriteFormat } from "../format/writer.ts";
import type { InterfaceStats } from "../format/pcapng.ts";
import { RingWriter, type RingWriterOptions } from "../output/ring_writer.ts";
import type { CliOptions } from "./args.ts";
import { interfaceNamer } from "../capture/interfaces.ts";
import { LineWriter } from "./output.ts";
import { postRotate } from "./postrotate.ts";

/** libpcap's MAXIMUM_SNAPLEN: tcpdump marks a record whose lengths pass it as invalid. */
const MAX_LEN = 262144;

/**
 * tcpdump's mark for a record whose header makes no sense (its lengths), printed instead of
 * the frame: `[Invalid header: len(40) < caplen(98)]`. Undefined for a sound header.
 */
export function invalidHeader(caplen: number, len: number): string | undefined {
  if (caplen !== 0 && len !== 0 && len >= caplen && caplen <= MAX_LEN && len <= MAX_LEN) {
    return undefined;
  }
  const why: string[] = [];
  if (caplen === 0) why.push("caplen==0");
  if (len === 0) why.push("len==0");
  else if (len < caplen) why.push(`len(${len}) < caplen(${caplen})`);
  if (caplen > MAX_LEN) why.push(`caplen(${caplen}) > ${MAX_LEN}`);
  if (len > MAX_LEN) why.push(`len(${len}) > ${MAX_LEN}`);
  return `[Invalid header: ${why.join(", ")}]`;
}

/** "1 packet", "2 packets": tcpdump's --count line. */
export function packetCount(n: number): string {
  return `${n} packet${n === 1 ? "" : "s"}`;
}

/** Takes frames; `take` returns false when the run should stop (-c reached, -W done). */
export class Consumer {
  readonly out: LineWriter;
  #captured = 0;
  #writer: CaptureWriter | undefined;
  /** The zero-copy file writer, when frames go straight from the ring to the file. */
  readonly sink: RingWriter | undefined;
  readonly #format: ((rec: PacketRecord) => string) | undefined;
  /** NDJSON lines are encoded straight into the output buffer. */
  readonly #json: boolean = false;
  readonly #count: number;
  readonly #opts: CliOptions;
  readonly #text: TextOptions;
  /** -l / -U: every printed line goes out at once. */
  readonly #eager: boolean;
  /** -U: every file record goes out at once. */
  readonly #packetBuffered: boolean;

  private constructor(
    opts: CliOptions,
    writer: CaptureWriter | undefined,
    sink: RingWriter | undefined,
    out: LineWriter,
  ) {
    this.#opts = opts;
    this.#writer = writer;
    this.sink = sink;
    this.out = out;
    this.#count = opts.count;
    this.#eager = opts.lineBuffered || opts.packetBuffered;
    this.#packetBuffered = opts.packetBuffered;
    const text: TextOptions = this.#text = {
      link: opts.link,
      verbose: opts.verbose,
      quiet: opts.quiet,
      hex: opts.hex,
      ascii: opts.ascii,
      relativeSeq: !opts.absoluteSeq,
      showIface: true,
      tsFormat: opts.tsFormat,
      verifyChecksums: !opts.noChecksums,
      // LINUX_SLL2 lines name the interface by index, as this host names it (tcpdump's way).
      ifName: interfaceNamer(),
    };
    if ((!(writer || sink) || opts.print) && !opts.countOnly) {
      this.#json = opts.json;
      this.#format = opts.json ? formatJson : text.tsFormat === "delta"
        ? (rec) => {
          // -ttt: since the previous frame; -ttttt: since the first.
          text.tsRef ??= rec.ts;
          const line = formatText(rec, text);
          if (!opts.sinceFirst) text.tsRef = rec.ts;
          return line;
        }
        : (rec) => formatText(rec, text);
    }
  }

  /**
   * Opens the output named by the options (stdout text, or a capture file). With `zeroCopy`
   * (a live capture whose every frame is wanted, written to one file) frames are written
   * straight from the ring through {@link sink}; `ifaceName` names interfaces for pcapng.
   */
  static async open(
    opts: CliOptions,
    zeroCopy?: Pick<RingWriterOptions, "ifaceName" | "ifaceLinkType" | "linkType">,
  ): Promise<Consumer> {
    const ring = zeroCopy && Consumer.ringWriterOptions(opts, zeroCopy.ifaceName);
    const sink = ring
      ? RingWriter.open(opts.write!, {
        ...ring,
        ifaceLinkType: zeroCopy.ifaceLinkType,
        linkType: zeroCopy.linkType,
      })
      : undefined;
    const writer = opts.write === undefined || sink ? undefined : await openWriter(opts);
    // With -w - the file goes to stdout; printed lines then go to stderr.
    const out = opts.write === "-"
      ? new LineWriter(Deno.stderr, undefined, "stderr")
      : new LineWriter(Deno.stdout);
    return new Consumer(opts, writer, sink, out);
  }

  /**
   * The frames read so far start with `linkType`: a pcap file being written that has no
   * record yet takes it for its header.
   */
  noteLinkType(linkType: number): void {
    if (this.#writer && this.#writer.packets === 0) this.#writer.useLinkType(linkType);
  }

  /**
   * The zero-copy writer's options when these options write every frame to one file (no
   * printing, no rotation), else undefined.
   */
  static ringWriterOptions(
    opts: CliOptions,
    ifaceName: (ifindex: number) => string,
  ): RingWriterOptions | undefined {
    if (
      opts.write === undefined || opts.print || opts.fileSizeMB || opts.seconds || opts.maxFiles
    ) return undefined;
    return {
      format: formatFor(opts),
      snaplen: opts.snaplen,
      precision: opts.precision,
      ifaceName,
      count: opts.count,
      packetBuffered: opts.packetBuffered,
    };
  }

  /** Frames taken so far (tcpdump's "packets captured"). */
  get captured(): number {
    return this.#captured + (this.sink?.packets ?? 0);
  }

  /** Takes one frame. */
  take(rec: PacketRecord): boolean {
    this.#captured++;
    if (this.#writer) {
      if (!this.#writer.write(rec)) return false;
      if (this.#packetBuffered) this.#writer.flush();
    }
    if (this.#json || this.#format) {
      // Lengths tcpdump calls an invalid header: a marked record instead of the frame.
      if (
        rec.len < rec.caplen || ((rec.caplen - 1) >>> 0) >= MAX_LEN ||
        ((rec.len - 1) >>> 0) >= MAX_LEN
      ) {
        this.out.line(this.#numbered(this.#invalid(rec)));
      } else if (this.#json) {
        if (!this.out.encoded(encodeJson, rec)) this.out.line(formatJson(rec));
      } else this.out.line(this.#numbered(this.#format!(rec)));
      if (this.#eager) this.out.flush();
    }
    return this.#count === 0 || this.captured < this.#count;
  }

  /** -#: the frame's number first, as tcpdump prints it (`%5u  `); text lines only. */
  #numbered(line: string): string {
    if (!this.#opts.number || this.#json) return line;
    return String(this.#captured).padStart(5) + "  " + line;
  }

  /**
   * A record with an invalid header: tcpdump's mark as text; as NDJSON the record's own keys
   * (`ts`, `iface`, `len`, `caplen`, `dir`) and `"malformed": "record"`, nothing decoded.
   */
  #invalid(rec: PacketRecord): string {
    const mark = invalidHeader(rec.caplen, rec.len)!;
    if (!this.#json) return mark;
    const o: Record<string, unknown> = {
      ts: isoNanos(rec.ts),
      iface: rec.iface,
      len: rec.len,
      caplen: rec.caplen,
    };
    if (rec.direction !== "unknown") o.dir = rec.direction;
    o.malformed = "record";
    return JSON.stringify(o);
  }

  /**
   * Runs `frames` (which feeds synthetic frames to {@link take}) leaving no trace: nothing is
   * written, and the count, the -ttt reference time and the TCP connections are as before.
   */
  rehearse(frames: () => void) {
    const captured = this.#captured, tsRef = this.#text.tsRef;
    this.out.flush();
    this.out.muted = true;
    try {
      frames();
    } finally {
      this.out.discard();
      this.out.muted = false;
      this.#captured = captured;
      this.#text.tsRef = tsRef;
      forgetTcpConnections();
    }
  }

  /** Writes out what is buffered (lines and file records). */
  flush() {
    this.out.flush();
    this.sink?.commit();
    this.#writer?.flush();
  }

  /**
   * SIGHUP, after log rotation: when the file's name still names the file being written
   * (same device and inode) it is kept ("kept"); when it names another file or nothing, the
   * file is finished and a new one is started under that name ("reopened"). Undefined
   * without a file.
   */
  reopen(): { file: string; what: "kept" | "reopened" } | undefined {
    if (this.#opts.write === undefined || this.#opts.write === "-") return undefined;
    if (this.sink) {
      return { file: this.#opts.write, what: this.sink.reopen() ? "reopened" : "kept" };
    }
    if (!this.#writer) return undefined;
    const reopened = this.#writer.reopen();
    return { file: this.#writer.path, what: reopened ? "reopened" : "kept" };
  }

  /** Flushes and closes everything; pcapng files get per-interface statistics. */
  close(stats?: InterfaceStats) {
    this.out.flush();
    this.sink?.close(stats);
    this.#writer?.close(stats);
  }
}

/** pcapng for a .pcapng name, else pcap, unless --format says. */
export function formatFor(opts: CliOptions): WriteFormat {
  if (opts.format) return opts.format;
  return /\.pcapng$/i.test(opts.write ?? "") ? "pcapng" : "pcap";
}

/** The capture file writer the options ask for (-w, --format, -s, -C/-G/-W). */
export function openWriter(opts: CliOptions): Promise<CaptureWriter> {
  return CaptureWriter.open(opts.write!, {
    format: formatFor(opts),
    snaplen: opts.snaplen,
    precision: opts.precision,
    rotate: opts.fileSizeMB || opts.seconds || opts.maxFiles
      ? { fileSizeMB: opts.fileSizeMB, seconds: opts.seconds, maxFiles: opts.maxFiles }
      : undefined,
    onRotated: opts.postRotate === undefined
      ? undefined
      : (file) => postRotate(opts.postRotate!, file),
  });
}
