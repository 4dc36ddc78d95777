/**
 * Link types: what the first bytes of a frame are. The numbers are the LINKTYPE_* values of
 * pcap and pcapng files (tcpdump.org/linktypes.html); the names are libpcap's DLT names, as
 * `-y`, `-L` and tcpdump's "link-type" line print them.
 *
 * Capture, decoders, printers, writers and the filter compiler all read the link type from
 * here; the layout of each link-layer header lives in its decoder (src/decode/sll.ts,
 * src/decode/null.ts, src/packet/ethernet.ts).
 *
 * @module
 */

/** BSD loopback: a 4-octet address family in the byte order of the host that wrote it. */
export const LINKTYPE_NULL = 0;
/** Ethernet (DLT_EN10MB). */
export const LINKTYPE_ETHERNET = 1;
/** Raw IPv4 or IPv6, told apart by the version nibble (DLT_RAW). */
export const LINKTYPE_RAW = 101;
/** OpenBSD loopback: as {@link LINKTYPE_NULL}, the family in network byte order. */
export const LINKTYPE_LOOP = 108;
/** Linux cooked capture v1, 16-octet header (DLT_LINUX_SLL). */
export const LINKTYPE_LINUX_SLL = 113;
/** Linux cooked capture v2, 20-octet header with the interface index (`tcpdump -i any`). */
export const LINKTYPE_LINUX_SLL2 = 276;

/** One link type rawcap reads, writes and decodes. */
export interface LinkTypeInfo {
  /** LINKTYPE_* number. */
  readonly value: number;
  /** libpcap's name without "DLT_": `-y` takes it, `-L` prints it. */
  readonly name: string;
  /** libpcap's description (pcap_datalink_val_to_description). */
  readonly description: string;
}

/** The link types rawcap handles, by LINKTYPE_* number. */
export const LINK_TYPES: readonly LinkTypeInfo[] = [
  { value: LINKTYPE_NULL, name: "NULL", description: "BSD loopback" },
  { value: LINKTYPE_ETHERNET, name: "EN10MB", description: "Ethernet" },
  { value: LINKTYPE_RAW, name: "RAW", description: "Raw IP" },
  { value: LINKTYPE_LOOP, name: "LOOP", description: "OpenBSD loopback" },
  { value: LINKTYPE_LINUX_SLL, name: "LINUX_SLL", description: "Linux cooked v1" },
  { value: LINKTYPE_LINUX_SLL2, name: "LINUX_SLL2", description: "Linux cooked v2" },
];

const BY_VALUE = new Map(LINK_TYPES.map((t) => [t.value, t]));
const BY_NAME = new Map(LINK_TYPES.map((t) => [t.name, t]));

/** The link type numbered `value`, or undefined when rawcap does not handle it. */
export function linkTypeInfo(value: number): LinkTypeInfo | undefined {
  return BY_VALUE.get(value);
}

/** The link type named `name` (libpcap's DLT name, any case, "DLT_" optional), or undefined. */
export function linkTypeByName(name: string): LinkTypeInfo | undefined {
  return BY_NAME.get(name.toUpperCase().replace(/^DLT_/, ""));
}

/** Whether rawcap reads, writes and decodes frames of link type `value`. */
export function isSupportedLinkType(value: number): boolean {
  return BY_VALUE.has(value);
}

/** `NAME (description)`, or `LINKTYPE n` for a type rawcap does not know, as messages say it. */
export function linkTypeLabel(value: number): string {
  const t = BY_VALUE.get(value);
  return t ? `${t.name} (${t.description})` : `LINKTYPE ${value}`;
}
