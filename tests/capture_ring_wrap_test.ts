/**
 * The real TPACKET_V3 ring, wrapped several times under `-w`: a ring of 4 blocks (the
 * smallest, `-B 64`) filled to the last block while rawcap is stopped, three times over, and
 * written zero-copy into a pipe. Every frame written must be byte for byte a frame that was
 * sent, in order, none twice.
 */
import { assert, assertEquals } from "./assert.ts";
import { type Lab, labUnavailable, MAC_A, MAC_B, RawcapProcess, withLab } from "./lab.ts";
import { ether, ipv4, readPcap, udp } from "./helpers/frames.ts";

const why = labUnavailable();
if (why) console.warn(`capture_ring_wrap_test: lab tests ignored: ${why}`);

const PORT = 7950;

/** Frame `seq`: its number in the payload, 1242-1512 bytes long depending on it. */
function frame(seq: number): Uint8Array {
  const payload = new Uint8Array(1200 + (seq * 97) % 270);
  for (let i = 0; i < payload.length; i++) payload[i] = (seq + i) & 0xff;
  new DataView(payload.buffer).setUint32(0, seq);
  return ether(
    { src: MAC_A, dst: MAC_B, type: 0x0800 },
    ipv4(
      { src: "10.77.0.1", dst: "10.77.0.9", proto: 17, df: true },
      udp({ sport: 40000, dport: PORT }, payload),
    ),
  );
}

/** The sequence number in a frame as written (payload after 14 + 20 + 8 header bytes). */
function seqOf(data: Uint8Array): number {
  return new DataView(data.buffer, data.byteOffset).getUint32(42);
}

/**
 * Sends `frames` from host A as fast as a raw socket takes them. After the first `resumeAt`
 * frames it sends SIGCONT to process `pid` and goes on at once, so the rest arrive while that
 * process drains what the first part left.
 */
async function blast(lab: Lab, frames: Uint8Array[], pid: number, resumeAt: number) {
  // Frames go to the sender as they are, each after its 2-byte length.
  const input = new Uint8Array(frames.reduce((n, f) => n + 2 + f.length, 0));
  let at = 0;
  for (const f of frames) {
    input.set([f.length >> 8, f.length & 0xff], at);
    input.set(f, at + 2);
    at += 2 + f.length;
  }
  const script = [
    "import os, signal, socket, sys",
    "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
    's.bind(("eth0", 0))',
    "data = sys.stdin.buffer.read()",
    "frames, i = [], 0",
    "while i < len(data):",
    "    n = data[i] << 8 | data[i + 1]",
    "    frames.append(data[i + 2:i + 2 + n])",
    "    i += 2 + n",
    `for f in frames[:${resumeAt}]: s.send(f)`,
    `os.kill(${pid}, signal.SIGCONT)`,
    `for f in frames[${resumeAt}:]: s.send(f)`,
  ].join("\n");
  const p = new Deno.Command("ip", {
    args: ["netns", "exec", lab.nsA, "python3", "-c", script],
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const w = p.stdin.getWriter();
  await w.write(input);
  await w.close();
  const r = await p.output();
  if (!r.success) throw new Error(`sending failed: ${new TextDecoder().decode(r.stderr)}`);
}

Deno.test({
  name: "-w with a 4-block ring wrapped 3+ times: every written frame is byte for byte one sent, " +
    "in order, none twice",
  ignore: !!why,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // Guards the ring block lifetime with the zero-copy writer (src/capture/ring.ts #hold and
    // #release, src/output/ring_writer.ts): rawcap is stopped while more than a ring's worth
    // arrives, so the kernel freezes waiting for the oldest block; frames keep coming while
    // rawcap drains, so each block it hands back is refilled at once. The file is a pipe (-w -):
    // each writev waits for the reader, which widens the window. A block handed back before
    // its frames are written is overwritten under the writer, and the output then holds frames
    // that were never sent that way.
    await withLab(async (lab) => {
      const p = new RawcapProcess(lab.nsBr, [
        "-i",
        "br0",
        "-B",
        "64",
        "-w",
        "-",
        "--stats",
        `udp port ${PORT}`,
      ]);
      // Each burst: 1800 frames (more than the 2 MiB ring holds) while rawcap is stopped,
      // then 1200 more as it drains the full ring.
      const BURSTS = 3, PER_BURST = 3000;
      try {
        await p.listening();
        for (let b = 0; b < BURSTS; b++) {
          p.kill("SIGSTOP");
          try {
            const frames = Array.from({ length: PER_BURST }, (_, i) => frame(b * PER_BURST + i));
            await blast(lab, frames, p.pid, 1800);
          } finally {
            p.kill("SIGCONT");
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        p.kill("SIGINT");
      }
      const r = await p.finish();
      assertEquals(r.code, 0, `exit code\n${r.stderr}`);
      const m = r.stderr.match(
        /^br0: (\d+) packets received, (\d+) dropped by kernel, (\d+) ring freezes$/m,
      );
      assert(m, `no --stats line\n${r.stderr}`);
      const [received, dropped, freezes] = m.slice(1).map(Number);
      assert(received <= BURSTS * PER_BURST, `more received than sent\n${r.stderr}`);
      assert(
        freezes >= BURSTS - 1,
        `the ring did not fill while rawcap was stopped: ${r.stderr}`,
      );
      const recs = readPcap(await p.stdoutBytes());
      assertEquals(recs.length, received - dropped, `records != received - dropped\n${r.stderr}`);
      // What went through the ring (each frame plus its ~80-byte header) is more than three
      // times the ring's 4 x 512 KiB.
      const through = recs.reduce((n, rec) => n + rec.data.length + 64, 0);
      assert(through > 3 * 4 * 512 * 1024, `${recs.length} frames, ${through} bytes written`);
      let last = -1;
      for (const [i, rec] of recs.entries()) {
        const seq = seqOf(rec.data);
        assert(seq > last, `record ${i}: frame ${seq} after frame ${last}`);
        assert(seq < BURSTS * PER_BURST, `record ${i}: no frame ${seq} was sent`);
        const sent = frame(seq);
        assertEquals(rec.len, sent.length, `record ${i} (frame ${seq})`);
        assert(
          rec.data.length === sent.length && rec.data.every((b, j) => b === sent[j]),
          `record ${i} (frame ${seq}) differs from the frame sent`,
        );
        last = seq;
      }
    });
  },
});
