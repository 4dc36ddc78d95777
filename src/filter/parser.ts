/**
 * Parser for pcap-filter(7) expressions, producing an AST the code generator walks.
 *
 * Follows libpcap's grammar: `and`/`or` share one precedence and associate left to right,
 * `not` binds tightest, and an address or number standing alone inherits the qualifiers of the
 * primitive before it (`host a or b`, `port 80 or 443`).
 *
 * @module
 */

import { FilterError, FilterSyntaxError } from "./errors.ts";
import { type Token, tokenize } from "./lexer.ts";
import { ICMP_CODE_AT, ICMP_TYPE_AT } from "../decode/icmp.ts";
import { ICMP6_CODE_AT, ICMP6_TYPE_AT } from "../decode/icmpv6.ts";
import {
  ETH_P_AARP,
  ETH_P_ARP,
  ETH_P_ATALK,
  ETH_P_CUST,
  ETH_P_DNA_DL,
  ETH_P_DNA_RC,
  ETH_P_DNA_RT,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_IPX,
  ETH_P_LAT,
  ETH_P_MPLS_UC,
  ETH_P_RARP,
  ICMP6_CERT_PATH_ADVERT,
  ICMP6_CERT_PATH_SOLICIT,
  ICMP6_DST_UNREACH,
  ICMP6_ECHO_REPLY,
  ICMP6_ECHO_REQUEST,
  ICMP6_HADISCOV_REPLY,
  ICMP6_HADISCOV_REQUEST,
  ICMP6_MCAST_ROUTER_ADVERT,
  ICMP6_MCAST_ROUTER_SOLICIT,
  ICMP6_MCAST_ROUTER_TERM,
  ICMP6_MOBILEPREFIX_ADVERT,
  ICMP6_MOBILEPREFIX_SOLICIT,
  ICMP6_NI_QUERY,
  ICMP6_NI_REPLY,
  ICMP6_PACKET_TOO_BIG,
  ICMP6_PARAM_PROB,
  ICMP6_ROUTER_RENUMBERING,
  ICMP6_TIME_EXCEEDED,
  ICMP_ECHO,
  ICMP_ECHOREPLY,
  ICMP_IREQ,
  ICMP_IREQREPLY,
  ICMP_MASKREPLY,
  ICMP_MASKREQ,
  ICMP_PARAMPROB,
  ICMP_REDIRECT,
  ICMP_ROUTERADVERT,
  ICMP_ROUTERSOLICIT,
  ICMP_SOURCEQUENCH,
  ICMP_TIMXCEED,
  ICMP_TSTAMP,
  ICMP_TSTAMPREPLY,
  ICMP_UNREACH,
  IPPROTO_AH,
  IPPROTO_ESP,
  IPPROTO_GRE,
  IPPROTO_ICMP,
  IPPROTO_ICMPV6,
  IPPROTO_IGMP,
  IPPROTO_IPV6,
  IPPROTO_PIM,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  IPPROTO_VRRP,
  MLD_LISTENER_DONE,
  MLD_LISTENER_QUERY,
  MLD_LISTENER_REPORT,
  MLDV2_LISTENER_REPORT,
  ND_INVERSE_ADVERT,
  ND_INVERSE_SOLICIT,
  ND_NEIGHBOR_ADVERT,
  ND_NEIGHBOR_SOLICIT,
  ND_REDIRECT,
  ND_ROUTER_ADVERT,
  ND_ROUTER_SOLICIT,
  SERVICES,
  TH_ACK,
  TH_CWR,
  TH_ECE,
  TH_FIN,
  TH_PUSH,
  TH_RST,
  TH_SYN,
  TH_URG,
} from "../decode/numbers.ts";
import { TCP_FLAGS_AT } from "../decode/tcp.ts";

/** Protocol qualifiers. `link` is an alias of `ether`. */
export type Proto =
  | "ether"
  | "ip"
  | "ip6"
  | "arp"
  | "rarp"
  | "tcp"
  | "udp"
  | "icmp"
  | "icmp6"
  | "sctp"
  | "igmp";

