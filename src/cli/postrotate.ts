/**
 * `-z CMD`: after a rotation (-C, -G) closes a file, run `CMD FILE` as tcpdump does: no shell
 * (CMD is looked up on PATH and gets the file name as its only argument), in parallel with the
 * capture at the lowest priority, as the user rawcap runs as then (the -Z user once
 * privileges are dropped). rawcap neither waits for it nor looks at its exit status.
 */
import { denoPermission, PermissionDenied } from "../errors.ts";
import { PRIO_PROCESS } from "../sys/constants.ts";
import { libc } from "../sys/libc.ts";

/** The lowest scheduling priority (nice 19), as tcpdump gives its -z child. */
const LOWEST_PRIORITY = 19;

/** Starts `cmd file`; a command that cannot be started is told on stderr, once per file. */
export function postRotate(cmd: string, file: string): void {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(cmd, {
      args: [file],
      stdin: "null",
      stdout: "inherit",
      stderr: "inherit",
    }).spawn();
  } catch (e) {
    const denied = denoPermission(e, `-z ${cmd}`);
    if (denied instanceof PermissionDenied) throw denied;
    const why = (e as Error).message.replace(/ \(os error \d+\).*$/s, "");
    console.error(`rawcap: -z: cannot run ${cmd} ${file}: ${why}`);
    return;
  }
  libc().setpriority(PRIO_PROCESS, child.pid, LOWEST_PRIORITY);
  // Reaped by Deno when it ends; rawcap may exit first.
  child.unref();
}
