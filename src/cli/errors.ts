/** Maps expected errors to one-line messages and exit codes; anything else is a bug. */
import { USAGE } from "./args.ts";

/** Errors rawcap expects (bad input, environment); each is reported in one line. */
const EXPECTED = new Set([
  "UsageError",
  "InterfaceNotFound",
  "PermissionDenied",
  "SysError",
  "CaptureFileError",
  "FilterSyntaxError",
  "FilterError",
  "NotFound",
  "UnknownUser",
  "InterfaceLost",
  "PermissionDenied",
]);

/** Errors that exit 2, as tcpdump does for a bad command line or filter. */
const USAGE_ERRORS = new Set(["UsageError", "FilterSyntaxError", "FilterError"]);

/** The line to print for an expected error, or undefined for a bug (let it throw). */
export function messageFor(e: unknown): string | undefined {
  if (!(e instanceof Error) || !EXPECTED.has(e.name)) return undefined;
  // One line: a filter error's caret drawing is left out.
  const msg = e.message.split("\n")[0];
  return e.name === "UsageError" ? `rawcap: ${msg}\n${USAGE}` : `rawcap: ${msg}`;
}

/** Exit status: 2 for usage and filter errors, 1 for the rest. */
export function exitCodeFor(e: unknown): number {
  return e instanceof Error && USAGE_ERRORS.has(e.name) ? 2 : 1;
}
