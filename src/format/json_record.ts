/**
 * The JSON object of one frame (the tree `Packet.toJSON` returns). Its text is what NDJSON
 * output writes; `json.ts` writes the same text straight to bytes.
 */

import { NS_PER_SEC, type PacketRecord, secondStart } from "../packet/packet.ts";
import { arpPacket } from "../decode/arp.ts";
import { macString, u16 } from "../decode/bytes.ts";
import { dnsMessage } from "../decode/dns.ts";
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
import { icmpMessage } from "../decode/icmp.ts";
import { igmpMessage } from "../decode/igmp.ts";
import { icmpv6Message } from "../decode/icmpv6.ts";
import { ipv4Header } from "../decode/ipv4.ts";
import { ipv6Fragment, ipv6Header } from "../decode/ipv6.ts";
import { IPPROTO_FRAGMENT } from "../decode/numbers.ts";
import { llcHeader } from "../decode/llc.ts";
import { tcpHeader } from "../decode/tcp.ts";
import { udpHeader } from "../decode/udp.ts";
import { vlanTag } from "../decode/vlan.ts";

/** "000" to "999". */
const DEC3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const scratch = new Dissection();

// Empty range until the first call: [1, 0).
let cacheStart = 1n, cacheEnd = 0n, cachePrefix = "";

/** `2026-11-26T23:25:47.123456789Z` for a nanosecond timestamp. */
export function isoNanos(ts: bigint): string {
  if (ts < cacheStart || ts >= cacheEnd) {
    cacheStart = secondStart(ts);
    cacheEnd = cacheStart + NS_PER_SEC;
    const date = new Date(Number(cacheStart / NS_PER_SEC) * 1000);
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
