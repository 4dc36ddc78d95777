/** Whether a command-line tool the tests use as an oracle or helper is installed. */

const cache = new Map<string, boolean>();

/** True when `name` is an executable on PATH (or in /usr/sbin, /sbin, where root tools live). */
export function hasTool(name: string): boolean {
  let found = cache.get(name);
  if (found !== undefined) return found;
  found = false;
  const dirs = [...(Deno.env.get("PATH") ?? "/usr/bin:/bin").split(":"), "/usr/sbin", "/sbin"];
  for (const dir of dirs) {
    try {
      const st = Deno.statSync(`${dir}/${name}`);
      if (st.isFile && ((st.mode ?? 0o111) & 0o111) !== 0) {
        found = true;
        break;
      }
    } catch {
      // not in this directory
    }
  }
  cache.set(name, found);
  return found;
}

/** What {@link runTool} gives back. */
export interface ToolRun {
  /** The exit code, or -1 when the tool could not be started. */
  code: number;
  stdout: Uint8Array;
  stderr: string;
}

/** Runs an oracle or helper tool to the end; a tool that cannot start gives code -1. */
export async function runTool(cmd: string, args: string[]): Promise<ToolRun> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    return { code: out.code, stdout: out.stdout, stderr: new TextDecoder().decode(out.stderr) };
  } catch {
    return { code: -1, stdout: new Uint8Array(), stderr: `${cmd} not runnable` };
  }
}

/**
 * The python3 that can import scapy (Debian's python3-scapy is for /usr/bin/python3; another
 * python3 earlier on PATH may not see it), or undefined.
 */
export async function scapyPython(): Promise<string | undefined> {
  for (const python of ["/usr/bin/python3", "python3"]) {
    if ((await runTool(python, ["-c", "import scapy.all"])).code === 0) return python;
  }
  return undefined;
}

/** `fn` over `items`, `width` at a time; the results in the items' order. */
export async function pool<T, R>(
  items: readonly T[],
  width: number,
  fn: (t: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
