/**
 * Sample frames of the overlays and encapsulations (issue 15 family 3): VXLAN, Geneve, MPLS,
 * PPPoE, ERSPAN, ESP, AH, SCTP; `samples()` in frames.ts takes them all.
 */
import {
  be16,
  be32,
  bytes,
  ether,
  gre,
  icmpEcho,
  ip4 as ip4b,
  ipv4,
  ipv6,
  type Sample,
  udp,
} from "./frames.ts";

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
  // PPPoE
  const tagB = (type: number, v: Uint8Array) => bytes(be16(type), be16(v.length), v);
  const uniq = Uint8Array.of(0x12, 0x34, 0x56, 0x78);
  const pppoeD = (code: number, ses: number, ...tags: Uint8Array[]) => {
    const t = bytes(...tags);
    return bytes(0x11, code, be16(ses), be16(t.length), t);
  };
  const disc = (dst: string, p: Uint8Array) => ether({ dst, type: 0x8863, pad: true }, p);
  const bc = "ff:ff:ff:ff:ff:ff", ac = "02:00:00:00:00:02";
  add(
    "pppoe-padi",
    disc(bc, pppoeD(0x09, 0, tagB(0x0101, new Uint8Array(0)), tagB(0x0103, uniq))),
  );
  const pado = disc(
    ac,
    pppoeD(
      0x07,
      0,
      tagB(0x0101, text("isp")),
      tagB(0x0102, text("bras-1")),
      tagB(0x0103, uniq),
      tagB(0x0104, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)),
    ),
  );
  add("pppoe-pado", pado);
  add("pppoe-padr", disc(ac, pppoeD(0x19, 0, tagB(0x0101, text("isp")), tagB(0x0103, uniq))));
  add("pppoe-pads", disc(ac, pppoeD(0x65, 0x1234, tagB(0x0101, text("isp")))));
  add("pppoe-padt", disc(ac, pppoeD(0xa7, 0x1234)));
  add("pppoe-cut-tags", pado.subarray(0, 34), pado.length);
  add("pppoe-cut-header", pado.subarray(0, 17), pado.length);
  const ses = (proto: number, p: Uint8Array) =>
    ether(
      { type: 0x8864, pad: true },
      bytes(0x11, 0, be16(0x1234), be16(p.length + 2), be16(proto), p),
    );
  const cp = (code: number, id: number, ...opts: (number | Uint8Array)[]) => {
    const o = bytes(...opts);
    return bytes(code, id, be16(o.length + 4), o);
  };
  const lcpReq = ses(
    0xc021,
    cp(1, 1, 1, 4, be16(1492), 3, 5, be16(0xc223), 5, 5, 6, be32(0x11223344), 7, 2, 8, 2),
  );
  add("pppoe-lcp-conf-req", lcpReq);
  add("pppoe-lcp-cut", lcpReq.subarray(0, 30), lcpReq.length);
  add("pppoe-lcp-echo", ses(0xc021, cp(10, 3, be32(0x11223344))));
  add("pppoe-lcp-term", ses(0xc021, cp(5, 4)));
  add("pppoe-ipcp-nak", ses(0x8021, cp(3, 2, 3, 6, ip4b("100.64.0.2"), 129, 6, ip4b("9.9.9.9"))));
  add("pppoe-ip6cp", ses(0x8057, cp(1, 5, 1, 10, be32(0x02000000), be32(0x000000ff))));
  add(
    "pppoe-ipv4",
    ses(
      0x0021,
      ipv4({ src: "100.64.0.2", dst: "8.8.8.8", proto: 1 }, icmpEcho(8, 7, 1, text("hi"))),
    ),
  );
  add(
    "pppoe-ipv6",
    ses(
      0x0057,
      ipv6(
        { src: "2001:db8::1", dst: "2001:db8::2", next: 17 },
        udp({ sport: 9, dport: 9 }, text("x")),
      ),
    ),
  );
  // ERSPAN in GRE (tcpdump 4.99 prints gre-proto-0x88be; NDJSON decodes it)
  const greA = (p: Uint8Array) => ether({ type: 0x0800 }, ipv4({ src: O4, dst: D4, proto: 47 }, p));
  const e2 = (vlan: number, cos: number, session: number, index: number) =>
    bytes(be16((1 << 12) | vlan), be16((cos << 13) | (3 << 11) | session), be32(index));
  add("erspan-ii", greA(gre({ proto: 0x88be, seq: 5 }, bytes(e2(0, 0, 10, 0), innerPing()))));
  add(
    "erspan-ii-vlan",
    greA(gre({ proto: 0x88be, seq: 6 }, bytes(e2(30, 3, 11, 5), innerPing([{ id: 30 }])))),
  );
  const e3 = bytes(be16(2 << 12), be16(12), be32(0x12345678), be16(0), be16((1 << 4) | (3 << 1)));
  const e3Frame = greA(gre({ proto: 0x22eb, seq: 7 }, bytes(e3, innerPing())));
  add("erspan-iii", e3Frame);
  add("erspan-i", greA(gre({ proto: 0x88be }, innerPing())));
  add("erspan-cut-header", e3Frame.subarray(0, 50), e3Frame.length);
  // IPsec
  const esp4 = ether(
    { type: 0x0800 },
    ipv4(
      { src: O4, dst: D4, proto: 50 },
      bytes(be32(0x1001), be32(1), new Uint8Array(40).fill(0x11)),
    ),
  );
  add("esp-ipv4", esp4);
  add(
    "esp-ipv6",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "2001:db8::1", dst: "2001:db8::2", next: 50 },
        bytes(be32(0x1002), be32(2), new Uint8Array(40).fill(0x22)),
      ),
    ),
  );
  add("esp-nat-t", udp4(4500, 4500, bytes(be32(0x3001), be32(9), new Uint8Array(20).fill(0x33))));
  add("esp-cut", esp4.subarray(0, 40), esp4.length);
  const ahB = (next: number, spi: number, seq: number, icv: Uint8Array) =>
    bytes(next, icv.length / 4 + 1, 0, 0, be32(spi), be32(seq), icv);
  const tcpSyn = bytes(be16(1), be16(2), be32(1000), be32(0), 0x50, 0x02, be16(8192), 0, 0, 0, 0);
  const ah4 = ether(
    { type: 0x0800 },
    ipv4(
      { src: O4, dst: D4, proto: 51 },
      bytes(ahB(6, 0x2001, 3, new Uint8Array(12).fill(0xaa)), tcpSyn),
    ),
  );
  add("ah-ipv4-tcp", ah4);
  add(
    "ah-ipv4-icmp",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: O4, dst: D4, proto: 51 },
        bytes(ahB(1, 0x2004, 6, new Uint8Array(0)), icmpEcho(8, 1, 2, text("ah"))),
      ),
    ),
  );
  add(
    "ah-ipv6-icmp6",
    ether(
      { type: 0x86dd },
      // The builder does not fill the ICMPv6 checksum behind AH: a bad one to print.
      ipv6(
        { src: "2001:db8::1", dst: "2001:db8::2", next: 51 },
        bytes(
          ahB(58, 0x2002, 4, new Uint8Array(12).fill(0xbb)),
          128,
          0,
          0,
          0,
          be16(1),
          be16(1),
        ),
      ),
    ),
  );
  add("ah-cut-spi", ah4.subarray(0, 40), ah4.length);
  add("ah-cut-icv", ah4.subarray(0, 54), ah4.length);
  // SCTP
  const sctp4 = (...chunks: Uint8Array[]) =>
    ether({ type: 0x0800 }, ipv4({ src: O4, dst: D4, proto: 132 }, bytes(...chunks)));
  const common = (sport: number, dport: number, tag: number) =>
    bytes(be16(sport), be16(dport), be32(tag), be32(0));
  const chunk = (type: number, flags: number, body: Uint8Array) => {
    const c = bytes(type, flags, be16(body.length + 4), body);
    return bytes(c, new Uint8Array((4 - (c.length % 4)) % 4));
  };
  const initBody = (tag: number, os: number, tsn: number) =>
    bytes(be32(tag), be32(65536), be16(os), be16(os), be32(tsn));
  add("sctp-init", sctp4(common(5000, 5001, 0), chunk(1, 0, initBody(0x11223344, 10, 1000))));
  add(
    "sctp-init-ack",
    sctp4(
      common(5001, 5000, 0x11223344),
      chunk(2, 0, bytes(initBody(0x55667788, 5, 2000), be16(7), be16(8), be32(0xc0c0c0c0))),
    ),
  );
  const dataSack = sctp4(
    common(5000, 5001, 0x55667788),
    chunk(0, 3, bytes(be32(1000), be16(1), be16(0), be32(46), text("hello"))),
    chunk(3, 0, bytes(be32(2000), be32(65536), be16(0), be16(0))),
  );
  add("sctp-data-sack", dataSack);
  add("sctp-cookie-ack", sctp4(common(5000, 5001, 0x55667788), chunk(11, 0, new Uint8Array(0))));
  add(
    "sctp-ipv6-shutdown",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "2001:db8::1", dst: "2001:db8::2", next: 132 },
        bytes(common(5000, 5001, 0x55667788), chunk(7, 0, be32(5)), chunk(8, 0, new Uint8Array(0))),
      ),
    ),
  );
  add("sctp-bogus-data", sctp4(common(1, 2, 3), chunk(0, 0, be32(1))));
  add("sctp-cut-chunk", dataSack.subarray(0, 60), dataSack.length);
  add("sctp-cut-header", dataSack.subarray(0, 40), dataSack.length);
  return s;
}
