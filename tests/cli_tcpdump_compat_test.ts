/**
 * What tcpdump 4.99 does with odd files and its daily flags, and rawcap the same: records with
 * an invalid header marked, pcap 2.0-2.3 lengths, timestamps past what Date can hold, -l, -U,
 * -F, -N, -V, --count, -y, -L, -z and tcpdump's long names for rawcap's own flags.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import { lines, rawcapCommand, sh } from "./lab.ts";
import { FRAME, option, pcapFile, pcapngFile, runCommand } from "./helpers/capture_files.ts";
import { pcapBytes, samples } from "./helpers/frames.ts";
import { hasTool } from "./helpers/tools.ts";

const hasTcpdump = hasTool("tcpdump");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rawcap(args: string[], stdin?: Uint8Array) {
  return await runCommand([...rawcapCommand(), ...args], { stdin });
}

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** tcpdump's lines for `args` (stdout only; the "reading from file" line is on stderr). */
async function tcpdump(args: string[]): Promise<string[]> {
  // -Z root: tcpdump would otherwise drop to its own user and fail to open the next file.
  return lines(await sh(["tcpdump", "-nn", "-Z", "root", ...args]));
}

Deno.test({
  name: "records with an invalid header are marked as tcpdump marks them (text), and in NDJSON",
  ignore: !hasTcpdump,
  async fn() {
    await withDir(async (dir) => {
      const path = `${dir}/bad.pcap`;
      Deno.writeFileSync(
        path,
        pcapFile([
          { sec: 1_700_000_000, len: 40 }, // len(40) < caplen(60)
          { sec: 1_700_000_001, len: 0 },
          { sec: 1_700_000_002, caplen: 0, data: new Uint8Array(0) },
          { sec: 1_700_000_003, len: 300_000 },
          { sec: 1_700_000_004 }, // sound
        ]),
      );
      const ours = await rawcap(["-r", path, "-tt"]);
      assertEquals(ours.code, 0, ours.stderr);
      const theirs = await tcpdump(["-tt", "-r", path]);
      assertEquals(lines(ours.stdout).slice(0, 4), theirs.slice(0, 4));
      assertEquals(lines(ours.stdout)[0], "[Invalid header: len(40) < caplen(60)]");
      assertMatch(lines(ours.stdout)[4], /^1700000004\.000000 .*UDP/);
      const json = lines((await rawcap(["-r", path, "--json"])).stdout).map((l) => JSON.parse(l));
      assertEquals(json[0], {
        ts: "2023-11-14T22:13:20.000000000Z",
        iface: "",
        len: 40,
        caplen: 60,
        malformed: "record",
      });
      assertEquals(json.map((j) => j.malformed ?? "-"), [
        "record",
        "record",
        "record",
        "record",
        "-",
      ]);
    });
  },
});

Deno.test({
  name: "pcap 2.2 and 2.3 files: caplen and len swapped as libpcap swaps them",
  ignore: !hasTcpdump,
  async fn() {
    await withDir(async (dir) => {
      // Before 2.3 the record header held len before caplen: a 40-byte snap of a 60-byte frame.
      const v22 = pcapFile([{ sec: 1, caplen: 60, len: 40, data: FRAME.subarray(0, 40) }], [2, 2]);
      const v23 = pcapFile([{ sec: 2, caplen: 60, len: 40, data: FRAME.subarray(0, 40) }], [2, 3]);
      for (const [name, data] of [["v22.pcap", v22], ["v23.pcap", v23]] as const) {
        Deno.writeFileSync(`${dir}/${name}`, data);
        const r = await rawcap(["-r", `${dir}/${name}`, "--json"]);
        assertEquals(r.code, 0, r.stderr);
        const rec = JSON.parse(lines(r.stdout)[0]);
        assertEquals([rec.caplen, rec.len], [40, 60], name);
        assertEquals(lines(r.stdout).length, (await tcpdump(["-r", `${dir}/${name}`])).length);
        // File to file (the in-place scan): the copy is a 2.4 file with the lengths in order.
        const out = `${dir}/${name}.out.pcap`;
        const c = await rawcap(["-r", `${dir}/${name}`, "-w", out]);
        assertEquals(c.code, 0, c.stderr);
        const back = JSON.parse(lines((await rawcap(["-r", out, "--json"])).stdout)[0]);
        assertEquals([back.caplen, back.len], [40, 60], `${name} copied`);
      }
    });
  },
});

