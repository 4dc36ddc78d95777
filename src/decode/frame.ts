/**
 * The frame walker: one pass over an Ethernet frame that records each layer's kind and byte
 * range into a reusable {@link Dissection}. Field values are read on demand by the accessors.
 */

import { u16 } from "./bytes.ts";
import { arpLength } from "./arp.ts";
import { dnsFits } from "./dns.ts";
import * as dnsModule from "./dns.ts";
import * as ethernetModule from "./ethernet.ts";
import { greHeaderLength } from "./gre.ts";
import * as greModule from "./gre.ts";
import * as icmpModule from "./icmp.ts";
import * as igmpModule from "./igmp.ts";
import * as icmpv6Module from "./icmpv6.ts";
import { ipv4HeaderLength, ipVersion } from "./ipv4.ts";
import * as ipv4Module from "./ipv4.ts";
import { ipv6ExtLength, ipv6FragOffset, isIpv6Ext } from "./ipv6.ts";
import * as ipv6Module from "./ipv6.ts";
import { llcHeaderLength, llcIsSnap, snapOui } from "./llc.ts";
import * as llcModule from "./llc.ts";
import * as numbersModule from "./numbers.ts";
import { tcpHeaderLength } from "./tcp.ts";
import * as tcpModule from "./tcp.ts";
import * as udpModule from "./udp.ts";
import { isVlanTpid } from "./vlan.ts";
import * as vlanModule from "./vlan.ts";
// Gateways, time and management (issue 15, family 4).
import { NTP_MINLEN } from "./ntp.ts";
import { OSPF_HLEN, OSPF_MINLEN } from "./ospf.ts";
import { RADIUS_MINLEN } from "./radius.ts";
import { RIP_MINLEN } from "./rip.ts";
import { SNMP_MINLEN } from "./snmp.ts";
import { SYSLOG_MINLEN, syslogTextAt } from "./syslog.ts";
import { TFTP_MINLEN } from "./tftp.ts";
import { VRRP_HLEN } from "./vrrp.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { DNS_HLEN } = dnsModule;
const { ETH_DATA_LEN, ETH_HLEN, ETH_TYPE_AT } = ethernetModule;
const { GRE_FLAGS_AT, GRE_PROTO_AT, GRE_VERSION } = greModule;
const { ICMP_MINLEN } = icmpModule;
const { IGMP_MINLEN } = igmpModule;
const { ICMP6_MINLEN, ICMP6_TYPE_AT, ND_NS_LEN } = icmpv6Module;
const { IP_OFFMASK, IPV4_LEN_AT, IPV4_MIN_HLEN, IPV4_OFF_AT, IPV4_PROTO_AT } = ipv4Module;
const { IP6E_NEXT_AT, IPV6_HLEN, IPV6_NEXT_AT, IPV6_PLEN_AT } = ipv6Module;
const { SNAP_HLEN, SNAP_TYPE_AT } = llcModule;
const {
  DNS_PORT,
  ETH_P_ARP,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_TEB,
  IPPROTO_FRAGMENT,
  IPPROTO_GRE,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_IGMP,
  IPPROTO_IPIP,
  IPPROTO_IPV6,
  IPPROTO_TCP,
  IPPROTO_UDP,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  // Gateways, time and management (issue 15, family 4).
  BGP_PORT,
  IPPROTO_OSPF,
  IPPROTO_VRRP,
  NTP_PORT,
  RADIUS_PORTS,
  RIP_PORT,
  SNMP_PORT,
  SNMPTRAP_PORT,
  SYSLOG_PORT,
  TFTP_PORT,
} = numbersModule;
const { UDP_DPORT_AT, UDP_HLEN, UDP_LEN_AT, UDP_SPORT_AT } = udpModule;
const { TCP_DPORT_AT, TCP_SPORT_AT } = tcpModule;
const { VLAN_HLEN, VLAN_TYPE_AT } = vlanModule;

