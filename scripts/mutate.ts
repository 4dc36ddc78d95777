/**
 * Mutation check: does a test file notice when one token of a source file is wrong?
 *
 *   deno run -A scripts/mutate.ts --file src/filter/optimize.ts --test tests/filter_optimize_test.ts
 *       [--test tests/other_test.ts]... [--lines 200-260] [--replace 'lo = k1 + 1=>lo = k1']... [--list] [--max N] [--timeout S]
 *
 * The tracked files of the repository are copied to a temporary directory once; each mutation is
 * applied to that copy alone (never to the working tree), the test files run there
 * (`deno test --allow-all --no-check`, so a mutation that breaks types is judged by what it
 * does), and the mutation is "killed" when the test fails or times out, "survived" when it
 * passes. Without `--replace`, single-token mutations are generated for every line of `--lines`
 * (default: the whole file) outside comments: comparison operators (`<` `<=` `>` `>=` `===`
 * `!==`), `&&`/`||`, `+ 1`/`- 1`, integer literals ± 1, `true`/`false`, swapped simple call
 * arguments, and dropped expression statements. `--replace OLD=>NEW` (repeatable) applies OLD's
 * first occurrence within `--lines` instead. The baseline (no mutation) must pass first.
 *
 * A developer's tool: slow (one test run per mutation), never part of `deno task test` or CI.
 */

import { parseArgs } from "node:util";

interface Mutation {
  line: number;
  before: string;
  after: string;
  what: string;
}

const { values: opt } = parseArgs({
  args: Deno.args,
  options: {
    file: { type: "string" },
    test: { type: "string", multiple: true },
    lines: { type: "string" },
    replace: { type: "string", multiple: true },
    list: { type: "boolean" },
    max: { type: "string" },
    timeout: { type: "string" },
  },
});
if (!opt.file || !opt.test?.length) {
  console.error("usage: mutate.ts --file SRC --test TEST [--lines A-B] [--replace 'OLD=>NEW']...");
  Deno.exit(2);
}
const root = new URL("..", import.meta.url).pathname;
const source = Deno.readTextFileSync(`${root}/${opt.file}`);
const srcLines = source.split("\n");
const [from, to] = opt.lines ? opt.lines.split("-").map(Number) : [1, srcLines.length];

