/** `rawcap -r FILE` / `-V LIST`: frames from capture files through the same output as a capture. */
import { type CaptureReader, readCapture } from "../format/reader.ts";
import { copyCapture } from "../format/copy.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import type { LinkTypeFilters } from "../filter/per_link_type.ts";
import type { CliOptions } from "./args.ts";
import { Consumer, openWriter, packetCount } from "./consumer.ts";
import { LineWriter } from "./output.ts";
import type { Selector } from "./select.ts";

/**
 * Reads `files` in turn (`-r`: one). A truncated file gives its whole records, a warning on
 * stderr and, as tcpdump, exit 1 (the next file of a -V list is still read). `select` keeps
 * frames (the filter and -Q); `filter` is the compiled filter alone, for the file-to-file path.
 */
export async function runRead(
  opts: CliOptions,
  select: Selector,
  files: string[] = [opts.read!],
  filter?: LinkTypeFilters,
): Promise<number> {
  const err = new LineWriter(Deno.stderr, 1024, "stderr");
  const warn = (reader: CaptureReader, file: string): number => {
    if (!reader.truncated) return 0;
    err.line(`rawcap: warning: ${reader.warning ?? `${file}: file is truncated`}`);
    err.flush();
    return 1;
  };
  // File frames carry their tags inline: a program is run on bytes alone unless it asks for a
  // record's direction or interface.
  if (copies(opts, files) && !filter?.ethernet.readsRecordAux) {
    return warn(await runCopy(opts, files[0], filter), files[0]);
  }
  const consumer = await Consumer.open(opts);
  let code = 0;
  try {
    for (const file of files) {
      const reader = readCapture(file);
      let more = true;
      // Synchronous per record: an async iterator's await per frame cost ~0.3 µs.
      await reader.each((rec) => {
        if (select && !select(rec)) return true;
        return more = consumer.take(rec);
      });
      // A file of no records still says its link type (tcpdump -r f -w out copies it).
      if (reader.linkType !== undefined) consumer.noteLinkType(reader.linkType);
      if (reader.truncated) consumer.out.flush();
      code = Math.max(code, warn(reader, file));
      if (!more) break;
    }
    if (opts.countOnly) consumer.out.line(packetCount(consumer.captured));
  } finally {
    consumer.close();
  }
  return code;
}

/**
 * File to file (one -r file with -w, nothing printed, no rotation, no -Q): records move from
 * the read buffer to the write buffer without a record per frame (format/copy.ts); same bytes
 * out.
 */
function copies(opts: CliOptions, files: string[]): boolean {
  return files.length === 1 && opts.write !== undefined && !opts.print && !opts.countOnly &&
    !opts.fileSizeMB && !opts.seconds && !opts.maxFiles && opts.direction === "inout";
}

async function runCopy(
  opts: CliOptions,
  file: string,
  filter?: LinkTypeFilters,
): Promise<CaptureReader> {
  const writer = await openWriter(opts);
  const reader = readCapture(file);
  try {
    const filterFor = filter && ((linkType: number) => filter.for(linkType).runAt);
    await copyCapture(reader, writer, { filterFor, count: opts.count });
  } finally {
    writer.close();
  }
  return reader;
}

/**
 * The link type of `file` (pcapng: of its first interface), as `-d` compiles for it; Ethernet
 * for a file with nothing to say. Read errors are the reader's.
 */
export async function fileLinkType(file: string): Promise<number> {
  const reader = readCapture(file);
  for await (const _ of reader) break;
  return reader.linkType ?? LINKTYPE_ETHERNET;
}
