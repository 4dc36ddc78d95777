/**
 * The benchmark lab: two network namespaces joined by one veth pair, IPv6 off in both, so the
 * only frames on the wire are the ones trafgen sends.
 *
 *   sender ns: tx0 ──veth── rx0 :receiver ns (capturers listen here)
 *
 * trafgen writes 802.1Q-tagged frames on tx0; rx0 strips the tag into skb metadata on receive,
 * as a NIC with VLAN offload does. Capturers run under a small rusage wrapper so their CPU time
 * and peak RSS are exact, and can be pinned away from the CPU trafgen uses.
 */

/** The VLAN id of every benchmark frame. */
export const BENCH_VLAN_ID = 100;
/** 802.1Q tag protocol identifier. */
export const ETH_P_8021Q = 0x8100;
/** IPv4 ethertype. */
export const ETH_P_IP = 0x0800;
/** Bytes of Ethernet + 802.1Q + IPv4 + UDP headers in a benchmark frame. */
export const HEADER_BYTES = 14 + 4 + 20 + 8;
/** Frame sizes (on the wire, tag included, no FCS) the traffic cycles through. */
export const FRAME_SIZES = [64, 96, 128] as const;
/**
 * Mean frame length as a qdisc counts it (skb->len: Ethernet header and tag, no preamble, FCS
 * or gap); the frames go round robin, so this times pps is the exact byte rate.
 */
export const MEAN_FRAME_BYTES = FRAME_SIZES.reduce((a, b) => a + b, 0) / FRAME_SIZES.length;
/** Token bucket depth of the pacing qdisc, in seconds of traffic at the paced rate. */
const PACE_BURST_S = 0.005;
/** Queue bound of the pacing qdisc (tbf latency); trafgen blocks on its send buffer first. */
const PACE_LATENCY = "100ms";

const MAC_SRC = [0x02, 0, 0, 0, 0, 0x0a];
const MAC_DST = [0x02, 0, 0, 0, 0, 0x0b];
const IP_SRC = [10, 77, 0, 1];
const IP_DST = [10, 77, 0, 9];
const UDP_DPORT = 9999;
const UDP_SPORT_BASE = 40000;

const WRAPPER = `
import json, os, signal, sys, time
cpus, out, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    if cpus:
        os.sched_setaffinity(0, {int(c) for c in cpus.split(",")})
    if out:
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
    os.execvp(argv[0], argv)
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
sys.stderr.write("BENCH_PID %d\\n" % pid)
sys.stderr.flush()
_, status, ru = os.wait4(pid, 0)
wall = time.monotonic() - t0
sys.stderr.write("BENCH_RUSAGE " + json.dumps({"user": ru.ru_utime, "sys": ru.ru_stime,
    "maxrss_kib": ru.ru_maxrss, "wall": wall}) + "\\n")
sys.exit(os.waitstatus_to_exitcode(status) & 0xff)
`;

/** Thrown when a lab command fails. */
export class BenchLabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BenchLabError";
  }
}

/** Why the lab cannot run here, or undefined when it can. */
export function benchLabUnavailable(): string | undefined {
  if (Deno.build.os !== "linux") return "needs Linux";
  if (Deno.uid() !== 0) return "needs root to create network namespaces";
  for (const tool of ["/usr/sbin/trafgen", "/usr/bin/python3"]) {
    try {
      Deno.statSync(tool);
    } catch {
      return `needs ${tool}`;
    }
  }
  return undefined;
}

/** tc arguments of a token bucket that passes `pps` benchmark frames per second. */
export function tbfArgs(pps: number): string[] {
  const bytesPerS = pps * MEAN_FRAME_BYTES;
  const burst = Math.max(Math.ceil(bytesPerS * PACE_BURST_S), 4 * FRAME_SIZES.at(-1)!);
  return [
    "tbf",
    "rate",
    `${Math.round(bytesPerS * 8)}bit`,
    "burst",
    String(burst),
    "latency",
    PACE_LATENCY,
  ];
}

/** Runs a command; returns stdout, throws with stderr when it fails. */
export async function run(cmd: string[]): Promise<string> {
  const r = await new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const td = new TextDecoder();
  if (!r.success) {
    throw new BenchLabError(`${cmd.join(" ")} failed (${r.code}): ${td.decode(r.stderr).trim()}`);
  }
  return td.decode(r.stdout);
}

