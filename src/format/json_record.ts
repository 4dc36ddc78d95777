/**
 * The JSON object of one frame (the tree `Packet.toJSON` returns), built by walking the schema
 * in json_schema.ts. Its text is what NDJSON output writes; json.ts writes the same text
 * straight to bytes from the same schema.
 */

import { NS_PER_SEC, type PacketRecord, secondStart } from "../packet/packet.ts";
import { ipv4String, ipv6String, macString, u16 } from "../decode/bytes.ts";
import {
  dissect,
  Dissection,
  LAYER_ETHERNET,
  LAYER_IPV4,
  LAYER_IPV6,
  LAYER_IPV6_EXT,
  LAYER_NAMES,
} from "../decode/frame.ts";
import { DNS_HLEN, dnsName, dnsRecordData, dnsRecordEnd } from "../decode/dns.ts";
import { IPPROTO_FRAGMENT } from "../decode/numbers.ts";
import { TCP_MIN_HLEN, tcpDataOffset, tcpOptions } from "../decode/tcp.ts";
import {
  F_ARR,
  F_BOOL,
  F_DNS_ANSWERS,
  F_DNS_DATA,
  F_DNS_NAME,
  F_DNS_QUESTIONS,
  F_EXT_FRAG,
  F_EXT_PROTO,
  F_EXT_TYPES,
  F_IPV4,
  F_IPV6,
  F_LENGTH,
  F_MAC,
  F_NUM,
  F_OBJ,
  F_PREV_TYPE,
  F_START,
  F_STR,
  F_TCP_OPTIONS,
  F_U16,
  F_U32,
  F_U8,
  headerNumber,
  INNER_KEY,
  type JsonField,
  LAYER_BY_KIND,
  linkKeyValue,
} from "./json_schema.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import { isoSecond } from "./iso_time.ts";

const scratch = new Dissection();
/** "000" to "999". */
const DEC3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

// Empty range until the first call: [1, 0).
let cacheStart = 1n, cacheEnd = 0n, cachePrefix = "";

/** `2026-11-26T23:25:47.123456789Z` for a nanosecond timestamp. */
export function isoNanos(ts: bigint): string {
  if (ts < cacheStart || ts >= cacheEnd) {
    cacheStart = secondStart(ts);
    cacheEnd = cacheStart + NS_PER_SEC;
    cachePrefix = isoSecond(cacheStart / NS_PER_SEC) + ".";
  }
  const ns = Number(ts - cacheStart);
  return cachePrefix + DEC3[ns / 1_000_000 | 0] + DEC3[(ns / 1000 | 0) % 1000] + DEC3[ns % 1000] +
    "Z";
}

type Obj = Record<string, unknown>;

/** The JSON object for one frame (see `json_schema.md`); never throws. */
export function toJsonRecord(rec: PacketRecord): Record<string, unknown> {
  const out: Obj = { ts: isoNanos(rec.ts), iface: rec.iface, len: rec.len, caplen: rec.caplen };
  if (rec.direction !== "unknown") out.dir = rec.direction;
  const lt = rec.linkType ?? LINKTYPE_ETHERNET;
  if (lt !== LINKTYPE_ETHERNET) out.link = linkKeyValue(lt);
  const d = rec.data;
  const ds = dissect(d, scratch, lt);
  try {
    layers(d, ds, out);
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
  }
  if (ds.truncated) out.truncated = LAYER_NAMES[ds.truncated];
  if (ds.malformed) out.malformed = LAYER_NAMES[ds.malformed];
  return out;
}

