/**
 * tcpdump-style text: one line per frame, as `tcpdump -nn -S` prints it (with the options
 * below mapped to -e, -v, -q, -x/-X, -A; `relativeSeq` for tcpdump's relative TCP numbers). Never throws: anything undecodable still gets a line.
 *
 * Known differences from tcpdump 4.99 (checked in tests/text_test.ts):
 * - without `link`, the VLAN tags are named up front (`vlan 100 vlan 200 IP ...`);
 * - with `verbose`, everything stays on one line: the IPv4 header details and a tunnel's
 *   inner packet follow on the same line, and an ICMP error's quoted datagram is not printed;
 *   `verbose` above 1 adds nothing more;
 * - an unknown EtherType prints the link header and length but no hex dump of the payload;
 * - with `verbose`, what tcpdump continues on tab-indented lines (DHCP and DHCPv6 options,
 *   neighbor discovery options) follows on the same line, each line break one space;
 * - application protocols other than DNS (UDP and TCP port 53, mDNS), DHCP and DHCPv6 (HTTP,
 *   NTP, STP, ...) are not decoded: TCP and UDP print `length N`, 802.2 LLC prints its header.
 * - VRRP, NTP, syslog, TFTP, SNMP, RADIUS, OSPF, BGP and RIP are printed by text/gateways.ts; their
 *   tab-indented -v detail lines follow on the line after a space.
 * - Frames of other link types (`rec.linkType`: Linux cooked v1/v2, BSD loopback, raw IP) are
 *   printed by text/linktypes.ts; Novell 802.3 (IPX) after a cooked header and the ISO,
 *   AppleTalk and IPX loopback families print their link header, where tcpdump decodes them.
 */

import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import type { PacketRecord } from "../packet/packet.ts";
import { asciiText, hexDump } from "./hexdump.ts";
import { oneLine, PrintContext } from "./text/context.ts";
import { frame, networkStart } from "./text/link.ts";
import { Clock, delta } from "./text/time.ts";

/** How {@link formatText} renders a frame (tcpdump flag in comments). */
export interface TextOptions {
  /** -e: print the link-level header. */
  link?: boolean;
  /** -v count. */
  verbose?: number;
  /** -q: less protocol detail. */
  quiet?: boolean;
  /** -x / -X (network layer on) or -xx / -XX (whole frame) hex dump lines after the line. */
  hex?: "x" | "X" | "xx" | "XX";
  /** Put the interface name after the time (when the record has one). */
  showIface?: boolean;
  /**
   * Time of day in local time (default, like tcpdump), UTC, seconds since the epoch, date and
   * local time (`-tttt`), time since `tsRef` (`-ttt`, `-ttttt`), or no time at all (`-t`).
   */
  tsFormat?: "local" | "utc" | "epoch" | "date" | "delta" | "none";
  /** The reference of `tsFormat: "delta"`: the previous frame's or the first frame's time. */
  tsRef?: bigint;
  /**
   * -v verifies the IPv4 header, TCP and UDP checksums (default true); false is tcpdump's
   * `-K`, which leaves ICMPv6's checked, as tcpdump does.
   */
  verifyChecksums?: boolean;
  /**
   * TCP sequence and acknowledgement numbers relative to each connection's first, as tcpdump
   * prints them by default (the CLI sets this unless `-S`); the printer remembers connections
   * from frame to frame. Off by default: absolute numbers, as `tcpdump -S`.
   */
  relativeSeq?: boolean;
  /**
   * The name of the interface numbered `index` on the host printing, undefined when unknown. A
   * LINUX_SLL2 frame's line starts with the name of the interface its header names (`%-5s`)
   * and the packet type, as tcpdump prints them from its own host's `if_indextoname`; without a
   * resolver, or when it returns undefined, the name is "?". The CLI builds one from rtnetlink.
   */
  ifName?: (index: number) => string | undefined;
  /** -A (`"A"`): the bytes from the network layer on as ASCII after the line; -AA the whole frame. */
  ascii?: "A" | "AA";
}

/**
 * Turns frames into text lines. Its context and clock are reused from one frame to the next;
 * {@link formatText} uses one shared printer.
 */
export class TextPrinter {
  readonly #ctx = new PrintContext();
  readonly #clock = new Clock();

  /** Forgets the TCP connections remembered for relative sequence numbers. */
  forgetConnections(): void {
    this.#ctx.tcpSeq.clear();
  }

  /** The tcpdump-style line for one frame (plus hex dump lines when `opts.hex` is set). */
  format(rec: PacketRecord, opts: TextOptions = NO_OPTIONS): string {
    const tf = opts.tsFormat ?? "local";
    let line = tf === "none"
      ? ""
      : tf === "delta"
      ? delta(rec.ts - (opts.tsRef ?? rec.ts))
      : this.#clock.stamp(rec.ts, tf);
    if (opts.showIface && rec.iface !== "") line = line === "" ? rec.iface : line + " " + rec.iface;
    const c = this.#ctx, d = rec.data;
    let body: string;
    try {
      c.start(
        d,
        opts.link === true,
        opts.quiet === true,
        opts.verbose ?? 0,
        opts.verifyChecksums !== false,
        !!opts.relativeSeq,
        rec.linkType ?? LINKTYPE_ETHERNET,
      );
      c.ifName = opts.ifName;
      body = frame(c, rec.len);
    } catch (e) {
      body = oneLine("[|decode error: " + (e instanceof Error ? e.message : String(e)) + "]");
    }
    line = line === "" ? body : line + " " + body;
    if (opts.hex) {
      const whole = opts.hex === "xx" || opts.hex === "XX";
      const ascii = opts.hex === "X" || opts.hex === "XX";
      const from = whole || c.earlyEnd ? 0 : Math.min(networkStart(c), d.length);
      line += hexDump(d, from, d.length, ascii);
    } else if (opts.ascii) {
      line += "\n" + asciiText(d, opts.ascii === "AA" ? 0 : Math.min(networkStart(c), d.length));
    }
    return line;
  }
}

const NO_OPTIONS: TextOptions = {};
const shared = new TextPrinter();

/** The tcpdump-style line for one frame (plus hex dump lines when `opts.hex` is set). */
export function formatText(rec: PacketRecord, opts: TextOptions = NO_OPTIONS): string {
  return shared.format(rec, opts);
}

/** Forgets the TCP connections {@link formatText} remembers for relative sequence numbers. */
export function forgetTcpConnections(): void {
  shared.forgetConnections();
}
