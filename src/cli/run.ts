/** The CLI: dispatches flags to a listing, a filter dump, a file read or a live capture. */
import { HELP, parseCli, UsageError, VERSION } from "./args.ts";
import { LineWriter } from "./output.ts";
import { checkLinkType, interfaceLines, linkTypeLines, resolveInterfaces } from "./list.ts";
import { runLive } from "./live.ts";
import { fileLinkType, runRead } from "./read.ts";
import { selector } from "./select.ts";
import { BPF_MAXINSNS, dumpProgram, FilterTooLongError } from "../filter/mod.ts";
import { LinkTypeFilters } from "../filter/per_link_type.ts";
import { interfaceLinkType } from "../capture/interfaces.ts";
import { LINKTYPE_ETHERNET } from "../packet/linktype.ts";
import { denoPermission, RawcapError } from "../errors.ts";

/** Runs rawcap with `argv`; resolves to the exit code. Expected errors are thrown typed. */
export async function runCli(argv: string[]): Promise<number> {
  const opts = parseCli(argv);
  const out = new LineWriter(Deno.stdout);
  const print = (text: string) => {
    out.text(text);
    out.flush();
    return 0;
  };
  if (opts.help) return print(HELP);
  if (opts.version) return print(`rawcap ${VERSION}\n`);
  if (opts.listInterfaces) return print(interfaceLines().map((l) => l + "\n").join(""));
  const reading = opts.read !== undefined || opts.fileList !== undefined;
  if (opts.listLinkTypes && !reading) {
    if (opts.interfaces.length !== 1) throw new UsageError("-L needs one -i IFACE");
    // On stderr, as tcpdump writes it.
    const err = new LineWriter(Deno.stderr, 4096, "stderr");
    for (const l of linkTypeLines(resolveInterfaces(opts.interfaces)[0])) err.line(l);
    err.flush();
    return 0;
  }
  if (opts.filterFile !== undefined) {
    if (opts.expression !== "") {
      console.error("rawcap: warning: -F given: the expression on the command line is ignored");
    }
    opts.expression = await readFilterFile(opts.filterFile);
  }
  // The expression and --vlan become one BPF program per link type: run by the kernel on
  // live sockets, as JavaScript compiled from the program (filter/jit.ts) on frames read
  // from a file. A malformed expression fails here, before anything is opened.
  const wanted = opts.expression !== "" || opts.vlans.length > 0;
  const filters = wanted
    ? new LinkTypeFilters(opts.expression, { snaplen: opts.snaplen, vlanIds: opts.vlans })
    : undefined;
  const files = reading
    ? (opts.fileList !== undefined ? await readFileList(opts.fileList) : [opts.read!])
    : [];
  if (opts.dump) {
    // For the link type -y names, else the file's (as tcpdump -r f -d), else the interface's.
    const linkType = opts.linkType ??
      (reading
        ? await fileLinkType(files[0])
        : opts.interfaces.length === 1 && opts.interfaces[0] !== "any"
        ? interfaceLinkType(resolveInterfaces(opts.interfaces)[0])
        : LINKTYPE_ETHERNET);
    const filter = (filters ?? new LinkTypeFilters("")).for(linkType);
    // Past the kernel's limit a live capture filters in user space (see live.ts); a dump
    // says so and stops.
    if (filter.tooLongForKernel) throw new FilterTooLongError(filter.insns.length, BPF_MAXINSNS);
    return print(dumpProgram(filter.insns, Math.min(opts.dump, 3) as 1 | 2 | 3));
  }
  const select = selector(opts);
  if (reading) {
    // Past the kernel's limit a file read says so and stops, as a dump does.
    const long = filters?.ethernet;
    if (long?.tooLongForKernel) throw new FilterTooLongError(long.insns.length, BPF_MAXINSNS);
    return await runRead(
      opts,
      filters ? (rec) => filters.matchesRecord(rec) && (!select || select(rec)) : select,
      files,
      filters,
    );
  }
  if (opts.interfaces.length === 0 && !opts.all) {
    throw new UsageError("no interface given (use -i NAME, -i any, or -r FILE)");
  }
  opts.interfaces = resolveInterfaces(opts.interfaces);
  if (opts.linkType !== undefined && !opts.all) checkLinkType(opts.interfaces, opts.linkType);
  return await runLive(opts, filters, select);
}

/** The reason in a Deno I/O error's message, without "(os error N)" and the path. */
function reason(e: unknown): string {
  return (e as Error).message.replace(/ \(os error \d+\).*$/s, "");
}

/** Reads a text file the command line names (`-F`, `-V`); with `stdin`, "-" is stdin. */
async function readText(flag: string, path: string, stdin: boolean): Promise<string> {
  try {
    if (stdin && path === "-") return await new Response(Deno.stdin.readable).text();
    return Deno.readTextFileSync(path);
  } catch (e) {
    const denied = denoPermission(e, path);
    if (denied !== e) throw denied;
    throw new RawcapError(`${flag} ${path}: cannot read: ${reason(e)}`, 1, { cause: e });
  }
}

/**
 * `-F FILE`: the filter expression in FILE. As tcpdump 4.99, `#` starts a comment that runs
 * to the end of the line; lines are joined with spaces.
 */
async function readFilterFile(path: string): Promise<string> {
  const text = await readText("-F", path, false);
  return text.replace(/#[^\n]*/g, " ").replace(/\s+/g, " ").trim();
}

/** `-V FILE`: one capture file name per line ("-": the list comes from stdin); blank lines skipped. */
async function readFileList(path: string): Promise<string[]> {
  const names = (await readText("-V", path, true)).split("\n").map((l) => l.replace(/\r$/, ""))
    .filter((l) => l.trim() !== "");
  if (names.length === 0) throw new RawcapError(`-V ${path}: no file names in it`);
  return names;
}
