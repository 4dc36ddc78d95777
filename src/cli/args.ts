/** Command-line flags: parsing, validation and the help text. */
import { LINK_TYPES, linkTypeByName } from "../packet/linktype.ts";
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
  /** -l: write each printed line out at once. */
  lineBuffered: boolean;
  /** -K: do not verify checksums under -v. */
  noChecksums: boolean;
  /** -#: put each printed frame's number first. */
  number: boolean;
  /** -U: write each frame out at once (printed lines and -w records). */
  packetBuffered: boolean;
  /** -F FILE: read the expression from FILE (the command line's is then ignored). */
  filterFile: string | undefined;
  /** -z CMD: run `CMD FILE` after each file a rotation (-C, -G) closes. */
  postRotate: string | undefined;
  /** -V FILE: read the capture files named in FILE, one per line. */
  fileList: string | undefined;
  /** --count: print only the number of frames (tcpdump 4.99). */
  countOnly: boolean;
  /** -y TYPE: the link type asked for (LINKTYPE_*). */
  linkType: number | undefined;
  /** -L: list the link types of the interface and exit. */
  listLinkTypes: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE =
  "usage: rawcap [-i IFACE]... [--vlan ID]... [-#ADdeJKLlNnpqSUvxX] [-c N] [--count] [-s SNAPLEN]\n" +
  "              [-w FILE [-C MB] [-G SECONDS] [-W N] [-z CMD]] [-r FILE | -V FILE] [-F FILE]\n" +
  "              [-y TYPE] [EXPRESSION]";