/** Direction qualifiers. */
export type Dir = "src" | "dst" | "src or dst" | "src and dst";

/** Address / port type qualifiers. */
export type AddrType = "host" | "net" | "port" | "portrange";

/** Qualifiers in force for a primitive (and inherited by a following bare id). */
export interface Qualifiers {
  proto?: Proto;
  dir?: Dir;
  type?: AddrType;
}

/** A value given to a host/net/port primitive. */
export type IdValue =
  | { kind: "ipv4"; addr: number; bits: number }
  | { kind: "ipv4net"; addr: number; mask: number }
  | { kind: "ipv6"; addr: Uint8Array; bits: number }
  | { kind: "mac"; addr: Uint8Array }
  | { kind: "num"; value: number }
  | { kind: "range"; lo: number; hi: number };

/** Arithmetic expressions (`ip[2:2] - 20`, `len`, constants). */
export type Arith =
  | { kind: "num"; value: number }
  | { kind: "len" }
  | { kind: "load"; proto: Proto; index: Arith; size: 1 | 2 | 4 }
  | { kind: "bin"; op: ArithOp; left: Arith; right: Arith }
  | { kind: "neg"; expr: Arith };

/** Binary arithmetic operators. */
export type ArithOp = "+" | "-" | "*" | "/" | "%" | "&" | "|" | "^" | "<<" | ">>";
/** Comparison operators (`==` is normalised to `=`). */
export type RelOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** The filter AST. */
export type FilterNode =
  | { kind: "true" }
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; expr: FilterNode }
  | { kind: "id"; qual: Qualifiers; value: IdValue; pos: number }
  | { kind: "proto"; proto: Proto }
  | { kind: "protonum"; proto?: "ether" | "ip" | "ip6"; value: number }
  | { kind: "broadcast" | "multicast"; proto?: "ether" | "ip" | "ip6" }
  | { kind: "less" | "greater"; value: number }
  | { kind: "inbound" | "outbound" }
  | { kind: "vlan"; id?: number }
  | { kind: "mpls"; label?: number }
  | { kind: "rel"; op: RelOp; left: Arith; right: Arith };

const PROTOS: ReadonlySet<string> = new Set([
  "ether",
  "link",
  "ip",
  "ip6",
  "arp",
  "rarp",
  "tcp",
  "udp",
  "icmp",
  "icmp6",
  "sctp",
  "igmp",
]);
const TYPES: ReadonlySet<string> = new Set(["host", "net", "port", "portrange"]);

/** Names usable after `ether proto`. */
export const ETHER_PROTO_NAMES: Readonly<Record<string, number>> = {
  ip: ETH_P_IP,
  ip6: ETH_P_IPV6,
  arp: ETH_P_ARP,
  rarp: ETH_P_RARP,
  atalk: ETH_P_ATALK,
  aarp: ETH_P_AARP,
  decnet: ETH_P_DNA_RT,
  lat: ETH_P_LAT,
  sca: ETH_P_CUST,
  moprc: ETH_P_DNA_RC,
  mopdl: ETH_P_DNA_DL,
  ipx: ETH_P_IPX,
  mpls: ETH_P_MPLS_UC,
};

/** Names usable after `ip proto` / `ip6 proto` / `proto`. */
export const IP_PROTO_NAMES: Readonly<Record<string, number>> = {
  icmp: IPPROTO_ICMP,
  igmp: IPPROTO_IGMP,
  tcp: IPPROTO_TCP,
  udp: IPPROTO_UDP,
  ip6: IPPROTO_IPV6,
  gre: IPPROTO_GRE,
  esp: IPPROTO_ESP,
  ah: IPPROTO_AH,
  icmp6: IPPROTO_ICMPV6,
  pim: IPPROTO_PIM,
  vrrp: IPPROTO_VRRP,
  sctp: IPPROTO_SCTP,
};

/** Service names usable as ports. */
export const PORT_NAMES: Readonly<Record<string, number>> = SERVICES;

