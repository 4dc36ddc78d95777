/**
 * Text of TCP and UDP (ports, flags, options, -v checksums), and the transport checksum check
 * ICMPv6 shares.
 *
 * @module
 */

import { hex2, u16, u32 } from "../../decode/bytes.ts";
import * as frameModule from "../../decode/frame.ts";
import { checksumFor, ipv4HeaderLength, ipv4PseudoSum, onesSum } from "../../decode/ipv4.ts";
import * as ipv4Module from "../../decode/ipv4.ts";
import { ipv6PseudoSum } from "../../decode/ipv6.ts";
import * as numbersModule from "../../decode/numbers.ts";
import { tcpDataOffset, tcpOptionLength } from "../../decode/tcp.ts";
import * as tcpModule from "../../decode/tcp.ts";
import * as udpModule from "../../decode/udp.ts";
import { hex4, type PrintContext } from "./context.ts";
import { addressing, dnsOverTcp, llmnr } from "./addressing.ts";
import { dns } from "./dns.ts";
import { DNS_HLEN } from "../../decode/dns.ts";
// Overlays and encapsulations (issue 15 family 3).
import { geneve, vxlan } from "./overlay.ts";
import { esp } from "./ipsec.ts";
import { NON_ESP_MARKER_LEN } from "../../decode/ipsec.ts";
import { bgp, udpGateway } from "./gateways.ts";
import { http, sip, ssh } from "./apphints.ts";

// Imported constants copied into module constants: V8 folds those into the code, while it
// reads an imported binding from its module cell at every use.
const { LAYER_DNS, LAYER_HTTP, LAYER_IPV4, LAYER_IPV6, LAYER_IPV6_EXT, LAYER_SSH, tcpHintKind } =
  frameModule;
const { IP_MF, IP_OFFMASK, IPV4_OFF_AT } = ipv4Module;
const {
  BGP_PORT,
  SIP_PORT,
  IPPROTO_FRAGMENT,
  IPPROTO_TCP,
  IPPROTO_UDP,
  TCP_FLAG_LETTERS,
  TCP_OPTIONS,
  TCPOPT_EOL,
  TCPOPT_MAXSEG,
  TCPOPT_NOP,
  TCPOPT_SACK,
  TCPOPT_SACK_PERMITTED,
  TCPOPT_TIMESTAMP,
  TCPOPT_WINDOW,
  TH_ACK,
  TH_FIN,
  TH_RST,
  TH_SYN,
  TH_URG,
} = numbersModule;
const {
  TCP_DPORT_AT,
  TCP_FLAGS_AT,
  TCP_MIN_HLEN,
  TCP_SPORT_AT,
  TCP_SUM_AT,
  TCP_URP_AT,
  TCP_WIN_AT,
  TCPOLEN_SACK_BLOCK,
  TCPOPT_DATA_AT,
  TCPOPT_SACK_RIGHT_AT,
  TCPOPT_TS_ECR_AT,
} = tcpModule;
const { UDP_DPORT_AT, UDP_HLEN, UDP_LEN_AT, UDP_SPORT_AT, UDP_SUM_AT } = udpModule;
// Overlays and encapsulations (issue 15 family 3).
const { GENEVE_PORT, IPSEC_NAT_T_PORT, VXLAN_PORT } = numbersModule;
const { LAYER_ESP, udpPortClaimed } = frameModule;

/** `src.sport > dst.dport: `, or the ports alone; TCP and UDP put them at the same offsets. */
export function ports(c: PrintContext, off: number): string {
  const sp = u16(c.d, off + TCP_SPORT_AT), dp = u16(c.d, off + TCP_DPORT_AT);
  return c.addrs ? c.src + "." + sp + " > " + c.dst + "." + dp + ": " : sp + " > " + dp + ": ";
}

