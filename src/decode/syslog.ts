/** Syslog over UDP (RFC 3164, RFC 5424): the `<PRI>` prefix and the message. */

import { latin1 } from "./bytes.ts";

/** The `<` that opens the priority. */
export const SYSLOG_PRI_OPEN = 0x3c;
/** The `>` that closes it. */
export const SYSLOG_PRI_CLOSE = 0x3e;
/** Most decimal digits of the priority. */
export const SYSLOG_MAX_DIGITS = 3;
/** Facility bits of the priority. */
export const SYSLOG_FACILITY_MASK = 0x03f8;
/** Shift of the facility. */
export const SYSLOG_FACILITY_SHIFT = 3;
/** Severity bits of the priority. */
export const SYSLOG_SEVERITY_MASK = 0x07;
/** Smallest message the walker records (the `<`). */
export const SYSLOG_MINLEN = 1;

/** A syslog message's priority and where its text starts. */
export interface SyslogMessage {
  /** Facility (the priority's high bits). */
  facility: number;
  /** Severity (its low three bits). */
  severity: number;
  /** The text (as captured). */
  message: string;
  /** Offset of the text after `>`. */
  textAt: number;
}

/**
 * Where the text of the message at `[off, end)` starts, after `<digits>`; -1 when the message
 * does not start that way (invalid), -2 when the captured bytes end before the `>`.
 */
export function syslogTextAt(d: Uint8Array, off: number, end: number): number {
  if (off >= end) return -2;
  if (d[off] !== SYSLOG_PRI_OPEN) return -1;
  let i = off + 1;
  for (; i <= off + SYSLOG_MAX_DIGITS; i++) {
    if (i >= end) return -2;
    const c = d[i];
    if (c < 0x30 || c > 0x39) break;
  }
  if (i >= end) return -2;
  return d[i] === SYSLOG_PRI_CLOSE ? i + 1 : -1;
}

/** Reads the message at `[off, end)`, which {@link syslogTextAt} found valid. */
export function syslogMessage(d: Uint8Array, off: number, end: number): SyslogMessage {
  const textAt = syslogTextAt(d, off, end);
  let pri = 0;
  for (let i = off + 1; i < textAt - 1; i++) pri = pri * 10 + d[i] - 0x30;
  return {
    facility: (pri & SYSLOG_FACILITY_MASK) >> SYSLOG_FACILITY_SHIFT,
    severity: pri & SYSLOG_SEVERITY_MASK,
    message: syslogText(d, textAt, end),
    textAt,
  };
}

/** The text of the message from `textAt` to `end` (Latin-1, control characters kept). */
export function syslogText(d: Uint8Array, textAt: number, end: number): string {
  return latin1(d, textAt, end);
}
