/**
 * Filters for link types other than Ethernet, against tcpdump 4.99.3 (libpcap 1.10.3), which
 * compiles for a file's link type (`tcpdump -ddd -r FILE`, FILE a pcap header without records).
 * Every expression of the Ethernet differential tests (filter_differential_test.ts, TESTrun and
 * the combinations of filter_testrun_test.ts) and some of each link type's own is compiled for
 * EN10MB, LINUX_SLL, LINUX_SLL2, RAW, NULL (both byte orders) and LOOP. Where libpcap refuses an
 * expression, rawcap refuses it too (with libpcap's message where the refusal is the link
 * type's); where libpcap compiles one, its program and rawcap's (optimized and not, run by the
 * interpreter and the JIT) decide alike on every frame of a corpus of that link type: scapy's
 * Ethernet frames of filter_corpus.py recast as cooked, raw IP and loopback frames, each also cut
 * short at a few lengths (a load past the end rejects, so where a program loads matters).
 *
 * Hand-built frames of each link type then check what a few programs select, by the interpreter
 * and the JIT.
 */

import { deepStrictEqual as assertEquals, equal, ok, throws } from "node:assert/strict";
import { COMBINATIONS, filterCorpus, TESTRUN_EN10MB } from "./helpers/filter_testrun.ts";
import { pool, runTool, scapyPython } from "./helpers/tools.ts";
import { compileFilter as apiCompileFilter } from "../src/api/filter.ts";
import { attachFilter } from "../src/capture/socket.ts";
import { AF_PACKET, SOCK_CLOEXEC, SOCK_RAW } from "../src/sys/constants.ts";
import { libc } from "../src/sys/libc.ts";
import {
  type BpfInsn,
  compileFilter,
  FilterError,
  filterSupportsLinkType,
  jitFilter,
  runFilter,
} from "../src/filter/mod.ts";
import type { BpfAux } from "../src/filter/vm.ts";
import {
  BPF_A,
  BPF_ADD,
  BPF_ALU,
  BPF_AND,
  BPF_B,
  BPF_DIV,
  BPF_H,
  BPF_IMM,
  BPF_IND,
  BPF_JA,
  BPF_JEQ,
  BPF_JGE,
  BPF_JGT,
  BPF_JMP,
  BPF_LD,
  BPF_LDX,
  BPF_LEN,
  BPF_LSH,
  BPF_MEM,
  BPF_MEMWORDS,
  BPF_MISC,
  BPF_MOD,
  BPF_MUL,
  BPF_NEG,
  BPF_OR,
  BPF_RET,
  BPF_RSH,
  BPF_ST,
  BPF_STX,
  BPF_SUB,
  BPF_TAX,
  BPF_W,
  BPF_X,
  BPF_XOR,
  SKF_AD_IFINDEX,
  SKF_AD_OFF,
  SKF_AD_PKTTYPE,
} from "../src/filter/bpf.ts";
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../src/packet/linktype.ts";
import {
  SLL2_ADDR_AT,
  SLL2_HALEN_AT,
  SLL2_HATYPE_AT,
  SLL2_HDR_LEN,
  SLL2_IFINDEX_AT,
  SLL2_PKTTYPE_AT,
  SLL2_PROTOCOL_AT,
  SLL_ADDR_AT,
  SLL_HALEN_AT,
  SLL_HATYPE_AT,
  SLL_HDR_LEN,
  SLL_PKTTYPE_AT,
  SLL_PROTOCOL_AT,
} from "../src/decode/sll.ts";
import { NULL_FAMILY_AT, NULL_HDR_LEN } from "../src/decode/null.ts";
import { ETH_DATA_LEN, ETH_HLEN, ETH_SRC_AT, ETH_TYPE_AT } from "../src/decode/ethernet.ts";
import {
  ARPHRD_ETHER,
  BSD_AFNUM_APPLETALK,
  BSD_AFNUM_INET,
  BSD_AFNUM_INET6_BSD,
  BSD_AFNUM_INET6_DARWIN,
  BSD_AFNUM_INET6_FREEBSD,
  BSD_AFNUM_IPX,
  BSD_AFNUM_ISO,
  ETH_P_ARP,
  ETH_P_ATALK,
  ETH_P_IP,
  ETH_P_IPV6,
  ETH_P_IPX,
  LINUX_SLL_BROADCAST,
  LINUX_SLL_HOST,
  LINUX_SLL_OUTGOING,
  LINUX_SLL_P_802_2,
  LINUX_SLL_P_802_3,
  LLC_SAP_GLOBAL,
} from "../src/decode/numbers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const tcpdumpOk = (await runTool("tcpdump", ["--version"])).code === 0;
const python = await scapyPython();
const missing = [!tcpdumpOk && "tcpdump", !python && "python3 with scapy"].filter(Boolean);
if (missing.length > 0) {
  console.warn(`link-type differential test ignored: ${missing.join(" and ")} not available`);
}

