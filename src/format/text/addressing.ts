/**
 * The addressing family's UDP payloads (issue 15b): DHCP and DHCPv6, reached from `udp` in transport.ts.
 *
 * @module
 */

import { u16 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import * as numbersModule from "../../decode/numbers.ts";
import * as udpModule from "../../decode/udp.ts";
import type { PrintContext } from "./context.ts";
import { bootp } from "./dhcp.ts";
import { dhcpv6 } from "./dhcpv6.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_DHCP, LAYER_DHCPV6 } = frameModule;
const { DNS_PORT, LLMNR_PORT, MDNS_PORT } = numbersModule;
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
