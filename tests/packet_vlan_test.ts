/**
 * Putting back a VLAN tag the kernel stripped (src/packet/vlan.ts): libpcap's rule, shared by
 * the ring and recvmsg, with its priority (PCP) and drop eligible (DEI) bits: the whole TCI, not
 * only the id. Unit tests of putBackVlanTag, and live captures in the lab on both read paths
 * (ring, recvmsg) written as pcap, pcapng and NDJSON, checked by tshark (`vlan.*`,
 * `ieee8021ad.*`) and byte for byte.
 */
import { assert, assertEquals } from "./assert.ts";
import { ETH_P_8021AD, ETH_P_8021Q, putBackVlanTag, VLAN_HLEN } from "../src/packet/vlan.ts";
import { ether, ipv4, readPcap, type Tag, udp } from "./helpers/frames.ts";
import { labUnavailable, lines, MAC_A, MAC_B, RawcapProcess, sh, withLab } from "./lab.ts";
import { hasTool } from "./helpers/tools.ts";

Deno.test("a stripped tag goes back after the MAC addresses; the frame starts 4 bytes earlier", () => {
  const frame = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
  const buf = new Uint8Array(VLAN_HLEN + frame.length);
  buf.set(frame, VLAN_HLEN);
  assertEquals(
    putBackVlanTag(new DataView(buf.buffer), VLAN_HLEN, frame.length, ETH_P_8021AD, 0x2064),
    VLAN_HLEN,
  );
  assertEquals([...buf.subarray(0, 12)], [...frame.subarray(0, 12)]);
  assertEquals([...buf.subarray(12, 16)], [0x88, 0xa8, 0x20, 0x64]);
  assertEquals([...buf.subarray(16)], [...frame.subarray(12)]);
});

Deno.test("a frame cut before its EtherType gets no tag: nothing moves, no length is added", () => {
  for (const caplen of [0, 6, 11]) {
    const buf = Uint8Array.from({ length: VLAN_HLEN + caplen }, (_, i) => i);
    const before = buf.slice();
    assertEquals(
      putBackVlanTag(new DataView(buf.buffer), VLAN_HLEN, caplen, ETH_P_8021AD, 1),
      0,
      `caplen ${caplen}`,
    );
    assertEquals([...buf], [...before]);
  }
});

