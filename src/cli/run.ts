/** The CLI: dispatches flags to a listing, a filter dump, a file read or a live capture. */
import { HELP, parseCli, UsageError, VERSION } from "./args.ts";
import { LineWriter } from "./output.ts";
import { interfaceLines } from "./list.ts";
import { runLive } from "./live.ts";
import { runRead } from "./read.ts";
import { selector } from "./select.ts";
import { BPF_MAXINSNS, compileFilter, dumpProgram, FilterTooLongError } from "../filter/mod.ts";

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
  // The expression and --vlan become one BPF program: run by the kernel on live sockets,
  // by the interpreter on frames read from a file.
  const wanted = opts.expression !== "" || opts.vlans.length > 0;
  const filter = wanted
    ? compileFilter(opts.expression, { snaplen: opts.snaplen, vlanIds: opts.vlans })
    : undefined;
  // Past the kernel's limit a live capture filters in user space (see live.ts); a dump or a
  // file read says so and stops.
  if (filter?.tooLongForKernel && (opts.dump || opts.read !== undefined)) {
    throw new FilterTooLongError(filter.insns.length, BPF_MAXINSNS);
  }
  if (opts.dump) {
    return print(
      dumpProgram(filter?.insns ?? compileFilter("").insns, Math.min(opts.dump, 3) as 1 | 2 | 3),
    );
  }
  const select = selector(opts);
  if (opts.read !== undefined) {
    return await runRead(
      opts,
      filter ? (rec) => filter.matchesRecord(rec) && (!select || select(rec)) : select,
    );
  }
  if (opts.interfaces.length === 0 && !opts.all) {
    throw new UsageError("no interface given (use -i NAME, -i any, or -r FILE)");
  }
  return await runLive(opts, filter, select);
}
