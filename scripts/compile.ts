/**
 * `deno task compile [--target T] [-o FILE]`: one self-contained `rawcap` binary with exactly
 * the permissions and V8 flags of the `rawcap` task (scripts/shipped.ts).
 *
 * `deno compile` needs its runtime (denort) for the target. It is taken from DENORT_BIN (an
 * unpacked denort) or Deno's cache ($DENO_DIR/dl/release/v<version>/denort-<target>.zip); when
 * neither exists this exits 1 with one line saying what to provide, instead of trying to
 * download it.
 */
import { parseArgs } from "node:util";
import { MAIN_TS, RAWCAP_PERMISSIONS, RAWCAP_V8_FLAGS } from "./shipped.ts";

/** Permissions and V8 flags baked into the binary: the `rawcap` task's (scripts/shipped.ts). */
export const PERMISSIONS = RAWCAP_PERMISSIONS;
export const V8_FLAGS = RAWCAP_V8_FLAGS;
export const TARGETS = ["x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu"];

/** The host's target triple. */
export function hostTarget(): string {
  return `${Deno.build.arch}-unknown-linux-gnu`;
}

/** Deno's cache directory. */
function denoDir(): string {
  return Deno.env.get("DENO_DIR") ??
    `${Deno.env.get("XDG_CACHE_HOME") ?? `${Deno.env.get("HOME") ?? "/root"}/.cache`}/deno`;
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * Where `deno compile` will find its runtime for `target`, or a one-line reason why it cannot.
 */
export function findRuntime(
  target: string,
): { ok: true; via: string } | { ok: false; why: string } {
  const bin = Deno.env.get("DENORT_BIN");
  if (bin) {
    return exists(bin)
      ? { ok: true, via: `DENORT_BIN=${bin}` }
      : { ok: false, why: `DENORT_BIN=${bin} does not exist` };
  }
  const zip = `${denoDir()}/dl/release/v${Deno.version.deno}/denort-${target}.zip`;
  if (exists(zip)) return { ok: true, via: zip };
  return {
    ok: false,
    why: `no Deno runtime (denort ${Deno.version.deno}) for ${target}: set DENORT_BIN to an ` +
      `unpacked denort, or put denort-${target}.zip in ${zip.slice(0, zip.lastIndexOf("/"))}/`,
  };
}

/** The `deno compile` arguments that build the binary for `target` into `output`. */
export function compileArgs(target: string, output: string): string[] {
  return ["compile", ...PERMISSIONS, ...V8_FLAGS, "--target", target, "-o", output, MAIN_TS];
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      target: { type: "string", default: hostTarget() },
      output: { type: "string", short: "o", default: "rawcap" },
    },
  });
  const target = values.target!;
  if (!TARGETS.includes(target)) {
    console.error(`compile: unsupported target '${target}' (use ${TARGETS.join(" or ")})`);
    Deno.exit(2);
  }
  const rt = findRuntime(target);
  if (!rt.ok) {
    console.error(`compile: ${rt.why}`);
    Deno.exit(1);
  }
  const args = compileArgs(target, values.output!);
  console.error(`compile: deno ${args.join(" ")} (runtime from ${rt.via})`);
  const r = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" })
    .output();
  Deno.exit(r.code);
}
