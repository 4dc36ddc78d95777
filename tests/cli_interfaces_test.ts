/**
 * Interfaces that come and go, -D, -i any, -Q, -Z, and signals with -w: the appliance
 * behaviours, in the lab.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import {
  labUnavailable,
  lines,
  MAC_A,
  MAC_B,
  RawcapProcess,
  sh,
  udpFrame,
  withLab,
} from "./lab.ts";
import { hasTool } from "./helpers/tools.ts";
import { rawcapRunArgv } from "../scripts/shipped.ts";

const why = labUnavailable();
if (why) console.warn(`cli_interfaces_test: lab tests ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hasTshark = hasTool("tshark");

/** Waits until `cond()` holds, polling. */
async function until(cond: () => boolean, what: string, ms = 10000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Frame numbers tshark sees with a given UDP destination port, in order. */
async function tsharkPorts(file: string): Promise<number[]> {
  const out = await sh(["tshark", "-r", file, "-T", "fields", "-e", "udp.dstport"]);
  return out.trim().split("\n").filter(Boolean).map(Number);
}

labTest("-D lists what `ip -o link` shows: index, name, state, MAC, MTU", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    await lab.exec(lab.nsBr, ["ip", "link", "set", "xb", "down"]);
    const p = new RawcapProcess(lab.nsBr, ["-D"]);
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    const ours = new Map(
      lines(r.stdout).map((l) => {
        const m = l.match(/^(\d+)\.(\S+) \[(up|down)[^\]]*\] .* (\S+) mtu (\d+)$/);
        assert(m, `unexpected -D line: ${l}`);
        return [m[2], { index: Number(m[1]), up: m[3] === "up", mac: m[4], mtu: Number(m[5]) }];
      }),
    );
    const ip = lines(await lab.exec(lab.nsBr, ["ip", "-o", "link"]));
    assertEquals(ours.size, ip.length);
    for (const l of ip) {
      const m = l.match(/^(\d+): ([^:@]+)[@:].*<([^>]*)>.* mtu (\d+) .*link\/\S+ (\S+)/)!;
      const mine = ours.get(m[2])!;
      assert(mine, `${m[2]} missing from -D`);
      assertEquals(mine.index, Number(m[1]));
      assertEquals(mine.up, m[3].split(",").includes("UP"), m[2]);
      assertEquals(mine.mtu, Number(m[4]));
      assertEquals(mine.mac, m[5]);
    }
    assertEquals(ours.get("xb")!.up, false);
  });
});

labTest("-i any captures every interface that is up and picks up new ones", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    const p = new RawcapProcess(lab.nsBr, ["-i", "any"]);
    try {
      await p.listening();
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7101 })]);
      await lab.addVethPair("za", "zb");
      await until(() => p.stderr.includes("za: new interface"), "za to be picked up");
      await lab.send(lab.nsBr, "zb", [udpFrame({ dport: 7102 })]);
      await sleep(300);
    } finally {
      p.kill("SIGINT");
    }
    const r = await p.finish();
    const out = lines(r.stdout);
    // Sent on xb: seen leaving xb and arriving on xa, each line naming its interface.
    assertEquals(out.filter((l) => / xa .*\.7101:/.test(l)).length, 1, out.join("\n"));
    assertEquals(out.filter((l) => / xb .*\.7101:/.test(l)).length, 1, out.join("\n"));
    assertEquals(out.filter((l) => / za .*\.7102:/.test(l)).length, 1, out.join("\n"));
  });
});

