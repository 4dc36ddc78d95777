/**
 * The addressing family's UDP payloads (issue 15b): DHCP and DHCPv6, reached from `udp` in transport.ts.
 *
 * @module
 */

import * as frameModule from "../../decode/frame.ts";
import * as udpModule from "../../decode/udp.ts";
import type { PrintContext } from "./context.ts";
import { bootp } from "./dhcp.ts";
import { dhcpv6 } from "./dhcpv6.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_DHCP, LAYER_DHCPV6 } = frameModule;
const { UDP_HLEN } = udpModule;

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
