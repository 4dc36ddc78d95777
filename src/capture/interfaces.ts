/**
 * Network interfaces as the kernel reports them through rtnetlink: list them, look one up,
 * and tell which ones `any` captures. A query that fails throws (a SysError, or
 * PermissionDenied without `--allow-ffi`): "could not find out" is never "not there".
 */
import {
  ARPHRD_ETHER,
  ARPHRD_LOOPBACK,
  ARPHRD_NONE,
  IF_OPER_DORMANT,
  IF_OPER_DOWN,
  IF_OPER_LOWERLAYERDOWN,
  IF_OPER_NOTPRESENT,
  IF_OPER_TESTING,
  IF_OPER_UNKNOWN,
  IF_OPER_UP,
  IFF_UP,
} from "../sys/constants.ts";
import { type LinkMessage, RtnetlinkSocket } from "../sys/rtnetlink.ts";

/** One interface, as `rawcap -D` shows it. */
export interface InterfaceInfo {
  /** Kernel interface index (ifindex), as in `ip link`. */
  index: number;
  /** Interface name. */
  name: string;
  /** Administratively up (IFF_UP). */
  up: boolean;
  /** Kernel operational state: up, down, unknown, lowerlayerdown... (as `ip link` names it). */
  operstate: string;
  /** ARPHRD_* number. */
  type: number;
  /** Link type name, e.g. "EN10MB (Ethernet)". */
  linkType: string;
  /** Hardware address, `aa:bb:cc:dd:ee:ff` for Ethernet; "" when the device has none. */
  mac: string;
  /** MTU in bytes, link-layer header excluded. */
  mtu: number;
}

/** RFC 2863 operational state names, by IF_OPER_* number. */
const OPERSTATES: Record<number, string> = {
  [IF_OPER_UNKNOWN]: "unknown",
  [IF_OPER_NOTPRESENT]: "notpresent",
  [IF_OPER_DOWN]: "down",
  [IF_OPER_LOWERLAYERDOWN]: "lowerlayerdown",
  [IF_OPER_TESTING]: "testing",
  [IF_OPER_DORMANT]: "dormant",
  [IF_OPER_UP]: "up",
};

/** The pcap name of an ARPHRD type. */
export function linkTypeName(type: number): string {
  if (type === ARPHRD_ETHER) return "EN10MB (Ethernet)";
  if (type === ARPHRD_LOOPBACK) return "EN10MB (Ethernet, loopback)";
  if (type === ARPHRD_NONE) return "RAW (no link header)";
  return `ARPHRD ${type}`;
}

/** Whether a link of this type carries Ethernet framing (what rawcap captures and `any` opens). */
export function isEthernetLike(type: number): boolean {
  return type === ARPHRD_ETHER || type === ARPHRD_LOOPBACK;
}

/** A link message as an {@link InterfaceInfo}. */
function toInterfaceInfo(m: LinkMessage): InterfaceInfo {
  return {
    index: m.index,
    name: m.name,
    up: (m.flags & IFF_UP) !== 0,
    operstate: OPERSTATES[m.operstate] ?? "unknown",
    type: m.hwType,
    linkType: linkTypeName(m.hwType),
    mac: Array.from(m.address, (b) => b.toString(16).padStart(2, "0")).join(":"),
    mtu: m.mtu,
  };
}

/** Every link, as an RTM_GETLINK dump reports it. */
export function dumpLinks(): LinkMessage[] {
  const s = RtnetlinkSocket.open();
  try {
    return s.dumpLinks();
  } finally {
    s.close();
  }
}

/**
 * Every interface, by index. Needs `--allow-ffi` (not `--allow-read`: nothing under /sys is
 * read) and no privilege.
 *
 * @example List the interfaces that are up
 * ```ts
 * import { listInterfaces } from "jsr:@rawcap/rawcap";
 * for (const i of listInterfaces().filter((i) => i.up)) console.log(i.index, i.name, i.mac);
 * ```
 */
export function listInterfaces(): InterfaceInfo[] {
  return dumpLinks().map(toInterfaceInfo).sort((a, b) => a.index - b.index);
}

/** Names of the interfaces that are up and carry Ethernet framing (what `any` captures). */
export function capturableInterfaces(links: LinkMessage[] = dumpLinks()): string[] {
  return links
    .filter((l) => (l.flags & IFF_UP) !== 0 && isEthernetLike(l.hwType))
    .sort((a, b) => a.index - b.index)
    .map((l) => l.name);
}