/**
 * The expressions of filter_differential_test.ts, read from its source: importing the module
 * would run its tests again.
 */
function differentialExpressions(): string[] {
  const src = Deno.readTextFileSync(new URL("./filter_differential_test.ts", import.meta.url));
  const start = src.indexOf("export const EXPRESSIONS = [");
  const end = src.indexOf("\n];", start);
  ok(start >= 0 && end > start, "EXPRESSIONS not found in filter_differential_test.ts");
  const literals = src.slice(start, end).match(/^ {2}"(?:[^"\\]|\\.)*",$/gm) ?? [];
  return literals.map((l) => JSON.parse(l.trim().slice(0, -1)) as string);
}

/** What the link types do differently: their type tests, their refusals, their headers. */
const LINK_EXPRESSIONS = [
  "inbound",
  "outbound",
  "ifindex 2",
  "ifindex 3 and udp",
  "not inbound and tcp",
  "stp",
  "netbeui",
  "ipx",
  "atalk",
  "aarp",
  "iso",
  "isis",
  "clnp",
  "esis",
  "l1",
  "iso proto 0x83",
  "isis proto 18",
  "decnet",
  "lat",
  "sca",
  "mopdl",
  "moprc",
  "ether proto 0x42",
  "ether proto 0x31",
  "ether proto 6",
  "ether proto 0xe0",
  "ether proto 0x8863",
  "ether proto 0x0800",
  "ether proto 0x86dd",
  "ether proto 0x1",
  "ether proto 0x4",
  "ether proto 0x800 or ether proto 0x86dd",
  "ether[0] = 0x45",
  "ether[0] & 0xf0 = 0x60",
  "link[14:2] = 0x800",
  "link[0:4] = 2",
  "link[0:4] = 0x2000000",
  "link[10] = 4",
  "ether[4:4] = 3",
  "llc",
  "llc i",
  "llc u",
  "vlan",
  "vlan 100",
  "mpls",
  "mpls 16",
  "pppoed",
  "pppoes",
  "pppoes and ip",
  "pppoes 0x1234 and udp",
  "pppoes and vlan",
  "pppoes and mpls",
  "pppoes and llc",
  "pppoes and inbound",
  "geneve",
  "geneve and ip",
  "geneve and ether host 00:11:22:33:44:55",
  "geneve and vlan",
  "geneve and mpls",
  "ether host 00:11:22:33:44:55",
  "ether src 00:11:22:33:44:55",
  "ether broadcast",
  "ether multicast",
  "broadcast",
  "multicast",
  "ip broadcast",
  "ip multicast",
  "ip6 multicast",
  "arp and host 10.0.0.1",
  "rarp",
  "host 10.0.0.1",
  "ip6 protochain 17",
  "protochain 6",
  "ip protochain 17",
  "decnet host 1.2",
  "decnet src 10.23",
  "ip proto 17 or ip6 proto 17",
  "gateway 10.0.0.1",
];

/** Every expression the test compiles, once. */
const ALL = [
  ...new Set([
    ...differentialExpressions(),
    ...TESTRUN_EN10MB,
    ...COMBINATIONS,
    ...LINK_EXPRESSIONS,
  ]),
];

/** A link type as tested: its number, the byte order of its file, a name for messages. */
interface Case {
  name: string;
  linkType: number;
  littleEndian: boolean;
}

const CASES: Case[] = [
  { name: "EN10MB", linkType: LINKTYPE_ETHERNET, littleEndian: true },
  { name: "LINUX_SLL", linkType: LINKTYPE_LINUX_SLL, littleEndian: true },
  { name: "LINUX_SLL2", linkType: LINKTYPE_LINUX_SLL2, littleEndian: true },
  { name: "RAW", linkType: LINKTYPE_RAW, littleEndian: true },
  { name: "NULL", linkType: LINKTYPE_NULL, littleEndian: true },
  { name: "NULL big-endian", linkType: LINKTYPE_NULL, littleEndian: false },
  { name: "LOOP", linkType: LINKTYPE_LOOP, littleEndian: true },
];

/** A pcap file header with no records: tcpdump -r compiles for its link type. */
function pcapHeader(linkType: number, littleEndian: boolean): Uint8Array {
  const h = new Uint8Array(24);
  const v = new DataView(h.buffer);
  v.setUint32(0, 0xa1b2c3d4, littleEndian);
  v.setUint16(4, 2, littleEndian);
  v.setUint16(6, 4, littleEndian);
  v.setUint32(16, 262144, littleEndian);
  v.setUint32(20, linkType, littleEndian);
  return h;
}

/** What tcpdump makes of an expression: its program (-ddd), or its refusal. */
type Verdict = { insns: BpfInsn[] } | { refusal: string };