/** Token rules: a pattern and what each match becomes. */
const RULES: [RegExp, (m: string) => string[], string][] = [
  [/(?<![<>=!])<=(?!=)/g, () => ["<", ">"], "<="],
  [/(?<![<>=!])>=(?!=)/g, () => [">", "<"], ">="],
  [/(?<![<>=\-])<(?![<=])/g, () => ["<="], "<"],
  [/(?<![<>=\-])>(?![>=])/g, () => [">="], ">"],
  [/===/g, () => ["!=="], "==="],
  [/!==/g, () => ["==="], "!=="],
  [/&&/g, () => ["||"], "&&"],
  [/\|\|/g, () => ["&&"], "||"],
  [/ \+ 1\b/g, () => [" - 1", ""], "+ 1"],
  [/ - 1\b/g, () => [" + 1", ""], "- 1"],
  [/\btrue\b/g, () => ["false"], "true"],
  [/\bfalse\b/g, () => ["true"], "false"],
  [
    /(?<![\w.$#])\d+(?![\w.])/g,
    (m) => [String(Number(m) + 1), String(Math.max(0, Number(m) - 1))],
    "literal",
  ],
  [/\(([\w.#]+), ([\w.#]+)\)/g, (m) => {
    const [, a, b] = m.match(/\(([\w.#]+), ([\w.#]+)\)/)!;
    return [`(${b}, ${a})`];
  }, "swap args"],
];

function isComment(line: string): boolean {
  const t = line.trim();
  return t.startsWith("//") || t.startsWith("*") || t.startsWith("/*") || t.startsWith("import");
}

function generate(): Mutation[] {
  const out: Mutation[] = [];
  for (let n = from; n <= Math.min(to, srcLines.length); n++) {
    const line = srcLines[n - 1];
    if (isComment(line)) continue;
    const code = line.replace(/\/\/.*$/, "");
    // Strings are left alone: mask them so rules do not match inside.
    const masked = code.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, (s) => " ".repeat(s.length));
    for (const [re, to, what] of RULES) {
      for (const m of masked.matchAll(re)) {
        const at = m.index!;
        const orig = line.slice(at, at + m[0].length);
        for (const repl of to(orig)) {
          if (repl === orig) continue;
          out.push({
            line: n,
            before: line,
            after: line.slice(0, at) + repl + line.slice(at + m[0].length),
            what: `${what}: ${orig.trim()} -> ${repl.trim() || "(nothing)"}`,
          });
        }
      }
    }
    // A dropped statement: an assignment, call or increment standing alone.
    if (
      /^\s*[\w.#\[\]]+\s*(=|\+=|-=|\|=|&=|\+\+|--|\().*;\s*$/.test(code) &&
      !/^\s*(const|let|var|return|if|for|while|throw|case|export)\b/.test(code)
    ) {
      out.push({ line: n, before: line, after: "", what: "statement dropped" });
    }
  }
  return out;
}

function fromReplacements(list: string[]): Mutation[] {
  return list.map((r) => {
    const [old, neu] = r.split("=>");
    for (let n = from; n <= Math.min(to, srcLines.length); n++) {
      const line = srcLines[n - 1];
      const at = line.indexOf(old);
      if (at >= 0) {
        return {
          line: n,
          before: line,
          after: line.slice(0, at) + neu + line.slice(at + old.length),
          what: `${old} -> ${neu || "(nothing)"}`,
        };
      }
    }
    throw new Error(`not found in ${opt.file}:${from}-${to}: ${old}`);
  });
}

let mutations = opt.replace?.length ? fromReplacements(opt.replace) : generate();
if (opt.max) mutations = mutations.slice(0, Number(opt.max));
if (opt.list) {
  for (const m of mutations) console.log(`${opt.file}:${m.line}: ${m.what}`);
  Deno.exit(0);
}

async function copyTree(dest: string) {
  const ls = await new Deno.Command("git", { args: ["-C", root, "ls-files", "-z"] }).output();
  for (const f of new TextDecoder().decode(ls.stdout).split("\0").filter(Boolean)) {
    const dir = `${dest}/${f}`.replace(/\/[^/]+$/, "");
    Deno.mkdirSync(dir, { recursive: true });
    try {
      Deno.copyFileSync(`${root}/${f}`, `${dest}/${f}`);
    } catch { /* deleted in the working tree */ }
  }
  // Untracked but present test or source files the run may need (new, not yet committed).
  for (const f of [opt.file!, ...opt.test!]) Deno.copyFileSync(`${root}/${f}`, `${dest}/${f}`);
}

const timeoutMs = Number(opt.timeout ?? 120) * 1000;

async function runTest(dir: string): Promise<{ pass: boolean; why: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["test", "--allow-all", "--no-check", ...opt.test!],
    cwd: dir,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const out = await child.output();
  clearTimeout(timer);
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (out.signal === "SIGKILL") return { pass: false, why: `timed out after ${timeoutMs / 1000}s` };
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const why = lines.find((l) => /^error: (?!Test failed)/.test(l)) ??
    lines.find((l) => /AssertionError|FAILED/.test(l)) ?? lines.at(-1) ?? "";
  return { pass: out.success, why: why.trim().slice(0, 300) };
}

const tmp = await Deno.makeTempDir({ prefix: "rawcap-mutate-" });
try {
  await copyTree(tmp);
  const target = `${tmp}/${opt.file}`;
  const base = await runTest(tmp);
  if (!base.pass) {
    console.error(`baseline fails, nothing to learn: ${base.why}`);
    Deno.exit(1);
  }
  let killed = 0;
  const survivors: Mutation[] = [];
  for (const m of mutations) {
    const lines = [...srcLines];
    lines[m.line - 1] = m.after;
    Deno.writeTextFileSync(target, lines.join("\n"));
    const r = await runTest(tmp);
    if (r.pass) survivors.push(m);
    else killed++;
    console.log(`${r.pass ? "SURVIVED" : "killed  "} ${opt.file}:${m.line}: ${m.what}`);
    if (!r.pass) console.log(`          ${r.why}`);
  }
  Deno.writeTextFileSync(target, source);
  console.log(`\n${killed} killed, ${survivors.length} survived of ${mutations.length}`);
} finally {
  await Deno.remove(tmp, { recursive: true });
}
