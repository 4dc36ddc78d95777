/** `rawcap -r FILE` / `-V LIST`: frames from capture files through the same output as a capture. */
import { readCapture } from "../format/reader.ts";
import type { CliOptions } from "./args.ts";
import { Consumer, packetCount } from "./consumer.ts";
import { LineWriter } from "./output.ts";
import type { Selector } from "./select.ts";

/**
 * Reads `files` in turn (`-r`: one). A truncated file gives its whole records, a warning on
 * stderr and, as tcpdump, exit 1 (the next file of a -V list is still read).
 */
export async function runRead(
  opts: CliOptions,
  select: Selector,
  files: string[] = [opts.read!],
): Promise<number> {
  const consumer = await Consumer.open(opts);
  const err = new LineWriter(Deno.stderr, 1024, "stderr");
  let code = 0;
  try {
    for (const file of files) {
      const reader = readCapture(file);
      let more = true;
      for await (const rec of reader) {
        if (select && !select(rec)) continue;
        if (!consumer.take(rec)) {
          more = false;
          break;
        }
      }
      if (reader.truncated) {
        consumer.out.flush();
        err.line(`rawcap: warning: ${reader.warning ?? `${file}: file is truncated`}`);
        err.flush();
        code = 1;
      }
      if (!more) break;
    }
    if (opts.countOnly) consumer.out.line(packetCount(consumer.captured));
  } finally {
    consumer.close();
  }
  return code;
}
