/** Maps expected errors to one-line messages and exit codes; anything else is a bug. */
import { USAGE } from "./args.ts";
import { denoPermission, RawcapError } from "../errors.ts";

/** An expected error as rawcap reports it, or undefined for a bug (let it throw). */
function expected(e: unknown): RawcapError | undefined {
  if (e instanceof RawcapError) return e;
  // Deno's own refusals: a permission the runtime was not given, a file that is not there.
  const p = denoPermission(e, "rawcap");
  if (p instanceof RawcapError) return p;
  if (e instanceof Deno.errors.NotFound) return new RawcapError(e.message, 1, { cause: e });
  return undefined;
}

/** The line to print for an expected error, or undefined for a bug (let it throw). */
export function messageFor(e: unknown): string | undefined {
  const err = expected(e);
  if (!err) return undefined;
  // One line: a filter error's caret drawing is left out.
  const msg = err.message.split("\n")[0];
  return err.name === "UsageError" ? `rawcap: ${msg}\n${USAGE}` : `rawcap: ${msg}`;
}

/** Exit status: the error's own (2 for usage and filter errors, 1 for the rest). */
export function exitCodeFor(e: unknown): number {
  return expected(e)?.exitCode ?? 1;
}
