/**
 * The library API (mod.ts) end to end: capture() in the lab with an AbortSignal and
 * `await using`, filter and vlan options, two interfaces, count, the stream; files; errors.
 */
import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "./assert.ts";
import { ETH_P_8021AD, ETH_P_8021Q, type Lab, labUnavailable, udpFrame, withLab } from "./lab.ts";
import {
  capture as rawcapCapture,
  CaptureFileError,
  compileFilter,
  FilterSyntaxError,
  InterfaceNotFound,
  Packet,
  readCapture,
  StalePacketError,
  writeCapture,
} from "../mod.ts";
import { arp, ether, ipv4, ipv6, pcapBytes, tcp, udp } from "./helpers/frames.ts";
import { LIBRARY_PERMISSIONS } from "../scripts/shipped.ts";

const why = labUnavailable();
if (why) console.warn(`api_test: lab tests ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });
const MOD = new URL("../mod.ts", import.meta.url).href;

/**
 * A script run with mod.ts in a namespace, with the permissions the README tells library users
 * to grant (`--allow-ffi` alone for live capture); resolves to the JSON it prints last.
 */
class Script {
  readonly #child: Deno.ChildProcess;
  #stderr = "";
  readonly #out: Promise<string>;
  readonly #errDone: Promise<void>;

  constructor(ns: string, file: string, perms: readonly string[]) {
    this.#child = new Deno.Command("ip", {
      args: ["netns", "exec", ns, Deno.execPath(), "run", ...perms, file],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#out = new Response(this.#child.stdout).text();
    const stderr = this.#child.stderr;
    this.#errDone = (async () => {
      for await (const c of stderr.pipeThrough(new TextDecoderStream())) this.#stderr += c;
    })();
  }

  static async start(
    ns: string,
    body: string,
    perms: readonly string[] = LIBRARY_PERMISSIONS,
  ): Promise<Script> {
    const file = await Deno.makeTempFile({ suffix: ".ts" });
    await Deno.writeTextFile(file, `import * as rawcap from "${MOD}";\n${body}`);
    const s = new Script(ns, file, perms);
    await s.said("READY");
    return s;
  }

  /** Waits until the script has written `text` on stderr. */
  async said(text: string, ms = 15000): Promise<void> {
    const end = Date.now() + ms;
    while (!this.#stderr.includes(text)) {
      if (Date.now() > end) throw new Error(`script did not say ${text}: ${this.#stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async result(): Promise<unknown> {
    const st = await this.#child.status;
    const out = await this.#out;
    await this.#errDone;
    assertEquals(st.code, 0, this.#stderr);
    return JSON.parse(out.trim().split("\n").pop()!);
  }
}

async function sendMix(lab: Lab) {
  await lab.sendFromA([
    udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7801 }),
    udpFrame({ tags: [[ETH_P_8021Q, 200]], dport: 7802 }),
    udpFrame({ dport: 7803 }),
    udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 100]], dport: 7804 }),
    udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7805 }),
  ]);
}

labTest("capture(): AbortSignal, await using, vlan + filter options, stats", async () => {
  await withLab(async (lab) => {
    const s = await Script.start(
      lab.nsBr,
      `
const ports: number[] = [];
let stats;
{
  await using cap = rawcap.capture({
    interfaces: ["br0"], vlan: [100], filter: "udp", signal: AbortSignal.timeout(1500),
  });
  console.error("READY");
  for await (const p of cap) ports.push(p.udp?.dport ?? -1);
  stats = cap.stats();
}
console.log(JSON.stringify({ ports, received: stats.received }));
`,
    );
    await sendMix(lab);
    const r = await s.result() as { ports: number[]; received: number };
    // vlan 100 as outer tag, then udp after it: 7801, 7805; 7804 has 100 as its second tag
    // but `udp` then looks at the inner tag.
    assertEquals(r.ports, [7801, 7805]);
    assert(r.received >= 2);
  });
});

