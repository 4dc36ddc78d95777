/**
 * Alert on ARP from MAC addresses that are not on a list: a rogue-host watch for a bridge.
 *
 *   sudo deno task arp-alert -i br0 --known 02:00:00:00:00:0a --known 02:00:00:00:00:0b [-t 60]
 */
import { parseArgs } from "node:util";
import { capture } from "../mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    iface: { type: "string", short: "i", multiple: true, default: ["br0"] },
    known: { type: "string", multiple: true, default: [] },
    seconds: { type: "string", short: "t" },
  },
});

const known = new Set(values.known!.map((m) => m.toLowerCase()));
const signal = values.seconds ? AbortSignal.timeout(Number(values.seconds) * 1000) : undefined;
await using cap = capture({ interfaces: values.iface!, filter: "arp or (vlan and arp)", signal });
for await (const p of cap) {
  const arp = p.arp;
  if (!arp || known.has(arp.sha)) continue;
  const vlan = p.vlan.length ? ` vlan ${p.vlan.map((t) => t.id).join("/")}` : "";
  console.log(
    `ALERT ${p.iface}${vlan}: ARP ${
      arp.op === 1 ? "request" : "reply"
    } from unknown ${arp.sha} (${arp.spa})`,
  );
}
