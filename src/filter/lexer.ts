/**
 * Tokenizer for pcap-filter expressions.
 *
 * @module
 */

import { FilterSyntaxError } from "./errors.ts";

/** Token kinds. `word` covers keywords and names; `num` is a plain number. */
export type TokenKind = "word" | "num" | "ipv4" | "ipv6" | "mac" | "op" | "end";

/** One token with its character offset in the expression. */
export interface Token {
  kind: TokenKind;
  /** Source text (for `word`, lower-cased; for `op`, the operator). */
  text: string;
  /** Numeric value of a `num` token. */
  value: number;
  /** A `word` written with a leading backslash (`\ip`): never a keyword. */
  escaped: boolean;
  /** Character offset of the first character. */
  pos: number;
}

const OPERATORS = [
  "&&",
  "||",
  "<<",
  ">>",
  "==",
  "!=",
  "<=",
  ">=",
  "(",
  ")",
  "[",
  "]",
  ":",
  "+",
  "-",
  "*",
  "/",
  "%",
  "&",
  "|",
  "^",
  "!",
  "=",
  "<",
  ">",
];

const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:[-.][A-Za-z][A-Za-z0-9_]*)*/y;
const ADDR_CHARS = /[0-9A-Fa-f:.]+/y;
const MAC = /^[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}$/;
const IPV4 = /^\d+(?:\.\d+){1,3}$/;
const NUMBER = /0[xX][0-9A-Fa-f]+|\d+/y;

/** Parse libpcap-style numbers: 0x hex, leading-0 octal, decimal. */
export function parseNumber(text: string): number | undefined {
  let v: number;
  if (/^0[xX][0-9A-Fa-f]+$/.test(text)) v = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) v = parseInt(text, 8);
  else if (/^\d+$/.test(text)) v = parseInt(text, 10);
  else return undefined;
  return v <= 0xffffffff ? v : undefined;
}

function isIpv6(text: string): boolean {
  if (!text.includes(":")) return false;
  const halves = text.split("::");
  if (halves.length > 2) return false;
  let groups = 0;
  for (const half of halves) {
    if (half === "") continue;
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (i === parts.length - 1 && p.includes(".") && half === halves[halves.length - 1]) {
        if (!IPV4.test(p) || p.split(".").length !== 4) return false;
        groups += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) {
        groups += 1;
      } else {
        return false;
      }
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

/** Split an expression into tokens; the list always ends with an `end` token. */
export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, pos: number, value = 0, escaped = false) =>
    tokens.push({ kind, text, value, escaped, pos });
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9A-Fa-f:]/.test(c)) {
      ADDR_CHARS.lastIndex = i;
      const m = ADDR_CHARS.exec(expr);
      const text = m ? m[0].replace(/[.:]+$/, (t) => (t.startsWith("::") ? t : "")) : "";
      const follows = expr[i + text.length];
      const ends = follows === undefined || !/[A-Za-z0-9_]/.test(follows);
      if (text && ends && MAC.test(text)) {
        push("mac", text.toLowerCase(), i);
        i += text.length;
        continue;
      }
      if (text && ends && isIpv6(text)) {
        push("ipv6", text.toLowerCase(), i);
        i += text.length;
        continue;
      }
      if (text && ends && IPV4.test(text)) {
        push("ipv4", text, i);
        i += text.length;
        continue;
      }
    }
    if (/[0-9]/.test(c)) {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(expr)![0];
      const value = parseNumber(text);
      if (value === undefined || /[A-Za-z0-9_]/.test(expr[i + text.length] ?? "")) {
        const bad = /[A-Za-z0-9_.]*/y;
        bad.lastIndex = i;
        throw new FilterSyntaxError("a number", `'${bad.exec(expr)![0]}'`, i, expr);
      }
      push("num", text, i, value);
      i += text.length;
      continue;
    }
    if (c === "\\" || /[A-Za-z_]/.test(c)) {
      const start = c === "\\" ? i + 1 : i;
      WORD.lastIndex = start;
      const m = WORD.exec(expr);
      if (!m) throw new FilterSyntaxError("a name after '\\'", `'${expr[start] ?? ""}'`, i, expr);
      push("word", m[0].toLowerCase(), i, 0, c === "\\");
      i = start + m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => expr.startsWith(o, i));
    if (!op) throw new FilterSyntaxError("a token", `'${c}'`, i, expr);
    push("op", op, i);
    i += op.length;
  }
  push("end", "", expr.length);
  return tokens;
}
