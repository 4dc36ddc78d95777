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

/** Character codes of the two hex digits of each byte: byte b at 2b and 2b + 1. */
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_CODES[2 * i] = HEX2[i].charCodeAt(0);
  HEX_CODES[2 * i + 1] = HEX2[i].charCodeAt(1);
}
const COLON = 0x3a;
const fromCharCode = String.fromCharCode;

/** The 6 octets at `off` as one number (exact, below 2^48): a key for tables of MAC addresses. */
export function mac48(d: Uint8Array, off: number): number {
  return ((d[off] << 8) | d[off + 1]) * 0x100000000 + u32(d, off + 2);
}

/**
 * `aa:bb:cc:dd:ee:ff` for the 6 bytes at `off`: remembered as addresses are (below), else one
 * flat string made at once (joining 11 pieces made 10 strings, most of them garbage at once).
 */
export function macString(d: Uint8Array, off: number): string {
  const hi = (d[off] << 8) | d[off + 1], lo = u32(d, off + 2), slot = slotOf(lo ^ hi);
  if (macHi[slot] === hi && macLo[slot] === lo) return macText[slot];
  const s = macText6(d, off);
  macHi[slot] = hi;
  macLo[slot] = lo;
  macText[slot] = s;
  return s;
}

function macText6(d: Uint8Array, off: number): string {
  const a = d[off] << 1, b = d[off + 1] << 1, c = d[off + 2] << 1;
  const e = d[off + 3] << 1, f = d[off + 4] << 1, g = d[off + 5] << 1;
  const h = HEX_CODES;
  return fromCharCode(
    h[a],
    h[a + 1],
    COLON,
    h[b],
    h[b + 1],
    COLON,
    h[c],
    h[c + 1],
    COLON,
    h[e],
    h[e + 1],
    COLON,
    h[f],
    h[f + 1],
    COLON,
    h[g],
    h[g + 1],
  );
}

/** Octets per String.fromCharCode call in {@link latin1} (well under any argument limit). */
const LATIN1_CHUNK = 4096;

/**
 * The octets in [from, to) of `d` as a string, one UTF-16 unit per octet (Latin-1), made in
 * one piece: adding one character at a time made a string per character. Positions past the
 * end of `d` give U+0000, as `String.fromCharCode(d[i])` does for them.
 */
export function latin1(d: Uint8Array, from: number, to: number): string {
  if (to <= from) return "";
  const have = Math.min(to, d.length);
  let s = "";
  for (let i = from; i < have; i += LATIN1_CHUNK) {
    const part = d.subarray(i, Math.min(have, i + LATIN1_CHUNK));
    s += fromCharCode.apply(null, part as unknown as number[]);
  }
  return to > have ? s + "\0".repeat(to - Math.max(from, have)) : s;
}

/**
 * Recently printed addresses, direct-mapped by a hash of their bytes: traffic repeats its
 * addresses, and a hit makes no string at all. Keys are -1 while a slot is empty.
 */
const ADDR_SLOTS = 1024;
const v4Keys = new Float64Array(ADDR_SLOTS).fill(-1);
const v4Text: string[] = new Array(ADDR_SLOTS).fill("");
const v6Keys = new Float64Array(ADDR_SLOTS * 4).fill(-1);
const v6Text: string[] = new Array(ADDR_SLOTS).fill("");
const macHi = new Int32Array(ADDR_SLOTS).fill(-1);
const macLo = new Uint32Array(ADDR_SLOTS);
const macText: string[] = new Array(ADDR_SLOTS).fill("");

/** Slot of a 32-bit key. */
function slotOf(k: number): number {
  return (k ^ (k >>> 10) ^ (k >>> 20)) & (ADDR_SLOTS - 1);
}

/** Dotted quad for the 4 bytes at `off`. */
export function ipv4String(d: Uint8Array, off: number): string {
  const k = u32(d, off), slot = slotOf(k);
  if (v4Keys[slot] === k) return v4Text[slot];
  // join makes one flat string.
  const s = [DEC[d[off]], DEC[d[off + 1]], DEC[d[off + 2]], DEC[d[off + 3]]].join(".");
  v4Keys[slot] = k;
  v4Text[slot] = s;
  return s;
}

/** Colon-separated lowercase hex bytes (hardware addresses of any length). */
export function hwString(d: Uint8Array, off: number, len: number): string {
  let s = "";
  for (let i = 0; i < len; i++) s += (i ? ":" : "") + HEX2[d[off + i]];
  return s;
}

/** RFC 5952 text form of the 16 bytes at `off` (`::ffff:a.b.c.d` for IPv4-mapped). */
export function ipv6String(d: Uint8Array, off: number): string {
  const k0 = u32(d, off), k1 = u32(d, off + 4), k2 = u32(d, off + 8), k3 = u32(d, off + 12);
  const slot = slotOf(k0 ^ k1 ^ k2 ^ k3), at = slot * 4;
  if (
    v6Keys[at] === k0 && v6Keys[at + 1] === k1 && v6Keys[at + 2] === k2 && v6Keys[at + 3] === k3
  ) {
    return v6Text[slot];
  }
  const s = ipv6Text(d, off);
  v6Keys[at] = k0;
  v6Keys[at + 1] = k1;
  v6Keys[at + 2] = k2;
  v6Keys[at + 3] = k3;
  v6Text[slot] = s;
  return s;
}

function ipv6Text(d: Uint8Array, off: number): string {
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
