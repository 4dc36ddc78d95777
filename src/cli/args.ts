/** Command-line flags: parsing, validation and the help text. */
import { parseArgs } from "node:util";
import { RawcapError } from "../errors.ts";

export const VERSION = "0.1.0";

/** A bad command line: the CLI prints the message and the usage line, and exits 2. */
export class UsageError extends RawcapError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

/** Everything the command line asked for. */
export interface CliOptions {
  interfaces: string[];
  /** Capture on every interface that is up (`-i any` or `--all`). */
  all: boolean;
  vlans: number[];
  promiscuous: boolean;
  count: number;
  link: boolean;
  verbose: number;
  quiet: boolean;
  hex: "x" | "xx" | "X" | "XX" | undefined;
  /** -A / -AA: each frame's bytes from the network layer on (or all of them) as ASCII. */
  ascii: "A" | "AA" | undefined;
  /** -S: absolute TCP sequence numbers (tcpdump's default is relative). */
  absoluteSeq: boolean;
  json: boolean;
  snaplen: number;
  /** Filter expression (positional words joined). */
  expression: string;
  /** -d count: print the compiled filter program and exit. */
  dump: number;
  write: string | undefined;
  format: "pcap" | "pcapng" | undefined;
  precision: "micro" | "nano";
  fileSizeMB: number | undefined;
  seconds: number | undefined;
  maxFiles: number | undefined;
  read: string | undefined;
  /** Print frames even while writing a file (`--print`, as tcpdump). */
  print: boolean;
  direction: "in" | "out" | "inout";
  listInterfaces: boolean;
  exitOnLoss: boolean;
  user: string | undefined;
  requireDrop: boolean;
  stats: boolean;
  statsInterval: number;
  /** Kernel buffer (ring) size in bytes. */
  bufferSize: number;
  immediate: boolean;
  /** Read with recvmsg instead of the mmap ring. */
  recvmsg: boolean;
  tsFormat: "local" | "utc" | "epoch" | "date" | "delta" | "none";
  /** With `delta`: since the first frame (-ttttt) rather than the previous one (-ttt). */
  sinceFirst: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE =
  "usage: rawcap [-i IFACE]... [--vlan ID]... [-ADdeJnpqSvxX] [-c N] [-s SNAPLEN] " +
  "[-w FILE | -r FILE] [EXPRESSION]";

export const HELP =
  `rawcap ${VERSION}: packet capture on Linux AF_PACKET sockets, tcpdump-style output.

${USAGE}

Capture:
  -i, --iface NAME        capture on NAME; repeat for several interfaces (one thread).
                          "any" (or --all): every interface that is up, new ones as they appear
      --vlan ID           keep frames whose outer or second (QinQ) tag has that id; repeatable
  -p, --no-promiscuous    do not put the interface into promiscuous mode
  -c, --count N           stop after N frames
  -s, --snaplen N         bytes kept per frame (default 262144)
  -Q, --direction D       in, out or inout (default inout)
  -B, --buffer-size KiB   kernel ring per interface (default 4096 KiB)
      --immediate         hand frames over at once (interactive use; costs throughput)
      --recvmsg           read with one recvmsg per frame instead of the mmap ring
      --exit-on-loss      exit when no interface is left instead of waiting for one to return
  EXPRESSION              a pcap-filter(7) expression, compiled to BPF and run in the kernel
  -d                      print the compiled filter (-dd as C array, -ddd as decimal) and exit

Files:
  -w FILE                 write frames to FILE ("-" for stdout) instead of printing them
      --format F          pcap or pcapng (default: by extension, else pcap)
      --time-precision P  micro or nano (pcap timestamps; default micro)
  -C MB                   start a new file after MB million bytes
  -G SECONDS              start a new file every SECONDS (strftime fields in FILE)
  -W N                    keep at most N files
      --print             print frames as text while writing them
  -r FILE                 read frames from a pcap or pcapng file ("-" for stdin)

Output:
  -e                      print the link-level header (MACs, ethertype, VLAN priority)
  -n                      accepted for tcpdump habit; rawcap never resolves names
  -v                      more detail (IP ttl/id/length); repeat for more
  -q                      less protocol detail
  -x, -xx, -X, -XX        hex dump of each frame (X adds ASCII; doubled includes the link header)
  -A, -AA                 each frame from the network layer on as ASCII (doubled: the whole frame)
  -S                      absolute TCP sequence numbers (default: relative to each connection's)
  -t, -tt, -ttt, -tttt, -ttttt
                          no time, epoch seconds, delta to the previous frame, date and time,
                          delta to the first frame (as tcpdump)
      --time-format F     local (default), utc, epoch or date
  -J, --json              one JSON object per frame (NDJSON)
      --stats             per-interface counters on exit (received, dropped, ring freezes)
      --stats-interval S  per-interface counters on stderr every S seconds

System:
  -D, --list-interfaces   list interfaces: index, name, state, link type, MAC, MTU
  -Z, --user USER         drop to USER (and its groups) once the sockets are open
      --require-drop      refuse to capture as root without -Z
  -h, --help              this help
      --version           print the version

Examples:
  sudo rawcap -i br0                          everything a bridge forwards, with VLAN ids
  sudo rawcap -i br0 --vlan 100 -c 10         ten frames of VLAN 100
  sudo rawcap -i br0 'udp and vlan 100'       a kernel BPF filter
  sudo rawcap -i eth0 -i eth1 -w cap.pcapng   two interfaces, one file, one IDB each
  sudo rawcap -i br0 -w - | tshark -r -       pipe into tshark
  rawcap -r cap.pcapng --json | jq .vlan      read a file as NDJSON
`;

function intArg(name: string, v: string | undefined, min: number, max: number): number {
  if (v === undefined) return NaN;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
    throw new UsageError(`invalid ${name} '${v}' (expected an integer ${min}..${max})`);
  }
  return n;
}