function layers(d: Uint8Array, ds: Dissection, top: Obj): void {
  let cur = top;
  for (let i = 0; i < ds.count; i++) {
    const kind = ds.kind[i], off = ds.start[i], end = ds.end[i];
    // A tunnel's packet goes one level down: a second Ethernet or IP header starts it.
    if (
      (kind === LAYER_ETHERNET && i > 0) ||
      ((kind === LAYER_IPV4 || kind === LAYER_IPV6) && (cur.ipv4 || cur.ipv6))
    ) {
      const inner: Obj = {};
      cur[INNER_KEY] = inner;
      cur = inner;
    }
    const l = LAYER_BY_KIND[kind];
    if (l === undefined) continue; // IPv6 extension headers: written with their IPv6 header
    const src = l.decode?.(d, off, end, ds.aux[i]);
    const obj = object(l.fields, d, off, end, src, ds, i);
    if (l.array) ((cur[l.key] ??= []) as Obj[]).push(obj);
    else cur[l.key] = obj;
  }
}

/** The object of `fields` for the layer at `[off, end)` (layer `i`), `src` its decoded form. */
function object(
  fields: readonly JsonField[],
  d: Uint8Array,
  off: number,
  end: number,
  src: unknown,
  ds: Dissection,
  i: number,
): Obj {
  const o: Obj = {};
  /** DNS: where the next record starts, -1 once one was cut short. */
  let rec = -1;
  for (const f of fields) {
    let v: unknown;
    if (f.kind === F_DNS_QUESTIONS || f.kind === F_DNS_ANSWERS) {
      const question = f.kind === F_DNS_QUESTIONS;
      if (question) rec = off + DNS_HLEN;
      const records: Obj[] = [];
      const count = u16(d, off + f.at);
      for (let k = 0; k < count && rec >= 0; k++) {
        const nm = dnsName(d, off, rec, end);
        rec = dnsRecordEnd(d, nm.next, end, question);
        if (rec < 0) break;
        records.push(object(f.fields, d, nm.next, end, nm.name, ds, i));
      }
      v = records;
    } else v = value(f, d, off, end, src, ds, i);
    if (v !== undefined) o[f.name] = v;
  }
  return o;
}

function value(
  f: JsonField,
  d: Uint8Array,
  off: number,
  end: number,
  src: unknown,
  ds: Dissection,
  i: number,
): unknown {
  switch (f.kind) {
    case F_U8:
    case F_U16:
    case F_U32:
      return headerNumber(d, off, f);
    case F_BOOL:
      return (u16(d, off + f.at) & f.mask) !== 0;
    case F_MAC:
      return macString(d, off + f.at);
    case F_IPV4:
      return ipv4String(d, off + f.at);
    case F_IPV6:
      return ipv6String(d, off + f.at);
    case F_PREV_TYPE:
      return ds.next[i - 1];
    case F_START:
      return off;
    case F_LENGTH:
      return end - off;
    case F_NUM:
    case F_STR:
      return (src as Obj)[f.name];
    case F_OBJ: {
      const v = (src as Obj)[f.name];
      return v === undefined ? undefined : object(f.fields, d, off, end, v, ds, i);
    }
    case F_ARR:
      return ((src as Obj)[f.name] as unknown[] | undefined)?.map((e) =>
        object(f.fields, d, off, end, e, ds, i)
      );
    case F_DNS_NAME:
      return src;
    case F_DNS_DATA:
      return dnsRecordData(d, ds.start[i], off, end);
    case F_TCP_OPTIONS:
      return tcpOptions(d, off + TCP_MIN_HLEN, off + tcpDataOffset(d, off));
    case F_EXT_TYPES: {
      const types: number[] = [];
      for (let e = i + 1; e < ds.count && ds.kind[e] === LAYER_IPV6_EXT; e++) types.push(ds.aux[e]);
      return types.length > 0 ? types : undefined;
    }
    case F_EXT_PROTO: {
      let e = i + 1;
      while (e < ds.count && ds.kind[e] === LAYER_IPV6_EXT) e++;
      return e > i + 1 ? ds.next[e - 1] : undefined;
    }
    case F_EXT_FRAG: {
      let frag = -1;
      for (let e = i + 1; e < ds.count && ds.kind[e] === LAYER_IPV6_EXT; e++) {
        if (ds.aux[e] === IPPROTO_FRAGMENT) frag = ds.start[e];
      }
      return frag < 0 ? undefined : object(f.fields, d, frag, end, undefined, ds, i);
    }
  }
  return undefined;
}