async function tcpdumpCompiles(file: string, expr: string): Promise<Verdict> {
  const out = await runTool("tcpdump", ["-ddd", "-r", file, "--", expr]);
  if (out.code !== 0) {
    const line = out.stderr.split("\n").find((l) => l.startsWith("tcpdump: ")) ??
      out.stderr.trim();
    // libpcap refuses a program its optimizer reduced to `ret #0`; rawcap compiles that one.
    if (line === "tcpdump: expression rejects all packets") {
      return { insns: [{ code: 0x06, jt: 0, jf: 0, k: 0 }] };
    }
    return { refusal: line.replace(/^tcpdump: /, "") };
  }
  const lines = text(out.stdout).trim().split("\n");
  const insns = lines.slice(1).map((l) => {
    const [code, jt, jf, k] = l.split(" ").map(Number);
    return { code, jt, jf, k };
  });
  equal(insns.length, Number(lines[0]), `${expr}: ${text(out.stdout)}`);
  return { insns };
}

/**
 * tcpdump's programs run as libpcap's bpf_filter runs them: its `ip6 protochain` loops with a
 * backward `ja` (libpcap sign-extends the offset; the kernel and rawcap's VM take no such jump).
 * Frames read from files have no ancillary data: without `aux`, a load of it fails the test.
 */
function libpcapRun(insns: readonly BpfInsn[], p: Uint8Array, aux?: BpfAux): number {
  const mem = new Uint32Array(BPF_MEMWORDS);
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  let a = 0, x = 0;
  const load = (size: number, at: number): number | undefined => {
    if (at >= SKF_AD_OFF) {
      if (aux === undefined) throw new Error("ancillary load in a program compiled for a file");
      if (at === SKF_AD_OFF + SKF_AD_IFINDEX) return aux.ifindex ?? 0;
      if (at === SKF_AD_OFF + SKF_AD_PKTTYPE) return aux.pktType ?? 0;
      throw new Error(`ancillary load ${at - SKF_AD_OFF}`);
    }
    const n = size === BPF_W ? 4 : size === BPF_H ? 2 : 1;
    if (at < 0 || at + n > p.length) return undefined;
    return n === 4 ? v.getUint32(at) : n === 2 ? v.getUint16(at) : p[at];
  };
  for (let pc = 0; pc < insns.length; pc++) {
    const { code, jt, jf, k } = insns[pc];
    const cls = code & 0x07, size = code & 0x18, mode = code & 0xe0, src = code & 0x08;
    const op = code & 0xf0;
    switch (cls) {
      case BPF_LD: {
        if (mode === BPF_IMM) a = k;
        else if (mode === BPF_LEN) a = p.length;
        else if (mode === BPF_MEM) a = mem[k];
        else {
          const r = load(size, mode === BPF_IND ? x + k : k);
          if (r === undefined) return 0;
          a = r;
        }
        break;
      }
      case BPF_LDX:
        if (mode === BPF_IMM) x = k;
        else if (mode === BPF_LEN) x = p.length;
        else if (mode === BPF_MEM) x = mem[k];
        else {
          const r = load(BPF_B, k);
          if (r === undefined) return 0;
          x = (r & 0xf) << 2;
        }
        break;
      case BPF_ST:
        mem[k] = a;
        break;
      case BPF_STX:
        mem[k] = x;
        break;
      case BPF_ALU: {
        const b = src === BPF_X ? x : k;
        if ((op === BPF_DIV || op === BPF_MOD) && b === 0) return 0;
        const r: Record<number, () => number> = {
          [BPF_ADD]: () => a + b,
          [BPF_SUB]: () => a - b,
          [BPF_MUL]: () => Math.imul(a, b),
          [BPF_DIV]: () => Math.floor(a / b),
          [BPF_MOD]: () => a % b,
          [BPF_OR]: () => a | b,
          [BPF_AND]: () => a & b,
          [BPF_XOR]: () => a ^ b,
          [BPF_LSH]: () => b >= 32 ? 0 : a << b,
          [BPF_RSH]: () => b >= 32 ? 0 : a >>> b,
          [BPF_NEG]: () => -a,
        };
        a = r[op]() >>> 0;
        break;
      }
      case BPF_JMP: {
        if (op === BPF_JA) {
          pc += k | 0;
          break;
        }
        const b = src === BPF_X ? x : k;
        const yes = op === BPF_JEQ
          ? a === b
          : op === BPF_JGT
          ? a > b
          : op === BPF_JGE
          ? a >= b
          : (a & b) !== 0;
        pc += yes ? jt : jf;
        break;
      }
      case BPF_RET:
        return (code & 0x18) === BPF_A ? a : k;
      case BPF_MISC:
        if ((code & 0xf8) === BPF_TAX) x = a;
        else a = x;
        break;
    }
  }
  throw new Error("program ran off its end");
}

