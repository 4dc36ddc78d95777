/**
 * Text of 802.2 LLC frames no protocol claims (XID, TEST, I and S frames, unknown SNAP), as
 * tcpdump's print-llc.c prints them: without -e the MACs and the SAP names lead the line.
 *
 * @module
 */

import { hex2, macString, u16 } from "../../decode/bytes.ts";
import * as ethernetModule from "../../decode/ethernet.ts";
import { llcControl, llcControlEnd, llcIsSnap, llcIsUFrame, snapOui } from "../../decode/llc.ts";
import * as llcModule from "../../decode/llc.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { hex4, type PrintContext } from "./context.ts";
// Link types without Ethernet (issue 13d).
import { LAYER_ETHERNET } from "../../decode/frame.ts";
import { llcDeclared } from "./link.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { ETH_DST_AT, ETH_SRC_AT } = ethernetModule;
const {
  LLC_DSAP_AT,
  LLC_GSAP,
  LLC_IS_POLL,
  LLC_NR_SHIFT,
  LLC_NS_SHIFT,
  LLC_S_CMD_MASK,
  LLC_S_CMD_SHIFT,
  LLC_S_FMT,
  LLC_SEQ_MASK,
  LLC_SSAP_AT,
  LLC_U_CMD_MASK,
  LLC_U_POLL,
  LLC_XID_CLASS_AT,
  LLC_XID_FI_AT,
  LLC_XID_LEN,
  LLC_XID_WINDOW_AT,
  SNAP_HLEN,
  SNAP_TYPE_AT,
} = llcModule;
const { LLC_FLAGS, LLC_SAPS, LLC_SUPERVISORY, LLC_U_CMDS, LLC_XID, LLC_XID_FI, OUIS } =
  numbersModule;

/**
 * The LLC layer `j` at `off` (`declared` octets by the 802.3 length, `desc` its -e text) that
 * no protocol printer claims.
 */
export function llcFrame(c: PrintContext, j: number, off: number, desc: string): string {
  const d = c.d, ds = c.ds, declared = llcDeclared(c, j), end = ds.end[j];
  const eth = ds.start[0];
  // After a link header other than Ethernet's (issue 13d) tcpdump has no addresses to print.
  const noMacs = ds.kind[0] !== LAYER_ETHERNET;
  const macs = noMacs
    ? ""
    : macString(d, eth + ETH_SRC_AT) + " > " + macString(d, eth + ETH_DST_AT) + " ";
  const dsapField = d[off + LLC_DSAP_AT], ssapField = d[off + LLC_SSAP_AT];
  const hdr = llcControlEnd(d, off);
  if (llcIsSnap(d, off)) {
    const s = off + hdr, oui = snapOui(d, s), pid = u16(d, s + SNAP_TYPE_AT);
    const text = "oui " + (OUIS[oui] ?? "Unknown") + " (0x" + hex2(oui >> 16) + hex4(oui) +
      "), pid Unknown (0x" + hex4(pid) + "), length " + (declared - hdr - SNAP_HLEN);
    return c.link ? desc + ": " + text : macs + "SNAP, " + text;
  }
  const dsap = dsapField & ~LLC_GSAP, ssap = ssapField & ~LLC_GSAP;
  let s = c.link ? desc + ": " : "";
  if (!c.link && noMacs) {
    s = ssap === dsap
      ? (LLC_SAPS[dsap] ?? "Unknown DSAP 0x" + hex2(dsap)) + " "
      : (LLC_SAPS[ssap] ?? "Unknown SSAP 0x" + hex2(ssap)) + " > " +
        (LLC_SAPS[dsap] ?? "Unknown DSAP 0x" + hex2(dsap)) + " ";
  } else if (!c.link) {
    if (ssap === dsap) {
      s = macString(d, eth + ETH_SRC_AT) + " > " + macString(d, eth + ETH_DST_AT) + " " +
        (LLC_SAPS[dsap] ?? "Unknown DSAP 0x" + hex2(dsap)) + " ";
    } else {
      s = macString(d, eth + ETH_SRC_AT) + " " +
        (LLC_SAPS[ssap] ?? "Unknown SSAP 0x" + hex2(ssap)) +
        " > " + macString(d, eth + ETH_DST_AT) + " " +
        (LLC_SAPS[dsap] ?? "Unknown DSAP 0x" + hex2(dsap)) + " ";
    }
  }
  const ctrl = llcControl(d, off), resp = ssapField & LLC_GSAP;
  if (llcIsUFrame(d, off)) {
    const cmd = ctrl & LLC_U_CMD_MASK;
    s += "Unnumbered, " + (LLC_U_CMDS[cmd] ?? hex2(cmd)) + ", Flags [" +
      (LLC_FLAGS[resp | (ctrl & LLC_U_POLL)] ?? "?") + "], length " + declared;
    if (cmd === LLC_XID && declared > hdr) {
      const p = off + hdr;
      if (p >= end) return s + " [|llc]";
      if (d[p + LLC_XID_FI_AT] === LLC_XID_FI) {
        if (p + LLC_XID_LEN > end || declared - hdr < LLC_XID_LEN) return s + " [|llc]";
        s += ": " + hex2(d[p + LLC_XID_CLASS_AT]) + " " + hex2(d[p + LLC_XID_WINDOW_AT]);
      }
    }
    return s;
  }
  const flags = LLC_FLAGS[resp | (ctrl & LLC_IS_POLL)] ?? "?";
  const nr = (ctrl >> LLC_NR_SHIFT) & LLC_SEQ_MASK;
  if ((ctrl & LLC_S_FMT) === LLC_S_FMT) {
    return s + "Supervisory, " +
      (LLC_SUPERVISORY[(ctrl >> LLC_S_CMD_SHIFT) & LLC_S_CMD_MASK] ?? "?") + ", rcv seq " + nr +
      ", Flags [" + flags + "], length " + declared;
  }
  return s + "Information, send seq " + ((ctrl >> LLC_NS_SHIFT) & LLC_SEQ_MASK) + ", rcv seq " +
    nr + ", Flags [" + flags + "], length " + declared;
}
