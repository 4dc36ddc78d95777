/**
 * NDJSON records: one JSON object per frame. The keys are described in `json_schema.md`.
 */

import type { PacketRecord } from "../packet/packet.ts";
import { arpPacket } from "../decode/arp.ts";
import { hex2, ipv4String, ipv6String, macString, u16, u32 } from "../decode/bytes.ts";
import { type DnsMessage, dnsMessage } from "../decode/dns.ts";
import {
  dissect,
  Dissection,
  LAYER_ARP,
  LAYER_DNS,
  LAYER_ETHERNET,
  LAYER_GRE,
  LAYER_ICMP,
  LAYER_ICMPV6,
  LAYER_IGMP,
  LAYER_IPV4,
  LAYER_IPV6,
  LAYER_IPV6_EXT,
  LAYER_LLC,
  LAYER_NAMES,
  LAYER_PAYLOAD,
  LAYER_TCP,
  LAYER_UDP,
  LAYER_VLAN,
} from "../decode/frame.ts";
import { greHeader } from "../decode/gre.ts";
import { type IcmpMessage, icmpMessage, type IcmpQuoted } from "../decode/icmp.ts";
import { type IgmpMessage, igmpMessage } from "../decode/igmp.ts";
import { type Icmpv6Message, icmpv6Message, type Icmpv6Quoted } from "../decode/icmpv6.ts";
import { IP_OFFMASK, ipv4Header } from "../decode/ipv4.ts";
import { IPPROTO_FRAGMENT, ipv6Fragment, ipv6Header } from "../decode/ipv6.ts";
import { llcHeader } from "../decode/llc.ts";
import {
  TCP_MIN_HLEN,
  tcpHeader,
  TCPOPT_EOL,
  TCPOPT_MAXSEG,
  TCPOPT_NOP,
  TCPOPT_SACK,
  TCPOPT_SACK_PERMITTED,
  TCPOPT_TIMESTAMP,
  TCPOPT_WINDOW,
  tcpOptionLength,
} from "../decode/tcp.ts";
import { udpHeader } from "../decode/udp.ts";
import { vlanTag } from "../decode/vlan.ts";

const NS_PER_S = 1_000_000_000n;
/** "000" to "999". */
const DEC3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const scratch = new Dissection();

let cacheStart = -1n, cachePrefix = "";

/** `2026-11-26T23:25:47.123456789Z` for a nanosecond timestamp. */
export function isoNanos(ts: bigint): string {
  if (ts < cacheStart || ts >= cacheStart + NS_PER_S) {
    let sec = ts / NS_PER_S;
    if (ts < 0n && sec * NS_PER_S !== ts) sec -= 1n;
    cacheStart = sec * NS_PER_S;
    const date = new Date(Number(sec) * 1000);
    cachePrefix = isNaN(date.getTime()) ? "invalid." : date.toISOString().slice(0, 20);
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
  const d = rec.data;
  const ds = dissect(d, scratch);
  try {
    layers(d, ds, out);
  } catch (e) {
    out.error = e instanceof Error ? e.message : String(e);
  }
  if (ds.truncated) out.truncated = LAYER_NAMES[ds.truncated];
  if (ds.malformed) out.malformed = LAYER_NAMES[ds.malformed];
  return out;
}

/**
 * One NDJSON line (no trailing newline) for one frame: the text of
 * `JSON.stringify(toJsonRecord(rec))`, built directly from the frame bytes.
 */
export function formatJson(rec: PacketRecord): string {
  const d = rec.data;
  const ds = dissect(d, scratch);
  let body: string | undefined;
  try {
    body = layersJson(d, ds);
  } catch {
    body = undefined;
  }
  // Layouts the direct writer does not reproduce (a key twice on one level, a decoder error)
  // go through the object tree, so the two stay the same text.
  if (body === undefined) return JSON.stringify(toJsonRecord(rec));
  let s = '{"ts":"' + isoNanos(rec.ts) + '","iface":' + ifaceJson(rec.iface) + ',"len":' +
    rec.len + ',"caplen":' + rec.caplen;
  if (rec.direction !== "unknown") s += ',"dir":' + jsonString(rec.direction);
  s += body;
  if (ds.truncated) s += ',"truncated":"' + LAYER_NAMES[ds.truncated] + '"';
  if (ds.malformed) s += ',"malformed":"' + LAYER_NAMES[ds.malformed] + '"';
  return s + "}";
}

let lastIface = "", lastIfaceJson = '""';

function ifaceJson(iface: string): string {
  if (iface !== lastIface) {
    lastIface = iface;
    lastIfaceJson = jsonString(iface);
  }
  return lastIfaceJson;
}

/** `s` as a JSON string literal, escaped exactly as JSON.stringify escapes it. */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(s);
    }
  }
  return '"' + s + '"';
}

