/**
 * `-d`/`-dd`/`-ddd` listings: tcpdump's own programs (read back from `tcpdump -ddd`) must print
 * byte-for-byte as `tcpdump -d` and `-dd` print them, and our programs must print in that shape.
 */

import { equal, ok } from "node:assert/strict";
import type { BpfInsn } from "../src/filter/bpf.ts";
import { compileFilter, dumpProgram } from "../src/filter/mod.ts";

async function tcpdump(args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const o = await new Deno.Command("tcpdump", { args, stdout: "piped", stderr: "piped" })
      .output();
    const dec = new TextDecoder();
    return { code: o.code, out: dec.decode(o.stdout), err: dec.decode(o.stderr) };
  } catch {
    return { code: -1, out: "", err: "tcpdump not runnable" };
  }
}

const haveTcpdump = (await tcpdump(["--version"])).code === 0;
if (!haveTcpdump) console.warn("filter dump comparison ignored: tcpdump not available");

/** A non-loopback interface that is up and tcpdump compiles for, or why there is none. */
async function liveInterface(): Promise<{ iface?: string; why?: string }> {
  if (!haveTcpdump) return { why: "tcpdump not available" };
  if (Deno.uid() !== 0) return { why: "tcpdump -i needs root" };
  const link = await new Deno.Command("ip", { args: ["-o", "link", "show", "up"], stdout: "piped" })
    .output().catch(() => undefined);
  const iface = link && new TextDecoder().decode(link.stdout).split("\n")
    .map((l) => l.split(": ")[1]?.split("@")[0])
    .find((name) => name && name !== "lo");
  if (!iface) return { why: "no non-loopback interface is up" };
  const probe = await tcpdump(["-i", iface, "-d", "udp"]);
  if (probe.code !== 0) return { why: `tcpdump -i ${iface} -d failed: ${probe.err.trim()}` };
  return { iface };
}
const live = await liveInterface();
if (live.why) console.warn(`live-interface -d comparison ignored: ${live.why}`);

/** Expressions whose tcpdump programs use many different opcodes. */
const EXPRS = [
  "tcp port 80",
  "ip[2:2] > ip[0]",
  "len - 14 > 100",
  "tcp[(tcp[12]>>2):4] = 0x47455420",
  "ip[0] * 3 / 2 % 5 ^ 1 | 2 = 0",
  "ip[0] << 1 = 2 or ip[1] >> 1 = 3",
  "-ip[8] < 5",
  "ip[0] - ip[1] > 0 and (ip[0] & ip[1]) = 1",
  "ether[0] + ether[1] * ether[2] != ether[3] | ether[4]",
  "host 10.0.0.1 and not port 22",
  "icmp6 or arp",
  "less 100",
];

function parseDdd(text: string): BpfInsn[] {
  const lines = text.trim().split("\n");
  const n = Number(lines[0]);
  const insns = lines.slice(1).map((l) => {
    const [code, jt, jf, k] = l.split(" ").map(Number);
    return { code, jt, jf, k };
  });
  equal(insns.length, n);
  return insns;
}

Deno.test({
  name: "dump: tcpdump's programs print exactly as tcpdump -d, -dd and -ddd print them",
  ignore: !haveTcpdump,
  async fn() {
    for (const expr of EXPRS) {
      const ddd = await tcpdump(["-ddd", "--", expr]);
      equal(ddd.code, 0, ddd.err);
      const insns = parseDdd(ddd.out);
      equal(dumpProgram(insns, 3), ddd.out, expr);
      equal(dumpProgram(insns, 2), (await tcpdump(["-dd", "--", expr])).out, expr);
      equal(dumpProgram(insns, 1), (await tcpdump(["-d", "--", expr])).out, expr);
    }
  },
});

Deno.test({
  name: "dump: ancillary loads and ja print like tcpdump on a live interface",
  ignore: live.iface === undefined,
  async fn() {
    const iface = live.iface!;
    const ddd = await tcpdump(["-i", iface, "-ddd", "vlan 100 and udp"]);
    equal(ddd.code, 0, ddd.err);
    const insns = parseDdd(ddd.out);
    const d = (await tcpdump(["-i", iface, "-d", "vlan 100 and udp"])).out;
    equal(dumpProgram(insns, 1), d);
    ok(/\[vlanp\]/.test(d) && /\bja\b/.test(d), d);
  },
});

const LINE = new RegExp(
  String.raw`^\(\d{3}\) (ld|ldh|ldb|ldx|ldxb|st|stx|add|sub|mul|div|mod|and|or|xor|lsh|rsh|neg|` +
    String.raw`tax|txa|ret|ja|jeq|jgt|jge|jset) {0,8}` +
    String.raw`( (#0x[0-9a-f]+|#-?\d+|#pktlen|\[-?\d+\]|\[[a-z_]+\]|\[x \+ \d+\]|M\[\d+\]|` +
    String.raw`4\*\(\[\d+\]&0xf\)|x|\d+|)( +jt \d+\tjf \d+)?)?$`,
);

Deno.test("dump: our programs print in tcpdump's line shapes", () => {
  for (
    const expr of [
      ...EXPRS,
      "vlan 100 and udp port 53",
      "vlan and vlan and ip",
      "ip[0] & 0xf != 5",
      "tcp[tcpflags] & (tcp-syn|tcp-ack) != 0",
      "",
    ]
  ) {
    const f = compileFilter(expr);
    const d = dumpProgram(f.insns, 1);
    const lines = d.split("\n");
    equal(lines.pop(), "");
    equal(lines.length, f.insns.length);
    lines.forEach((line, i) => {
      ok(LINE.test(line), `${expr}: ${JSON.stringify(line)}`);
      ok(line.startsWith(`(${String(i).padStart(3, "0")}) `));
    });
    const dd = dumpProgram(f.insns, 2).split("\n");
    ok(dd.slice(0, -1).every((l) => /^\{ 0x[0-9a-f]+, \d+, \d+, 0x[0-9a-f]{8} \},$/.test(l)));
    const ddd = dumpProgram(f.insns, 3).split("\n");
    equal(Number(ddd[0]), f.insns.length);
    ok(ddd.slice(1, -1).every((l) => /^\d+ \d+ \d+ \d+$/.test(l)));
  }
});

Deno.test("dump: jumps print absolute targets and tabs like bpf_image", () => {
  const lines = dumpProgram([
    { code: 0x28, jt: 0, jf: 0, k: 12 },
    { code: 0x15, jt: 0, jf: 1, k: 0x800 },
    { code: 0x06, jt: 0, jf: 0, k: 262144 },
    { code: 0x06, jt: 0, jf: 0, k: 0 },
  ]);
  equal(
    lines,
    "(000) ldh      [12]\n" +
      "(001) jeq      #0x800           jt 2\tjf 3\n" +
      "(002) ret      #262144\n" +
      "(003) ret      #0\n",
  );
  equal(dumpProgram([{ code: 0x07, jt: 0, jf: 0, k: 0 }]), "(000) tax      \n");
  equal(
    dumpProgram([{ code: 0x20, jt: 0, jf: 0, k: 0xfffff000 + 44 }], 1),
    "(000) ld       [vlan_tci]\n",
  );
});
