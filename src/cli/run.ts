/** The CLI: dispatches flags to a listing, a filter dump, a file read or a live capture. */
import { HELP, parseCli, UsageError, VERSION } from "./args.ts";
import { LineWriter } from "./output.ts";
import { interfaceLines } from "./list.ts";
import { runLive } from "./live.ts";
import { runRead } from "./read.ts";
import { selector } from "./select.ts";

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
  if (opts.expression) {
    throw new UsageError(`filter expressions are not supported yet: '${opts.expression}'`);
  }
  if (opts.read !== undefined) return await runRead(opts, selector(opts, false));
  if (opts.interfaces.length === 0 && !opts.all) {
    throw new UsageError("no interface given (use -i NAME, -i any, or -r FILE)");
  }
  return await runLive(opts, undefined, selector(opts, false));
}
