/**
 * `sudo deno task bench`: rawcap against tcpdump on the same traffic, in one run.
 *
 * Live: a veth pair between two network namespaces (see bench_lab.ts); trafgen sends
 * VLAN-tagged UDP frames of 64-128 bytes at each rate; each capturer listens on the receiving
 * veth, one after the other, pinned to a CPU trafgen does not use (kept from idling, see
 * BenchLab.keepAwake). For every run: frames the
 * kernel received (veth rx counter), captured, dropped by kernel, CPU seconds during the burst
 * (from /proc/PID/stat), CPU per million frames captured, and peak RSS.
 *
 * File read: a generated pcap of --file-mb MB (and one a tenth of that size, to show whether
 * memory stays flat as the file grows) read by each tool; wall time, CPU and peak RSS.
 *
 * Beside tcpdump (issue 16), in the same run: file to file (`-r f -w out`, with and without
 * 'vlan 100 and udp') on --f2f-frames frames, `--json` and `-v -e` on the mixed corpus
 * (tests/helpers/frames.ts samples() repeated to --corpus-frames frames), see
 * bench/tcpdump_jobs.ts; and live `-w` CPU per million frames above the capturer's idle CPU
 * (each live run first measures it listening idle for 2 s). One table of these, dated and
 * naming the commit, is printed for the README.
 *
 * Prints markdown tables and writes every row to bench/results/latest.json.
 *
 * The machine may be shared and virtual, so every (rate, mode) runs --repeat times, modes
 * interleaved; tables show medians and the captured range, the JSON keeps every run.
 *
 * Rates: "unlimited" is trafgen's full-speed burst; "<N>pps" is paced by a tbf qdisc on the
 * sender veth (BenchLab.send). Every run records the rate actually achieved, from the receiving
 * veth's counter sampled every 2 ms.
 *
 * Allocation check: each of --gc-modes runs once more under V8's --trace-gc at --gc-rate (the
 * last rate); GC events during the burst per million frames go in their own table.
 *
 * Flags: --frames N (1500000), --rates unlimited,500000pps,100000pps, --repeat N (3),
 * --modes a,b (see MODES), --quick (100000 frames, 1 run each, 30 MB file, 500000 frames file
 * to file, 100000 corpus frames), --file-read (only the file sections), --no-file-read,
 * --file-mb N (300), --f2f-frames N (5000000), --corpus-frames N (500000), --no-tcpdump-jobs,
 * --no-pin, --no-keep-awake, --gc-modes a,b, --gc-rate R, --no-gc, --out FILE.
 */
import { dirname } from "node:path";
import {
  type FileJobRow,
  fileJobs,
  type FilePairSummary,
  runFileJob,
  summarizeFileJobs,
  writeCorpus,
} from "../bench/tcpdump_jobs.ts";
import { LIBRARY_PERMISSIONS, rawcapRunArgv } from "./shipped.ts";
import {
  encodePcapHeader,
  PCAP_MAX_SNAPLEN,
  PCAP_RECORD_HEADER_LEN,
  writePcapRecordHeader,
} from "../src/format/pcap.ts";
import { parseArgs } from "node:util";
import {
  type ArrivalRate,
  benchFrames,
  type BenchLab,
  benchLabUnavailable,
  CLK_TCK,
  cpuTicks,
  MEAN_FRAME_BYTES,
  Measured,
  PEAK_WINDOW_MS,
  peakRssKib,
  run,
  type Rusage,
  RxSampler,
  tbfArgs,
  withBenchLab,
} from "./bench_lab.ts";

/** One capturer configuration: a name and its argv for an interface or a file. */
interface Mode {
  id: string;
  tool: "tcpdump" | "rawcap";
  live: (iface: string) => string[];
  file: (path: string) => string[];
  /** Measured on files only (library jobs whose live cost is the "fields" job's). */
  fileOnly?: boolean;
}

/** rawcap exactly as the `rawcap` task and the binary run it (scripts/shipped.ts). */
const RAWCAP = rawcapRunArgv();
/** A script on mod.ts (bench/library_consumer.ts) with the permissions the README gives. */
const LIBRARY = new URL("../bench/library_consumer.ts", import.meta.url).pathname;
const libraryMode = (job: string, fileOnly = false): Mode => ({
  id: `library ${job}`,
  tool: "rawcap",
  live: (i) => [Deno.execPath(), "run", ...LIBRARY_PERMISSIONS, LIBRARY, "-i", i, "--job", job],
  file: (f) => [Deno.execPath(), "run", "--allow-read", LIBRARY, "-r", f, "--job", job],
  fileOnly,
});
/** Kernel ring size for both tools, in KiB (rawcap's default). */
const BUFFER_KIB = "4096";

