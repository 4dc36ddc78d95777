/**
 * Link types other than Ethernet in files (src/packet/linktype.ts and everything that reads
 * it): `tcpdump -i any` captures (LINUX_SLL2, LINUX_SLL), raw IP and BSD loopback files are
 * read by `readCapture` and `rawcap -r`, decoded from the network layer, filtered at their
 * own offsets, and written back with their own link type. tcpdump reads what rawcap wrote.
 */
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { labUnavailable, rawcapCommand, sh, tcpdumpAnyFile } from "./lab.ts";
import { bytes, ipv4, ipv6, pcapBytes, udp } from "./helpers/frames.ts";
import { nullHeader } from "./helpers/linktypes.ts";
import {
  LINK_TYPES,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
  linkTypeByName,
  linkTypeInfo,
  linkTypeLabel,
} from "../src/packet/linktype.ts";
import {
  CaptureFileError,
  compileFilter,
  Packet,
  type PacketRecord,
  readCapture,
  writeCapture,
} from "../mod.ts";
import { LIBRARY_PERMISSIONS } from "../scripts/shipped.ts";

const why = labUnavailable();
if (why) console.warn(`linktype_test: tests that make tcpdump -i any files ignored: ${why}`);
const labTest = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !!why, fn, sanitizeResources: false, sanitizeOps: false });

const enc = new TextEncoder();
const T0 = 1_700_000_000_000_000_000n;

