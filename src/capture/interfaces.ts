/**
 * Network interfaces as the kernel reports them through rtnetlink: list them, look one up,
 * and tell which ones `any` captures. A query that fails throws (a SysError, or
 * PermissionDenied without `--allow-ffi`): "could not find out" is never "not there".
 */
import {
  ARPHRD_ETHER,
  ARPHRD_LOOPBACK,
  ARPHRD_NONE,
  ARPHRD_RAWIP,
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
import { LINKTYPE_ETHERNET, LINKTYPE_RAW, linkTypeLabel } from "../packet/linktype.ts";
import { RawcapError } from "../errors.ts";
import { InterfaceNotFound } from "./errors.ts";

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

/**
 * The link type (LINKTYPE_*) rawcap captures a link of ARPHRD type `type` with, as libpcap
 * maps them: Ethernet framing (Ethernet, loopback), or raw IP for devices without a link
 * header (tun, WireGuard: ARPHRD_NONE; ARPHRD_RAWIP). Undefined for other types.
 */
export function linkTypeOfArphrd(type: number): number | undefined {
  if (type === ARPHRD_ETHER || type === ARPHRD_LOOPBACK) return LINKTYPE_ETHERNET;
  if (type === ARPHRD_NONE || type === ARPHRD_RAWIP) return LINKTYPE_RAW;
  return undefined;
}

/** The pcap name of an ARPHRD type, as `-D` prints it. */
export function linkTypeName(type: number): string {
  if (type === ARPHRD_LOOPBACK) return "EN10MB (Ethernet, loopback)";
  const linkType = linkTypeOfArphrd(type);
  return linkType === undefined ? `ARPHRD ${type}` : linkTypeLabel(linkType);
}

/** Whether a link of this type carries Ethernet framing. */
export function isEthernetLike(type: number): boolean {
  return linkTypeOfArphrd(type) === LINKTYPE_ETHERNET;
}

/** Whether rawcap captures a link of ARPHRD type `type` with one of `linkTypes` (or any). */
export function wantedType(type: number, linkTypes?: readonly number[]): boolean {
  const t = linkTypeOfArphrd(type);
  return t !== undefined && (linkTypes === undefined || linkTypes.includes(t));
}

/** The link type rawcap captures interface `name` with, from the kernel's link table. */
export function interfaceLinkType(name: string, links: LinkMessage[] = dumpLinks()): number {
  const link = links.find((l) => l.name === name);
  if (!link) throw new InterfaceNotFound(name);
  const t = linkTypeOfArphrd(link.hwType);
  if (t === undefined) {
    throw new RawcapError(
      `${name}: no link type rawcap can capture (${linkTypeName(link.hwType)})`,
    );
  }
  return t;
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

/**
 * Names of the interfaces that are up and have a link type rawcap captures (what `any`
 * captures), of the `linkTypes` given (default: every one).
 */
export function capturableInterfaces(
  links: LinkMessage[] = dumpLinks(),
  linkTypes?: readonly number[],
): string[] {
  return links
    .filter((l) => (l.flags & IFF_UP) !== 0 && wantedType(l.hwType, linkTypes))
    .sort((a, b) => a.index - b.index)
    .map((l) => l.name);
}

/**
 * `if_indextoname` for printers (tcpdump prints the interface of a LINUX_SLL2 record by its
 * index, as named on the reading host): names from one rtnetlink dump, dumped again (at most
 * once a second) when an index is missing. Needs `--allow-ffi` when first called.
 */
export function interfaceNamer(): (index: number) => string | undefined {
  let names = new Map<number, string>();
  let dumpedAt = -Infinity;
  return (index) => {
    const name = names.get(index);
    if (name !== undefined || performance.now() - dumpedAt < 1000) return name;
    dumpedAt = performance.now();
    names = new Map(dumpLinks().map((l) => [l.index, l.name]));
    return names.get(index);
  };
}