const MODES: Mode[] = [
  {
    id: "tcpdump -w",
    tool: "tcpdump",
    live: (i) => ["tcpdump", "-i", i, "-n", "-B", BUFFER_KIB, "-w", "/dev/null"],
    file: (f) => ["tcpdump", "-r", f, "-n", "-w", "/dev/null"],
  },
  {
    id: "tcpdump text",
    tool: "tcpdump",
    live: (i) => ["tcpdump", "-i", i, "-n", "-B", BUFFER_KIB],
    file: (f) => ["tcpdump", "-r", f, "-n"],
  },
  {
    id: "rawcap -w",
    tool: "rawcap",
    live: (i) => [...RAWCAP, "-i", i, "-n", "-w", "/dev/null"],
    file: (f) => [...RAWCAP, "-r", f, "-w", "/dev/null"],
  },
  {
    id: "rawcap text",
    tool: "rawcap",
    live: (i) => [...RAWCAP, "-i", i, "-n"],
    file: (f) => [...RAWCAP, "-r", f, "-n"],
  },
  {
    id: "rawcap json",
    tool: "rawcap",
    live: (i) => [...RAWCAP, "-i", i, "--json"],
    file: (f) => [...RAWCAP, "-r", f, "--json"],
  },
  {
    id: "rawcap -w recvmsg",
    tool: "rawcap",
    live: (i) => [...RAWCAP, "-i", i, "-n", "--recvmsg", "-w", "/dev/null"],
    file: (f) => [...RAWCAP, "-r", f, "-w", "/dev/null"],
  },
  libraryMode("fields"),
  libraryMode("count", true),
  libraryMode("filter", true),
  libraryMode("stream", true),
];
const DEFAULT_MODES = [
  "tcpdump -w",
  "tcpdump text",
  "rawcap -w",
  "rawcap text",
  "rawcap json",
  "library fields",
  "library count",
  "library filter",
  "library stream",
];
/** Modes run once more with --trace-gc to count GC events during the burst. */
const GC_MODES = ["rawcap -w", "rawcap text", "rawcap json"];
/** Mode pairs compared in the ratio table: [rawcap, tcpdump]. */
const PAIRS: [string, string][] = [
  ["rawcap -w", "tcpdump -w"],
  ["rawcap text", "tcpdump text"],
  ["rawcap json", "tcpdump text"],
  ["rawcap -w recvmsg", "tcpdump -w"],
  ["library fields", "rawcap text"],
];

/** libpcap's default block timeout for tcpdump is 1 s: a partly filled block waits that long. */
const MIN_DRAIN_MS = 1500;
const IDLE_POLLS = 3;
const POLL_MS = 100;
const MAX_DRAIN_MS = 20000;

/**
 * How long each live run measures its capturer idle (listening, no traffic) before the burst:
 * its CPU rate then is subtracted from the burst's (`cpuNetS`), so a capturer that costs CPU
 * while idle is not charged for it per frame, and one that costs none gains nothing.
 */
const IDLE_WINDOW_MS = 2000;
/** Time from "listening" to the idle window. */
const SETTLE_MS = 1000;

/** CPU time of every thread of a live process, in nanoseconds (schedstat), or undefined. */
function cpuNs(pid: number): number | undefined {
  try {
    let t = 0;
    for (const e of Deno.readDirSync(`/proc/${pid}/task`)) {
      try {
        t += Number(Deno.readTextFileSync(`/proc/${pid}/task/${e.name}/schedstat`).split(" ")[0]);
      } catch { /* the thread ended */ }
    }
    return t;
  } catch {
    return undefined;
  }
}

/** One live capture run. */
interface LiveRow {
  rate: string;
  mode: string;
  tool: string;
  repeat: number;
  /** /proc/loadavg (1 min) when the run started: other work on the machine skews results. */
  load1: number;
  /** rawcap source when the run started: commit, and a hash of uncommitted changes to it. */
  source?: string;
  sent: number;
  kernelRx: number;
  captured: number | null;
  receivedByFilter: number | null;
  dropped: number | null;
  capturedFraction: number | null;
  /** Frames per second the receiving veth counted, first to last counter change (thousands). */
  achievedKpps: number | null;
  /** Highest rate over any 100 ms window of the burst (thousands per second). */
  peakKpps: number | null;
  /** Seconds from the first to the last frame the receiving veth counted. */
  burstS: number | null;
  cpuS: number;
  cpuPerMFrames: number | null;
  /** CPU seconds per second while listening idle, before the burst (all threads). */
  idleCpuPerS: number | null;
  /** Seconds from just before the burst until the capturer went idle. */
  windowS: number | null;
  /** CPU over that window (all threads, schedstat) less the idle rate times its length. */
  cpuNetS: number | null;
  cpuNetPerMFrames: number | null;
  cpuTotalS: number | null;
  peakRssMiB: number | null;
  exitCode: number;
  error?: string;
}

