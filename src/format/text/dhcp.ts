/**
 * Text of BOOTP/DHCP, as tcpdump's print-bootp.c prints it; with -v, what tcpdump puts on
 * continuation lines follows on the same line, each line break one space.
 *
 * @module
 */

import { hwString, ipv4String, macString, u16, u32 } from "../../decode/bytes.ts";
import * as dhcpModule from "../../decode/dhcp.ts";
import { ETH_ALEN } from "../../decode/ethernet.ts";
import * as numbersModule from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";
import { unknownData } from "./icmpv6_nd.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  AGENT_SUBOPT_DATA_AT,
  AGENT_SUBOPT_LEN_AT,
  BOOTP_CHADDR_AT,
  BOOTP_CIADDR_AT,
  BOOTP_FILE_AT,
  BOOTP_FILE_LEN,
  BOOTP_FLAGS_AT,
  BOOTP_GIADDR_AT,
  BOOTP_HLEN_AT,
  BOOTP_HOPS_AT,
  BOOTP_HTYPE_AT,
  BOOTP_OP_AT,
  BOOTP_SECS_AT,
  BOOTP_SIADDR_AT,
  BOOTP_SNAME_AT,
  BOOTP_SNAME_LEN,
  BOOTP_VEND_AT,
  BOOTP_XID_AT,
  BOOTP_YIADDR_AT,
  DHCP_FQDN_MBZ,
  DHCP_FQDN_NAME_AT,
  DHCP_FQDN_RCODE_AT,
  DHCP_OPT_DATA_AT,
  DHCP_OPT_LEN_AT,
  DHCP_OPTIONS_AT,
} = dhcpModule;
const {
  AGENT_CIRCUIT_ID,
  AGENT_REMOTE_ID,
  AGENT_SUBSCRIBER_ID,
  ARPHRD_ETHER,
  BOOTP_FLAG_BROADCAST,
  BOOTPREPLY,
  BOOTPREQUEST,
  DHCP_AGENT_SUBOPTIONS,
  DHCP_HW_TYPES,
  DHCP_MAGIC_COOKIE,
  DHCP_MESSAGE_TYPES,
  DHCP_OPTIONS,
  DHO_AGENT_INFO,
  DHCP_FQDN_FLAGS,
  DHO_CLIENT_FQDN,
  DHO_CLIENT_ID,
  DHO_END,
  DHO_MESSAGE_TYPE,
  DHO_PAD,
  DHO_PARAMETER_REQUEST,
} = numbersModule;

/** tcpdump's mark for a message cut short. */
const TRUNC = " [|bootp]";
/** Octets of an IPv4 address, of a 32-bit and of a 16-bit number. */
const ADDR = 4, WORD = 4, SHORT = 2;

/** The octets `[from, to)` as tcpdump's nd_printjn prints them (`M-` and `^` escapes). */
export function printable(d: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += printableChar(d[i]);
  return s;
}

/** One octet as tcpdump's fn_print_char prints it. */
function printableChar(c: number): string {
  let s = "";
  if (c > 0x7f) {
    c &= 0x7f;
    s += "M-";
  }
  if (c < 0x20 || c === 0x7f) {
    c ^= 0x40;
    s += "^";
  }
  return s + String.fromCharCode(c);
}

/** `s` then one space where tcpdump starts a new line (none after a trailing space). */
function brk(s: string): string {
  return s.endsWith(" ") ? s : s + " ";
}

/**
 * The BOOTP/DHCP message at `off`, captured up to `end`; `len` is the UDP payload length. Reads
 * only what `end` allows and ends in ` [|bootp]` where tcpdump's would.
 */