labTest("an interface deleted mid-capture: the others go on; it is picked up again", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    await lab.addVethPair("ya", "yb");
    const p = new RawcapProcess(lab.nsBr, ["-i", "xa", "-i", "ya"]);
    try {
      await p.listening();
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7201 })]);
      await lab.exec(lab.nsBr, ["ip", "link", "del", "xa"]);
      await until(() => p.stderr.includes("xa: interface disappeared"), "the loss report");
      await lab.send(lab.nsBr, "yb", [udpFrame({ dport: 7202 })]);
      await lab.addVethPair("xa", "xb");
      await until(() => p.stderr.includes("xa: interface is back"), "xa to come back");
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7203 })]);
      await lab.send(lab.nsBr, "yb", [udpFrame({ dport: 7204 })]);
      await sleep(300);
    } finally {
      p.kill("SIGINT");
    }
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    const out = lines(r.stdout);
    for (const [iface, port] of [["xa", 7201], ["ya", 7202], ["xa", 7203], ["ya", 7204]]) {
      assertEquals(
        out.filter((l) => l.includes(` ${iface} `) && l.includes(`.${port}:`)).length,
        1,
        `${iface} ${port}\n${out.join("\n")}`,
      );
    }
    assertEquals(r.stderr.match(/xa: interface disappeared/g)?.length, 1, r.stderr);
    // Deleting an interface takes it down first: only the loss is news.
    assertEquals(r.stderr.match(/xa: interface went down/g), null, r.stderr);
  });
});

labTest("--exit-on-loss: the only interface vanishing ends the capture with one line", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    const p = new RawcapProcess(lab.nsBr, ["-i", "xa", "--exit-on-loss"]);
    await p.listening();
    await lab.exec(lab.nsBr, ["ip", "link", "del", "xa"]);
    const r = await p.finish();
    assertEquals(r.code, 1, r.stderr);
    assertMatch(r.stderr, /^rawcap: xa: interface went away and --exit-on-loss was given$/m);
  });
});

labTest("-Q in / -Q out select by direction", async () => {
  await withLab(async (lab) => {
    const run = async (dir: string) => {
      // On bridge port pb, a frame from A to B is outgoing (towards B).
      const p = new RawcapProcess(lab.nsBr, ["-i", "pb", "-Q", dir]);
      try {
        await p.listening();
        await lab.sendFromA([udpFrame({ dport: 7301 })]);
        await lab.send(lab.nsB, "eth0", [
          udpFrame({ src: MAC_B, dst: MAC_A, dport: 7302 }),
        ]);
        await sleep(300);
      } finally {
        p.kill("SIGINT");
      }
      const out = lines((await p.finish()).stdout);
      return out.map((l) => l.match(/\.(\d+): UDP/)?.[1]).filter(Boolean);
    };
    assertEquals(await run("out"), ["7301"]);
    assertEquals(await run("in"), ["7302"]);
    assertEquals(await run("inout"), ["7301", "7302"]);
  });
});

