/** Text of DNS messages, as tcpdump's print-domain.c prints them (answers only with -v names). */

import { ipv4String, ipv6String, u16 } from "../../decode/bytes.ts";
import { dnsIsNameType, dnsName, dnsOpcode, dnsSkipName } from "../../decode/dns.ts";
import * as dnsModule from "../../decode/dns.ts";
import * as ipv4Module from "../../decode/ipv4.ts";
import * as ipv6Module from "../../decode/ipv6.ts";
import { dnsTypeName } from "../../decode/numbers.ts";
import * as numbersModule from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  DNS_AA,
  DNS_AD,
  DNS_ANCOUNT_AT,
  DNS_ARCOUNT_AT,
  DNS_CD,
  DNS_FLAGS_AT,
  DNS_HLEN,
  DNS_ID_AT,
  DNS_MX_NAME_AT,
  DNS_NSCOUNT_AT,
  DNS_Q_CLASS_AT,
  DNS_Q_LEN,
  DNS_Q_TYPE_AT,
  DNS_QDCOUNT_AT,
  DNS_QR,
  DNS_RA,
  DNS_RCODE_MASK,
  DNS_RD,
  DNS_RR_CLASS_AT,
  DNS_RR_HLEN,
  DNS_RR_RDLEN_AT,
  DNS_RR_TYPE_AT,
  DNS_SRV_NAME_AT,
  DNS_SRV_PORT_AT,
  DNS_SRV_WEIGHT_AT,
  DNS_TC,
  DNS_Z,
} = dnsModule;
const { IPV4_ALEN } = ipv4Module;
const { IPV6_ALEN } = ipv6Module;
const {
  C_CACHE_FLUSH,
  C_IN,
  C_QU,
  DNS_CLASSES,
  MDNS_PORT,
  DNS_OPCODE_MARKS,
  DNS_RCODE_MARKS,
  T_A,
  T_AAAA,
  T_MX,
  T_SRV,
  T_TXT,
} = numbersModule;

/** Flag bits a query should not have; tcpdump shows the word when one is set. */
const QUERY_ODD_BITS = DNS_AA | DNS_TC | DNS_RA | DNS_Z | DNS_RCODE_MASK;

/** ` CHAOS` for a class other than IN, "" for IN. */
function dnsClass(c: number): string {
  return c === C_IN ? "" : " " + (DNS_CLASSES[c] ?? "(Class " + c + ")");
}

/** Text of the record at `off` (leading space included), or undefined when it is cut short. */
function dnsRecord(
  c: PrintContext,
  msg: number,
  off: number,
  end: number,
  mdns = false,
): string | undefined {
  const d = c.d;
  const nm = dnsName(d, msg, off, end);
  const r = nm.next;
  if (r < 0 || r + DNS_RR_HLEN > end) return undefined;
  const type = u16(d, r + DNS_RR_TYPE_AT), len = u16(d, r + DNS_RR_RDLEN_AT);
  const data = r + DNS_RR_HLEN;
  if (data + len > end) return undefined;
  const cls = u16(d, r + DNS_RR_CLASS_AT);
  let s = " " + (c.verbose ? nm.name + " " : "");
  // mDNS (issue 15b): tcpdump prints the class and the cache-flush bit before the type.
  if (mdns) {
    const rest = dnsClass(cls & ~C_CACHE_FLUSH) + (cls & C_CACHE_FLUSH ? " (Cache flush)" : "");
    s += (rest === "" ? "" : rest.slice(1) + " ") + dnsTypeName(type);
  } else s += dnsTypeName(type) + dnsClass(cls);
  if (type === T_A && len === IPV4_ALEN) s += " " + ipv4String(d, data);
  else if (type === T_AAAA && len === IPV6_ALEN) s += " " + ipv6String(d, data);
  else if (dnsIsNameType(type)) s += " " + dnsName(d, msg, data, end).name;
  else if (type === T_MX && len > DNS_MX_NAME_AT) {
    s += " " + dnsName(d, msg, data + DNS_MX_NAME_AT, end).name + " " + u16(d, data);
  } else if (type === T_SRV && len > DNS_SRV_NAME_AT) {
    s += " " + dnsName(d, msg, data + DNS_SRV_NAME_AT, end).name + ":" +
      u16(d, data + DNS_SRV_PORT_AT) + " " + u16(d, data) + " " + u16(d, data + DNS_SRV_WEIGHT_AT);
  } else if (type === T_TXT) {
    // Character strings: a length octet, then that many characters.
    for (let i = data; i < data + len && i + 1 + d[i] <= data + len; i += 1 + d[i]) {
      let t = "";
      for (let b = i + 1; b < i + 1 + d[i]; b++) {
        t += d[b] >= 0x20 && d[b] < 0x7f ? String.fromCharCode(d[b]) : ".";
      }
      s += ' "' + t + '"';
    }
  }
  return s;
}