/**
 * The layer keys of one frame as JSON text (each with its leading comma, `inner` objects
 * closed), or undefined when a key would repeat on one level.
 */
function layersJson(d: Uint8Array, ds: Dissection): string | undefined {
  let s = "", depth = 0, seen = 0, sep = ",";
  for (let i = 0; i < ds.count; i++) {
    const kind = ds.kind[i], off = ds.start[i], end = ds.end[i];
    if (
      (kind === LAYER_ETHERNET && i > 0) ||
      ((kind === LAYER_IPV4 || kind === LAYER_IPV6) && seen & (1 << LAYER_IPV4 | 1 << LAYER_IPV6))
    ) {
      s += sep + '"inner":{';
      depth++;
      seen = 0;
      sep = "";
    }
    if (seen & (1 << kind)) return undefined;
    seen |= 1 << kind;
    let v: string;
    switch (kind) {
      case LAYER_ETHERNET:
        v = '"eth":{"src":"' + macString(d, off + 6) + '","dst":"' + macString(d, off) +
          '","type":' + u16(d, off + 12) + "}";
        break;
      case LAYER_VLAN: {
        v = '"vlan":[' + vlanJson(d, off);
        while (i + 1 < ds.count && ds.kind[i + 1] === LAYER_VLAN) {
          v += "," + vlanJson(d, ds.start[++i]);
        }
        v += "]";
        break;
      }
      case LAYER_LLC: {
        const h = llcHeader(d, off);
        v = '"llc":{"dsap":' + h.dsap + ',"ssap":' + h.ssap + ',"ctrl":' + h.ctrl;
        if (h.snap) v += ',"snap":{"oui":' + h.snap.oui + ',"type":' + h.snap.type + "}";
        v += "}";
        break;
      }
      case LAYER_ARP: {
        const a = arpPacket(d, off);
        v = '"arp":{"op":' + a.op + ',"sha":' + jsonString(a.sha) + ',"spa":' + jsonString(a.spa) +
          ',"tha":' + jsonString(a.tha) + ',"tpa":' + jsonString(a.tpa) + "}";
        break;
      }
      case LAYER_IPV4: {
        const fo = u16(d, off + 6);
        v = '"ipv4":{"src":"' + ipv4String(d, off + 12) + '","dst":"' + ipv4String(d, off + 16) +
          '","proto":' + d[off + 9] + ',"ttl":' + d[off + 8] + ',"id":' + u16(d, off + 4) +
          ',"flags":' + (fo >> 13) + ',"frag":' + (fo & IP_OFFMASK) * 8 + ',"len":' +
          u16(d, off + 2) + ',"tos":' + d[off + 1] + ',"hlen":' + (d[off] & 0x0f) * 4 + "}";
        break;
      }
      case LAYER_IPV6: {
        const w = u32(d, off);
        v = '"ipv6":{"src":"' + ipv6String(d, off + 8) + '","dst":"' + ipv6String(d, off + 24) +
          '","next":' + d[off + 6] + ',"hlim":' + d[off + 7] + ',"flow":' + (w & 0xfffff) +
          ',"tc":' + ((w >>> 20) & 0xff) + ',"plen":' + u16(d, off + 4);
        if (i + 1 < ds.count && ds.kind[i + 1] === LAYER_IPV6_EXT) {
          let ext = "", frag = "";
          for (; i + 1 < ds.count && ds.kind[i + 1] === LAYER_IPV6_EXT; i++) {
            const type = ds.aux[i + 1];
            ext += (ext === "" ? "" : ",") + type;
            if (type === IPPROTO_FRAGMENT) frag = fragmentJson(d, ds.start[i + 1]);
          }
          v += ',"ext":[' + ext + '],"proto":' + ds.next[i] + frag;
        }
        v += "}";
        break;
      }
      case LAYER_TCP:
        v = '"tcp":{"sport":' + u16(d, off) + ',"dport":' + u16(d, off + 2) + ',"seq":' +
          u32(d, off + 4) + ',"ack":' + u32(d, off + 8) + ',"flags":' + d[off + 13] + ',"win":' +
          u16(d, off + 14) + ',"options":[' +
          tcpOptionsJson(d, off + TCP_MIN_HLEN, off + (d[off + 12] >> 4) * 4) + "]}";
        break;
      case LAYER_UDP:
        v = '"udp":{"sport":' + u16(d, off) + ',"dport":' + u16(d, off + 2) + ',"len":' +
          u16(d, off + 4) + "}";
        break;
      case LAYER_ICMP:
        v = '"icmp":' + icmpJson(icmpMessage(d, off, end));
        break;
      case LAYER_IGMP:
        v = '"igmp":' + igmpJson(igmpMessage(d, off, end, ds.aux[i]));
        break;
      case LAYER_ICMPV6:
        v = '"icmpv6":' + icmpv6Json(icmpv6Message(d, off, end));
        break;
      case LAYER_GRE: {
        const g = greHeader(d, off);
        v = '"gre":{"flags":' + g.flags + ',"version":' + g.version + ',"proto":' + g.proto;
        if (g.key !== undefined) v += ',"key":' + g.key;
        if (g.seq !== undefined) v += ',"seq":' + g.seq;
        v += "}";
        break;
      }
      case LAYER_DNS:
        v = '"dns":' + dnsJson(dnsMessage(d, off, end, 1));
        break;
      case LAYER_PAYLOAD:
        v = '"payload":{"offset":' + off + ',"len":' + (end - off) + "}";
        break;
      default:
        return undefined;
    }
    s += sep + v;
    sep = ",";
  }
  for (; depth > 0; depth--) s += "}";
  return s;
}

