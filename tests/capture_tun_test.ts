/**
 * Live capture on a link without Ethernet framing (a tun, as WireGuard's): frames are raw IP,
 * captured, filtered, printed and written as LINKTYPE_RAW, the way tcpdump does; in the CLI
 * as it ships and in the library with `--allow-ffi` alone.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import { labUnavailable, lines, RawcapProcess, sh, Tun } from "./lab.ts";
import { ipv4, ipv6, udp } from "./helpers/frames.ts";
import { LIBRARY_PERMISSIONS } from "../scripts/shipped.ts";
import { compileFilter, readCapture } from "../mod.ts";

const why = labUnavailable();
if (why) console.warn(`capture_tun_test: lab tests ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });

const enc = new TextEncoder();
/** A raw IPv4/UDP packet from 10.9.9.2 to 10.9.9.1. */
const v4 = (dport: number, text = "ping") =>
  ipv4(
    { src: "10.9.9.2", dst: "10.9.9.1", proto: 17 },
    udp({ sport: 4000, dport }, enc.encode(text)),
  );
/** A raw IPv6/UDP packet. */
const v6 = (dport: number) =>
  ipv6(
    { src: "fd00::2", dst: "fd00::1", next: 17 },
    udp({ sport: 4000, dport }, enc.encode("six")),
  );

let serial = 0;
/** A namespace with a tun named `tun0` in it; always removed. */
async function withTun(fn: (ns: string, tun: Tun) => Promise<void>): Promise<void> {
  const ns = `rcap-tun-${Deno.pid.toString(36)}-${serial++}`;
  await sh(["ip", "netns", "add", ns]);
  let tun: Tun | undefined;
  try {
    tun = await Tun.open(ns, "tun0");
    await fn(ns, tun);
  } finally {
    await tun?.close();
    await sh(["ip", "netns", "del", ns]);
  }
}