export function bootp(c: PrintContext, off: number, end: number, len: number): string {
  const d = c.d;
  let s = "BOOTP/DHCP";
  if (off + BOOTP_OP_AT + 1 > end) return s + TRUNC;
  const op = d[off + BOOTP_OP_AT];
  if (op === BOOTPREQUEST) {
    if (off + BOOTP_HLEN_AT + 1 > end) return s + TRUNC;
    if (d[off + BOOTP_HTYPE_AT] === ARPHRD_ETHER && d[off + BOOTP_HLEN_AT] === ETH_ALEN) {
      if (off + BOOTP_CHADDR_AT + ETH_ALEN > end) return s + TRUNC;
      s += ", Request from " + macString(d, off + BOOTP_CHADDR_AT);
    }
  } else if (op === BOOTPREPLY) s += ", Reply";
  else s += ", op-#" + op;
  s += ", length " + len;
  if (!c.verbose) return s;
  if (off + BOOTP_FLAGS_AT > end) return s + TRUNC;
  const htype = d[off + BOOTP_HTYPE_AT], hlen = d[off + BOOTP_HLEN_AT];
  if (htype !== ARPHRD_ETHER) s += ", htype " + htype;
  if (htype !== ARPHRD_ETHER || hlen !== ETH_ALEN) s += ", hlen " + hlen;
  if (d[off + BOOTP_HOPS_AT]) s += ", hops " + d[off + BOOTP_HOPS_AT];
  const xid = u32(d, off + BOOTP_XID_AT), secs = u16(d, off + BOOTP_SECS_AT);
  if (xid) s += ", xid 0x" + xid.toString(16);
  if (secs) s += ", secs " + secs;
  if (off + BOOTP_CIADDR_AT > end) return s + TRUNC;
  const flags = u16(d, off + BOOTP_FLAGS_AT);
  s += ", Flags [" + (flags & BOOTP_FLAG_BROADCAST ? "Broadcast" : "none") + "]";
  if (flags & ~BOOTP_FLAG_BROADCAST) s += " (0x" + flags.toString(16).padStart(4, "0") + ")";
  const addrs: [number, string][] = [
    [BOOTP_CIADDR_AT, "Client-IP"],
    [BOOTP_YIADDR_AT, "Your-IP"],
    [BOOTP_SIADDR_AT, "Server-IP"],
    [BOOTP_GIADDR_AT, "Gateway-IP"],
  ];
  for (const [at, name] of addrs) {
    if (off + at + ADDR > end) return s + TRUNC;
    if (u32(d, off + at)) s += " " + name + " " + ipv4String(d, off + at);
  }
  if (htype === ARPHRD_ETHER && hlen === ETH_ALEN) {
    if (off + BOOTP_CHADDR_AT + ETH_ALEN > end) return s + TRUNC;
    s += " Client-Ethernet-Address " + macString(d, off + BOOTP_CHADDR_AT);
  }
  const names: [number, number, string][] = [
    [BOOTP_SNAME_AT, BOOTP_SNAME_LEN, "sname"],
    [BOOTP_FILE_AT, BOOTP_FILE_LEN, "file"],
  ];
  for (const [at, size, name] of names) {
    if (off + at + 1 > end) return s + TRUNC;
    if (d[off + at] === 0) continue;
    s += " " + name + ' "';
    let i = off + at;
    for (; i < off + at + size && i < end && d[i] !== 0; i++) s += printableChar(d[i]);
    if (i >= off + at + size || i >= end) return s + '"' + TRUNC;
    s += '"';
  }
  if (off + DHCP_OPTIONS_AT > end) return s + TRUNC;
  const cookie = u32(d, off + BOOTP_VEND_AT);
  if (cookie !== DHCP_MAGIC_COOKIE) {
    return cookie ? s + " Vendor-#0x" + cookie.toString(16) : s;
  }
  s += " Vendor-rfc1048 Extensions Magic Cookie 0x" + cookie.toString(16);
  return options(d, off + DHCP_OPTIONS_AT, end, s);
}

