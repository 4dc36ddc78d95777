/**
 * Tokenizer for pcap-filter expressions, matching libpcap's scanner (scanner.l): at each
 * position the longest token wins, and among tokens of the same length the one listed first
 * in the scanner (keywords, then MAC addresses, numbers, dotted numbers, IPv6 addresses, names).
 * So `smtp-domain`, `1-1024` and `len-14` are each one name, `abcdef000003` is a MAC address,
 * `1.2.3` a dotted number, and keywords are lower case only (`TCP` is a name).
 *
 * @module
 */

import { FilterError, FilterSyntaxError } from "./errors.ts";

/**
 * Token kinds. `word` covers keywords and names; `num` is a plain number; `ipv4` a dotted number
 * of 2 to 4 parts; `aid` an ARCnet address (`$ab`).
 */
export type TokenKind = "word" | "num" | "ipv4" | "ipv6" | "mac" | "aid" | "op" | "end";

/** One token with its character offset in the expression. */
export interface Token {
  kind: TokenKind;
  /** Source text as written (for an escaped `word`, without the backslash). */
  text: string;
  /** Numeric value of a `num` token. */
  value: number;
  /** A `word` written with a leading backslash (`\ip`): never a keyword. */
  escaped: boolean;
  /** Character offset of the first character. */
  pos: number;
}

/** Every keyword of libpcap's scanner (1.10), including the named numbers (`tcp-syn`). */
export const KEYWORDS: ReadonlySet<string> = new Set([
  ..."dst src link ether ppp slip fddi tr wlan arp rarp ip sctp tcp udp icmp igmp igrp pim vrrp"
    .split(" "),
  ..."carp radio ip6 icmp6 ah esp atalk aarp decnet lat sca moprc mopdl iso esis es-is isis is-is"
    .split(" "),
  ..."l1 l2 iih lsp snp csnp psnp clnp stp ipx netbeui host net mask port portrange proto"
    .split(" "),
  ..."protochain gateway type subtype direction dir address1 addr1 address2 addr2 address3 addr3"
    .split(" "),
  ..."address4 addr4 ra ta less greater byte broadcast multicast and or not len length inbound"
    .split(" "),
  ..."outbound ifindex vlan mpls pppoed pppoes geneve vxlan lane llc metac bcc oam oamf4 oamf4ec"
    .split(" "),
  ..."oamf4sc sc ilmic vpi vci connectmsg metaconnect on ifname rset ruleset rnr rulenum srnr"
    .split(" "),
  ..."subrulenum reason action fisu lssu lsu msu hfisu hlssu hmsu sio opc dpc sls hsio hopc hdpc"
    .split(" "),
  ..."hsls icmptype icmpcode icmp-echoreply icmp-unreach icmp-sourcequench icmp-redirect"
    .split(" "),
  ..."icmp-echo icmp-routeradvert icmp-routersolicit icmp-timxceed icmp-paramprob icmp-tstamp"
    .split(" "),
  ..."icmp-tstampreply icmp-ireq icmp-ireqreply icmp-maskreq icmp-maskreply icmp6type icmp6code"
    .split(" "),
  ..."icmp6-destinationunreach icmp6-packettoobig icmp6-timeexceeded icmp6-parameterproblem"
    .split(" "),
  ..."icmp6-echo icmp6-echoreply icmp6-multicastlistenerquery icmp6-multicastlistenerreportv1"
    .split(" "),
  ..."icmp6-multicastlistenerdone icmp6-routersolicit icmp6-routeradvert icmp6-neighborsolicit"
    .split(" "),
  ..."icmp6-neighboradvert icmp6-redirect icmp6-routerrenum icmp6-nodeinformationquery"
    .split(" "),
  ..."icmp6-nodeinformationresponse icmp6-ineighbordiscoverysolicit"
    .split(" "),
  ..."icmp6-ineighbordiscoveryadvert icmp6-multicastlistenerreportv2"
    .split(" "),
  ..."icmp6-homeagentdiscoveryrequest icmp6-homeagentdiscoveryreply icmp6-mobileprefixsolicit"
    .split(" "),
  ..."icmp6-mobileprefixadvert icmp6-certpathsolicit icmp6-certpathadvert"
    .split(" "),
  ..."icmp6-multicastrouteradvert icmp6-multicastroutersolicit icmp6-multicastrouterterm"
    .split(" "),
  ..."tcpflags tcp-fin tcp-syn tcp-rst tcp-push tcp-ack tcp-urg tcp-ece tcp-cwr".split(" "),
]);

/** Two-character operators; the one-character ones are `OPS1`. */
const OPS2 = ["&&", "||", "<<", ">>", "==", "!=", "<=", ">="];
const OPS1 = "+-*/%:[]!<>()&|^=";

