/**
 * What the text printers of one frame share: the frame, its layers, the options, and the IP
 * layer a transport printer belongs to. One context is reused frame after frame; printers take
 * it as their first argument and keep nothing of their own between calls.
 *
 * @module
 */

import { hex2 } from "../../decode/bytes.ts";
import { dissect, Dissection } from "../../decode/frame.ts";
import { LINKTYPE_ETHERNET } from "../../packet/linktype.ts";
import { TcpSeqTable } from "./tcp_seq.ts";

/** The frame being printed, its layers and the options in force. */
export class PrintContext {
  /** The frame's bytes. */
  d: Uint8Array = new Uint8Array(0);
  /** What the frame starts with (LINKTYPE_*). */
  linkType: number = LINKTYPE_ETHERNET;
  /** The frame's length on the wire. */
  wireLen = 0;
  /**
   * The name of the interface numbered `index` on this host, undefined when there is none: a
   * LINUX_SLL2 line starts with it, as tcpdump's does (its if_indextoname), "?" when unknown.
   */
  ifName: ((index: number) => string | undefined) | undefined = undefined;
  /** Its layers, from {@link dissect}. */
  readonly ds: Dissection = new Dissection();
  /** -e: print link-level headers. */
  link = false;
  /** -q: less protocol detail. */
  quiet = false;
  /** -v count. */
  verbose = 0;
  /** Layer index of the IP header whose payload is being printed. */
  ip = 0;
  /** Its source address, as printed. */
  src = "";
  /** Its destination address, as printed. */
  dst = "";
  /** Octets after the IP header (and extension headers), as the header declares them. */
  payLen = 0;
  /** Put the addresses before the ports (false when an IPv6 line has printed them). */
  addrs = true;
  /** TCP sequence numbers relative to each connection's first (tcpdump without -S). */
  relative = false;
  /** The connections' initial sequence numbers, kept from frame to frame. */
  readonly tcpSeq: TcpSeqTable = new TcpSeqTable();

  /** -v checks the IPv4, TCP and UDP checksums (false: -K, as tcpdump's). */
  checksums = true;
  /**
   * A printer stopped where tcpdump's GET_ macros give up on a cut-short packet (their longjmp):
   * tcpdump then hex-dumps (-x, -X) the whole frame, link header included.
   */
  earlyEnd = false;
  /** The link printer met an EtherType no printer knows after a header other than Ethernet's. */
  unknownType = false;

  /** Starts on the frame `d` with the given options; walks its layers. */
  start(
    d: Uint8Array,
    link: boolean,
    quiet: boolean,
    verbose: number,
    checksums = true,
    relative = false,
    linkType: number = LINKTYPE_ETHERNET,
  ): void {
    this.d = d;
    this.linkType = linkType;
    this.relative = relative;
    this.link = link;
    this.quiet = quiet;
    this.verbose = verbose;
    this.checksums = checksums;
    this.earlyEnd = false;
    this.unknownType = false;
    dissect(d, this.ds, linkType);
  }

  /** Kind of layer `i`, 0 past the last one. */
  kind(i: number): number {
    return i < this.ds.count ? this.ds.kind[i] : 0;
  }

  /** Notes the IP layer `ip` whose payload the transport printers will print. */
  enterIp(ip: number, src: string, dst: string, payLen: number, addrs: boolean): void {
    this.ip = ip;
    this.src = src;
    this.dst = dst;
    this.payLen = payLen;
    this.addrs = addrs;
  }

  /** `src > dst: ` when the addresses go on this line, else "". */
  addresses(): string {
    return this.addrs ? this.src + " > " + this.dst + ": " : "";
  }
}

/** `s` with line breaks turned into spaces. */
export function oneLine(s: string): string {
  return s.includes("\n") || s.includes("\r") ? s.replace(/[\r\n]/g, " ") : s;
}

/** `head` then `tail`; when `tail` is empty, `head` without the trailing ": " or ", ". */
export function then(head: string, tail: string): string {
  return tail === "" ? trimSeparator(head) : head + tail;
}

/** `s` without trailing spaces and the ":" or "," before each. */
export function trimSeparator(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) {
    end--;
    const c = s.charCodeAt(end - 1);
    if (c === 0x3a || c === 0x2c) end--;
  }
  return end === s.length ? s : s.slice(0, end);
}

/** Four lowercase hex digits. */
export function hex4(n: number): string {
  return hex2(n >> 8) + hex2(n);
}

/** Two decimal digits. */
export function pad2(n: number): string {
  return n < 10 ? "0" + n : "" + n;
}
