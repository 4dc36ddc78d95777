/** Big-endian readers and address formatting shared by the decoders. Callers bounds-check. */

const HEX2: string[] = [];
const DEC: string[] = [];
for (let i = 0; i < 256; i++) {
  HEX2.push(i.toString(16).padStart(2, "0"));
  DEC.push(String(i));
}

/** Two lowercase hex digits for a byte. */
export function hex2(b: number): string {
  return HEX2[b & 0xff];
}

/** Unsigned 16-bit big-endian value at `off`. */
export function u16(d: Uint8Array, off: number): number {
  return (d[off] << 8) | d[off + 1];
}

/** Unsigned 32-bit big-endian value at `off`. */
export function u32(d: Uint8Array, off: number): number {
  return ((d[off] << 24) | (d[off + 1] << 16) | (d[off + 2] << 8) | d[off + 3]) >>> 0;
}

/** `aa:bb:cc:dd:ee:ff` for the 6 bytes at `off`. */
export function macString(d: Uint8Array, off: number): string {
  return HEX2[d[off]] + ":" + HEX2[d[off + 1]] + ":" + HEX2[d[off + 2]] + ":" +
    HEX2[d[off + 3]] + ":" + HEX2[d[off + 4]] + ":" + HEX2[d[off + 5]];
}

/** Dotted quad for the 4 bytes at `off`. */
export function ipv4String(d: Uint8Array, off: number): string {
  return DEC[d[off]] + "." + DEC[d[off + 1]] + "." + DEC[d[off + 2]] + "." + DEC[d[off + 3]];
}

/** Colon-separated lowercase hex bytes (hardware addresses of any length). */
export function hwString(d: Uint8Array, off: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += (i ? ":" : "") + HEX2[d[off + i]];
  return s;
}

/** RFC 5952 text form of the 16 bytes at `off` (`::ffff:a.b.c.d` for IPv4-mapped). */
export function ipv6String(d: Uint8Array, off: number): string {
  let bestStart = -1, bestLen = 0, runStart = -1;
  for (let i = 0; i < 8; i++) {
    const zero = d[off + 2 * i] === 0 && d[off + 2 * i + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = i;
      const len = i - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else runStart = -1;
  }
  if (bestLen < 2) bestStart = -1;
  if (bestStart === 0 && bestLen === 5 && u16(d, off + 10) === 0xffff) {
    return "::ffff:" + ipv4String(d, off + 12);
  }
  let s = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += "::";
      i += bestLen - 1;
      continue;
    }
    if (s !== "" && !s.endsWith(":")) s += ":";
    s += u16(d, off + 2 * i).toString(16);
  }
  return s;
}
