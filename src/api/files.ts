/** Reading and writing capture files as {@link Packet}s. */
import {
  type CaptureFormat,
  readCapture as readRecords,
  type ReadCaptureOptions,
} from "../format/reader.ts";
import { CaptureWriter, type CaptureWriterOptions } from "../format/writer.ts";
import { Packet } from "./packet.ts";

/** What {@link readCapture} returns: packets, then whether the file ended early. */
export interface CaptureFileReader extends AsyncIterable<Packet> {
  /** "pcap" or "pcapng", once the header was read. */
  readonly format: CaptureFormat | undefined;
  /** True, after iteration, when the file was cut off mid-record. */
  readonly truncated: boolean;
  /** A one-line description of the truncation, when there was one. */
  readonly warning: string | undefined;
}

/**
 * Reads a pcap or pcapng file (either byte order, micro or nano timestamps, several pcapng
 * sections and interfaces) as a stream: memory stays flat however big the file. `source` is a
 * path (`"-"` for stdin), an open file, or a byte stream. Packets are views valid until the
 * next one is read (use `clone()` to keep one). Throws `CaptureFileError` for a file that is
 * not a capture, a link type other than Ethernet, or a corrupt block; a truncated file ends
 * the iteration normally with `truncated` set.
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
  const reader = readRecords(source, options);
  return {
    get format() {
      return reader.format;
    },
    get truncated() {
      return reader.truncated;
    },
    get warning() {
      return reader.warning;
    },
    async *[Symbol.asyncIterator]() {
      for await (const rec of reader) yield new Packet(rec);
    },
  };
}

/**
 * Opens a capture file for writing (`"-"`: stdout). The format is taken from the options,
 * else from the extension (`.pcapng`), else pcap. Write packets (or any `PacketRecord`) with
 * `write()`, and always `close()` it: records are buffered and written in large chunks (at
 * least every second). Throws `CaptureFileError` when the file cannot be written.
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
  return CaptureWriter.open(path, { ...options, format });
}