// ---- frames of each link type ------------------------------------------------------------

/** An Ethernet frame taken apart. */
interface EtherParts {
  src: Uint8Array;
  type: number;
  payload: Uint8Array;
}

function etherParts(frame: Uint8Array): EtherParts | undefined {
  if (frame.length < ETH_HLEN) return undefined;
  return {
    src: frame.subarray(ETH_SRC_AT, ETH_SRC_AT + 6),
    type: (frame[ETH_TYPE_AT] << 8) | frame[ETH_TYPE_AT + 1],
    payload: frame.subarray(ETH_HLEN),
  };
}

/** The cooked protocol of an Ethernet frame: its EtherType, or what an 802.3 frame carries. */
function cookedProtocol(e: EtherParts): number {
  if (e.type > ETH_DATA_LEN) return e.type;
  const rawIpx = e.payload[0] === LLC_SAP_GLOBAL && e.payload[1] === LLC_SAP_GLOBAL;
  return rawIpx ? LINUX_SLL_P_802_3 : LINUX_SLL_P_802_2;
}

const PKTTYPES = [LINUX_SLL_HOST, LINUX_SLL_OUTGOING, LINUX_SLL_BROADCAST];
const INET6_FAMILIES = [BSD_AFNUM_INET6_BSD, BSD_AFNUM_INET6_FREEBSD, BSD_AFNUM_INET6_DARWIN];
const OTHER_FAMILIES = [BSD_AFNUM_ISO, BSD_AFNUM_IPX, BSD_AFNUM_APPLETALK];

function withHeader(hdrLen: number, payload: Uint8Array, fill: (v: DataView) => void) {
  const out = new Uint8Array(hdrLen + payload.length);
  out.set(payload, hdrLen);
  fill(new DataView(out.buffer));
  return out;
}

/** The frame of link type `c` that carries what Ethernet frame number `i` carries. */
function recast(c: Case, e: EtherParts, i: number): Uint8Array {
  switch (c.linkType) {
    case LINKTYPE_LINUX_SLL:
      return withHeader(SLL_HDR_LEN, e.payload, (v) => {
        v.setUint16(SLL_PKTTYPE_AT, PKTTYPES[i % PKTTYPES.length]);
        v.setUint16(SLL_HATYPE_AT, ARPHRD_ETHER);
        v.setUint16(SLL_HALEN_AT, e.src.length);
        e.src.forEach((b, n) => v.setUint8(SLL_ADDR_AT + n, b));
        v.setUint16(SLL_PROTOCOL_AT, cookedProtocol(e));
      });
    case LINKTYPE_LINUX_SLL2:
      return withHeader(SLL2_HDR_LEN, e.payload, (v) => {
        v.setUint16(SLL2_PROTOCOL_AT, cookedProtocol(e));
        v.setUint32(SLL2_IFINDEX_AT, 1 + (i % 3));
        v.setUint16(SLL2_HATYPE_AT, ARPHRD_ETHER);
        v.setUint8(SLL2_PKTTYPE_AT, PKTTYPES[i % PKTTYPES.length]);
        v.setUint8(SLL2_HALEN_AT, e.src.length);
        e.src.forEach((b, n) => v.setUint8(SLL2_ADDR_AT + n, b));
      });
    case LINKTYPE_RAW:
      // Non-IP payloads too: raw IP tests the version nibble of whatever is there.
      return e.payload.slice();
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      const family = e.type === ETH_P_IP
        ? BSD_AFNUM_INET
        : e.type === ETH_P_IPV6
        ? INET6_FAMILIES[i % INET6_FAMILIES.length]
        : OTHER_FAMILIES[i % OTHER_FAMILIES.length];
      const le = c.linkType === LINKTYPE_NULL && c.littleEndian;
      return withHeader(NULL_HDR_LEN, e.payload, (v) => v.setUint32(NULL_FAMILY_AT, family, le));
    }
  }
  throw new Error(`no frames for ${c.name}`);
}

/** The corpus for `c`: each frame whole and cut at a few lengths around its headers. */
function corpusFor(c: Case, ether: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  ether.forEach((f, i) => {
    const e = etherParts(f);
    if (e === undefined) return;
    const whole = c.linkType === LINKTYPE_ETHERNET ? f : recast(c, e, i);
    out.push(whole);
    const hdr = whole.length - e.payload.length;
    for (const cut of [hdr - 1, hdr + 1 + (i % 8), hdr + 12 + (i % 16), hdr + 24 + (i % 24)]) {
      if (cut >= 0 && cut < whole.length) out.push(whole.slice(0, cut));
    }
  });
  return out;
}

/** What libpcap's message for a refusal looks like in rawcap's (its first line, no position). */
function firstLine(e: unknown): string {
  return (e as Error).message.split("\n")[0].replace(/ at position \d+$/, "");
}