/** Named constants tcpdump accepts in arithmetic. */
export const ARITH_CONSTANTS: Readonly<Record<string, number>> = {
  tcpflags: TCP_FLAGS_AT,
  "tcp-fin": TH_FIN,
  "tcp-syn": TH_SYN,
  "tcp-rst": TH_RST,
  "tcp-push": TH_PUSH,
  "tcp-ack": TH_ACK,
  "tcp-urg": TH_URG,
  "tcp-ece": TH_ECE,
  "tcp-cwr": TH_CWR,
  icmptype: ICMP_TYPE_AT,
  icmpcode: ICMP_CODE_AT,
  "icmp-echoreply": ICMP_ECHOREPLY,
  "icmp-unreach": ICMP_UNREACH,
  "icmp-sourcequench": ICMP_SOURCEQUENCH,
  "icmp-redirect": ICMP_REDIRECT,
  "icmp-echo": ICMP_ECHO,
  "icmp-routeradvert": ICMP_ROUTERADVERT,
  "icmp-routersolicit": ICMP_ROUTERSOLICIT,
  "icmp-timxceed": ICMP_TIMXCEED,
  "icmp-paramprob": ICMP_PARAMPROB,
  "icmp-tstamp": ICMP_TSTAMP,
  "icmp-tstampreply": ICMP_TSTAMPREPLY,
  "icmp-ireq": ICMP_IREQ,
  "icmp-ireqreply": ICMP_IREQREPLY,
  "icmp-maskreq": ICMP_MASKREQ,
  "icmp-maskreply": ICMP_MASKREPLY,
  icmp6type: ICMP6_TYPE_AT,
  icmp6code: ICMP6_CODE_AT,
  "icmp6-destinationunreach": ICMP6_DST_UNREACH,
  "icmp6-packettoobig": ICMP6_PACKET_TOO_BIG,
  "icmp6-timeexceeded": ICMP6_TIME_EXCEEDED,
  "icmp6-parameterproblem": ICMP6_PARAM_PROB,
  "icmp6-echo": ICMP6_ECHO_REQUEST,
  "icmp6-echoreply": ICMP6_ECHO_REPLY,
  "icmp6-multicastlistenerquery": MLD_LISTENER_QUERY,
  "icmp6-multicastlistenerreportv1": MLD_LISTENER_REPORT,
  "icmp6-multicastlistenerdone": MLD_LISTENER_DONE,
  "icmp6-routersolicit": ND_ROUTER_SOLICIT,
  "icmp6-routeradvert": ND_ROUTER_ADVERT,
  "icmp6-neighborsolicit": ND_NEIGHBOR_SOLICIT,
  "icmp6-neighboradvert": ND_NEIGHBOR_ADVERT,
  "icmp6-redirect": ND_REDIRECT,
  "icmp6-routerrenum": ICMP6_ROUTER_RENUMBERING,
  "icmp6-nodeinformationquery": ICMP6_NI_QUERY,
  "icmp6-nodeinformationresponse": ICMP6_NI_REPLY,
  "icmp6-ineighbordiscoverysolicit": ND_INVERSE_SOLICIT,
  "icmp6-ineighbordiscoveryadvert": ND_INVERSE_ADVERT,
  "icmp6-multicastlistenerreportv2": MLDV2_LISTENER_REPORT,
  "icmp6-homeagentdiscoveryrequest": ICMP6_HADISCOV_REQUEST,
  "icmp6-homeagentdiscoveryreply": ICMP6_HADISCOV_REPLY,
  "icmp6-mobileprefixsolicit": ICMP6_MOBILEPREFIX_SOLICIT,
  "icmp6-mobileprefixadvert": ICMP6_MOBILEPREFIX_ADVERT,
  "icmp6-certpathsolicit": ICMP6_CERT_PATH_SOLICIT,
  "icmp6-certpathadvert": ICMP6_CERT_PATH_ADVERT,
  "icmp6-multicastrouteradvert": ICMP6_MCAST_ROUTER_ADVERT,
  "icmp6-multicastroutersolicit": ICMP6_MCAST_ROUTER_SOLICIT,
  "icmp6-multicastrouterterm": ICMP6_MCAST_ROUTER_TERM,
};

