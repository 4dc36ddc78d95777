/**
 * The network lab for tests: throwaway hosts in network namespaces with unique names.
 *
 *   host A (ns a, eth0) ──veth── pa ┐
 *                                   ├─ br0 (ns br, bridge, no STP, no IP)
 *   host B (ns b, eth0) ──veth── pb ┘
 *
 * Frames are written on raw packet sockets (python3), tagged ones too: the receiving veth
 * strips a VLAN tag into skb metadata exactly as a NIC with VLAN offload does.
 * Always use {@link withLab}, which tears everything down even when the test fails.
 */

import { ether, ipv4, udp } from "./helpers/frames.ts";
import { rawcapRunArgv } from "../scripts/shipped.ts";

export const ETH_P_8021Q = 0x8100;
export const ETH_P_8021AD = 0x88a8;
export const MAC_A = "02:00:00:00:00:0a";
export const MAC_B = "02:00:00:00:00:0b";

/** Whether privileged lab tests can run here, and why not. */
export function labUnavailable(): string | undefined {
  if (Deno.build.os !== "linux") return "needs Linux";
  if (Deno.uid() !== 0) return "needs root to create network namespaces";
  try {
    Deno.statSync("/usr/sbin/ip");
  } catch {
    try {
      Deno.statSync("/sbin/ip");
    } catch {
      return "needs iproute2 (ip)";
    }
  }
  return undefined;
}

/** Runs a command; throws with its stderr when it fails. */
export async function sh(cmd: string[], input?: string): Promise<string> {
  const p = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    stdin: input === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (input !== undefined) {
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode(input));
    await w.close();
  }
  const r = await p.output();
  const td = new TextDecoder();
  if (!r.success) {
    throw new Error(`${cmd.join(" ")} failed (${r.code}): ${td.decode(r.stderr).trim()}`);
  }
  return td.decode(r.stdout);
}

let serial = 0;