function oneOf<T extends string>(name: string, v: string | undefined, allowed: T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!allowed.includes(v as T)) {
    throw new UsageError(`invalid ${name} '${v}' (expected ${allowed.join(", ")})`);
  }
  return v as T;
}

/** Parses `argv` (without the program name). Throws {@link UsageError}. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        iface: { type: "string", short: "i", multiple: true },
        all: { type: "boolean" },
        vlan: { type: "string", multiple: true },
        "no-promiscuous": { type: "boolean", short: "p" },
        count: { type: "string", short: "c" },
        snaplen: { type: "string", short: "s" },
        direction: { type: "string", short: "Q" },
        "buffer-size": { type: "string", short: "B" },
        immediate: { type: "boolean" },
        recvmsg: { type: "boolean" },
        "exit-on-loss": { type: "boolean" },
        d: { type: "boolean", short: "d", multiple: true },
        write: { type: "string", short: "w" },
        format: { type: "string" },
        "time-precision": { type: "string" },
        C: { type: "string", short: "C" },
        G: { type: "string", short: "G" },
        W: { type: "string", short: "W" },
        print: { type: "boolean" },
        read: { type: "string", short: "r" },
        e: { type: "boolean", short: "e" },
        n: { type: "boolean", short: "n", multiple: true },
        v: { type: "boolean", short: "v", multiple: true },
        q: { type: "boolean", short: "q" },
        x: { type: "boolean", short: "x", multiple: true },
        A: { type: "boolean", short: "A", multiple: true },
        S: { type: "boolean", short: "S" },
        X: { type: "boolean", short: "X", multiple: true },
        t: { type: "boolean", short: "t", multiple: true },
        "time-format": { type: "string" },
        json: { type: "boolean", short: "J" },
        stats: { type: "boolean" },
        "stats-interval": { type: "string" },
        "list-interfaces": { type: "boolean", short: "D" },
        user: { type: "string", short: "Z" },
        "require-drop": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]);
  }
  const v = parsed.values;
  const xs = v.x?.length ?? 0, Xs = v.X?.length ?? 0;
  const hex = Xs > 0 ? (Xs + xs > 1 ? "XX" : "X") : xs > 0 ? (xs > 1 ? "xx" : "x") : undefined;
  const count = v.count === undefined ? 0 : intArg("count", v.count, 1, Number.MAX_SAFE_INTEGER);
  const snaplen = v.snaplen === undefined
    ? 262144
    : intArg("snaplen", v.snaplen, 0, 262144) || 262144;
  const ifaces = [...(v.iface ?? [])];
  const all = !!v.all || ifaces.includes("any");
  const format = v.format === undefined
    ? undefined
    : oneOf("format", v.format, ["pcap", "pcapng"], "pcap");
  const opts: CliOptions = {
    interfaces: ifaces.filter((i) => i !== "any"),
    all,
    vlans: (v.vlan ?? []).map((s) => intArg("VLAN id", s, 0, 4095)),
    promiscuous: !v["no-promiscuous"],
    count,
    link: !!v.e,
    verbose: v.v?.length ?? 0,
    quiet: !!v.q,
    hex,
    ascii: v.A?.length ? (v.A.length > 1 ? "AA" : "A") : undefined,
    absoluteSeq: !!v.S,
    json: !!v.json,
    snaplen,
    expression: parsed.positionals.join(" ").trim(),
    dump: v.d?.length ?? 0,
    write: v.write,
    format,
    precision: oneOf("time precision", v["time-precision"], ["micro", "nano"], "micro"),
    fileSizeMB: v.C === undefined ? undefined : intArg("-C size", v.C, 1, 1_000_000),
    seconds: v.G === undefined ? undefined : intArg("-G seconds", v.G, 1, 31_536_000),
    maxFiles: v.W === undefined ? undefined : intArg("-W count", v.W, 1, 1_000_000),
    read: v.read,
    print: !!v.print,
    direction: oneOf("direction", v.direction, ["in", "out", "inout"], "inout"),
    listInterfaces: !!v["list-interfaces"],
    exitOnLoss: !!v["exit-on-loss"],
    user: v.user,
    requireDrop: !!v["require-drop"],
    stats: !!v.stats,
    statsInterval: v["stats-interval"] === undefined
      ? 0
      : intArg("stats interval", v["stats-interval"], 1, 86400),
    bufferSize:
      (v["buffer-size"] === undefined
        ? 4096
        : intArg("buffer size", v["buffer-size"], 64, 4 * 1024 * 1024)) * 1024,
    immediate: !!v.immediate,
    recvmsg: !!v.recvmsg,
    tsFormat: v.t?.length
      ? (["none", "epoch", "delta", "date", "delta"] as const)[Math.min(v.t.length, 5) - 1]
      : oneOf("time format", v["time-format"], ["local", "utc", "epoch", "date"], "local"),
    sinceFirst: (v.t?.length ?? 0) >= 5,
    help: !!v.help,
    version: !!v.version,
  };
  if (opts.write !== undefined && opts.read !== undefined && opts.write === opts.read) {
    throw new UsageError("-r and -w name the same file");
  }
  if ((opts.fileSizeMB || opts.seconds || opts.maxFiles) && !opts.write) {
    throw new UsageError("-C, -G and -W need -w FILE");
  }
  if (opts.write === "-" && (opts.fileSizeMB || opts.seconds)) {
    throw new UsageError("rotation (-C, -G) needs a file, not stdout");
  }
  return opts;
}
