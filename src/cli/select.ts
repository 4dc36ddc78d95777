/** Which frames the user asked for, decided in user space: -Q direction. */
import type { PacketRecord } from "../packet/packet.ts";
import type { LinkTypeFilters } from "../filter/per_link_type.ts";
import type { CliOptions } from "./args.ts";

/** A predicate over frames, or undefined when every frame is wanted. */
export type Selector = ((rec: PacketRecord) => boolean) | undefined;

/** The -Q selection (filters and --vlan run as BPF, in the kernel or on file frames). */
export function selector(opts: CliOptions): Selector {
  if (opts.direction === "in") return (rec) => rec.direction !== "out";
  if (opts.direction === "out") return (rec) => rec.direction === "out";
  return undefined;
}

/**
 * A compiled filter run on each frame in user space: for a filter the kernel cannot take
 * (longer than its 4096 instructions), as libpcap does when the kernel refuses one. Frames have
 * their VLAN tags back inline; the direction stands in for the kernel's packet type.
 */
export function userSpaceFilter(filter: LinkTypeFilters): (rec: PacketRecord) => boolean {
  return (rec) => filter.matchesRecord(rec);
}