/** Layer kinds recorded by {@link dissect}. */
export const LAYER_ETHERNET = 1;
/** One VLAN tag; its range starts at the TCI (the TPID is the 2 bytes before). */
export const LAYER_VLAN = 2;
/** 802.2 LLC (+SNAP). */
export const LAYER_LLC = 3;
/** ARP. */
export const LAYER_ARP = 4;
/** IPv4. */
export const LAYER_IPV4 = 5;
/** IPv6 fixed header. */
export const LAYER_IPV6 = 6;
/** One IPv6 extension header; `aux` holds its type. */
export const LAYER_IPV6_EXT = 7;
/** TCP. */
export const LAYER_TCP = 8;
/** UDP. */
export const LAYER_UDP = 9;
/** ICMP. */
export const LAYER_ICMP = 10;
/** ICMPv6. */
export const LAYER_ICMPV6 = 11;
/** GRE. */
export const LAYER_GRE = 12;
/** DNS. */
export const LAYER_DNS = 13;
/** Bytes no decoder claimed. */
export const LAYER_PAYLOAD = 14;
/** IGMP. */
export const LAYER_IGMP = 15;

// Gateways, time and management (issue 15, family 4): kinds 80-95.
/** VRRP (IP protocol 112). */
export const LAYER_VRRP = 80;
/** NTP (UDP port 123). */
export const LAYER_NTP = 81;
/** Syslog (UDP port 514). */
export const LAYER_SYSLOG = 82;
/** TFTP (UDP port 69). */
export const LAYER_TFTP = 83;
/** SNMP (UDP ports 161, 162). */
export const LAYER_SNMP = 84;
/** RADIUS (UDP ports 1645, 1646, 1812, 1813, 3799). */
export const LAYER_RADIUS = 85;
/** OSPF (IP protocol 89). */
export const LAYER_OSPF = 86;
/** BGP (TCP port 179): the segment's payload. */
export const LAYER_BGP = 87;
/** RIP (UDP port 520). */
export const LAYER_RIP = 88;

/** Names of the layer kinds, as used in `truncated` and JSON (indexed by kind; holes are ""). */
export const LAYER_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  const entries: [number, string][] = [
    [0, ""],
    [LAYER_ETHERNET, "ethernet"],
    [LAYER_VLAN, "vlan"],
    [LAYER_LLC, "llc"],
    [LAYER_ARP, "arp"],
    [LAYER_IPV4, "ipv4"],
    [LAYER_IPV6, "ipv6"],
    [LAYER_IPV6_EXT, "ipv6ext"],
    [LAYER_TCP, "tcp"],
    [LAYER_UDP, "udp"],
    [LAYER_ICMP, "icmp"],
    [LAYER_ICMPV6, "icmpv6"],
    [LAYER_GRE, "gre"],
    [LAYER_DNS, "dns"],
    [LAYER_PAYLOAD, "payload"],
    [LAYER_IGMP, "igmp"],
    // Gateways, time and management (issue 15, family 4).
    [LAYER_VRRP, "vrrp"],
    [LAYER_NTP, "ntp"],
    [LAYER_SYSLOG, "syslog"],
    [LAYER_TFTP, "tftp"],
    [LAYER_SNMP, "snmp"],
    [LAYER_RADIUS, "radius"],
    [LAYER_OSPF, "ospf"],
    [LAYER_BGP, "bgp"],
    [LAYER_RIP, "rip"],
  ];
  for (const [kind, name] of entries) names[kind] = name;
  for (let k = 0; k < names.length; k++) names[k] ??= "";
  return names;
})();

/** Most layers recorded for one frame; deeper nesting is left as undecoded. */
export const MAX_LAYERS = 32;

/**
 * Layer kinds and byte ranges of one frame. Allocate once, pass to {@link dissect} per frame.
 * Layer `i` covers `[start[i], end[i])`: its header and everything it carries, bounded by the
 * captured bytes and by the length fields of the enclosing headers (so Ethernet padding is
 * excluded from IP and below).
 */
export class Dissection {
  /** Number of layers recorded. */
  count = 0;
  /** Layer kinds (LAYER_*). */
  readonly kind: Uint8Array = new Uint8Array(MAX_LAYERS);
  /** Offset of each layer's first byte. */
  readonly start: Int32Array = new Int32Array(MAX_LAYERS);
  /** Offset just past each layer. */
  readonly end: Int32Array = new Int32Array(MAX_LAYERS);
  /** What comes next: the EtherType for Ethernet/VLAN/SNAP/GRE, the protocol for IP layers. */
  readonly next: Int32Array = new Int32Array(MAX_LAYERS);
  /** Kind-specific extra: the extension header type for LAYER_IPV6_EXT. */
  readonly aux: Int32Array = new Int32Array(MAX_LAYERS);
  /** Kind of the first layer cut short by the end of the captured bytes, 0 if none. */
  truncated = 0;
  /** Kind of the first layer whose header makes no sense (bad version, length), 0 if none. */
  malformed = 0;

