/**
 * The bad-input sweep: every class of bad input a user can hand the CLI (command line, files,
 * filters, output that cannot be written), run as rawcap ships (scripts/shipped.ts). Each must
 * give one line on stderr (a usage error: that line, then the usage), the documented exit
 * status (2 for a bad command line or filter, 1 for the rest) and never a stack trace.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import { labUnavailable, rawcapCommand } from "./lab.ts";
import { FRAME, option, pcapFile, pcapngFile, runCommand } from "./helpers/capture_files.ts";
import { USAGE } from "../src/cli/args.ts";

/** One bad input. */
interface Case {
  name: string;
  args: (dir: string) => string[];
  /** Exit status: 2 for a usage or filter error, 1 for the rest. */
  code: number;
  /** The line on stderr (after "rawcap: "). */
  line: RegExp;
  /** A usage error: the usage follows the line. */
  usage?: boolean;
  /** Where stdout goes (a device), instead of a pipe. */
  stdoutTo?: string;
  /** Lines expected on stdout (frames before the problem); default none. */
  stdoutLines?: number;
}

const usage = (name: string, argv: string[], line: RegExp): Case => ({
  name,
  args: () => argv,
  code: 2,
  line,
  usage: true,
});

const deep = "(".repeat(4999) + "tcp" + ")".repeat(4999);
const nots = Array(1200).fill("not tcp").join(" and ");
const ports = Array.from({ length: 600 }, (_, i) => `port ${i + 1}`).join(" or ");

/** Files every case may name, written once into the test's directory. */
function writeFiles(dir: string) {
  const ok = [{ sec: 1_700_000_000 }, { sec: 1_700_000_001 }];
  const files: Record<string, Uint8Array> = {
    "ok.pcap": pcapFile(ok),
    "v25.pcap": pcapFile(ok, [2, 5]),
    "v30.pcap": pcapFile(ok, [3, 0]),
    "v10.pcap": pcapFile(ok, [1, 0]),
    "trunc.pcap": pcapFile(ok).subarray(0, 24 + 76 + 30),
    "empty.pcap": new Uint8Array(0),
    "text.pcap": new TextEncoder().encode("GET / HTTP/1.1\r\n\r\n"),
    "tsresol-len2.pcapng": pcapngFile([option(9, [6, 0]), option(0, [])], [1n]),
    "tsresol-10-20.pcapng": pcapngFile([option(9, [20]), option(0, [])], [1n]),
    "tsresol-2-64.pcapng": pcapngFile([option(9, [0x80 | 64]), option(0, [])], [1n]),
    "tsresol-twice.pcapng": pcapngFile([option(9, [6]), option(9, [9]), option(0, [])], [1n]),
    "tsoffset-len4.pcapng": pcapngFile([option(14, [1, 2, 3, 4]), option(0, [])], [1n]),
    "overrun.pcapng": pcapngFile([option(2, [0x65, 0x74, 0x68, 0x30], 100)], [1n]),
  };
  for (const [name, data] of Object.entries(files)) Deno.writeFileSync(`${dir}/${name}`, data);
  Deno.writeTextFileSync(`${dir}/list.txt`, `${dir}/ok.pcap\n${dir}/missing.pcap\n`);
  Deno.mkdirSync(`${dir}/adir`);
}