/** Offset just past the resource record at `off` (bounds already checked by dnsRecord). */
function dnsRecordEnd(d: Uint8Array, off: number, end: number): number {
  const r = dnsSkipName(d, off, end);
  return r + DNS_RR_HLEN + u16(d, r + DNS_RR_RDLEN_AT);
}

/** The DNS layer `k`; `len` is the UDP payload length. */
export function dns(c: PrintContext, k: number, len: number): string {
  return dnsText(c, c.ds.start[k], c.ds.end[k], len, c.ds.aux[k] === MDNS_PORT);
}

/**
 * The DNS message at `off`, captured up to `end`, `len` octets declared (issue 15b: also over
 * TCP, after the length prefix); `mdns` adds tcpdump's mDNS class bits.
 */
export function dnsText(c: PrintContext, off: number, end: number, len: number, mdns: boolean) {
  const d = c.d;
  const w = u16(d, off + DNS_FLAGS_AT);
  const qd = u16(d, off + DNS_QDCOUNT_AT), an = u16(d, off + DNS_ANCOUNT_AT);
  const ns = u16(d, off + DNS_NSCOUNT_AT), ar = u16(d, off + DNS_ARCOUNT_AT);
  const op = dnsOpcode(w);
  let s = "" + u16(d, off + DNS_ID_AT) + (DNS_OPCODE_MARKS[op] ?? " op" + op);
  let i = off + DNS_HLEN;
  if (w & DNS_QR) {
    const rc = w & DNS_RCODE_MASK;
    s += (DNS_RCODE_MARKS[rc] ?? " Resp" + rc) + (w & DNS_AA ? "*" : "") + (w & DNS_RA ? "" : "-") +
      (w & DNS_TC ? "|" : "") + (w & DNS_AD ? "$" : "");
    if (qd !== 1) s += " [" + qd + "q]";
    for (let n = 0; n < qd; n++) {
      i = dnsSkipName(d, i, end);
      if (i < 0 || i + DNS_Q_LEN > end) return s + " [|domain]";
      i += DNS_Q_LEN;
    }
    s += " " + an + "/" + ns + "/" + ar;
    for (let n = 0; n < an; n++) {
      const rr = dnsRecord(c, off, i, end, mdns);
      if (rr === undefined) return s + " [|domain]";
      s += (n > 0 ? "," : "") + rr;
      i = dnsRecordEnd(d, i, end);
    }
  } else {
    s += (w & DNS_RD ? "+" : "") + (w & DNS_CD ? "%" : "");
    if (w & QUERY_ODD_BITS) s += " [b2&3=0x" + w.toString(16) + "]";
    if (qd !== 1) s += " [" + qd + "q]";
    if (an) s += " [" + an + "a]";
    if (ns) s += " [" + ns + "n]";
    if (ar) s += " [" + ar + "au]";
    for (let n = 0; n < qd; n++) {
      const nm = dnsName(d, off, i, end);
      const q = nm.next;
      if (q < 0 || q + DNS_Q_LEN > end) return s + " [|domain]";
      const cls = u16(d, q + DNS_Q_CLASS_AT);
      s += " " + dnsTypeName(u16(d, q + DNS_Q_TYPE_AT)) +
        (mdns ? dnsClass(cls & ~C_QU) + (cls & C_QU ? " (QU)" : " (QM)") : dnsClass(cls)) + "? " +
        nm.name;
      i = q + DNS_Q_LEN;
    }
  }
  return s + " (" + len + ")";
}