/**
 * Refusals of libpcap's that rawcap does not make: libpcap has no direction or interface of a
 * frame read from a file, rawcap has the record's; vxlan is libpcap 1.11's.
 */
function deviation(expr: string, refusal: string): boolean {
  if (/^inbound\/outbound not supported on .* when reading savefiles$/.test(refusal)) return true;
  if (/^ifindex not supported on .* when reading savefiles$/.test(refusal)) return true;
  return /\bvxlan\b/.test(expr);
}

const RUN_AUX: BpfAux = {};

Deno.test({
  name: "filter: each link type compiles as tcpdump -r compiles for it, refusals included",
  ignore: missing.length > 0,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "rawcap-linktype-" });
    try {
      const ether = (await filterCorpus(dir, python!)).frames.map((f) => f.data);
      ok(ether.length > 200, `only ${ether.length} frames`);
      ok(ALL.length > 900, `only ${ALL.length} expressions`);
      const failures: string[] = [];
      const tally: Record<string, { same: number; refused: number; deviating: number }> = {};
      for (const c of CASES) {
        const file = `${dir}/${c.linkType}-${c.littleEndian ? "le" : "be"}.pcap`;
        await Deno.writeFile(file, pcapHeader(c.linkType, c.littleEndian));
        const frames = corpusFor(c, ether);
        const verdicts = await pool(ALL, 4, (e) => tcpdumpCompiles(file, e));
        const t = tally[c.name] = { same: 0, refused: 0, deviating: 0 };
        ALL.forEach((expr, n) => {
          const want = verdicts[n];
          const fail = (what: string) =>
            failures.push(`${c.name} ${JSON.stringify(expr)}: ${what}`);
          let theirs: boolean[] | undefined;
          for (const optimize of [true, false]) {
            let insns: BpfInsn[];
            try {
              insns = compileFilter(expr, {
                linkType: c.linkType,
                nullLittleEndian: c.littleEndian,
                optimize,
              }).insns;
            } catch (e) {
              if (!(e instanceof FilterError)) throw e;
              if ("insns" in want) fail(`rawcap refuses (${firstLine(e)}), tcpdump compiles`);
              else if (optimize) {
                t.refused++;
                // Where the link type is why, libpcap's words.
                const onEthernet = c.linkType !== LINKTYPE_ETHERNET &&
                  canCompile(expr, LINKTYPE_ETHERNET);
                if (onEthernet && firstLine(e) !== want.refusal) {
                  fail(`rawcap says "${firstLine(e)}", tcpdump "${want.refusal}"`);
                }
              }
              return;
            }
            if ("refusal" in want) {
              if (deviation(expr, want.refusal)) {
                if (optimize) t.deviating++;
              } else fail(`tcpdump refuses (${want.refusal}), rawcap compiles`);
              continue;
            }
            const mine = jitFilter(insns);
            theirs ??= frames.map((f) => libpcapRun(want.insns, f) > 0);
            const differ = frames.findIndex((f, i) => {
              const vm = runFilter(insns, f, f.length, RUN_AUX) > 0;
              const jit = mine(f, f.length, RUN_AUX) > 0;
              return vm !== theirs![i] || jit !== theirs![i];
            });
            if (differ >= 0) {
              const f = frames[differ];
              const hex = Array.from(f.subarray(0, 64), (b) => b.toString(16).padStart(2, "0"));
              fail(`${optimize ? "" : "unoptimized: "}decides otherwise on ${hex.join("")}`);
            } else if (optimize) t.same++;
          }
        });
      }
      console.log(tally);
      const perCase = CASES.map((c) =>
        `${c.name}: ${failures.filter((f) => f.startsWith(`${c.name} "`)).length}`
      );
      assertEquals(
        failures.slice(0, 60),
        [],
        `${failures.length} failures (${perCase.join(", ")})`,
      );
      for (const [name, t] of Object.entries(tally)) {
        ok(t.same > ALL.length / 3, `${name}: only ${t.same} programs compared`);
      }
      ok(tally.RAW.refused > 20 && tally.LINUX_SLL.refused > 20, "too few refusals compared");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** What `tcpdump -i any` compiles with cooked headers of either version (root only). */
const DIRECTION_EXPRESSIONS = [
  "inbound",
  "outbound",
  "ifindex 2",
  "inbound and ifindex 3",
  "outbound or ifindex 1 and tcp",
  "not inbound and udp port 53",
  "ifindex 2 and stp",
];

Deno.test({
  name: "filter: inbound/outbound/ifindex on cooked frames as tcpdump -i any compiles them",
  ignore: missing.length > 0 || Deno.uid() !== 0,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "rawcap-linktype-live-" });
    try {
      const ether = (await filterCorpus(dir, python!)).frames.map((f) => f.data);
      const failures: string[] = [];
      let ancillary = 0;
      for (const c of CASES.filter((c) => c.name.startsWith("LINUX_SLL"))) {
        const frames = corpusFor(c, ether);
        // The socket's view of each frame: an interface and a direction of its own, so that a
        // program reading the header and one reading ancillary data can be told apart.
        const auxes = frames.map((_, i): BpfAux => ({
          ifindex: 1 + (i % 4),
          pktType: i % 5 === 0 ? LINUX_SLL_OUTGOING : LINUX_SLL_HOST,
        }));
        for (const expr of DIRECTION_EXPRESSIONS) {
          const out = await runTool("tcpdump", ["-i", "any", "-y", c.name, "-ddd", "--", expr]);
          if (out.code !== 0) {
            failures.push(`${c.name} ${expr}: tcpdump: ${out.stderr.trim()}`);
            continue;
          }
          const theirs = text(out.stdout).trim().split("\n").slice(1).map((l) => {
            const [code, jt, jf, k] = l.split(" ").map(Number);
            return { code, jt, jf, k };
          });
          const f = compileFilter(expr, { linkType: c.linkType });
          if (f.readsAncillary) ancillary++;
          const jit = jitFilter(f.insns);
          const differ = frames.findIndex((fr, i) => {
            const want = libpcapRun(theirs, fr, auxes[i]) > 0;
            const vm = runFilter(f.insns, fr, fr.length, auxes[i]) > 0;
            return vm !== want || jit(fr, fr.length, auxes[i]) > 0 !== want;
          });
          if (differ >= 0) failures.push(`${c.name} ${expr}: decides otherwise on frame ${differ}`);
        }
      }
      assertEquals(failures, []);
      // LINUX_SLL has no interface index in its header: there `ifindex` is the socket's.
      equal(ancillary, DIRECTION_EXPRESSIONS.filter((e) => e.includes("ifindex")).length);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

function canCompile(expr: string, linkType: number): boolean {
  try {
    compileFilter(expr, { linkType });
    return true;
  } catch {
    return false;
  }
}

// ---- hand-built frames ----------------------------------------------------------------------

const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g)!, (b) => parseInt(b, 16));