/** One benchmark frame: tagged UDP/IPv4 of `size` bytes, IPv4 checksum filled in. */
export function benchFrame(size: number, sport: number): Uint8Array {
  const f = new Uint8Array(size);
  const v = new DataView(f.buffer);
  f.set(MAC_DST, 0);
  f.set(MAC_SRC, 6);
  v.setUint16(12, ETH_P_8021Q);
  v.setUint16(14, BENCH_VLAN_ID);
  v.setUint16(16, ETH_P_IP);
  const ip = 18;
  const ipLen = size - ip;
  f[ip] = 0x45;
  v.setUint16(ip + 2, ipLen);
  v.setUint16(ip + 4, 1);
  v.setUint16(ip + 6, 0x4000);
  f[ip + 8] = 64;
  f[ip + 9] = 17;
  f.set(IP_SRC, ip + 12);
  f.set(IP_DST, ip + 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += v.getUint16(ip + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  v.setUint16(ip + 10, ~sum & 0xffff);
  const udp = ip + 20;
  v.setUint16(udp, sport);
  v.setUint16(udp + 2, UDP_DPORT);
  v.setUint16(udp + 4, ipLen - 20);
  f.fill(0x41, HEADER_BYTES);
  return f;
}

/** The frames the traffic cycles through, one per size in {@link FRAME_SIZES}. */
export function benchFrames(): Uint8Array[] {
  return FRAME_SIZES.map((size, i) => benchFrame(size, UDP_SPORT_BASE + i));
}

/** A plain trafgen(8) config that sends {@link benchFrames} round robin. */
export function trafgenConfig(): string {
  return benchFrames().map((f) => `{ ${Array.from(f, (b) => `0x${b.toString(16)}`).join(", ")} }`)
    .join("\n") + "\n";
}

/** CPU ticks (utime + stime) of a live process, or undefined once it is gone. */
export function cpuTicks(pid: number): number | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Peak resident set (VmHWM) of a live process in KiB, or undefined once it is gone. */
export function peakRssKib(pid: number): number | undefined {
  try {
    const m = Deno.readTextFileSync(`/proc/${pid}/status`).match(/^VmHWM:\s+(\d+) kB/m);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The rx packet counter of `iface` in the network namespace of process `pid`. */
export function rxPacketsOf(pid: number, iface: string): number | undefined {
  try {
    const dev = Deno.readTextFileSync(`/proc/${pid}/net/dev`);
    const m = dev.match(new RegExp(`^\\s*${iface}:\\s*\\d+\\s+(\\d+)`, "m"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** How fast frames arrived, from {@link RxSampler}. */
export interface ArrivalRate {
  /** Frames counted from the first counter change to the last. */
  frames: number;
  /** Seconds from the first counter change to the last. */
  spanS: number;
  /** frames / spanS, in thousands per second. */
  kpps: number | null;
  /** Highest rate over any {@link PEAK_WINDOW_MS} window, in thousands per second. */
  peakKpps: number | null;
}

/** Window of the peak rate in {@link ArrivalRate}. */
export const PEAK_WINDOW_MS = 100;

/**
 * Samples an interface's rx counter every few milliseconds (through /proc/PID/net/dev of a
 * process in its namespace), keeping each change and when it was seen.
 */
export class RxSampler {
  readonly #changes: [number, number][] = [];
  #running = true;
  readonly #done: Promise<void>;

  constructor(pid: number, iface: string, intervalMs = 2) {
    this.#done = (async () => {
      let last = rxPacketsOf(pid, iface);
      while (this.#running && last !== undefined) {
        await new Promise((r) => setTimeout(r, intervalMs));
        const now = rxPacketsOf(pid, iface);
        if (now === undefined) break;
        if (now !== last) this.#changes.push([performance.now(), now]);
        last = now;
      }
    })();
  }

  /** Stops sampling; returns the arrival rate between the first and last change. */
  async stop(): Promise<ArrivalRate> {
    this.#running = false;
    await this.#done;
    const c = this.#changes;
    if (c.length < 2) return { frames: 0, spanS: 0, kpps: null, peakKpps: null };
    const [t0, n0] = c[0], [t1, n1] = c[c.length - 1];
    let peak = 0, j = 0;
    for (let i = 0; i < c.length; i++) {
      while (c[i][0] - c[j][0] > PEAK_WINDOW_MS) j++;
      if (c[i][0] - c[j][0] >= PEAK_WINDOW_MS / 2) {
        peak = Math.max(peak, (c[i][1] - c[j][1]) / (c[i][0] - c[j][0]));
      }
    }
    return {
      frames: n1 - n0,
      spanS: (t1 - t0) / 1000,
      kpps: (n1 - n0) / (t1 - t0),
      peakKpps: peak || null,
    };
  }
}

/** Clock ticks per second for /proc/PID/stat times. */
export const CLK_TCK = 100;

/** What the rusage wrapper reports when the measured process exits. */
export interface Rusage {
  user: number;
  sys: number;
  maxrss_kib: number;
  wall: number;
}

/** How to run a {@link Measured} process. */
export interface MeasuredOptions {
  /** Network namespace to run it in (none: the current one). */
  netns?: string;
  /** CPUs to pin it to, e.g. "1". */
  cpus?: string;
  /** File the measured process's stdout goes to (none: /dev/null). */
  stdoutFile?: string;
}

/** Measured processes not yet finished, killed when the bench is interrupted. */
const running = new Set<Measured>();

/** A process run under the rusage wrapper: its real pid, stderr, exit rusage. */
export class Measured {
  readonly #child: Deno.ChildProcess;
  #stderr = "";
  readonly #stderrDone: Promise<void>;

  constructor(argv: string[], opts: MeasuredOptions = {}) {
    const cmd = [
      ...(opts.netns ? ["ip", "netns", "exec", opts.netns] : []),
      "/usr/bin/python3",
      "-c",
      WRAPPER,
      opts.cpus ?? "",
      opts.stdoutFile ?? "",
      ...argv,
    ];
    this.#child = new Deno.Command(cmd[0], {
      args: cmd.slice(1),
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const stderr = this.#child.stderr;
    this.#stderrDone = (async () => {
      const dec = new TextDecoder();
      for await (const chunk of stderr) this.#stderr += dec.decode(chunk, { stream: true });
    })();
    running.add(this);
    this.#child.status.finally(() => running.delete(this));
  }

  /** Kills the wrapper and the measured process at once. */
  killNow(): void {
    const pid = this.#stderr.match(/BENCH_PID (\d+)/)?.[1];
    for (const p of [pid ? Number(pid) : undefined, this.#child.pid]) {
      try {
        if (p) Deno.kill(p, "SIGKILL");
      } catch { /* already gone */ }
    }
  }

  /** stderr so far, wrapper lines included. */
  get stderr(): string {
    return this.#stderr;
  }

  /** Waits for `text` on stderr; throws after `timeoutMs` or when the process ends first. */
  async waitFor(text: string, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.#stderr.includes(text)) {
      if (this.#stderr.includes("BENCH_RUSAGE") || Date.now() > end) {
        throw new BenchLabError(`no "${text}" from the capturer; stderr:\n${this.#stderr}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** The measured process's pid (the wrapper's child). */
  async pid(timeoutMs = 10000): Promise<number> {
    await this.waitFor("BENCH_PID", timeoutMs);
    return Number(this.#stderr.match(/BENCH_PID (\d+)/)![1]);
  }

  /** Sends a signal to the measured process. */
  async signal(sig: Deno.Signal): Promise<void> {
    try {
      Deno.kill(await this.pid(), sig);
    } catch { /* already gone */ }
  }

  /** Waits for exit (SIGKILL after `timeoutMs`); returns exit code, stderr and rusage. */
  async finish(timeoutMs = 60000): Promise<{ code: number; stderr: string; rusage?: Rusage }> {
    const t = setTimeout(() => this.signal("SIGKILL"), timeoutMs);
    try {
      const st = await this.#child.status;
      await this.#stderrDone;
      const m = this.#stderr.match(/^BENCH_RUSAGE (.*)$/m);
      const stderr = this.#stderr.split("\n").filter((l) => !l.startsWith("BENCH_")).join("\n");
      return { code: st.code, stderr, rusage: m ? JSON.parse(m[1]) as Rusage : undefined };
    } finally {
      clearTimeout(t);
    }
  }
}

let serial = 0;

/** Two namespaces and a veth pair; frames go from the sender's tx0 to the receiver's rx0. */
export class BenchLab {
  readonly nsTx: string;
  readonly nsRx: string;
  readonly txIface = "tx0";
  readonly rxIface = "rx0";
  #config = "";
  #spinner?: Deno.ChildProcess;

  private constructor() {
    const id = `${Deno.pid.toString(36)}${(serial++).toString(36)}${
      Math.floor(Math.random() * 1296).toString(36)
    }`;
    this.nsTx = `rcbench-${id}-tx`;
    this.nsRx = `rcbench-${id}-rx`;
  }

  /** Builds the lab; tears down what was built when a step fails. */
  static async create(): Promise<BenchLab> {
    const lab = new BenchLab();
    try {
      await lab.#build();
    } catch (e) {
      await lab.destroy();
      throw e;
    }
    return lab;
  }

  async #build() {
    for (const ns of [this.nsTx, this.nsRx]) {
      await run(["ip", "netns", "add", ns]);
      await run([
        "ip",
        "netns",
        "exec",
        ns,
        "sysctl",
        "-qw",
        "net.ipv6.conf.all.disable_ipv6=1",
        "net.ipv6.conf.default.disable_ipv6=1",
      ]);
    }
    await run([
      "ip",
      "-n",
      this.nsTx,
      "link",
      "add",
      this.txIface,
      "type",
      "veth",
      "peer",
      "name",
      this.rxIface,
      "netns",
      this.nsRx,
    ]);
    await run(["ip", "-n", this.nsTx, "link", "set", this.txIface, "up"]);
    await run(["ip", "-n", this.nsRx, "link", "set", this.rxIface, "up"]);
    this.#config = await Deno.makeTempFile({ prefix: "rawcap-bench-", suffix: ".trafgen" });
    await Deno.writeTextFile(this.#config, trafgenConfig());
  }

  /** The receiving veth's kernel rx packet counter. */
  async rxPackets(): Promise<number> {
    const out = await run(["ip", "-j", "-s", "-n", this.nsRx, "link", "show", "dev", this.rxIface]);
    return Number(JSON.parse(out)[0].stats64.rx.packets);
  }

  /**
   * Sends `frames` frames from tx0 with trafgen on one CPU (pinned to CPU 0); returns trafgen's
   * count. Without `pps` trafgen sends as fast as it can through its TX_RING, bypassing the
   * qdisc. With `pps` it goes through the qdisc path (-q) and a token bucket on tx0 paces it:
   * trafgen's own -b rate does not pace on every machine.
   */
  async send(frames: number, pps?: number): Promise<number> {
    await this.#pace(pps);
    const out = await run([
      "ip",
      "netns",
      "exec",
      this.nsTx,
      "/usr/sbin/trafgen",
      "-o",
      this.txIface,
      "-i",
      this.#config,
      "-n",
      String(frames),
      "-P",
      "1",
      ...(pps ? ["-q"] : []),
    ]);
    const m = out.match(/(\d+) packets outgoing/);
    if (!m) throw new BenchLabError(`trafgen printed no packet count:\n${out}`);
    return Number(m[1]);
  }

  #paced?: number;

  async #pace(pps?: number) {
    if (pps === this.#paced) return;
    const tc = ["ip", "netns", "exec", this.nsTx, "tc", "qdisc"];
    if (pps === undefined) {
      await run([...tc, "del", "dev", this.txIface, "root"]);
    } else {
      await run([...tc, "replace", "dev", this.txIface, "root", ...tbfArgs(pps)]);
    }
    this.#paced = pps;
  }

  /** The qdisc on tx0, as `tc qdisc show` prints it. */
  async qdisc(): Promise<string> {
    return (await run(["ip", "netns", "exec", this.nsTx, "tc", "qdisc", "show", "dev", "tx0"]))
      .trim();
  }

  /**
   * Keeps CPU `cpu` from going idle with a SCHED_IDLE busy loop, until {@link destroy}. A
   * virtual CPU that halts when idle can take many milliseconds to wake for the capturer; any
   * normal task preempts a SCHED_IDLE one at once, so the capturer still gets the whole CPU.
   */
  keepAwake(cpu: number): void {
    if (this.#spinner) return;
    this.#spinner = new Deno.Command("/usr/bin/python3", {
      args: [
        "-c",
        `import os\nos.sched_setaffinity(0, {${cpu}})\n` +
        "os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))\nwhile True: pass",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  }

  /** Removes both namespaces (the veth pair goes with them), the trafgen config, the spinner. */
  async destroy(): Promise<void> {
    if (this.#spinner) {
      try {
        this.#spinner.kill("SIGKILL");
      } catch { /* already gone */ }
      await this.#spinner.status;
      this.#spinner = undefined;
    }
    for (const ns of [this.nsTx, this.nsRx]) {
      try {
        await run(["ip", "netns", "del", ns]);
      } catch { /* not created */ }
    }
    if (this.#config) await Deno.remove(this.#config).catch(() => {});
  }
}

/**
 * Builds a lab, runs `fn`, and always tears the lab down, also on SIGINT/SIGTERM (then it
 * exits with 130/143 after the teardown).
 */
export async function withBenchLab<T>(fn: (lab: BenchLab) => Promise<T>): Promise<T> {
  const lab = await BenchLab.create();
  const onSignal = (sig: Deno.Signal, code: number) => () => {
    console.error(`\nbench: ${sig}, removing the lab`);
    for (const m of running) m.killNow();
    lab.destroy().finally(() => Deno.exit(code));
  };
  const onInt = onSignal("SIGINT", 130);
  const onTerm = onSignal("SIGTERM", 143);
  Deno.addSignalListener("SIGINT", onInt);
  Deno.addSignalListener("SIGTERM", onTerm);
  try {
    return await fn(lab);
  } finally {
    Deno.removeSignalListener("SIGINT", onInt);
    Deno.removeSignalListener("SIGTERM", onTerm);
    await lab.destroy();
  }
}
