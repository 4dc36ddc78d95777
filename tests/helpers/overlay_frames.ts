/**
 * Sample frames of the overlays and encapsulations (issue 15 family 3): VXLAN, Geneve, MPLS,
 * PPPoE, ERSPAN, ESP, AH, SCTP; `samples()` in frames.ts takes them all.
 */
import { be16, be32, bytes, ether, icmpEcho, ipv4, ipv6, type Sample, udp } from "./frames.ts";

const O4 = "192.0.2.1", D4 = "192.0.2.2", I4 = "10.0.0.1", J4 = "10.0.0.2";
const text = (s: string) => new TextEncoder().encode(s);

/** The inner Ethernet frame a tunnel carries: an ICMP echo, with VLAN tags when given. */
function innerPing(tags: { id: number }[] = []): Uint8Array {
  return ether(
    { src: "02:00:00:00:00:0a", dst: "02:00:00:00:00:0b", type: 0x0800, tags },
    ipv4({ src: I4, dst: J4, proto: 1 }, icmpEcho(8, 1, 1, text("ping"))),
  );
}

/** The overlay samples. */
export function overlaySamples(): Sample[] {
  const s: Sample[] = [];
  const add = (name: string, data: Uint8Array, len?: number) => s.push({ name, data, len });
  const udp4 = (sport: number, dport: number, payload: Uint8Array) =>
    ether({ type: 0x0800 }, ipv4({ src: O4, dst: D4, proto: 17 }, udp({ sport, dport }, payload)));
  const vx = (vni: number, flags = 0x08) => bytes(flags, 0, 0, 0, be32(vni << 8));
  // VXLAN
  add("vxlan-ping", udp4(50000, 4789, bytes(vx(100, 0x0c), innerPing())));
  add("vxlan-vlan", udp4(50001, 4789, bytes(vx(4096), innerPing([{ id: 30 }]))));
  add(
    "vxlan-ipv6",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "2001:db8::1", dst: "2001:db8::2", next: 17 },
        udp({ sport: 50002, dport: 4789 }, bytes(vx(7), innerPing())),
      ),
    ),
  );
  const vxFull = udp4(50000, 4789, bytes(vx(100, 0x0c), innerPing()));
  add("vxlan-cut-header", vxFull.subarray(0, 46), vxFull.length);
  add("vxlan-cut-inner", vxFull.subarray(0, 55), vxFull.length);
  // Geneve
  const gen = (vni: number, proto: number, opts: Uint8Array = new Uint8Array(0), flags = 0) =>
    bytes(opts.length / 4, flags, be16(proto), be32(vni << 8), opts);
  add("geneve-teb", udp4(50003, 6081, bytes(gen(200, 0x6558), innerPing())));
  add(
    "geneve-ipv4",
    udp4(
      50004,
      6081,
      bytes(
        gen(201, 0x0800),
        ipv4(
          { src: "10.1.0.1", dst: "10.1.0.2", proto: 17 },
          udp({ sport: 1, dport: 2 }, text("xx")),
        ),
      ),
    ),
  );
  const opts = bytes(be16(0x0102), 0x80, 1, be32(0x00010002), be16(0x0104), 1, 0);
  const genFull = udp4(50005, 6081, bytes(gen(0xabcdef, 0x6558, opts, 0x40), innerPing()));
  add("geneve-options", genFull);
  add("geneve-cut-header", genFull.subarray(0, 46), genFull.length);
  add("geneve-cut-options", genFull.subarray(0, 55), genFull.length);
  // MPLS
  const mplsE = (label: number, tc: number, s: number, ttl: number) =>
    be32((label << 12) | (tc << 9) | (s << 8) | ttl);
  const ping4 = ipv4({ src: I4, dst: J4, proto: 1 }, icmpEcho(8, 1, 1, text("x")));
  add("mpls-ipv4", ether({ type: 0x8847 }, bytes(mplsE(100, 0, 1, 64), ping4)));
  const stack = ether(
    { type: 0x8847 },
    bytes(
      mplsE(16, 5, 0, 255),
      mplsE(200, 0, 1, 63),
      ipv4({ src: I4, dst: J4, proto: 17 }, udp({ sport: 1, dport: 2 }, text("xx"))),
    ),
  );
  add("mpls-stack", stack);
  add(
    "mpls-ipv6",
    ether(
      { type: 0x8848 },
      bytes(
        mplsE(2, 0, 1, 10),
        ipv6(
          { src: "2001:db8::1", dst: "2001:db8::2", next: 17 },
          udp({ sport: 1, dport: 2 }, text("x")),
        ),
      ),
    ),
  );
  add("mpls-cut-stack", stack.subarray(0, 20), stack.length);
  add("mpls-cut-ip", stack.subarray(0, 30), stack.length);
  return s;
}