/** IPv4 TCP 10.0.0.1:12345 -> 10.0.0.2:80, SYN. */
const IPV4_TCP = hex(`45000028 00010000 4006 66cd 0a000001 0a000002
  3039 0050 00000000 00000000 5002 2000 0000 0000`);
/** IPv6 UDP 2001:db8::1:40001 -> 2001:db8::2:53, one octet of data. */
const IPV6_UDP = hex(`60000000 0009 11 40 20010db8000000000000000000000001
  20010db8000000000000000000000002 9c41 0035 0009 0000 71`);
/** ARP request who-has 10.0.0.2 tell 10.0.0.1. */
const ARP_REQ = hex(`0001 0800 06 04 0001 001122334455 0a000001 000000000000 0a000002`);
/** An 802.2 STP BPDU (DSAP, SSAP 0x42, UI) and its start. */
const STP_LLC = hex(
  `424203 0000 00 00 8000001122334455 00000000 8000001122334455 8001 0000 1400 0200 0f00`,
);
/** Novell raw 802.3 IPX (checksum 0xffff first). */
const IPX_RAW = hex(`ffff 001e 00 11 00000001 ffffffffffff 0452 00000001 001122334455 0452`);

const SRC_MAC = hex("001122334455");

function sll(pkttype: number, protocol: number, payload: Uint8Array): Uint8Array {
  return withHeader(SLL_HDR_LEN, payload, (v) => {
    v.setUint16(SLL_PKTTYPE_AT, pkttype);
    v.setUint16(SLL_HATYPE_AT, ARPHRD_ETHER);
    v.setUint16(SLL_HALEN_AT, SRC_MAC.length);
    SRC_MAC.forEach((b, n) => v.setUint8(SLL_ADDR_AT + n, b));
    v.setUint16(SLL_PROTOCOL_AT, protocol);
  });
}

function sll2(pkttype: number, ifindex: number, protocol: number, payload: Uint8Array) {
  return withHeader(SLL2_HDR_LEN, payload, (v) => {
    v.setUint16(SLL2_PROTOCOL_AT, protocol);
    v.setUint32(SLL2_IFINDEX_AT, ifindex);
    v.setUint16(SLL2_HATYPE_AT, ARPHRD_ETHER);
    v.setUint8(SLL2_PKTTYPE_AT, pkttype);
    v.setUint8(SLL2_HALEN_AT, SRC_MAC.length);
    SRC_MAC.forEach((b, n) => v.setUint8(SLL2_ADDR_AT + n, b));
  });
}

function loopback(family: number, littleEndian: boolean, payload: Uint8Array) {
  return withHeader(
    NULL_HDR_LEN,
    payload,
    (v) => v.setUint32(NULL_FAMILY_AT, family, littleEndian),
  );
}