export const HELP =
  `rawcap ${VERSION}: packet capture on Linux AF_PACKET sockets, tcpdump-style output.

${USAGE}

Capture:
  -i, --iface NAME        capture on NAME; repeat for several interfaces (one thread).
                          "any" (or --all): every interface that is up, new ones as they appear;
                          a number that names no interface is an index from -D (as tcpdump)
      --vlan ID           keep frames whose outer or second (QinQ) tag has that id; repeatable
  -p, --no-promiscuous    do not put the interface into promiscuous mode
  -c N                    stop after N frames
      --count             print only the number of frames (with a filter: that matched)
  -s, --snaplen N         bytes kept per frame (default 262144)
  -Q, --direction D       in, out or inout (default inout)
  -B, --buffer-size KiB   kernel ring per interface (default 4096 KiB)
      --immediate         hand frames over at once (interactive use; costs throughput);
                          also --immediate-mode
      --recvmsg           read with one recvmsg per frame instead of the mmap ring
      --exit-on-loss      exit when no interface is left instead of waiting for one to return
  EXPRESSION              a pcap-filter(7) expression, compiled to BPF and run in the kernel
  -F FILE                 read the expression from FILE ('#' starts a comment to the end of the
                          line); an expression on the command line is then ignored
  -y, --linktype TYPE     link type: EN10MB (Ethernet), RAW (tun, WireGuard); with -i any,
                          only interfaces of TYPE; with -d, any type -r reads (LINUX_SLL2...)
  -L, --list-data-link-types
                          list the link types of the -i interface and exit
  -d                      print the compiled filter (-dd as C array, -ddd as decimal) and exit

Files:
  -w FILE                 write frames to FILE ("-" for stdout) instead of printing them
      --format F          pcap or pcapng (default: by extension, else pcap)
      --time-precision P  micro or nano (pcap timestamps; default micro);
                          also --time-stamp-precision
  -C MB                   start a new file after MB million bytes
  -G SECONDS              start a new file every SECONDS (strftime fields in FILE)
  -W N                    keep at most N files
  -z CMD                  run CMD FILE after each file a rotation closes (no shell; as the -Z
                          user), e.g. -z gzip
  -U, --packet-buffered   write each frame out at once (-w file, or printed lines)
      --print             print frames as text while writing them
  -r FILE                 read frames from a pcap or pcapng file ("-" for stdin)
  -V FILE                 read the capture files named in FILE, one per line ("-" for stdin)

Output:
  -e                      print the link-level header (MACs, ethertype, VLAN priority)
  -n, -N                  accepted for tcpdump habit; rawcap never resolves names
  -l                      write each line out at once (for rawcap -l | grep ...)
  -K, --dont-verify-checksums
                          -v does not check IPv4, TCP and UDP checksums
  -#, --number            put each frame's number (from 1) first on its line
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
    const range = max === Number.MAX_SAFE_INTEGER
      ? (min === 1 ? "a positive integer" : `an integer >= ${min}`)
      : `an integer from ${min} to ${max}`;
    throw new UsageError(`invalid ${name} ${v} (must be ${range})`);
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

/** The flags, for node:util parseArgs. Aliases (tcpdump's long names) are separate entries. */
const OPTIONS = {
  iface: { type: "string", short: "i", multiple: true },
  interface: { type: "string", multiple: true },
  all: { type: "boolean" },
  vlan: { type: "string", multiple: true },
  "no-promiscuous": { type: "boolean", short: "p" },
  "no-promiscuous-mode": { type: "boolean" },
  c: { type: "string", short: "c" },
  count: { type: "boolean" },
  snaplen: { type: "string", short: "s" },
  "snapshot-length": { type: "string" },
  direction: { type: "string", short: "Q" },
  "buffer-size": { type: "string", short: "B" },
  immediate: { type: "boolean" },
  "immediate-mode": { type: "boolean" },
  recvmsg: { type: "boolean" },
  "exit-on-loss": { type: "boolean" },
  d: { type: "boolean", short: "d", multiple: true },
  F: { type: "string", short: "F" },
  linktype: { type: "string", short: "y" },
  "list-data-link-types": { type: "boolean", short: "L" },
  write: { type: "string", short: "w" },
  format: { type: "string" },
  "time-precision": { type: "string" },
  "time-stamp-precision": { type: "string" },
  C: { type: "string", short: "C" },
  G: { type: "string", short: "G" },
  W: { type: "string", short: "W" },
  z: { type: "string", short: "z" },
  "packet-buffered": { type: "boolean", short: "U" },
  print: { type: "boolean" },
  read: { type: "string", short: "r" },
  V: { type: "string", short: "V" },
  e: { type: "boolean", short: "e" },
  n: { type: "boolean", short: "n", multiple: true },
  N: { type: "boolean", short: "N", multiple: true },
  l: { type: "boolean", short: "l" },
  "dont-verify-checksums": { type: "boolean", short: "K" },
  number: { type: "boolean", short: "#" },
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
} as const;

/**
 * Rewrites every option that takes a value into `--name=value`, taking the value as getopt
 * does: the rest of a short group (`-c5`) or the next word, whatever it looks like (`-c -1`,
 * `-w -`). node:util's parseArgs would refuse a next word that starts with a dash.
 */
function bindValues(argv: string[]): string[] {
  const valued = new Map<string, string>();
  for (const [name, o] of Object.entries(OPTIONS)) {
    if (o.type !== "string") continue;
    valued.set(`--${name}`, name);
    if ("short" in o) valued.set(`-${o.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (a.startsWith("--")) {
      const name = valued.get(a);
      out.push(name !== undefined && i + 1 < argv.length ? `--${name}=${argv[++i]}` : a);
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = valued.get(`-${a[j]}`);
        if (name === undefined) {
          out.push(`-${a[j]}`);
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest !== "") out.push(`--${name}=${rest}`);
        else if (i + 1 < argv.length) out.push(`--${name}=${argv[++i]}`);
        else out.push(`-${a[j]}`);
        break;
      }
    } else {
      out.push(a);
    }
  }
  return out;
}

/** parseArgs' complaint in getopt's words (`unrecognized option '--foo'`, ...). */
function getoptMessage(e: Error): string {
  const msg = e.message.split("\n")[0];
  const code = (e as { code?: string }).code;
  const opt = /'(-[^' ,]+)/.exec(msg)?.[1];
  const long = /(--[\w-]+)/.exec(msg)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && opt) {
    return opt.startsWith("--")
      ? `unrecognized option '${opt}'`
      : `invalid option -- '${opt.slice(1)}'`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(msg) && long) {
      return `option '${long}' doesn't allow an argument`;
    }
    if (/argument missing/.test(msg) && opt) {
      return opt.startsWith("--") || !/^-\w$/.test(opt)
        ? `option '${long ?? opt}' requires an argument`
        : `option requires an argument -- '${opt.slice(1)}'`;
    }
  }
  return msg.replace(/\. To specify .*$/, "");
}

