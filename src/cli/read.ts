/** `rawcap -r FILE`: frames from a pcap/pcapng file through the same output as a live capture. */
import { readCapture } from "../format/reader.ts";
import type { CliOptions } from "./args.ts";
import { Consumer } from "./consumer.ts";
import { LineWriter } from "./output.ts";
import type { Selector } from "./select.ts";

/** Reads `opts.read`; a truncated file gives a warning on stderr and exit 0. */
export async function runRead(opts: CliOptions, select: Selector): Promise<number> {
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
  if (reader.truncated) {
    const err = new LineWriter(Deno.stderr, 1024);
    err.line(`rawcap: warning: ${reader.warning ?? `${opts.read}: file is truncated`}`);
    err.flush();
  }
  return 0;
}
