/**
 * Live captures written to files (`-w`), read back by tshark and by rawcap itself: VLAN tags
 * put back with their TPIDs, one IDB per interface in pcapng, both read paths (ring,
 * zero-copy; recvmsg), stdout pipes, and a full disk.
 */
import { assert, assertEquals, assertMatch } from "./assert.ts";
import {
  ETH_P_8021AD,
  ETH_P_8021Q,
  type Lab,
  labUnavailable,
  lines,
  rawcapCommand,
  RawcapProcess,
  sh,
  udpFrame,
  withLab,
} from "./lab.ts";
import { hasTool } from "./helpers/tools.ts";

const hasTshark = hasTool("tshark");
const why = labUnavailable() ?? (hasTshark ? undefined : "needs tshark");
if (why) console.warn(`cli_write_test: ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why no small tmpfs can be mounted here (the full-disk test fills one), or undefined. */
async function tmpfsUnavailable(): Promise<string | undefined> {
  if (why) return why;
  const dir = await Deno.makeTempDir();
  try {
    await sh(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    await sh(["umount", dir]);
    return undefined;
  } catch (e) {
    return `cannot mount a tmpfs: ${(e as Error).message}`;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
const noTmpfs = await tmpfsUnavailable();
if (noTmpfs && !why) console.warn(`cli_write_test: the full-disk test is ignored: ${noTmpfs}`);

/** The traffic every test sends: untagged, 802.1Q 100, QinQ 300/200. */
function traffic(): Uint8Array[] {
  return [
    udpFrame({ dport: 7601 }),
    udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7602 }),
    udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 200]], dport: 7603 }),
  ];
}

async function captureToFile(lab: Lab, args: string[]): Promise<string> {
  const p = new RawcapProcess(lab.nsBr, args);
  await p.listening();
  await lab.sendFromA(traffic());
  await sleep(300);
  p.kill("SIGTERM");
  const r = await p.finish();
  assertEquals(r.code, 0, r.stderr);
  return r.stderr;
}

/** tshark's view of a file: one array of fields per frame. */
async function tshark(file: string, fields: string[]): Promise<string[][]> {
  const args = ["-r", file, "-T", "fields", "-E", "separator=/t", "-E", "aggregator=,"];
  for (const f of fields) args.push("-e", f);
  return lines(await sh(["tshark", ...args])).map((l) => l.split("\t"));
}

for (
  const [ext, extra] of [["pcap", []], ["pcap", ["--time-precision", "nano"]], [
    "pcapng",
    [],
  ], ["pcapng", ["--recvmsg"]]] as [string, string[]][]
) {
  labTest(
    `-w .${ext} ${extra.join(" ")}: tshark sees every frame with its VLAN ids and TPIDs`,
    async () => {
      await withLab(async (lab) => {
        const dir = await Deno.makeTempDir();
        try {
          const file = `${dir}/cap.${ext}`;
          await captureToFile(lab, ["-i", "br0", "-w", file, ...extra]);
          const rows = (await tshark(file, [
            "udp.dstport",
            "vlan.id",
            "eth.type",
            "frame.len",
            "ieee8021ad.id",
          ])).filter((r) => r[0] !== "");
          const byPort = new Map(rows.map((r) => [r[0], r]));
          assertEquals([...byPort.keys()].sort(), ["7601", "7602", "7603"], rows.join("\n"));
          assertEquals(byPort.get("7601")![1], "");
          assertEquals(byPort.get("7602")![1], "100");
          assertEquals(byPort.get("7602")![2], "0x8100");
          assertEquals(byPort.get("7603")![4], "300"); // 802.1ad outer tag: tshark's ieee8021ad
          assertEquals(byPort.get("7603")![1], "200");
          assertEquals(byPort.get("7603")![2], "0x88a8");
          // The tag is back: the frame is as long as it was on the sender's wire.
          assertEquals(Number(byPort.get("7602")![3]), traffic()[1].length);
          const info = await sh(["capinfos", "-t", "-E", file]);
          // The file type line ends in the format: "pcap" alone would match "pcapng" too.
          const type = ext === "pcapng"
            ? "pcapng"
            : extra.includes("nano")
            ? "nanosecond pcap"
            : "pcap";
          assertMatch(info, new RegExp(`^File type: .* - ${type}$`, "m"));
          // rawcap reads its own file back as the same lines a live capture prints.
          const [cmd, ...args] = rawcapCommand();
          const back = await new Deno.Command(cmd, { args: [...args, "-r", file] }).output();
          const text = lines(new TextDecoder().decode(back.stdout)).filter((l) =>
            l.includes(".76")
          );
          assertEquals(text.length, 3);
          assertMatch(text.find((l) => l.includes(".7603:"))!, /vlan 300.*vlan 200/);
          if (ext === "pcapng") assertMatch(text[0], / br0 /);
        } finally {
          await Deno.remove(dir, { recursive: true });
        }
      });
    },
  );
}

labTest("-w .pcapng on two interfaces: one IDB each, frames name their interface", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    await lab.addVethPair("ya", "yb");
    const dir = await Deno.makeTempDir();
    try {
      const file = `${dir}/two.pcapng`;
      const p = new RawcapProcess(lab.nsBr, ["-i", "xa", "-i", "ya", "-w", file]);
      await p.listening();
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7611 })]);
      await lab.send(lab.nsBr, "yb", [udpFrame({ dport: 7612 }), udpFrame({ dport: 7612 })]);
      await sleep(300);
      p.kill("SIGINT");
      assertEquals((await p.finish()).code, 0);
      const rows = await tshark(file, ["frame.interface_name", "udp.dstport"]);
      assertEquals(rows.filter((r) => r[1]).map((r) => r.join(" ")).sort(), [
        "xa 7611",
        "ya 7612",
        "ya 7612",
      ]);
      const stats = await sh(["capinfos", file]);
      assertMatch(stats, /Number of interfaces in file: 2/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

labTest("-w - pipes a pcap into tshark", async () => {
  await withLab(async (lab) => {
    const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-w", "-"]);
    await p.listening();
    await lab.sendFromA(traffic());
    await sleep(300);
    p.kill("SIGINT");
    await p.finish();
    const bytes = await p.stdoutBytes();
    const t = new Deno.Command("tshark", {
      args: ["-r", "-", "-T", "fields", "-e", "udp.dstport"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const w = t.stdin.getWriter();
    await w.write(bytes);
    await w.close();
    const out = await t.output();
    assertEquals(lines(new TextDecoder().decode(out.stdout)).filter((l) => l.trim()).sort(), [
      "7601",
      "7602",
      "7603",
    ]);
  });
});

Deno.test({
  name: "a full disk: one line, non-zero exit, the file keeps whole records",
  ignore: !!noTmpfs,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withLab(async (lab) => {
      const dir = await Deno.makeTempDir();
      try {
        await sh(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
        try {
          const file = `${dir}/full.pcap`;
          const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-w", file]);
          await p.listening();
          const big = Array.from({ length: 80 }, () => udpFrame({ payload: "x".repeat(1400) }));
          await lab.sendFromA(big, 1);
          const r = await p.finish();
          assertEquals(r.code, 1, r.stderr);
          const err = lines(r.stderr).filter((l) =>
            l.startsWith("rawcap: ") && !l.includes("listening")
          );
          assertEquals(err.length, 1, r.stderr);
          assertMatch(err[0], /no space|ENOSPC/i);
          const n = lines(await sh(["tshark", "-r", file, "-T", "fields", "-e", "frame.number"]));
          assert(n.length > 10 && n.length < 80, `${n.length} frames`);
        } finally {
          await sh(["umount", dir]);
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }),
});

labTest("-s 40: records are cut to 40 bytes and keep their original length", async () => {
  await withLab(async (lab) => {
    const dir = await Deno.makeTempDir();
    try {
      const file = `${dir}/snap.pcap`;
      await captureToFile(lab, ["-i", "br0", "-s", "40", "-w", file]);
      const rows = (await tshark(file, ["frame.cap_len", "frame.len"])).map((r) => r.map(Number));
      // The three test frames (and any stray multicast frame) are longer than 40 bytes.
      assert(rows.length >= 3, rows.join(" "));
      for (const [cap, len] of rows) {
        assertEquals(cap, 40);
        assert(len > 40);
      }
      assertMatch(await sh(["capinfos", "-l", file]), /Packet size limit:\s+file hdr: 40 bytes/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

labTest("-G 1 -W 2: strftime-named files, one per second, then the capture ends", async () => {
  await withLab(async (lab) => {
    const dir = await Deno.makeTempDir();
    try {
      const p = new RawcapProcess(lab.nsBr, [
        "-i",
        "br0",
        "-w",
        `${dir}/cap-%H%M%S.pcap`,
        "-G",
        "1",
        "-W",
        "2",
        "udp",
      ]);
      await p.listening();
      for (const port of [7621, 7622, 7623]) {
        await lab.sendFromA([udpFrame({ dport: port })]);
        await sleep(1200);
      }
      const r = await p.finish(5000);
      assertEquals(r.code, 0, r.stderr);
      const files = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
      assertEquals(files.length, 2, files.join(" "));
      for (const f of files) assertMatch(f, /^cap-\d{6}\.pcap$/);
      const ports = [];
      for (const f of files) ports.push(...(await tshark(`${dir}/${f}`, ["udp.dstport"])).flat());
      assertEquals(ports, ["7621", "7622"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test({
  name: "-w to a path that cannot be written: one line, exit 1 (zero-copy and rotating writers)",
  ignore: !!labUnavailable(),
  async fn() {
    const [cmd, ...pre] = rawcapCommand();
    for (const extra of [[], ["-C", "1"]]) {
      const r = await new Deno.Command(cmd, {
        args: [...pre, "-i", "lo", ...extra, "-w", "/nonexistent-dir/cap.pcap"],
      }).output();
      const err = new TextDecoder().decode(r.stderr).trim();
      assertEquals(r.code, 1, err);
      assertEquals(
        err,
        "rawcap: /nonexistent-dir/cap.pcap: cannot open for writing: No such file or directory",
      );
    }
  },
});
