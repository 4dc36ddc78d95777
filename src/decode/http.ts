/**
 * Text protocols with a start line (HTTP/1.x over TCP ports 80 and 8080, SIP over UDP port 5060):
 * the request line `METHOD SP URI SP VERSION CRLF` or the status line
 * `VERSION SP CODE SP REASON CRLF` at the start of the payload.
 */

import { latin1 } from "./bytes.ts";

/** Line feed. */
export const TXT_LF = 0x0a;
/** Carriage return. */
export const TXT_CR = 0x0d;
/** Space. */
export const TXT_SP = 0x20;
/** Horizontal tab. */
export const TXT_TAB = 0x09;
/** Lowest printable ASCII octet. */
export const TXT_PRINT_MIN = 0x20;
/** Highest printable ASCII octet. */
export const TXT_PRINT_MAX = 0x7e;
/** Digit zero. */
export const TXT_DIGIT_0 = 0x30;
/** Digit nine. */
export const TXT_DIGIT_9 = 0x39;
/** Digits in a status code. */
export const TXT_CODE_LEN = 3;
/** Longest start line read, in octets. */
export const TXT_MAX_LINE = 8192;
/** The version prefix of an HTTP line. */
export const HTTP_VERSION_PREFIX = "HTTP/";
/** The version prefix of a SIP line. */
export const SIP_VERSION_PREFIX = "SIP/";

/** True for a printable ASCII octet (space to tilde). */
export function txtPrintable(c: number): boolean {
  return c >= TXT_PRINT_MIN && c <= TXT_PRINT_MAX;
}

/** True for an ASCII digit. */
export function txtDigit(c: number): boolean {
  return c >= TXT_DIGIT_0 && c <= TXT_DIGIT_9;
}

/** A request or status line. */
export interface StartLine {
  /** The protocol version, e.g. `HTTP/1.1`. */
  version: string;
  /** Request: the method. */
  method?: string;
  /** Request: the request URI. */
  uri?: string;
  /** Status: the code. */
  status?: number;
  /** Status: the reason phrase. */
  reason?: string;
}

/**
 * The start line of the text at `off` (bytes before `end` captured), or undefined when it is not a
 * whole printable line ending in CRLF or LF that is a request (a method in `methods`) or a status
 * line with the version prefix `prefix`.
 */
export function startLine(
  d: Uint8Array,
  off: number,
  end: number,
  prefix: string,
  methods: readonly string[],
): StartLine | undefined {
  const stop = Math.min(end, d.length, off + TXT_MAX_LINE);
  let eol = -1;
  for (let i = off; i < stop; i++) {
    const c = d[i];
    if (c === TXT_LF) {
      eol = i;
      break;
    }
    if (c === TXT_CR) {
      if (i + 1 < stop && d[i + 1] === TXT_LF) eol = i;
      break;
    }
    if (!txtPrintable(c)) return undefined;
  }
  if (eol <= off) return undefined;
  const line = latin1(d, off, eol);
  const sp1 = line.indexOf(" ");
  if (sp1 <= 0) return undefined;
  const first = line.slice(0, sp1);
  if (first.startsWith(prefix)) {
    const sp2 = line.indexOf(" ", sp1 + 1);
    const code = sp2 < 0 ? line.slice(sp1 + 1) : line.slice(sp1 + 1, sp2);
    if (code.length !== TXT_CODE_LEN) return undefined;
    for (let i = 0; i < TXT_CODE_LEN; i++) if (!txtDigit(code.charCodeAt(i))) return undefined;
    return {
      version: first,
      status: Number(code),
      reason: sp2 < 0 ? "" : line.slice(sp2 + 1),
    };
  }
  if (!methods.includes(first)) return undefined;
  const sp2 = line.lastIndexOf(" ");
  if (sp2 <= sp1) return undefined;
  const version = line.slice(sp2 + 1);
  if (!version.startsWith(prefix)) return undefined;
  return { version, method: first, uri: line.slice(sp1 + 1, sp2) };
}