/** One file read run. */
interface FileRow {
  mode: string;
  tool: string;
  fileMB: number;
  frames: number;
  wallS: number | null;
  cpuS: number | null;
  peakRssMiB: number | null;
  exitCode: number;
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statsLine(stderr: string, what: string): number | null {
  const m = stderr.match(new RegExp(`^(?:\\S+: )?(\\d+) packets? ${what}$`, "m"));
  return m ? Number(m[1]) : null;
}

function load1(): number {
  return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
}

function failedRow(rate: string, mode: Mode, repeat: number, error: string): LiveRow {
  return {
    rate,
    mode: mode.id,
    tool: mode.tool,
    repeat,
    load1: load1(),
    sent: 0,
    kernelRx: 0,
    captured: null,
    receivedByFilter: null,
    dropped: null,
    capturedFraction: null,
    achievedKpps: null,
    peakKpps: null,
    burstS: null,
    cpuS: 0,
    cpuPerMFrames: null,
    idleCpuPerS: null,
    windowS: null,
    cpuNetS: null,
    cpuNetPerMFrames: null,
    cpuTotalS: null,
    peakRssMiB: null,
    exitCode: -1,
    error,
  };
}

/** Target frames per second of a rate flag ("100000pps"), undefined for "unlimited". */
function targetPps(rate: string): number | undefined {
  if (rate === "unlimited") return undefined;
  const m = rate.match(/^(\d+)pps$/);
  if (!m) throw new Error(`rate "${rate}" is neither "unlimited" nor "<N>pps"`);
  return Number(m[1]);
}

/** tmpfs, so the traced capturer's output costs no disk writeback during the burst. */
const GC_OUT_DIR = "/dev/shm";

/** V8 --trace-gc event kinds counted by the GC check. */
const GC_KINDS = ["Scavenge", "Mark-Compact", "Minor Mark-Sweep"] as const;
type GcCounts = Record<(typeof GC_KINDS)[number], number>;
const GC_LINE = /\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (Scavenge|Mark-Compact|Minor Mark-Sweep)\b/g;

/** Counts --trace-gc lines in bytes [from, to) of a file. */
async function countGcLines(path: string, from: number, to: number): Promise<GcCounts> {
  const counts: GcCounts = { "Scavenge": 0, "Mark-Compact": 0, "Minor Mark-Sweep": 0 };
  const file = await Deno.open(path);
  try {
    await file.seek(from, Deno.SeekMode.Start);
    const buf = new Uint8Array(1 << 20);
    const dec = new TextDecoder();
    let left = to - from, carry = "";
    while (left > 0) {
      const n = await file.read(buf.subarray(0, Math.min(buf.length, left)));
      if (n === null) break;
      left -= n;
      const text = carry + dec.decode(buf.subarray(0, n), { stream: left > 0 });
      const cut = left > 0 ? text.lastIndexOf("\n") + 1 : text.length;
      for (const m of text.slice(0, cut).matchAll(GC_LINE)) counts[m[1] as keyof GcCounts]++;
      carry = text.slice(cut);
    }
  } finally {
    file.close();
  }
  return counts;
}

/**
 * A capturer argv with V8's --trace-gc on, its stdio line buffered (stdbuf) so each GC line
 * reaches the stdout file when V8 prints it.
 */
function traceGcArgv(argv: string[]): string[] {
  if (argv[1] !== "run") throw new Error(`not a deno run argv: ${argv.join(" ")}`);
  return ["/usr/bin/stdbuf", "-oL", argv[0], "run", "--v8-flags=--trace-gc", ...argv.slice(2)];
}

/** GC events of one traced run, during the burst (from just before it until it drained). */
interface GcRow {
  rate: string;
  mode: string;
  captured: number | null;
  achievedKpps: number | null;
  burst: GcCounts;
  /** Whole process, startup and exit included. */
  total: GcCounts;
  gcPerMFrames: number | null;
  scavengePerMFrames: number | null;
  markCompactPerMFrames: number | null;
  error?: string;
}

async function liveRun(
  lab: BenchLab,
  mode: Mode,
  rate: string,
  frames: number,
  cpus: string | undefined,
  repeat: number,
  gcFile?: string,
  idleWindowMs = IDLE_WINDOW_MS,
): Promise<LiveRow & { gcWindow?: [number, number] }> {
  const load = load1();
  const pps = targetPps(rate);
  const argv = mode.live(lab.rxIface);
  const p = new Measured(gcFile ? traceGcArgv(argv) : argv, {
    netns: lab.nsRx,
    cpus,
    stdoutFile: gcFile,
  });
  try {
    await p.waitFor("listening on", 60000);
  } catch (e) {
    await p.signal("SIGKILL");
    await p.finish();
    throw e;
  }
  const pid = await p.pid();
  // Start-up work still running in the background (V8 finishing compiles and sweeps after
  // rawcap's rehearsal) settles first: it is neither idle cost nor the burst's.
  await sleep(idleWindowMs > 1000 ? SETTLE_MS : 200);
  // The capturer listening with no traffic: its idle CPU rate.
  const idle0 = cpuNs(pid), idleAt = performance.now();
  await sleep(idleWindowMs);
  const idle1 = cpuNs(pid);
  const idleCpuPerS = idle0 === undefined || idle1 === undefined
    ? null
    : (idle1 - idle0) / 1e9 / ((performance.now() - idleAt) / 1000);
  const gcFrom = gcFile ? Deno.statSync(gcFile).size : 0;
  const rx0 = await lab.rxPackets();
  const sampler = new RxSampler(pid, lab.rxIface);
  const t0 = cpuTicks(pid) ?? 0;
  const ns0 = cpuNs(pid), w0 = performance.now();
  const sent = await lab.send(frames, pps);
  const sentAt = Date.now();
  let last = cpuTicks(pid) ?? t0, idle = 0, rss = peakRssKib(pid) ?? 0;
  let ns1 = cpuNs(pid), w1 = performance.now();
  while (Date.now() - sentAt < MAX_DRAIN_MS) {
    await sleep(POLL_MS);
    const now = cpuTicks(pid);
    if (now === undefined) break;
    ns1 = cpuNs(pid) ?? ns1;
    w1 = performance.now();
    rss = peakRssKib(pid) ?? rss;
    idle = now === last ? idle + 1 : 0;
    last = now;
    if (idle >= IDLE_POLLS && Date.now() - sentAt >= MIN_DRAIN_MS) break;
  }
  const windowS = (w1 - w0) / 1000;
  const cpuNetS = ns0 === undefined || ns1 === undefined || idleCpuPerS === null
    ? null
    : (ns1 - ns0) / 1e9 - idleCpuPerS * windowS;
  const arrival: ArrivalRate = await sampler.stop();
  const kernelRx = (await lab.rxPackets()) - rx0;
  const gcTo = gcFile ? Deno.statSync(gcFile).size : 0;
  const cpuS = (last - t0) / CLK_TCK;
  await p.signal("SIGINT");
  const r = await p.finish();
  const captured = statsLine(r.stderr, "captured");
  const row: LiveRow & { gcWindow?: [number, number] } = {
    rate,
    mode: mode.id,
    tool: mode.tool,
    repeat,
    load1: load,
    sent,
    kernelRx,
    captured,
    receivedByFilter: statsLine(r.stderr, "received by filter"),
    dropped: statsLine(r.stderr, "dropped by kernel"),
    capturedFraction: captured === null || kernelRx === 0 ? null : captured / kernelRx,
    achievedKpps: arrival.kpps,
    peakKpps: arrival.peakKpps,
    burstS: arrival.spanS || null,
    cpuS,
    cpuPerMFrames: captured ? cpuS / captured * 1e6 : null,
    idleCpuPerS,
    windowS,
    cpuNetS,
    cpuNetPerMFrames: captured && cpuNetS !== null ? cpuNetS / captured * 1e6 : null,
    cpuTotalS: r.rusage ? r.rusage.user + r.rusage.sys : null,
    peakRssMiB: Math.max(rss, r.rusage?.maxrss_kib ?? 0) / 1024 || null,
    exitCode: r.code,
  };
  if (gcFile) row.gcWindow = [gcFrom, gcTo];
  if (r.code !== 0 || captured === null) {
    row.error = r.stderr.trim().split("\n").slice(-5).join(" | ");
  }
  return row;
}

/** One capture with --trace-gc; GC events counted during the burst. */
async function gcRun(
  lab: BenchLab,
  mode: Mode,
  rate: string,
  frames: number,
  cpus: string | undefined,
): Promise<GcRow> {
  const file = await Deno.makeTempFile({
    dir: GC_OUT_DIR,
    prefix: "rawcap-bench-gc-",
    suffix: ".out",
  });
  try {
    const r = await liveRun(lab, mode, rate, frames, cpus, 1, file, 200);
    const [from, to] = r.gcWindow!;
    const burst = await countGcLines(file, from, to);
    const total = await countGcLines(file, 0, Deno.statSync(file).size);
    const per = (n: number) => r.captured ? n / r.captured * 1e6 : null;
    const row: GcRow = {
      rate,
      mode: mode.id,
      captured: r.captured,
      achievedKpps: r.achievedKpps,
      burst,
      total,
      gcPerMFrames: per(GC_KINDS.reduce((a, k) => a + burst[k], 0)),
      scavengePerMFrames: per(burst["Scavenge"] + burst["Minor Mark-Sweep"]),
      markCompactPerMFrames: per(burst["Mark-Compact"]),
    };
    if (r.error) row.error = r.error;
    return row;
  } finally {
    await Deno.remove(file).catch(() => {});
  }
}

/** Writes a pcap of at least `bytes` bytes of benchmark frames (tags inline); returns frames. */
async function writePcap(path: string, bytes: number, maxFrames = Infinity): Promise<number> {
  const frames = benchFrames();
  const chunk = new Uint8Array(4 << 20);
  const v = new DataView(chunk.buffer);
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  try {
    const header = encodePcapHeader(PCAP_MAX_SNAPLEN, "micro");
    await file.write(header);
    let written = header.length, n = 0, usec = 0, sec = 1_700_000_000;
    while (written < bytes && n < maxFrames) {
      let off = 0;
      for (;;) {
        const f = frames[n % frames.length];
        if (off + PCAP_RECORD_HEADER_LEN + f.length > chunk.length || written + off >= bytes) break;
        if (n >= maxFrames) break;
        const at = writePcapRecordHeader(v, off, sec, usec * 1000, f.length, f.length, false);
        chunk.set(f, at);
        off = at + f.length;
        n++;
        if (++usec === 1_000_000) usec = 0, sec++;
      }
      let done = 0;
      while (done < off) done += await file.write(chunk.subarray(done, off));
      written += off;
    }
    return n;
  } finally {
    file.close();
  }
}

async function fileRun(mode: Mode, path: string, fileMB: number, frames: number) {
  const p = new Measured(mode.file(path));
  const r = await p.finish(600000);
  const u: Rusage | undefined = r.rusage;
  const row: FileRow = {
    mode: mode.id,
    tool: mode.tool,
    fileMB,
    frames,
    wallS: u?.wall ?? null,
    cpuS: u ? u.user + u.sys : null,
    peakRssMiB: u ? u.maxrss_kib / 1024 : null,
    exitCode: r.code,
  };
  if (r.code !== 0) row.error = r.stderr.trim().split("\n").slice(-5).join(" | ");
  return row;
}

const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(digits);
const int = (x: number | null | undefined) => x === null || x === undefined ? "-" : String(x);

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

/** The runs of one (rate, mode): medians, captured range, highest peak RSS. */
interface LiveSummary {
  rate: string;
  mode: string;
  tool: string;
  runs: number;
  failed: number;
  sent: number | null;
  kernelRx: number | null;
  captured: number | null;
  dropped: number | null;
  capturedFraction: number | null;
  capturedFractionMin: number | null;
  capturedFractionMax: number | null;
  achievedKpps: number | null;
  achievedKppsMin: number | null;
  achievedKppsMax: number | null;
  peakKpps: number | null;
  cpuS: number | null;
  cpuPerMFrames: number | null;
  idleCpuPerS: number | null;
  cpuNetPerMFrames: number | null;
  peakRssMiB: number | null;
}

function median(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function summarize(rows: LiveRow[]): LiveSummary[] {
  const out: LiveSummary[] = [];
  const keys = [...new Set(rows.map((r) => `${r.rate}\n${r.mode}`))];
  for (const key of keys) {
    const all = rows.filter((r) => `${r.rate}\n${r.mode}` === key);
    const ok = all.filter((r) => !r.error);
    const fractions = ok.map((r) => r.capturedFraction).filter((x): x is number => x !== null);
    const kpps = ok.map((r) => r.achievedKpps).filter((x): x is number => x !== null);
    out.push({
      rate: all[0].rate,
      mode: all[0].mode,
      tool: all[0].tool,
      runs: all.length,
      failed: all.length - ok.length,
      sent: median(ok.map((r) => r.sent)),
      kernelRx: median(ok.map((r) => r.kernelRx)),
      captured: median(ok.map((r) => r.captured)),
      dropped: median(ok.map((r) => r.dropped)),
      capturedFraction: median(fractions),
      capturedFractionMin: fractions.length ? Math.min(...fractions) : null,
      capturedFractionMax: fractions.length ? Math.max(...fractions) : null,
      achievedKpps: median(kpps),
      achievedKppsMin: kpps.length ? Math.min(...kpps) : null,
      achievedKppsMax: kpps.length ? Math.max(...kpps) : null,
      peakKpps: median(ok.map((r) => r.peakKpps)),
      cpuS: median(ok.map((r) => r.cpuS)),
      cpuPerMFrames: median(ok.map((r) => r.cpuPerMFrames)),
      idleCpuPerS: median(ok.map((r) => r.idleCpuPerS)),
      cpuNetPerMFrames: median(ok.map((r) => r.cpuNetPerMFrames)),
      peakRssMiB: ok.length ? Math.max(...ok.map((r) => r.peakRssMiB ?? 0)) : null,
    });
  }
  return out;
}

const pct = (x: number | null) => fmt(x === null ? null : x * 100, 1);

/** Paced rates more than this far from the target are labelled by the rate achieved. */
const PACE_TOLERANCE = 0.1;

/** The rate column: the target, or the achieved rate when pacing missed it by > 10 %. */
function rateLabel(rate: string, achievedKpps: number | null): string {
  const pps = targetPps(rate);
  if (pps === undefined || achievedKpps === null) return rate;
  const off = achievedKpps * 1000 / pps - 1;
  return Math.abs(off) > PACE_TOLERANCE ? `~${achievedKpps.toFixed(0)}kpps (asked ${rate})` : rate;
}

function liveTable(rows: LiveSummary[]): string {
  return table(
    [
      "rate",
      "mode",
      "runs",
      "kernel rx",
      "captured",
      "dropped",
      "captured %",
      "captured % min-max",
      "achieved kpps (min-max)",
      "peak kpps / 100 ms",
      "CPU s",
      "CPU s / M frames",
      "idle CPU ms/s",
      "CPU s / M frames above idle",
      "peak RSS MiB",
    ],
    rows.map((r) => [
      rateLabel(r.rate, r.achievedKpps),
      r.mode,
      r.failed ? `${r.runs} (${r.failed} failed)` : String(r.runs),
      int(r.kernelRx),
      int(r.captured),
      int(r.dropped),
      pct(r.capturedFraction),
      `${pct(r.capturedFractionMin)}-${pct(r.capturedFractionMax)}`,
      `${fmt(r.achievedKpps, 0)} (${fmt(r.achievedKppsMin, 0)}-${fmt(r.achievedKppsMax, 0)})`,
      fmt(r.peakKpps, 0),
      fmt(r.cpuS),
      fmt(r.cpuPerMFrames),
      fmt(r.idleCpuPerS === null ? null : r.idleCpuPerS * 1000, 1),
      fmt(r.cpuNetPerMFrames, 3),
      fmt(r.peakRssMiB, 1),
    ]),
  );
}

interface Ratio {
  rate: string;
  rawcap: string;
  tcpdump: string;
  cpuPerMFrames: number | null;
  cpuNetPerMFrames: number | null;
  capturedFraction: number | null;
}

function ratios(rows: LiveSummary[]): Ratio[] {
  const out: Ratio[] = [];
  for (const rate of new Set(rows.map((r) => r.rate))) {
    for (const [rc, td] of PAIRS) {
      const a = rows.find((r) => r.rate === rate && r.mode === rc);
      const b = rows.find((r) => r.rate === rate && r.mode === td);
      if (!a || !b) continue;
      const div = (x: number | null, y: number | null) => (x === null || !y ? null : x / y);
      out.push({
        rate,
        rawcap: rc,
        tcpdump: td,
        cpuPerMFrames: div(a.cpuPerMFrames, b.cpuPerMFrames),
        cpuNetPerMFrames: div(a.cpuNetPerMFrames, b.cpuNetPerMFrames),
        capturedFraction: div(a.capturedFraction, b.capturedFraction),
      });
    }
  }
  return out;
}

function gcTable(rows: GcRow[]): string {
  return table(
    [
      "mode",
      "rate",
      "captured",
      "achieved kpps",
      "Scavenge",
      "Mark-Compact",
      "GC events / M frames",
      "whole process (Scavenge / Mark-Compact)",
    ],
    rows.map((r) => [
      r.mode + (r.error ? " (error)" : ""),
      rateLabel(r.rate, r.achievedKpps),
      int(r.captured),
      fmt(r.achievedKpps, 0),
      String(r.burst["Scavenge"] + r.burst["Minor Mark-Sweep"]),
      String(r.burst["Mark-Compact"]),
      fmt(r.gcPerMFrames, 1),
      `${r.total["Scavenge"] + r.total["Minor Mark-Sweep"]} / ${r.total["Mark-Compact"]}`,
    ]),
  );
}

/** Each library job's CPU over `rawcap --json`'s on the same file (targets: fields <= 1, count <= 0.5). */
function libraryFileTable(rows: FileRow[]): string {
  const out: string[][] = [];
  for (const mb of new Set(rows.map((r) => r.fileMB))) {
    const json = rows.find((r) => r.fileMB === mb && r.mode === "rawcap json");
    for (const r of rows.filter((r) => r.fileMB === mb && r.mode.startsWith("library "))) {
      const ratio = json?.cpuS && r.cpuS !== null ? r.cpuS / json.cpuS : null;
      out.push([String(mb), r.mode, fmt(r.cpuS), fmt(json?.cpuS), fmt(ratio)]);
    }
  }
  return table(["file MB", "job", "CPU s", "rawcap --json CPU s", "ratio"], out);
}

function fileTable(rows: FileRow[]): string {
  return table(
    ["file MB", "frames", "mode", "wall s", "CPU s", "peak RSS MiB"],
    rows.map((r) => [
      String(r.fileMB),
      String(r.frames),
      r.mode + (r.error ? " (error)" : ""),
      fmt(r.wallS),
      fmt(r.cpuS),
      fmt(r.peakRssMiB, 1),
    ]),
  );
}

/**
 * The table the README takes: each of issue 16's comparisons, tcpdump and rawcap from the
 * same run, and rawcap / tcpdump.
 */
function besideTable(jobs: FilePairSummary[], live: LiveSummary[], liveFrames: number): string {
  const rows: string[][] = jobs.map((j) => [
    `${j.pair} (${j.frames.toLocaleString("en-US")} ${
      j.input === "corpus" ? "mixed corpus" : "VLAN/UDP"
    } frames), CPU s` + (j.sameOutput === false ? " (OUTPUT SIZES DIFFER)" : ""),
    fmt(j.tcpdumpCpuS),
    fmt(j.rawcapCpuS),
    fmt(j.ratio),
  ]);
  for (const rate of new Set(live.map((r) => r.rate))) {
    const td = live.find((r) => r.rate === rate && r.mode === "tcpdump -w");
    const rc = live.find((r) => r.rate === rate && r.mode === "rawcap -w");
    if (!td || !rc) continue;
    const cell = (r: LiveSummary) =>
      `${fmt(r.cpuNetPerMFrames, 3)} (${fmt(r.capturedFraction, 3)})`;
    const ratio = td.cpuNetPerMFrames && rc.cpuNetPerMFrames !== null
      ? rc.cpuNetPerMFrames / td.cpuNetPerMFrames
      : null;
    rows.push([
      `live \`-w\` at ${rateLabel(rate, rc.achievedKpps)} (${
        liveFrames.toLocaleString("en-US")
      } frames): CPU s per M frames above idle (captured fraction)`,
      cell(td),
      cell(rc),
      fmt(ratio),
    ]);
  }
  return table(["job", "tcpdump", "rawcap", "rawcap / tcpdump"], rows);
}

async function firstLine(cmd: string[], stream: "stdout" | "both" = "both"): Promise<string> {
  try {
    const r = await new Deno.Command(cmd[0], { args: cmd.slice(1), stdin: "null" }).output();
    const td = new TextDecoder();
    const text = td.decode(r.stdout) + (stream === "both" ? td.decode(r.stderr) : "");
    return text.trim().split("\n").slice(0, 2).join("; ");
  } catch (e) {
    return `unavailable (${(e as Error).message})`;
  }
}

async function machine() {
  const cpuinfo = await Deno.readTextFile("/proc/cpuinfo");
  return {
    nproc: navigator.hardwareConcurrency,
    cpuModel: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown",
    kernel: Deno.osRelease(),
    memTotal: (await Deno.readTextFile("/proc/meminfo")).match(/^MemTotal:\s*(.*)$/m)?.[1],
  };
}

/** The rawcap source measured: commit, files changed since it, and a hash of those changes. */
async function gitState() {
  const dir = new URL("..", import.meta.url).pathname;
  const git = (args: string[]) => run(["git", "-C", dir, ...args]).catch(() => "");
  const paths = ["main.ts", "mod.ts", "src", "deno.json"];
  const diff = await git(["diff", "HEAD", "--", ...paths]);
  const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(diff));
  return {
    commit: (await git(["rev-parse", "HEAD"])).trim(),
    describe: (await git(["describe", "--always", "--dirty"])).trim(),
    changedFiles: (await git(["diff", "HEAD", "--name-only", "--", ...paths])).trim().split("\n")
      .filter(Boolean),
    diffSha256: diff
      ? Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, "0")).join("")
      : null,
    at: new Date().toISOString(),
  };
}

