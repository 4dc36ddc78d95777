/**
 * Kernel statistics read several times during a capture that drops (`--stats-interval`), on
 * both read paths: PACKET_STATISTICS resets on every read, so each source must add each read
 * to its totals. Counters never go down, and at the end received = captured + dropped.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import { labUnavailable, RawcapProcess, udpFrame, withLab } from "./lab.ts";
import { addStats, zeroStats } from "../src/capture/source.ts";

const why = labUnavailable();
if (why) console.warn(`capture_stats_test: lab tests ignored: ${why}`);

const PORT = 7960;
const LINE = /^br0: (\d+) packets received, (\d+) dropped by kernel, (\d+) ring freezes$/gm;

/** Every per-interface stats line printed so far: [received, dropped, freezes]. */
function statsLines(stderr: string): number[][] {
  return [...stderr.matchAll(LINE)].map((m) => m.slice(1).map(Number));
}

async function until(what: string, cond: () => boolean, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test({
  name: "--stats-interval during a capture that drops: counters add up and never go down " +
    "(ring and recvmsg)",
  ignore: !!why,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // Guards RingSource.stats() and RecvSource.stats(): each PACKET_STATISTICS read is added to
    // the totals (the kernel zeroes its counters on every read). Overwritten instead, the final
    // read after the second burst would report the second burst alone.
    await withLab(async (lab) => {
      const args = ["-i", "br0", "-B", "64", "-w", "/dev/null", "--stats", "--stats-interval", "1"];
      const procs = [
        new RawcapProcess(lab.nsBr, [...args, `udp port ${PORT}`]),
        new RawcapProcess(lab.nsBr, [...args, "--recvmsg", `udp port ${PORT}`]),
      ];
      const BURST = 2000;
      const big = udpFrame({ dport: PORT, payload: "x".repeat(1400) });
      /** One burst while both captures are stopped: more than the ring or socket buffer holds. */
      const burst = async () => {
        for (const p of procs) p.kill("SIGSTOP");
        try {
          await lab.sendFromA(Array.from({ length: BURST }, () => big), 0);
        } finally {
          for (const p of procs) p.kill("SIGCONT");
        }
      };
      try {
        await Promise.all(procs.map((p) => p.listening()));
        await burst();
        // A read in the middle: the interval line after the first burst.
        await until(
          "an interval line",
          () => procs.every((p) => statsLines(p.stderr).some(([r]) => r === BURST)),
        );
        await burst();
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        for (const p of procs) p.kill("SIGINT");
      }
      for (const [i, p] of procs.entries()) {
        const path = i === 0 ? "ring" : "recvmsg";
        const r = await p.finish();
        assertEquals(r.code, 0, r.stderr);
        const seen = statsLines(r.stderr);
        assert(seen.length >= 2, `${path}: ${r.stderr}`);
        for (let k = 1; k < seen.length; k++) {
          for (let c = 0; c < 3; c++) {
            assert(seen[k][c] >= seen[k - 1][c], `${path}: a counter went down\n${r.stderr}`);
          }
        }
        const [received, dropped, freezes] = seen.at(-1)!;
        assertEquals(received, 2 * BURST, `${path}: received at the end\n${r.stderr}`);
        const mid = seen.find(([rcv]) => rcv === BURST)!;
        assert(mid[1] > 0, `${path}: the first burst dropped nothing\n${r.stderr}`);
        assert(dropped > mid[1], `${path}: no drops counted after the first read\n${r.stderr}`);
        if (path === "ring") {
          assert(mid[2] > 0, `ring: the first burst froze nothing\n${r.stderr}`);
          assert(freezes > mid[2], `ring: no freezes counted after the first read\n${r.stderr}`);
        }
        const captured = Number(r.stderr.match(/^(\d+) packets captured$/m)?.[1]);
        assertEquals(captured + dropped, received, `${path}: captured + dropped\n${r.stderr}`);
        assertMatch(r.stderr, new RegExp(`^${received} packets received by filter$`, "m"));
        assertMatch(r.stderr, new RegExp(`^${dropped} packets dropped by kernel$`, "m"));
      }
    });
  },
});

Deno.test("addStats adds each counter to its own; zeroStats starts every counter at 0", () => {
  // Guards the per-interface sum behind "N packets received by filter" and "dropped by kernel".
  assertEquals(zeroStats(), { received: 0, dropped: 0, freezes: 0 });
  const a = { received: 10, dropped: 3, freezes: 1 };
  const b = { received: 100, dropped: 30, freezes: 7 };
  assertEquals(addStats(a, b), { received: 110, dropped: 33, freezes: 8 });
  assertEquals(addStats(zeroStats(), b), b);
  assertEquals(a, { received: 10, dropped: 3, freezes: 1 }); // a new object; a is unchanged
});