labTest("capture(): two interfaces, count, lazy views and clone()", async () => {
  await withLab(async (lab) => {
    await lab.addVethPair("xa", "xb");
    await lab.addVethPair("ya", "yb");
    const s = await Script.start(
      lab.nsBr,
      `
const seen: string[] = [];
const cap = rawcap.capture({ interfaces: ["xa", "ya"], count: 4 });
console.error("READY");
let first: rawcap.Packet | undefined;
let firstCopy: rawcap.Packet | undefined;
for await (const p of cap) {
  seen.push(p.iface + ":" + p.udp?.dport + ":" + p.ipv4?.src + ":" + (p.vlan[0]?.id ?? 0));
  if (!first) { first = p; firstCopy = p.clone(); }
}
let stale = "";
try {
  first!.udp;
} catch (e) {
  stale = (e as Error).name;
}
console.log(JSON.stringify({ seen, copy: firstCopy!.udp?.dport, json: firstCopy!.toJSON(), stale }));
`,
    );
    await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7811 }), udpFrame({ dport: 7812 })]);
    await lab.send(lab.nsBr, "yb", [
      udpFrame({ dport: 7813, tags: [[ETH_P_8021Q, 42]] }),
      udpFrame({ dport: 7814 }),
      udpFrame({ dport: 7815 }),
    ]);
    const r = await s.result() as {
      seen: string[];
      copy: number;
      json: Record<string, any>;
      stale: string;
    };
    assertEquals(r.stale, "StalePacketError"); // the first view's ring slot went back long ago
    assertEquals(r.seen.sort(), [
      "xa:7811:10.77.0.1:0",
      "xa:7812:10.77.0.1:0",
      "ya:7813:10.77.0.1:42",
      "ya:7814:10.77.0.1:0",
    ]);
    assertEquals(r.copy, 7811);
    assertEquals(r.json.udp.dport, 7811);
    assertEquals(r.json.iface, "xa");
  });
});

labTest("capture().readable hands out copies that stay valid", async () => {
  await withLab(async (lab) => {
    const s = await Script.start(
      lab.nsBr,
      `
const cap = rawcap.capture({ interfaces: ["br0"], filter: "udp", count: 3 });
console.error("READY");
const all: rawcap.Packet[] = [];
for await (const p of cap.readable) all.push(p);
await cap.close();
console.log(JSON.stringify(all.map((p) => p.udp?.dport)));
`,
    );
    await lab.sendFromA([7821, 7822, 7823].map((dport) => udpFrame({ dport })));
    assertEquals(await s.result(), [7821, 7822, 7823]);
  });
});

Deno.test({
  name: "capture(): typed errors for an unknown interface and a bad filter",
  ignore: !!why,
  fn() {
    assertThrows(() => rawcapCapture({ interfaces: ["nosuch0"] }), InterfaceNotFound);
    assertThrows(
      () => rawcapCapture({ interfaces: ["lo"], filter: "udp port" }),
      FilterSyntaxError,
    );
  },
});

