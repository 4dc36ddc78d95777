/** The SSH protocol version exchange (RFC 4253 section 4.2) over TCP port 22: the banner line. */
import { latin1 } from "./bytes.ts";
import { TXT_CR, TXT_LF, TXT_MAX_LINE, txtPrintable } from "./http.ts";

/** The banner's opening `SSH-`. */
export const SSH_BANNER_PREFIX = "SSH-";

/**
 * Where the banner line at `off` ends (its CR or LF) when the captured bytes before `end` hold a
 * whole printable line starting `SSH-`; -1 otherwise.
 */
export function sshBannerEnd(d: Uint8Array, off: number, end: number): number {
  const stop = Math.min(end, d.length, off + TXT_MAX_LINE);
  if (off + SSH_BANNER_PREFIX.length > stop) return -1;
  for (let i = 0; i < SSH_BANNER_PREFIX.length; i++) {
    if (d[off + i] !== SSH_BANNER_PREFIX.charCodeAt(i)) return -1;
  }
  for (let i = off + SSH_BANNER_PREFIX.length; i < stop; i++) {
    const c = d[i];
    if (c === TXT_LF) return i;
    if (c === TXT_CR) return i + 1 < stop && d[i + 1] === TXT_LF ? i : -1;
    if (!txtPrintable(c)) return -1;
  }
  return -1;
}

/** The SSH banner. */
export interface SshBanner {
  /** The banner line without its line end. */
  banner: string;
}

/** The banner at `off`, or undefined (see `sshBannerEnd`). */
export function sshBanner(d: Uint8Array, off: number, end: number): SshBanner | undefined {
  const e = sshBannerEnd(d, off, end);
  if (e < 0) return undefined;
  return { banner: latin1(d, off, e) };
}
