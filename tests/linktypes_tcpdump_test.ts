/**
 * The text of frames that do not start with Ethernet (src/format/text/linktypes.ts) against
 * tcpdump 4.99: pcap files of each link type made from the sample frames and from frames at the
 * edges, printed by tcpdump and by the formatter line for line; and a real `tcpdump -i any`
 * capture (LINUX_SLL2) of a ping over a veth pair between two fresh network namespaces.
 */
import assert from "node:assert/strict";
import { formatText, type TextOptions } from "../src/format/text.ts";
import { LINKTYPE_LINUX_SLL2 } from "../src/packet/linktype.ts";
import { pcapBytes, readPcap, type Sample, samples } from "./helpers/frames.ts";
import { edgeSamples, RECAST_LINK_TYPES, samplesAs, tcpdumpLines } from "./helpers/linktypes.ts";
import { sampleRecord, T0 } from "./helpers/differential.ts";
import { hasTool } from "./helpers/tools.ts";
import { tcpdumpAnyFile } from "./lab.ts";

/** The name the tests' resolver gives interface 1 (as `if_indextoname` on this host). */
function hostIfName(index: number): string | undefined {
  const out = new Deno.Command("ip", { args: ["-o", "link", "show"], stdout: "piped" })
    .outputSync();
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    const m = /^(\d+): ([^:@]+)/.exec(line);
    if (m && Number(m[1]) === index) return m[2];
  }
  return undefined;
}

const names = new Map<number, string | undefined>();
/** `if_indextoname` of this host, by `ip link` (cached). */
function ifName(index: number): string | undefined {
  if (!names.has(index)) names.set(index, hostIfName(index));
  return names.get(index);
}

/** Samples whose text tcpdump and rawcap knowingly differ on (see text_test.ts). */
const NOT_COMPARED = new Set(["vlan-llc"]); // tcpdump decodes IPX; we stop at the LLC header

/** tcpdump's tab-indented lines that rawcap keeps on its one line, joined by spaces. */
function oneLine(t: string): string {
  const first = t.split("\t")[0];
  return /\b(STP 802|LACPv|MARKERv|LLDP, length|EAP packet|CDPv)/.test(first)
    ? t.replace(/\t */g, " ")
    : first;
}

const MODES: [string[], TextOptions][] = [
  [[], {}],
  [["-e"], { link: true }],
  [["-q"], { quiet: true }],
  [["-q", "-e"], { quiet: true, link: true }],
  [["-v"], { verbose: 1 }],
  [["-v", "-e"], { verbose: 1, link: true }],
];

