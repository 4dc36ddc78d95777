/** Text of ARP, RARP and inverse ARP, as tcpdump's print-arp.c prints Ethernet/IPv4 ARP. */

import { ipv4String, macString, u16 } from "../../decode/bytes.ts";
import * as arpModule from "../../decode/arp.ts";
import * as ethernetModule from "../../decode/ethernet.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { hex4, type PrintContext } from "./context.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  ARP_HLN_AT,
  ARP_HRD_AT,
  ARP_IPV4_LEN,
  ARP_OP_AT,
  ARP_PLN_AT,
  ARP_PRO_AT,
  ARP_SHA_AT,
  ARP_SPA_AT,
  ARP_THA_AT,
  ARP_TPA_AT,
} = arpModule;
const { ETH_ALEN } = ethernetModule;
const {
  ARP_OPS,
  ARPHRD_ETHER,
  ARPOP_INVREPLY,
  ARPOP_INVREQUEST,
  ARPOP_REPLY,
  ARPOP_REQUEST,
  ARPOP_RREPLY,
  ARPOP_RREQUEST,
  ETH_P_IP,
} = numbersModule;

function isZero(d: Uint8Array, off: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (d[off + i] !== 0) return false;
  return true;
}

/** The ARP layer `j`; `frameLen` is the length of the frame it sits in. */
export function arp(c: PrintContext, j: number, frameLen: number): string {
  const d = c.d, off = c.ds.start[j];
  const len = frameLen - off;
  let s = c.link ? "" : "ARP, ";
  const htype = u16(d, off + ARP_HRD_AT), ptype = u16(d, off + ARP_PRO_AT);
  const hl = d[off + ARP_HLN_AT], pl = d[off + ARP_PLN_AT], op = u16(d, off + ARP_OP_AT);
  if (htype !== ARPHRD_ETHER || ptype !== ETH_P_IP || hl !== ETH_ALEN || pl !== ARP_IPV4_LEN) {
    return s + "hardware #" + htype + ", proto 0x" + hex4(ptype) + ", op " + op + ", length " + len;
  }
  if (c.verbose) s += "Ethernet (len " + ETH_ALEN + "), IPv4 (len " + ARP_IPV4_LEN + "), ";
  const sha = off + ARP_SHA_AT, spa = off + ARP_SPA_AT, tha = off + ARP_THA_AT;
  const tpa = off + ARP_TPA_AT;
  const name = ARP_OPS[op];
  if (op === ARPOP_REQUEST) {
    s += name + " who-has " + ipv4String(d, tpa) +
      (isZero(d, tha, ETH_ALEN) ? "" : " (" + macString(d, tha) + ")") + " tell " +
      ipv4String(d, spa);
  } else if (op === ARPOP_REPLY) {
    s += name + " " + ipv4String(d, spa) + " is-at " + macString(d, sha);
  } else if (op === ARPOP_RREQUEST || op === ARPOP_INVREQUEST) {
    s += name + " who-is " + macString(d, tha) + " tell " + macString(d, sha);
  } else if (op === ARPOP_RREPLY) {
    s += name + " " + macString(d, tha) + " at " + ipv4String(d, tpa);
  } else if (op === ARPOP_INVREPLY) {
    s += name + " " + macString(d, sha) + " at " + ipv4String(d, spa);
  } else s += "Unknown (" + op + ")";
  return s + ", length " + len;
}