const CASES: Case[] = [
  // The command line.
  usage("an unknown long option", ["--bogus"], /^unrecognized option '--bogus'$/),
  usage("an unknown short option", ["-k"], /^invalid option -- 'k'$/),
  usage("a missing argument", ["-r"], /^option requires an argument -- 'r'$/),
  usage("a missing long argument", ["--vlan"], /^option '--vlan' requires an argument$/),
  usage("a flag given a value", ["--json=1"], /^option '--json' doesn't allow an argument$/),
  usage("-c -1", ["-c", "-1"], /^invalid count -1 \(must be a positive integer\)$/),
  usage("-c abc", ["-c", "abc"], /^invalid count abc/),
  usage("-s -1", ["-s", "-1"], /^invalid snaplen -1 \(must be an integer from 0 to 262144\)$/),
  usage("--vlan -1", ["--vlan", "-1"], /^invalid VLAN id -1 \(must be an integer from 0 to 4095\)/),
  usage("--vlan 4096", ["--vlan", "4096"], /^invalid VLAN id 4096/),
  usage("-C without -w", ["-C", "1", "-r", "x"], /-C, -G and -W need -w FILE/),
  usage("-V with -r", ["-V", "a", "-r", "b"], /^-V and -r are mutually exclusive$/),
  usage("-y of no link type", ["-y", "FOO", "-r", "x"], /^invalid data link type FOO$/),
  usage("no interface", [], /^no interface given/),
  usage("-L without -i", ["-L"], /^-L needs one -i IFACE$/),
  usage("--format bad", ["--format", "csv", "-r", "x"], /^invalid format 'csv'/),
  {
    name: "-y of a link type rawcap does not capture",
    args: () => ["-y", "IEEE802_11", "-r", "x"],
    code: 1,
    line: /^IEEE802_11 is not one of the DLTs rawcap supports \(NULL, EN10MB, RAW,/,
  },
  // Files that are not there, not files, or not capture files.
  { name: "-r missing", args: (d) => ["-r", `${d}/missing.pcap`], code: 1, line: /cannot open/ },
  ...[[], ["--json"], ["-w", "/dev/null"]].map((extra): Case => ({
    name: `-r on a directory ${extra.join(" ") || "(text)"}`,
    args: (d) => ["-r", `${d}/adir`, ...extra],
    code: 1,
    line: /adir: cannot read: is a directory$/,
  })),
  { name: "-r empty file", args: (d) => ["-r", `${d}/empty.pcap`], code: 1, line: /empty file/ },
  {
    name: "-r not a capture file",
    args: (d) => ["-r", `${d}/text.pcap`],
    code: 1,
    line: /not a capture file/,
  },
  {
    name: "-F missing",
    args: (d) => ["-F", `${d}/missing.txt`, "-r", `${d}/ok.pcap`],
    code: 1,
    line: /^-F .*missing.txt: cannot read: No such file or directory$/,
  },
  {
    name: "-F on a directory",
    args: (d) => ["-F", `${d}/adir`, "-r", `${d}/ok.pcap`],
    code: 1,
    line: /^-F .*adir: cannot read: Is a directory$/,
  },
  {
    name: "-V missing",
    args: (d) => ["-V", `${d}/missing.txt`],
    code: 1,
    line: /^-V .*missing.txt: cannot read/,
  },
  {
    name: "-V naming a missing file (the files before it are read)",
    args: (d) => ["-V", `${d}/list.txt`],
    code: 1,
    line: /missing.pcap: cannot open/,
    stdoutLines: 2,
  },
  // Files tcpdump rejects.
  {
    name: "pcap version 2.5",
    args: (d) => ["-r", `${d}/v25.pcap`],
    code: 1,
    line: /unsupported pcap version 2\.5/,
  },
  {
    name: "pcap version 3.0",
    args: (d) => ["-r", `${d}/v30.pcap`],
    code: 1,
    line: /unsupported pcap version 3\.0/,
  },
  {
    name: "pcap version 1.0",
    args: (d) => ["-r", `${d}/v10.pcap`, "--json"],
    code: 1,
    line: /archaic pcap format/,
  },
  {
    name: "pcapng if_tsresol of length 2",
    args: (d) => ["-r", `${d}/tsresol-len2.pcapng`],
    code: 1,
    line: /if_tsresol option with length 2 != 1/,
  },
  {
    name: "pcapng if_tsresol 10^-20",
    args: (d) => ["-r", `${d}/tsresol-10-20.pcapng`, "--json"],
    code: 1,
    line: /if_tsresol resolution 10\^-20 is finer than 64 bits can count/,
  },
  {
    name: "pcapng if_tsresol 2^-64",
    args: (d) => ["-r", `${d}/tsresol-2-64.pcapng`],
    code: 1,
    line: /if_tsresol resolution 2\^-64/,
  },
  {
    name: "pcapng if_tsresol twice",
    args: (d) => ["-r", `${d}/tsresol-twice.pcapng`],
    code: 1,
    line: /more than one if_tsresol option/,
  },
  {
    name: "pcapng if_tsoffset of length 4",
    args: (d) => ["-r", `${d}/tsoffset-len4.pcapng`],
    code: 1,
    line: /if_tsoffset option with length 4 != 8/,
  },
  {
    name: "pcapng IDB option overrunning its block",
    args: (d) => ["-r", `${d}/overrun.pcapng`, "-w", `${d}/out.pcap`],
    code: 1,
    line: /option 2 of length 100 overruns the block/,
  },
  {
    name: "a truncated file: its whole records, a warning, exit 1",
    args: (d) => ["-r", `${d}/trunc.pcap`],
    code: 1,
    line: /^warning: .*trunc\.pcap: truncated capture file/,
    stdoutLines: 1,
  },
  // Output that cannot be written.
  ...[[], ["--json"], ["-w", "-"]].map((extra): Case => ({
    name: `stdout on a full device ${extra.join(" ") || "(text)"}`,
    args: (d) => ["-r", `${d}/ok.pcap`, ...extra],
    code: 1,
    line: /(stdout|-): write failed: .*[Nn]o space left on device/,
    stdoutTo: "/dev/full",
  })),
  {
    name: "-w into a missing directory",
    args: (d) => ["-r", `${d}/ok.pcap`, "-w", `${d}/missing/out.pcap`],
    code: 1,
    line: /cannot open for writing/,
  },
  // Filters.
  {
    name: "a filter syntax error",
    args: (d) => ["-r", `${d}/ok.pcap`, "tcp and and"],
    code: 2,
    line: /syntax|unexpected|expected/i,
  },
  {
    name: "a filter naming an unknown protocol",
    args: (d) => ["-r", `${d}/ok.pcap`, "proto nosuchproto"],
    code: 2,
    line: /.+/,
  },
];

const FILTER_LIMITS: [string, string][] = [
  ["4999 nested parentheses", deep],
  ["1200 'not tcp' terms", nots],
  ["more than 4096 instructions", ports],
];

/** Exactly what a case expects of a run, as a list of problems (empty when it passed). */
function problems(c: Case, r: { code: number; stdout: string; stderr: string }): string[] {
  const out: string[] = [];
  const all = r.stdout + r.stderr;
  if (/^ {4}at /m.test(all) || /Uncaught/.test(all)) out.push("a stack trace");
  if (r.code !== c.code) out.push(`exit ${r.code}, want ${c.code}`);
  const err = r.stderr.replace(/\n$/, "").split("\n");
  const usageLines = USAGE.split("\n");
  const want = 1 + (c.usage ? usageLines.length : 0);
  if (err.length !== want) out.push(`${err.length} stderr lines, want ${want}`);
  if (!err[0].startsWith("rawcap: ") || !c.line.test(err[0].slice(8))) {
    out.push(`stderr line ${JSON.stringify(err[0])} does not match ${c.line}`);
  }
  if (c.usage && err.slice(1).join("\n") !== USAGE) out.push("the usage does not follow");
  const lines = r.stdout.split("\n").filter((l) => l !== "").length;
  if (lines !== (c.stdoutLines ?? 0)) out.push(`${lines} stdout lines`);
  return out.map((p) => `${c.name}: ${p}\n${r.stderr}`);
}

Deno.test("bad input: one line, the documented exit status, no stack trace", async () => {
  const dir = await Deno.makeTempDir();
  try {
    writeFiles(dir);
    const bad: string[] = [];
    // Four at a time: each case is its own CLI process.
    const queue = [...CASES];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const r = await runCommand([...rawcapCommand(), ...c.args(dir)], {
          stdoutTo: c.stdoutTo,
        });
        bad.push(...problems(c, r));
      }
    }));
    assertEquals(bad, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "bad input: an unknown interface or -D index is one line, exit 1",
  ignore: !!labUnavailable(),
  async fn() {
    for (const [iface, line] of [["nosuch0", /nosuch0: no such interface/], ["99999", /index/]]) {
      const r = await runCommand([...rawcapCommand(), "-i", iface as string, "-c", "1"]);
      assertEquals(r.code, 1, r.stderr);
      assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
      assertMatch(r.stderr, line as RegExp);
    }
  },
});

for (const [name, expr] of FILTER_LIMITS) {
  Deno.test({
    name: `bad input: a filter of ${name} runs or is refused in one line`,
    async fn() {
      const dir = await Deno.makeTempDir();
      try {
        Deno.writeFileSync(`${dir}/ok.pcap`, pcapFile([{ sec: 1, data: FRAME }]));
        Deno.writeTextFileSync(`${dir}/f.txt`, expr);
        const r = await runCommand([
          ...rawcapCommand(),
          "-r",
          `${dir}/ok.pcap`,
          "-F",
          `${dir}/f.txt`,
        ]);
        assert(!/^ {4}at /m.test(r.stderr), r.stderr.slice(0, 2000));
        if (r.code !== 0) {
          assertEquals(r.code, 2, r.stderr.slice(0, 2000));
          assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr.slice(0, 2000));
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
