/**
 * Top talkers per VLAN: bytes by source address, per VLAN id, for N seconds.
 *
 *   sudo deno task top-talkers -i br0 -t 10 [-n 5]
 */
import { parseArgs } from "node:util";
import { capture } from "../mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    iface: { type: "string", short: "i", multiple: true, default: ["br0"] },
    seconds: { type: "string", short: "t", default: "10" },
    top: { type: "string", short: "n", default: "5" },
  },
});

const bytes = new Map<number, Map<string, number>>();
await using cap = capture({
  interfaces: values.iface!,
  signal: AbortSignal.timeout(Number(values.seconds) * 1000),
});
for await (const p of cap) {
  const vlan = p.vlan[0]?.id ?? 0;
  const src = p.src ?? p.eth?.src ?? "?";
  const talkers = bytes.get(vlan) ?? new Map<string, number>();
  talkers.set(src, (talkers.get(src) ?? 0) + p.len);
  bytes.set(vlan, talkers);
}
for (const [vlan, talkers] of [...bytes].sort((a, b) => a[0] - b[0])) {
  console.log(vlan === 0 ? "untagged" : `vlan ${vlan}`);
  const top = [...talkers].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  for (const [src, n] of top) console.log(`  ${src.padEnd(40)} ${n} bytes`);
}
