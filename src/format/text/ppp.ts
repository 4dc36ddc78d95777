/**
 * Text of PPPoE (discovery tags, session header) and the PPP it carries (LCP, IPCP and IP6CP
 * with their options under -v, IPv4, IPv6), as tcpdump's print-pppoe.c and print-ppp.c print
 * them. tcpdump puts each -v detail of a control packet on a line of its own; rawcap joins
 * them with `, `.
 *
 * @module
 */

import { hex2, ipv4String, u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { ip6cpInterfaceId, isPppControl, pppProtoLen } from "../../decode/pppoe.ts";
import * as pppoeModule from "../../decode/pppoe.ts";
import { hex4, type PrintContext } from "./context.ts";
import { ipv4, ipv6 } from "./ip.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_IPV4, LAYER_IPV6, LAYER_PPP, LAYER_PPPOE } = frameModule;
const {
  CHAP_ALGORITHMS,
  IP6CP_OPTIONS,
  IP6CPOPT_IFID,
  IPCP_OPTIONS,
  IPCPOPT_ADDR,
  IPCPOPT_PRIDNS,
  IPCPOPT_PRINBNS,
  IPCPOPT_SECDNS,
  IPCPOPT_SECNBNS,
  LCP_OPTIONS,
  LCPOPT_ACCM,
  LCPOPT_AP,
  LCPOPT_MN,
  LCPOPT_MRU,
  PPP_CHAP,
  PPP_CP_CODES,
  PPP_CP_CONF_REJ,
  PPP_CP_CONF_REQ,
  PPP_CP_DISC_REQ,
  PPP_CP_ECHO_REQ,
  PPP_IP,
  PPP_IPCP,
  PPP_IPV6,
  PPP_LCP,
  PPP_PAP,
  PPP_PROTOS,
  PPPOE_CODES,
  PPPOE_TAGS,
} = numbersModule;
const {
  PPP_CP_CODE_AT,
  PPP_CP_DATA_AT,
  PPP_CP_ID_AT,
  PPP_CP_LEN_AT,
  PPP_CP_HLEN,
  PPP_OPT_DATA_AT,
  PPP_OPT_LEN_AT,
  PPP_PROTO_LEN,
  PPPOE_CODE_AT,
  PPPOE_HLEN,
  PPPOE_LEN_AT,
  PPPOE_SESSION_AT,
  PPPOE_TAG_HLEN,
  PPPOE_TAG_LEN_AT,
  PPPOE_TAG_TYPE_AT,
  PPPOE_TYPE_MASK,
  PPPOE_VER_SHIFT,
  PPPOE_VER_TYPE_AT,
} = pppoeModule;

/** Longest tag value tcpdump shows as text (MAXTAGPRINT - 1). */
const MAX_TAG_TEXT = 79;
/** Largest PADI payload tcpdump accepts without a warning (1484 - header). */
const PADI_MAX = 1484 - PPPOE_HLEN;
/** PPPoE code of PADI. */
const PADI = 0x09;

/** ` [Service-Name "isp"]`: one discovery tag, its value as text or in hex as tcpdump does. */
function tag(d: Uint8Array, type: number, v: number, len: number): string {
  const name = PPPOE_TAGS[type] ?? "TAG-0x" + type.toString(16);
  if (len === 0) return " [" + name + "]";
  let text = "", ascii = 0;
  for (let i = v; i < v + len && text.length < MAX_TAG_TEXT; i++) {
    const ch = d[i], ok = ch >= 0x20 && ch < 0x7f;
    text += ok ? String.fromCharCode(ch) : ".";
    if (ok) ascii++;
  }
  if (ascii > text.length - ascii) return " [" + name + ' "' + text + '"]';
  let hex = "";
  for (let i = v; i < v + len; i++) hex += hex2(d[i]).toUpperCase();
  return " [" + name + " 0x" + hex + "]";
}

/** The PPPoE layer `j` (tags or the PPP it carries). */
export function pppoe(c: PrintContext, j: number): string {
  const d = c.d;
  if (c.kind(j) !== LAYER_PPPOE) return c.link ? " [|pppoe]" : "[|pppoe]";
  const off = c.ds.start[j], vt = d[off + PPPOE_VER_TYPE_AT], code = d[off + PPPOE_CODE_AT];
  const ver = vt >> PPPOE_VER_SHIFT, type = vt & PPPOE_TYPE_MASK;
  const session = u16(d, off + PPPOE_SESSION_AT), len = u16(d, off + PPPOE_LEN_AT);
  let s = (ver !== 1 ? " [ver " + ver + "]" : "") + (type !== 1 ? " [type " + type + "]" : "");
  s += "PPPoE " + (PPPOE_CODES[code] ?? "PAD-" + code.toString(16));
  if (code === PADI && len > PADI_MAX) s += " [len " + len + "!]";
  if (session) s += " [ses 0x" + session.toString(16) + "]";
  if (code === 0) return s + " " + ppp(c, j + 1, len);
  const stop = off + PPPOE_HLEN + len;
  let t = 0xffff;
  // Each tag takes at least 4 octets, so the walk ends.
  for (let i = off + PPPOE_HLEN; t !== 0 && i < stop;) {
    if (i + PPPOE_TAG_HLEN > d.length) return s + " [|pppoe]";
    t = u16(d, i + PPPOE_TAG_TYPE_AT);
    const tlen = u16(d, i + PPPOE_TAG_LEN_AT), v = i + PPPOE_TAG_HLEN;
    if (v + tlen > d.length) return s + " [|pppoe]";
    s += tag(d, t, v, tlen);
    i = v + tlen;
  }
  return s;
}

/** The PPP layer `k`; `len` is the PPP packet's length (protocol field included). */
function ppp(c: PrintContext, k: number, len: number): string {
  if (c.kind(k) !== LAYER_PPP) return " [|ppp]";
  const ds = c.ds, proto = ds.next[k], off = ds.start[k], kind = c.kind(k + 1);
  let s = "";
  if (c.link) {
    s = (PPP_PROTOS[proto] ?? "unknown") + " (0x" + hex4(proto) + "), length " + len + ": ";
  }
  if (proto === PPP_IP) return s + (kind === LAYER_IPV4 ? ipv4(c, k + 1) : "IP  [|ip]");
  if (proto === PPP_IPV6) return s + (kind === LAYER_IPV6 ? ipv6(c, k + 1) : " [|ip6]");
  const pl = pppProtoLen(c.d, off);
  if (isPppControl(proto)) return s + control(c, off + pl, proto, len - pl);
  return s + (PPP_PROTOS[proto] ?? "unknown PPP protocol (0x" + hex4(proto) + ")");
}

/**
 * `LCP, Conf-Request (0x01), id 1, length 16` for the control packet at `off` (`length` octets
 * after the protocol field) and, with -v, its options or magic number.
 */
function control(c: PrintContext, off: number, proto: number, length: number): string {
  const d = c.d;
  let s = PPP_PROTOS[proto] + ", ";
  if (length < PPP_CP_HLEN || off + PPP_CP_LEN_AT > d.length) return s + " [|ppp]";
  const code = d[off + PPP_CP_CODE_AT];
  s += (PPP_CP_CODES[code] ?? "Unknown Opcode") + " (0x" + hex2(code) + "), id " +
    d[off + PPP_CP_ID_AT] + ", length " + (length + PPP_PROTO_LEN);
  if (!c.verbose) return s;
  if (off + PPP_CP_DATA_AT > d.length) return s + " [|ppp]";
  const len = u16(d, off + PPP_CP_LEN_AT);
  s += ", encoded length " + len + " (=Option(s) length " + (len - PPP_CP_HLEN) + ")";
  const data = off + PPP_CP_DATA_AT, end = off + len;
  if (code >= PPP_CP_CONF_REQ && code <= PPP_CP_CONF_REJ) {
    // Each option takes at least 2 octets (a shorter one stops the walk), so the walk ends.
    for (let i = data; i < end;) {
      if (i + PPP_OPT_DATA_AT > d.length || i + d[i + PPP_OPT_LEN_AT] > d.length) {
        return s + "[|" + PPP_PROTOS[proto].toLowerCase() + "]";
      }
      const r = option(d, proto, i, end - i);
      s += r.text;
      if (r.size === 0) return s + " (invalid)";
      i += r.size;
    }
  } else if (code >= PPP_CP_ECHO_REQ && code <= PPP_CP_DISC_REQ && length >= 8) {
    if (data + 4 > d.length) return s + " [|ppp]";
    s += ", Magic-Num 0x" + u32(d, data).toString(16).padStart(8, "0");
  }
  return s;
}

/** Reused result of {@link option}. */
const OPT = { text: "", size: 0 };

/** One LCP, IPCP or IP6CP option at `i` (`room` octets left); size 0 stops the walk. */
function option(d: Uint8Array, proto: number, i: number, room: number): typeof OPT {
  const opt = d[i], len = d[i + PPP_OPT_LEN_AT], v = i + PPP_OPT_DATA_AT;
  OPT.size = room < PPP_OPT_DATA_AT ? 0 : len < PPP_OPT_DATA_AT ? 0 : len;
  if (proto === PPP_LCP) {
    const name = LCP_OPTIONS[opt];
    if (name === undefined) {
      OPT.text = ", unknown LCP option 0x" + hex2(opt);
      return OPT;
    }
    OPT.text = ", " + name + " Option (0x" + hex2(opt) + "), length " + len;
    if (len < PPP_OPT_DATA_AT) OPT.text += " (length bogus, should be >= 2)";
    else if (opt === LCPOPT_MRU) {
      OPT.text += len === 4 ? ": " + u16(d, v) : " (length bogus, should be = 4)";
    } else if (opt === LCPOPT_ACCM || opt === LCPOPT_MN) {
      OPT.text += len === 6
        ? ": 0x" + u32(d, v).toString(16).padStart(8, "0")
        : " (length bogus, should be = 6)";
    } else if (opt === LCPOPT_AP && len >= 4) {
      const ap = u16(d, v);
      if (ap === PPP_PAP) OPT.text += ": PAP";
      else if (ap === PPP_CHAP) {
        OPT.text += ": CHAP";
        if (len >= 5) {
          const alg = d[v + PPP_PROTO_LEN];
          OPT.text += ", " + (CHAP_ALGORITHMS[alg] ?? "Unknown Auth Alg " + alg);
        }
      } else OPT.text += ": unknown";
    }
    return OPT;
  }
  const names = proto === PPP_IPCP ? IPCP_OPTIONS : IP6CP_OPTIONS;
  OPT.text = ", " + (names[opt] ?? "unknown") + " Option (0x" + hex2(opt) + "), length " + len;
  if (len < PPP_OPT_DATA_AT) OPT.text += " (length bogus, should be >= 2)";
  else if (proto === PPP_IPCP) {
    const addr = opt === IPCPOPT_ADDR || opt === IPCPOPT_PRIDNS || opt === IPCPOPT_PRINBNS ||
      opt === IPCPOPT_SECDNS || opt === IPCPOPT_SECNBNS;
    if (addr) OPT.text += len === 6 ? ": " + ipv4String(d, v) : " (length bogus, should be = 6)";
  } else if (opt === IP6CPOPT_IFID && len === 10) {
    OPT.text += ": " + ip6cpInterfaceId(d, v);
  }
  return OPT;
}