  /** Forgets the previous frame. */
  reset(): void {
    this.count = 0;
    this.truncated = 0;
    this.malformed = 0;
  }

  /** Index of the first layer of `kind` at or after `from`, -1 if none. */
  find(kind: number, from = 0): number {
    for (let i = from; i < this.count; i++) if (this.kind[i] === kind) return i;
    return -1;
  }

  /** Name of the truncated layer, or undefined. */
  get truncatedName(): string | undefined {
    return this.truncated ? LAYER_NAMES[this.truncated] : undefined;
  }

  /** Name of the malformed layer, or undefined. */
  get malformedName(): string | undefined {
    return this.malformed ? LAYER_NAMES[this.malformed] : undefined;
  }
}

function push(out: Dissection, kind: number, start: number, end: number, next: number): boolean {
  const i = out.count;
  if (i >= MAX_LAYERS) return false;
  out.kind[i] = kind;
  out.start[i] = start;
  out.end[i] = end;
  out.next[i] = next;
  out.aux[i] = 0;
  out.count = i + 1;
  return true;
}

function payload(out: Dissection, off: number, end: number): Dissection {
  if (off < end) push(out, LAYER_PAYLOAD, off, end, 0);
  return out;
}

// Gateways, time and management (issue 15, family 4).
/** The layer kind a UDP datagram between `sport` and `dport` carries, 0 for none. */
function udpGatewayKind(sport: number, dport: number): number {
  if (sport === TFTP_PORT || dport === TFTP_PORT) return LAYER_TFTP;
  if (sport === RIP_PORT || dport === RIP_PORT) return LAYER_RIP;
  if (sport === SNMP_PORT || dport === SNMP_PORT) return LAYER_SNMP;
  if (sport === SNMPTRAP_PORT || dport === SNMPTRAP_PORT) return LAYER_SNMP;
  if (sport === NTP_PORT || dport === NTP_PORT) return LAYER_NTP;
  if (RADIUS_PORTS.includes(sport) || RADIUS_PORTS.includes(dport)) return LAYER_RADIUS;
  if (sport === SYSLOG_PORT || dport === SYSLOG_PORT) return LAYER_SYSLOG;
  return 0;
}

/** The octets each UDP application layer needs before it is recorded, by kind. */
const GATEWAY_MINLEN: Uint8Array = (() => {
  const t = new Uint8Array(256);
  t[LAYER_TFTP] = TFTP_MINLEN;
  t[LAYER_NTP] = NTP_MINLEN;
  t[LAYER_SYSLOG] = SYSLOG_MINLEN;
  t[LAYER_SNMP] = SNMP_MINLEN;
  t[LAYER_RADIUS] = RADIUS_MINLEN;
  t[LAYER_RIP] = RIP_MINLEN;
  return t;
})();

const S_ETHER = 0, S_ETYPE = 1, S_IPPROTO = 2, S_LLC = 3;

/**
 * Walks the Ethernet frame `d`, recording layers into `out` (reset first). Never throws;
 * `out.truncated` / `out.malformed` name the first layer that could not be decoded.
 */