labTest("-Z nobody: the process drops to nobody and the file it writes is nobody's", async () => {
  await withLab(async (lab) => {
    const dir = await Deno.makeTempDir();
    await Deno.chmod(dir, 0o777);
    try {
      const file = `${dir}/cap.pcap`;
      const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-Z", "nobody", "-w", file]);
      await p.listening();
      await lab.sendFromA([udpFrame({ dport: 7401 })]);
      await sleep(300);
      const status = await Deno.readTextFile(`/proc/${p.pid}/status`);
      const uids = status.match(/^Uid:\s+(.*)$/m)![1].trim().split(/\s+/).map(Number);
      const nobody = Number((await sh(["id", "-u", "nobody"])).trim());
      assertEquals(uids, [nobody, nobody, nobody, nobody]);
      p.kill("SIGTERM");
      const r = await p.finish();
      assertEquals(r.code, 0, r.stderr);
      assertEquals((await Deno.stat(file)).uid, nobody);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test({
  name: "SIGTERM and SIGHUP with -w: every frame sent before the signal is in the file",
  ignore: !!why || !hasTshark,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withLab(async (lab) => {
      const dir = await Deno.makeTempDir();
      try {
        const file = `${dir}/cap.pcapng`;
        const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-w", file]);
        await p.listening();
        await lab.sendFromA([1, 2, 3].map((i) => udpFrame({ dport: 7500 + i })));
        await sleep(200);
        await Deno.rename(file, `${file}.1`);
        p.kill("SIGHUP");
        await until(() => {
          try {
            return Deno.statSync(file).isFile;
          } catch {
            return false;
          }
        }, "the file to be reopened");
        await lab.sendFromA([4, 5].map((i) => udpFrame({ dport: 7500 + i })));
        await sleep(200);
        p.kill("SIGTERM");
        const r = await p.finish();
        assertEquals(r.code, 0, r.stderr);
        assertEquals(await tsharkPorts(`${file}.1`), [7501, 7502, 7503]);
        assertEquals(await tsharkPorts(file), [7504, 7505]);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  },
});

if (!hasTshark) console.warn("cli_interfaces_test: tshark missing: the -w signal test is ignored");

labTest("--stats: per-interface counters on exit", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    await lab.addVethPair("ya", "yb");
    const p = new RawcapProcess(lab.nsBr, ["-i", "xa", "-i", "ya", "--stats", "udp"]);
    await p.listening();
    await lab.send(lab.nsBr, "xb", [1, 2, 3].map(() => udpFrame({ dport: 7601 })));
    await lab.send(lab.nsBr, "yb", [udpFrame({ dport: 7602 })]);
    await sleep(300);
    p.kill("SIGINT");
    const r = await p.finish();
    assertMatch(r.stderr, /^xa: 3 packets received, 0 dropped by kernel, 0 ring freezes$/m);
    assertMatch(r.stderr, /^ya: 1 packets received, 0 dropped by kernel, 0 ring freezes$/m);
    assertMatch(r.stderr, /^4 packets captured$/m);
  });
});

const hasSetcap = hasTool("setcap");

Deno.test({
  name: "without root: a runtime with cap_net_raw,cap_net_admin captures as nobody",
  ignore: !!why || !hasSetcap,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withLab(async (lab) => {
      const dir = await Deno.makeTempDir();
      await Deno.chmod(dir, 0o755);
      try {
        // The compiled binary when testing it, else the Deno runtime with the task's flags.
        const bin = Deno.env.get("RAWCAP_BIN");
        const exe = `${dir}/${bin ? "rawcap" : "deno"}`;
        await Deno.copyFile(bin ?? Deno.execPath(), exe);
        await Deno.chmod(exe, 0o755);
        await sh(["setcap", "cap_net_raw,cap_net_admin+ep", exe]);
        await Deno.mkdir(`${dir}/cache`, { mode: 0o777 });
        await Deno.chmod(`${dir}/cache`, 0o777);
        const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-c", "1", "udp port 7603"], {
          exec: [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "env",
            `DENO_DIR=${dir}/cache`,
            exe,
            ...(bin ? [] : rawcapRunArgv().slice(1)),
          ],
        });
        await p.listening();
        await lab.sendFromA([udpFrame({ dport: 7603 })]);
        const r = await p.finish();
        assertEquals(r.code, 0, r.stderr);
        assertEquals(lines(r.stdout).filter((l) => l.includes(".7603:")).length, 1, r.stdout);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  },
});
if (!hasSetcap) {
  console.warn("cli_interfaces_test: setcap missing (libcap2-bin): capability test ignored");
}

labTest("an interface set down and up again: reported once each way, capture resumes", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    const p = new RawcapProcess(lab.nsBr, ["-i", "xa", "udp"]);
    try {
      await p.listening();
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7901 })]);
      await lab.exec(lab.nsBr, ["ip", "link", "set", "xa", "down"]);
      await until(() => p.stderr.includes("xa: interface went down"), "the down report");
      await lab.exec(lab.nsBr, ["ip", "link", "set", "xa", "up"]);
      await until(() => p.stderr.includes("xa: interface is up again"), "the up report");
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7902 })]);
      await sleep(300);
    } finally {
      p.kill("SIGINT");
    }
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    const ports = lines(r.stdout).map((l) => l.match(/\.(\d+): UDP/)?.[1]);
    assertEquals(ports, ["7901", "7902"]);
    assertEquals(r.stderr.match(/went down/g)?.length, 1, r.stderr);
  });
});
