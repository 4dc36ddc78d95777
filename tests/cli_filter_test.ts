/**
 * Filters on live sockets: the compiled program is attached in the kernel (visible with
 * `ss -0 -b`), VLAN tests work although the kernel stripped the outer tag, and --vlan joins
 * the same program. (Frame-for-frame agreement with tcpdump on files is in
 * filter_differential_test.ts.)
 */
import { assertEquals, assertMatch } from "./assert.ts";
import {
  ETH_P_8021AD,
  ETH_P_8021Q,
  labUnavailable,
  lines,
  MAC_A,
  MAC_B,
  rawcapCommand,
  RawcapProcess,
  udpFrame,
  withLab,
} from "./lab.ts";
import { be16, be32, bytes, ether, ether8023, ipv4, udp } from "./helpers/frames.ts";
import { compileFilter } from "../src/filter/mod.ts";

const why = labUnavailable();
if (why) console.warn(`cli_filter_test: lab tests ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const TRAFFIC = () => [
  udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7701 }),
  udpFrame({ tags: [[ETH_P_8021Q, 200]], dport: 7702 }),
  udpFrame({ dport: 7703 }),
  udpFrame({ tags: [[ETH_P_8021AD, 100], [ETH_P_8021Q, 200]], dport: 7704 }),
  udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 100]], dport: 7705 }),
];

/** Ports of the frames a live capture with `args` printed. */
async function livePorts(args: string[], inspect?: (ns: string) => Promise<void>) {
  return await withLab(async (lab) => {
    const p = new RawcapProcess(lab.nsBr, ["-i", "br0", ...args]);
    try {
      await p.listening();
      await inspect?.(lab.nsBr);
      await lab.sendFromA(TRAFFIC());
      await sleep(300);
    } finally {
      p.kill("SIGINT");
    }
    const r = await p.finish();
    assertEquals(r.code, 0, r.stderr);
    return lines(r.stdout).map((l) => l.match(/\.(\d+): UDP/)?.[1]).filter(Boolean);
  });
}

labTest(
  "'udp and vlan 100' live: the stripped outer tag is tested through ancillary data",
  async () => {
    // 7704's outer tag is 100 too, but the tag left inline makes `udp` (tested before the
    // `vlan` keyword shifts the offsets) false: libpcap's semantics.
    assertEquals(await livePorts(["udp and vlan 100"]), ["7701"]);
    assertEquals(await livePorts(["vlan 100 and udp"]), ["7701"]);
    assertEquals(await livePorts(["vlan 100"]), ["7701", "7704"]);
  },
);

labTest("'vlan 300 and vlan 100': a chain across the stripped tag and the inline one", async () => {
  assertEquals(await livePorts(["vlan 300 and vlan 100 and udp"]), ["7705"]);
});

labTest("'udp and not vlan' live: only the untagged frame", async () => {
  assertEquals(await livePorts(["udp and not vlan"]), ["7703"]);
});

labTest(
  "--vlan joins the kernel program: any of the (first two) tags, with an expression",
  async () => {
    assertEquals(await livePorts(["--vlan", "200"]), ["7702", "7704"]);
    assertEquals(await livePorts(["--vlan", "100", "udp port 7701"]), ["7701"]);
  },
);

labTest("the program is attached in the kernel (ss -0 -b shows it)", async () => {
  const expr = "udp and vlan 100";
  const want = compileFilter(expr).insns.map((i) =>
    `0x${i.code.toString(16).padStart(2, "0")} ${i.jt} ${i.jf} ${i.k >>> 0}`
  );
  let seen = "";
  await livePorts([expr], async (ns) => {
    const p = await new Deno.Command("ip", { args: ["netns", "exec", ns, "ss", "-0", "-b"] })
      .output();
    seen = new TextDecoder().decode(p.stdout);
  });
  const m = seen.match(/bpf filter \((\d+)\):\s*(.*)/);
  assertMatch(seen, /bpf filter/);
  assertEquals(Number(m![1]), want.length);
  assertEquals(m![2].split(",").map((s) => s.trim()).filter(Boolean), want);
});

labTest(
  "a filter longer than the kernel takes: a warning, then it runs in user space",
  async () => {
    // 1,500 hosts nobody uses, then the ports wanted: ~17,000 instructions.
    const hosts = Array.from({ length: 1500 }, (_, i) => `host 10.200.${i >> 8}.${i & 255}`);
    // The tag the kernel stripped is back inline, where the user-space program looks for it.
    const expr = [...hosts, "udp port 7703", "(vlan 100 and udp port 7701)"].join(" or ");
    assertEquals(compileFilter(expr).tooLongForKernel, true);
    await withLab(async (lab) => {
      const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-Q", "in", expr]);
      try {
        await p.listening(30000);
        await lab.sendFromA(TRAFFIC());
        await sleep(300);
      } finally {
        p.kill("SIGINT");
      }
      const r = await p.finish();
      assertEquals(r.code, 0, r.stderr);
      assertMatch(
        r.stderr,
        /^rawcap: warning: filter too long for the kernel \(\d+ BPF instructions, at most 4096\); filtering in user space\n/,
      );
      const ports = lines(r.stdout).map((l) => l.match(/\.(\d+): UDP/)?.[1]).filter(Boolean);
      assertEquals(ports, ["7701", "7703"]);
    });
  },
);

Deno.test({
  name: "a filter syntax error: one line with the position, exit 2",
  async fn() {
    const [cmd, ...args] = rawcapCommand();
    const r = await new Deno.Command(cmd, { args: [...args, "-i", "lo", "udp port"] }).output();
    const err = new TextDecoder().decode(r.stderr).trim();
    assertEquals(r.code, 2);
    assertEquals(err.split("\n").length, 1, err);
    assertMatch(err, /^rawcap: expected .* at position 8/);
  },
});

labTest(
  "new primitives live: pppoes, llc, vlan then mpls, geneve, ifindex and inbound in the kernel",
  async () => {
    const ip = (dport: number) =>
      ipv4({ src: "10.77.0.1", dst: "10.77.0.9", proto: 17 }, udp({ sport: 1, dport }, bytes(0)));
    const pppoes = (session: number, dport: number) => {
      const ppp = bytes(be16(0x0021), ip(dport));
      return ether(
        { src: MAC_A, dst: MAC_B, type: 0x8864 },
        bytes(0x11, 0, be16(session), be16(ppp.length), ppp),
      );
    };
    const mpls = (label: number, dport: number) =>
      ether(
        { src: MAC_A, dst: MAC_B, type: 0x8847, tags: [{ id: 100 }] },
        bytes(be32((label << 12) | 0x100 | 64), ip(dport)),
      );
    const geneve = (vni: number) =>
      ether(
        { src: MAC_A, dst: MAC_B, type: 0x0800 },
        ipv4(
          { src: "10.77.0.1", dst: "10.77.0.9", proto: 17 },
          udp(
            { sport: 1, dport: 6081 },
            bytes(0, 0, be16(0x0800), be32(vni << 8), ip(7810)),
          ),
        ),
      );
    const frames = [
      pppoes(1234, 7801), // 0: pppoes 1234 and udp port 7801
      pppoes(99, 7801),
      ether8023({ src: MAC_A, dst: MAC_B, dsap: 4, ssap: 4, ctrl: 0x03 }, bytes(0)), // 2: llc ui
      ether8023({ src: MAC_A, dst: MAC_B, dsap: 4, ssap: 4, ctrl: 0x00 }, bytes(0, 0)),
      udpFrame({ dport: 7803 }), // 4: ifindex of br0
      mpls(5, 7804), // 5: vlan 100 and mpls 5
      mpls(6, 7804),
      geneve(77), // 7: geneve 77 and udp port 7810
      geneve(78),
      udpFrame({ dport: 7805 }), // 9: inbound
    ];
    await withLab(async (lab) => {
      const idx = Number((await lab.exec(lab.nsBr, ["cat", "/sys/class/net/br0/ifindex"])).trim());
      const picked = async (expr: string) => {
        const p = new RawcapProcess(lab.nsBr, ["-i", "br0", "-w", "-", expr]);
        try {
          await p.listening();
          await lab.sendFromA(frames);
          await sleep(300);
        } finally {
          p.kill("SIGINT");
        }
        const r = await p.finish();
        assertEquals(r.code, 0, r.stderr);
        // The bridge may drop the Ethernet padding: a frame is known by its first bytes.
        return readFrames(await p.stdoutBytes()).map((f) =>
          frames.findIndex((s) => s.length >= f.length && f.every((b, i) => b === s[i]))
        );
      };
      // vlan, mpls, pppoes and geneve move what follows them, so each comes last.
      const expr = [
        "llc ui",
        `(ifindex ${idx} and udp port 7803)`,
        `(ifindex ${idx + 100} and udp port 7805)`,
        "(inbound and udp port 7805)",
        "(outbound and udp port 7803)",
        "(geneve 77 and udp port 7810)",
      ].join(" or ");
      assertEquals(await picked(expr), [2, 4, 7, 9]);
      assertEquals(await picked("pppoes 1234 and udp port 7801"), [0]);
      assertEquals(await picked("vlan 100 and mpls 5 and udp port 7804"), [5]);
    });
  },
);

/** The frames of a classic pcap stream. */
function readFrames(b: Uint8Array): Uint8Array[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 24; at + 16 <= b.length;) {
    const incl = v.getUint32(at + 8, true);
    out.push(b.slice(at + 16, at + 16 + incl));
    at += 16 + incl;
  }
  return out;
}