function vlanJson(d: Uint8Array, tciOff: number): string {
  const tci = u16(d, tciOff);
  return '{"tpid":' + u16(d, tciOff - 2) + ',"id":' + (tci & 0x0fff) + ',"pcp":' + (tci >> 13) +
    ',"dei":' + ((tci >> 12) & 1) + "}";
}

function fragmentJson(d: Uint8Array, off: number): string {
  const fo = u16(d, off + 2);
  return ',"frag":{"offset":' + (fo & 0xfff8) + ',"more":' + ((fo & 1) === 1) + ',"id":' +
    u32(d, off + 4) + "}";
}

/** The options in `[off, end)` as the JSON elements `tcpOptions` gives. */
function tcpOptionsJson(d: Uint8Array, off: number, end: number): string {
  let s = "";
  for (let i = off; i < end;) {
    if (i > off) s += ",";
    const len = tcpOptionLength(d, i, end);
    if (len < 0) return s + '{"kind":"bad"}';
    const kind = d[i];
    if (kind === TCPOPT_EOL) return s + '{"kind":"eol"}';
    if (kind === TCPOPT_NOP) s += '{"kind":"nop"}';
    else if (kind === TCPOPT_MAXSEG) s += '{"kind":"mss","value":' + u16(d, i + 2) + "}";
    else if (kind === TCPOPT_WINDOW) s += '{"kind":"wscale","value":' + d[i + 2] + "}";
    else if (kind === TCPOPT_SACK_PERMITTED) s += '{"kind":"sackOK"}';
    else if (kind === TCPOPT_SACK) {
      s += '{"kind":"sack","blocks":[';
      for (let b = i + 2; b < i + len; b += 8) {
        s += (b > i + 2 ? ",[" : "[") + u32(d, b) + "," + u32(d, b + 4) + "]";
      }
      s += "]}";
    } else if (kind === TCPOPT_TIMESTAMP) {
      s += '{"kind":"ts","val":' + u32(d, i + 2) + ',"ecr":' + u32(d, i + 6) + "}";
    } else {
      s += '{"kind":' + kind + ',"data":"';
      for (let b = i + 2; b < i + len; b++) s += hex2(d[b]);
      s += '"}';
    }
    i += len;
  }
  return s;
}

