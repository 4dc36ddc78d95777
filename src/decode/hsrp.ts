/** HSRP (RFC 2281): Cisco's Hot Standby Router Protocol, version 0 (and 1), over UDP port 1985. */
import { ipv4String } from "./bytes.ts";

/** Offset of the version. */
export const HSRP_VERSION_AT = 0;
/** Offset of the op code. */
export const HSRP_OPCODE_AT = 1;
/** Offset of the state. */
export const HSRP_STATE_AT = 2;
/** Offset of the hello time, in seconds. */
export const HSRP_HELLOTIME_AT = 3;
/** Offset of the hold time, in seconds. */
export const HSRP_HOLDTIME_AT = 4;
/** Offset of the priority. */
export const HSRP_PRIORITY_AT = 5;
/** Offset of the group. */
export const HSRP_GROUP_AT = 6;
/** Offset of the reserved octet. */
export const HSRP_RESERVED_AT = 7;
/** Offset of the authentication data. */
export const HSRP_AUTH_AT = 8;
/** Octets of the authentication data. */
export const HSRP_AUTH_LEN = 8;
/** Offset of the virtual IPv4 address. */
export const HSRP_VADDR_AT = 16;
/** The whole message, in octets. */
export const HSRP_HLEN = 20;
/** Octets needed before the layer is recorded. */
export const HSRP_MINLEN = 1;

/** A decoded HSRP message. */
export interface HsrpMessage {
  /** Version (0; 1 is carried as it is). */
  version: number;
  /** Op code (0 hello, 1 coup, 2 resign); this and the rest only when the whole message is there. */
  opcode?: number;
  /** State (0 initial .. 16 active). */
  state?: number;
  /** Hello time, seconds. */
  helloTime?: number;
  /** Hold time, seconds. */
  holdTime?: number;
  /** Priority. */
  priority?: number;
  /** Group. */
  group?: number;
  /** Virtual IPv4 address, dotted. */
  virtualIp?: string;
  /** Authentication data up to its first NUL. */
  auth?: string;
}

/** The authentication data at `off` up to its first NUL, as Latin-1 text. */
export function hsrpAuth(d: Uint8Array, off: number): string {
  let s = "";
  for (let i = 0; i < HSRP_AUTH_LEN; i++) {
    const ch = d[off + HSRP_AUTH_AT + i];
    if (ch === 0) break;
    s += String.fromCharCode(ch);
  }
  return s;
}

/** Reads the HSRP message at `off` (needs 1 octet; the rest when `end` allows all 20). */
export function hsrpMessage(d: Uint8Array, off: number, end: number): HsrpMessage {
  const m: HsrpMessage = { version: d[off + HSRP_VERSION_AT] };
  if (off + HSRP_HLEN > end) return m;
  m.opcode = d[off + HSRP_OPCODE_AT];
  m.state = d[off + HSRP_STATE_AT];
  m.helloTime = d[off + HSRP_HELLOTIME_AT];
  m.holdTime = d[off + HSRP_HOLDTIME_AT];
  m.priority = d[off + HSRP_PRIORITY_AT];
  m.group = d[off + HSRP_GROUP_AT];
  m.virtualIp = ipv4String(d, off + HSRP_VADDR_AT);
  m.auth = hsrpAuth(d, off);
  return m;
}
