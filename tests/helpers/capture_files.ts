/**
 * Capture files built byte by byte, sound or deliberately not: pcap headers of any version
 * with records of any lengths, pcapng sections with any IDB options. For the tests of what
 * rawcap does with files tcpdump marks or rejects.
 */
import { bytes } from "./frames.ts";
import { udpFrame } from "../lab.ts";

/** A UDP/IPv4 frame of 60 bytes. */
export const FRAME: Uint8Array = udpFrame();

/** One pcap record as written: lengths need not agree with the data. */
export interface RawRecord {
  sec: number;
  /** Microseconds (or nanoseconds with a nano magic). */
  frac?: number;
  caplen?: number;
  len?: number;
  data?: Uint8Array;
}

/** A little-endian microsecond pcap file of version `major.minor`. */
export function pcapFile(records: RawRecord[], version: [number, number] = [2, 4]): Uint8Array {
  const hdr = new DataView(new ArrayBuffer(24));
  hdr.setUint32(0, 0xa1b2c3d4, true);
  hdr.setUint16(4, version[0], true);
  hdr.setUint16(6, version[1], true);
  hdr.setUint32(16, 262144, true);
  hdr.setUint32(20, 1, true);
  const parts: Uint8Array[] = [new Uint8Array(hdr.buffer)];
  for (const r of records) {
    const data = r.data ?? FRAME;
    const h = new DataView(new ArrayBuffer(16));
    h.setUint32(0, r.sec, true);
    h.setUint32(4, r.frac ?? 0, true);
    h.setUint32(8, r.caplen ?? data.length, true);
    h.setUint32(12, r.len ?? data.length, true);
    parts.push(new Uint8Array(h.buffer), data);
  }
  return bytes(...parts);
}

/** A pcapng option: code, length, value, padding. */
export function option(code: number, value: number[] | Uint8Array, length = value.length) {
  const v = Uint8Array.from(value);
  const out = new Uint8Array(4 + Math.ceil(v.length / 4) * 4);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, code, true);
  dv.setUint16(2, length, true);
  out.set(v, 4);
  return out;
}

function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, total, true);
  out.set(body, 8);
  dv.setUint32(total - 4, total, true);
  return out;
}

/**
 * A pcapng file: one section, one Ethernet interface whose IDB carries `idbOptions` as given
 * (no end-of-options is added), and one EPB per tick count in `ticks`.
 */
export function pcapngFile(idbOptions: Uint8Array[], ticks: bigint[]): Uint8Array {
  const shb = new DataView(new ArrayBuffer(16));
  shb.setUint32(0, 0x1a2b3c4d, true);
  shb.setUint16(4, 1, true);
  shb.setBigInt64(8, -1n, true);
  const idb = new DataView(new ArrayBuffer(8));
  idb.setUint16(0, 1, true);
  idb.setUint32(4, 262144, true);
  const epbs = ticks.map((t) => {
    const h = new DataView(new ArrayBuffer(20));
    h.setUint32(4, Number(t >> 32n), true);
    h.setUint32(8, Number(t & 0xffffffffn), true);
    h.setUint32(12, FRAME.length, true);
    h.setUint32(16, FRAME.length, true);
    return block(6, bytes(new Uint8Array(h.buffer), FRAME));
  });
  return bytes(
    block(0x0a0d0d0a, new Uint8Array(shb.buffer)),
    block(1, bytes(new Uint8Array(idb.buffer), ...idbOptions)),
    ...epbs,
  );
}

/** Result of one CLI run. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `argv` (a full command) with `stdin` bytes (kept open when `holdStdin`), stdout to a
 * pipe, or to the device `stdoutTo` (through sh's redirection, e.g. /dev/full).
 */
export async function runCommand(
  argv: string[],
  opts: { stdin?: Uint8Array; stdoutTo?: string } = {},
): Promise<Run> {
  const [cmd, ...args] = opts.stdoutTo
    ? ["sh", "-c", `exec "$@" > ${opts.stdoutTo}`, "sh", ...argv]
    : argv;
  const p = new Deno.Command(cmd, {
    args,
    stdin: opts.stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (opts.stdin) {
    const w = p.stdin.getWriter();
    await w.write(opts.stdin);
    await w.close();
  }
  const r = await p.output();
  const td = new TextDecoder();
  return { code: r.code, stdout: td.decode(r.stdout), stderr: td.decode(r.stderr) };
}