/** tcpdump on `iface` in `ns` writing `file`, until `count` packets. */
function tcpdumpTo(ns: string, iface: string, file: string, count: number) {
  return new Deno.Command("ip", {
    args: ["netns", "exec", ns, "tcpdump", "-i", iface, "-c", String(count), "-w", file, "-U"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
}

async function waitFor(p: Deno.ChildProcess, what: string) {
  const r = await p.output();
  if (!r.success) throw new Error(`${what} failed: ${new TextDecoder().decode(r.stderr)}`);
}

labTest(
  "tun: captured as raw IP, lines as tcpdump prints them, written as LINKTYPE_RAW",
  async () => {
    await withTun(async (ns, tun) => {
      const dir = await Deno.makeTempDir();
      try {
        const ours = `${dir}/rawcap.pcap`, theirs = `${dir}/tcpdump.pcap`;
        const text = new RawcapProcess(ns, ["-i", "tun0", "-c", "3", "-n"]);
        const file = new RawcapProcess(ns, ["-i", "tun0", "-c", "3", "-w", ours]);
        const oracle = tcpdumpTo(ns, "tun0", theirs, 3);
        await text.listening();
        await file.listening();
        await new Promise((r) => setTimeout(r, 500)); // tcpdump says nothing when it is ready
        const sent = [v4(5678), v6(5679), v4(5680, "three")];
        await tun.inject(sent);
        await waitFor(oracle, "tcpdump");
        const [t, f] = [await text.finish(), await file.finish()];
        assertEquals(t.code, 0, t.stderr);
        assertEquals(f.code, 0, f.stderr);
        assertMatch(t.stderr, /listening on tun0, link-type RAW \(Raw IP\)/);
        // The file: link type 101, the packets as sent, read back by tcpdump as it reads its own.
        const header = new DataView((await Deno.readFile(ours)).buffer);
        assertEquals(header.getUint32(20, true), 101);
        const frames: Uint8Array[] = [];
        for await (const p of readCapture(ours, { copy: true })) {
          assertEquals(p.linkType, 101);
          frames.push(p.data);
        }
        assertEquals(frames, sent);
        const strip = (s: string) => lines(s).map((l) => l.replace(/^\S+ /, ""));
        const want = strip(await sh(["tcpdump", "-r", theirs, "-n"]));
        assertEquals(want.length, 3);
        assertEquals(strip(await sh(["tcpdump", "-r", ours, "-n"])), want);
        // Text: tcpdump's lines, after rawcap's interface column.
        assertEquals(lines(t.stdout).map((l) => l.replace(/^\S+ tun0 /, "")), want);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  },
);

labTest("tun: a filter runs in the kernel at raw-IP offsets", async () => {
  await withTun(async (ns, tun) => {
    const p = new RawcapProcess(ns, ["-i", "tun0", "-c", "2", "-n", "udp dst port 5678 or ip6"]);
    await p.listening();
    await tun.inject([v4(9999), v4(5678), v4(9998), v6(7)]);
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    const out = lines(r.stdout);
    assertEquals(out.length, 2, r.stdout);
    assertMatch(out[0], /IP 10\.9\.9\.2\.4000 > 10\.9\.9\.1\.5678: UDP, length 4$/);
    assertMatch(out[1], /IP6 fd00::2\.4000 > fd00::1\.7: UDP, length 3$/);
  });
});

labTest("tun: -L and -D say RAW, -y EN10MB is refused in one line", async () => {
  await withTun(async (ns) => {
    const run = async (args: string[]) => {
      const p = new RawcapProcess(ns, args);
      return await p.finish();
    };
    const l = await run(["-L", "-i", "tun0"]);
    assertEquals(l.code, 0, l.stderr);
    assertEquals(lines(l.stderr), [
      "Data link types for tun0 (use option -y to set):",
      "  RAW (Raw IP)",
    ]);
    const d = await run(["-D"]);
    assertMatch(d.stdout, /\d+\.tun0 \[up[^\]]*\] RAW \(Raw IP\) - mtu 1500/);
    const y = await run(["-i", "tun0", "-y", "EN10MB", "-c", "1"]);
    assertEquals(y.code, 1);
    assertEquals(lines(y.stderr), [
      "rawcap: EN10MB is not one of the DLTs supported by this device (tun0: RAW (Raw IP))",
    ]);
    // -d compiles for the interface's link type, as tcpdump -i tun0 -d does: raw IP's
    // version nibble, where tcpdump loads it too.
    const ours = await run(["-i", "tun0", "-d", "ip6"]);
    assertEquals(ours.stdout, compileFilter("ip6", { linkType: 101 }).dump());
    const theirs = await sh(["ip", "netns", "exec", ns, "tcpdump", "-i", "tun0", "-d", "ip6"]);
    assertEquals(ours.stdout.split("\n")[0], theirs.split("\n")[0]);
    assertMatch(ours.stdout, /^\(000\) ldb {6}\[0\]\n\(001\) and {6}#0xf0\n/);
  });
});

labTest("tun: -i any takes it, except into a pcap file of Ethernet frames", async () => {
  await withTun(async (ns, tun) => {
    await sh(["ip", "netns", "exec", ns, "ip", "link", "add", "va", "type", "veth", "peer", "vb"]);
    await sh(["ip", "netns", "exec", ns, "ip", "link", "set", "va", "up"]);
    await sh(["ip", "netns", "exec", ns, "ip", "link", "set", "vb", "up"]);
    const text = new RawcapProcess(ns, ["-i", "any", "-n", "-c", "1", "udp"]);
    await text.listening();
    const dir = await Deno.makeTempDir();
    try {
      const file = new RawcapProcess(ns, ["-i", "any", "-w", `${dir}/any.pcap`]);
      await file.listening();
      assert(!/tun0/.test(file.stderr.split("\n")[0]), file.stderr);
      await tun.inject([v4(5678)]);
      const t = await text.finish();
      assertEquals(t.code, 0, t.stderr);
      assertMatch(lines(t.stdout)[0], / tun0 IP 10\.9\.9\.2\.4000 > 10\.9\.9\.1\.5678: UDP/);
      file.kill("SIGINT");
      const f = await file.finish();
      assertEquals(f.code, 0, f.stderr);
      // Two named interfaces of two link types cannot share a pcap file: one line, exit 1.
      const mixed = new RawcapProcess(ns, ["-i", "va", "-i", "tun0", "-w", `${dir}/x.pcap`]);
      const m = await mixed.finish();
      assertEquals(m.code, 1);
      assertEquals(lines(m.stderr).length, 1, m.stderr);
      assertMatch(m.stderr, /^rawcap: a pcap file holds one link type.*va EN10MB, tun0 RAW/);
      // pcapng holds both: one interface description per link type.
      const ng = new RawcapProcess(ns, [
        ...["-i", "va", "-i", "tun0", "-w", `${dir}/x.pcapng`],
        "udp", // a program per link type; the veths' own IPv6 chatter stays out
      ]);
      await ng.listening();
      await tun.inject([v4(5681)]);
      await new Promise((r) => setTimeout(r, 300));
      ng.kill("SIGINT");
      const n = await ng.finish();
      assertEquals(n.code, 0, n.stderr);
      const seen: number[] = [];
      for await (const p of readCapture(`${dir}/x.pcapng`)) seen.push(p.linkType);
      assertEquals(seen, [101]);
      const tshark = await sh([
        "tshark",
        "-r",
        `${dir}/x.pcapng`,
        "-T",
        "fields",
        "-e",
        "frame.interface_name",
        "-e",
        "udp.dstport",
      ]);
      assertEquals(tshark.trim(), "tun0\t5681");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

labTest("tun: the library captures raw IP with --allow-ffi alone", async () => {
  await withTun(async (ns, tun) => {
    const dir = await Deno.makeTempDir();
    try {
      const script = `${dir}/tun.ts`;
      await Deno.writeTextFile(
        script,
        `import { capture } from ${JSON.stringify(new URL("../mod.ts", import.meta.url).href)};
const out = [];
const signal = AbortSignal.timeout(10_000);
await using cap = capture({ interfaces: ["tun0"], count: 2, filter: "udp", signal });
console.error("ready");
for await (const p of cap) {
  out.push({ linkType: p.linkType, eth: p.eth ?? null, src: p.ipv4?.src ?? p.ipv6?.src,
    dport: p.udp?.dport, flow: p.flowKey() });
}
console.log(JSON.stringify(out));
`,
      );
      const child = new Deno.Command("ip", {
        args: ["netns", "exec", ns, Deno.execPath(), "run", ...LIBRARY_PERMISSIONS, script],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const err = child.stderr.getReader();
      let said = "";
      while (!said.includes("ready")) {
        const { value, done } = await err.read();
        if (done) break;
        said += new TextDecoder().decode(value);
      }
      err.releaseLock();
      await tun.inject([v4(5678), v6(5679)]);
      const r = await child.output();
      const got = JSON.parse(new TextDecoder().decode(r.stdout));
      assertEquals(got.map((g: { linkType: number }) => g.linkType), [101, 101]);
      assertEquals(got.map((g: { eth: unknown }) => g.eth), [null, null]);
      assertEquals(got.map((g: { src: string }) => g.src), ["10.9.9.2", "fd00::2"]);
      assertEquals(got.map((g: { dport: number }) => g.dport), [5678, 5679]);
      assertMatch(got[0].flow, /10\.9\.9\.1/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});
