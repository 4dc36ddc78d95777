/** The examples in examples/, run as a user would run them, in the lab. */
import { assertEquals, assertMatch } from "./assert.ts";
import { ETH_P_8021Q, labUnavailable, lines, udpFrame, withLab } from "./lab.ts";
import { arp, ether, pcapBytes } from "./helpers/frames.ts";
import { taskArgv } from "../scripts/shipped.ts";

const why = labUnavailable();
if (why) console.warn(`examples_test: lab tests ignored: ${why}`);

/**
 * Runs an example task in namespace `ns`, exactly as deno.json's task runs it (its own
 * permissions), while `traffic` runs; returns its stdout.
 */
async function runIn(ns: string, task: string, args: string[], traffic: () => Promise<void>) {
  const p = new Deno.Command("ip", {
    args: ["netns", "exec", ns, ...taskArgv(task), ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await new Promise((r) => setTimeout(r, 1000)); // the example opens its sockets
  await traffic();
  const r = await p.output();
  const err = new TextDecoder().decode(r.stderr);
  assertEquals(r.code, 0, err);
  return new TextDecoder().decode(r.stdout);
}

Deno.test({
  name: "examples/top_talkers.ts: bytes per source, per VLAN",
  ignore: !!why,
  sanitizeResources: false,
  async fn() {
    await withLab(async (lab) => {
      const out = await runIn(
        lab.nsBr,
        "top-talkers",
        ["-i", "br0", "-t", "3"],
        () =>
          lab.sendFromA([
            udpFrame({ tags: [[ETH_P_8021Q, 100]], srcIp: [10, 1, 0, 1] }),
            udpFrame({ tags: [[ETH_P_8021Q, 100]], srcIp: [10, 1, 0, 1] }),
            udpFrame({ tags: [[ETH_P_8021Q, 200]], srcIp: [10, 2, 0, 2] }),
          ]),
      );
      const text = lines(out).join("\n");
      assertMatch(text, /vlan 100\n\s+10\.1\.0\.1\s+120 bytes/);
      assertMatch(text, /vlan 200\n\s+10\.2\.0\.2\s+60 bytes/);
    });
  },
});

Deno.test({
  name: "examples/arp_alert.ts: ARP from an unknown MAC raises one alert, known ones none",
  ignore: !!why,
  sanitizeResources: false,
  async fn() {
    await withLab(async (lab) => {
      const req = (sha: string, spa: string) =>
        ether(
          { src: sha, dst: "ff:ff:ff:ff:ff:ff", type: 0x0806, pad: true },
          arp({ op: 1, sha, spa, tha: "00:00:00:00:00:00", tpa: "10.77.0.9" }),
        );
      const out = await runIn(
        lab.nsBr,
        "arp-alert",
        [
          "-i",
          "br0",
          "--known",
          "02:00:00:00:00:0a",
          "-t",
          "3",
        ],
        () =>
          lab.sendFromA([
            req("02:00:00:00:00:0a", "10.77.0.1"),
            req("02:00:00:00:66:66", "10.77.0.66"),
          ]),
      );
      const alerts = lines(out);
      assertEquals(alerts.length, 1, out);
      assertMatch(
        alerts[0],
        /ALERT br0: ARP request from unknown 02:00:00:00:66:66 \(10\.77\.0\.66\)/,
      );
    });
  },
});

Deno.test("examples/summarize.ts: frames and bytes per protocol and VLAN", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/s.pcap`;
    await Deno.writeFile(
      file,
      pcapBytes([
        { data: udpFrame() },
        { data: udpFrame({ tags: [[ETH_P_8021Q, 100]] }) },
        {
          data: ether(
            { type: 0x0806, pad: true },
            arp({
              op: 1,
              sha: "02:00:00:00:00:01",
              spa: "10.0.0.1",
              tha: "00:00:00:00:00:00",
              tpa: "10.0.0.2",
            }),
          ),
        },
      ]),
    );
    const r = await new Deno.Command(taskArgv("summarize")[0], {
      args: [...taskArgv("summarize").slice(1), file],
    }).output();
    const out = new TextDecoder().decode(r.stdout);
    assertEquals(r.code, 0);
    assertMatch(out, /^3 frames, 180 bytes$/m);
    assertMatch(out, /udp\s+2 frames\s+120 bytes/);
    assertMatch(out, /arp\s+1 frames\s+60 bytes/);
    assertMatch(out, /100\s+1 frames\s+60 bytes/);
    assertMatch(out, /untagged\s+2 frames\s+120 bytes/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
