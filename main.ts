/**
 * rawcap command-line entry: runs the CLI and maps errors to one line and an exit code.
 * @module
 */
import { runCli } from "./src/cli/run.ts";
import { exitCodeFor, messageFor } from "./src/cli/errors.ts";

if (import.meta.main) {
  let code: number;
  try {
    code = await runCli(Deno.args);
  } catch (e) {
    const msg = messageFor(e);
    if (msg === undefined) throw e;
    console.error(msg);
    code = exitCodeFor(e);
  }
  Deno.exit(code);
}
