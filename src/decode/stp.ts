/**
 * Spanning tree BPDUs (IEEE 802.1D, 802.1w RSTP, 802.1s MSTP), sent over LLC SAP 0x42 or, as
 * Cisco PVST+, over SNAP.
 *
 * @module
 */

import { macString, u16, u32 } from "./bytes.ts";
import {
  STP_BPDU_CONFIG,
  STP_BPDU_RSTP,
  STP_BPDU_TCN,
  STP_PROTO_ID,
  STP_PROTO_MULTI,
  STP_PROTO_RAPID,
  STP_PROTO_SPB,
} from "./numbers.ts";

/** Offset of the protocol identifier (0). */
export const STP_PROTO_AT = 0;
/** Offset of the protocol version. */
export const STP_VERSION_AT = 2;
/** Offset of the BPDU type. */
export const STP_TYPE_AT = 3;
/** Offset of the flags. */
export const STP_FLAGS_AT = 4;
/** Offset of the root bridge id (priority, then MAC); the CIST root in MSTP. */
export const STP_ROOT_ID_AT = 5;
/** Offset of the root path cost; the CIST external root path cost in MSTP. */
export const STP_ROOT_COST_AT = 13;
/** Offset of the bridge id; the CIST regional root in MSTP. */
export const STP_BRIDGE_ID_AT = 17;
/** Offset of the port id. */
export const STP_PORT_AT = 25;
/** Offset of the message age (1/256 s). */
export const STP_AGE_AT = 27;
/** Offset of the max age (1/256 s). */
export const STP_MAX_AGE_AT = 29;
/** Offset of the hello time (1/256 s). */
export const STP_HELLO_AT = 31;
/** Offset of the forward delay (1/256 s). */
export const STP_FWD_DELAY_AT = 33;
/** Octets of the common BPDU header (protocol, version, type). */
export const STP_MIN_LEN = 4;
/** Octets of a configuration BPDU. */
export const STP_CONFIG_LEN = 35;
/** Octets of an RST BPDU (a configuration BPDU and the version 1 length). */
export const STP_RSTP_LEN = 36;
/** Octets in a bridge id: a 16-bit priority and a MAC address. */
export const STP_BRIDGE_ID_LEN = 8;
/** Offset of the MAC address in a bridge id. */
export const STP_BRIDGE_MAC_AT = 2;
/** Bridge id priority bits; the rest is the system id extension (the VLAN or MSTI). */
export const STP_PRIO_MASK = 0xf000;
/** Shift of the priority bits of a bridge id priority. */
export const STP_PRIO_SHIFT = 12;
/** The system id extension of a bridge id priority. */
export const STP_SYSID_MASK = 0xfff;
/** Time fields count in 1/256 s. */
export const STP_TIME_BASE = 256;
/** The port role bits of the flags. */
export const STP_PORT_ROLE_MASK = 0x0c;
/** Shift of the port role bits. */
export const STP_PORT_ROLE_SHIFT = 2;

/** MSTP: offset of the version 3 length. */
export const MST_V3_LEN_AT = 36;
/** MSTP: octets before the version 3 part (the version 3 length counts what follows them). */
export const MST_V3_START = 38;
/** MSTP: offset of the MST configuration name. */
export const MST_NAME_AT = 39;
/** MSTP: octets of the configuration name. */
export const MST_NAME_LEN = 32;
/** MSTP: offset of the configuration revision. */
export const MST_REV_AT = 71;
/** MSTP: offset of the configuration digest. */
export const MST_DIGEST_AT = 73;
/** MSTP: octets of the configuration digest. */
export const MST_DIGEST_LEN = 16;
/** MSTP: offset of the CIST internal root path cost. */
export const MST_INT_COST_AT = 89;
/** MSTP: offset of the CIST bridge id. */
export const MST_BRIDGE_ID_AT = 93;
/** MSTP: offset of the CIST remaining hops. */
export const MST_HOPS_AT = 101;
/** MSTP: offset of the first MSTI configuration message. */
export const MST_MSTI_AT = 102;
/** MSTP: octets of the version 3 part before the MSTI messages. */
export const MST_CONFIG_INFO_LEN = 64;
/** MSTI message: offset of the flags. */
export const MSTI_FLAGS_AT = 0;
/** MSTI message: offset of the regional root id (its priority carries the MSTI id). */
export const MSTI_ROOT_AT = 1;
/** MSTI message: offset of the internal root path cost. */
export const MSTI_COST_AT = 9;
/** MSTI message: offset of the bridge priority (high 4 bits). */
export const MSTI_BRIDGE_PRIO_AT = 13;
/** MSTI message: offset of the port priority (high 4 bits). */
export const MSTI_PORT_PRIO_AT = 14;
/** MSTI message: offset of the remaining hops. */
export const MSTI_HOPS_AT = 15;
/** Octets of one MSTI message. */
export const MSTI_LEN = 16;
/** Shift of the 4-bit MSTI bridge and port priorities. */
export const MSTI_PRIO_SHIFT = 4;
/** At most this many MSTI messages are read (802.1s allows 64). */
export const MSTI_MAX = 64;

/** True for the BPDUs that carry MSTP's version 3 part (802.1s and 802.1aq RST BPDUs). */
export function stpIsMstp(d: Uint8Array, off: number): boolean {
  const v = d[off + STP_VERSION_AT];
  return d[off + STP_TYPE_AT] === STP_BPDU_RSTP && (v === STP_PROTO_MULTI || v === STP_PROTO_SPB);
}

