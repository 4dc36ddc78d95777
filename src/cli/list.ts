/** `rawcap -D` and `-L`, and `-i N` as an index from `-D`. */
import { dumpLinks, interfaceLinkType, listInterfaces } from "../capture/interfaces.ts";
import { linkTypeInfo, linkTypeLabel } from "../packet/linktype.ts";
import { RawcapError } from "../errors.ts";

/** One line per interface: `1.lo [up] EN10MB (Ethernet, loopback) 00:00:00:00:00:00 mtu 65536`. */
export function interfaceLines(): string[] {
  return listInterfaces().map((i) =>
    `${i.index}.${i.name} [${i.up ? "up" : "down"}${
      i.operstate !== "unknown" && i.operstate !== (i.up ? "up" : "down") ? `, ${i.operstate}` : ""
    }] ${i.linkType} ${i.mac || "-"} mtu ${i.mtu}`
  );
}

/**
 * Interface names as `-i` gave them, a number that names no interface being taken as the
 * index `-D` prints (tcpdump's `-i N`). Interfaces are only listed when a number is given.
 */
export function resolveInterfaces(names: string[]): string[] {
  if (!names.some((n) => /^\d+$/.test(n))) return names;
  const list = listInterfaces();
  return names.map((n) => {
    if (!/^\d+$/.test(n) || list.some((i) => i.name === n)) return n;
    const byIndex = list.find((i) => i.index === Number(n));
    if (!byIndex) {
      throw new RawcapError(`invalid adapter index ${n}: no interface has it (see rawcap -D)`);
    }
    return byIndex.name;
  });
}

/** `-L`: the link types rawcap captures `name` with, as tcpdump lists them. */
export function linkTypeLines(name: string): string[] {
  const linkType = interfaceLinkType(name);
  return [`Data link types for ${name} (use option -y to set):`, `  ${linkTypeLabel(linkType)}`];
}

/**
 * `-y TYPE` on live interfaces: each named one must capture as TYPE (libpcap offers one link
 * type per interface here), else the one-line refusal tcpdump gives.
 */
export function checkLinkType(names: string[], linkType: number): void {
  const links = dumpLinks();
  for (const name of names) {
    const has = interfaceLinkType(name, links);
    if (has !== linkType) {
      throw new RawcapError(
        `${linkTypeInfo(linkType)?.name} is not one of the DLTs supported by this device ` +
          `(${name}: ${linkTypeLabel(has)})`,
      );
    }
  }
}