/** "commit" or "commit+diff-hash": which rawcap source a run measured. */
async function sourceTag(): Promise<string> {
  const g = await gitState();
  return g.commit.slice(0, 12) + (g.diffSha256 ? `+${g.diffSha256.slice(0, 12)}` : "");
}

async function versions() {
  return {
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    rawcap: await firstLine([...RAWCAP, "--version"], "stdout"),
    rawcapGit: await firstLine([
      "git",
      "-C",
      new URL("..", import.meta.url).pathname,
      "describe",
      "--always",
      "--dirty",
    ]),
    tcpdump: await firstLine(["tcpdump", "--version"]),
    trafgen: (await firstLine(["/usr/sbin/trafgen", "-v"])).split(";")[0],
  };
}

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      frames: { type: "string" },
      rates: { type: "string", default: "unlimited,500000pps,100000pps" },
      modes: { type: "string", default: DEFAULT_MODES.join(",") },
      quick: { type: "boolean", default: false },
      "file-read": { type: "boolean", default: false },
      "no-file-read": { type: "boolean", default: false },
      "file-mb": { type: "string" },
      "no-pin": { type: "boolean", default: false },
      "no-keep-awake": { type: "boolean", default: false },
      "gc-modes": { type: "string", default: GC_MODES.join(",") },
      "gc-rate": { type: "string" },
      "no-gc": { type: "boolean", default: false },
      repeat: { type: "string" },
      "f2f-frames": { type: "string" },
      "corpus-frames": { type: "string" },
      "no-tcpdump-jobs": { type: "boolean", default: false },
      out: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: deno task bench [--frames N] [--rates unlimited,500000pps,...] [--repeat N]\n" +
        "         [--modes LIST] [--quick] [--file-read | --no-file-read] [--file-mb N]\n" +
        "         [--no-pin] [--no-keep-awake] [--gc-modes LIST] [--gc-rate R] [--no-gc]\n" +
        "         [--f2f-frames N] [--corpus-frames N] [--no-tcpdump-jobs] [--out FILE]\n" +
        "modes: " + MODES.map((m) => m.id).join(", "),
    );
    return;
  }
  const why = benchLabUnavailable();
  if (why) {
    console.error(`bench: ${why} (try: sudo deno task bench)`);
    Deno.exit(1);
  }
  const frames = Number(values.frames ?? (values.quick ? 100_000 : 1_500_000));
  const repeat = Number(values.repeat ?? (values.quick ? 1 : 3));
  const fileMB = Number(values["file-mb"] ?? (values.quick ? 30 : 300));
  const f2fFrames = Number(values["f2f-frames"] ?? (values.quick ? 500_000 : 5_000_000));
  const corpusFrames = Number(values["corpus-frames"] ?? (values.quick ? 100_000 : 500_000));
  const rates = values.rates.split(",").map((s) => s.trim()).filter(Boolean);
  const pick = (list: string) =>
    list.split(",").filter((s) => s.trim()).map((s) => {
      const m = MODES.find((x) => x.id === s.trim());
      if (!m) throw new Error(`unknown mode "${s}"; known: ${MODES.map((x) => x.id).join(", ")}`);
      return m;
    });
  const modes = pick(values.modes);
  const gcModes = values["no-gc"]
    ? []
    : pick(values["gc-modes"]).filter((m) => m.tool === "rawcap");
  const gcRate = values["gc-rate"] ?? rates.at(-1) ?? "unlimited";
  for (const r of [...rates, gcRate]) targetPps(r);
  const cpus = values["no-pin"] || navigator.hardwareConcurrency < 2
    ? undefined
    : String(navigator.hardwareConcurrency - 1);
  const keepAwake = cpus !== undefined && !values["no-keep-awake"];
  const out = values.out ?? new URL("../bench/results/latest.json", import.meta.url).pathname;
  const doLive = !values["file-read"];
  const doFile = !values["no-file-read"];

  const gitBefore = await gitState();
  console.error(`bench: rawcap at ${gitBefore.describe}`);
  console.error("bench: warming up the rawcap module cache");
  await run([...RAWCAP, "--version"]);

  const live: LiveRow[] = [];
  const gc: GcRow[] = [];
  const qdiscs: Record<string, string> = {};
  if (doLive) {
    await withBenchLab(async (lab) => {
      if (keepAwake) lab.keepAwake(Number(cpus));
      for (const rate of rates) {
        for (let rep = 1; rep <= repeat; rep++) {
          for (const mode of modes.filter((m) => !m.fileOnly)) {
            console.error(`bench: ${rate} ${mode.id} run ${rep}/${repeat} (${frames} frames)`);
            try {
              const source = await sourceTag();
              const row = await liveRun(lab, mode, rate, frames, cpus, rep);
              row.source = source;
              qdiscs[rate] ??= await lab.qdisc();
              live.push(row);
            } catch (e) {
              console.error(`bench: ${mode.id} failed: ${(e as Error).message}`);
              live.push(failedRow(rate, mode, rep, (e as Error).message));
            }
          }
        }
      }
      for (const mode of gcModes) {
        console.error(`bench: GC check ${gcRate} ${mode.id} --trace-gc (${frames} frames)`);
        try {
          gc.push(await gcRun(lab, mode, gcRate, frames, cpus));
        } catch (e) {
          console.error(`bench: GC check ${mode.id} failed: ${(e as Error).message}`);
        }
      }
    });
  }

  const file: FileRow[] = [];
  if (doFile) {
    const path = await Deno.makeTempFile({ prefix: "rawcap-bench-", suffix: ".pcap" });
    try {
      for (const mb of [Math.max(1, Math.round(fileMB / 10)), fileMB]) {
        console.error(`bench: writing a ${mb} MB pcap`);
        const n = await writePcap(path, mb * 1e6);
        for (const mode of modes.filter((m) => m.id !== "rawcap -w recvmsg")) {
          console.error(`bench: read ${mb} MB with ${mode.id}`);
          file.push(await fileRun(mode, path, mb, n));
        }
      }
    } finally {
      await Deno.remove(path).catch(() => {});
    }
  }

  // rawcap beside tcpdump on the same files, alternately (bench/tcpdump_jobs.ts).
  const jobRows: FileJobRow[] = [];
  let jobSummary: FilePairSummary[] = [];
  if (doFile && !values["no-tcpdump-jobs"]) {
    const jobs = fileJobs(RAWCAP);
    const dir = await Deno.makeTempDir({ prefix: "rawcap-bench-" });
    try {
      const inputs = { frames: `${dir}/frames.pcap`, corpus: `${dir}/corpus.pcap` };
      console.error(`bench: writing ${f2fFrames} frames for file to file`);
      const counts = {
        frames: await writePcap(inputs.frames, Infinity, f2fFrames),
        corpus: 0,
      };
      console.error(`bench: writing the mixed corpus (${corpusFrames} frames)`);
      counts.corpus = await writeCorpus(inputs.corpus, corpusFrames);
      for (let rep = 1; rep <= repeat; rep++) {
        for (const job of jobs) {
          console.error(`bench: ${job.label} run ${rep}/${repeat}`);
          jobRows.push(await runFileJob(job, inputs[job.input], counts[job.input], rep));
        }
      }
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
    jobSummary = summarizeFileJobs(jobs, jobRows);
  }

  const summary = summarize(live);
  const ratioRows = ratios(summary);
  const result = {
    date: new Date().toISOString(),
    machine: await machine(),
    versions: await versions(),
    rawcapSource: { atStart: gitBefore, atEnd: await gitState() },
    settings: {
      frames,
      rates,
      repeat,
      frameSizes: benchFrames().map((f) => f.length),
      vlanId: 100,
      bufferKiB: Number(BUFFER_KIB),
      capturerCpus: cpus ?? "unpinned",
      keepAwake: keepAwake
        ? `SCHED_IDLE busy loop on CPU ${cpus} so the idle virtual CPU wakes at once`
        : false,
      trafgenCpus: "0 (trafgen -P 1)",
      pacing: "unlimited: trafgen's TX_RING, qdisc bypassed, as fast as it goes. <N>pps: " +
        "trafgen -q (qdisc path) into a tbf on the sender veth; rate = N x " +
        `${MEAN_FRAME_BYTES} B (mean frame as the qdisc counts it: header and tag, no FCS) ` +
        "x 8 bit. trafgen's -b does not pace here (it bursts, then idles).",
      tbf: Object.fromEntries(
        rates.filter((r) => targetPps(r)).map((r) => [r, tbfArgs(targetPps(r)!).join(" ")]),
      ),
      qdiscShown: qdiscs,
      achievedKpps: "frames the receiving veth counted between its first and last counter " +
        "change, over that time (counter sampled every 2 ms through /proc/PID/net/dev); " +
        `peakKpps: highest rate over a ${PEAK_WINDOW_MS} ms window`,
      gcCheck: `one run per mode at ${gcRate}, deno run --v8-flags=--trace-gc, stdout line ` +
        "buffered (stdbuf -oL) into a file; V8 GC lines counted from just before the burst " +
        "until the capturer went idle, per million frames captured",
      fileMB,
      cpuS: "capturer utime+stime from /proc/PID/stat, from just before the burst until it " +
        "went idle (startup excluded); cpuTotalS is the whole process (getrusage)",
      capturedFraction: "captured / frames the receiving veth counted (kernel rx counter)",
      idle: `before each burst the capturer listens ${SETTLE_MS} ms, then ${IDLE_WINDOW_MS} ms ` +
        "measured, with no traffic; " +
        "cpuNetS is its CPU (all threads, /proc/PID/task/*/schedstat) from just before the " +
        "burst until it went idle, less that idle rate times the same time",
      beside: {
        f2fFrames,
        corpusFrames,
        corpus: "every sample of tests/helpers/frames.ts samples(), in order, repeated; " +
          "written with writeCapture (pcap)",
        cpu: "user+sys of the whole process (getrusage), start-up included",
      },
    },
    summary,
    ratios: ratioRows,
    gc,
    live,
    fileRead: file,
    beside: { summary: jobSummary, runs: jobRows },
  };
  await Deno.mkdir(dirname(out), { recursive: true });
  await Deno.writeTextFile(out, JSON.stringify(result, null, 2) + "\n");

  const m = result.machine;
  console.log(`# rawcap vs tcpdump, ${result.date}\n`);
  console.log(
    `${m.cpuModel}, ${m.nproc} CPUs, Linux ${m.kernel}; ${result.versions.tcpdump}; ` +
      `deno ${result.versions.deno}; rawcap ${gitBefore.describe} ` +
      `(commit ${gitBefore.commit.slice(0, 12)}` +
      (gitBefore.changedFiles.length
        ? `, uncommitted changes in ${gitBefore.changedFiles.join(", ")}`
        : "") +
      (gitBefore.diffSha256 !== result.rawcapSource.atEnd.diffSha256 ||
          gitBefore.commit !== result.rawcapSource.atEnd.commit
        ? "; SOURCE CHANGED DURING THE RUN"
        : "") +
      ")\n",
  );
  const sources = [...new Set(live.map((r) => r.source).filter(Boolean))];
  if (sources.length > 1) {
    console.log(
      `rawcap source changed between runs: ${sources.length} states (${sources.join(", ")}); ` +
        "each run's state is in the JSON (live[].source)\n",
    );
  }
  if (live.length) {
    console.log(`## Live capture (${frames} frames per run, VLAN ${100} tagged UDP 64-128 B)\n`);
    console.log(liveTable(summary) + "\n");
    console.log("## rawcap / tcpdump\n");
    console.log(
      table(
        [
          "rate",
          "rawcap",
          "tcpdump",
          "CPU per M frames ratio",
          "above idle",
          "captured fraction ratio",
        ],
        ratioRows.map((r) => [
          r.rate,
          r.rawcap,
          r.tcpdump,
          fmt(r.cpuPerMFrames),
          fmt(r.cpuNetPerMFrames),
          fmt(r.capturedFraction, 3),
        ]),
      ) + "\n",
    );
  }
  if (gc.length) {
    console.log(`## Allocation check (--trace-gc, ${frames} frames at ${gcRate})\n`);
    console.log(gcTable(gc) + "\n");
  }
  if (file.length) {
    console.log("## File read (-r FILE, output to /dev/null)\n");
    console.log(fileTable(file) + "\n");
    console.log("## Library on files: CPU against `rawcap -r FILE --json`\n");
    console.log(libraryFileTable(file) + "\n");
  }
  if (jobSummary.length || live.length) {
    console.log("## rawcap beside tcpdump (for the README)\n");
    console.log(
      `Run of ${result.date.slice(0, 10)}, rawcap ${gitBefore.describe} ` +
        `(commit ${gitBefore.commit.slice(0, 12)}), ${m.cpuModel} (${m.nproc} CPUs), ` +
        `Linux ${m.kernel}, ${result.versions.tcpdump.split(";")[0]}, deno ` +
        `${result.versions.deno}; medians of ${repeat} run${repeat === 1 ? "" : "s"} each ` +
        `(${out.split("/").slice(-3).join("/")}):\n`,
    );
    console.log(besideTable(jobSummary, summary, frames) + "\n");
  }
  if (jobRows.length) {
    console.log("## Each file job\n");
    console.log(
      table(
        ["job", "frames", "runs", "CPU s (median)", "CPU s min-max", "output bytes"],
        [...new Set(jobRows.map((r) => r.label))].map((label) => {
          const rows = jobRows.filter((r) => r.label === label && !r.error);
          const cpu = rows.map((r) => r.cpuS!).sort((a, b) => a - b);
          const bytes = [...new Set(rows.map((r) => r.outBytes ?? "-"))].join(", ");
          return [
            label,
            int(jobRows.find((r) => r.label === label)!.frames),
            String(rows.length),
            fmt(median(cpu)),
            cpu.length ? `${fmt(cpu[0])}-${fmt(cpu.at(-1))}` : "-",
            bytes,
          ];
        }),
      ) + "\n",
    );
  }
  console.log(`results: ${out}`);
  for (const r of jobRows) if (r.error) console.error(`bench: ${r.label} error: ${r.error}`);
  for (const r of [...live, ...file]) {
    if (r.error) console.error(`bench: ${r.mode} error: ${r.error}`);
  }
}

await main();
