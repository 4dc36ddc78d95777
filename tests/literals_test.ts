/**
 * Each fact about the wire lives in one place (docs ARCHITECTURE.md): protocol numbers in
 * src/decode/numbers.ts, header layouts in each protocol's decoder (the Ethernet and VLAN tag
 * layout, and nanoseconds per second, in src/packet/). This test reads src/ and fails when one
 * of them is written again somewhere else, so the copies the code once had cannot come back.
 */
import assert from "node:assert/strict";

const SRC = new URL("../src/", import.meta.url);

/** Every .ts file under src/, as a path relative to src/. */
function sources(dir = SRC, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(dir)) {
    if (e.isDirectory) out.push(...sources(new URL(e.name + "/", dir), prefix + e.name + "/"));
    else if (e.name.endsWith(".ts")) out.push(prefix + e.name);
  }
  return out.sort();
}

/** `text` without comments (strings kept, so a `//` in one does not start a comment). */
function code(text: string): string {
  let out = "", i = 0;
  while (i < text.length) {
    const c = text[i], n = text[i + 1];
    if (c === "/" && n === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && n === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const FILES = new Map(
  sources().map((f) => [f, code(Deno.readTextFileSync(new URL(f, SRC)))]),
);

interface Rule {
  /** What must not be repeated. */
  what: string;
  pattern: RegExp;
  /** Files where it belongs (paths under src/). */
  home: (file: string) => boolean;
}

/** `file:line: text` of every match of `rule` outside its home. */
function offenders(rule: Rule): string[] {
  const out: string[] = [];
  for (const [file, text] of FILES) {
    if (rule.home(file)) continue;
    text.split("\n").forEach((line, n) => {
      if (rule.pattern.test(line)) out.push(`src/${file}:${n + 1}: ${line.trim()}`);
    });
  }
  return out;
}

const only = (...homes: string[]) => (file: string) => homes.includes(file);
/** The printers, NDJSON and the CLI: they read frames only through the decoders. */
const FORMATTERS = (file: string) =>
  file.startsWith("format/text") || file.startsWith("format/json") || file.startsWith("cli/");

const RULES: Rule[] = [
  {
    what: "an EtherType written as a number (use decode/numbers.ts)",
    pattern: /\b0x(0800|0806|8035|86dd|8100|88a8|9100|6558|8847|8848|88cc|888e|8863|8864)\b/i,
    home: only("decode/numbers.ts", "packet/vlan.ts"),
  },
  {
    what: "a protocol number defined outside decode/numbers.ts",
    pattern: /\bconst (ETH_P|ETHERTYPE|IPPROTO|ARPOP|TH|T|C)_[A-Z0-9_]+\s*[:=]/,
    // sys/ imports nothing of ours; its kernel constants are checked against the headers.
    home: only("decode/numbers.ts", "packet/vlan.ts", "sys/constants.ts"),
  },
  {
    what: "the Ethernet or VLAN tag layout defined outside packet/",
    pattern: /\bconst (ETH_HLEN|ETHER_HDRLEN|ETH_ALEN|ETH_TYPE\w*|VLAN_HLEN|VLAN_TAG_LEN)\s*=/,
    home: only("packet/ethernet.ts", "packet/vlan.ts"),
  },
  {
    what: "the VLAN TCI split (id mask, priority shift)",
    pattern: /\b0x0fff\b|>>>? 13\b/i,
    home: only("decode/vlan.ts"),
  },
  {
    what: "the IPv4 fragment offset mask or header length arithmetic",
    pattern: /\b0x[13]fff\b|& 0x0?f\) \* 4/i,
    home: only("decode/ipv4.ts"),
  },
  {
    what: "the IPv6 fragment offset mask",
    pattern: /\b0xfff8\b/i,
    home: only("decode/ipv6.ts"),
  },
  {
    what: "the TCP data offset arithmetic",
    pattern: />> 4\) \* 4/,
    home: only("decode/tcp.ts"),
  },
  {
    what: "nanoseconds per second (use NS_PER_SEC from packet/packet.ts)",
    pattern: /\b1_000_000_000n?\b|\b1e9\b/,
    home: only("packet/packet.ts"),
  },
  {
    what: "a frame field read at a numeric offset in a printer or NDJSON (name it in the decoder)",
    pattern: /\b(u16|u32)\([^,()]+, [^()]*[+-] \d+\)|\b[dD]\[[\w.]+ [+-] \d+\]/,
    home: (file) => !FORMATTERS(file),
  },
  {
    what: "a BPF load at a bare numeric offset in the code generator",
    pattern: /\b(ld|ldInd|ldShifted|ldFrame|ldTransport)\(BPF_[BHW], \d+/,
    home: (file) => file !== "filter/codegen.ts",
  },
];

for (const rule of RULES) {
  Deno.test(`one place in src/ for ${rule.what}`, () => {
    assert.deepEqual(offenders(rule), [], rule.what);
  });
}

Deno.test("the literal rules catch what they are about", () => {
  const hit = (rule: number, line: string) => RULES[rule].pattern.test(code(line));
  assert.ok(hit(0, "if (type === 0x86DD) x();"));
  assert.ok(!hit(0, "// 0x0800 in a comment"));
  assert.ok(hit(4, "const hl = (d[off] & 0x0f) * 4;"));
  assert.ok(hit(8, "const tci = u16(D, off + 12);"));
  assert.ok(hit(8, "const ttl = D[off + 8];"));
  assert.ok(!hit(8, "const ttl = D[off + IPV4_TTL_AT];"));
  assert.ok(hit(7, "const NS = 1_000_000_000n;"));
});
