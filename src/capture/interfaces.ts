/** Network interfaces from /sys/class/net: list them, and tell whether one is there and up. */
import { ARPHRD_ETHER, ARPHRD_LOOPBACK } from "../sys/constants.ts";

const SYS = "/sys/class/net";
const IFF_UP = 0x1;

/** One interface, as `rawcap -D` shows it. */
export interface InterfaceInfo {
  /** Kernel interface index (ifindex), as in `ip link`. */
  index: number;
  /** Interface name, its entry in /sys/class/net. */
  name: string;
  /** Administratively up (IFF_UP). */
  up: boolean;
  /** Kernel operational state: up, down, unknown, lowerlayerdown... */
  operstate: string;
  /** ARPHRD_* number. */
  type: number;
  /** Link type name, e.g. "EN10MB (Ethernet)". */
  linkType: string;
  /** Hardware address from sysfs, `aa:bb:cc:dd:ee:ff` for Ethernet; "" when unreadable. */
  mac: string;
  /** MTU in bytes, link-layer header excluded; 0 when unreadable. */
  mtu: number;
}

function read(name: string, file: string): string | undefined {
  try {
    return Deno.readTextFileSync(`${SYS}/${name}/${file}`).trim();
  } catch {
    return undefined;
  }
}

/** The pcap name of an ARPHRD type. */
export function linkTypeName(type: number): string {
  if (type === ARPHRD_ETHER) return "EN10MB (Ethernet)";
  if (type === ARPHRD_LOOPBACK) return "EN10MB (Ethernet, loopback)";
  if (type === 65534) return "RAW (no link header)";
  return `ARPHRD ${type}`;
}

/** Details of one interface, or undefined when it does not exist. */
export function interfaceInfo(name: string): InterfaceInfo | undefined {
  const index = read(name, "ifindex");
  if (index === undefined) return undefined;
  const type = Number(read(name, "type") ?? -1);
  return {
    index: Number(index),
    name,
    up: (parseInt(read(name, "flags") ?? "0", 16) & IFF_UP) !== 0,
    operstate: read(name, "operstate") ?? "unknown",
    type,
    linkType: linkTypeName(type),
    mac: read(name, "address") ?? "",
    mtu: Number(read(name, "mtu") ?? 0),
  };
}

/** Every interface, by index. */
export function listInterfaces(): InterfaceInfo[] {
  const out: InterfaceInfo[] = [];
  try {
    for (const e of Deno.readDirSync(SYS)) {
      const info = interfaceInfo(e.name);
      if (info) out.push(info);
    }
  } catch {
    return out;
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Names of the interfaces that are up and carry Ethernet framing (what `any` captures). */
export function capturableInterfaces(): string[] {
  return listInterfaces()
    .filter((i) => i.up && (i.type === ARPHRD_ETHER || i.type === ARPHRD_LOOPBACK))
    .map((i) => i.name);
}
