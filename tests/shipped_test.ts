/**
 * rawcap is tested the way it ships: one set of permissions and V8 flags (scripts/shipped.ts)
 * that the `rawcap` task, the compile script and every test that runs the CLI use; nothing in
 * src/ reads /sys, /proc or /dev (Deno refuses those without --allow-all).
 */
import { assert, assertEquals } from "./assert.ts";
import {
  LIBRARY_PERMISSIONS,
  RAWCAP_PERMISSIONS,
  RAWCAP_TASK,
  RAWCAP_V8_FLAGS,
  rawcapRunArgv,
} from "../scripts/shipped.ts";
import { compileArgs, hostTarget } from "../scripts/compile.ts";

const root = new URL("..", import.meta.url).pathname;
const tasks = JSON.parse(Deno.readTextFileSync(`${root}deno.json`)).tasks as Record<
  string,
  string
>;

/** Every .ts file below `dir` (relative to the repository), recursively. */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(`${root}${dir}`)) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory) out.push(...tsFiles(path));
    else if (e.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

Deno.test("the rawcap task and the compile script carry the same permissions and V8 flags", () => {
  assertEquals(tasks.rawcap, RAWCAP_TASK);
  const args = compileArgs(hostTarget(), "/tmp/rawcap");
  const flags = args.filter((a) => a.startsWith("--allow") || a.startsWith("--v8-flags"));
  assertEquals(flags, [...RAWCAP_PERMISSIONS, ...RAWCAP_V8_FLAGS]);
  assertEquals(rawcapRunArgv().slice(1, -1), ["run", ...RAWCAP_PERMISSIONS, ...RAWCAP_V8_FLAGS]);
  assert(!RAWCAP_PERMISSIONS.includes("--allow-all"));
});

Deno.test("the live example tasks ask for what the README tells library users to grant", () => {
  for (const name of ["top-talkers", "arp-alert"]) {
    const perms = tasks[name].split(/\s+/).filter((w) => w.startsWith("--allow"));
    for (const p of LIBRARY_PERMISSIONS) assert(perms.includes(p), `${name}: ${tasks[name]}`);
    assert(!perms.includes("--allow-all"), `${name}: ${tasks[name]}`);
  }
});

Deno.test("the README names the permissions of the task, the binary and the library", () => {
  const readme = Deno.readTextFileSync(`${root}README.md`).replaceAll("`", "");
  assert(readme.includes(RAWCAP_PERMISSIONS.join(" ")), "CLI permissions missing from README");
  assert(
    readme.includes(`${LIBRARY_PERMISSIONS.join(" ")} alone`),
    "library permissions missing from README",
  );
});

Deno.test("nothing in src/ reads a file under /sys, /proc or /dev", () => {
  const bad: string[] = [];
  for (const file of tsFiles("src")) {
    const lines = Deno.readTextFileSync(`${root}${file}`).split("\n");
    lines.forEach((line, i) => {
      if (/^\s*(\*|\/\/)/.test(line)) return; // comments may name them
      // A path in code: quoted, or in a template, starting with one of those trees.
      if (/["'`]\/(sys|proc|dev)(\/|["'`])/.test(line)) {
        bad.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  assertEquals(bad, []);
});

Deno.test("tests and scripts run the CLI and the library with the shipped permissions", () => {
  // --allow-all is for harnesses that build labs (the test runner, the demo), never for
  // rawcap itself: every `deno run` of main.ts, mod.ts or an example goes through shipped.ts.
  const bad: string[] = [];
  for (const file of [...tsFiles("tests"), ...tsFiles("scripts")]) {
    const text = Deno.readTextFileSync(`${root}${file}`);
    text.split("\n").forEach((line, i) => {
      if (/^\s*(\*|\/\/)|assert/.test(line)) return;
      // `-A` is also tcpdump's ASCII flag: it counts only beside `run`.
      const all = /["']--allow-all["']/.test(line) || /["']run["'].*["']-A["']/.test(line);
      if (all && !/["']test["']/.test(line)) {
        bad.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  assertEquals(bad, []);
});

Deno.test("the README's usage block is the CLI's --help, word for word", async () => {
  const { HELP } = await import("../src/cli/args.ts");
  const readme = Deno.readTextFileSync(`${root}README.md`);
  assert(readme.includes("```\n" + HELP.trimEnd() + "\n```"), "README usage differs from HELP");
});
