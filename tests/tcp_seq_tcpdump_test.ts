/**
 * tcpdump's text details (issue 15b): relative TCP sequence numbers by default (`-S` for
 * absolute ones) from a bounded per-connection table, and `-A`, against tcpdump 4.99.
 */
import assert from "node:assert/strict";
import { TextPrinter } from "../src/format/text.ts";
import { TCP_SEQ_MAX_FLOWS } from "../src/format/text/tcp_seq.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { ether, F, ipv4, ipv6, pcapBytes, tcp, topt } from "./helpers/frames.ts";
import { rawcapCommand } from "./lab.ts";
import { hasTool } from "./helpers/tools.ts";

const text = (s: string) => new TextEncoder().encode(s);
const T0 = 1_700_000_000_000_000_000n;

/** A connection: handshake, data both ways with a SACK, and the close; `v6` over IPv6. */
function connection(v6: boolean, cport: number, sport: number, isnC: number, isnS: number) {
  const c = v6 ? "2001:db8::1" : "10.0.0.1", s = v6 ? "2001:db8::2" : "10.0.0.2";
  const seg = (
    fromClient: boolean,
    flags: number,
    seq: number,
    ack: number,
    data = "",
    o?: number[],
  ) => {
    const t = tcp({
      sport: fromClient ? cport : sport,
      dport: fromClient ? sport : cport,
      seq: seq >>> 0,
      ack: ack >>> 0,
      flags,
      options: o,
    }, text(data));
    const [src, dst] = fromClient ? [c, s] : [s, c];
    return v6
      ? ether({ type: 0x86dd }, ipv6({ src, dst, next: 6 }, t))
      : ether({ type: 0x0800 }, ipv4({ src, dst, proto: 6 }, t));
  };
  const req = "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    resp = "HTTP/1.1 200 OK\r\n\r\nhi\x01\xff\tend\r";
  return [
    seg(true, F.SYN, isnC, 0, "", topt.mss(1460)),
    seg(false, F.SYN | F.ACK, isnS, isnC + 1),
    seg(true, F.ACK, isnC + 1, isnS + 1),
    seg(true, F.PSH | F.ACK, isnC + 1, isnS + 1, req),
    seg(false, F.ACK, isnS + 1, isnC + 1 + req.length, "", topt.sack([[isnC + 40, isnC + 50]])),
    seg(false, F.PSH | F.ACK, isnS + 1, isnC + 1 + req.length, resp),
    seg(true, F.FIN | F.ACK, isnC + 1 + req.length, isnS + 1 + resp.length),
    seg(false, F.FIN | F.ACK, isnS + 1 + resp.length, isnC + 2 + req.length),
    seg(true, F.ACK, isnC + 2 + req.length, isnS + 2 + resp.length),
  ];
}

function frames(): Uint8Array[] {
  // Wrapping sequence numbers, equal ports (ordered by address), a connection seen mid-way.
  const mid = tcp({ sport: 1234, dport: 9000, seq: 5, ack: 9, flags: F.ACK });
  const mid2 = tcp({ sport: 1234, dport: 9000, seq: 6, ack: 10, flags: F.PSH | F.ACK }, text("x"));
  return [
    ...connection(false, 40000, 9000, 0xfffffff0, 1000),
    ...connection(true, 5000, 5000, 7, 0x80000000),
    ether({ type: 0x0800 }, ipv4({ src: "10.0.0.9", dst: "10.0.0.2", proto: 6 }, mid)),
    ether({ type: 0x0800 }, ipv4({ src: "10.0.0.9", dst: "10.0.0.2", proto: 6 }, mid2)),
  ];
}

function record(data: Uint8Array, i: number): PacketRecord {
  const ts = T0 + BigInt(i) * 1_000_000n;
  return {
    ts,
    iface: "",
    ifindex: 0,
    len: data.length,
    caplen: data.length,
    direction: "unknown",
    data,
  };
}

function tcpdump(file: string, flags: string[]): string {
  const out = new Deno.Command("tcpdump", {
    args: ["-n", "-t", ...flags, "-r", file],
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  assert.ok(out.success);
  return new TextDecoder().decode(out.stdout);
}

Deno.test({
  name: "tcp: relative sequence numbers, -S and -A equal tcpdump's",
  ignore: !hasTool("tcpdump"),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const f = frames(), file = dir + "/tcp.pcap";
      Deno.writeFileSync(file, pcapBytes(f.map((data, i) => ({ data, ts: record(data, i).ts }))));
      const modes: [string[], boolean, "A" | "AA" | undefined][] = [
        [[], true, undefined],
        [["-S"], false, undefined],
        [["-A"], true, "A"],
        [["-AA"], true, "AA"],
        [["-v"], true, undefined],
      ];
      for (const [flags, relativeSeq, ascii] of modes) {
        const p = new TextPrinter();
        const verbose = flags.includes("-v") ? 1 : 0;
        const ours = f.map((d, i) =>
          p.format(record(d, i), { tsFormat: "none", relativeSeq, ascii, verbose }) + "\n"
        ).join("");
        const theirs = tcpdump(file, flags).replace(/\n {4}/g, " ");
        assert.equal(ours, theirs, flags.join(" ") || "(default)");
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "tcp: the CLI prints relative numbers unless -S, and -A",
  ignore: !hasTool("tcpdump"),
  fn() {
    const dir = Deno.makeTempDirSync();
    try {
      const f = frames(), file = dir + "/tcp.pcap";
      Deno.writeFileSync(file, pcapBytes(f.map((data) => ({ data }))));
      const [cmd, ...pre] = rawcapCommand();
      for (const flags of [[], ["-S"], ["-A"]]) {
        const out = new Deno.Command(cmd, {
          args: [...pre, "-t", "-r", file, ...flags],
          stdout: "piped",
          stderr: "null",
        }).outputSync();
        assert.equal(new TextDecoder().decode(out.stdout), tcpdump(file, flags), flags.join(" "));
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test("tcp: the per-connection table is bounded, the oldest connection forgotten", () => {
  const p = new TextPrinter();
  const seg = (port: number, seq: number) =>
    ether(
      { type: 0x0800 },
      ipv4(
        { src: "10.0.0.1", dst: "10.0.0.2", proto: 6 },
        tcp({ sport: port, dport: 80, seq, ack: 100, flags: F.ACK }, text("a")),
      ),
    );
  const line = (d: Uint8Array) => p.format(record(d, 0), { tsFormat: "none", relativeSeq: true });
  assert.match(line(seg(1000, 500)), /seq 500:501, ack 100/);
  assert.match(line(seg(1000, 510)), /seq 10:11, ack 1/);
  for (let i = 1; i <= TCP_SEQ_MAX_FLOWS; i++) line(seg(1000 + i, 7));
  // Port 1000's connection was the oldest: it starts again.
  assert.match(line(seg(1000, 520)), /seq 520:521, ack 100/);
});
