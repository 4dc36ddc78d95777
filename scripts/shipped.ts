/**
 * How rawcap ships, written down once: the Deno permissions and V8 flags of the CLI (the
 * `rawcap` task and the compiled binary), and what a library script needs. The compile script,
 * the tests, the demo and the benchmark all run rawcap through these; a test checks that the
 * `rawcap` task in deno.json spells the same thing.
 *
 * Why these permissions: `--allow-ffi` opens libc for the packet sockets, the ring, rtnetlink
 * and writes (it lets the program do anything the process may do, so Deno's sandbox is moot
 * for rawcap: the real limit is the process's own privileges); `--allow-read` and
 * `--allow-write` are for capture files (`-r`, `-w`, `-F`...); `--allow-run` is for `-z CMD`,
 * the command run on each rotated file. It grants nothing `--allow-ffi` does not already
 * (a libc caller could fork and exec), but rawcap says what it does rather than run commands
 * behind Deno's back through FFI.
 */

/** Permissions of the CLI: the `rawcap` task and the binary. */
export const RAWCAP_PERMISSIONS: readonly string[] = [
  "--allow-ffi",
  "--allow-read",
  "--allow-write",
  "--allow-run",
];

/**
 * V8 settings of the CLI: a small young generation keeps the resident set of text and NDJSON
 * output near the runtime's own (~60 MB instead of ~95 MB) at no measured CPU cost.
 */
export const RAWCAP_V8_FLAGS: readonly string[] = ["--v8-flags=--max-semi-space-size=2"];

/** What a library script needs for live capture and `listInterfaces()` (README, Library). */
export const LIBRARY_PERMISSIONS: readonly string[] = ["--allow-ffi"];

/** The `rawcap` task exactly as deno.json must spell it. */
export const RAWCAP_TASK = `deno run ${
  [...RAWCAP_PERMISSIONS, ...RAWCAP_V8_FLAGS].join(" ")
} main.ts`;

/** main.ts of this checkout. */
export const MAIN_TS = new URL("../main.ts", import.meta.url).pathname;

/** argv that runs the CLI from source exactly as the `rawcap` task does. */
export function rawcapRunArgv(): string[] {
  return [Deno.execPath(), "run", ...RAWCAP_PERMISSIONS, ...RAWCAP_V8_FLAGS, MAIN_TS];
}

/**
 * A task of deno.json as argv: its words, with `deno` replaced by this Deno (so a test runs it
 * with the same binary whatever PATH says). Task strings here are plain words, no shell syntax.
 */
export function taskArgv(name: string): string[] {
  const tasks = JSON.parse(
    Deno.readTextFileSync(new URL("../deno.json", import.meta.url)),
  ).tasks as Record<string, string>;
  const task = tasks[name];
  if (task === undefined) throw new Error(`deno.json has no task '${name}'`);
  const words = task.split(/\s+/).filter(Boolean);
  if (words[0] !== "deno") throw new Error(`task '${name}' does not start with deno: ${task}`);
  const root = new URL("..", import.meta.url).pathname;
  return [
    Deno.execPath(),
    ...words.slice(1).map((w) => /^[\w/.-]+\.ts$/.test(w) ? `${root}${w}` : w),
  ];
}
