/** Which frames the user asked for, decided in user space: -Q direction and --vlan. */
import type { PacketRecord } from "../packet/packet.ts";
import { hasVlanId } from "../packet/vlan.ts";
import type { CliOptions } from "./args.ts";

/** A predicate over frames, or undefined when every frame is wanted. */
export type Selector = ((rec: PacketRecord) => boolean) | undefined;

/** Builds the user-space selection for `opts`; `vlanInKernel` when a BPF program does --vlan. */
export function selector(opts: CliOptions, vlanInKernel: boolean): Selector {
  const dir = opts.direction;
  const vlans = vlanInKernel ? [] : opts.vlans;
  if (dir === "inout" && vlans.length === 0) return undefined;
  return (rec) => {
    if (dir === "in" && rec.direction === "out") return false;
    if (dir === "out" && rec.direction !== "out") return false;
    return vlans.length === 0 || hasVlanId(rec.data, vlans);
  };
}