/** True when the IP packet at layer `ip` is one fragment of a larger datagram. */
function fragmented(c: PrintContext, ip: number): boolean {
  const ds = c.ds;
  if (ds.kind[ip] === LAYER_IPV4) {
    return (u16(c.d, ds.start[ip] + IPV4_OFF_AT) & (IP_MF | IP_OFFMASK)) !== 0;
  }
  for (let i = ip + 1; i < ds.count && ds.kind[i] === LAYER_IPV6_EXT; i++) {
    if (ds.aux[i] === IPPROTO_FRAGMENT) return true;
  }
  return false;
}

/**
 * The checksum the field at `at` of the `len`-octet segment of protocol `proto` at `off`
 * should hold (pseudo header of the IP layer in the context), or -1 when it cannot be checked
 * (cut short, a fragment); a correct field is returned as it is.
 */
export function transportChecksum(
  c: PrintContext,
  proto: number,
  off: number,
  len: number,
  at: number,
): number {
  const d = c.d, ds = c.ds, ip = c.ip;
  if (len < 0 || off + len > d.length || off + len > ds.end[ip] || fragmented(c, ip)) return -1;
  const ipOff = ds.start[ip];
  const pseudo = ds.kind[ip] === LAYER_IPV4
    ? ipv4PseudoSum(d, ipOff, ipv4HeaderLength(d, ipOff), proto, len)
    : ipv6PseudoSum(d, ipOff, ds.end[ip], proto, len);
  if (onesSum(d, off, off + len, pseudo) === 0xffff) return u16(d, at);
  return checksumFor(d, off, off + len, at, pseudo);
}

/** tcpdump's flag letters for each value of the flag byte ("none" for 0). */
const TCP_FLAGS: readonly string[] = Array.from({ length: 256 }, (_, f) => {
  let s = "";
  for (let b = 0; b < TCP_FLAG_LETTERS.length; b++) if (f & (1 << b)) s += TCP_FLAG_LETTERS[b];
  return s || "none";
});

// Option names with what follows them, made once (tcpOptions runs for every SYN).
const EOL = TCP_OPTIONS[TCPOPT_EOL], NOP = TCP_OPTIONS[TCPOPT_NOP];
const SACK_OK = TCP_OPTIONS[TCPOPT_SACK_PERMITTED], SACK = TCP_OPTIONS[TCPOPT_SACK];
const MSS_ = TCP_OPTIONS[TCPOPT_MAXSEG] + " ", WSCALE_ = TCP_OPTIONS[TCPOPT_WINDOW] + " ";
const SACK_ = SACK + " ", TS_VAL_ = TCP_OPTIONS[TCPOPT_TIMESTAMP] + " val ";

/** The options in `[off, end)`, comma-separated; SACK edges less `sackBase` (relative). */
function tcpOptions(d: Uint8Array, off: number, end: number, sackBase: number): string {
  let s = "";
  for (let i = off; i < end;) {
    if (s !== "") s += ",";
    const len = tcpOptionLength(d, i, end);
    const kind = d[i], data = i + TCPOPT_DATA_AT;
    if (len < 0) return s + (kind === TCPOPT_SACK ? SACK : "") + "[bad opt]";
    if (kind === TCPOPT_EOL) {
      s += EOL;
      break;
    }
    if (kind === TCPOPT_NOP) s += NOP;
    else if (kind === TCPOPT_MAXSEG) s += MSS_ + u16(d, data);
    else if (kind === TCPOPT_WINDOW) s += WSCALE_ + d[data];
    else if (kind === TCPOPT_SACK_PERMITTED) s += SACK_OK;
    else if (kind === TCPOPT_SACK) {
      s += SACK_ + (len - TCPOPT_DATA_AT) / TCPOLEN_SACK_BLOCK + " ";
      for (let b = data; b < i + len; b += TCPOLEN_SACK_BLOCK) {
        s += "{" + ((u32(d, b) - sackBase) >>> 0) + ":" +
          ((u32(d, b + TCPOPT_SACK_RIGHT_AT) - sackBase) >>> 0) + "}";
      }
    } else if (kind === TCPOPT_TIMESTAMP) {
      s += TS_VAL_ + u32(d, data) + " ecr " + u32(d, i + TCPOPT_TS_ECR_AT);
    } else {
      s += "unknown-" + kind;
      if (len > TCPOPT_DATA_AT) s += " 0x";
      for (let b = data; b < i + len; b++) s += hex2(d[b]);
    }
    i += len;
  }
  return s;
}

