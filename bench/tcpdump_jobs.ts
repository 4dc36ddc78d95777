/**
 * The file jobs of `deno task bench` that put rawcap beside tcpdump on the same input (issue
 * 16), each pair run alternately, `repeat` times:
 *
 * - file to file: `-r f -w out` and `-r f -w out 'vlan 100 and udp'` on a pcap of the
 *   benchmark's VLAN-tagged UDP frames (5,000,000 by default, so start-up is noise); the
 *   output goes to a real file next to the input, removed after each run, and the two
 *   tools' outputs must have the same size;
 * - the mixed corpus: every sample of tests/helpers/frames.ts `samples()` repeated to
 *   ~500,000 frames, written with `writeCapture`; `rawcap -r c --json` against tcpdump's
 *   default text (`-n`), and `rawcap -r c -v -e` against `tcpdump -r c -n -v -e`, output to
 *   /dev/null.
 *
 * CPU is the process's user+sys time (getrusage through the bench's wrapper), start-up
 * included: on inputs of this size it is noise.
 */
export { writeCorpus } from "./mixed_corpus.ts";
import { Measured, type Rusage } from "../scripts/bench_lab.ts";

/** One command of a pair. */
export interface FileJob {
  /** The pair it belongs to, e.g. "file to file, vlan 100 and udp". */
  pair: string;
  tool: "tcpdump" | "rawcap";
  /** What runs, for the tables: "tcpdump -r f -w out". */
  label: string;
  argv: (input: string, out: string) => string[];
  /** Which input: the benchmark frames or the mixed corpus. */
  input: "frames" | "corpus";
  /** Writes a file (its size is compared between the tools). */
  writes?: boolean;
}

/** One run of a job. */
export interface FileJobRow {
  pair: string;
  tool: string;
  label: string;
  repeat: number;
  frames: number;
  cpuS: number | null;
  wallS: number | null;
  peakRssMiB: number | null;
  outBytes: number | null;
  exitCode: number;
  error?: string;
}

/** A pair summarised: medians of each tool's CPU and their ratio. */
export interface FilePairSummary {
  pair: string;
  input: string;
  frames: number;
  tcpdump: string;
  rawcap: string;
  runs: number;
  tcpdumpCpuS: number | null;
  rawcapCpuS: number | null;
  /** rawcap / tcpdump, medians. */
  ratio: number | null;
  /** Output sizes agree (file-to-file jobs), or null when not compared. */
  sameOutput: boolean | null;
}

const FILTER = "vlan 100 and udp";

/** The jobs, tcpdump first in each pair. `rawcap` is rawcap's argv prefix (shipped.ts). */
export function fileJobs(rawcap: string[]): FileJob[] {
  const f2f = "file to file";
  const f2fFilter = `file to file, '${FILTER}'`;
  const json = "--json against tcpdump text";
  const verbose = "-v -e against tcpdump -v -e";
  return [
    {
      pair: f2f,
      tool: "tcpdump",
      label: "tcpdump -r f -w out",
      argv: (f, o) => ["tcpdump", "-r", f, "-w", o],
      input: "frames",
      writes: true,
    },
    {
      pair: f2f,
      tool: "rawcap",
      label: "rawcap -r f -w out",
      argv: (f, o) => [...rawcap, "-r", f, "-w", o],
      input: "frames",
      writes: true,
    },
    {
      pair: f2fFilter,
      tool: "tcpdump",
      label: `tcpdump -r f -w out '${FILTER}'`,
      argv: (f, o) => ["tcpdump", "-r", f, "-w", o, FILTER],
      input: "frames",
      writes: true,
    },
    {
      pair: f2fFilter,
      tool: "rawcap",
      label: `rawcap -r f -w out '${FILTER}'`,
      argv: (f, o) => [...rawcap, "-r", f, "-w", o, FILTER],
      input: "frames",
      writes: true,
    },
    {
      pair: json,
      tool: "tcpdump",
      label: "tcpdump -r c -n",
      argv: (f) => ["tcpdump", "-r", f, "-n"],
      input: "corpus",
    },
    {
      pair: json,
      tool: "rawcap",
      label: "rawcap -r c --json",
      argv: (f) => [...rawcap, "-r", f, "--json"],
      input: "corpus",
    },
    {
      pair: verbose,
      tool: "tcpdump",
      label: "tcpdump -r c -n -v -e",
      argv: (f) => ["tcpdump", "-r", f, "-n", "-v", "-e"],
      input: "corpus",
    },
    {
      pair: verbose,
      tool: "rawcap",
      label: "rawcap -r c -v -e",
      argv: (f) => [...rawcap, "-r", f, "-v", "-e"],
      input: "corpus",
    },
  ];
}

/** Runs one job once; the output file (if any) is measured and removed. */
export async function runFileJob(
  job: FileJob,
  input: string,
  frames: number,
  repeat: number,
): Promise<FileJobRow> {
  const out = `${input}.out`;
  const p = new Measured(job.argv(input, out));
  const r = await p.finish(1_200_000);
  const u: Rusage | undefined = r.rusage;
  let outBytes: number | null = null;
  if (job.writes) {
    outBytes = await Deno.stat(out).then((s) => s.size, () => null);
    await Deno.remove(out).catch(() => {});
  }
  const row: FileJobRow = {
    pair: job.pair,
    tool: job.tool,
    label: job.label,
    repeat,
    frames,
    cpuS: u ? u.user + u.sys : null,
    wallS: u?.wall ?? null,
    peakRssMiB: u ? u.maxrss_kib / 1024 : null,
    outBytes,
    exitCode: r.code,
  };
  if (r.code !== 0) row.error = r.stderr.trim().split("\n").slice(-5).join(" | ");
  return row;
}

function median(xs: number[]): number | null {
  const v = [...xs].sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** Each pair's medians and ratio. */
export function summarizeFileJobs(jobs: FileJob[], rows: FileJobRow[]): FilePairSummary[] {
  const out: FilePairSummary[] = [];
  for (const pair of new Set(jobs.map((j) => j.pair))) {
    const [td, rc] = [
      jobs.find((j) => j.pair === pair && j.tool === "tcpdump")!,
      jobs.find((j) => j.pair === pair && j.tool === "rawcap")!,
    ];
    const ok = (label: string) =>
      rows.filter((r) => r.label === label && !r.error && r.cpuS !== null);
    const a = median(ok(td.label).map((r) => r.cpuS!));
    const b = median(ok(rc.label).map((r) => r.cpuS!));
    const sizes = (label: string) => new Set(ok(label).map((r) => r.outBytes));
    let same: boolean | null = null;
    if (td.writes) {
      const s = new Set([...sizes(td.label), ...sizes(rc.label)]);
      same = s.size === 1 && !s.has(null);
    }
    out.push({
      pair,
      input: td.input,
      frames: rows.find((r) => r.pair === pair)?.frames ?? 0,
      tcpdump: td.label,
      rawcap: rc.label,
      runs: Math.min(ok(td.label).length, ok(rc.label).length),
      tcpdumpCpuS: a,
      rawcapCpuS: b,
      ratio: a && b !== null ? b / a : null,
      sameOutput: same,
    });
  }
  return out;
}
