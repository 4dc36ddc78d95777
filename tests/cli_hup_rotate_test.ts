/**
 * SIGHUP and rotation never destroy frames: a SIGHUP while the name still names the file being
 * written keeps writing to it (one line on stderr); after a rename it starts a new file; a
 * rotation whose new name is the file being written, or one written earlier in the run,
 * keeps or appends to it instead of truncating it. Also `-i N`, the index `-D` prints.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import { labUnavailable, lines, RawcapProcess, sh, udpFrame, withLab } from "./lab.ts";
import { pcapFile, runCommand } from "./helpers/capture_files.ts";
import { rawcapCommand } from "./lab.ts";
import { hasTool } from "./helpers/tools.ts";

const hasTshark = hasTool("tshark");
const why = labUnavailable() ?? (hasTshark ? undefined : "needs tshark");
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Frames in a capture file, as tshark counts them (`filter`: a display filter). */
async function tsharkCount(file: string, filter?: string): Promise<number> {
  const only = filter ? ["-Y", filter] : [];
  return lines(await sh(["tshark", "-r", file, ...only, "-T", "fields", "-e", "frame.number"]))
    .length;
}

/** Our frames only: what else the bridge hears (a stray multicast) is not counted. */
const OURS = "udp.dstport >= 7800 && udp.dstport < 7900";

const burst = (dport: number, n: number) =>
  Array.from({ length: n }, (_, i) => udpFrame({ dport, sport: 30000 + i }));

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(20);
  }
}

for (
  const [label, name, extra] of [
    ["zero-copy pcap", "x.pcap", []],
    ["pcapng through the rotating writer", "x.pcapng", ["-C", "100"]],
  ] as [string, string, string[]][]
) {
  labTest(`SIGHUP without a rename keeps the file (${label}): every frame is in it`, async () => {
    const dir = await Deno.makeTempDir();
    try {
      await withLab(async (lab) => {
        const file = `${dir}/${name}`;
        const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-w", file, ...extra]);
        await p.listening();
        await lab.sendFromA(burst(7801, 20), 1);
        await sleep(300);
        p.kill("SIGHUP");
        await until(() => p.stderr.includes("SIGHUP"), 1000).catch(() => {});
        await lab.sendFromA(burst(7802, 15), 1);
        await sleep(300);
        p.kill("SIGTERM");
        const r = await p.finish();
        assertEquals(r.code, 0, r.stderr);
        assertEquals(await tsharkCount(file, OURS), 35);
        const said = lines(r.stderr).filter((l) => l.includes("SIGHUP"));
        assertEquals(said.length, 1, r.stderr);
        assertMatch(said[0], /still names the file being written; writing on/);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

labTest("SIGHUP after a rename starts a new file; the renamed one keeps its frames", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await withLab(async (lab) => {
      const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-w", `${dir}/x.pcap`]);
      await p.listening();
      await lab.sendFromA(burst(7811, 10), 1);
      await sleep(300);
      await Deno.rename(`${dir}/x.pcap`, `${dir}/x.pcap.1`);
      p.kill("SIGHUP");
      await until(() => p.stderr.includes("SIGHUP"), 1000).catch(() => {});
      await lab.sendFromA(burst(7812, 7), 1);
      await sleep(300);
      p.kill("SIGTERM");
      const r = await p.finish();
      assertEquals(r.code, 0, r.stderr);
      assertEquals([
        await tsharkCount(`${dir}/x.pcap.1`, OURS),
        await tsharkCount(`${dir}/x.pcap`, OURS),
      ], [
        10,
        7,
      ]);
      assertMatch(r.stderr, /SIGHUP: .*x\.pcap no longer names the file; starting a new one/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

labTest("-i N captures on the interface -D lists with index N (--immediate-mode too)", async () => {
  await withLab(async (lab) => {
    const listed = lines(await lab.exec(lab.nsBr, [...rawcapCommand(), "-D"]));
    const br0 = listed.find((l) => /^\d+\.br0 /.test(l));
    assert(br0, listed.join("\n"));
    const index = br0.split(".")[0];
    // The filter keeps the bridge's own IGMP reports out of the one frame counted.
    const p = new RawcapProcess(lab.nsBr, [
      "-i",
      index,
      "-c",
      "1",
      "--immediate-mode",
      "udp port 7821",
    ]);
    await p.listening();
    assertMatch(p.stderr, /listening on br0,/);
    await lab.sendFromA(burst(7821, 1));
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    assertMatch(r.stdout, /br0 IP 10\.77\.0\.1\.30000 > 10\.77\.0\.9\.7821/);
  });
});

Deno.test("rotation onto the name being written, or one written before, keeps every frame", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // Seconds 0, 1.5, 3 and 61.5 of a minute: -G 1 starts a file at each.
    const base = 1_700_000_040; // a whole minute
    const at = [[0, 0], [1, 500_000], [3, 0], [61, 500_000]];
    Deno.writeFileSync(
      `${dir}/in.pcap`,
      pcapFile(at.map(([s, us]) => ({ sec: base + s, frac: us }))),
    );
    const cases: [string, string][] = [
      ["one name: every rotation lands on the file being written", "same.pcap"],
      ["%S: the fourth lands on the second's file (pcap, appended)", "s-%S.pcap"],
      ["%S: the same with pcapng (a new section)", "n-%S.pcapng"],
    ];
    for (const [what, name] of cases) {
      const r = await runCommand([
        ...rawcapCommand(),
        "-r",
        `${dir}/in.pcap`,
        "-w",
        `${dir}/${name}`,
        "-G",
        "1",
      ]);
      assertEquals(r.code, 0, r.stderr);
      const prefix = name.split("%")[0].replace(/\.pcap$/, "");
      const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
        n.startsWith(prefix) && n !== "in.pcap"
      );
      let total = 0;
      for (const f of files) {
        const j = await runCommand([...rawcapCommand(), "-r", `${dir}/${f}`]);
        assertEquals(j.code, 0, `${what}: ${f}: ${j.stderr}`);
        total += lines(j.stdout).length;
      }
      assertEquals(total, 4, `${what}: ${files.join(", ")}`);
      if (hasTshark) {
        let t = 0;
        for (const f of files) t += await tsharkCount(`${dir}/${f}`);
        assertEquals(t, 4, `${what}: tshark`);
      }
    }
    // The exception: -C -W cycles through its names overwriting the oldest, even one name.
    const many = pcapFile(Array.from({ length: 20_000 }, (_, i) => ({ sec: base + i })));
    Deno.writeFileSync(`${dir}/many.pcap`, many);
    const r = await runCommand([
      ...rawcapCommand(),
      "-r",
      `${dir}/many.pcap`,
      "-w",
      `${dir}/cycle.pcap`,
      "-C",
      "1",
      "-W",
      "1",
    ]);
    assertEquals(r.code, 0, r.stderr);
    const size = Deno.statSync(`${dir}/cycle.pcap`).size;
    assert(size < many.length && size <= 1_000_000 + 76, `cycle.pcap has ${size} bytes`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
