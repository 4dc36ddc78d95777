/** `rawcap -r`: files from tcpdump and tshark, stdin, filters, and bad or truncated input. */
import { assertEquals, assertMatch } from "./assert.ts";
import { lines, rawcapCommand, sh } from "./lab.ts";
import { pcapBytes, samples } from "./helpers/frames.ts";
import { hasTool } from "./helpers/tools.ts";

const hasTcpdump = hasTool("tcpdump");
const hasTshark = hasTool("tshark");

async function rawcap(args: string[], stdin?: Uint8Array) {
  const [cmd, ...pre] = rawcapCommand();
  const p = new Deno.Command(cmd, {
    args: [...pre, ...args],
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const w = p.stdin.getWriter();
    await w.write(stdin);
    await w.close();
  }
  const r = await p.output();
  const td = new TextDecoder();
  return { code: r.code, out: td.decode(r.stdout), err: td.decode(r.stderr) };
}

async function withFile(bytes: Uint8Array, fn: (path: string, dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(`${dir}/f.pcap`, bytes);
    await fn(`${dir}/f.pcap`, dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const FRAMES = samples().filter((s) => s.len === undefined).map((s) => ({ data: s.data }));

Deno.test({
  name: "-r: a pcapng written by tshark and a pcap rewritten by tcpdump give one line per frame",
  ignore: !hasTcpdump || !hasTshark,
  async fn() {
    await withFile(pcapBytes(FRAMES), async (path, dir) => {
      await sh(["tshark", "-r", path, "-w", `${dir}/t.pcapng`, "-F", "pcapng"]);
      await sh(["tcpdump", "-r", path, "-w", `${dir}/d.pcap`]);
      for (const f of [`${dir}/t.pcapng`, `${dir}/d.pcap`]) {
        const r = await rawcap(["-r", f]);
        assertEquals(r.code, 0, r.err);
        assertEquals(lines(r.out).length, FRAMES.length, f);
        const j = await rawcap(["-r", f, "--json"]);
        assertEquals(
          lines(j.out).map((l) => JSON.parse(l).caplen),
          FRAMES.map((x) => x.data.length),
        );
      }
    });
  },
});

Deno.test({
  name: "-r with a filter selects the frames tcpdump selects",
  ignore: !hasTcpdump,
  async fn() {
    await withFile(pcapBytes(FRAMES), async (path) => {
      for (const expr of ["udp", "tcp and port 80", "vlan", "icmp or arp", "ip6"]) {
        const ours = await rawcap(["-r", path, expr]);
        // Overlays (issue 15 family 3): tcpdump starts a VXLAN frame's inner packet on a line of
        // its own; count the lines that start a frame.
        const theirs = lines(await sh(["tcpdump", "-nn", "-r", path, expr]))
          .filter((l) => /^\d\d:\d\d:\d\d\.\d+ /.test(l));
        assertEquals(lines(ours.out).length, theirs.length, expr);
      }
    });
  },
});

Deno.test("-r - reads stdin", async () => {
  const r = await rawcap(["-r", "-"], pcapBytes(FRAMES.slice(0, 3)));
  assertEquals(r.code, 0, r.err);
  assertEquals(lines(r.out).length, 3);
});

Deno.test("-r: a truncated file prints every whole record, warns in one line, exits 1", async () => {
  const whole = pcapBytes(FRAMES.slice(0, 4));
  await withFile(whole.subarray(0, whole.length - 7), async (path) => {
    const r = await rawcap(["-r", path]);
    assertEquals(r.code, 1, r.err); // as tcpdump: a script can tell
    assertEquals(lines(r.out).length, 3);
    const err = lines(r.err);
    assertEquals(err.length, 1, r.err);
    assertMatch(err[0], /^rawcap: warning: .*truncated/i);
  });
});

Deno.test("-r: not a capture file, or of a link type rawcap does not read: one line, exit 1", async () => {
  await withFile(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), async (path) => {
    const r = await rawcap(["-r", path]);
    assertEquals(r.code, 1);
    assertEquals(lines(r.err).length, 1, r.err);
    assertMatch(r.err, /^rawcap: .*not a capture file/);
  });
  const raw = pcapBytes(FRAMES.slice(0, 1));
  new DataView(raw.buffer).setUint32(20, 105, true); // LINKTYPE_IEEE802_11
  await withFile(raw, async (path) => {
    const r = await rawcap(["-r", path]);
    assertEquals(r.code, 1);
    assertMatch(r.err, /^rawcap: .*unsupported link type 105/);
  });
  const r = await rawcap(["-r", "/nonexistent/cap.pcap"]);
  assertEquals(r.code, 1);
  assertEquals(lines(r.err).length, 1, r.err);
});

Deno.test({
  name: "-t, -tt, -ttt, -tttt, -ttttt print time as tcpdump does",
  ignore: !hasTcpdump,
  async fn() {
    const frames = FRAMES.slice(0, 5).map((f, i) => ({
      data: f.data,
      ts: 1_700_000_000_000_000_000n + BigInt(i * i) * 1_234_567_000n,
    }));
    await withFile(pcapBytes(frames), async (path) => {
      for (const t of ["-tt", "-ttt", "-tttt", "-ttttt"]) {
        const ours = lines((await rawcap(["-r", path, t])).out);
        const theirs = lines(await sh(["tcpdump", "-nn", t, "-r", path]));
        const time = (l: string) => l.trim().split(" ").slice(0, t === "-tttt" ? 2 : 1).join(" ");
        assertEquals(ours.map(time), theirs.map(time), t);
      }
      const none = lines((await rawcap(["-r", path, "-t"])).out);
      assertMatch(none[0], /^(vlan \d+ )*[A-Z]/);
    });
  },
});
