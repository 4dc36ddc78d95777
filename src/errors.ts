/**
 * The base of every error rawcap expects (bad input, a missing privilege, an interface that is
 * not there, a full disk): each carries the exit status the CLI reports it with. Anything that
 * is not a {@link RawcapError} is a bug and keeps its stack trace.
 */

/** An expected failure, reported in one line; `exitCode` is what the CLI exits with. */
export class RawcapError extends Error {
  /** Exit status of the CLI for this error: 2 for a bad command line or filter, 1 otherwise. */
  readonly exitCode: number;

  /** `message` is one line (the CLI prints its first line only); `exitCode` defaults to 1. */
  constructor(message: string, exitCode = 1, options?: ErrorOptions) {
    super(message, options);
    this.name = "RawcapError";
    this.exitCode = exitCode;
  }
}

/**
 * The process lacks a privilege it needs: a kernel capability (CAP_NET_RAW for packet
 * sockets) or a Deno permission (`--allow-ffi`, `--allow-read`...). The message names what to
 * grant.
 */
export class PermissionDenied extends RawcapError {
  /** `what` names the refused operation and starts the message; `need` says what to grant. */
  constructor(what: string, need: string, options?: ErrorOptions) {
    super(`${what}: permission denied (${need})`, 1, options);
    this.name = "PermissionDenied";
  }
}

/**
 * Turns Deno's refusal of a permission (`NotCapable`, or `PermissionDenied` from an interactive
 * prompt) into a {@link PermissionDenied} naming the flag to add; returns anything else as is.
 */
export function denoPermission(e: unknown, what: string): unknown {
  if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
    const flag = /--allow-[a-z-]+/.exec((e as Error).message)?.[0];
    return new PermissionDenied(
      what,
      flag ? `Deno needs ${flag}: run it with ${flag}` : (e as Error).message,
      { cause: e },
    );
  }
  return e;
}
