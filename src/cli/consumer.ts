/**
 * Where frames go: text or NDJSON lines, or a capture file (optionally printed too). One
 * object per run, fed synchronously from the capture loop or the file reader.
 */
import type { PacketRecord } from "../packet/packet.ts";
import { forgetTcpConnections, formatText, type TextOptions } from "../format/text.ts";
import { encodeJson, formatJson } from "../format/json.ts";
import { CaptureWriter, type WriteFormat } from "../format/writer.ts";
import type { InterfaceStats } from "../format/pcapng.ts";
import { RingWriter } from "../output/ring_writer.ts";
import type { CliOptions } from "./args.ts";
import { LineWriter } from "./output.ts";

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
    const text: TextOptions = this.#text = {
      link: opts.link,
      verbose: opts.verbose,
      quiet: opts.quiet,
      hex: opts.hex,
      ascii: opts.ascii,
      relativeSeq: !opts.absoluteSeq,
      showIface: true,
      tsFormat: opts.tsFormat,
    };
    if (!(writer || sink) || opts.print) {
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
    zeroCopy?: { ifaceName: (ifindex: number) => string },
  ): Promise<Consumer> {
    const fast = zeroCopy && opts.write !== undefined && !opts.print && !opts.fileSizeMB &&
      !opts.seconds && !opts.maxFiles;
    const sink = fast
      ? RingWriter.open(opts.write!, {
        format: formatFor(opts),
        snaplen: opts.snaplen,
        precision: opts.precision,
        ifaceName: zeroCopy.ifaceName,
        count: opts.count,
      })
      : undefined;
    const writer = opts.write === undefined || sink ? undefined : await openWriter(opts);
    // With -w - the file goes to stdout; printed lines then go to stderr.
    const out = new LineWriter(opts.write === "-" ? Deno.stderr : Deno.stdout);
    return new Consumer(opts, writer, sink, out);
  }

  /** Frames taken so far (tcpdump's "packets captured"). */
  get captured(): number {
    return this.#captured + (this.sink?.packets ?? 0);
  }

  /** Takes one frame. */
  take(rec: PacketRecord): boolean {
    this.#captured++;
    if (this.#writer && !this.#writer.write(rec)) return false;
    if (this.#json) {
      if (!this.out.encoded(encodeJson, rec)) this.out.line(formatJson(rec));
    } else if (this.#format) this.out.line(this.#format(rec));
    return this.#count === 0 || this.captured < this.#count;
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

  /** Closes the file and reopens it under the same name (SIGHUP, after log rotation). */
  async reopen() {
    if (this.#opts.write === undefined || this.#opts.write === "-") return;
    if (this.sink) return this.sink.reopen();
    this.#writer?.close();
    this.#writer = await openWriter(this.#opts);
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

function openWriter(opts: CliOptions): Promise<CaptureWriter> {
  return CaptureWriter.open(opts.write!, {
    format: formatFor(opts),
    snaplen: opts.snaplen,
    precision: opts.precision,
    rotate: opts.fileSizeMB || opts.seconds || opts.maxFiles
      ? { fileSizeMB: opts.fileSizeMB, seconds: opts.seconds, maxFiles: opts.maxFiles }
      : undefined,
  });
}