/** [link type, NULL byte order, frame, expression, whether it matches]. */
type Check = [number, boolean, Uint8Array, string, boolean];

const CHECKS: Check[] = [];
const add = (lt: number, le: boolean, frame: Uint8Array, yes: string[], no: string[]) => {
  for (const e of yes) CHECKS.push([lt, le, frame, e, true]);
  for (const e of no) CHECKS.push([lt, le, frame, e, false]);
};
const V4_YES = ["ip", "tcp", "tcp port 80", "host 10.0.0.1", "src 10.0.0.1 and dst 10.0.0.2"];
const V4_NO = ["ip6", "udp", "arp", "port 53", "host 10.0.0.3", "stp"];
const V6_YES = ["ip6", "udp port 53", "ip6 and udp", "src host 2001:db8::1"];
const V6_NO = ["ip", "tcp", "host 10.0.0.1", "dst host 2001:db8::1"];
for (const [pkttype, dir] of [[LINUX_SLL_HOST, "inbound"], [LINUX_SLL_OUTGOING, "outbound"]]) {
  const other = dir === "inbound" ? "outbound" : "inbound";
  add(LINKTYPE_LINUX_SLL, true, sll(+pkttype, ETH_P_IP, IPV4_TCP), [...V4_YES, `${dir}`], [
    ...V4_NO,
    `${other}`,
  ]);
  add(
    LINKTYPE_LINUX_SLL2,
    true,
    sll2(+pkttype, 7, ETH_P_IPV6, IPV6_UDP),
    [...V6_YES, `${dir}`, "ifindex 7", `${dir} and ifindex 7 and udp`],
    [...V6_NO, `${other}`, "ifindex 3"],
  );
}
add(LINKTYPE_LINUX_SLL, true, sll(LINUX_SLL_BROADCAST, ETH_P_ARP, ARP_REQ), [
  "arp",
  "arp host 10.0.0.2",
  "inbound",
], ["ip", "rarp", "outbound"]);
add(LINKTYPE_LINUX_SLL, true, sll(LINUX_SLL_HOST, LINUX_SLL_P_802_2, STP_LLC), [
  "stp",
  "ether proto 0x42",
  "link[16] = 0x42",
], ["ip", "ipx", "netbeui", "iso"]);
add(LINKTYPE_LINUX_SLL, true, sll(LINUX_SLL_HOST, LINUX_SLL_P_802_3, IPX_RAW), ["ipx"], [
  "stp",
  "ip",
]);
add(LINKTYPE_LINUX_SLL, true, sll(LINUX_SLL_HOST, ETH_P_IPX, IPX_RAW), ["ipx"], ["atalk"]);
add(LINKTYPE_LINUX_SLL2, true, sll2(LINUX_SLL_HOST, 1, ETH_P_ATALK, IPX_RAW), ["atalk"], [
  "ipx",
]);
add(LINKTYPE_RAW, true, IPV4_TCP, [...V4_YES, "link[0] = 0x45", "ether[9] = 6"], [
  ...V4_NO,
  "arp host 10.0.0.1",
]);
add(LINKTYPE_RAW, true, IPV6_UDP, V6_YES, V6_NO);
add(LINKTYPE_RAW, true, ARP_REQ, [], ["ip", "ip6", "arp", "host 10.0.0.2"]);
for (const le of [true, false]) {
  add(LINKTYPE_NULL, le, loopback(BSD_AFNUM_INET, le, IPV4_TCP), V4_YES, V4_NO);
  for (const af of INET6_FAMILIES) {
    add(LINKTYPE_NULL, le, loopback(af, le, IPV6_UDP), V6_YES, V6_NO);
  }
  // The writer's byte order, not the other one.
  add(LINKTYPE_NULL, !le, loopback(BSD_AFNUM_INET, le, IPV4_TCP), [], ["ip", "tcp"]);
}
add(LINKTYPE_LOOP, true, loopback(BSD_AFNUM_INET, false, IPV4_TCP), V4_YES, V4_NO);
add(LINKTYPE_LOOP, true, loopback(BSD_AFNUM_INET6_DARWIN, false, IPV6_UDP), V6_YES, V6_NO);
add(LINKTYPE_LOOP, true, loopback(BSD_AFNUM_INET, true, IPV4_TCP), [], ["ip", "tcp port 80"]);

