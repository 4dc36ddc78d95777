/**
 * What the per-family tcpdump/tshark differential tests share: a scapy program's frames, those
 * frames cut at every length after a header, records around samples, and tshark's fields.
 */
import assert from "node:assert/strict";
import type { PacketRecord } from "../../src/packet/packet.ts";
import { pcapBytes, readPcap, type Sample } from "./frames.ts";

/** The time of the first sample record; each next one is a millisecond later. */
export const T0 = 1_700_000_000_000_000_000n;

/**
 * The frames a scapy program writes to the pcap named by its first argument (run with Debian's
 * python3, which has scapy), named "scapy 1", "scapy 2"...
 */
export function scapyFrames(program: string): Sample[] {
  const dir = Deno.makeTempDirSync();
  try {
    const file = dir + "/scapy.pcap";
    const out = new Deno.Command("/usr/bin/python3", {
      args: ["-c", program, file],
      stdout: "null",
      stderr: "piped",
    }).outputSync();
    if (!out.success) throw new Error("scapy: " + new TextDecoder().decode(out.stderr));
    return readPcap(Deno.readFileSync(file)).map((r, i) => ({
      name: "scapy " + (i + 1),
      data: r.data,
    }));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/**
 * Each frame cut at `from(frame)`, then every `step` octets up to its end (the original length
 * kept as `len`); frames `from` gives -1 for are not cut.
 */
export function cutsOf(
  whole: readonly Sample[],
  from: (d: Uint8Array) => number,
  step = 1,
): Sample[] {
  const cuts: Sample[] = [];
  for (const w of whole) {
    const start = from(w.data);
    if (start < 0) continue;
    for (let n = start; n < w.data.length; n += step) {
      cuts.push({ name: w.name + " cut at " + n, data: w.data.subarray(0, n), len: w.data.length });
    }
  }
  return cuts;
}

/**
 * Sample `i` as a record: captured at T0 plus `i` milliseconds, no interface; its bytes of
 * `linkType` (LINKTYPE_*) when given, else Ethernet.
 */
export function sampleRecord(s: Sample, i: number, linkType?: number): PacketRecord {
  const rec: PacketRecord = {
    ts: T0 + BigInt(i) * 1_000_000n,
    iface: "",
    ifindex: 0,
    len: s.len ?? s.data.length,
    caplen: s.data.length,
    direction: "unknown",
    data: s.data,
  };
  if (linkType !== undefined) rec.linkType = linkType;
  return rec;
}

/**
 * tshark's `fields` for each frame (of link type `linkType`, Ethernet by default), by field
 * name ("" where tshark has none).
 */
export function tsharkFields(
  frames: readonly Sample[],
  fields: string[],
  linkType = 1,
): Record<string, string>[] {
  const dir = Deno.makeTempDirSync();
  try {
    const file = dir + "/f.pcap";
    Deno.writeFileSync(
      file,
      pcapBytes(frames.map((x) => ({ data: x.data, len: x.len })), linkType),
    );
    const out = new Deno.Command("tshark", {
      args: ["-r", file, "-T", "fields", "-E", "separator=/t", ...fields.flatMap((f) => ["-e", f])],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    assert.ok(out.success, "tshark ran");
    return new TextDecoder().decode(out.stdout).replace(/\n$/, "").split("\n").map((row) => {
      const cols = row.split("\t");
      return Object.fromEntries(fields.map((f, c) => [f, cols[c] ?? ""]));
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}