Deno.test("the tag put back carries the whole TCI: PCP, DEI and id", () => {
  // Guards the TCI's byte order and that no TCI bit is masked off.
  for (const tci of [0x0064, 0xb064, 0x1001, 0xeffe, 0xffff, 0x7000]) {
    for (const tpid of [ETH_P_8021Q, ETH_P_8021AD]) {
      const buf = new Uint8Array(VLAN_HLEN + 20);
      const macs = Uint8Array.from({ length: 12 }, (_, i) => i + 1);
      buf.set(macs, VLAN_HLEN);
      buf.set([0x08, 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff], VLAN_HLEN + 12);
      assertEquals(putBackVlanTag(new DataView(buf.buffer), VLAN_HLEN, 20, tpid, tci), VLAN_HLEN);
      assertEquals([...buf.subarray(0, 12)], [...macs]);
      assertEquals([buf[12], buf[13]], [tpid >> 8, tpid & 0xff]);
      assertEquals([buf[14], buf[15]], [tci >> 8, tci & 0xff], `tci 0x${tci.toString(16)}`);
      assertEquals([...buf.subarray(16, 24)], [0x08, 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Live: tags with non-zero PCP and DEI, outer and inner, on both read paths.

const why = labUnavailable() ?? (hasTool("tshark") ? undefined : "needs tshark");
if (why) console.warn(`packet_vlan_test: lab tests ignored: ${why}`);

/** Test traffic: dport -> tags as sent (outer first). */
const TAGGED: [number, Tag[]][] = [
  [7901, [{ tpid: ETH_P_8021Q, id: 100, pcp: 5, dei: 1 }]],
  [7902, [{ tpid: ETH_P_8021Q, id: 4094, pcp: 7, dei: 0 }]],
  [7903, [{ tpid: ETH_P_8021Q, id: 1, pcp: 0, dei: 1 }]],
  [7904, [{ tpid: ETH_P_8021AD, id: 300, pcp: 3, dei: 1 }, {
    tpid: ETH_P_8021Q,
    id: 200,
    pcp: 6,
    dei: 0,
  }]],
  [7905, [{ tpid: ETH_P_8021AD, id: 301, pcp: 1, dei: 0 }, {
    tpid: ETH_P_8021Q,
    id: 201,
    pcp: 2,
    dei: 1,
  }]],
];

function frameFor(dport: number, tags: Tag[]): Uint8Array {
  return ether(
    { src: MAC_A, dst: MAC_B, type: 0x0800, tags, pad: true },
    ipv4(
      { src: "10.77.0.1", dst: "10.77.0.9", proto: 17, df: true },
      udp({ sport: 40000, dport }, new TextEncoder().encode("prio")),
    ),
  );
}

const SENT = new Map(TAGGED.map(([port, tags]) => [port, frameFor(port, tags)]));

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** tshark's fields per frame, keyed by UDP destination port. */
async function tsharkFields(file: string, fields: string[]): Promise<Map<number, string[]>> {
  const args = ["-r", file, "-T", "fields", "-E", "separator=/t", "-E", "aggregator=,"];
  for (const f of ["udp.dstport", ...fields]) args.push("-e", f);
  const rows = lines(await sh(["tshark", ...args])).map((l) => l.split("\t"));
  return new Map(rows.filter((r) => r[0] !== "").map((r) => [Number(r[0]), r.slice(1)]));
}

Deno.test({
  name: "PCP and DEI of outer (802.1ad) and inner tags survive the ring and recvmsg paths into " +
    "pcap, pcapng and NDJSON",
  ignore: !!why,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // Guards the TCI put back by ring.ts (tp_vlan_tci) and recv.ts (auxdata tp_vlan_tci), the
    // zero-copy writer and the NDJSON vlan array: a lost or shifted PCP/DEI bit fails here.
    await withLab(async (lab) => {
      const dir = await Deno.makeTempDir();
      try {
        // Four captures at once: each path writes one format zero-copy-or-plain and prints
        // NDJSON alongside one of them (--print takes the plain writer, not the ring's).
        const runs = [
          { path: "ring", out: "pcap", json: false, extra: [] as string[] },
          { path: "ring", out: "pcapng", json: true, extra: [] },
          { path: "recvmsg", out: "pcap", json: true, extra: ["--recvmsg"] },
          { path: "recvmsg", out: "pcapng", json: false, extra: ["--recvmsg"] },
        ].map((r) => ({
          ...r,
          args: ["-i", "br0", "-w", `${dir}/${r.path}.${r.out}`, ...r.extra].concat(
            r.json ? ["--print", "--json"] : [],
          ),
        }));
        const procs = runs.map((r) => new RawcapProcess(lab.nsBr, r.args));
        try {
          await Promise.all(procs.map((p) => p.listening()));
          await lab.sendFromA([...SENT.values()]);
          await new Promise((r) => setTimeout(r, 300));
        } finally {
          for (const p of procs) p.kill("SIGTERM");
        }
        const results = await Promise.all(procs.map((p) => p.finish()));
        for (const [i, r] of results.entries()) {
          const { path, out, json } = runs[i];
          const what = `${path} ${out}`;
          assertEquals(r.code, 0, `${what}: ${r.stderr}`);
          if (json) {
            const recs = lines(r.stdout).map((l) => JSON.parse(l));
            for (const [port, tags] of TAGGED) {
              const rec = recs.find((j) => j.udp?.dport === port);
              assert(rec, `${what}: no record for ${port}: ${r.stdout}`);
              assertEquals(rec.vlan, tags, `${what} NDJSON ${port}`);
              assertEquals(rec.len, SENT.get(port)!.length, `${what} ${port}`);
            }
          }
          const file = `${dir}/${path}.${out}`;
          const got = await tsharkFields(file, [
            "vlan.priority",
            "vlan.dei",
            "vlan.id",
            "ieee8021ad.priority",
            "ieee8021ad.dei",
            "ieee8021ad.id",
          ]);
          for (const [port, tags] of TAGGED) {
            const row = got.get(port);
            assert(row, `${what}: tshark saw no frame for ${port}`);
            const q = tags.find((t) => t.tpid === ETH_P_8021Q)!;
            const ad = tags.find((t) => t.tpid === ETH_P_8021AD);
            assertEquals(row, [
              String(q.pcp),
              String(q.dei),
              String(q.id),
              ad ? String(ad.pcp) : "",
              ad ? String(ad.dei) : "",
              ad ? String(ad.id) : "",
            ], `${what} ${port}`);
          }
          if (out === "pcap") {
            // Byte for byte: the frame in the file is the frame on the sender's wire.
            const recs = readPcap(await Deno.readFile(file));
            for (const [port, tags] of TAGGED) {
              const sent = SENT.get(port)!;
              const at = 14 + 4 * tags.length + 20 + 2;
              const rec = recs.find((x) => (x.data[at] << 8 | x.data[at + 1]) === port);
              assert(rec, `${what}: no record for ${port}`);
              assertEquals(hex(rec.data), hex(sent), `${what} ${port}`);
              assertEquals(rec.len, sent.length);
            }
          }
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    });
  },
});
