/** `rawcap -r FILE`: frames from a pcap/pcapng file through the same output as a live capture. */
import { type CaptureReader, readCapture } from "../format/reader.ts";
import { copyCapture } from "../format/copy.ts";
import type { CompiledFilter } from "../filter/mod.ts";
import type { CliOptions } from "./args.ts";
import { Consumer, openWriter } from "./consumer.ts";
import { LineWriter } from "./output.ts";
import type { Selector } from "./select.ts";

/**
 * Reads `opts.read`; a truncated file gives a warning on stderr and exit 0. `select` keeps
 * frames (the filter and -Q); `filter` is the compiled filter alone, for the file-to-file path.
 */
export async function runRead(
  opts: CliOptions,
  select: Selector,
  filter?: CompiledFilter,
): Promise<number> {
  if (copies(opts)) return warnIfTruncated(opts, await runCopy(opts, filter));
  const consumer = await Consumer.open(opts);
  const reader = readCapture(opts.read!);
  try {
    for await (const rec of reader) {
      if (select && !select(rec)) continue;
      if (!consumer.take(rec)) break;
    }
  } finally {
    consumer.close();
  }
  return warnIfTruncated(opts, reader);
}

/**
 * File to file (-r with -w, nothing printed, no rotation, no -Q): records move from the read
 * buffer to the write buffer without a record per frame (format/copy.ts); same bytes out.
 */
function copies(opts: CliOptions): boolean {
  return opts.write !== undefined && !opts.print && !opts.fileSizeMB && !opts.seconds &&
    !opts.maxFiles && opts.direction === "inout";
}

async function runCopy(opts: CliOptions, filter?: CompiledFilter): Promise<CaptureReader> {
  const writer = await openWriter(opts);
  const reader = readCapture(opts.read!);
  try {
    await copyCapture(reader, writer, { filter: filter?.runAt, count: opts.count });
  } finally {
    writer.close();
  }
  return reader;
}

function warnIfTruncated(opts: CliOptions, reader: CaptureReader): number {
  if (reader.truncated) {
    const err = new LineWriter(Deno.stderr, 1024);
    err.line(`rawcap: warning: ${reader.warning ?? `${opts.read}: file is truncated`}`);
    err.flush();
  }
  return 0;
}
