/**
 * Application hints (issue 15, family 5): the text tcpdump 4.99 prints for HTTP (TCP ports 80 and
 * 8080), SSH (TCP port 22) and SIP (UDP port 5060). HTTP and SIP follow its `txtproto_print`: the
 * first line when it is a request or a status line, every text line with -v (tcpdump puts each on
 * a tab-indented line; rawcap keeps them on the line, one space for each line break).
 */
import { latin1 } from "../../decode/bytes.ts";
import {
  TXT_CODE_LEN,
  TXT_CR,
  TXT_LF,
  TXT_SP,
  TXT_TAB,
  txtDigit,
  txtPrintable,
} from "../../decode/http.ts";
import { SSH_BANNER_PREFIX } from "../../decode/ssh.ts";
import { HTTP_METHODS, SIP_METHODS } from "../../decode/numbers.ts";
import type { PrintContext } from "./context.ts";

/** Longest token tcpdump's `fetch_token` keeps (MAX_TOKEN), plus its terminator. */
const TOKEN_BUF = 129;
/** ASCII octets are below this. */
const ASCII_END = 0x80;

/** A text reader over `len` octets at `start`, of which those before `cap` were captured. */
class Txt {
  constructor(readonly d: Uint8Array, readonly start: number, readonly len: number) {}
  get cap(): number {
    return Math.min(this.d.length, this.start + this.len);
  }
  /** tcpdump's `fetch_token`: the token at `idx` into `tok`, the index after it, 0 for none. */
  token(idx: number, tok: { s: string }): number {
    const d = this.d, cap = this.cap;
    let s = "";
    for (; idx < this.len; idx++) {
      if (this.start + idx >= cap) return 0;
      const c = d[this.start + idx];
      if (c >= ASCII_END) return 0;
      if (c === TXT_SP || c === TXT_TAB || c === TXT_CR || c === TXT_LF) break;
      if (!txtPrintable(c)) return 0;
      if (s.length + 2 > TOKEN_BUF) return 0;
      s += String.fromCharCode(c);
    }
    if (s === "") return 0;
    tok.s = s;
    for (; idx < this.len; idx++) {
      if (this.start + idx >= cap) break;
      const c = d[this.start + idx];
      if (c === TXT_CR || c === TXT_LF || !txtPrintable(c)) break;
      if (c !== TXT_SP && c !== TXT_TAB) break;
    }
    return idx;
  }
  /**
   * tcpdump's `print_txt_line`: the line at `idx` after `prefix` and the index after its end (0
   * to stop); `trunc` when a read went past the capture (tcpdump gives up on the packet).
   */
  line(prefix: string, idx: number, proto: string): { s: string; next: number; trunc: boolean } {
    const d = this.d, cap = this.cap, from = idx;
    const text = (to: number) => prefix + latin1(d, this.start + from, this.start + to);
    while (idx < this.len) {
      if (this.start + idx >= cap) return { s: "", next: 0, trunc: true };
      const c = d[this.start + idx];
      if (c === TXT_LF) return { s: text(idx), next: idx + 1, trunc: false };
      if (c === TXT_CR) {
        if (idx + 1 >= this.len) return { s: "", next: 0, trunc: false };
        if (this.start + idx + 1 >= cap) return { s: "", next: 0, trunc: true };
        if (d[this.start + idx + 1] === TXT_LF) {
          return { s: text(idx), next: idx + 2, trunc: false };
        }
        return { s: "", next: 0, trunc: false };
      }
      if (!txtPrintable(c) && c !== TXT_TAB) return { s: "", next: 0, trunc: false };
      idx++;
    }
    return { s: text(idx) + " [|" + proto + "]", next: 0, trunc: false };
  }
}

/** tcpdump's `txtproto_print` with RESP_CODE_SECOND_TOKEN, for `proto` named in capitals. */
function txtproto(
  c: PrintContext,
  start: number,
  len: number,
  cmds: readonly string[],
  proto: string,
): string {
  const t = new Txt(c.d, start, len), tok = { s: "" };
  let printThis = false;
  let idx = t.token(0, tok);
  if (idx !== 0) {
    const first = tok.s.toUpperCase();
    if (cmds.includes(first)) printThis = true;
    tok.s = "";
    idx = t.token(idx, tok);
    if (idx !== 0) {
      const k = tok.s;
      if (
        k.length === TXT_CODE_LEN && txtDigit(k.charCodeAt(0)) && txtDigit(k.charCodeAt(1)) &&
        txtDigit(k.charCodeAt(2))
      ) printThis = true;
    }
  }
  const name = proto.toLowerCase();
  let s = proto;
  if (!printThis) return s;
  if (!c.verbose) {
    const l = t.line(": ", 0, name);
    if (l.trunc) c.earlyEnd = true;
    return s + (l.trunc ? " [|" + name + "]" : l.s);
  }
  s += ", length: " + len;
  for (let idx = 0, n = 0; idx < len && n <= len; n++) {
    const l = t.line(" ", idx, name);
    if (l.trunc) {
      c.earlyEnd = true;
      return s + " [|" + name + "]";
    }
    s += l.s;
    if (l.next === 0) break;
    idx = l.next;
  }
  return s.trimEnd();
}

/** HTTP: the text after the TCP part of a segment with `len` octets of data at `start`. */
export function http(c: PrintContext, start: number, len: number): string {
  return ": " + txtproto(c, start, len, HTTP_METHODS, "HTTP");
}

/** SIP: the text after the ports of a datagram with `len` octets of payload at `start`. */
export function sip(c: PrintContext, start: number, len: number): string {
  return txtproto(c, start, len, SIP_METHODS, "SIP");
}

/** SSH: the banner after the TCP part, as tcpdump's `ssh_print_version`. */
export function ssh(c: PrintContext, start: number, len: number): string {
  const d = c.d, cap = Math.min(d.length, start + len);
  const trunc = () => {
    c.earlyEnd = true;
    return " [|ssh]";
  };
  const n = SSH_BANNER_PREFIX.length;
  for (let i = 0; i < n; i++) {
    if (start + i >= cap) return trunc();
    if (d[start + i] !== SSH_BANNER_PREFIX.charCodeAt(i)) return "";
  }
  for (let idx = n; idx < len; idx++) {
    if (start + idx >= cap) return trunc();
    const ch = d[start + idx];
    let eol = ch === TXT_LF;
    if (ch === TXT_CR) {
      if (idx + 1 >= len) return "";
      if (start + idx + 1 >= cap) return trunc();
      if (d[start + idx + 1] !== TXT_LF) return "";
      eol = true;
    } else if (!eol && !txtPrintable(ch)) return "";
    if (eol) {
      return ": SSH: " + latin1(d, start, start + idx);
    }
  }
  return "";
}