/** MSTI messages an MSTP BPDU at `off` announces (its version 3 length), at most MSTI_MAX. */
export function mstiCount(d: Uint8Array, off: number): number {
  const v3 = u16(d, off + MST_V3_LEN_AT);
  if (v3 <= MST_CONFIG_INFO_LEN) return 0;
  return Math.min(MSTI_MAX, ((v3 - MST_CONFIG_INFO_LEN) / MSTI_LEN) | 0);
}

/**
 * Octets a BPDU of `declared` octets at `off` needs to be read whole: 0 when it is malformed
 * (not protocol 0, or its declared length too short for its type), -1 when `end` cuts it short.
 */
export function stpLength(d: Uint8Array, off: number, end: number, declared: number): number {
  if (declared < STP_MIN_LEN) return 0;
  if (off + STP_MIN_LEN > end) return -1;
  if (u16(d, off + STP_PROTO_AT) !== STP_PROTO_ID) return 0;
  const v = d[off + STP_VERSION_AT], t = d[off + STP_TYPE_AT];
  let need = STP_MIN_LEN;
  if (t === STP_BPDU_CONFIG) need = STP_CONFIG_LEN;
  else if (t === STP_BPDU_RSTP && v === STP_PROTO_RAPID) need = STP_RSTP_LEN;
  else if (t === STP_BPDU_RSTP && (v === STP_PROTO_MULTI || v === STP_PROTO_SPB)) {
    if (declared < MST_MSTI_AT) return 0;
    if (off + MST_MSTI_AT > end) return -1;
    if (declared < MST_V3_START + u16(d, off + MST_V3_LEN_AT)) return 0;
    need = MST_MSTI_AT + MSTI_LEN * mstiCount(d, off);
  }
  if (declared < need) return 0;
  return off + need > end ? -1 : need;
}

/** One MSTI configuration message of an MSTP BPDU. */
export interface Msti {
  /** The MSTI (the system id extension of its regional root priority). */
  id: number;
  flags: number;
  /** Regional root priority: its 4 priority bits. */
  prio: number;
  rootMac: string;
  /** Internal root path cost. */
  cost: number;
  /** Bridge and port priorities (4 bits each). */
  bridgePrio: number;
  portPrio: number;
  /** Remaining hops. */
  hops: number;
}

/** A decoded BPDU; the fields after `type` are there when the BPDU type has them. */
export interface StpBpdu {
  /** Protocol version (0 802.1D, 2 RSTP, 3 MSTP, 4 SPB). */
  version: number;
  /** BPDU type (0 configuration, 2 RST/MST, 0x80 topology change notification). */
  type: number;
  flags?: number;
  /** Root (CIST root) priority bits, system id extension and MAC. */
  rootPrio?: number;
  rootExt?: number;
  rootMac?: string;
  /** Root path cost (CIST external root path cost). */
  rootCost?: number;
  /** Bridge (CIST regional root) priority bits, system id extension and MAC. */
  bridgePrio?: number;
  bridgeExt?: number;
  bridgeMac?: string;
  /** Port id. */
  port?: number;
  /** Times in seconds. */
  age?: number;
  maxAge?: number;
  hello?: number;
  fwdDelay?: number;
  /** MSTP: the MSTI messages. */
  mstis?: Msti[];
}

/** Reads the BPDU at `[off, end)`; fields cut short by `end` are left out. */
export function stpBpdu(d: Uint8Array, off: number, end: number): StpBpdu {
  const b: StpBpdu = { version: d[off + STP_VERSION_AT], type: d[off + STP_TYPE_AT] };
  if (b.type === STP_BPDU_TCN || off + STP_CONFIG_LEN > end) return b;
  const root = u16(d, off + STP_ROOT_ID_AT), bridge = u16(d, off + STP_BRIDGE_ID_AT);
  b.flags = d[off + STP_FLAGS_AT];
  b.rootPrio = root & STP_PRIO_MASK;
  b.rootExt = root & STP_SYSID_MASK;
  b.rootMac = macString(d, off + STP_ROOT_ID_AT + STP_BRIDGE_MAC_AT);
  b.rootCost = u32(d, off + STP_ROOT_COST_AT);
  b.bridgePrio = bridge & STP_PRIO_MASK;
  b.bridgeExt = bridge & STP_SYSID_MASK;
  b.bridgeMac = macString(d, off + STP_BRIDGE_ID_AT + STP_BRIDGE_MAC_AT);
  b.port = u16(d, off + STP_PORT_AT);
  b.age = u16(d, off + STP_AGE_AT) / STP_TIME_BASE;
  b.maxAge = u16(d, off + STP_MAX_AGE_AT) / STP_TIME_BASE;
  b.hello = u16(d, off + STP_HELLO_AT) / STP_TIME_BASE;
  b.fwdDelay = u16(d, off + STP_FWD_DELAY_AT) / STP_TIME_BASE;
  if (stpIsMstp(d, off) && off + MST_MSTI_AT <= end) {
    const n = mstiCount(d, off);
    b.mstis = [];
    for (let i = 0, m = off + MST_MSTI_AT; i < n && m + MSTI_LEN <= end; i++, m += MSTI_LEN) {
      const prio = u16(d, m + MSTI_ROOT_AT);
      b.mstis.push({
        id: prio & STP_SYSID_MASK,
        flags: d[m + MSTI_FLAGS_AT],
        prio: prio >> STP_PRIO_SHIFT,
        rootMac: macString(d, m + MSTI_ROOT_AT + STP_BRIDGE_MAC_AT),
        cost: u32(d, m + MSTI_COST_AT),
        bridgePrio: d[m + MSTI_BRIDGE_PRIO_AT] >> MSTI_PRIO_SHIFT,
        portPrio: d[m + MSTI_PORT_PRIO_AT] >> MSTI_PRIO_SHIFT,
        hops: d[m + MSTI_HOPS_AT],
      });
    }
  }
  return b;
}