/** Compares rawcap's lines for `frames` of `linkType` with tcpdump's in every mode. */
function compare(linkType: number, frames: Sample[], label: string): number {
  const dir = Deno.makeTempDirSync();
  let compared = 0;
  try {
    const file = dir + "/f.pcap";
    Deno.writeFileSync(
      file,
      pcapBytes(
        frames.map((x, i) => ({ data: x.data, len: x.len, ts: T0 + BigInt(i) * 1_000_000n })),
        linkType,
      ),
    );
    for (const [flags, opts] of MODES) {
      const theirs = tcpdumpLines(file, flags);
      assert.equal(theirs.length, frames.length, `${label} ${flags.join(" ")}: one line a frame`);
      frames.forEach((x, i) => {
        if (NOT_COMPARED.has(x.name)) return;
        // tcpdump ends a line with nothing after the time with a space, as rawcap does.
        const ours = formatText(sampleRecord(x, i, linkType), { ...opts, tsFormat: "utc", ifName })
          .replace(/ $/, "");
        const want = oneLine(theirs[i]);
        const what = `${label} ${flags.join(" ") || "(none)"} ${x.name}\n${ours}\n${want}`;
        if (opts.verbose && ours !== want) {
          // Accepted (as for Ethernet, text_test.ts): tcpdump -v continues some protocols and
          // a tunnel's inner packet on lines of their own; rawcap keeps them on its line.
          assert.ok(ours.startsWith(want.split("\t")[0]), what);
        } else assert.equal(ours, want, what);
        compared++;
      });
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
  return compared;
}

Deno.test({
  name: "text of every sample as cooked v1/v2, NULL, LOOP and raw IP matches tcpdump",
  ignore: !hasTool("tcpdump"),
  fn() {
    for (const lt of RECAST_LINK_TYPES) {
      const n = compare(lt, samplesAs(lt, samples()), "linktype " + lt);
      assert.ok(n > 6 * 150, `linktype ${lt}: compared ${n} lines`);
    }
  },
});

Deno.test({
  name: "text of cut headers, packet types, tags, families and versions matches tcpdump",
  ignore: !hasTool("tcpdump"),
  fn() {
    for (const lt of RECAST_LINK_TYPES) {
      const edges = edgeSamples(lt);
      assert.ok(edges.length >= 4);
      compare(lt, edges, "linktype " + lt + " edges");
    }
  },
});

Deno.test({
  name: "hex dumps of cooked, loopback and raw IP frames match tcpdump -x and -xx",
  ignore: !hasTool("tcpdump"),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      for (const lt of RECAST_LINK_TYPES) {
        const frames = [...samplesAs(lt, samples()).slice(0, 40), ...edgeSamples(lt)];
        const file = dir + "/f.pcap";
        Deno.writeFileSync(file, pcapBytes(frames.map((x) => ({ data: x.data })), lt));
        for (const flag of ["x", "xx"] as const) {
          const out = new Deno.Command("tcpdump", {
            args: ["-nn", "-" + flag, "-r", file],
            stdout: "piped",
            stderr: "null",
          }).outputSync();
          const each = new TextDecoder().decode(out.stdout).split(/\n(?=\d\d:)/);
          assert.equal(each.length, frames.length);
          frames.forEach((x, i) => {
            const ours = formatText(sampleRecord(x, i, lt), { hex: flag, ifName }).split("\n")
              .slice(1);
            const want = each[i].trimEnd().split("\n").filter((l) => l.startsWith("\t0x"));
            assert.deepEqual(ours, want, `linktype ${lt} -${flag} ${x.name}`);
          });
        }
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

const root = Deno.uid() === 0;

Deno.test({
  name: "a real tcpdump -i any capture (LINUX_SLL2) of a ping over veth prints as tcpdump's",
  ignore: !hasTool("tcpdump") || !hasTool("ip") || !hasTool("python3") || !root,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = Deno.makeTempDirSync();
    try {
      // The lab's capture: echo requests and replies over a veth pair, seen from one end.
      const file = await tcpdumpAnyFile(dir + "/any.pcap", "LINUX_SLL2", 3);
      const bytes = Deno.readFileSync(file);
      assert.equal(new DataView(bytes.buffer).getUint32(20, true), LINKTYPE_LINUX_SLL2);
      const recs = readPcap(bytes);
      assert.equal(recs.length, 6, `captured ${recs.length} frames`);
      // tcpdump names a record's interface by its index as this host names it: so does ifName.
      const names = new Map<number, string>();
      const links = new Deno.Command("ip", { args: ["-o", "link", "show"], stdout: "piped" })
        .outputSync();
      for (const line of new TextDecoder().decode(links.stdout).split("\n")) {
        const m = /^(\d+): ([^:@]+)/.exec(line);
        if (m) names.set(Number(m[1]), m[2]);
      }
      for (const flags of [[], ["-e"], ["-v"], ["-e", "-q"]]) {
        const out = new Deno.Command("tcpdump", {
          args: ["-n", ...flags, "-r", file],
          env: { TZ: "UTC" },
          stdout: "piped",
          stderr: "null",
        }).outputSync();
        const theirs = new TextDecoder().decode(out.stdout).replace(/\n {4}/g, " ")
          .split("\n").filter((l) => l !== "");
        assert.equal(theirs.length, recs.length);
        recs.forEach((r, i) => {
          const ours = formatText(
            {
              ts: r.ts,
              iface: "",
              ifindex: 0,
              len: r.len,
              caplen: r.data.length,
              direction: "unknown",
              data: r.data,
              linkType: LINKTYPE_LINUX_SLL2,
            },
            {
              tsFormat: "utc",
              relativeSeq: true,
              link: flags.includes("-e"),
              quiet: flags.includes("-q"),
              verbose: flags.includes("-v") ? 1 : 0,
              ifName: (n) => names.get(n),
            },
          );
          assert.equal(ours, theirs[i], `${flags.join(" ") || "(none)"} frame ${i + 1}`);
        });
      }
      assert.ok(recs.some((r) => r.data[10] === 4), "an outgoing frame (packet type Out)");
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

if (!hasTool("tcpdump")) console.log("ignored: tcpdump is not installed, oracle tests skipped");