/** The options from `i` to `end`, appended to `s`; one step per option, so at most `end - i`. */
function options(d: Uint8Array, i: number, end: number, s: string): string {
  while (i < end) {
    const tag = d[i++];
    if (tag === DHO_PAD) continue;
    if (tag === DHO_END) return s;
    const entry = DHCP_OPTIONS[tag] ?? "?Unknown";
    let f = entry[0];
    if (i + DHCP_OPT_DATA_AT - DHCP_OPT_LEN_AT > end) return s + TRUNC;
    const len = d[i++];
    s += " " + entry.slice(1) + " (" + tag + "), length " + len + (len > 0 ? ": " : "");
    if (i + len > end) return s + TRUNC;
    const stop = i + len;
    if (tag === DHO_MESSAGE_TYPE && len === 1) {
      s += DHCP_MESSAGE_TYPES[d[i]] ?? "Unknown (" + d[i] + ")";
      i = stop;
      continue;
    }
    if (tag === DHO_PARAMETER_REQUEST) {
      for (let n = 0; i < stop; n++, i++) {
        s = n % 4 === 0 ? brk(s) : s + ", ";
        s += (DHCP_OPTIONS[d[i]] ?? "?Unknown").slice(1) + " (" + d[i] + ")";
      }
      continue;
    }
    if (tag === DHO_CLIENT_ID) {
      if (len < 1) s += "[ERROR: length < 1 bytes]";
      else if (d[i] === 0) s += '"' + printable(d, i + 1, stop) + '"';
      else {
        s += (DHCP_HW_TYPES[d[i]] ?? "hardware-type " + d[i] + ",") + " " +
          hwString(d, i + 1, len - 1);
      }
      i = stop;
      continue;
    }
    if (tag === DHO_CLIENT_FQDN) {
      if (len < DHCP_FQDN_NAME_AT) s += "[ERROR: length < 3 bytes]";
      else {
        const f = d[i];
        if (f & DHCP_FQDN_MBZ) s += "[ERROR: MBZ nibble 0x" + (f >> 4).toString(16) + " != 0] ";
        if (f & ~DHCP_FQDN_MBZ) {
          s += "[" + DHCP_FQDN_FLAGS.filter(([bit]) => f & bit).map(([, n]) => n).join("") + "] ";
        }
        const r1 = d[i + DHCP_FQDN_RCODE_AT], r2 = d[i + DHCP_FQDN_RCODE_AT + 1];
        if (r1 || r2) s += r1 + "/" + r2 + " ";
        s += '"' + printable(d, i + DHCP_FQDN_NAME_AT, stop) + '"';
      }
      i = stop;
      continue;
    }
    if (tag === DHO_AGENT_INFO) {
      while (stop - i >= AGENT_SUBOPT_DATA_AT) {
        const sub = d[i], sublen = d[i + AGENT_SUBOPT_LEN_AT];
        i += AGENT_SUBOPT_DATA_AT;
        s = brk(s) + (DHCP_AGENT_SUBOPTIONS[sub] ?? "Unknown") + " SubOption " + sub +
          ", length " + sublen + ": ";
        if (sublen > stop - i) {
          s += "length goes past end of option";
          i = stop;
          break;
        }
        if (sub === AGENT_CIRCUIT_ID || sub === AGENT_REMOTE_ID || sub === AGENT_SUBSCRIBER_ID) {
          s += printable(d, i, i + sublen);
        } else s = unknownData(s, d, i, i + sublen);
        i += sublen;
      }
      if (i < stop) s += " trailing data length " + (stop - i);
      i = stop;
      continue;
    }
    if (f === "?") f = len & 1 ? "b" : len & 2 ? "s" : "l";
    let first = true;
    if (f === "a") {
      s += '"' + printable(d, i, stop) + '"';
      i = stop;
    } else if (f === "i" || f === "l" || f === "L") {
      for (; stop - i >= WORD; i += WORD, first = false) {
        if (!first) s += ",";
        s += f === "i" ? ipv4String(d, i) : f === "L" ? u32(d, i) | 0 : u32(d, i);
      }
    } else if (f === "p") {
      for (; stop - i >= 2 * ADDR; i += 2 * ADDR, first = false) {
        if (!first) s += ",";
        s += "(" + ipv4String(d, i) + ":" + ipv4String(d, i + ADDR) + ")";
      }
    } else if (f === "s") {
      for (; stop - i >= SHORT; i += SHORT, first = false) {
        if (!first) s += ",";
        s += u16(d, i);
      }
    } else if (f === "B") {
      for (; i < stop; i++, first = false) {
        if (!first) s += ",";
        s += d[i] === 0 ? "N" : d[i] === 1 ? "Y" : d[i] + "?";
      }
    } else {
      for (; i < stop; i++, first = false) s += (first ? "" : ".") + d[i];
    }
    if (i < stop) s += " trailing data length " + (stop - i);
    i = stop;
  }
  return s;
}