function quotedJson(qt: IcmpQuoted | Icmpv6Quoted): string {
  let s = '{"src":' + jsonString(qt.src) + ',"dst":' + jsonString(qt.dst) + ',"proto":' +
    qt.proto;
  if (qt.sport !== undefined) s += ',"sport":' + qt.sport;
  if (qt.dport !== undefined) s += ',"dport":' + qt.dport;
  return s + "}";
}

function icmpJson(m: IcmpMessage): string {
  let s = '{"type":' + m.type + ',"code":' + m.code;
  if (m.id !== undefined) s += ',"id":' + m.id;
  if (m.seq !== undefined) s += ',"seq":' + m.seq;
  if (m.mtu !== undefined) s += ',"mtu":' + m.mtu;
  if (m.gateway !== undefined) s += ',"gateway":' + jsonString(m.gateway);
  if (m.pointer !== undefined) s += ',"pointer":' + m.pointer;
  if (m.quoted) s += ',"quoted":' + quotedJson(m.quoted);
  return s + "}";
}

function icmpv6Json(m: Icmpv6Message): string {
  let s = '{"type":' + m.type + ',"code":' + m.code;
  if (m.id !== undefined) s += ',"id":' + m.id;
  if (m.seq !== undefined) s += ',"seq":' + m.seq;
  if (m.mtu !== undefined) s += ',"mtu":' + m.mtu;
  if (m.pointer !== undefined) s += ',"pointer":' + m.pointer;
  if (m.target !== undefined) s += ',"target":' + jsonString(m.target);
  if (m.naFlags !== undefined) s += ',"naFlags":' + m.naFlags;
  if (m.hopLimit !== undefined) s += ',"hopLimit":' + m.hopLimit;
  if (m.raFlags !== undefined) s += ',"raFlags":' + m.raFlags;
  if (m.lifetime !== undefined) s += ',"lifetime":' + m.lifetime;
  if (m.quoted) s += ',"quoted":' + quotedJson(m.quoted);
  return s + "}";
}

function igmpJson(m: IgmpMessage): string {
  let s = '{"type":' + m.type + ',"version":' + m.version + ',"maxResp":' + m.maxResp;
  if (m.group !== undefined) s += ',"group":' + jsonString(m.group);
  if (m.records !== undefined) s += ',"records":' + m.records;
  if (m.sources !== undefined) s += ',"sources":' + m.sources;
  return s + "}";
}

function dnsJson(m: DnsMessage): string {
  let s = '{"id":' + m.id + ',"qr":' + m.qr + ',"opcode":' + m.opcode + ',"rcode":' + m.rcode +
    ',"flags":' + m.flags + ',"questions":[';
  for (let n = 0; n < m.questions.length; n++) {
    const x = m.questions[n];
    s += (n ? ',{"name":' : '{"name":') + jsonString(x.name) + ',"type":' + x.type + ',"class":' +
      x.class + "}";
  }
  s += '],"answers":[';
  for (let n = 0; n < m.answers.length; n++) {
    const a = m.answers[n];
    s += (n ? ',{"name":' : '{"name":') + jsonString(a.name) + ',"type":' + a.type + ',"class":' +
      a.class + ',"ttl":' + a.ttl + ',"data":' + jsonString(a.data) + "}";
  }
  return s + "]}";
}

