/**
 * The mixed corpus for `-r` CPU comparisons with tcpdump: every sample frame of
 * tests/helpers/frames.ts `samples()`, in order, repeated until FRAMES frames, written with the
 * library's `writeCapture` (pcap, or pcapng for a .pcapng name; one frame every µs). `deno task
 * bench` writes the same corpus through {@link writeCorpus}.
 *
 *   deno run --allow-read --allow-write bench/mixed_corpus.ts /tmp/mixed.pcap [FRAMES]
 *
 * Then, alternating, at least three runs each:
 *
 *   /usr/bin/time -f '%U %S' tcpdump -r /tmp/mixed.pcap -v -e -n > /dev/null
 *   /usr/bin/time -f '%U %S' deno task rawcap -r /tmp/mixed.pcap -v -e -n > /dev/null
 */

import { writeCapture } from "../mod.ts";
import { samples } from "../tests/helpers/frames.ts";

/**
 * Writes the mixed corpus to `path` (pcap, or pcapng for a .pcapng name): every sample, in
 * order, over and over until `frames` frames, one microsecond apart (snapped samples keep their
 * wire length). Returns the frame count.
 */
export async function writeCorpus(path: string, frames: number): Promise<number> {
  const all = samples();
  const out = await writeCapture(path);
  try {
    let ts = 1_700_000_000_000_000_000n;
    for (let n = 0; n < frames; n++) {
      const s = all[n % all.length];
      out.write({
        ts,
        iface: "bench",
        ifindex: 1,
        len: s.len ?? s.data.length,
        caplen: s.data.length,
        direction: "unknown",
        data: s.data,
      });
      ts += 1000n;
    }
  } finally {
    out.close();
  }
  return frames;
}

if (import.meta.main) {
  const path = Deno.args[0] ?? "/tmp/mixed.pcap";
  const frames = await writeCorpus(path, Number(Deno.args[1] ?? 500_000));
  console.error(`${path}: ${frames} frames, ${samples().length} samples`);
}