Deno.test("NDJSON ts stays ISO-8601 for timestamps Date cannot hold (expanded years)", async () => {
  await withDir(async (dir) => {
    // if_tsresol 10^0: ticks are seconds, and 2^63 of them is year 292,277,026,596.
    const far = pcapngFile([option(9, [0]), option(0, [])], [1n << 63n, 0n]);
    Deno.writeFileSync(`${dir}/far.pcapng`, far);
    const r = await rawcap(["-r", `${dir}/far.pcapng`, "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const ts = lines(r.stdout).map((l) => JSON.parse(l).ts);
    assertEquals(ts, ["+292277026596-12-04T15:30:08.000000000Z", "1970-01-01T00:00:00.000000000Z"]);
    // The last second a pcap file can hold.
    Deno.writeFileSync(`${dir}/last.pcap`, pcapFile([{ sec: 0xffffffff, frac: 999999 }]));
    const last = await rawcap(["-r", `${dir}/last.pcap`, "--json"]);
    assertEquals(JSON.parse(last.stdout).ts, "2106-02-07T06:28:15.999999000Z");
  });
});

Deno.test({
  name: "--count, -F (with comments), -V and -N give what tcpdump gives",
  ignore: !hasTcpdump,
  async fn() {
    await withDir(async (dir) => {
      const a = `${dir}/a.pcap`, b = `${dir}/b.pcap`;
      Deno.writeFileSync(a, pcapFile([{ sec: 10 }, { sec: 11 }, { sec: 12 }]));
      Deno.writeFileSync(b, pcapFile([{ sec: 20 }]));
      Deno.writeTextFileSync(`${dir}/f.txt`, "udp # the lab's traffic\n# ports:\n and port 9999\n");
      Deno.writeTextFileSync(`${dir}/list.txt`, `${a}\n${b}\n`);
      for (
        const args of [
          ["--count", "-r", a],
          ["--count", "-r", a, "tcp"],
          ["--count", "-r", a, "-c", "1"],
          ["-F", `${dir}/f.txt`, "-r", a],
          ["-F", `${dir}/f.txt`, "-r", a, "tcp"], // the command line's expression is ignored
          ["-V", `${dir}/list.txt`],
          ["-V", `${dir}/list.txt`, "--count"],
          ["-N", "-tt", "-r", b],
        ]
      ) {
        const ours = await rawcap(args);
        assertEquals(ours.code, 0, ours.stderr);
        const theirs = await tcpdump(args);
        if (args.includes("--count") || args.includes("-N")) {
          assertEquals(lines(ours.stdout), theirs, args.join(" "));
        } else {
          assertEquals(lines(ours.stdout).length, theirs.length, args.join(" "));
        }
      }
    });
  },
});

Deno.test({
  name: "-L lists what tcpdump lists for lo; -y EN10MB and tcpdump's long names are accepted",
  ignore: !hasTcpdump || Deno.uid() !== 0,
  async fn() {
    const ours = await rawcap(["-L", "-i", "lo"]);
    assertEquals(ours.code, 0, ours.stderr);
    const theirs = await runCommand(["tcpdump", "-L", "-i", "lo"]);
    assertEquals([ours.stdout, ours.stderr], [theirs.stdout, theirs.stderr]); // both on stderr
    await withDir(async (dir) => {
      Deno.writeFileSync(`${dir}/a.pcap`, pcapFile([{ sec: 1, frac: 5 }]));
      const r = await rawcap([
        "-y",
        "en10mb",
        "--immediate-mode",
        "--time-stamp-precision",
        "nano",
        "-r",
        `${dir}/a.pcap`,
        "-w",
        `${dir}/nano.pcap`,
      ]);
      assertEquals(r.code, 0, r.stderr);
      const magic = new DataView(Deno.readFileSync(`${dir}/nano.pcap`).buffer).getUint32(0, true);
      assertEquals(magic, 0xa1b23c4d);
    });
  },
});

/** Runs rawcap with stdin held open; `probe` runs while it is, then stdin is closed. */
async function withHeldStdin(
  args: string[],
  first: Uint8Array,
  probe: (stdout: () => string) => Promise<void>,
) {
  const [cmd, ...pre] = rawcapCommand();
  const p = new Deno.Command(cmd, {
    args: [...pre, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "";
  const reading = (async () => {
    for await (const c of p.stdout.pipeThrough(new TextDecoderStream())) out += c;
  })();
  const w = p.stdin.getWriter();
  try {
    await w.write(first);
    await probe(() => out);
  } finally {
    await w.close();
    await reading;
    const st = await p.output().catch(() => undefined);
    void st;
  }
}

async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(20);
  }
  return true;
}

Deno.test("-l: each line goes out at once (rawcap -l -r - | ... sees it while stdin is open)", async () => {
  await withHeldStdin(["-l", "-r", "-"], pcapFile([{ sec: 1 }]), async (stdout) => {
    assert(await until(() => stdout().includes("UDP")), "no line while the input is open");
  });
});

Deno.test("-U: each record is in the -w file at once, while stdin is still open", async () => {
  await withDir(async (dir) => {
    const out = `${dir}/u.pcap`;
    await withHeldStdin(["-U", "-r", "-", "-w", out], pcapFile([{ sec: 1 }]), async () => {
      const size = () => {
        try {
          return Deno.statSync(out).size;
        } catch {
          return 0;
        }
      };
      assert(await until(() => size() === 24 + 16 + FRAME.length), `file has ${size()} bytes`);
    });
  });
});

Deno.test("-z CMD runs CMD FILE, without a shell, on each file a rotation closes", async () => {
  await withDir(async (dir) => {
    // Records 0, 1.5, 3 s apart: -G 1 closes two files and leaves the third open at exit.
    const base = 1_700_000_040;
    Deno.writeFileSync(
      `${dir}/in.pcap`,
      pcapFile([{ sec: base }, { sec: base + 1, frac: 500_000 }, { sec: base + 3 }]),
    );
    const log = `${dir}/closed.log`;
    Deno.writeTextFileSync(`${dir}/z.sh`, `#!/bin/sh\necho "$# $1" >> ${log}\n`);
    Deno.chmodSync(`${dir}/z.sh`, 0o755);
    const r = await rawcap([
      "-r",
      `${dir}/in.pcap`,
      "-w",
      `${dir}/out-%s.pcap`,
      "-G",
      "1",
      "-z",
      `${dir}/z.sh`,
    ]);
    assertEquals(r.code, 0, r.stderr);
    const read = () => {
      try {
        return lines(Deno.readTextFileSync(log)).sort();
      } catch {
        return [];
      }
    };
    assert(await until(() => read().length === 2), `ran for ${read()}`);
    await sleep(200);
    const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.startsWith("out-"));
    assertEquals(files.length, 3);
    // One argument each: the closed files, not the one still open at exit (as tcpdump).
    const closed = read().map((l) => l.split(" "));
    assertEquals(closed.map((c) => c[0]), ["1", "1"]);
    assert(!closed.some((c) => c[1] === `${dir}/out-${base + 3}.pcap`), String(closed));
  });
});

Deno.test({
  name: "-# numbers the lines and -K drops the IPv4, TCP and UDP checksum checks, as tcpdump",
  ignore: !hasTcpdump,
  async fn() {
    await withDir(async (dir) => {
      // Every sample, then copies of some with their IPv4 header and transport bytes damaged.
      const all = samples();
      const damaged = all.filter((s) => s.data.length > 60).slice(0, 20).map((s) => {
        const d = s.data.slice();
        d[24] ^= 0xff;
        d[50] ^= 0x55;
        return { data: d, len: s.len };
      });
      const file = `${dir}/k.pcap`;
      Deno.writeFileSync(
        file,
        pcapBytes([...all, ...damaged].map((s) => ({ data: s.data, len: s.len }))),
      );
      // -#: the numbers are tcpdump's, and only they are added.
      const plain = lines((await rawcap(["-n", "-r", file])).stdout);
      const numbered = lines((await rawcap(["-#", "-n", "-r", file])).stdout);
      // tcpdump's numbered lines (some frames take more than one line there).
      const theirs = (await tcpdump(["-#", "-r", file])).filter((l) => /^ *\d+ {2}\d\d:/.test(l));
      assertEquals(numbered.length, plain.length);
      assertEquals(theirs.length, plain.length);
      numbered.forEach((l, i) =>
        assertEquals(l, theirs[i].slice(0, 7) + plain[i], `line ${i + 1}`)
      );
      // -K: no IPv4/TCP/UDP verdicts at all; ICMPv6's stay, as tcpdump keeps them.
      const verdicts = /\(correct\)|\(incorrect|bad cksum|udp sum ok|bad udp cksum/;
      const checked = (await rawcap(["-nv", "-r", file])).stdout;
      assertMatch(checked, verdicts); // the frames do carry checksums to verify
      const k = (await rawcap(["-nvK", "-r", file])).stdout;
      assert(!verdicts.test(k), k.split("\n").find((l) => verdicts.test(l)));
      const icmp6 = (s: string) => s.split("\n").filter((l) => l.includes("icmp6 sum ok")).length;
      const tk = (await tcpdump(["-vK", "-r", file])).join("\n");
      assertEquals(icmp6(k), icmp6(tk));
      assert(icmp6(k) > 0);
      assertEquals(verdicts.test(tk), false);
    });
  },
});
