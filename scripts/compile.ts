/**
 * `deno task compile [--target T] [-o FILE]`: one self-contained `rawcap` binary with exactly
 * the permissions rawcap needs (FFI for the sockets, reading /sys/class/net and capture files,
 * writing capture files).
 *
 * `deno compile` needs its runtime (denort) for the target. It is taken from DENORT_BIN (an
 * unpacked denort) or Deno's cache ($DENO_DIR/dl/release/v<version>/denort-<target>.zip); when
 * neither exists this exits 1 with one line saying what to provide, instead of trying to
 * download it.
 */
import { parseArgs } from "node:util";

/** Permissions baked into the binary. */
export const PERMISSIONS = ["--allow-ffi", "--allow-read", "--allow-write"];
/**
 * V8 settings of the CLI (also in the `rawcap` task): a small young generation keeps the
 * resident set of text and NDJSON output near the runtime's own (~60 MB instead of ~95 MB)
 * at no measured CPU cost.
 */
export const V8_FLAGS = ["--v8-flags=--max-semi-space-size=2"];
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
  const main = new URL("../main.ts", import.meta.url).pathname;
  const args = [
    "compile",
    ...PERMISSIONS,
    ...V8_FLAGS,
    "--target",
    target,
    "-o",
    values.output!,
    main,
  ];
  console.error(`compile: deno ${args.join(" ")} (runtime from ${rt.via})`);
  const r = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" })
    .output();
  Deno.exit(r.code);
}
