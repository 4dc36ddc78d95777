import assert from "node:assert/strict";
import { CaptureWriter } from "../src/format/writer.ts";
import { readCapture } from "../src/format/reader.ts";
import { CaptureFileError } from "../src/format/errors.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { hasTool } from "./helpers/tools.ts";

const HAVE_TSHARK = hasTool("tshark");
if (!HAVE_TSHARK) console.log("tshark missing: oracle tests ignored");

const WRITER = new URL("../src/format/writer.ts", import.meta.url).href;
const ERRORS = new URL("../src/format/errors.ts", import.meta.url).href;

function frame(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x88, 0xb5]);
  for (let i = 14; i < size; i++) out[i] = (i * 13 + seed) & 255;
  return out;
}

function rec(i: number, size = 100, iface = ""): PacketRecord {
  const data = frame(size, i);
  return {
    ts: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_123n,
    iface,
    ifindex: 0,
    len: data.length,
    caplen: data.length,
    direction: "unknown",
    data,
  };
}

async function run(
  cmd: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const o = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  return { code: o.code, out: dec.decode(o.stdout), err: dec.decode(o.stderr) };
}

async function tsharkCount(path: string): Promise<number> {
  const r = await run("tshark", ["-r", path, "-T", "fields", "-e", "frame.number"]);
  assert.equal(r.code, 0, r.err);
  return r.out.split("\n").filter((l) => l !== "").length;
}

async function readAll(path: string) {
  const reader = readCapture(path, { copy: true });
  const recs: PacketRecord[] = [];
  for await (const r of reader) recs.push(r);
  return { recs, truncated: reader.truncated };
}