const ARITH_PRECEDENCE: Readonly<Record<string, number>> = {
  "|": 1,
  "^": 1,
  "&": 2,
  "<<": 3,
  ">>": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
};
const REL_OPS: ReadonlySet<string> = new Set(["=", "==", "!=", "<", "<=", ">", ">="]);

/**
 * Deepest nesting of parentheses the parser follows. Each level is a few calls deep (a
 * parenthesis may open a boolean or an arithmetic group, tried in turn), and a JavaScript stack
 * holds a few thousand of those; deeper is a {@link FilterError}, not a stack overflow.
 */
export const MAX_NESTING = 1000;

/** Nesting past {@link MAX_NESTING}: final, never a reason to try another reading. */
class TooDeep extends FilterError {}

function ipv4Value(text: string): { addr: number; bits: number } {
  const parts = text.split(".").map(Number);
  let addr = 0;
  for (let i = 0; i < 4; i++) addr = addr * 256 + (parts[i] ?? 0);
  return { addr: addr >>> 0, bits: parts.length * 8 };
}

function ipv6Bytes(text: string): Uint8Array {
  const out = new Uint8Array(16);
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const words = (s: string): number[] => {
    if (s === "") return [];
    return s.split(":").flatMap((p) => {
      if (p.includes(".")) {
        const { addr } = ipv4Value(p);
        return [addr >>> 16, addr & 0xffff];
      }
      return [parseInt(p, 16)];
    });
  };
  const h = words(head);
  const t = tail === undefined ? [] : words(tail);
  const all = [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  all.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

function macBytes(text: string): Uint8Array {
  return Uint8Array.from(text.split(":").map((p) => parseInt(p, 16)));
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private last: Qualifiers | undefined;
  /** Parentheses open around the token being read. */
  private depth = 0;

  constructor(private readonly expr: string) {
    this.tokens = tokenize(expr);
  }

  parse(): FilterNode {
    if (this.peek().kind === "end") return { kind: "true" };
    const node = this.parseExpr();
    if (this.peek().kind !== "end") this.fail("'and', 'or' or end of expression");
    return node;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "end") this.i++;
    return t;
  }

  private isWord(t: Token, ...words: string[]): boolean {
    return t.kind === "word" && !t.escaped && words.includes(t.text);
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === "op" && ops.includes(t.text);
  }

  private fail(expected: string, t: Token = this.peek()): never {
    const found = t.kind === "end" ? "end of expression" : `'${t.text}'`;
    throw new FilterSyntaxError(expected, found, t.pos, this.expr);
  }

  private error(reason: string, pos: number): never {
    throw new FilterError(reason, pos, this.expr);
  }

  private expectOp(op: string): Token {
    const t = this.peek();
    if (!this.isOp(t, op)) this.fail(`'${op}'`);
    return this.next();
  }

  private parseExpr(): FilterNode {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      let kind: "and" | "or";
      if (this.isWord(t, "and") || this.isOp(t, "&&")) kind = "and";
      else if (this.isWord(t, "or") || this.isOp(t, "||")) kind = "or";
      else return left;
      this.next();
      left = { kind, left, right: this.parseUnary() };
    }
  }

  private parseUnary(): FilterNode {
    // `not not ... x` in a loop: a long run of them is no deeper than one.
    let nots = 0;
    while (this.isWord(this.peek(), "not") || this.isOp(this.peek(), "!")) {
      this.next();
      nots++;
    }
    let node = this.isOp(this.peek(), "(") ? this.parseParen() : this.parsePrimitive();
    for (; nots > 0; nots--) node = { kind: "not", expr: node };
    return node;
  }

  /** Runs `parse` one parenthesis deeper (at the `(`); past {@link MAX_NESTING} that is an error. */
  private nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING) {
      const reason = `parentheses nested more than ${MAX_NESTING} deep`;
      throw new TooDeep(reason, this.peek().pos, this.expr);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** `(` starts either a nested boolean expression or an arithmetic operand; try both. */
  private parseParen(): FilterNode {
    const start = this.i;
    const saved = this.last;
    let boolError: FilterError;
    try {
      const inner = this.nested(() => {
        this.next();
        return this.parseExpr();
      });
      this.expectOp(")");
      if (!this.startsRelOp()) return inner;
      this.fail("'and', 'or' or ')'");
    } catch (e) {
      if (!(e instanceof FilterError) || e instanceof TooDeep) throw e;
      boolError = e;
    }
    const boolEnd = this.i;
    this.i = start;
    this.last = saved;
    try {
      return this.parseRelation();
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      if (e.position >= boolError.position) throw e;
      this.i = boolEnd;
      throw boolError;
    }
  }

  private startsRelOp(): boolean {
    const t = this.peek();
    return t.kind === "op" && (REL_OPS.has(t.text) || t.text in ARITH_PRECEDENCE);
  }

  private parsePrimitive(): FilterNode {
    const t = this.peek();
    if (t.kind === "word" && !t.escaped) {
      switch (t.text) {
        case "broadcast":
        case "multicast":
        case "inbound":
        case "outbound":
          this.next();
          return { kind: t.text };
        case "less":
        case "greater": {
          this.next();
          return { kind: t.text, value: this.parseNumberToken("a length") };
        }
        case "vlan":
        case "mpls": {
          this.next();
          const n = this.peek();
          const has = n.kind === "num";
          if (has) this.next();
          if (t.text === "vlan") {
            if (has && n.value > 4095) this.error(`VLAN tag ${n.value} greater than 4095`, n.pos);
            return { kind: "vlan", id: has ? n.value : undefined };
          }
          if (has && n.value > 0xfffff) this.error(`MPLS label ${n.value} too large`, n.pos);
          return { kind: "mpls", label: has ? n.value : undefined };
        }
        case "proto": {
          this.next();
          return { kind: "protonum", value: this.parseProtoValue(IP_PROTO_NAMES) };
        }
        case "len":
          return this.parseRelation();
        case "gateway":
          this.error("'gateway' needs host name resolution, which rawcap does not do", t.pos);
      }
      if (PROTOS.has(t.text)) {
        if (this.isOp(this.peek(1), "[")) return this.parseRelation();
        return this.parseQualified();
      }
      if (t.text === "src" || t.text === "dst" || TYPES.has(t.text)) return this.parseQualified();
      if (t.text in ARITH_CONSTANTS) return this.parseRelation();
    }
    if (this.last && this.isBareId(t)) {
      return this.parseId({ ...this.last });
    }
    if (t.kind === "num" || this.isOp(t, "-")) return this.parseRelation();
    if (t.kind === "word" && !this.last) {
      this.fail("a primitive (rawcap cannot resolve host names)");
    }
    this.fail("a primitive");
  }

  /** An id standing alone, which inherits the previous qualifiers. */
  private isBareId(t: Token): boolean {
    if (t.kind === "ipv4" || t.kind === "ipv6" || t.kind === "mac") return true;
    if (t.kind === "word") return t.escaped || !(t.text in ARITH_CONSTANTS);
    if (t.kind === "num") {
      const n = this.peek(1);
      return !(n.kind === "op" && (REL_OPS.has(n.text) || n.text in ARITH_PRECEDENCE));
    }
    return false;
  }

  private parseQualified(): FilterNode {
    const qual: Qualifiers = {};
    const start = this.peek();
    if (start.kind === "word" && !start.escaped && PROTOS.has(start.text)) {
      this.next();
      qual.proto = (start.text === "link" ? "ether" : start.text) as Proto;
      const n = this.peek();
      if (this.isWord(n, "proto")) {
        this.next();
        if (!["ether", "ip", "ip6"].includes(qual.proto)) {
          this.error(`'${qual.proto} proto' is not supported`, n.pos);
        }
        const names = qual.proto === "ether" ? ETHER_PROTO_NAMES : IP_PROTO_NAMES;
        return {
          kind: "protonum",
          proto: qual.proto as "ether" | "ip" | "ip6",
          value: this.parseProtoValue(names),
        };
      }
      if (this.isWord(n, "broadcast", "multicast")) {
        this.next();
        if (!["ether", "ip", "ip6"].includes(qual.proto)) {
          this.error(`'${n.text}' is not supported for '${qual.proto}'`, n.pos);
        }
        if (qual.proto === "ip6" && n.text === "broadcast") {
          this.error("only link-layer/IP broadcast filters supported", n.pos);
        }
        return { kind: n.text as "broadcast", proto: qual.proto as "ether" | "ip" | "ip6" };
      }
      if (!this.isWord(n, "src", "dst", "host", "net", "port", "portrange")) {
        if (qual.proto === "ether") this.fail("'host', 'src', 'dst', 'proto' or 'broadcast'");
        this.last = undefined;
        return { kind: "proto", proto: qual.proto };
      }
    }
    const d = this.peek();
    if (this.isWord(d, "src", "dst")) {
      this.next();
      qual.dir = d.text as Dir;
      const c = this.peek();
      const other = d.text === "src" ? "dst" : "src";
      if (this.isWord(c, "or", "and") && this.isWord(this.peek(1), other)) {
        this.next();
        this.next();
        qual.dir = `src ${c.text}${" dst"}` as Dir;
      }
    }
    const ty = this.peek();
    if (this.isWord(ty, "host", "net", "port", "portrange")) {
      this.next();
      qual.type = ty.text as AddrType;
    }
    return this.parseId(qual);
  }

  private parseId(qual: Qualifiers): FilterNode {
    const t = this.next();
    this.last = qual;
    const type = qual.type ?? "host";
    const pos = t.pos;
    let value: IdValue;
    switch (t.kind) {
      case "ipv4": {
        const { addr, bits } = ipv4Value(t.text);
        value = { kind: "ipv4", addr, bits };
        if (type === "net") value = this.parseNetSuffix(addr, bits, t);
        break;
      }
      case "num":
        if (type === "net") {
          value = this.parseNetSuffix((t.value << 24) >>> 0, 8, t);
        } else if (type === "port" || type === "portrange") {
          value = this.parsePortValue(t.value, type, pos);
        } else {
          value = { kind: "ipv4", addr: t.value, bits: 32 };
        }
        break;
      case "ipv6": {
        let bits = 128;
        if (this.isOp(this.peek(), "/")) {
          this.next();
          bits = this.parseNumberToken("a prefix length");
          if (bits > 128) this.error(`mask length must be <= 128`, pos);
        }
        value = { kind: "ipv6", addr: ipv6Bytes(t.text), bits };
        break;
      }
      case "mac":
        value = { kind: "mac", addr: macBytes(t.text) };
        break;
      case "word": {
        const port = PORT_NAMES[t.text];
        if ((type === "port" || type === "portrange") && port !== undefined) {
          value = this.parsePortValue(port, type, pos);
          break;
        }
        this.error(`cannot resolve host names ('${t.text}')`, pos);
        break;
      }
      default:
        this.fail("an address, network or port", t);
    }
    return { kind: "id", qual, value, pos };
  }

  private parsePortValue(lo: number, type: AddrType, pos: number): IdValue {
    if (type === "port") {
      if (lo > 65535) this.error(`illegal port number ${lo} > 65535`, pos);
      return { kind: "num", value: lo };
    }
    if (!this.isOp(this.peek(), "-")) {
      if (lo > 65535) this.error(`illegal port number ${lo} > 65535`, pos);
      return { kind: "range", lo, hi: lo };
    }
    this.next();
    const t = this.next();
    let hi: number;
    if (t.kind === "num") hi = t.value;
    else if (t.kind === "word" && PORT_NAMES[t.text] !== undefined) hi = PORT_NAMES[t.text];
    else this.fail("a port number", t);
    if (lo > 65535 || hi > 65535) this.error(`illegal port number > 65535`, pos);
    return { kind: "range", lo: Math.min(lo, hi), hi: Math.max(lo, hi) };
  }

  private parseNetSuffix(addr: number, bits: number, t: Token): IdValue {
    let mask = bits >= 32 ? 0xffffffff : (~(0xffffffff >>> bits)) >>> 0;
    if (this.isOp(this.peek(), "/")) {
      this.next();
      const n = this.parseNumberToken("a prefix length");
      if (n > 32) this.error(`mask length must be <= 32`, t.pos);
      mask = n === 0 ? 0 : (~(0xffffffff >>> n)) >>> 0;
    } else if (this.isWord(this.peek(), "mask")) {
      this.next();
      const m = this.next();
      if (m.kind !== "ipv4" || m.text.split(".").length !== 4) this.fail("a dotted netmask", m);
      mask = ipv4Value(m.text).addr;
    }
    if ((addr & ~mask) >>> 0 !== 0) this.error(`non-network bits set in "${t.text}"`, t.pos);
    return { kind: "ipv4net", addr, mask };
  }

  private parseNumberToken(what: string): number {
    const t = this.peek();
    if (t.kind !== "num") this.fail(what);
    this.next();
    return t.value;
  }

  private parseProtoValue(names: Readonly<Record<string, number>>): number {
    const t = this.next();
    if (t.kind === "num") return t.value;
    if (t.kind === "word" && names[t.text] !== undefined) return names[t.text];
    this.fail("a protocol number or name", t);
  }

  private parseRelation(): FilterNode {
    const left = this.parseArith(0);
    const t = this.peek();
    if (!(t.kind === "op" && REL_OPS.has(t.text))) this.fail("a comparison operator");
    this.next();
    const right = this.parseArith(0);
    this.last = undefined;
    return { kind: "rel", op: (t.text === "==" ? "=" : t.text) as RelOp, left, right };
  }

  private parseArith(minPrec: number): Arith {
    let left = this.parseArithUnary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === "op" ? ARITH_PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec <= minPrec) return left;
      this.next();
      const right = this.parseArith(prec);
      left = { kind: "bin", op: t.text as ArithOp, left, right };
    }
  }

  private parseArithUnary(): Arith {
    const t = this.peek();
    if (this.isOp(t, "-")) {
      // `- - - x` in a loop, as `not` above.
      let negs = 0;
      while (this.isOp(this.peek(), "-")) {
        this.next();
        negs++;
      }
      let expr = this.parseArithUnary();
      for (; negs > 0; negs--) expr = { kind: "neg", expr };
      return expr;
    }
    if (this.isOp(t, "(")) {
      const inner = this.nested(() => {
        this.next();
        return this.parseArith(0);
      });
      this.expectOp(")");
      return inner;
    }
    if (t.kind === "num") {
      this.next();
      return { kind: "num", value: t.value };
    }
    if (t.kind === "word" && !t.escaped) {
      if (t.text === "len") {
        this.next();
        return { kind: "len" };
      }
      if (t.text in ARITH_CONSTANTS) {
        this.next();
        return { kind: "num", value: ARITH_CONSTANTS[t.text] };
      }
      if (PROTOS.has(t.text) && this.isOp(this.peek(1), "[")) {
        this.next();
        this.next();
        const index = this.parseArith(0);
        let size: 1 | 2 | 4 = 1;
        if (this.isOp(this.peek(), ":")) {
          this.next();
          const s = this.peek();
          if (s.kind !== "num") this.fail("a size (1, 2 or 4)");
          if (s.value !== 1 && s.value !== 2 && s.value !== 4) {
            this.error("data size must be 1, 2, or 4", s.pos);
          }
          this.next();
          size = s.value as 1 | 2 | 4;
        }
        this.expectOp("]");
        const proto = (t.text === "link" ? "ether" : t.text) as Proto;
        return { kind: "load", proto, index, size };
      }
    }
    this.fail("a number, 'len' or a packet accessor like ip[0]");
  }
}

/** Parse a filter expression. Throws {@link FilterSyntaxError} or {@link FilterError}. */
export function parseFilter(expr: string): FilterNode {
  return new Parser(expr).parse();
}