function layers(d: Uint8Array, ds: Dissection, top: Obj): void {
  let cur = top;
  const enter = () => {
    const inner: Obj = {};
    cur.inner = inner;
    cur = inner;
  };
  for (let i = 0; i < ds.count; i++) {
    const off = ds.start[i], end = ds.end[i];
    switch (ds.kind[i]) {
      case LAYER_ETHERNET:
        if (i > 0) enter();
        cur.eth = { src: macString(d, off + 6), dst: macString(d, off), type: u16(d, off + 12) };
        break;
      case LAYER_VLAN: {
        const tags = (cur.vlan ??= []) as unknown[];
        tags.push(vlanTag(d, off));
        break;
      }
      case LAYER_LLC:
        cur.llc = llcHeader(d, off);
        break;
      case LAYER_ARP: {
        const a = arpPacket(d, off);
        cur.arp = { op: a.op, sha: a.sha, spa: a.spa, tha: a.tha, tpa: a.tpa };
        break;
      }
      case LAYER_IPV4: {
        if (cur.ipv4 || cur.ipv6) enter();
        const h = ipv4Header(d, off);
        cur.ipv4 = {
          src: h.src,
          dst: h.dst,
          proto: h.proto,
          ttl: h.ttl,
          id: h.id,
          flags: h.flags,
          frag: h.frag,
          len: h.len,
          tos: h.tos,
          hlen: h.hlen,
        };
        break;
      }
      case LAYER_IPV6: {
        if (cur.ipv4 || cur.ipv6) enter();
        const h = ipv6Header(d, off);
        cur.ipv6 = {
          src: h.src,
          dst: h.dst,
          next: h.next,
          hlim: h.hlim,
          flow: h.flow,
          tc: h.tc,
          plen: h.plen,
        };
        break;
      }
      case LAYER_IPV6_EXT: {
        const ip6 = cur.ipv6 as Obj;
        ((ip6.ext ??= []) as number[]).push(ds.aux[i]);
        ip6.proto = ds.next[i];
        if (ds.aux[i] === IPPROTO_FRAGMENT) {
          const f = ipv6Fragment(d, off);
          ip6.frag = { offset: f.offset, more: f.more, id: f.id };
        }
        break;
      }
      case LAYER_TCP: {
        const h = tcpHeader(d, off);
        cur.tcp = {
          sport: h.sport,
          dport: h.dport,
          seq: h.seq,
          ack: h.ack,
          flags: h.flags,
          win: h.win,
          options: h.options,
        };
        break;
      }
      case LAYER_UDP: {
        const h = udpHeader(d, off);
        cur.udp = { sport: h.sport, dport: h.dport, len: h.len };
        break;
      }
      case LAYER_ICMP: {
        const { checksum: _c, ...m } = icmpMessage(d, off, end);
        cur.icmp = m;
        break;
      }
      case LAYER_IGMP:
        cur.igmp = igmpMessage(d, off, end, ds.aux[i]);
        break;
      case LAYER_ICMPV6: {
        const { checksum: _c, ...m } = icmpv6Message(d, off, end);
        cur.icmpv6 = m;
        break;
      }
      case LAYER_GRE: {
        const { checksum: _c, ...g } = greHeader(d, off);
        cur.gre = g;
        break;
      }
      case LAYER_DNS: {
        const m = dnsMessage(d, off, end, 1);
        cur.dns = {
          id: m.id,
          qr: m.qr,
          opcode: m.opcode,
          rcode: m.rcode,
          flags: m.flags,
          questions: m.questions,
          answers: m.answers.map((a) => ({
            name: a.name,
            type: a.type,
            class: a.class,
            ttl: a.ttl,
            data: a.data,
          })),
        };
        break;
      }
      case LAYER_PAYLOAD:
        cur.payload = { offset: off, len: end - off };
        break;
    }
  }
}
