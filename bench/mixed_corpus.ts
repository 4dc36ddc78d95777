/**
 * The mixed corpus for `-r` CPU comparisons with tcpdump: every sample frame of
 * tests/helpers/frames.ts `samples()`, in order, repeated until FRAMES frames, written with the
 * library's `writeCapture` (pcap, or pcapng for a .pcapng name; one frame every 10 µs).
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

const path = Deno.args[0] ?? "/tmp/mixed.pcap";
const frames = Number(Deno.args[1] ?? 500_000);
const all = samples();
const out = await writeCapture(path); // pcapng for a .pcapng name, else pcap
let ts = 1_700_000_000_000_000_000n;
for (let i = 0; i < frames; i++) {
  const s = all[i % all.length];
  out.write({
    ts,
    iface: "",
    ifindex: 0,
    len: s.len ?? s.data.length,
    caplen: s.data.length,
    direction: "unknown",
    data: s.data,
  });
  ts += 10_000n;
}
out.close();
console.error(`${path}: ${frames} frames, ${all.length} samples`);
