/** `rawcap -D`: the interfaces, like `tcpdump -D` with state, link type, MAC and MTU. */
import { listInterfaces } from "../capture/interfaces.ts";

/** One line per interface: `1.lo [up] EN10MB (Ethernet, loopback) 00:00:00:00:00:00 mtu 65536`. */
export function interfaceLines(): string[] {
  return listInterfaces().map((i) =>
    `${i.index}.${i.name} [${i.up ? "up" : "down"}${
      i.operstate !== "unknown" && i.operstate !== (i.up ? "up" : "down") ? `, ${i.operstate}` : ""
    }] ${i.linkType} ${i.mac || "-"} mtu ${i.mtu}`
  );
}
