/**
 * Summarise a capture file: frames and bytes per protocol and per VLAN.
 *
 *   deno task summarize cap.pcapng
 */
import { CaptureFileError, type Packet, readCapture } from "../mod.ts";

const file = Deno.args[0];
if (!file) {
  console.error("usage: summarize FILE");
  Deno.exit(2);
}

const protocols = new Map<string, [number, number]>();
const vlans = new Map<string, [number, number]>();
const add = (m: Map<string, [number, number]>, k: string, len: number) => {
  const v = m.get(k) ?? [0, 0];
  m.set(k, [v[0] + 1, v[1] + len]);
};
let frames = 0, total = 0;
const reader = readCapture(file);
try {
  for await (const p of reader) count(p);
} catch (e) {
  if (!(e instanceof CaptureFileError)) throw e;
  console.error(`summarize: ${e.message}`);
  Deno.exit(1);
}

function count(p: Packet) {
  frames++;
  total += p.len;
  const proto = p.tcp
    ? "tcp"
    : p.udp
    ? "udp"
    : p.icmp
    ? "icmp"
    : p.icmpv6
    ? "icmpv6"
    : p.arp
    ? "arp"
    : p.ipv4
    ? "ipv4-other"
    : p.ipv6
    ? "ipv6-other"
    : "other";
  add(protocols, proto, p.len);
  add(vlans, p.vlan.length ? p.vlan.map((t) => t.id).join("/") : "untagged", p.len);
}
console.log(`${frames} frames, ${total} bytes`);
for (const [title, m] of [["protocol", protocols], ["vlan", vlans]] as const) {
  console.log(`by ${title}:`);
  for (const [k, [n, b]] of [...m].sort((a, b) => b[1][1] - a[1][1])) {
    console.log(
      `  ${k.padEnd(12)} ${String(n).padStart(8)} frames ${String(b).padStart(10)} bytes`,
    );
  }
}
if (reader.truncated) console.error(`warning: ${reader.warning}`);
