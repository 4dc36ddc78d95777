/**
 * Text of 802.1X EAPOL and EAP, as tcpdump's print-eap.c prints them; the EAP type that tcpdump
 * puts on a continuation line under -v follows on the same line.
 *
 * @module
 */

import { hex2, u16, u32 } from "../../decode/bytes.ts";
import * as eapolModule from "../../decode/eapol.ts";
import * as numbersModule from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";
import { printjnp } from "./lldp.ts";
import { bitNames } from "./stp.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const {
  EAP_CODES,
  EAP_REQUEST,
  EAP_RESPONSE,
  EAP_SIM_SUBTYPES,
  EAP_TLS_FLAGS,
  EAP_TYPE_AKA,
  EAP_TYPE_FAST,
  EAP_TYPE_IDENTITY,
  EAP_TYPE_NAK,
  EAP_TYPE_NOTIFICATION,
  EAP_TYPE_SIM,
  EAP_TYPE_TLS,
  EAP_TYPE_TTLS,
  EAP_TYPES,
  EAPOL_EAP,
  EAPOL_TYPES,
} = numbersModule;
const {
  EAP_CODE_AT,
  EAP_DATA_AT,
  EAP_HLEN,
  EAP_ID_AT,
  EAP_LEN_AT,
  EAP_TLS_L_BIT,
  EAP_TLS_LEN_AT,
  EAP_TLS_LEN_END,
  EAP_TLS_VERSION_MASK,
  EAP_TYPE_AT,
  EAPOL_HLEN,
  EAPOL_LEN_AT,
  EAPOL_TYPE_AT,
  EAPOL_VERSION_AT,
} = eapolModule;

const TRUNC = " [|eap]";

const eapType = (t: number) => (EAP_TYPES[t] ?? "unknown") + " (" + t + ")";

/** The EAPOL layer `j`, or the marker when its header was not captured (`j` past the layers). */
export function eapol(c: PrintContext, j: number): string {
  if (j >= c.ds.count) return TRUNC;
  const d = c.d, off = c.ds.start[j], end = c.ds.end[j];
  const type = d[off + EAPOL_TYPE_AT], length = u16(d, off + EAPOL_LEN_AT);
  const s = (EAPOL_TYPES[type] ?? "unknown") + " (" + type + ") v" + d[off + EAPOL_VERSION_AT] +
    ", len " + length;
  if (!c.verbose || type !== EAPOL_EAP) return s;
  if (length === 0) return s + TRUNC;
  return s + eap(d, off + EAPOL_HLEN, end, length);
}

/** An EAP packet at `e` that EAPOL says is `length` octets. */
function eap(d: Uint8Array, e: number, end: number, length: number): string {
  // tcpdump prints the separator before reading the EAP header.
  if (e + EAP_HLEN > end) return ", " + TRUNC;
  const code = d[e + EAP_CODE_AT], len = u16(d, e + EAP_LEN_AT);
  if (len !== length) return ", EAP fragment?";
  let s = ", " + (EAP_CODES[code] ?? "unknown") + " (" + code + "), id " + d[e + EAP_ID_AT] +
    ", len " + len;
  if (code !== EAP_REQUEST && code !== EAP_RESPONSE) return s;
  if (len < EAP_DATA_AT) return s + " (too short for EAP request/response)";
  if (e + len > end) return s + TRUNC;
  const t = d[e + EAP_TYPE_AT], data = e + EAP_DATA_AT;
  s += " Type " + eapType(t);
  switch (t) {
    case EAP_TYPE_IDENTITY:
      return len > EAP_DATA_AT ? s + ", Identity: " + printjnp(d, data, len - EAP_DATA_AT) : s;
    case EAP_TYPE_NOTIFICATION:
      return len > EAP_DATA_AT ? s + ", Notification: " + printjnp(d, data, len - EAP_DATA_AT) : s;
    case EAP_TYPE_NAK: {
      if (len <= EAP_DATA_AT) return s + " (too short for EAP Legacy NAK request/response)";
      let list = "";
      for (let i = data; i < e + len; i++) list += (list ? ", " : " ") + eapType(d[i]);
      return s + list;
    }
    case EAP_TYPE_TLS:
    case EAP_TYPE_TTLS:
    case EAP_TYPE_FAST: {
      const what = t === EAP_TYPE_FAST ? "EAP FAST" : "EAP TLS/TTLS";
      if (len <= EAP_DATA_AT) return s + " (too short for " + what + " request/response)";
      const f = d[data];
      if (t === EAP_TYPE_TTLS) s += " TTLSv" + (f & EAP_TLS_VERSION_MASK);
      if (t === EAP_TYPE_FAST) s += " FASTv" + (f & EAP_TLS_VERSION_MASK);
      s += " flags [" + bitNames(EAP_TLS_FLAGS, f, true) + "] 0x" + hex2(f);
      if ((f & EAP_TLS_L_BIT) === 0) return s;
      if (len < EAP_TLS_LEN_END) {
        return s + " (too short for " + what + " request/response with length)";
      }
      return s + ", len " + u32(d, e + EAP_TLS_LEN_AT);
    }
    case EAP_TYPE_SIM:
    case EAP_TYPE_AKA:
      if (len <= EAP_DATA_AT) return s + " (too short for EAP SIM/AKA request/response)";
      return s + " subtype [" + (EAP_SIM_SUBTYPES[d[data]] ?? "unknown") + "] 0x" + hex2(d[data]);
    default:
      return s;
  }
}
