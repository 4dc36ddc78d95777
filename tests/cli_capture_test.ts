/** Live capture through the CLI, in the lab: promiscuous bridges, VLAN tags, several interfaces. */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import {
  ETH_P_8021AD,
  ETH_P_8021Q,
  labUnavailable,
  lines,
  MAC_A,
  rawcapCommand,
  RawcapProcess,
  udpFrame,
  withLab,
} from "./lab.ts";

const why = labUnavailable();
if (why) console.warn(`cli_capture_test: lab tests ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });

/** Captures in the bridge namespace while `traffic` runs, then stops rawcap with SIGINT. */
async function captureDuring(
  ns: string,
  args: string[],
  traffic: () => Promise<void>,
): Promise<{ code: number; out: string[]; stderr: string }> {
  const p = new RawcapProcess(ns, args);
  try {
    await p.listening();
    await traffic();
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    p.kill("SIGINT");
  }
  const r = await p.finish();
  return { code: r.code, out: lines(r.stdout), stderr: r.stderr };
}

labTest("forwarded unicast is captured on the bridge in promiscuous mode", async () => {
  await withLab(async (lab) => {
    const r = await captureDuring(
      lab.nsBr,
      ["-i", "br0"],
      () => lab.sendFromA([1, 2, 3].map(() => udpFrame({ dport: 7001 }))),
    );
    assertEquals(r.code, 0, r.stderr);
    const hits = r.out.filter((l) => l.includes("10.77.0.1.40000 > 10.77.0.9.7001: UDP"));
    assertEquals(hits.length, 3, r.out.join("\n"));
    assertMatch(hits[0], /^\d\d:\d\d:\d\d\.\d{6} br0 /);
  });
});

labTest("-p: forwarded unicast is not seen, broadcast still is", async () => {
  await withLab(async (lab) => {
    const r = await captureDuring(lab.nsBr, ["-i", "br0", "-p"], () =>
      lab.sendFromA([
        udpFrame({ dport: 7002 }),
        udpFrame({ dst: "ff:ff:ff:ff:ff:ff", dport: 7003 }),
      ]));
    assertEquals(r.code, 0, r.stderr);
    assertEquals(r.out.filter((l) => l.includes(".7002:")).length, 0, r.out.join("\n"));
    assertEquals(r.out.filter((l) => l.includes(".7003:")).length, 1, r.out.join("\n"));
  });
});

labTest("a VLAN-tagged frame shows its id; QinQ shows both, outer first", async () => {
  await withLab(async (lab) => {
    const r = await captureDuring(lab.nsBr, ["-i", "br0"], () =>
      lab.sendFromA([
        udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7004 }),
        udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 200]], dport: 7005 }),
      ]));
    const single = r.out.filter((l) => l.includes(".7004:"));
    assertEquals(single.length, 1, r.out.join("\n"));
    assertMatch(single[0], /br0 .*vlan 100\b/);
    const qinq = r.out.filter((l) => l.includes(".7005:"));
    assertEquals(qinq.length, 1, r.out.join("\n"));
    assertMatch(qinq[0], /vlan 300\b.*vlan 200\b/);
  });
});

labTest("--json: the stripped 802.1ad tag keeps TPID 0x88a8, the inner stays 0x8100", async () => {
  await withLab(async (lab) => {
    const r = await captureDuring(
      lab.nsBr,
      ["-i", "br0", "--json"],
      () =>
        lab.sendFromA([udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 200]], dport: 7006 })]),
    );
    const recs = r.out.map((l) => JSON.parse(l)).filter((j) => j.udp?.dport === 7006);
    assertEquals(recs.length, 1, r.out.join("\n"));
    assertEquals(recs[0].vlan.map((t: { tpid: number; id: number }) => [t.tpid, t.id]), [
      [ETH_P_8021AD, 300],
      [ETH_P_8021Q, 200],
    ]);
    assertEquals(recs[0].iface, "br0");
    assertEquals(recs[0].eth.src, MAC_A);
  });
});

labTest("--vlan keeps only frames with a matching tag", async () => {
  await withLab(async (lab) => {
    const r = await captureDuring(lab.nsBr, ["-i", "br0", "--vlan", "100"], () =>
      lab.sendFromA([
        udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7010 }),
        udpFrame({ tags: [[ETH_P_8021Q, 200]], dport: 7011 }),
        udpFrame({ dport: 7012 }),
        udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 100]], dport: 7013 }),
      ]));
    const ports = r.out.map((l) => l.match(/\.(\d+): UDP/)?.[1]).filter(Boolean);
    assertEquals(ports, ["7010", "7013"], r.out.join("\n"));
  });
});

labTest("two interfaces in one process: each line names its interface", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    await lab.addVethPair("ya", "yb");
    const r = await captureDuring(lab.nsBr, ["-i", "xa", "-i", "ya"], async () => {
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7020 }), udpFrame({ dport: 7020 })]);
      await lab.send(lab.nsBr, "yb", [udpFrame({ dport: 7021 })]);
    });
    assertEquals(r.out.filter((l) => / xa .*\.7020:/.test(l)).length, 2, r.out.join("\n"));
    assertEquals(r.out.filter((l) => / ya .*\.7021:/.test(l)).length, 1, r.out.join("\n"));
    assertEquals(r.out.filter((l) => / ya .*\.7020:| xa .*\.7021:/.test(l)).length, 0);
  });
});

labTest("-c N stops after N frames and prints tcpdump's stats lines", async () => {
  await withLab(async (lab) => {
    const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-c", "3", "udp port 7030"]);
    await p.listening();
    await lab.sendFromA(Array.from({ length: 8 }, () => udpFrame({ dport: 7030 })), 20);
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    assertEquals(lines(r.stdout).length, 3, r.stdout);
    assertMatch(r.stderr, /^3 packets captured$/m);
    const recv = Number(r.stderr.match(/^(\d+) packets received by filter$/m)?.[1]);
    assert(recv >= 3, r.stderr);
    assertMatch(r.stderr, /^\d+ packets dropped by kernel$/m);
  });
});

labTest(
  "the start-up rehearsal leaves nothing behind: -c, --json and -ttt see real frames only",
  async () => {
    await withLab(async (lab) => {
      const json = new RawcapProcess(lab.nsBr, ["-i", "br0", "--json", "-c", "2", "udp port 7031"]);
      const delta = new RawcapProcess(lab.nsBr, ["-i", "br0", "-ttt", "-c", "2", "udp port 7031"]);
      await json.listening();
      await delta.listening();
      await lab.sendFromA([udpFrame({ dport: 7031 }), udpFrame({ dport: 7031 })], 20);
      const j = await json.finish();
      assertEquals(j.code, 0, j.stderr);
      const recs = lines(j.stdout).map((l) => JSON.parse(l));
      assertEquals(recs.map((r) => [r.iface, r.udp?.dport]), [["br0", 7031], ["br0", 7031]]);
      assertMatch(j.stderr, /^2 packets captured$/m);
      const t = await delta.finish();
      assertEquals(t.code, 0, t.stderr);
      const out = lines(t.stdout);
      assertEquals(out.length, 2, t.stdout);
      // The first frame's delta is from itself, not from a rehearsal frame.
      assertMatch(out[0], /^ ?00:00:00\.000000 br0 /);
      assertMatch(t.stderr, /^2 packets captured$/m);
    });
  },
);

labTest("--stats: a full ring counts drops and ring freezes (PACKET_STATISTICS v3)", async () => {
  await withLab(async (lab) => {
    // The smallest ring (4 blocks of 512 KiB) and a reader that is stopped: 4000 frames of
    // ~1 KB fill it, so the kernel freezes the block queue and drops.
    const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-B", "64", "--stats", "udp port 7050"]);
    await p.listening();
    p.kill("SIGSTOP");
    try {
      const big = udpFrame({ dport: 7050, payload: "x".repeat(1000) });
      await lab.sendFromA(Array.from({ length: 4000 }, () => big), 0);
    } finally {
      p.kill("SIGCONT");
    }
    await new Promise((r) => setTimeout(r, 300));
    p.kill("SIGINT");
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    const m = r.stderr.match(
      /^br0: (\d+) packets received, (\d+) dropped by kernel, (\d+) ring freezes$/m,
    );
    assert(m, r.stderr);
    const [received, dropped, freezes] = m.slice(1).map(Number);
    assert(dropped > 0, r.stderr);
    assert(freezes >= 1, r.stderr);
    assertEquals(received, 4000, r.stderr);
    assertMatch(r.stderr, new RegExp(`^${received - dropped} packets captured$`, "m"));
  });
});

labTest("SIGTERM stops cleanly with stats", async () => {
  await withLab(async (lab) => {
    // The filter keeps stray frames (the lab's own multicast chatter) out of the count.
    const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "udp port 7040"]);
    await p.listening();
    await lab.sendFromA([udpFrame({ dport: 7040 }), udpFrame({ dport: 7040 })]);
    await new Promise((r) => setTimeout(r, 200));
    p.kill("SIGTERM");
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    assertEquals(lines(r.stdout).filter((l) => l.includes(".7040:")).length, 2);
    assertMatch(r.stderr, /^2 packets captured$/m);
  });
});

Deno.test({
  name: "an unknown interface: one line naming it, exit 1",
  ignore: !!why,
  async fn() {
    const [cmd, ...args] = rawcapCommand();
    const r = await new Deno.Command(cmd, { args: [...args, "-i", "nosuch0"] }).output();
    const err = new TextDecoder().decode(r.stderr).trim();
    assertEquals(r.code, 1);
    assertEquals(err, "rawcap: nosuch0: no such interface");
  },
});

Deno.test({
  name: "unprivileged (nobody): one line about CAP_NET_RAW, exit 1",
  ignore: !!why,
  async fn() {
    const dir = await Deno.makeTempDir();
    await Deno.chmod(dir, 0o777);
    try {
      const [cmd, ...args] = rawcapCommand();
      const r = await new Deno.Command("setpriv", {
        args: [
          "--reuid=nobody",
          "--regid=nogroup",
          "--clear-groups",
          "--inh-caps=-all",
          cmd,
          ...args,
          "-i",
          "lo",
        ],
        env: { DENO_DIR: `${dir}/deno`, HOME: dir },
      }).output();
      const err = new TextDecoder().decode(r.stderr).trim();
      assertEquals(r.code, 1, err);
      assertMatch(err, /^rawcap: .*permission denied.*CAP_NET_RAW/);
      assertEquals(err.split("\n").length, 1, err);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "bad flags: one line and usage, exit 2",
  async fn() {
    const [cmd, ...args] = rawcapCommand();
    for (const bad of [["--bogus"], ["-c", "x", "-i", "lo"], ["--vlan", "5000", "-i", "lo"]]) {
      const r = await new Deno.Command(cmd, { args: [...args, ...bad] }).output();
      const err = new TextDecoder().decode(r.stderr).trim().split("\n");
      assertEquals(r.code, 2, bad.join(" "));
      assertMatch(err[0], /^rawcap: /);
      assertMatch(err[1], /^usage: rawcap/);
    }
  },
});