/** Parses `argv` (without the program name). Throws {@link UsageError}. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: bindValues(argv),
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (e) {
    throw new UsageError(getoptMessage(e as Error));
  }
  const v = parsed.values;
  const xs = v.x?.length ?? 0, Xs = v.X?.length ?? 0;
  const hex = Xs > 0 ? (Xs + xs > 1 ? "XX" : "X") : xs > 0 ? (xs > 1 ? "xx" : "x") : undefined;
  const count = v.c === undefined ? 0 : intArg("count", v.c, 1, Number.MAX_SAFE_INTEGER);
  const snap = v.snaplen ?? v["snapshot-length"];
  const snaplen = snap === undefined ? 262144 : intArg("snaplen", snap, 0, 262144) || 262144;
  const ifaces = [...(v.iface ?? []), ...(v.interface ?? [])];
  const all = !!v.all || ifaces.includes("any");
  const format = v.format === undefined
    ? undefined
    : oneOf("format", v.format, ["pcap", "pcapng"], "pcap");
  const opts: CliOptions = {
    interfaces: ifaces.filter((i) => i !== "any"),
    all,
    vlans: (v.vlan ?? []).map((s) => intArg("VLAN id", s, 0, 4095)),
    promiscuous: !v["no-promiscuous"] && !v["no-promiscuous-mode"],
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
    precision: oneOf(
      "time precision",
      v["time-precision"] ?? v["time-stamp-precision"],
      ["micro", "nano"],
      "micro",
    ),
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
    immediate: !!v.immediate || !!v["immediate-mode"],
    recvmsg: !!v.recvmsg,
    tsFormat: v.t?.length
      ? (["none", "epoch", "delta", "date", "delta"] as const)[Math.min(v.t.length, 5) - 1]
      : oneOf("time format", v["time-format"], ["local", "utc", "epoch", "date"], "local"),
    sinceFirst: (v.t?.length ?? 0) >= 5,
    lineBuffered: !!v.l,
    noChecksums: !!v["dont-verify-checksums"],
    number: !!v.number,
    packetBuffered: !!v["packet-buffered"],
    filterFile: v.F,
    postRotate: v.z,
    fileList: v.V,
    countOnly: !!v.count,
    linkType: v.linktype === undefined ? undefined : linkTypeArg(v.linktype),
    listLinkTypes: !!v["list-data-link-types"],
    help: !!v.help,
    version: !!v.version,
  };
  if (opts.write !== undefined && opts.read !== undefined && opts.write === opts.read) {
    throw new UsageError("-r and -w name the same file");
  }
  if (opts.read !== undefined && opts.fileList !== undefined) {
    throw new UsageError("-V and -r are mutually exclusive");
  }
  if ((opts.fileSizeMB || opts.seconds || opts.maxFiles) && !opts.write) {
    throw new UsageError("-C, -G and -W need -w FILE");
  }
  if (opts.write === "-" && (opts.fileSizeMB || opts.seconds)) {
    throw new UsageError("rotation (-C, -G) needs a file, not stdout");
  }
  if (opts.postRotate === "") throw new UsageError("-z needs a command");
  return opts;
}

/**
 * Link-type names libpcap knows (pcap_datalink_name_to_val), for telling "rawcap cannot
 * capture that" from "no such link type". rawcap captures Ethernet framing only.
 */
const KNOWN_LINK_TYPES = new Set([
  "NULL",
  "EN10MB",
  "EN3MB",
  "AX25",
  "PRONET",
  "CHAOS",
  "IEEE802",
  "ARCNET",
  "SLIP",
  "PPP",
  "FDDI",
  "ATM_RFC1483",
  "RAW",
  "SLIP_BSDOS",
  "PPP_BSDOS",
  "ATM_CLIP",
  "PPP_SERIAL",
  "PPP_ETHER",
  "C_HDLC",
  "IEEE802_11",
  "FRELAY",
  "LOOP",
  "ENC",
  "LINUX_SLL",
  "LINUX_SLL2",
  "LTALK",
  "PFLOG",
  "PRISM_HEADER",
  "IP_OVER_FC",
  "SUNATM",
  "IEEE802_11_RADIO",
  "ARCNET_LINUX",
  "LINUX_IRDA",
  "IEEE802_11_RADIO_AVS",
  "BLUETOOTH_HCI_H4",
  "USB_LINUX",
  "PPI",
  "IEEE802_15_4",
  "IPV4",
  "IPV6",
  "NETLINK",
  "NFLOG",
  "DOCSIS",
  "USB_LINUX_MMAPPED",
  "DBUS",
  "VSOCK",
]);

/** The -y argument as a LINKTYPE_* number, or a one-line refusal. */
function linkTypeArg(name: string): number {
  const known = linkTypeByName(name);
  if (known) return known.value;
  const up = name.toUpperCase();
  if (KNOWN_LINK_TYPES.has(up)) {
    throw new RawcapError(
      `${up} is not one of the DLTs rawcap supports (${LINK_TYPES.map((t) => t.name).join(", ")})`,
    );
  }
  throw new UsageError(`invalid data link type ${name}`);
}