/** A number: decimal (octal with a leading 0) or 0x hex. */
const HEX_NUM = /0[xX][0-9A-Fa-f]+/y;
const DEC_NUM = /[0-9]+/y;
/** MAC-48 spellings: colon, dash or dot separated pairs, dotted quads of 4, or 12 digits. */
const MAC =
  /(?:[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}|[0-9A-Fa-f]{1,2}(?:-[0-9A-Fa-f]{1,2}){5}|[0-9A-Fa-f]{1,2}(?:\.[0-9A-Fa-f]{1,2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{12})/y;
/** Colon-separated pairs that are no MAC address: libpcap's "invalid ethernet address". */
const BAD_MAC = /[0-9A-Fa-f]{1,2}:+(?:[0-9A-Fa-f]{1,2}:+)+/y;
const AID = /\$[0-9A-Fa-f]{1,2}/y;
/** The characters of a name (its last one cannot be `-` or `_`). */
const NAME_CHARS = /[A-Za-z0-9][-_.A-Za-z0-9]*/y;
const ESCAPED = /\\[^ !()\n\t]+/y;
const V6_CHARS = /[0-9A-Fa-f:.]+/y;

function matchAt(re: RegExp, s: string, i: number): string {
  re.lastIndex = i;
  return re.exec(s)?.[0] ?? "";
}

/** Longest match of one alternative among several sticky regexes at `i`. */
function longestOf(res: RegExp[], s: string, i: number): string {
  let best = "";
  for (const re of res) {
    const m = matchAt(re, s, i);
    if (m.length > best.length) best = m;
  }
  return best;
}

/** A dotted number of 2 to 4 parts (`{N}.{N}`, ...), longest first. */
function dotted(s: string, i: number): string {
  let best = "";
  let at = i;
  for (let parts = 1; parts <= 4; parts++) {
    const n = longestOf([DEC_NUM, HEX_NUM], s, at);
    if (n === "") break;
    at += n.length;
    if (parts >= 2) best = s.slice(i, at);
    if (s[at] !== ".") break;
    at++;
  }
  return best;
}

/** An IPv6 group: 1 to 4 hex digits. */
const GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** True when `t` is one of libpcap's IPv6 address forms (V6 in scanner.l). */
export function isIpv6Text(t: string): boolean {
  const halves = t.split("::");
  if (halves.length > 2) return false;
  let groups = 0;
  for (let h = 0; h < halves.length; h++) {
    if (halves[h] === "") continue;
    const parts = halves[h].split(":");
    for (let p = 0; p < parts.length; p++) {
      const last = h === halves.length - 1 && p === parts.length - 1;
      if (last && parts[p].includes(".")) {
        if (dotted(parts[p], 0) !== parts[p] || parts[p].split(".").length !== 4) return false;
        groups += 2;
      } else if (GROUP.test(parts[p])) groups++;
      else return false;
    }
  }
  return halves.length === 2 ? groups <= 7 : groups === 8;
}

/** The longest IPv6 address at `i`. */
function ipv6At(s: string, i: number): string {
  const run = matchAt(V6_CHARS, s, i);
  if (!run.includes(":")) return "";
  for (let n = run.length; n >= 2; n--) {
    if (isIpv6Text(run.slice(0, n))) return run.slice(0, n);
  }
  return "";
}

/** The longest name at `i`: name characters, not ending in `-` or `_`. */
function nameAt(s: string, i: number): string {
  return matchAt(NAME_CHARS, s, i).replace(/[-_]+$/, "");
}

/** The longest keyword starting the name `name` (keywords are made of name characters). */
function keywordAt(name: string): string {
  for (let n = name.length; n > 0; n--) {
    if (KEYWORDS.has(name.slice(0, n))) return name.slice(0, n);
  }
  return "";
}

/** Parse libpcap-style numbers: 0x hex, leading-0 octal, decimal (at most 32 bits). */
export function parseNumber(text: string): number | undefined {
  let v: number;
  if (/^0[xX][0-9A-Fa-f]+$/.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) v = parseInt(text, 8);
  else if (/^[1-9][0-9]*$/.test(text)) v = parseInt(text, 10);
  else return undefined;
  return v <= 0xffffffff ? v : undefined;
}

/** Split an expression into tokens; the list always ends with an `end` token. */
export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, pos: number, value = 0, escaped = false) =>
    tokens.push({ kind, text, value, escaped, pos });
  while (i < expr.length) {
    const c = expr[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    // Candidates in the scanner's order; the first of the longest wins.
    const op2 = OPS2.find((o) => expr.startsWith(o, i)) ?? "";
    const op1 = OPS1.includes(c) ? c : "";
    const name = nameAt(expr, i);
    const candidates: [TokenKind | "badmac" | "escaped" | "keyword", string][] = [
      ["op", op1],
      ["op", op2],
      ["keyword", keywordAt(name)],
      ["aid", matchAt(AID, expr, i)],
      ["mac", matchAt(MAC, expr, i)],
      ["num", longestOf([DEC_NUM, HEX_NUM], expr, i)],
      ["ipv4", dotted(expr, i)],
      ["ipv6", ipv6At(expr, i)],
      ["badmac", matchAt(BAD_MAC, expr, i)],
      ["word", name],
      ["escaped", c === "\\" ? matchAt(ESCAPED, expr, i) : ""],
    ];
    let kind: (typeof candidates)[number][0] = "op";
    let text = "";
    for (const [k, t] of candidates) {
      if (t.length > text.length) [kind, text] = [k, t];
    }
    if (text === "") throw new FilterSyntaxError("a token", `'${c}'`, i, expr);
    switch (kind) {
      case "keyword":
        push("word", text, i);
        break;
      case "escaped":
        push("word", text.slice(1), i, 0, true);
        break;
      case "badmac":
        throw new FilterError(`invalid ethernet address ${text}`, i, expr);
      case "num": {
        const value = parseNumber(text);
        if (value === undefined) {
          const why = /^0[0-7]*[89]/.test(text)
            ? `number ${text} contains non-octal digit`
            : `number ${text} overflows 32 bits`;
          throw new FilterError(why, i, expr);
        }
        push("num", text, i, value);
        break;
      }
      default:
        push(kind, text, i);
    }
    i += text.length;
  }
  push("end", "", expr.length);
  return tokens;
}