async function rawcap(args: string[]) {
  const [cmd, ...rest] = rawcapCommand();
  const r = await new Deno.Command(cmd, {
    args: [...rest, ...args],
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const td = new TextDecoder();
  return { code: r.code, out: td.decode(r.stdout), err: td.decode(r.stderr) };
}

/**
 * `tcpdump -r file -n [more]`, one line per packet: rawcap keeps -v's continuation lines on the
 * packet's line, one space apart.
 */
async function tcpdumpLines(file: string, ...more: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const l of (await sh(["tcpdump", "-r", file, "-n", ...more])).split("\n")) {
    if (/^\s/.test(l) && out.length > 0) out[out.length - 1] += " " + l.trim();
    else if (l) out.push(l);
  }
  return out;
}

const udp4 = (dport: number) =>
  ipv4(
    { src: "10.1.0.1", dst: "10.1.0.2", proto: 17 },
    udp({ sport: 999, dport }, enc.encode("x")),
  );
const udp6 = (dport: number) =>
  ipv6({ src: "fd00::1", dst: "fd00::2", next: 17 }, udp({ sport: 999, dport }, enc.encode("y")));
/** Hand-made files of the link types without a capture tool of their own here. */
const HANDMADE: { name: string; linkType: number; frames: Uint8Array[] }[] = [
  { name: "RAW", linkType: LINKTYPE_RAW, frames: [udp4(5000), udp6(4123), udp4(7)] },
  {
    name: "NULL",
    linkType: LINKTYPE_NULL,
    frames: [
      bytes(nullHeader(2, false), udp4(5000)),
      bytes(nullHeader(30, false), udp6(4123)),
      bytes(nullHeader(2, false), udp4(7)),
    ],
  },
  {
    name: "LOOP",
    linkType: LINKTYPE_LOOP,
    frames: [
      bytes(nullHeader(2, true), udp4(5000)),
      bytes(nullHeader(24, true), udp6(4123)),
      bytes(nullHeader(2, true), udp4(7)),
    ],
  },
];

Deno.test("linktype: numbers and names are libpcap's, both ways", () => {
  assertEquals(
    LINK_TYPES.map((t) => [t.value, t.name]),
    [[0, "NULL"], [1, "EN10MB"], [101, "RAW"], [108, "LOOP"], [113, "LINUX_SLL"], [
      276,
      "LINUX_SLL2",
    ]],
  );
  for (const t of LINK_TYPES) {
    assertEquals(linkTypeByName(t.name.toLowerCase()), t);
    assertEquals(linkTypeByName(`DLT_${t.name}`), t);
    assertEquals(linkTypeInfo(t.value), t);
  }
  assertEquals(linkTypeByName("IEEE802_11"), undefined);
  assertEquals(linkTypeLabel(LINKTYPE_LINUX_SLL2), "LINUX_SLL2 (Linux cooked v2)");
  assertEquals(linkTypeLabel(105), "LINKTYPE 105");
});

labTest(
  "linktype: tcpdump -i any files (SLL2, SLL) read, decode, filter and write back",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      for (const [name, value] of [["LINUX_SLL2", 276], ["LINUX_SLL", 113]] as const) {
        const src = await tcpdumpAnyFile(`${dir}/${name}.pcap`, name, 2);
        // The library: packets say their link type and decode from the network layer.
        const seen: string[] = [];
        const reader = readCapture(src);
        for await (const p of reader) {
          assertEquals(p.linkType, value);
          assertEquals(p.eth, undefined);
          seen.push(`${p.ipv4?.src}>${p.ipv4?.dst} icmp ${p.icmp?.type}`);
        }
        assertEquals(reader.linkType, value);
        assertEquals(seen, [
          "10.66.0.2>10.66.0.1 icmp 8",
          "10.66.0.1>10.66.0.2 icmp 0",
          "10.66.0.2>10.66.0.1 icmp 8",
          "10.66.0.1>10.66.0.2 icmp 0",
        ]);
        const want = await tcpdumpLines(src);
        // Written back by the library (pcap and pcapng) and by the CLI (file to file, and with a
        // filter compiled for the file's link type): tcpdump reads the same packets.
        for (const ext of ["pcap", "pcapng"]) {
          const out = `${dir}/${name}-lib.${ext}`;
          const w = await writeCapture(out);
          for await (const p of readCapture(src)) w.write(p);
          w.close();
          assertEquals(await tcpdumpLines(out), want, `${name} ${ext}`);
        }
        const copied = `${dir}/${name}-cli.pcap`;
        let r = await rawcap(["-r", src, "-w", copied]);
        assertEquals(r.code, 0, r.err);
        assertEquals(
          await Deno.readFile(copied).then((b) => b.length),
          (await Deno.readFile(src)).length,
        );
        assertEquals(await tcpdumpLines(copied), want);
        const replies = `${dir}/${name}-replies.pcap`;
        r = await rawcap(["-r", src, "-w", replies, "icmp[icmptype] = icmp-echoreply"]);
        assertEquals(r.code, 0, r.err);
        assertEquals(
          await tcpdumpLines(replies),
          await tcpdumpLines(src, "icmp[icmptype] = icmp-echoreply"),
        );
        assertEquals((await tcpdumpLines(replies)).length, 2);
        // Printed, with the record path (a filter reading the direction in the cooked header).
        r = await rawcap(["-r", src, "-n", "inbound"]);
        assertEquals(r.code, 0, r.err);
        assertEquals(r.out.split("\n").filter((l) => l), await tcpdumpLines(src, "inbound"));
        // -d compiles for the file's link type, as tcpdump -r f -d does (the same loads; the
        // block order is the optimizer's, as on Ethernet).
        r = await rawcap(["-r", src, "-d", "ip host 10.66.0.1"]);
        assertEquals(r.out, compileFilter("ip host 10.66.0.1", { linkType: value }).dump());
        const loads = (s: string) =>
          s.split("\n").filter((l) => / ld/.test(l)).map((l) => l.slice(6));
        assertEquals(
          loads(r.out),
          loads(await sh(["tcpdump", "-r", src, "-d", "ip host 10.66.0.1"])),
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("linktype: raw IP and BSD loopback files read, print, filter and copy as tcpdump", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const { name, linkType, frames } of HANDMADE) {
      const src = `${dir}/${name}.pcap`;
      await Deno.writeFile(src, pcapBytes(frames.map((data) => ({ data })), linkType));
      const ports: (number | undefined)[] = [];
      for await (const p of readCapture(src)) {
        assertEquals(p.linkType, linkType);
        ports.push(p.udp?.dport);
      }
      assertEquals(ports, [5000, 4123, 7], name);
      for (const args of [[], ["-e"], ["-v"], ["udp port 5000"], ["ip6"]]) {
        const r = await rawcap(["-r", src, "-n", ...args]);
        assertEquals(r.code, 0, r.err);
        assertEquals(
          r.out.split("\n").filter((l) => l),
          await tcpdumpLines(src, ...args),
          `${name} ${args.join(" ")}`,
        );
      }
      const out = `${dir}/${name}-out.pcapng`;
      const r = await rawcap(["-r", src, "-w", out, "ip6 or udp port 7"]);
      assertEquals(r.code, 0, r.err);
      assertEquals(await tcpdumpLines(out), await tcpdumpLines(src, "ip6 or udp port 7"));
      assertEquals(
        (await sh(["tshark", "-r", out, "-T", "fields", "-e", "frame.encap_type"])).trim().split(
          "\n",
        ).length,
        2,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("linktype: a pcap file holds one link type; pcapng one interface per link type", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const rec = (data: Uint8Array, linkType: number, iface = "x"): PacketRecord => ({
      ts: T0,
      iface,
      ifindex: 0,
      len: data.length,
      caplen: data.length,
      direction: "unknown",
      data,
      linkType,
    });
    const eth = new Uint8Array(60);
    eth[12] = 0x08;
    const w = await writeCapture(`${dir}/one.pcap`);
    w.write(rec(udp4(53), LINKTYPE_RAW));
    assertThrows(
      () => w.write(rec(eth, LINKTYPE_ETHERNET)),
      (e: unknown) =>
        e instanceof CaptureFileError && e.kind === "linktype" &&
        /a pcap file holds one link type: this one is RAW \(Raw IP\)/.test(e.message),
    );
    w.close();
    assertEquals(
      new DataView((await Deno.readFile(`${dir}/one.pcap`)).buffer).getUint32(20, true),
      101,
    );
    // An empty pcap file is Ethernet, as before link types.
    (await writeCapture(`${dir}/empty.pcap`)).close();
    assertEquals(
      new DataView((await Deno.readFile(`${dir}/empty.pcap`)).buffer).getUint32(20, true),
      1,
    );
    const ng = await writeCapture(`${dir}/two.pcapng`);
    ng.write(rec(eth, LINKTYPE_ETHERNET));
    ng.write(rec(udp4(53), LINKTYPE_RAW));
    ng.write(rec(udp4(54), LINKTYPE_RAW));
    ng.close();
    const got: [string, number][] = [];
    for await (const p of readCapture(`${dir}/two.pcapng`)) got.push([p.iface, p.linkType]);
    assertEquals(got, [["x", 1], ["x", 101], ["x", 101]]);
    const encaps = await sh([
      "tshark",
      "-r",
      `${dir}/two.pcapng`,
      "-T",
      "fields",
      "-e",
      "frame.encap_type",
    ]);
    assertEquals(encaps.trim().split("\n"), ["1", "7", "7"]); // Wiretap: Ethernet, raw IP
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("linktype: Packet.from and compileFilter take a link type", () => {
  const p = Packet.from(udp4(53), { linkType: LINKTYPE_RAW });
  assertEquals([p.linkType, p.eth, p.ipv4?.dst, p.udp?.dport], [101, undefined, "10.1.0.2", 53]);
  assertEquals(Packet.from(udp4(53)).ipv4, undefined); // taken as Ethernet: not IP
  const dns = compileFilter("udp port 53");
  assert(dns.matches(p), "a packet is filtered with the program for its link type");
  assert(!dns.matches(udp4(53)), "bytes are Ethernet unless the options say otherwise");
  assert(compileFilter("udp port 53", { linkType: LINKTYPE_RAW }).matches(udp4(53)));
  // The protocol field: at 0 in a v2 header, at 14 in v1.
  const first = (linkType: number) => compileFilter("ip", { linkType }).dump().split("\n")[0];
  assertEquals(first(LINKTYPE_LINUX_SLL2), "(000) ldh      [0]");
  assertEquals(first(LINKTYPE_LINUX_SLL), "(000) ldh      [14]");
});

labTest(
  "linktype: a script written from the README reads an SLL2 file (--allow-read alone)",
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const src = await tcpdumpAnyFile(`${dir}/any.pcap`);
      const script = `${dir}/sll2.ts`;
      await Deno.writeTextFile(
        script,
        `import { readCapture } from ${JSON.stringify(new URL("../mod.ts", import.meta.url).href)};
const flows = new Map<string, number>();
for await (const p of readCapture(Deno.args[0], { filter: "icmp" })) {
  flows.set(p.flowKey(), (flows.get(p.flowKey()) ?? 0) + 1);
}
console.log(JSON.stringify([...flows]));
`,
      );
      const perms = LIBRARY_PERMISSIONS.filter((p) => p !== "--allow-ffi");
      const r = await new Deno.Command(Deno.execPath(), {
        args: ["run", ...perms, "--allow-read", script, src],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(r.code, 0, new TextDecoder().decode(r.stderr));
      const flows = JSON.parse(new TextDecoder().decode(r.stdout));
      assertEquals(flows.length, 1, JSON.stringify(flows)); // both directions, one conversation
      assertEquals(flows[0][1], 4);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);
