/**
 * The addressing family's UDP payloads (issue 15b): DHCP and DHCPv6, reached from `udp` in transport.ts.
 *
 * @module
 */

import { u16 } from "../../decode/bytes.ts";
import * as dnsModule from "../../decode/dns.ts";
import * as frameModule from "../../decode/frame.ts";
import * as numbersModule from "../../decode/numbers.ts";
import * as udpModule from "../../decode/udp.ts";
import type { PrintContext } from "./context.ts";
import { bootp } from "./dhcp.ts";
import { dhcpv6 } from "./dhcpv6.ts";
import { dnsText } from "./dns.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_DHCP, LAYER_DHCPV6 } = frameModule;
const { DNS_PORT, LLMNR_PORT, MDNS_PORT } = numbersModule;
const { DNS_HLEN, DNS_TCP_PREFIX } = dnsModule;
const { UDP_DPORT_AT, UDP_HLEN, UDP_SPORT_AT } = udpModule;

/**
 * The text of the payload of UDP layer `k` (`len` octets declared) when it is one of the
 * family's protocols, whole or cut short; "" otherwise.
 */
export function addressing(c: PrintContext, k: number, len: number): string {
  const ds = c.ds, next = k + 1 < ds.count ? ds.kind[k + 1] : 0;
  const off = ds.start[k] + UDP_HLEN, end = Math.min(ds.end[k], c.d.length);
  if (next === LAYER_DHCP || ds.truncated === LAYER_DHCP) return bootp(c, off, end, len);
  if (next === LAYER_DHCPV6 || ds.truncated === LAYER_DHCPV6) return dhcpv6(c, off, end, len);
  return "";
}

/** True when the UDP layer `k` carries LLMNR (port 5355, not 53), which tcpdump leaves undecoded. */
export function llmnr(c: PrintContext, k: number): boolean {
  const d = c.d, off = c.ds.start[k];
  const sp = u16(d, off + UDP_SPORT_AT), dp = u16(d, off + UDP_DPORT_AT);
  return sp !== DNS_PORT && dp !== DNS_PORT && (sp === LLMNR_PORT || dp === LLMNR_PORT) &&
    sp !== MDNS_PORT && dp !== MDNS_PORT;
}

/**
 * After a TCP line's `length N`: DNS over TCP port 53 (` ` and the message, or tcpdump's
 * complaint about the length prefix) for the `len` payload octets at `at` of TCP layer `k`; ""
 * for other ports.
 */
export function dnsOverTcp(c: PrintContext, k: number, at: number, len: number): string {
  const d = c.d, ds = c.ds, off = ds.start[k];
  if (u16(d, off + UDP_SPORT_AT) !== DNS_PORT && u16(d, off + UDP_DPORT_AT) !== DNS_PORT) return "";
  if (len < DNS_TCP_PREFIX) return " [DNS over TCP: length " + len + " < 2] (invalid)";
  if (at + DNS_TCP_PREFIX > d.length) return " [|domain]";
  const prefix = u16(d, at);
  if (prefix !== len - DNS_TCP_PREFIX) {
    return " [prefix length(" + prefix + ") != length(" + (len - DNS_TCP_PREFIX) + ")] (invalid)";
  }
  // The message as far as it was captured (the walker's DNS layer when the capture is whole).
  const msg = at + DNS_TCP_PREFIX, end = Math.min(d.length, ds.end[k]);
  if (msg + DNS_HLEN > end) return "  [|domain]";
  return " " + dnsText(c, msg, end, prefix, false);
}
