/**
 * The compiled binary: `deno task compile` output runs `--version` and passes the live lab
 * tests (capture, and interfaces that come and go, -D, -i any, -Z, capabilities) exactly as
 * `deno run` with the task's permissions does. Needs a Deno runtime (denort) for
 * `deno compile`; where none can be had this test is ignored and says why.
 */
import { assertEquals, assertMatch } from "./assert.ts";
import { findRuntime, hostTarget } from "../scripts/compile.ts";
import { labUnavailable } from "./lab.ts";

const runtime = findRuntime(hostTarget());
const why = runtime.ok ? labUnavailable() : runtime.why;
if (why) console.warn(`compile_test: ignored: ${why}`);

Deno.test({
  name: `compiled binary: --version, and the live lab tests with RAWCAP_BIN`,
  ignore: !!why,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const bin = `${dir}/rawcap`;
      const script = new URL("../scripts/compile.ts", import.meta.url).pathname;
      const c = await new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-run", "--allow-read", "--allow-env", script, "-o", bin],
      }).output();
      assertEquals(c.code, 0, new TextDecoder().decode(c.stderr));
      const v = await new Deno.Command(bin, { args: ["--version"] }).output();
      assertMatch(new TextDecoder().decode(v.stdout), /^rawcap \d+\.\d+\.\d+$/m);
      const tests = ["./cli_capture_test.ts", "./cli_interfaces_test.ts"].map((t) =>
        new URL(t, import.meta.url).pathname
      );
      // The test runner builds labs (--allow-all); rawcap inside is the binary, with the
      // permissions compiled into it.
      const t = await new Deno.Command(Deno.execPath(), {
        args: ["test", "--allow-all", ...tests],
        env: { RAWCAP_BIN: bin, NO_COLOR: "1" },
      }).output();
      const out = new TextDecoder().decode(t.stdout);
      assertEquals(t.code, 0, out);
      assertMatch(out, /\| 0 failed/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