Deno.test("readCapture/writeCapture: a round trip keeps frames, tags and timestamps", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const frames = [
      udpFrame({ dport: 7831 }),
      udpFrame({ tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 200]], dport: 7832 }),
    ];
    const ts = [1_700_000_000_123_456_789n, 1_700_000_001_000_000_001n];
    await Deno.writeFile(
      `${dir}/in.pcap`,
      pcapBytes(frames.map((data, i) => ({ data, ts: ts[i] }))),
    );
    const out = await writeCapture(`${dir}/out.pcapng`);
    for await (const p of readCapture(`${dir}/in.pcap`)) out.write(p);
    out.close();
    const back: Packet[] = [];
    const r = readCapture(`${dir}/out.pcapng`);
    for await (const p of r) back.push(p.clone());
    assertEquals(r.format, "pcapng");
    assertEquals(r.truncated, false);
    assertEquals(back.map((p) => p.ts), ts);
    assertEquals(back.map((p) => [...p.data]), frames.map((f) => [...f]));
    assertEquals(back[1].vlan.map((t) => [t.tpid, t.id]), [[0x88a8, 300], [0x8100, 200]]);
    assertEquals(back[1].udp?.dport, 7832);
    assertEquals(compileFilter("vlan 300 and vlan 200 and udp port 7832").matches(back[1]), true);
    assertEquals(compileFilter("vlan 300 and vlan 200 and udp port 7832").matches(back[0]), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readCapture: not a capture file is a CaptureFileError", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/junk.pcap`, "this is not a capture file at all\n");
    await assertRejects(async () => {
      for await (const _ of readCapture(`${dir}/junk.pcap`)) { /* nothing */ }
    }, CaptureFileError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

labTest(
  "--allow-ffi alone: listInterfaces(), and an interface deleted and re-created mid-capture",
  async () => {
    await withLab(async (lab) => {
      await lab.addVethPair("xa", "xb");
      const s = await Script.start(
        lab.nsBr,
        `
const names = rawcap.listInterfaces().map((i) => i.name).sort();
const events: string[] = [];
const ports: number[] = [];
{
  await using cap = rawcap.capture({
    interfaces: ["xa"], filter: "udp", signal: AbortSignal.timeout(8000),
    onInterfaceEvent: (e) => { events.push(e.type + ":" + e.iface); console.error(e.type); },
  });
  console.error("READY");
  for await (const p of cap) {
    ports.push(p.udp?.dport ?? -1);
    if (ports.length === 2) break;
  }
}
console.log(JSON.stringify({ names, events, ports }));
`,
      );
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7841 })]);
      await lab.exec(lab.nsBr, ["ip", "link", "del", "xa"]);
      await s.said("gone");
      await lab.addVethPair("xa", "xb");
      await s.said("back");
      await lab.send(lab.nsBr, "xb", [udpFrame({ dport: 7842 })]);
      const r = await s.result() as { names: string[]; events: string[]; ports: number[] };
      assertEquals(r.names, ["br0", "lo", "pa", "pb", "xa", "xb"]);
      assertEquals(r.events, ["gone:xa", "back:xa"]);
      assertEquals(r.ports, [7841, 7842]);
    });
  },
);

Deno.test("without --allow-ffi or --allow-read: PermissionDenied naming the flag, at once", async () => {
  const file = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(
      file,
      `import * as rawcap from "${MOD}";
const out: string[] = [];
const attempt = async (f: () => unknown) => {
  try {
    await f();
    out.push("no error");
  } catch (e) {
    out.push(\`\${e instanceof rawcap.PermissionDenied} \${(e as Error).message}\`);
  }
};
await attempt(() => rawcap.capture({ interfaces: ["lo"] }));
await attempt(() => rawcap.listInterfaces());
await attempt(async () => { for await (const _ of rawcap.readCapture("${file}")) break; });
await attempt(() => rawcap.writeCapture("${file}.pcap"));
console.log(JSON.stringify(out));
`,
    );
    const r = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
    const out = JSON.parse(new TextDecoder().decode(r.stdout)) as string[];
    assertEquals(out.length, 4);
    for (
      const [i, flag] of ["--allow-ffi", "--allow-ffi", "--allow-read", "--allow-write"].entries()
    ) {
      assert(out[i].startsWith("true "), out[i]);
      assert(out[i].includes(`run it with ${flag}`), out[i]);
    }
  } finally {
    await Deno.remove(file);
  }
});

labTest('capture(): interfaces ["any"] with direction "in" / "out" (as -i any -Q)', async () => {
  await withLab(async (lab) => {
    const s = await Script.start(
      lab.nsBr,
      `
const collect = async (direction: "in" | "out", count: number) => {
  const seen: string[] = [];
  await using cap = rawcap.capture({
    interfaces: ["any"], direction, filter: "udp port 7851", count,
    signal: AbortSignal.timeout(8000),
  });
  ready++;
  if (ready === 2) console.error("READY");
  for await (const p of cap) seen.push(p.iface);
  return seen.sort();
};
let ready = 0;
const [incoming, outgoing] = await Promise.all([collect("in", 2), collect("out", 1)]);
console.log(JSON.stringify({ incoming, outgoing }));
`,
    );
    // From host A to host B through the bridge: received on pa and br0, sent out of pb.
    await lab.sendFromA([udpFrame({ dport: 7851 })]);
    const r = await s.result() as { incoming: string[]; outgoing: string[] };
    assertEquals(r.incoming, ["br0", "pa"]);
    assertEquals(r.outgoing, ["pb"]);
  });
});

