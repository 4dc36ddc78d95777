/**
 * ns per frame of a filter run outside the kernel: the BPF interpreter (src/filter/vm.ts, the
 * reference) against the same program compiled to JavaScript (src/filter/jit.ts), on the
 * benchmark's traffic (VLAN 100 tagged UDP/IPv4 frames of 64, 96 and 128 bytes) and on a mix.
 * `deno bench bench/filter_bench.ts`; every bench runs FRAMES frames, so ns/frame is the time
 * per iteration divided by FRAMES.
 */

import { compileFilter, runFilter } from "../src/filter/mod.ts";
import { jitFilter, jitFilterAt } from "../src/filter/jit.ts";
import { benchFrames } from "../scripts/bench_lab.ts";
import { samples } from "../tests/helpers/frames.ts";

const FRAMES = 1000;
const bench = benchFrames();
const traffic = Array.from({ length: FRAMES }, (_, i) => bench[i % bench.length]);
const mixed = (() => {
  const all = samples().map((s) => s.data);
  return Array.from({ length: FRAMES }, (_, i) => all[i % all.length]);
})();
/** The same frames laid out as records in one buffer, as a file reader's chunk holds them. */
const chunk = new Uint8Array(traffic.reduce((n, f) => n + 16 + f.length, 0));
const offsets = new Int32Array(FRAMES);
for (let i = 0, at = 0; i < FRAMES; i++) {
  offsets[i] = at + 16;
  chunk.set(traffic[i], at + 16);
  at += 16 + traffic[i].length;
}

const NO_AUX = {};
let sink = 0;

for (
  const [expr, vlans] of [
    ["vlan 100 and udp", []],
    ["udp", [100]],
    ["tcp port 80 or (vlan 100 and udp port 9999)", []],
  ] as [string, number[]][]
) {
  const f = compileFilter(expr, { vlanIds: vlans });
  const insns = f.insns;
  const jit = jitFilter(insns);
  const at = jitFilterAt(insns);
  const sw = jitFilter(insns, "switch");
  const name = vlans.length ? `--vlan ${vlans} '${expr}'` : `'${expr}'`;
  const group = name;
  const frames = traffic;
  Deno.bench(`${name}: interpreter (runFilter)`, { group, baseline: true }, () => {
    for (let i = 0; i < FRAMES; i++) sink += runFilter(insns, frames[i], frames[i].length, NO_AUX);
  });
  Deno.bench(`${name}: JIT (jitFilter)`, { group }, () => {
    for (let i = 0; i < FRAMES; i++) sink += jit(frames[i], frames[i].length, NO_AUX);
  });
  Deno.bench(`${name}: JIT, switch form`, { group }, () => {
    for (let i = 0; i < FRAMES; i++) sink += sw(frames[i], frames[i].length, NO_AUX);
  });
  Deno.bench(`${name}: JIT in a chunk (jitFilterAt)`, { group }, () => {
    for (let i = 0; i < FRAMES; i++) {
      const o = offsets[i], n = traffic[i].length;
      sink += at(chunk, o, n, n, NO_AUX);
    }
  });
  Deno.bench(`${name}: compileFilter().matches`, { group }, () => {
    for (let i = 0; i < FRAMES; i++) sink += f.matches(frames[i], frames[i].length) ? 1 : 0;
  });
  Deno.bench(
    `${name}: interpreter, mixed frames`,
    { group: group + " mixed", baseline: true },
    () => {
      for (let i = 0; i < FRAMES; i++) sink += runFilter(insns, mixed[i], mixed[i].length, NO_AUX);
    },
  );
  Deno.bench(`${name}: JIT, mixed frames`, { group: group + " mixed" }, () => {
    for (let i = 0; i < FRAMES; i++) sink += jit(mixed[i], mixed[i].length, NO_AUX);
  });
}

addEventListener("unload", () => {
  if (sink === -1) console.log(sink);
});
