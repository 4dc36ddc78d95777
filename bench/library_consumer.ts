/**
 * The library side of `deno task bench`: what a script built on mod.ts costs, measured in the
 * same run as the CLI. Prints tcpdump's three stats lines on stderr, as the CLI does, so the
 * benchmark reads it the same way.
 *
 *   live:  deno run --allow-ffi bench/library_consumer.ts -i IFACE [--job fields]
 *   file:  deno run --allow-read bench/library_consumer.ts -r FILE --job count|fields|filter|stream
 *
 * Jobs: count (iterate only), fields (read `p.vlan[0]?.id`, `p.ipv4?.src`, `p.udp?.dport`),
 * filter (`compileFilter("vlan 100 and udp").matches(p)`), stream (the `readable` stream).
 */
import { parseArgs } from "node:util";
import { capture, compileFilter, type Packet, readCapture } from "../mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    iface: { type: "string", short: "i" },
    read: { type: "string", short: "r" },
    job: { type: "string", default: "fields" },
  },
});
const job = values.job!;
let count = 0;
let sink = 0;
const filter = compileFilter("vlan 100 and udp");
const work: (p: Packet) => void = {
  count: () => {},
  fields: (p: Packet) => {
    sink += (p.vlan[0]?.id ?? 0) + (p.udp?.dport ?? 0) + (p.ipv4?.src.length ?? 0);
  },
  filter: (p: Packet) => {
    if (filter.matches(p)) sink++;
  },
  stream: () => {},
}[job] ?? (() => {
  throw new Error(`unknown job ${job}`);
});

if (values.read) {
  const reader = readCapture(values.read);
  if (job === "stream") {
    for await (const _ of reader.readable) count++;
  } else {
    for await (const p of reader) {
      count++;
      work(p);
    }
  }
  console.error(`${count} packets captured`);
} else if (values.iface) {
  const stop = new AbortController();
  Deno.addSignalListener("SIGINT", () => stop.abort());
  const cap = capture({ interfaces: [values.iface], signal: stop.signal });
  console.error(`listening on ${values.iface}`);
  if (job === "stream") {
    for await (const _ of cap.readable) count++;
  } else {
    for await (const p of cap) {
      count++;
      work(p);
    }
  }
  const st = cap.stats();
  console.error(`${count} packets captured`);
  console.error(`${st.received} packets received by filter`);
  console.error(`${st.dropped} packets dropped by kernel`);
} else {
  console.error("usage: library_consumer.ts (-i IFACE | -r FILE) [--job JOB]");
  Deno.exit(2);
}
if (sink < 0) console.log(sink); // keeps the work from being optimized away
Deno.exit(0);