Deno.test("capture(): an empty or mixed interface list, or a bad direction, is refused at once", () => {
  assertThrows(() => rawcapCapture({ interfaces: [] }), RangeError, "no interface given");
  assertThrows(() => rawcapCapture({ interfaces: ["any", "lo"] }), RangeError, '"any"');
  assertThrows(
    () => rawcapCapture({ interfaces: ["lo"], direction: "sideways" as "in" }),
    RangeError,
    "direction",
  );
});

Deno.test("writeCapture(): `await using` closes the file at the end of the block", async () => {
  const dir = await Deno.makeTempDir();
  try {
    {
      await using out = await writeCapture(`${dir}/u.pcapng`);
      for (const dport of [7861, 7862]) out.write(new Packet(recordOf(udpFrame({ dport }))));
    }
    const ports: (number | undefined)[] = [];
    const r = readCapture(`${dir}/u.pcapng`);
    for await (const p of r) ports.push(p.udp?.dport);
    assertEquals(ports, [7861, 7862]);
    assertEquals(r.truncated, false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A record around hand-made frame bytes. */
function recordOf(data: Uint8Array) {
  return {
    ts: 1_700_000_000_000_000_000n,
    iface: "",
    ifindex: 0,
    len: data.length,
    caplen: data.length,
    direction: "unknown" as const,
    data,
  };
}

Deno.test("Packet.from(): hand-made bytes decode without a capture; payload is a view", () => {
  const frame = udpFrame({ tags: [[ETH_P_8021Q, 42]], dport: 7871, payload: "abc" });
  const p = Packet.from(frame, { iface: "lab0", ts: 5n });
  assertEquals([p.iface, p.ts, p.len, p.caplen, p.direction], ["lab0", 5n, 60, 60, "unknown"]);
  assertEquals(p.vlan[0].id, 42);
  assertEquals(p.udp?.dport, 7871);
  assertEquals(p.ipv4?.src, "10.77.0.1");
  // The payload is what no decoder claimed: the three bytes after the UDP header.
  assertEquals(new TextDecoder().decode(p.payload), "abc");
  assertEquals(p.payload?.buffer, frame.buffer);
  // Views are cached: the same object on every read.
  assertEquals(p.udp === p.udp, true);
  const dns = Packet.from(udpFrame({ dport: 53, payload: "x".repeat(12) }));
  assertEquals(dns.payload, undefined); // DNS claimed it
});

Deno.test("Packet.flowKey(): one key for both directions of a conversation", () => {
  const there = Packet.from(udpFrame({ tags: [[ETH_P_8021Q, 100]], sport: 40000, dport: 9999 }));
  const back = Packet.from(
    udpFrame({
      tags: [[ETH_P_8021Q, 100]],
      srcIp: [10, 77, 0, 9],
      dstIp: [10, 77, 0, 1],
      sport: 9999,
      dport: 40000,
    }),
  );
  assertEquals(there.flowKey(), "vlan 100 udp 10.77.0.1:40000 <> 10.77.0.9:9999");
  assertEquals(back.flowKey(), there.flowKey());
  const other = Packet.from(udpFrame({ tags: [[ETH_P_8021Q, 200]], sport: 40000, dport: 9999 }));
  assert(other.flowKey() !== there.flowKey(), "the VLAN is part of the flow");
  const v6 = Packet.from(
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "2001:db8::2", dst: "2001:db8::1", next: 6 },
        tcp({ sport: 443, dport: 51000, flags: 0x10 }),
      ),
    ),
  );
  assertEquals(v6.flowKey(), "tcp [2001:db8::1]:51000 <> [2001:db8::2]:443");
  const icmp = Packet.from(
    ether(
      { type: 0x0800 },
      ipv4({ src: "10.0.0.2", dst: "10.0.0.1", proto: 1 }, new Uint8Array(8)),
    ),
  );
  assertEquals(icmp.flowKey(), "icmp 10.0.0.1 <> 10.0.0.2");
  const a = Packet.from(
    ether(
      { src: "02:00:00:00:00:0a", dst: "ff:ff:ff:ff:ff:ff", type: 0x0806, pad: true },
      arp({
        op: 1,
        sha: "02:00:00:00:00:0a",
        spa: "10.0.0.1",
        tha: "00:00:00:00:00:00",
        tpa: "10.0.0.2",
      }),
    ),
  );
  assertEquals(a.flowKey(), "ether 0x0806 02:00:00:00:00:0a <> ff:ff:ff:ff:ff:ff");
  // Through a tunnel, the addresses are those that carry the ports.
  const inner = ipv4(
    { src: "192.168.0.1", dst: "192.168.0.2", proto: 17 },
    udp({ sport: 1, dport: 2 }, new Uint8Array(4)),
  );
  const tunnel = Packet.from(
    ether({ type: 0x0800 }, ipv4({ src: "10.0.0.1", dst: "10.0.0.2", proto: 4 }, inner)),
  );
  assertEquals(tunnel.flowKey(), "udp 192.168.0.1:1 <> 192.168.0.2:2");
});

Deno.test("readCapture(): stale views throw, { copy: true } and clone() keep, { filter } selects", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/f.pcap`;
    await Deno.writeFile(
      file,
      pcapBytes([7881, 7882, 7883].map((dport, i) => ({
        data: udpFrame({ dport, tags: i === 1 ? [[ETH_P_8021Q, 100]] : [] }),
      }))),
    );
    const views: Packet[] = [];
    const kept: Packet[] = [];
    for await (const p of readCapture(file)) {
      views.push(p);
      kept.push(p.clone());
    }
    assertThrows(() => views[0].udp, StalePacketError, "clone()");
    assertThrows(() => views[0].data, StalePacketError, "copy: true");
    assertThrows(() => views[2].flowKey(), StalePacketError); // stale once the iteration ended
    assertEquals(kept.map((p) => p.udp?.dport), [7881, 7882, 7883]);
    const copies: Packet[] = [];
    for await (const p of readCapture(file, { copy: true })) copies.push(p);
    assertEquals(copies.map((p) => p.udp?.dport), [7881, 7882, 7883]);
    const vlan: number[] = [];
    for await (const p of readCapture(file, { filter: "vlan 100 and udp" })) {
      vlan.push(p.udp!.dport);
    }
    assertEquals(vlan, [7882]);
    assertThrows(() => readCapture(file, { filter: "udp port" }), FilterSyntaxError);
    const streamed: Packet[] = [];
    for await (const p of readCapture(file).readable) streamed.push(p);
    assertEquals(streamed.map((p) => p.udp?.dport), [7881, 7882, 7883]); // copies, still valid
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeCapture({ rotate }): -C files keep their extension (cap-0001.pcapng)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    {
      await using out = await writeCapture(`${dir}/cap.pcapng`, { rotate: { fileSizeMB: 0.001 } });
      for (let i = 0; i < 60; i++) out.write(Packet.from(udpFrame({ dport: 7900 + i })));
    }
    const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert(names.length >= 3, names.join(" "));
    assertEquals(names[0], "cap-0001.pcapng");
    assertEquals(names.at(-1), "cap.pcapng");
    for (const n of names) assertMatch(n, /^cap(-\d{4})?\.pcapng$/);
    let total = 0;
    for (const n of names) for await (const _ of readCapture(`${dir}/${n}`)) total++;
    assertEquals(total, 60);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