export function dissect(d: Uint8Array, out: Dissection = new Dissection()): Dissection {
  let declEnd = 0;
  out.reset();
  let state = S_ETHER, off = 0, end = d.length, val = 0;
  for (;;) {
    if (out.count >= MAX_LAYERS) return out;
    if (state === S_ETHER) {
      if (off + ETH_HLEN > end) {
        out.truncated = LAYER_ETHERNET;
        return out;
      }
      val = u16(d, off + ETH_TYPE_AT);
      push(out, LAYER_ETHERNET, off, end, val);
      off += ETH_HLEN;
      if (val <= ETH_DATA_LEN) {
        end = Math.min(end, off + val);
        state = S_LLC;
      } else state = S_ETYPE;
    } else if (state === S_ETYPE) {
      if (isVlanTpid(val)) {
        if (off + VLAN_HLEN > end) {
          out.truncated = LAYER_VLAN;
          return out;
        }
        val = u16(d, off + VLAN_TYPE_AT);
        push(out, LAYER_VLAN, off, end, val);
        off += VLAN_HLEN;
        if (val <= ETH_DATA_LEN) {
          end = Math.min(end, off + val);
          state = S_LLC;
        }
      } else if (val === ETH_P_IP) {
        if (off + IPV4_MIN_HLEN > end) {
          out.truncated = LAYER_IPV4;
          return out;
        }
        const hl = ipv4HeaderLength(d, off);
        const tot = u16(d, off + IPV4_LEN_AT);
        if (ipVersion(d, off) !== 4 || hl < IPV4_MIN_HLEN || (tot !== 0 && tot < hl)) {
          out.malformed = LAYER_IPV4;
          return payload(out, off, end);
        }
        if (off + hl > end) {
          out.truncated = LAYER_IPV4;
          return out;
        }
        if (tot !== 0) end = Math.min(end, off + tot);
        declEnd = tot !== 0 ? off + tot : end;
        val = d[off + IPV4_PROTO_AT];
        push(out, LAYER_IPV4, off, end, val);
        if ((u16(d, off + IPV4_OFF_AT) & IP_OFFMASK) !== 0) return payload(out, off + hl, end);
        off += hl;
        state = S_IPPROTO;
      } else if (val === ETH_P_IPV6) {
        if (off + IPV6_HLEN > end) {
          out.truncated = LAYER_IPV6;
          return out;
        }
        if (ipVersion(d, off) !== 6) {
          out.malformed = LAYER_IPV6;
          return payload(out, off, end);
        }
        const plen = u16(d, off + IPV6_PLEN_AT);
        if (plen !== 0) end = Math.min(end, off + IPV6_HLEN + plen);
        val = d[off + IPV6_NEXT_AT];
        push(out, LAYER_IPV6, off, end, val);
        off += IPV6_HLEN;
        while (isIpv6Ext(val)) {
          const len = ipv6ExtLength(d, off, end, val);
          if (len < 0) {
            out.truncated = LAYER_IPV6;
            return out;
          }
          const type = val;
          val = d[off + IP6E_NEXT_AT];
          if (!push(out, LAYER_IPV6_EXT, off, end, val)) return out;
          out.aux[out.count - 1] = type;
          const later = type === IPPROTO_FRAGMENT && ipv6FragOffset(d, off) !== 0;
          off += len;
          if (later) return payload(out, off, end);
        }
        state = S_IPPROTO;
      } else if (val === ETH_P_ARP) {
        const len = arpLength(d, off, end);
        if (len < 0) {
          out.truncated = LAYER_ARP;
          return out;
        }
        push(out, LAYER_ARP, off, end, 0);
        return payload(out, off + len, end);
      } else return payload(out, off, end);
    } else if (state === S_LLC) {
      const len = llcHeaderLength(d, off, end);
      if (len < 0) {
        out.truncated = LAYER_LLC;
        return out;
      }
      // SNAP with OUI 0 carries an EtherType.
      const snapAt = off + len - SNAP_HLEN;
      const snap = llcIsSnap(d, off) && snapOui(d, snapAt) === 0;
      val = snap ? u16(d, snapAt + SNAP_TYPE_AT) : -1;
      push(out, LAYER_LLC, off, end, val);
      off += len;
      if (!snap) return payload(out, off, end);
      state = S_ETYPE;
    } else {
      if (val === IPPROTO_TCP) {
        const len = tcpHeaderLength(d, off, end);
        if (len <= 0) {
          if (len < 0) out.truncated = LAYER_TCP;
          else out.malformed = LAYER_TCP;
          return len < 0 ? out : payload(out, off, end);
        }
        push(out, LAYER_TCP, off, end, 0);
        // Gateways, time and management (issue 15, family 4): BGP by port.
        if (
          off + len < end &&
          (u16(d, off + TCP_SPORT_AT) === BGP_PORT || u16(d, off + TCP_DPORT_AT) === BGP_PORT)
        ) {
          push(out, LAYER_BGP, off + len, end, 0);
          return out;
        }
        return payload(out, off + len, end);
      } else if (val === IPPROTO_UDP) {
        if (off + UDP_HLEN > end) {
          out.truncated = LAYER_UDP;
          return out;
        }
        const ulen = u16(d, off + UDP_LEN_AT);
        if (ulen >= UDP_HLEN) end = Math.min(end, off + ulen);
        push(out, LAYER_UDP, off, end, 0);
        const sport = u16(d, off + UDP_SPORT_AT), dport = u16(d, off + UDP_DPORT_AT);
        const dns = sport === DNS_PORT || dport === DNS_PORT;
        off += UDP_HLEN;
        if (!dns) {
          // Gateways, time and management (issue 15, family 4): by port, in tcpdump's order.
          const app = udpGatewayKind(sport, dport);
          if (app === 0) return payload(out, off, end);
          if (off + GATEWAY_MINLEN[app] > end) {
            out.truncated = app;
            return out;
          }
          if (app === LAYER_SYSLOG) {
            const at = syslogTextAt(d, off, end);
            if (at === -2) out.truncated = LAYER_SYSLOG;
            if (at < 0) {
              if (at === -1) out.malformed = LAYER_SYSLOG;
              return at === -1 ? payload(out, off, end) : out;
            }
          }
          push(out, app, off, end, 0);
          // Cut short when the datagram the UDP header declares goes past the capture.
          if (off - UDP_HLEN + ulen > d.length) out.truncated = app;
          return out;
        }
        if (off + DNS_HLEN > end) {
          out.truncated = LAYER_DNS;
          return out;
        }
        push(out, LAYER_DNS, off, end, 0);
        if (!dnsFits(d, off, end)) out.truncated = LAYER_DNS;
        return out;
      } else if (val === IPPROTO_ICMP) {
        if (off + ICMP_MINLEN > end) {
          out.truncated = LAYER_ICMP;
          return out;
        }
        push(out, LAYER_ICMP, off, end, 0);
        return out;
      } else if (val === IPPROTO_IGMP) {
        if (off + IGMP_MINLEN > end) {
          out.truncated = LAYER_IGMP;
          return out;
        }
        push(out, LAYER_IGMP, off, end, 0);
        // The message length the IP header declares: it tells IGMP versions apart even when
        // the capture cut the message short.
        out.aux[out.count - 1] = declEnd - off;
        return out;
      } else if (val === IPPROTO_ICMPV6) {
        const t = d[off + ICMP6_TYPE_AT];
        const min = t === ND_NEIGHBOR_SOLICIT || t === ND_NEIGHBOR_ADVERT
          ? ND_NS_LEN
          : ICMP6_MINLEN;
        if (off + min > end) {
          out.truncated = LAYER_ICMPV6;
          return out;
        }
        push(out, LAYER_ICMPV6, off, end, 0);
        return out;
      } else if (val === IPPROTO_GRE) {
        const len = greHeaderLength(d, off, end);
        if (len < 0) {
          out.truncated = LAYER_GRE;
          return out;
        }
        val = u16(d, off + GRE_PROTO_AT);
        push(out, LAYER_GRE, off, end, val);
        const version = u16(d, off + GRE_FLAGS_AT) & GRE_VERSION;
        off += len;
        if (version !== 0) return payload(out, off, end);
        if (val === ETH_P_TEB) state = S_ETHER;
        else if (val === ETH_P_IP || val === ETH_P_IPV6) state = S_ETYPE;
        else return payload(out, off, end);
      } else if (val === IPPROTO_OSPF) {
        // Gateways, time and management (issue 15, family 4).
        if (off + OSPF_MINLEN > end) {
          out.truncated = LAYER_OSPF;
          return out;
        }
        push(out, LAYER_OSPF, off, end, 0);
        if (off + OSPF_HLEN > end || declEnd > d.length) out.truncated = LAYER_OSPF;
        return out;
      } else if (val === IPPROTO_VRRP) {
        // Gateways, time and management (issue 15, family 4).
        if (off >= end) {
          out.truncated = LAYER_VRRP;
          return out;
        }
        push(out, LAYER_VRRP, off, end, 0);
        if (off + VRRP_HLEN > end || declEnd > d.length) out.truncated = LAYER_VRRP;
        return out;
      } else if (val === IPPROTO_IPIP) {
        val = ETH_P_IP;
        state = S_ETYPE;
      } else if (val === IPPROTO_IPV6) {
        val = ETH_P_IPV6;
        state = S_ETYPE;
      } else return payload(out, off, end);
    }
  }
}