/** Bytes as hex digits, the form the python3 senders read from stdin. */
function hexOf(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** A lab of two hosts on a bridge. */
export class Lab {
  readonly id: string;
  readonly nsA: string;
  readonly nsB: string;
  readonly nsBr: string;
  readonly bridge = "br0";

  private constructor() {
    this.id = `${Deno.pid.toString(36)}${(serial++).toString(36)}${
      Math.floor(Math.random() * 1296).toString(36)
    }`;
    this.nsA = `rcap-${this.id}-a`;
    this.nsB = `rcap-${this.id}-b`;
    this.nsBr = `rcap-${this.id}-br`;
  }

  /** Runs `cmd` inside namespace `ns`. */
  exec(ns: string, cmd: string[]): Promise<string> {
    return sh(["ip", "netns", "exec", ns, ...cmd]);
  }

  static async create(): Promise<Lab> {
    const lab = new Lab();
    try {
      await lab.#build();
    } catch (e) {
      await lab.destroy();
      throw e;
    }
    return lab;
  }

  async #build() {
    for (const ns of [this.nsA, this.nsB, this.nsBr]) {
      await sh(["ip", "netns", "add", ns]);
      await this.exec(ns, [
        "sysctl",
        "-qw",
        "net.ipv6.conf.all.disable_ipv6=1",
        "net.ipv6.conf.default.disable_ipv6=1",
      ]);
    }
    await this.exec(this.nsBr, ["ip", "link", "add", "br0", "type", "bridge", "stp_state", "0"]);
    for (const [ns, port, mac] of [[this.nsA, "pa", MAC_A], [this.nsB, "pb", MAC_B]]) {
      await this.exec(this.nsBr, [
        "ip",
        "link",
        "add",
        port,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        ns,
      ]);
      await this.exec(ns, ["ip", "link", "set", "eth0", "address", mac, "up"]);
      await this.exec(this.nsBr, ["ip", "link", "set", port, "master", "br0", "up"]);
    }
    await this.exec(this.nsBr, ["ip", "link", "set", "br0", "up"]);
  }

  /** Adds an extra veth pair inside the bridge namespace (not bridged); returns its two names. */
  async addVethPair(a: string, b: string): Promise<[string, string]> {
    await this.exec(this.nsBr, ["ip", "link", "add", a, "type", "veth", "peer", "name", b]);
    await this.exec(this.nsBr, ["ip", "link", "set", a, "up"]);
    await this.exec(this.nsBr, ["ip", "link", "set", b, "up"]);
    return [a, b];
  }

  /**
   * Writes `frames` out of interface `iface` in namespace `ns` through a raw packet socket,
   * `gapMs` apart.
   */
  async send(ns: string, iface: string, frames: Uint8Array[], gapMs = 2): Promise<void> {
    const hex = frames.map(hexOf);
    const script = [
      "import socket, sys, time",
      "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
      `s.bind((${JSON.stringify(iface)}, 0))`,
      "for line in sys.stdin.read().split():",
      "    s.send(bytes.fromhex(line))",
      `    time.sleep(${gapMs / 1000})`,
    ].join("\n");
    const p = new Deno.Command("ip", {
      args: ["netns", "exec", ns, "python3", "-c", script],
      stdin: "piped",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const w = p.stdin.getWriter();
    await w.write(new TextEncoder().encode(hex.join("\n")));
    await w.close();
    const r = await p.output();
    if (!r.success) throw new Error(`sending frames failed: ${new TextDecoder().decode(r.stderr)}`);
  }

  /** Sends from host A's eth0. */
  sendFromA(frames: Uint8Array[], gapMs = 2): Promise<void> {
    return this.send(this.nsA, "eth0", frames, gapMs);
  }

  /** Removes every namespace of this lab (their interfaces go with them). */
  async destroy(): Promise<void> {
    for (const ns of [this.nsA, this.nsB, this.nsBr]) {
      try {
        await sh(["ip", "netns", "del", ns]);
      } catch { /* not created */ }
    }
  }
}

/** Builds a lab, runs `fn`, and always tears the lab down. */
export async function withLab<T>(fn: (lab: Lab) => Promise<T>): Promise<T> {
  const lab = await Lab.create();
  try {
    return await fn(lab);
  } finally {
    await lab.destroy();
  }
}

/** Options of {@link udpFrame}. */
export interface UdpFrameOptions {
  src?: string;
  dst?: string;
  /** Tags outer first: [tpid, vlan id]. */
  tags?: [number, number][];
  srcIp?: [number, number, number, number];
  dstIp?: [number, number, number, number];
  sport?: number;
  dport?: number;
  payload?: string;
}

/** An Ethernet (optionally tagged) IPv4/UDP frame from host A to host B, for lab traffic. */
export function udpFrame(o: UdpFrameOptions = {}): Uint8Array {
  return ether(
    {
      src: o.src ?? MAC_A,
      dst: o.dst ?? MAC_B,
      type: 0x0800,
      tags: (o.tags ?? []).map(([tpid, id]) => ({ tpid, id })),
      pad: true,
    },
    ipv4(
      {
        src: (o.srcIp ?? [10, 77, 0, 1]).join("."),
        dst: (o.dstIp ?? [10, 77, 0, 9]).join("."),
        proto: 17,
        df: true,
      },
      udp(
        { sport: o.sport ?? 40000, dport: o.dport ?? 9999 },
        new TextEncoder().encode(o.payload ?? "hello"),
      ),
    ),
  );
}

/**
 * A tun device in namespace `ns` (a link without Ethernet framing, as WireGuard's), held open
 * by a python3 process: packets handed to {@link Tun.inject} are written into the tun, so
 * the kernel receives them on the device as raw IP, and a capture on it sees them.
 */
export class Tun {
  readonly #child: Deno.ChildProcess;
  readonly #stdin: WritableStreamDefaultWriter<Uint8Array>;

  private constructor(child: Deno.ChildProcess) {
    this.#child = child;
    this.#stdin = child.stdin.getWriter();
  }

  /** Creates tun `name` in `ns`, up, and resolves once it is there. */
  static async open(ns: string, name: string): Promise<Tun> {
    const script = [
      "import fcntl, os, struct, sys, time",
      "fd = os.open('/dev/net/tun', os.O_RDWR)",
      // TUNSETIFF with IFF_TUN | IFF_NO_PI: packets are bare IP, no 4-byte prefix.
      `fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH', ${JSON.stringify(name)}.encode(), 0x1001))`,
      "print('ready', flush=True)",
      "for line in sys.stdin:",
      "    line = line.strip()",
      "    if line.startswith('sleep'):",
      "        time.sleep(float(line.split()[1]))",
      "    elif line:",
      "        os.write(fd, bytes.fromhex(line))",
      "time.sleep(0.2)",
    ].join("\n");
    const child = new Deno.Command("ip", {
      args: ["netns", "exec", ns, "python3", "-c", script],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const tun = new Tun(child);
    const reader = child.stdout.getReader();
    const { value } = await reader.read();
    reader.releaseLock();
    if (!new TextDecoder().decode(value ?? new Uint8Array()).includes("ready")) {
      await tun.close();
      throw new Error(`tun ${name} could not be created`);
    }
    await sh(["ip", "netns", "exec", ns, "ip", "link", "set", name, "up"]);
    return tun;
  }

  /** Writes `packets` (raw IP) into the tun, `gapMs` apart. */
  async inject(packets: Uint8Array[], gapMs = 2): Promise<void> {
    const hex = packets.map(hexOf);
    const text = hex.map((h) => `${h}\nsleep ${gapMs / 1000}\n`).join("");
    await this.#stdin.write(new TextEncoder().encode(text));
  }

  /** Removes the tun (its process exits) and waits for that. */
  async close(): Promise<void> {
    try {
      await this.#stdin.close();
    } catch { /* already closed */ }
    await this.#child.stdout.cancel().catch(() => {});
    await this.#child.stderr.cancel().catch(() => {});
    await this.#child.status;
  }
}

/**
 * A capture file as `tcpdump -i any` writes it (`linkType` LINUX_SLL2, its default, or
 * LINUX_SLL), of `pings` ICMP echo requests and replies over a veth pair in a namespace of
 * its own (always removed). Resolves to the file's path, `file`.
 */
export async function tcpdumpAnyFile(
  file: string,
  linkType: "LINUX_SLL2" | "LINUX_SLL" = "LINUX_SLL2",
  pings = 2,
): Promise<string> {
  const ns = `rcap-any-${Deno.pid.toString(36)}-${(serial++).toString(36)}`;
  const peer = `${ns}-p`;
  const inNs = (cmd: string[]) => sh(["ip", "netns", "exec", ns, ...cmd]);
  const inPeer = (cmd: string[]) => sh(["ip", "netns", "exec", peer, ...cmd]);
  await sh(["ip", "netns", "add", ns]);
  try {
    await sh(["ip", "netns", "add", peer]);
    await inNs(["ip", "link", "add", "va", "type", "veth", "peer", "name", "vb", "netns", peer]);
    await inNs(["ip", "addr", "add", "10.66.0.1/24", "dev", "va"]);
    await inNs(["ip", "link", "set", "va", "up"]);
    await inPeer(["ip", "addr", "add", "10.66.0.2/24", "dev", "vb"]);
    await inPeer(["ip", "link", "set", "vb", "up"]);
    const dump = new Deno.Command("ip", {
      args: [
        ...["netns", "exec", ns, "tcpdump", "-i", "any", "-y", linkType, "-U", "-w", file],
        ...["-c", String(2 * pings), "icmp"],
      ],
      stdout: "null",
      stderr: "piped",
    }).spawn();
    await new Promise((r) => setTimeout(r, 700)); // tcpdump -w says nothing when it is ready
    // ICMP echo requests from a raw socket (no ping binary needed); the kernel answers them.
    const echo = [
      "import socket, struct, time",
      "s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)",
      `for seq in range(1, ${pings + 1}):`,
      "    m = struct.pack('!BBHHH', 8, 0, 0, 0x4242, seq) + b'rawcap'",
      "    c = sum(struct.unpack('!%dH' % (len(m) // 2), m))",
      "    c = (c >> 16) + (c & 0xffff)",
      "    c = ~(c + (c >> 16)) & 0xffff",
      "    s.sendto(m[:2] + struct.pack('!H', c) + m[4:], ('10.66.0.1', 0))",
      "    time.sleep(0.1)",
    ].join("\n");
    await inPeer(["python3", "-c", echo]);
    const t = setTimeout(() => dump.kill("SIGKILL"), 10_000);
    const r = await dump.output();
    clearTimeout(t);
    if (!r.success) throw new Error(`tcpdump -i any: ${new TextDecoder().decode(r.stderr)}`);
    return file;
  } finally {
    await sh(["ip", "netns", "del", ns]);
    await sh(["ip", "netns", "del", peer]).catch(() => {});
  }
}

/** A running rawcap CLI in a namespace. */
export class RawcapProcess {
  readonly #child: Deno.ChildProcess;
  readonly #stdout: Promise<Uint8Array>;
  #stderr = "";
  readonly #stderrDone: Promise<void>;

  constructor(
    ns: string,
    args: string[],
    opts: { exec?: string[]; stdout?: "piped" | "inherit"; env?: Record<string, string> } = {},
  ) {
    this.#child = new Deno.Command("ip", {
      args: ["netns", "exec", ns, ...(opts.exec ?? rawcapCommand()), ...args],
      stdin: "null",
      stdout: opts.stdout ?? "piped",
      stderr: "piped",
      env: opts.env,
    }).spawn();
    this.#stdout = opts.stdout === "inherit"
      ? Promise.resolve(new Uint8Array())
      : new Response(this.#child.stdout).bytes();
    const stderr = this.#child.stderr;
    this.#stderrDone = (async () => {
      const dec = new TextDecoder();
      for await (const chunk of stderr) this.#stderr += dec.decode(chunk);
    })();
  }

  /** Process id (`ip netns exec` execs rawcap in place, so this is rawcap's). */
  get pid(): number {
    return this.#child.pid;
  }

  /** stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }

  /** Waits for the "listening on" line (the sockets are then bound). */
  async listening(timeoutMs = 15000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!this.#stderr.includes("listening on")) {
      if (Date.now() > end) throw new Error(`rawcap did not start: ${this.#stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends a signal. */
  kill(sig: Deno.Signal = "SIGTERM") {
    try {
      this.#child.kill(sig);
    } catch { /* already gone */ }
  }

  /** Waits for exit; returns code, stdout and stderr. Kills it after `timeoutMs`. */
  async finish(timeoutMs = 15000): Promise<{ code: number; stdout: string; stderr: string }> {
    const t = setTimeout(() => this.kill("SIGKILL"), timeoutMs);
    try {
      const st = await this.#child.status;
      const out = await this.#stdout;
      await this.#stderrDone;
      return { code: st.code, stdout: new TextDecoder().decode(out), stderr: this.#stderr };
    } finally {
      clearTimeout(t);
    }
  }

  /** Raw stdout bytes (after exit). */
  stdoutBytes(): Promise<Uint8Array> {
    return this.#stdout;
  }
}

/**
 * The command that runs rawcap as it ships: `$RAWCAP_BIN` (a compiled binary), or main.ts with
 * exactly the permissions and V8 flags of the `rawcap` task and the binary.
 */
export function rawcapCommand(): string[] {
  const bin = Deno.env.get("RAWCAP_BIN");
  if (bin) return [bin];
  return rawcapRunArgv();
}

/** Lines of text output, without the stats and listening lines. */
export function lines(s: string): string[] {
  return s.split("\n").filter((l) => l.length > 0);
}
