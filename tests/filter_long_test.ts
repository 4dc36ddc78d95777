/**
 * Filters far longer or deeper than everyday ones: they compile without running out of stack,
 * one past the kernel's 4096 instructions says so (and runs in the interpreter), and the CLI
 * turns that into one line and exit 2 where it cannot filter in user space.
 */
import assert from "node:assert/strict";
import { compileFilter, FilterError, FilterTooLongError } from "../src/filter/mod.ts";
import { MAX_NESTING } from "../src/filter/parser.ts";
import { ether, ipv4, pcapBytes, udp } from "./helpers/frames.ts";

/** `host 10.a.b.1 or ...`, `n` terms. */
function hosts(n: number): string {
  return Array.from({ length: n }, (_, i) => `host 10.${i >> 8}.${i & 255}.1`).join(" or ");
}

function frameFrom(src: string): Uint8Array {
  return ether(
    { type: 0x0800 },
    ipv4({ src, dst: "10.255.0.9", proto: 17 }, udp({ sport: 1, dport: 2 }, new Uint8Array(4))),
  );
}

Deno.test("1,500 host terms compile; past the kernel's limit the program says so and runs in the interpreter", () => {
  const f = compileFilter(hosts(1500));
  assert.ok(f.insns.length > 4096, `${f.insns.length} instructions`);
  assert.equal(f.tooLongForKernel, true);
  assert.equal(f.matches(frameFrom("10.5.219.1")), true); // the last term
  assert.equal(f.matches(frameFrom("10.0.0.1")), true); // the first
  assert.equal(f.matches(frameFrom("10.6.0.1")), false);
  assert.equal(compileFilter(hosts(10)).tooLongForKernel, false);
});

Deno.test("1,200 'not tcp' terms and a run of 5,000 'not's compile", () => {
  const short = compileFilter("not tcp").insns;
  assert.deepEqual(compileFilter(Array(1200).fill("not tcp").join(" and ")).insns, short);
  assert.deepEqual(compileFilter("not ".repeat(5000) + "not tcp").insns, short);
  assert.deepEqual(compileFilter("- ".repeat(5000) + "1 = 1").insns, compileFilter("1 = 1").insns);
});

Deno.test("parentheses: a thousand deep compile, deeper is a FilterError, not a stack overflow", () => {
  const nest = (n: number, inner: string) => "(".repeat(n) + inner + ")".repeat(n);
  assert.deepEqual(compileFilter(nest(MAX_NESTING, "tcp")).insns, compileFilter("tcp").insns);
  assert.deepEqual(
    compileFilter(nest(MAX_NESTING, "ip[0]") + " = 69").insns,
    compileFilter("ip[0] = 69").insns,
  );
  for (const expr of [nest(4999, "tcp"), nest(4999, "1") + " = 1"]) {
    assert.throws(() => compileFilter(expr), (e) => {
      assert.ok(e instanceof FilterError, String(e));
      assert.equal(e.reason, `parentheses nested more than ${MAX_NESTING} deep`);
      assert.equal(e.position, MAX_NESTING);
      return true;
    });
  }
});

function rawcap(...args: string[]) {
  const main = new URL("../main.ts", import.meta.url).pathname;
  const out = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-ffi", "--allow-read", "--allow-write", main, ...args],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("-d and -r with a filter too long for the kernel: one line and exit 2", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const file = dir + "/one.pcap";
    Deno.writeFileSync(file, pcapBytes([{ data: frameFrom("10.0.0.1") }]));
    const n = compileFilter(hosts(1500)).insns.length;
    for (const args of [["-d"], ["-r", file]]) {
      const r = rawcap(...args, hosts(1500));
      assert.equal(r.code, 2, r.stderr);
      assert.equal(
        r.stderr,
        `rawcap: filter too long: ${n} BPF instructions, the kernel takes at most 4096\n`,
      );
      assert.equal(r.stdout, "");
    }
    assert.ok(new FilterTooLongError(n, 4096).exitCode === 2);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
