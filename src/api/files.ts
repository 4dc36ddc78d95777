/** Reading and writing capture files as {@link Packet}s. */
import {
  type CaptureFormat,
  type CaptureReaderOptions,
  readCapture as readRecords,
} from "../format/reader.ts";
import { CaptureWriter, type CaptureWriterOptions } from "../format/writer.ts";
import { DissectionSlot, Packet } from "./packet.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { compileFilter } from "./filter.ts";

/** Options of {@link readCapture}. */
export interface ReadCaptureOptions extends CaptureReaderOptions {
  /**
   * A pcap-filter(7) expression: only packets it matches are yielded (compiled to BPF and run
   * on each record, as `rawcap -r FILE EXPRESSION` does). Throws `FilterSyntaxError` at once.
   */
  filter?: string;
}

/** What {@link readCapture} returns: packets, then whether the file ended early. */
export interface CaptureFileReader extends AsyncIterable<Packet> {
  /** "pcap" or "pcapng", once the header was read. */
  readonly format: CaptureFormat | undefined;
  /**
   * The file's link type (LINKTYPE_*; pcapng: its first interface's), once the header was
   * read: 1 Ethernet, 276/113 Linux cooked (`tcpdump -i any`), 101 raw IP, 0/108 loopback.
   * Each packet says its own (`p.linkType`).
   */
  readonly linkType: number | undefined;
  /** True, after iteration, when the file was cut off mid-record. */
  readonly truncated: boolean;
  /** A one-line description of the truncation, when there was one. */
  readonly warning: string | undefined;
  /**
   * The packets as a stream. Unlike the iterator, the stream hands out copies
   * ({@link Packet.clone}), so they can be buffered or kept. Use one or the other.
   */
  readonly readable: ReadableStream<Packet>;
}

/**
 * Reads a pcap or pcapng file (either byte order, micro or nano timestamps, several pcapng
 * sections and interfaces) as a stream: memory stays flat however big the file. `source` is a
 * path (`"-"` for stdin), an open file, or a byte stream. Packets are views exactly like live
 * ones: valid until the next one is read, after which touching them throws
 * `StalePacketError` (use `clone()` to keep one, or `{ copy: true }` to get packets that own
 * their bytes). `{ filter }` yields only the packets a pcap-filter expression matches. Throws
 * `CaptureFileError` for a file that is not a capture, a link type rawcap does not decode
 * (it reads Ethernet, Linux cooked v1/v2, raw IP and BSD loopback), or a
 * corrupt block; a truncated file ends the iteration normally with `truncated` set.
 *
 * @example Bytes per VLAN in a file
 * ```ts
 * import { readCapture } from "jsr:@rawcap/rawcap";
 * const bytes = new Map<number, number>();
 * for await (const p of readCapture("cap.pcapng")) {
 *   const id = p.vlan[0]?.id ?? 0;
 *   bytes.set(id, (bytes.get(id) ?? 0) + p.len);
 * }
 * console.log(bytes);
 * ```
 */
export function readCapture(
  source: string | ReadableStream<Uint8Array> | Deno.FsFile,
  options?: ReadCaptureOptions,
): CaptureFileReader {
  const { filter, ...recordOptions } = options ?? {};
  const matches = filter ? compileFilter(filter).matches : undefined;
  const reader = readRecords(source, recordOptions);
  let it: AsyncIterator<Packet> | undefined;
  let stream: ReadableStream<Packet> | undefined;
  const file: CaptureFileReader = {
    get format() {
      return reader.format;
    },
    get linkType() {
      return reader.linkType;
    },
    get truncated() {
      return reader.truncated;
    },
    get warning() {
      return reader.warning;
    },
    get readable() {
      return stream ??= new ReadableStream<Packet>({
        async pull(ctrl) {
          it ??= file[Symbol.asyncIterator]();
          const r = await it.next();
          if (r.done) ctrl.close();
          else ctrl.enqueue(r.value.clone());
        },
        async cancel() {
          await it?.return?.();
        },
      }, { highWaterMark: 0 });
    },
    [Symbol.asyncIterator](): AsyncIterator<Packet> {
      // Views share one dissection and go stale as the next record reuses their bytes;
      // copies own their bytes and keep their own. A plain iterator over records that come a
      // read buffer at a time (CaptureReader.batches): no promise per record but the one
      // `for await` asks for.
      const batches = reader.batches()[Symbol.asyncIterator]();
      let batch: PacketRecord[] = [];
      let i = 0;
      const copy = recordOptions.copy ?? false;
      const slot = copy ? undefined : new DissectionSlot();
      let prev: Packet | undefined;
      const done = (): IteratorResult<Packet> => {
        if (!copy) Packet.invalidate(prev);
        prev = undefined;
        return { done: true, value: undefined };
      };
      /** The next packet of the batch in hand, or undefined when it is used up. */
      const take = (): Packet | undefined => {
        while (i < batch.length) {
          const rec = batch[i++];
          if (matches && !matches(rec)) continue;
          if (!copy) Packet.invalidate(prev);
          return prev = new Packet(rec, slot);
        }
        return undefined;
      };
      const refill = async (): Promise<IteratorResult<Packet>> => {
        for (;;) {
          // The batch's bytes are reused from here on: its last packet goes stale.
          if (!copy) Packet.invalidate(prev);
          const r = await batches.next();
          if (r.done) return done();
          batch = r.value;
          i = 0;
          const p = take();
          if (p) return { done: false, value: p };
        }
      };
      return {
        next(): Promise<IteratorResult<Packet>> {
          const p = take();
          return p ? Promise.resolve({ done: false, value: p }) : refill();
        },
        async return(): Promise<IteratorResult<Packet>> {
          await batches.return?.();
          return done();
        },
      };
    },
  };
  return file;
}

/**
 * Opens a capture file for writing (`"-"`: stdout). The format is taken from the options,
 * else from the extension (`.pcapng`), else pcap. Write packets (or any `PacketRecord`) with
 * `write()`, and always `close()` it: records are buffered and written in large chunks (at
 * least every second), or let `await using` close it. With `rotate` (tcpdump's -C/-G/-W), -C
 * files keep their extension: `cap.pcapng`, `cap-0001.pcapng`, ... (`naming: "tcpdump"` gives
 * tcpdump's `cap.pcapng1`). Throws `CaptureFileError` when the file cannot be written.
 *
 * @example Keep only DNS from a capture
 * ```ts
 * import { readCapture, writeCapture } from "jsr:@rawcap/rawcap";
 * const out = await writeCapture("dns.pcapng");
 * for await (const p of readCapture("cap.pcap")) if (p.udp?.dport === 53) out.write(p);
 * out.close();
 * ```
 */
export function writeCapture(
  path: string,
  options: CaptureWriterOptions = {},
): Promise<CaptureWriter> {
  const format = options.format ?? (/\.pcapng$/i.test(path) ? "pcapng" : "pcap");
  // Rotated files keep their extension (cap-0001.pcapng) unless asked for tcpdump's names.
  const rotate = options.rotate && { naming: "extension" as const, ...options.rotate };
  return CaptureWriter.open(path, { ...options, format, rotate });
}