/** Most bytes of RST data shown (MAX_RST_DATA_LEN). */
const MAX_RST_DATA = 30;

/** tcpdump's ` [RST text]`: the data a reset carries, with `M-` and `^` escapes. */
function rstData(d: Uint8Array, from: number, to: number): string {
  let s = " [RST";
  if (to - from > MAX_RST_DATA) {
    to = from + MAX_RST_DATA;
    s += "+";
  }
  s += " ";
  for (let i = from; i < to; i++) {
    let c = d[i];
    if (c > 0x7f) {
      c &= 0x7f;
      s += "M-";
    }
    if (c < 0x20 || c === 0x7f) {
      c ^= 0x40;
      s += "^";
    }
    s += String.fromCharCode(c);
  }
  return s + "]";
}

/** The TCP layer `k` of the IP layer in the context. */
export function tcp(c: PrintContext, k: number): string {
  const d = c.d, off = c.ds.start[k], hl = tcpDataOffset(d, off), flags = d[off + TCP_FLAGS_AT];
  const payLen = c.payLen, dataLen = Math.max(0, payLen - hl);
  let s = ports(c, off);
  if (c.quiet) return s + "tcp " + dataLen;
  s += "Flags [" + TCP_FLAGS[flags] + "]";
  if (c.verbose && c.checksums) {
    const want = transportChecksum(c, IPPROTO_TCP, off, payLen, off + TCP_SUM_AT);
    if (want >= 0) {
      const field = u16(d, off + TCP_SUM_AT);
      s += ", cksum 0x" + hex4(field) +
        (want === field ? " (correct)" : " (incorrect -> 0x" + hex4(want) + ")");
    }
  }
  // addressing (issue 15b): relative numbers unless -S.
  const r = c.tcpSeq.relate(c, off, flags, c.relative);
  if (dataLen > 0 || flags & (TH_SYN | TH_FIN | TH_RST)) {
    s += ", seq " + r.seq;
    if (dataLen > 0) s += ":" + ((r.seq + dataLen) >>> 0);
  }
  if (flags & TH_ACK) s += ", ack " + r.ack;
  s += ", win " + u16(d, off + TCP_WIN_AT);
  if (flags & TH_URG) s += ", urg " + u16(d, off + TCP_URP_AT);
  if (hl > TCP_MIN_HLEN) {
    s += ", options [" + tcpOptions(d, off + TCP_MIN_HLEN, off + hl, r.sackBase) + "]";
  }
  s += ", length " + dataLen;
  // Gateways, time and management (issue 15, family 4).
  const sp = u16(d, off + TCP_SPORT_AT), dp = u16(d, off + TCP_DPORT_AT);
  const isBgp = sp === BGP_PORT || dp === BGP_PORT;
  // Application hints (issue 15, family 5): SSH, then HTTP, before DNS as tcpdump tries them.
  const hint = isBgp ? 0 : tcpHintKind(sp, dp);
  const text = dataLen > 0 && !(c.verbose && flags & TH_RST);
  if (text && hint === LAYER_SSH) s += ssh(c, off + hl, dataLen);
  if (text && hint === LAYER_HTTP) s += http(c, off + hl, dataLen);
  // addressing (issue 15b): DNS over TCP, unless -v shows a reset's data.
  if (text && hint !== LAYER_SSH && hint !== LAYER_HTTP && !isBgp) {
    s += dnsOverTcp(c, k, off + hl, dataLen);
  }
  if (dataLen > 0 && isBgp) s += bgp(c, off + hl, dataLen);
  if (c.verbose && flags & TH_RST && dataLen > 0) {
    s += rstData(d, off + hl, Math.min(off + hl + dataLen, d.length));
  }
  return s;
}