Deno.test("writes are buffered until flush, then land as whole records", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/b.pcap`;
  const w = await CaptureWriter.open(path, { flushIntervalMs: 0 });
  w.write(rec(0));
  w.write(rec(1));
  assert.equal((await Deno.stat(path)).size, 0);
  w.flush();
  assert.equal((await Deno.stat(path)).size, 24 + 2 * (16 + 100));
  w.write(rec(2));
  w.close();
  assert.equal((await Deno.stat(path)).size, 24 + 3 * (16 + 100));
  assert.equal(w.packets, 3);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the writer's own timer flushes buffered records within about a second", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/t.pcap`;
  const w = await CaptureWriter.open(path);
  w.write(rec(0));
  assert.equal((await Deno.stat(path)).size, 0);
  const deadline = Date.now() + 3000;
  while ((await Deno.stat(path)).size === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal((await Deno.stat(path)).size, 24 + 16 + 100);
  w.close();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("the flush timer does not keep a process alive", async () => {
  const dir = await Deno.makeTempDir();
  const script = `${dir}/alive.ts`;
  await Deno.writeTextFile(
    script,
    `import { CaptureWriter } from "${WRITER}";
const w = await CaptureWriter.open("${dir}/x.pcap");
w.write({ ts: 1n, iface: "", ifindex: 0, len: 20, caplen: 20, direction: "unknown", data: new Uint8Array(20) });
console.log("done");
`,
  );
  const started = Date.now();
  const r = await run(Deno.execPath(), ["run", "--allow-write", script]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), "done");
  assert.ok(Date.now() - started < 5000, "process lingered");
  await Deno.remove(dir, { recursive: true });
});

Deno.test({
  name: "many records through a small buffer, and a record larger than the buffer",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    for (const format of ["pcap", "pcapng"] as const) {
      const path = `${dir}/many.${format}`;
      const w = await CaptureWriter.open(path, { format, bufferSize: 4096, snaplen: 65535 });
      const sizes: number[] = [];
      for (let i = 0; i < 500; i++) {
        const size = i === 250 ? 9000 : 60 + (i % 200);
        sizes.push(size);
        w.write(rec(i, size, `if${i % 3}`));
      }
      w.close();
      assert.equal(await tsharkCount(path), 500);
      const { recs, truncated } = await readAll(path);
      assert.equal(truncated, false);
      assert.deepEqual(recs.map((r) => r.data.length), sizes);
      recs.forEach((r, i) => assert.deepEqual(r.data, frame(sizes[i], i)));
    }
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test({
  name: "'-' writes the capture to stdout",
  ignore: !HAVE_TSHARK,
  async fn() {
    const dir = await Deno.makeTempDir();
    const script = `${dir}/stdout.ts`;
    await Deno.writeTextFile(
      script,
      `import { CaptureWriter } from "${WRITER}";
const w = await CaptureWriter.open("-", { format: "pcapng", precision: "nano" });
for (let i = 0; i < 50; i++) {
  w.write({ ts: 1700000000000000000n + BigInt(i), iface: "eth" + (i % 2), ifindex: 0, len: 60, caplen: 60, direction: "unknown", data: new Uint8Array(60).fill(i) });
}
w.close();
`,
    );
    const o = await new Deno.Command(Deno.execPath(), {
      args: ["run", script], // writing stdout needs no permission
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(o.code, 0, new TextDecoder().decode(o.stderr));
    const out = `${dir}/stdout.pcapng`;
    await Deno.writeFile(out, o.stdout);
    assert.equal(await tsharkCount(out), 50);
    const { recs } = await readAll(out);
    assert.deepEqual(recs.map((r) => r.data[0]), Array.from({ length: 50 }, (_, i) => i));
    assert.deepEqual(recs.slice(0, 2).map((r) => r.iface), ["eth0", "eth1"]);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.test("a closed pipe on stdout is a CaptureFileError, not a crash", async () => {
  const dir = await Deno.makeTempDir();
  const script = `${dir}/pipe.ts`;
  await Deno.writeTextFile(
    script,
    `import { CaptureWriter } from "${WRITER}";
import { CaptureFileError } from "${ERRORS}";
const w = await CaptureWriter.open("-", { bufferSize: 4096 });
try {
  for (let i = 0; i < 100000; i++) {
    w.write({ ts: BigInt(i), iface: "", ifindex: 0, len: 1000, caplen: 1000, direction: "unknown", data: new Uint8Array(1000) });
  }
  w.close();
  console.error("no error");
} catch (e) {
  console.error(e instanceof CaptureFileError ? e.kind + "|" + e.message : "other|" + e);
  Deno.exit(3);
}
`,
  );
  const cmd = `"${Deno.execPath()}" run -A "${script}" | head -c 100 > /dev/null`;
  const o = await new Deno.Command("bash", {
    args: ["-c", `set -o pipefail; ${cmd}`],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(o.stderr).trim();
  assert.equal(o.code, 3, err);
  assert.match(err, /^broken-pipe\|-: write failed: broken pipe/);
  assert.equal(err.split("\n").length, 1);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("unwritable paths fail to open with a CaptureFileError naming the path", async () => {
  const dir = await Deno.makeTempDir();
  for (
    const [path, re] of [[`${dir}/no/such/dir.pcap`, /No such file or directory/], [
      dir,
      /directory/i,
    ]]
  ) {
    await assert.rejects(
      () => CaptureWriter.open(path as string),
      (e: unknown) =>
        e instanceof CaptureFileError && e.kind === "open" &&
        e.message.startsWith(`${path}: cannot open`) &&
        (re as RegExp).test(e.message),
    );
  }
  await assert.rejects(
    () => CaptureWriter.open("-", { rotate: { fileSizeMB: 1 } }),
    /cannot rotate files when writing to stdout/,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a closed writer refuses writes; closing twice is harmless", async () => {
  const dir = await Deno.makeTempDir();
  const w = await CaptureWriter.open(`${dir}/c.pcap`);
  w.close();
  w.close();
  assert.throws(
    () => w.write(rec(0)),
    (e: unknown) => e instanceof CaptureFileError && e.kind === "closed",
  );
  await Deno.remove(dir, { recursive: true });
});

async function mountTinyTmpfs(dir: string): Promise<string | undefined> {
  try {
    const r = await run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    return r.code === 0 ? undefined : r.err.trim() || `mount exited ${r.code}`;
  } catch (e) {
    return String(e);
  }
}

/** Why a tiny tmpfs cannot be mounted here (not root, no CAP_SYS_ADMIN...), or undefined. */
async function probeTmpfs(): Promise<string | undefined> {
  const dir = await Deno.makeTempDir();
  const why = await mountTinyTmpfs(dir);
  if (!why) await run("umount", [dir]);
  await Deno.remove(dir, { recursive: true });
  return why;
}
const TMPFS_PROBLEM = await probeTmpfs();
if (TMPFS_PROBLEM) console.log(`cannot mount tmpfs (${TMPFS_PROBLEM}): full-disk tests ignored`);

for (const format of ["pcap", "pcapng"] as const) {
  Deno.test({
    name:
      `${format}: a full disk (64k tmpfs) is a CaptureFileError and the file keeps whole records`,
    ignore: TMPFS_PROBLEM !== undefined,
    async fn() {
      const dir = await Deno.makeTempDir();
      const why = await mountTinyTmpfs(dir);
      assert.equal(why, undefined);
      try {
        const path = `${dir}/full.${format}`;
        const w = await CaptureWriter.open(path, { format, bufferSize: 5000, flushIntervalMs: 0 });
        let accepted = 0;
        const err = (() => {
          try {
            for (let i = 0; i < 1000; i++) {
              w.write(rec(i, 700));
              accepted++;
            }
            w.close();
          } catch (e) {
            return e;
          }
        })();
        assert.ok(err instanceof CaptureFileError, `expected an error, got ${err}`);
        assert.equal(err.kind, "no-space");
        assert.match(err.message, new RegExp(`^${path}: write failed: No space left on device$`));
        w.close();
        const { recs, truncated } = await readAll(path);
        assert.equal(truncated, false);
        assert.ok(recs.length > 0 && recs.length < accepted, `${recs.length} of ${accepted}`);
        recs.forEach((r, i) => assert.deepEqual(r.data, frame(700, i)));
        if (HAVE_TSHARK) assert.equal(await tsharkCount(path), recs.length);
      } finally {
        await run("umount", [dir]);
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
