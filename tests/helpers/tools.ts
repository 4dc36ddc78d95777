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