Deno.test("filter: hand-built frames of each link type, by the interpreter and the JIT", () => {
  const failures: string[] = [];
  for (const [linkType, le, frame, expr, want] of CHECKS) {
    const f = compileFilter(expr, { linkType, nullLittleEndian: le });
    const vm = runFilter(f.insns, frame, frame.length, {}) > 0;
    const jit = jitFilter(f.insns)(frame, frame.length, {}) > 0;
    if (vm !== want || jit !== want || f.matches(frame) !== want) {
      failures.push(`${linkType} ${JSON.stringify(expr)}: vm ${vm} jit ${jit}, want ${want}`);
    }
    // The same frame cut before its last octet the program reads must not match more.
    for (const cut of [0, 1, 3]) {
      const short = frame.subarray(0, cut);
      if (runFilter(f.insns, short, short.length, {}) !== jitFilter(f.insns)(short, cut, {})) {
        failures.push(`${linkType} ${JSON.stringify(expr)}: vm and jit differ on ${cut} octets`);
      }
    }
  }
  assertEquals(failures, []);
  ok(CHECKS.length > 100);
});

Deno.test("filter: cooked headers answer inbound/outbound/ifindex; elsewhere ancillary data", () => {
  const reads = (expr: string, linkType: number) =>
    compileFilter(expr, { linkType }).readsAncillary;
  for (const expr of ["inbound", "outbound"]) {
    equal(reads(expr, LINKTYPE_LINUX_SLL), false, expr);
    equal(reads(expr, LINKTYPE_LINUX_SLL2), false, expr);
    for (const lt of [LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_NULL, LINKTYPE_LOOP]) {
      equal(reads(expr, lt), true, `${expr} on ${lt}`);
    }
  }
  equal(reads("ifindex 4", LINKTYPE_LINUX_SLL2), false);
  equal(reads("ifindex 4", LINKTYPE_LINUX_SLL), true);
  equal(reads("ifindex 4", LINKTYPE_RAW), true);
  equal(reads("tcp", LINKTYPE_RAW), false);
  // Raw IP frames from a tun interface: their direction comes from the record, as on Ethernet.
  const f = compileFilter("outbound and tcp", { linkType: LINKTYPE_RAW });
  const out: BpfAux = { pktType: LINUX_SLL_OUTGOING };
  equal(f.matches(IPV4_TCP, IPV4_TCP.length, out), true);
  equal(f.matches(IPV4_TCP, IPV4_TCP.length, {}), false);
});

Deno.test("filter: link types filters do not compile for are refused", () => {
  for (const lt of [LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW]) {
    ok(filterSupportsLinkType(lt));
  }
  ok(filterSupportsLinkType(LINKTYPE_NULL) && filterSupportsLinkType(LINKTYPE_LOOP));
  ok(!filterSupportsLinkType(105));
  throws(() => compileFilter("tcp", { linkType: 105 }), (e) => {
    ok(e instanceof FilterError);
    equal(firstLine(e), "unknown data link type 105");
    return true;
  });
  // --vlan ids need a VLAN tag, which only Ethernet frames have.
  throws(
    () => compileFilter("", { linkType: LINKTYPE_RAW, vlanIds: [5] }),
    /no VLAN support for Raw IP/,
  );
  // An Ethernet program is the same with and without the option.
  assertEquals(
    compileFilter("vlan 5 and tcp port 80", { linkType: LINKTYPE_ETHERNET }).insns,
    compileFilter("vlan 5 and tcp port 80").insns,
  );
});

Deno.test("filter: the library's compileFilter takes the link type", () => {
  const f = apiCompileFilter("tcp port 80", { linkType: LINKTYPE_RAW });
  equal(f.matches(IPV4_TCP), true);
  equal(f.matches(IPV6_UDP), false);
  const six = apiCompileFilter("ip6", { linkType: LINKTYPE_NULL, nullLittleEndian: false });
  equal(six.matches(loopback(BSD_AFNUM_INET6_FREEBSD, false, IPV6_UDP)), true);
  equal(six.matches(loopback(BSD_AFNUM_INET6_FREEBSD, true, IPV6_UDP)), false);
  throws(() => apiCompileFilter("vlan", { linkType: LINKTYPE_LINUX_SLL2 }), FilterError);
});

Deno.test({
  name: "filter: the kernel takes every program of every link type (attached to a packet socket)",
  ignore: Deno.uid() !== 0,
  fn() {
    const fd = libc().socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    ok(fd >= 0, "socket(AF_PACKET)");
    try {
      let attached = 0;
      for (const c of CASES.filter((c) => c.linkType !== LINKTYPE_ETHERNET)) {
        for (const expr of ALL) {
          let bytes: Uint8Array;
          try {
            const f = compileFilter(expr, {
              linkType: c.linkType,
              nullLittleEndian: c.littleEndian,
            });
            ok(!f.tooLongForKernel, expr);
            bytes = f.bytes;
          } catch {
            continue;
          }
          try {
            attachFilter(fd, bytes);
          } catch (e) {
            throw new Error(`${c.name} ${expr}: ${(e as Error).message}`);
          }
          attached++;
        }
      }
      ok(attached > 3000, `only ${attached} programs attached`);
    } finally {
      libc().close(fd);
    }
  },
});