/** The UDP layer `k` of the IP layer in the context, and DNS in it. */
export function udp(c: PrintContext, k: number): string {
  const d = c.d, ds = c.ds, off = ds.start[k], ulen = u16(d, off + UDP_LEN_AT);
  let s = ports(c, off);
  if (ulen < UDP_HLEN) return s + "UDP, bad length " + ulen + " < " + UDP_HLEN;
  if (c.quiet) return s + "UDP, length " + (ulen - UDP_HLEN);
  // tcpdump checks UDP over IPv4 only from -vv on.
  if (c.verbose && c.checksums && ds.kind[c.ip] === LAYER_IPV6) {
    const want = transportChecksum(c, IPPROTO_UDP, off, ulen, off + UDP_SUM_AT);
    const field = u16(d, off + UDP_SUM_AT);
    if (want >= 0) {
      s += want === field
        ? "[udp sum ok] "
        : "[bad udp cksum 0x" + hex4(field) + " -> 0x" + hex4(want) + "!] ";
    }
  }
  // Ports no decoder claims: the bare line, without the checks below.
  if (!udpPortClaimed(u16(d, off + UDP_SPORT_AT)) && !udpPortClaimed(u16(d, off + UDP_DPORT_AT))) {
    return s + "UDP, length " + (ulen - UDP_HLEN);
  }
  // addressing (issue 15b): tcpdump 4.99 prints LLMNR as bare UDP.
  if (!llmnr(c, k) && k + 1 < ds.count && ds.kind[k + 1] === LAYER_DNS) {
    return s + dns(c, k + 1, ulen - UDP_HLEN);
  }
  if (!llmnr(c, k) && ds.truncated === LAYER_DNS) {
    // A whole datagram too short for a DNS header is invalid; one the capture cut is "[|domain]".
    const len = ulen - UDP_HLEN;
    if (len < DNS_HLEN && off + ulen <= ds.end[k]) {
      return s + "domain [length " + len + " < " + DNS_HLEN + "] (invalid)";
    }
    return s + " [|domain]";
  }
  // addressing (issue 15b): DHCP, DHCPv6, mDNS, LLMNR
  const a = addressing(c, k, ulen - UDP_HLEN);
  if (a !== "") return s + a;
  // Overlays and encapsulations (issue 15 family 3).
  const sport = u16(d, off + UDP_SPORT_AT), dport = u16(d, off + UDP_DPORT_AT);
  if (sport === VXLAN_PORT || dport === VXLAN_PORT) {
    return s + vxlan(c, off + UDP_HLEN, ulen - UDP_HLEN);
  }
  if (sport === GENEVE_PORT || dport === GENEVE_PORT) {
    return s + geneve(c, off + UDP_HLEN, ulen - UDP_HLEN);
  }
  if (c.kind(k + 1) === LAYER_ESP) {
    return s + "UDP-encap: " + esp(c, ds.start[k + 1], ulen - UDP_HLEN);
  }
  if (
    (sport === IPSEC_NAT_T_PORT || dport === IPSEC_NAT_T_PORT) &&
    off + UDP_HLEN + NON_ESP_MARKER_LEN > d.length
  ) return s + " [|isakmp_rfc3948]";
  // Gateways, time and management (issue 15, family 4).
  const g = udpGateway(c, k + 1, ulen - UDP_HLEN);
  if (g !== "") return s + g;
  // Application hints (issue 15, family 5): SIP after the others.
  if (sport === SIP_PORT || dport === SIP_PORT) return s + sip(c, off + UDP_HLEN, ulen - UDP_HLEN);
  return s + "UDP, length " + (ulen - UDP_HLEN);
}
