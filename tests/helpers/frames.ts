/**
 * Test-only frame builders with correct lengths and checksums, and a minimal pcap writer so
 * tcpdump and tshark can read the frames the tests generate.
 */

// Overlays and encapsulations (issue 15 family 3).
import { overlaySamples } from "./overlay_frames.ts";

/** Concatenates byte arrays (numbers are taken as single bytes). */
export function bytes(...parts: (Uint8Array | number[] | number)[]): Uint8Array {
  const arrs = parts.map((p) =>
    typeof p === "number" ? Uint8Array.of(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)
  );
  const out = new Uint8Array(arrs.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrs) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

/** Big-endian 16-bit value. */
export function be16(v: number): Uint8Array {
  return Uint8Array.of((v >> 8) & 0xff, v & 0xff);
}

/** Big-endian 32-bit value. */
export function be32(v: number): Uint8Array {
  return Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** `aa:bb:cc:dd:ee:ff` to bytes. */
export function mac(s: string): Uint8Array {
  return Uint8Array.from(s.split(":").map((h) => parseInt(h, 16)));
}

/** Dotted quad to bytes. */
export function ip4(s: string): Uint8Array {
  return Uint8Array.from(s.split(".").map(Number));
}

/** IPv6 text (with `::`) to bytes. */
export function ip6(s: string): Uint8Array {
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return bytes(...groups.map((g) => be16(parseInt(g, 16))));
}

/** Internet checksum of `data` plus an initial partial sum. */
export function checksum(data: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < data.length; i += 2) sum += (data[i] << 8) | data[i + 1];
  if (data.length & 1) sum += data[data.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function partial(data: Uint8Array): number {
  return ~checksum(data) & 0xffff;
}

/** One VLAN tag for {@link ether}. */
export interface Tag {
  tpid?: number;
  id: number;
  pcp?: number;
  dei?: number;
}

/** Ethernet II frame, with optional VLAN tags (outer first); padded to 60 bytes when `pad`. */
export function ether(
  o: { src?: string; dst?: string; type: number; tags?: Tag[]; pad?: boolean },
  payload: Uint8Array,
): Uint8Array {
  const tags = (o.tags ?? []).map((t) =>
    bytes(be16(t.tpid ?? 0x8100), be16(((t.pcp ?? 0) << 13) | ((t.dei ?? 0) << 12) | t.id))
  );
  const f = bytes(
    mac(o.dst ?? "02:00:00:00:00:02"),
    mac(o.src ?? "02:00:00:00:00:01"),
    ...tags,
    be16(o.type),
    payload,
  );
  return o.pad && f.length < 60 ? bytes(f, new Uint8Array(60 - f.length)) : f;
}

/** 802.3 frame with a length field, carrying an LLC header and data. */
export function ether8023(
  o: { src?: string; dst?: string; dsap: number; ssap: number; ctrl: number; snap?: number[] },
  data: Uint8Array,
): Uint8Array {
  const llc = bytes(o.dsap, o.ssap, o.ctrl, o.snap ?? [], data);
  const f = bytes(
    mac(o.dst ?? "01:80:c2:00:00:00"),
    mac(o.src ?? "02:00:00:00:00:01"),
    be16(llc.length),
    llc,
  );
  return f.length < 60 ? bytes(f, new Uint8Array(60 - f.length)) : f;
}

/** ARP packet for Ethernet/IPv4. */
export function arp(o: { op: number; sha: string; spa: string; tha: string; tpa: string }) {
  return bytes(
    be16(1),
    be16(0x0800),
    6,
    4,
    be16(o.op),
    mac(o.sha),
    ip4(o.spa),
    mac(o.tha),
    ip4(o.tpa),
  );
}

const CSUM_AT: Record<number, number> = { 6: 16, 17: 6, 58: 2, 112: 6 };

function fixTransport(seg: Uint8Array, proto: number, pseudo: number): Uint8Array {
  const at = CSUM_AT[proto];
  if (at === undefined || seg.length < at + 2) return seg;
  const s = seg.slice();
  s[at] = s[at + 1] = 0;
  let c = checksum(s, pseudo);
  if (proto === 17 && c === 0) c = 0xffff;
  s.set(be16(c), at);
  return s;
}

/** IPv4 packet; fills total length, header checksum and the TCP/UDP checksum. */
export function ipv4(
  o: {
    src: string;
    dst: string;
    proto: number;
    ttl?: number;
    id?: number;
    tos?: number;
    df?: boolean;
    mf?: boolean;
    fragOffset?: number;
    options?: number[];
    totalLength?: number;
    noTransportChecksum?: boolean;
  },
  payload: Uint8Array,
): Uint8Array {
  const opts = Uint8Array.from(o.options ?? []);
  const hl = 20 + opts.length;
  const total = o.totalLength ?? hl + payload.length;
  const first = (o.fragOffset ?? 0) === 0;
  const pseudo = partial(bytes(ip4(o.src), ip4(o.dst), 0, o.proto, be16(payload.length)));
  const body = first && !o.noTransportChecksum ? fixTransport(payload, o.proto, pseudo) : payload;
  const h = bytes(
    0x40 | (hl / 4),
    o.tos ?? 0,
    be16(total),
    be16(o.id ?? 1),
    be16((o.df ? 0x4000 : 0) | (o.mf ? 0x2000 : 0) | ((o.fragOffset ?? 0) / 8)),
    o.ttl ?? 64,
    o.proto,
    be16(0),
    ip4(o.src),
    ip4(o.dst),
    opts,
  );
  h.set(be16(checksum(h)), 10);
  return bytes(h, body);
}

/** One IPv6 extension header for {@link ipv6}: raw body after the next-header byte. */
export interface Ext {
  type: number;
  /** Bytes after the next-header (and length) octets; padded to the header's unit. */
  body: number[];
}

/** Hop-by-hop or destination options header body holding only padding. */
export function padOpts(): number[] {
  return [1, 4, 0, 0, 0, 0];
}

/** Fragment header body: offset in octets, M flag, identification. */
export function fragBody(offset: number, more: boolean, id: number): number[] {
  return [0, ...be16(offset | (more ? 1 : 0)), ...be32(id)];
}

/** IPv6 packet with extension headers; fills lengths and the TCP/UDP/ICMPv6 checksum. */
export function ipv6(
  o: { src: string; dst: string; next: number; hlim?: number; flow?: number; tc?: number },
  payload: Uint8Array,
  exts: Ext[] = [],
): Uint8Array {
  const chain: Uint8Array[] = [];
  for (let i = 0; i < exts.length; i++) {
    const nxt = i + 1 < exts.length ? exts[i + 1].type : o.next;
    const e = exts[i];
    if (e.type === 44) chain.push(bytes(nxt, e.body));
    else {
      const raw = bytes(nxt, 0, e.body);
      const padded = bytes(raw, new Uint8Array((8 - (raw.length % 8)) % 8));
      padded[1] = padded.length / 8 - 1;
      chain.push(padded);
    }
  }
  const pseudo = partial(
    bytes(ip6(o.src), ip6(o.dst), be32(payload.length), 0, 0, 0, o.next),
  );
  const frag = exts.find((e) => e.type === 44);
  const firstFrag = !frag || ((frag.body[1] << 8 | frag.body[2]) & 0xfff8) === 0;
  const body = firstFrag ? fixTransport(payload, o.next, pseudo) : payload;
  const rest = bytes(...chain, body);
  return bytes(
    be32((6 << 28) | ((o.tc ?? 0) << 20) | (o.flow ?? 0)),
    be16(rest.length),
    exts.length ? exts[0].type : o.next,
    o.hlim ?? 64,
    ip6(o.src),
    ip6(o.dst),
    rest,
  );
}

/** TCP flag bits. */
export const F = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 };

/** TCP option encoders. */
export const topt = {
  mss: (v: number) => [2, 4, ...be16(v)],
  nop: () => [1],
  eol: () => [0],
  wscale: (v: number) => [3, 3, v],
  sackOK: () => [4, 2],
  sack: (blocks: [number, number][]) => [
    5,
    2 + 8 * blocks.length,
    ...blocks.flatMap(([l, r]) => [...be32(l), ...be32(r)]),
  ],
  ts: (val: number, ecr: number) => [8, 10, ...be32(val), ...be32(ecr)],
};

/** TCP segment (checksum filled by the IP builder); options padded with EOL to 4 bytes. */
export function tcp(
  o: {
    sport: number;
    dport: number;
    seq?: number;
    ack?: number;
    flags: number;
    win?: number;
    urp?: number;
    options?: number[];
  },
  payload: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const opts = o.options ?? [];
  const padded = [...opts, ...Array((4 - (opts.length % 4)) % 4).fill(0)];
  return bytes(
    be16(o.sport),
    be16(o.dport),
    be32(o.seq ?? 0),
    be32(o.ack ?? 0),
    ((20 + padded.length) / 4) << 4,
    o.flags,
    be16(o.win ?? 512),
    be16(0),
    be16(o.urp ?? 0),
    padded,
    payload,
  );
}

/** UDP datagram (checksum filled by the IP builder). */
export function udp(o: { sport: number; dport: number }, payload: Uint8Array): Uint8Array {
  return bytes(be16(o.sport), be16(o.dport), be16(8 + payload.length), be16(0), payload);
}

/** ICMP message with its checksum; `rest` is the 4 bytes after the checksum. */
export function icmp(type: number, code: number, rest: number[], body: Uint8Array): Uint8Array {
  const m = bytes(type, code, 0, 0, rest, body);
  m.set(be16(checksum(m)), 2);
  return m;
}

/** ICMP echo request (8) or reply (0). */
export function icmpEcho(type: number, id: number, seq: number, body: Uint8Array): Uint8Array {
  return icmp(type, 0, [...be16(id), ...be16(seq)], body);
}

/** ICMPv6 message (checksum filled by the IPv6 builder). */
export function icmp6(type: number, code: number, rest: number[], body: Uint8Array) {
  return bytes(type, code, 0, 0, rest, body);
}

/** GRE header (RFC 2890 key/sequence optional) followed by the payload. */
export function gre(o: { proto: number; key?: number; seq?: number }, payload: Uint8Array) {
  const flags = (o.key !== undefined ? 0x2000 : 0) | (o.seq !== undefined ? 0x1000 : 0);
  return bytes(
    be16(flags),
    be16(o.proto),
    o.key !== undefined ? be32(o.key) : [],
    o.seq !== undefined ? be32(o.seq) : [],
    payload,
  );
}

/** A DNS question or record for {@link dns}. */
export interface Rr {
  name: string;
  type: number;
  class?: number;
  ttl?: number;
  /** Raw rdata, or a name to encode (compressed) for CNAME/NS/PTR. */
  data?: Uint8Array | string;
}

/** DNS message; names are compressed against earlier names when `compress` (default true). */
export function dns(
  o: { id: number; flags: number; questions: Rr[]; answers?: Rr[]; compress?: boolean },
): Uint8Array {
  const out: number[] = [];
  const seen = new Map<string, number>();
  const compress = o.compress ?? true;
  const name = (n: string) => {
    const labels = n.split(".").filter((l) => l !== "");
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join(".");
      const at = seen.get(suffix);
      if (compress && at !== undefined) {
        out.push(0xc0 | (at >> 8), at & 0xff);
        return;
      }
      if (out.length < 0x3fff) seen.set(suffix, out.length);
      const label = new TextEncoder().encode(labels[i]);
      out.push(label.length, ...label);
    }
    out.push(0);
  };
  const answers = o.answers ?? [];
  out.push(...be16(o.id), ...be16(o.flags), ...be16(o.questions.length), ...be16(answers.length));
  out.push(0, 0, 0, 0);
  for (const q of o.questions) {
    name(q.name);
    out.push(...be16(q.type), ...be16(q.class ?? 1));
  }
  for (const a of answers) {
    name(a.name);
    out.push(...be16(a.type), ...be16(a.class ?? 1), ...be32(a.ttl ?? 300));
    const lenAt = out.length;
    out.push(0, 0);
    if (typeof a.data === "string") name(a.data);
    else out.push(...(a.data ?? []));
    const len = out.length - lenAt - 2;
    out[lenAt] = len >> 8;
    out[lenAt + 1] = len & 0xff;
  }
  return Uint8Array.from(out);
}

/** One frame for {@link pcapBytes}. */
export interface PcapFrame {
  data: Uint8Array;
  /** Nanoseconds since the epoch. */
  ts?: bigint;
  /** Original length (defaults to data length). */
  len?: number;
}

/** A nanosecond-resolution pcap file of link type `linkType` (Ethernet) holding `frames`. */
export function pcapBytes(frames: PcapFrame[], linkType = 1): Uint8Array {
  const parts: Uint8Array[] = [];
  const hdr = new DataView(new ArrayBuffer(24));
  hdr.setUint32(0, 0xa1b23c4d, true);
  hdr.setUint16(4, 2, true);
  hdr.setUint16(6, 4, true);
  hdr.setUint32(16, 262144, true);
  hdr.setUint32(20, linkType, true);
  parts.push(new Uint8Array(hdr.buffer));
  frames.forEach((f, i) => {
    const ts = f.ts ?? 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n;
    const r = new DataView(new ArrayBuffer(16));
    r.setUint32(0, Number(ts / 1_000_000_000n), true);
    r.setUint32(4, Number(ts % 1_000_000_000n), true);
    r.setUint32(8, f.data.length, true);
    r.setUint32(12, f.len ?? f.data.length, true);
    parts.push(new Uint8Array(r.buffer), f.data);
  });
  return bytes(...parts);
}

/** A named sample frame. */
export interface Sample {
  name: string;
  data: Uint8Array;
  /** Original length when the sample is a snapped capture. */
  len?: number;
}
const A = "10.77.0.1", B = "10.77.0.9";
const A6 = "2001:db8::1", B6 = "2001:db8:0:1::9";
const text = (s: string) => new TextEncoder().encode(s);

/** A varied set of frames covering every decoder, used by the oracle tests. */
export function samples(): Sample[] {
  const s: Sample[] = [];
  const add = (name: string, data: Uint8Array, len?: number) => s.push({ name, data, len });
  const udpA = (payload: Uint8Array, sport = 40000, dport = 9999) =>
    ipv4({ src: A, dst: B, proto: 17, df: true }, udp({ sport, dport }, payload));
  add("udp4", ether({ type: 0x0800 }, udpA(text("hello, world!"))));
  const igmpMsg = (dst: string, ...m: (number | Uint8Array)[]) => {
    const b = bytes(...m);
    b.set(be16(checksum(b)), 2);
    return ether(
      { dst: "01:00:5e:00:00:01", type: 0x0800, pad: true },
      ipv4({ src: A, dst, proto: 2, ttl: 1 }, b),
    );
  };
  add("igmp-v2-query", igmpMsg("224.0.0.1", 0x11, 100, 0, 0, ip4("0.0.0.0")));
  add("igmp-v2-group-query", igmpMsg("224.0.0.1", 0x11, 50, 0, 0, ip4("239.1.1.1")));
  add("igmp-v3-query", igmpMsg("224.0.0.1", 0x11, 100, 0, 0, ip4("0.0.0.0"), 2, 125, 0, 0));
  add("igmp-v2-report", igmpMsg("239.1.1.1", 0x16, 0, 0, 0, ip4("239.1.1.1")));
  add("igmp-leave", igmpMsg("224.0.0.2", 0x17, 0, 0, 0, ip4("239.1.1.1")));
  add(
    "igmp-v3-report",
    igmpMsg("224.0.0.22", 0x22, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, ip4("239.1.1.1")),
  );
  add("udp4-vlan", ether({ type: 0x0800, tags: [{ id: 100 }] }, udpA(text("hello, world!"))));
  add(
    "udp4-qinq",
    ether(
      { type: 0x0800, tags: [{ tpid: 0x88a8, id: 100, pcp: 3 }, { id: 200, dei: 1 }] },
      udpA(text("abc")),
    ),
  );
  add(
    "udp4-9100",
    ether({ type: 0x0800, tags: [{ tpid: 0x9100, id: 7 }, { id: 8 }] }, udpA(text("x"))),
  );
  add(
    "tcp-syn",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 6, df: true, id: 4242 },
        tcp({
          sport: 40001,
          dport: 4080,
          seq: 1000,
          flags: F.SYN,
          win: 64240,
          options: [
            ...topt.mss(1460),
            ...topt.sackOK(),
            ...topt.ts(12345, 0),
            ...topt.nop(),
            ...topt.wscale(7),
          ],
        }),
      ),
    ),
  );
  add(
    "tcp-synack",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: B, dst: A, proto: 6, df: true, id: 0 },
        tcp({
          sport: 4080,
          dport: 40001,
          seq: 777,
          ack: 1001,
          flags: F.SYN | F.ACK,
          win: 65160,
          options: [...topt.mss(1460), ...topt.nop(), ...topt.nop(), ...topt.sackOK()],
        }),
      ),
    ),
  );
  add(
    "tcp-data",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 6, df: true, id: 2 },
        tcp(
          {
            sport: 40001,
            dport: 4080,
            seq: 1001,
            ack: 778,
            flags: F.PSH | F.ACK,
            win: 502,
            options: [...topt.nop(), ...topt.nop(), ...topt.ts(1, 2)],
          },
          text("hello there, tcp!!"),
        ),
      ),
    ),
  );
  add(
    "tcp-ack-sack",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: B, dst: A, proto: 6, id: 3 },
        tcp({
          sport: 4080,
          dport: 40001,
          seq: 778,
          ack: 1019,
          flags: F.ACK,
          win: 509,
          options: [...topt.nop(), ...topt.nop(), ...topt.sack([[2000, 3000], [4000, 5000]])],
        }),
      ),
    ),
  );
  add(
    "tcp-fin-urg-ece",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 6 },
        tcp({
          sport: 1,
          dport: 2,
          seq: 5,
          ack: 6,
          flags: F.FIN | F.ACK | F.URG | F.ECE | F.CWR,
          urp: 9,
        }),
      ),
    ),
  );
  add(
    "tcp-rst",
    ether(
      { type: 0x0800 },
      ipv4({ src: B, dst: A, proto: 6 }, tcp({ sport: 2, dport: 1, seq: 9, flags: F.RST })),
    ),
  );
  add(
    "tcp6",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: A6, dst: B6, next: 6, flow: 0x12345 },
        tcp({ sport: 5555, dport: 22, seq: 1, ack: 2, flags: F.ACK | F.PSH }, text("ssh")),
      ),
    ),
  );
  add(
    "udp6",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "fe80::1", dst: "ff02::1:2", next: 17, hlim: 1 },
        udp({ sport: 5546, dport: 5547 }, text("dhcp")),
      ),
    ),
  );
  add(
    "icmp-echo",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 1, df: true }, icmpEcho(8, 77, 1, new Uint8Array(56))),
    ),
  );
  add(
    "icmp-reply",
    ether(
      { type: 0x0800 },
      ipv4({ src: B, dst: A, proto: 1 }, icmpEcho(0, 77, 1, new Uint8Array(56))),
    ),
  );
  const quoted = udpA(text("hello"), 40000, 9999).subarray(0, 28);
  add(
    "icmp-port-unreach",
    ether(
      { type: 0x0800 },
      ipv4({ src: B, dst: A, proto: 1, tos: 0xc0 }, icmp(3, 3, [0, 0, 0, 0], quoted)),
    ),
  );
  add(
    "icmp-host-unreach",
    ether({ type: 0x0800 }, ipv4({ src: B, dst: A, proto: 1 }, icmp(3, 1, [0, 0, 0, 0], quoted))),
  );
  add(
    "icmp-needfrag",
    ether(
      { type: 0x0800 },
      ipv4({ src: B, dst: A, proto: 1 }, icmp(3, 4, [0, 0, ...be16(1400)], quoted)),
    ),
  );
  add(
    "icmp-ttl",
    ether({ type: 0x0800 }, ipv4({ src: B, dst: A, proto: 1 }, icmp(11, 0, [0, 0, 0, 0], quoted))),
  );
  add(
    "icmp6-echo",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: A6, dst: B6, next: 58 },
        icmp6(128, 0, [...be16(9), ...be16(3)], new Uint8Array(16)),
      ),
    ),
  );
  add(
    "icmp6-echo-reply",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: B6, dst: A6, next: 58 },
        icmp6(129, 0, [...be16(9), ...be16(3)], new Uint8Array(16)),
      ),
    ),
  );
  add(
    "icmp6-ns",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "fe80::1", dst: "ff02::1:ff00:9", next: 58, hlim: 255 },
        icmp6(135, 0, [0, 0, 0, 0], bytes(ip6(B6), 1, 1, mac("02:00:00:00:00:01"))),
      ),
    ),
  );
  add(
    "icmp6-na",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: B6, dst: "fe80::1", next: 58, hlim: 255 },
        icmp6(136, 0, [0x60, 0, 0, 0], ip6(B6)),
      ),
    ),
  );
  add(
    "icmp6-rs",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "fe80::1", dst: "ff02::2", next: 58, hlim: 255 },
        icmp6(133, 0, [0, 0, 0, 0], new Uint8Array(0)),
      ),
    ),
  );
  add(
    "icmp6-ra",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "fe80::9", dst: "ff02::1", next: 58, hlim: 255 },
        icmp6(134, 0, [64, 0, ...be16(1800)], new Uint8Array(8)),
      ),
    ),
  );
  add(
    "ipv6-hbh-dst-udp",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: A6, dst: B6, next: 17 },
        udp({ sport: 6100, dport: 6101 }, text("ext")),
        [{ type: 0, body: padOpts() }, { type: 60, body: padOpts() }],
      ),
    ),
  );
  add(
    "ipv6-routing-tcp",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: A6, dst: B6, next: 6 },
        tcp({ sport: 6100, dport: 6102, seq: 10, flags: F.SYN }),
        [{ type: 43, body: [0, 0, 0, 0, 0, 0] }],
      ),
    ),
  );
  add(
    "ipv6-frag-first",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: A6, dst: B6, next: 17 },
        udp({ sport: 6100, dport: 6103 }, text("0123456789abcdef")).subarray(0, 16),
        [{ type: 44, body: fragBody(0, true, 0xabcd) }],
      ),
    ),
  );
  add(
    "ipv6-frag-later",
    ether(
      { type: 0x86dd },
      ipv6({ src: A6, dst: B6, next: 17 }, text("89abcdef"), [
        { type: 44, body: fragBody(16, false, 0xabcd) },
      ]),
    ),
  );
  const big = udp({ sport: 40000, dport: 9999 }, new Uint8Array(40));
  add(
    "ipv4-frag-first",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 17, mf: true, id: 99 }, big.subarray(0, 24)),
    ),
  );
  add(
    "ipv4-frag-later",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 17, fragOffset: 24, id: 99 }, big.subarray(24)),
    ),
  );
  add(
    "ipv4-options",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 17, options: [0x94, 4, 0, 0] },
        udp({ sport: 1000, dport: 2000 }, text("ra")),
      ),
    ),
  );
  add(
    "arp-request",
    ether(
      { type: 0x0806, dst: "ff:ff:ff:ff:ff:ff", pad: true },
      arp({ op: 1, sha: "02:00:00:00:00:01", spa: A, tha: "00:00:00:00:00:00", tpa: B }),
    ),
  );
  add(
    "arp-reply",
    ether(
      { type: 0x0806 },
      arp({ op: 2, sha: "02:00:00:00:00:02", spa: B, tha: "02:00:00:00:00:01", tpa: A }),
    ),
  );
  add(
    "arp-vlan",
    ether(
      { type: 0x0806, dst: "ff:ff:ff:ff:ff:ff", tags: [{ id: 5, pcp: 6 }] },
      arp({ op: 1, sha: "02:00:00:00:00:01", spa: A, tha: "00:00:00:00:00:00", tpa: B }),
    ),
  );
  add(
    "dns-query",
    ether(
      { type: 0x0800 },
      udpA(
        dns({ id: 12345, flags: 0x0100, questions: [{ name: "example.com", type: 1 }] }),
        5300,
        53,
      ),
    ),
  );
  add(
    "dns-answer",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: B, dst: A, proto: 17 },
        udp(
          { sport: 53, dport: 5300 },
          dns({
            id: 12345,
            flags: 0x8180,
            questions: [{ name: "www.example.com", type: 1 }],
            answers: [
              { name: "www.example.com", type: 5, data: "web.example.com" },
              { name: "web.example.com", type: 1, ttl: 60, data: ip4("93.184.216.34") },
            ],
          }),
        ),
      ),
    ),
  );
  add(
    "dns-aaaa-nx",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: B6, dst: A6, next: 17 },
        udp(
          { sport: 53, dport: 5301 },
          dns({ id: 7, flags: 0x8583, questions: [{ name: "nope.example.org", type: 28 }] }),
        ),
      ),
    ),
  );
  add(
    "dns-aaaa-answer",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: B6, dst: A6, next: 17 },
        udp(
          { sport: 53, dport: 5301 },
          dns({
            id: 8,
            flags: 0x8180,
            questions: [{ name: "v6.example.org", type: 28 }],
            answers: [{ name: "v6.example.org", type: 28, data: ip6("2001:db8::53") }],
          }),
        ),
      ),
    ),
  );
  const inner = ipv4(
    { src: "192.168.1.1", dst: "192.168.1.2", proto: 1 },
    icmpEcho(8, 1, 2, new Uint8Array(8)),
  );
  add(
    "gre-ipv4",
    ether({ type: 0x0800 }, ipv4({ src: A, dst: B, proto: 47 }, gre({ proto: 0x0800 }, inner))),
  );
  add(
    "gre-key-ipv4",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 47 }, gre({ proto: 0x0800, key: 42 }, inner)),
    ),
  );
  add(
    "gre-teb",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 47 },
        gre({ proto: 0x6558 }, ether({ type: 0x0800, src: "02:00:00:00:00:aa" }, inner)),
      ),
    ),
  );
  add("ipip", ether({ type: 0x0800 }, ipv4({ src: A, dst: B, proto: 4 }, inner)));
  add(
    "6in4",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 41 },
        ipv6({ src: A6, dst: B6, next: 58 }, icmp6(128, 0, [0, 1, 0, 2], new Uint8Array(4))),
      ),
    ),
  );
  add(
    "icmp-redirect",
    ether(
      { type: 0x0800 },
      ipv4({ src: B, dst: A, proto: 1 }, icmp(5, 1, [10, 77, 0, 254], quoted)),
    ),
  );
  add(
    "icmp-paramprob",
    ether({ type: 0x0800 }, ipv4({ src: B, dst: A, proto: 1 }, icmp(12, 0, [20, 0, 0, 0], quoted))),
  );
  add(
    "icmp-proto-unreach",
    ether({ type: 0x0800 }, ipv4({ src: B, dst: A, proto: 1 }, icmp(3, 2, [0, 0, 0, 0], quoted))),
  );
  add(
    "icmp-net-prohib",
    ether({ type: 0x0800 }, ipv4({ src: B, dst: A, proto: 1 }, icmp(3, 9, [0, 0, 0, 0], quoted))),
  );
  add(
    "icmp-reassembly",
    ether({ type: 0x0800 }, ipv4({ src: B, dst: A, proto: 1 }, icmp(11, 1, [0, 0, 0, 0], quoted))),
  );
  add(
    "ip-proto-unknown",
    ether({ type: 0x0800 }, ipv4({ src: A, dst: B, proto: 253 }, text("experimental"))),
  );
  add(
    "tcp-unknown-opt",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 6 },
        tcp({
          sport: 40002,
          dport: 4081,
          seq: 1,
          flags: F.SYN,
          options: [253, 4, 1, 2, ...topt.mss(536)],
        }),
      ),
    ),
  );
  add(
    "tcp-wrapping-seq",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 6, tos: 0x02 },
        tcp(
          { sport: 40003, dport: 4082, seq: 0xfffffffe, ack: 1, flags: F.ACK | F.PSH },
          text("wrap"),
        ),
      ),
    ),
  );
  add(
    "dns-mx-txt-srv",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: B, dst: A, proto: 17 },
        udp(
          { sport: 53, dport: 5302 },
          dns({
            id: 4242,
            flags: 0x8580,
            questions: [{ name: "example.net", type: 255 }],
            answers: [
              { name: "example.net", type: 15, data: Uint8Array.of(0, 5, 0xc0, 12) },
              { name: "example.net", type: 16, data: Uint8Array.of(5, 104, 101, 108, 108, 111) },
              {
                name: "_sip._udp.example.net",
                type: 33,
                data: bytes(be16(10), be16(20), be16(5060), 3, ...text("sip"), 0xc0, 12),
              },
              { name: "example.net", type: 2, data: "ns1.example.net" },
            ],
          }),
        ),
      ),
    ),
  );
  add(
    "dns-multi-question",
    ether(
      { type: 0x0800 },
      udpA(
        dns({
          id: 99,
          flags: 0x0000,
          questions: [{ name: "a.example", type: 1 }, { name: "b.example", type: 28 }],
        }),
        5303,
        53,
      ),
    ),
  );
  add(
    "dns-ptr-ch",
    ether(
      { type: 0x0800 },
      udpA(
        dns({ id: 100, flags: 0x0110, questions: [{ name: "version.bind", type: 16, class: 3 }] }),
        5304,
        53,
      ),
    ),
  );
  add(
    "gre-seq-ipv6",
    ether(
      { type: 0x0800 },
      ipv4(
        { src: A, dst: B, proto: 47 },
        gre(
          { proto: 0x86dd, seq: 7 },
          ipv6({ src: A6, dst: B6, next: 17 }, udp({ sport: 4000, dport: 4001 }, text("in gre"))),
        ),
      ),
    ),
  );
  add(
    "gre-unknown-proto",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 47 }, gre({ proto: 0x88be }, text("erspan"))),
    ),
  );
  add(
    "ipv6-no-next",
    ether({ type: 0x86dd }, ipv6({ src: A6, dst: B6, next: 59 }, new Uint8Array(0))),
  );
  add(
    "icmp6-too-big",
    ether(
      { type: 0x86dd },
      ipv6({ src: B6, dst: A6, next: 58 }, icmp6(2, 0, [0, 0, 5, 0], new Uint8Array(48))),
    ),
  );
  add(
    "arp-who-has-known",
    ether(
      { type: 0x0806 },
      arp({ op: 1, sha: "02:00:00:00:00:01", spa: A, tha: "02:00:00:00:00:09", tpa: B }),
    ),
  );
  add(
    "vlan-pcp-ipv6",
    ether(
      { type: 0x86dd, tags: [{ id: 4000, pcp: 5 }] },
      ipv6(
        { src: A6, dst: B6, next: 6, tc: 0xb8 },
        tcp({ sport: 6000, dport: 6001, seq: 5, ack: 6, flags: F.ACK }),
      ),
    ),
  );
  const badSums = ether(
    { type: 0x0800 },
    ipv4(
      { src: A, dst: B, proto: 6, id: 77 },
      tcp({ sport: 40004, dport: 4083, seq: 3, flags: F.SYN }),
    ),
  );
  badSums[14 + 10] ^= 0x11;
  badSums[34 + 16] ^= 0x22;
  add("bad-checksums", badSums);
  const badUdp6 = ether(
    { type: 0x86dd },
    ipv6({ src: A6, dst: B6, next: 17 }, udp({ sport: 4100, dport: 4101 }, text("sum"))),
  );
  badUdp6[54 + 6] ^= 0x01;
  add("udp6-bad-sum", badUdp6);
  add(
    "mld-hbh-rtalert",
    ether(
      { type: 0x86dd, dst: "33:33:00:00:00:16" },
      ipv6(
        { src: "fe80::1", dst: "ff02::16", next: 58, hlim: 1 },
        icmp6(143, 0, [0, 0, 0, 0], new Uint8Array(0)),
        [{ type: 0, body: [5, 2, 0, 0, 1, 0] }],
      ),
    ),
  );
  add(
    "vlan-llc",
    ether(
      { type: 7, tags: [{ id: 12 }], dst: "01:80:c2:00:00:00", pad: true },
      bytes(0xe0, 0xe0, 0x03, 1, 2, 3, 4),
    ),
  );
  add(
    "vlan-unknown-type",
    ether({ type: 0x8863, tags: [{ id: 13, pcp: 1 }], pad: true }, bytes(0x11, 0x09)),
  );
  add(
    "icmp-timestamp",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 1 }, icmp(13, 0, [0, 5, 0, 6], new Uint8Array(12))),
    ),
  );
  add(
    "icmp-router-solicit",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: "224.0.0.2", proto: 1 }, icmp(10, 0, [0, 0, 0, 0], bytes())),
    ),
  );
  const quoted6 = ipv6(
    { src: A6, dst: B6, next: 17 },
    udp({ sport: 5000, dport: 5001 }, text("q")),
  );
  add(
    "icmp6-port-unreach",
    ether(
      { type: 0x86dd },
      ipv6({ src: B6, dst: A6, next: 58 }, icmp6(1, 4, [0, 0, 0, 0], quoted6)),
    ),
  );
  add(
    "icmp6-addr-unreach",
    ether(
      { type: 0x86dd },
      ipv6({ src: B6, dst: A6, next: 58 }, icmp6(1, 3, [0, 0, 0, 0], quoted6)),
    ),
  );
  add(
    "icmp6-time-exceeded",
    ether(
      { type: 0x86dd },
      ipv6({ src: B6, dst: A6, next: 58 }, icmp6(3, 0, [0, 0, 0, 0], quoted6)),
    ),
  );
  add(
    "icmp6-mld-query",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "fe80::1", dst: "ff02::1", next: 58, hlim: 1 },
        icmp6(130, 0, [0, 10, 0, 0], new Uint8Array(16)),
      ),
    ),
  );
  add("llc-stp", ether8023({ dsap: 0x42, ssap: 0x42, ctrl: 0x03 }, new Uint8Array(35)));
  add(
    "llc-snap-ip",
    ether8023(
      { dsap: 0xaa, ssap: 0xaa, ctrl: 0x03, snap: [0, 0, 0, 0x08, 0x00] },
      udpA(text("snap")),
    ),
  );
  // Bridging and link control (issue 15 family 1).
  const bid = (prio: number, m: string) => bytes(be16(prio), mac(m));
  const times = bytes(be16(256), be16(20 * 256), be16(2 * 256), be16(15 * 256));
  const bpdu = (v: number, t: number, flags: number, cost: number, port: number) =>
    bytes(
      0,
      0,
      v,
      t,
      flags,
      bid(0x8000, "00:11:22:33:44:55"),
      be32(cost),
      bid(0x8064, "00:11:22:33:44:66"),
      be16(port),
      times,
    );
  const stp = (b: Uint8Array) => ether8023({ dsap: 0x42, ssap: 0x42, ctrl: 0x03 }, b);
  add("stp-config", stp(bpdu(0, 0, 0x81, 4, 0x8001)));
  add("stp-tcn", stp(Uint8Array.of(0, 0, 0, 0x80)));
  add("rstp", stp(bytes(bpdu(2, 2, 0x3e, 20000, 0x8002), 0)));
  const msti = (id: number, flags: number) =>
    bytes(flags, bid(0x1000 | id, "00:11:22:33:44:88"), be32(200 * id), 0x80, 0x90, 20 - id);
  const mstp = bytes(
    bpdu(3, 2, 0x7c, 2000, 0x8003),
    0,
    be16(64 + 2 * 16),
    0,
    text("region1"),
    new Uint8Array(25),
    be16(3),
    new Uint8Array(16).map((_, i) => i),
    be32(100),
    bid(0x8000, "00:11:22:33:44:77"),
    20,
    msti(1, 0x7c),
    msti(2, 0x01),
  );
  add("mstp", stp(mstp));
  add(
    "pvst",
    ether8023(
      {
        dst: "01:00:0c:cc:cc:cd",
        dsap: 0xaa,
        ssap: 0xaa,
        ctrl: 0x03,
        snap: [0, 0, 0x0c, 0x01, 0x0b],
      },
      bytes(bpdu(2, 2, 0x3c, 4, 0x8002), 0, 0, 0, 0, 2, 0, 10),
    ),
  );
  add("mstp-truncated", stp(mstp).subarray(0, 130), stp(mstp).length);
  add("stp-invalid", stp(Uint8Array.of(0, 0, 0, 0, 0, 0x80, 0)));
  add("stp-unknown-version", stp(Uint8Array.of(0, 0, 9, 0)));
  const lacpInfo = (type: number, prio: number, m: string, key: number, port: number, st: number) =>
    bytes(type, 20, be16(prio), mac(m), be16(key), be16(128), be16(port), st, 0, 0, 0);
  const lacpdu = bytes(
    1,
    1,
    lacpInfo(1, 32768, "00:11:22:33:44:55", 13, 3, 0x3d),
    lacpInfo(2, 65535, "00:aa:bb:cc:dd:ee", 1, 7, 0x47),
    3,
    16,
    be16(5),
    new Uint8Array(12),
    0,
    0,
    new Uint8Array(50),
  );
  const slowDst = "01:80:c2:00:00:02";
  add("lacp", ether({ dst: slowDst, type: 0x8809 }, lacpdu));
  add(
    "lacp-marker",
    ether(
      { dst: slowDst, type: 0x8809 },
      bytes(
        2,
        1,
        1,
        16,
        be16(3),
        mac("00:11:22:33:44:55"),
        be32(0x1234),
        0,
        0,
        0,
        0,
        new Uint8Array(90),
      ),
    ),
  );
  add("lacp-truncated", ether({ dst: slowDst, type: 0x8809 }, lacpdu).subarray(0, 40), 124);
  const tlv = (type: number, ...v: (number | Uint8Array)[]) => {
    const b = bytes(...v);
    return bytes(be16((type << 9) | b.length), b);
  };
  const lldpIds = bytes(
    tlv(1, 4, mac("00:11:22:33:44:55")),
    tlv(2, 5, text("eth1")),
    tlv(3, be16(120)),
  );
  const lldpDst = "01:80:c2:00:00:0e";
  const lldpdu = bytes(
    lldpIds,
    tlv(4, text("uplink port")),
    tlv(5, text("sw1.example")),
    tlv(6, text("Linux 6.1")),
    tlv(7, be16(0x14), be16(0x04)),
    tlv(8, 5, 1, ip4("192.0.2.1"), 2, be32(3), 0),
    tlv(127, 0x00, 0x80, 0xc2, 1, be16(100)),
    tlv(127, 0x00, 0x80, 0xc2, 3, be16(100), 5, text("users")),
    tlv(127, 0x00, 0x12, 0x0f, 1, 3, be16(0x6c03), be16(30)),
    tlv(127, 0x00, 0x12, 0x0f, 2, 0x0f, 1, 0),
    tlv(127, 0x00, 0x12, 0x0f, 4, be16(1518)),
    0,
    0,
  );
  add("lldp", ether({ dst: lldpDst, type: 0x88cc, pad: true }, lldpdu));
  add(
    "lldp-short",
    ether({ dst: lldpDst, type: 0x88cc, pad: true }, bytes(lldpIds, tlv(5, text("core-2")), 0, 0)),
  );
  add(
    "lldp-truncated",
    ether({ dst: lldpDst, type: 0x88cc }, lldpdu).subarray(0, 60),
    14 + lldpdu.length,
  );
  add(
    "rarp-request",
    ether(
      { dst: "ff:ff:ff:ff:ff:ff", type: 0x8035, pad: true },
      arp({
        op: 3,
        sha: "02:00:00:00:00:01",
        spa: "0.0.0.0",
        tha: "02:00:00:00:00:01",
        tpa: "0.0.0.0",
      }),
    ),
  );
  add(
    "rarp-reply",
    ether(
      { type: 0x8035, pad: true },
      arp({
        op: 4,
        sha: "02:00:00:00:00:02",
        spa: "10.77.0.9",
        tha: "02:00:00:00:00:01",
        tpa: "10.77.0.1",
      }),
    ),
  );
  const eapol = (type: number, body: Uint8Array) =>
    ether(
      { dst: "01:80:c2:00:00:03", type: 0x888e, pad: true },
      bytes(2, type, be16(body.length), body),
    );
  add("eapol-start", eapol(1, new Uint8Array(0)));
  add("eap-identity", eapol(0, bytes(2, 7, be16(10), 1, text("alice"))));
  add("eap-tls", eapol(0, bytes(1, 8, be16(10), 13, 0xa0, be32(1024))));
  add("eap-success", eapol(0, bytes(3, 8, be16(4))));
  add("eapol-truncated", eapol(0, bytes(2, 7, be16(10), 1, text("alice"))).subarray(0, 20), 60);
  const bcast = "ff:ff:ff:ff:ff:ff";
  add(
    "llc-xid",
    ether8023({ dst: bcast, dsap: 0x00, ssap: 0x01, ctrl: 0xbf }, Uint8Array.of(0x81, 1, 2)),
  );
  add(
    "llc-test",
    ether8023({ dst: bcast, dsap: 0x42, ssap: 0x42, ctrl: 0xe3 }, text("hello test")),
  );
  add(
    "llc-s-frame",
    ether8023({ dst: bcast, dsap: 0x04, ssap: 0x05, ctrl: 0x01 }, Uint8Array.of(0x02)),
  );
  add(
    "llc-i-frame",
    ether8023({ dst: bcast, dsap: 0x04, ssap: 0x08, ctrl: 0x0a }, Uint8Array.of(0x05, 0x41)),
  );
  add(
    "snap-unknown-oui",
    ether8023({
      dst: bcast,
      dsap: 0xaa,
      ssap: 0xaa,
      ctrl: 0x03,
      snap: [0x12, 0x34, 0x56, 0x08, 0x00],
    }, text("hello")),
  );
  const ctlv = (type: number, ...v: (number | Uint8Array)[]) => {
    const b = bytes(...v);
    return bytes(be16(type), be16(b.length + 4), b);
  };
  const cdpSnap = [0, 0, 0x0c, 0x20, 0x00];
  const cdpPdu = bytes(
    2,
    180,
    be16(0),
    ctlv(1, text("sw1.example")),
    ctlv(2, be32(1), 1, 1, 0xcc, be16(4), ip4("192.0.2.1")),
    ctlv(3, text("GigabitEthernet0/1")),
    ctlv(4, be32(0x28)),
    ctlv(5, text("Cisco IOS 15.2")),
    ctlv(6, text("cisco WS-C2960")),
    ctlv(0x0a, be16(10)),
    ctlv(0x0b, 1),
  );
  const cdpDst = "01:00:0c:cc:cc:cc";
  add("cdp", ether8023({ dst: cdpDst, dsap: 0xaa, ssap: 0xaa, ctrl: 0x03, snap: cdpSnap }, cdpPdu));
  add(
    "cdp-truncated",
    ether8023({ dst: cdpDst, dsap: 0xaa, ssap: 0xaa, ctrl: 0x03, snap: cdpSnap }, cdpPdu).subarray(
      0,
      70,
    ),
    22 + cdpPdu.length,
  );
  add("unknown-ethertype", ether({ type: 0x88b5, pad: true }, text("local experimental")));
  add("truncated-ipv4", ether({ type: 0x0800 }, udpA(text("cut"))).subarray(0, 24), 45);
  add(
    "truncated-tcp",
    ether(
      { type: 0x0800 },
      ipv4({ src: A, dst: B, proto: 6 }, tcp({ sport: 1, dport: 2, flags: F.SYN })),
    ).subarray(0, 44),
    54,
  );
  add(
    "truncated-snap-udp",
    ether({ type: 0x0800 }, udpA(new Uint8Array(200))).subarray(0, 96),
    242,
  );
  add("runt", Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  add(
    "bad-ip-version",
    ether({ type: 0x0800, pad: true }, Uint8Array.of(0x55, 0, 0, 20, ...new Uint8Array(16))),
  );
  // ---- addressing (issue 15b): DHCP/BOOTP, DHCPv6, ND options, MLD, mDNS, LLMNR
  addressingSamples(add);
  // Gateways, time and management (issue 15, family 4).
  gatewaySamples(add);
  // Overlays and encapsulations (issue 15 family 3).
  s.push(...overlaySamples());
  return s;
}

/** A BOOTP message: op, xid, secs, flags, ciaddr/yiaddr/siaddr/giaddr, MAC, then `vend`. */
export function bootpMessage(
  o: {
    op: number;
    xid: number;
    secs?: number;
    flags?: number;
    ciaddr?: string;
    yiaddr?: string;
    siaddr?: string;
    giaddr?: string;
    chaddr: string;
    sname?: string;
  },
  vend: (number | number[] | Uint8Array)[],
): Uint8Array {
  const sname = new Uint8Array(64);
  sname.set(text(o.sname ?? ""));
  return bytes(
    o.op,
    1,
    6,
    0,
    be32(o.xid),
    be16(o.secs ?? 0),
    be16(o.flags ?? 0),
    ip4(o.ciaddr ?? "0.0.0.0"),
    ip4(o.yiaddr ?? "0.0.0.0"),
    ip4(o.siaddr ?? "0.0.0.0"),
    ip4(o.giaddr ?? "0.0.0.0"),
    mac(o.chaddr),
    new Uint8Array(10),
    sname,
    new Uint8Array(128),
    ...vend,
  );
}

/** The addressing family's samples (issue 15b). */
function addressingSamples(add: (name: string, data: Uint8Array, len?: number) => void): void {
  const cm = "02:00:00:00:00:0a";
  const cookie = [0x63, 0x82, 0x53, 0x63];
  const dhcpFrame = (src: string, dst: string, sport: number, msg: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4({ src, dst, proto: 17 }, udp({ sport, dport: sport === 68 ? 67 : 68 }, msg)),
    );
  const discover = bootpMessage({ op: 1, xid: 0x12345678, flags: 0x8000, chaddr: cm }, [
    ...cookie,
    [53, 1, 1],
    [50, 4, ...ip4("192.168.1.50")],
    [12, 6, ...text("myhost")],
    [55, 6, 1, 3, 6, 15, 51, 54],
    [61, 7, 1, ...mac(cm)],
    255,
  ]);
  add("dhcp-discover", dhcpFrame("0.0.0.0", "255.255.255.255", 68, discover));
  const offer = bootpMessage({
    op: 2,
    xid: 0x12345678,
    yiaddr: "192.168.1.50",
    siaddr: "192.168.1.1",
    giaddr: "10.0.0.1",
    chaddr: cm,
  }, [
    ...cookie,
    [53, 1, 2],
    [54, 4, ...ip4("192.168.1.1")],
    [51, 4, ...be32(86400)],
    [1, 4, ...ip4("255.255.255.0")],
    [3, 4, ...ip4("192.168.1.1")],
    [6, 8, ...ip4("8.8.8.8"), ...ip4("8.8.4.4")],
    [82, 14, 1, 4, ...text("eth0"), 2, 6, ...mac(cm)],
    255,
    0,
    0,
  ]);
  const offerFrame = dhcpFrame("192.168.1.1", "192.168.1.50", 67, offer);
  add("dhcp-offer", offerFrame);
  add(
    "dhcp-request",
    dhcpFrame(
      "192.168.1.50",
      "192.168.1.1",
      68,
      bootpMessage(
        { op: 1, xid: 0xabcdef01, secs: 3, ciaddr: "192.168.1.50", chaddr: cm, sname: "boot" },
        [...cookie, [53, 1, 3], [42, 4, ...ip4("10.0.0.5")], [200, 3, 1, 2, 3], 255],
      ),
    ),
  );
  add(
    "dhcp-bootp-plain",
    dhcpFrame(
      "10.0.0.1",
      "10.0.0.2",
      67,
      bootpMessage({ op: 2, xid: 7, chaddr: cm }, [
        new Uint8Array(64),
      ]),
    ),
  );
  add(
    "dhcp-inform-fqdn",
    dhcpFrame(
      "192.168.1.50",
      "192.168.1.1",
      68,
      bootpMessage({ op: 1, xid: 9, ciaddr: "192.168.1.50", chaddr: cm }, [
        ...cookie,
        [53, 1, 8],
        [81, 7, 0x05, 0, 0, ...text("h.lan")],
        [82, 9, 5, 3, ...text("abc"), 1, 2, ...text("xy")],
        [57, 2, ...be16(1500)],
        [60, 8, ...text("MSFT 5.0")],
        255,
      ]),
    ),
  );
  add("dhcp-cut-options", offerFrame.subarray(0, 300), offerFrame.length);
  add("dhcp-cut-header", offerFrame.subarray(0, 60), offerFrame.length);
  add("dhcp-cut-chaddr", offerFrame.subarray(0, 220), offerFrame.length);
  const bad = offer.slice();
  bad[240 + 3 + 6 + 6 + 6 + 6 + 10 + 1] = 40; // option 82's length runs past the message
  add("dhcp-bad-option", dhcpFrame("192.168.1.1", "192.168.1.50", 67, bad));

  // DHCPv6: options as [code, data].
  const opt6 = (code: number, ...data: (number | number[] | Uint8Array)[]) => {
    const b = bytes(...data);
    return bytes(be16(code), be16(b.length), b);
  };
  const duidLlt = opt6(1, be16(1), be16(1), be32(0x2a2b2c2d), mac(cm));
  const duidLl = (code: number) => opt6(code, be16(3), be16(1), mac("02:00:00:00:00:01"));
  const iaAddr = opt6(5, ip6("2001:db8::100"), be32(7200), be32(7500));
  const dhcp6 = (server: boolean, msg: Uint8Array) =>
    ether(
      { type: 0x86dd },
      ipv6(
        { src: server ? "fe80::1" : "fe80::a", dst: server ? "fe80::a" : "ff02::1:2", next: 17 },
        udp({ sport: server ? 547 : 546, dport: server ? 546 : 547 }, msg),
      ),
    );
  add(
    "dhcp6-solicit",
    dhcp6(
      false,
      bytes(
        1,
        0x12,
        0x34,
        0x56,
        opt6(8, be16(0)),
        duidLlt,
        opt6(3, be32(0xf00d), be32(0), be32(0)),
        opt6(6, be16(23), be16(24)),
      ),
    ),
  );
  const advertise = dhcp6(
    true,
    bytes(
      2,
      0x12,
      0x34,
      0x56,
      duidLlt,
      duidLl(2),
      opt6(3, be32(0xf00d), be32(3600), be32(5400), iaAddr),
      opt6(23, ip6("2001:db8::53")),
      opt6(13, be16(0), text("ok")),
    ),
  );
  add("dhcp6-advertise", advertise);
  add(
    "dhcp6-reply",
    dhcp6(
      true,
      bytes(
        7,
        0,
        0,
        9,
        duidLl(2),
        opt6(13, be16(2)),
        opt6(24, 7, ...text("example"), 3, ...text("com"), 0),
        opt6(7, 255),
      ),
    ),
  );
  add(
    "dhcp6-relay-forw",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "2001:db8::2", dst: "2001:db8::1", next: 17 },
        udp(
          { sport: 547, dport: 547 },
          bytes(
            12,
            1,
            ip6("2001:db8::2"),
            ip6("fe80::a"),
            opt6(18, text("eth0")),
            opt6(
              9,
              1,
              0,
              0,
              7,
              duidLl(1),
              opt6(
                25,
                be32(1),
                be32(0),
                be32(0),
                opt6(26, be32(100), be32(200), 56, ip6("2001:db8:100::")),
              ),
              opt6(14),
            ),
          ),
        ),
      ),
    ),
  );
  add("dhcp6-release-en", dhcp6(false, bytes(8, 0, 0, 1, opt6(1, be16(2), be32(9), text("abcd")))));
  add("dhcp6-cut-options", advertise.subarray(0, 100), advertise.length);
  add("dhcp6-cut-header", advertise.subarray(0, 64), advertise.length);
  add("dhcp6-bad-option", dhcp6(false, bytes(6, 0, 0, 10, opt6(4, be32(5)), 0, 23, 0, 5, 1, 2)));

  // ICMPv6 neighbor discovery with options, and MLDv2.
  const rm = "02:00:00:00:00:01";
  const nd = (
    src: string,
    dst: string,
    type: number,
    rest: number[],
    body: (number | number[] | Uint8Array)[],
  ) =>
    ether(
      { type: 0x86dd },
      ipv6({ src, dst, next: 58, hlim: 255 }, icmp6(type, 0, rest, bytes(...body))),
    );
  const sll = (m: string) => [1, 1, ...mac(m)];
  const tll = (m: string) => [2, 1, ...mac(m)];
  add("nd-rs", nd("fe80::a", "ff02::2", 133, [0, 0, 0, 0], [sll(cm)]));
  const ra = nd("fe80::1", "ff02::1", 134, [64, 0xc8, ...be16(1800)], [
    be32(30000),
    be32(1000),
    sll(rm),
    [5, 1, 0, 0, ...be32(1500)],
    [3, 4, 64, 0xc0, ...be32(86400), ...be32(14400), 0, 0, 0, 0, ...ip6("2001:db8:1::")],
    [25, 5, 0, 0, ...be32(600), ...ip6("2001:db8::53"), ...ip6("2001:db8::54")],
  ]);
  add("nd-ra", ra);
  add("nd-ra-cut", ra.subarray(0, 110), ra.length);
  add(
    "nd-ns",
    nd("fe80::a", "ff02::1:ff00:1", 135, [0, 0, 0, 0], [ip6("fe80::1"), sll(cm)]),
  );
  add(
    "nd-na",
    nd("fe80::1", "fe80::a", 136, [0xe0, 0, 0, 0], [ip6("fe80::1"), tll(rm)]),
  );
  add(
    "nd-redirect",
    nd("fe80::1", "fe80::a", 137, [0, 0, 0, 0], [
      ip6("fe80::2"),
      ip6("2001:db8::99"),
      tll("02:00:00:00:00:02"),
    ]),
  );
  add(
    "nd-zero-length-option",
    nd("fe80::a", "ff02::2", 133, [0, 0, 0, 0], [sll(cm), 1, 0, 0, 0, 0, 0, 0, 0]),
  );
  add(
    "nd-unknown-option",
    nd("fe80::a", "ff02::2", 133, [0, 0, 0, 0], [
      0x63,
      1,
      0xaa,
      0xbb,
      0xcc,
      0xdd,
      0xee,
      0xff,
      sll(cm),
    ]),
  );
  const mld = (
    dst: string,
    type: number,
    rest: number[],
    body: (number | number[] | Uint8Array)[],
  ) =>
    ether(
      { type: 0x86dd },
      ipv6({ src: "fe80::a", dst, next: 58, hlim: 1 }, icmp6(type, 0, rest, bytes(...body))),
    );
  add(
    "mld-v2-report",
    mld("ff02::16", 143, [0, 0, 0, 2], [
      [4, 0, 0, 0, ...ip6("ff02::fb")],
      [1, 0, 0, 2, ...ip6("ff05::2"), ...ip6("2001:db8::7"), ...ip6("2001:db8::8")],
    ]),
  );
  add(
    "mld-v2-query",
    mld("ff02::1", 130, [...be16(10000), 0, 0], [
      ip6("ff05::2"),
      0x0a,
      125,
      0,
      1,
      ip6("2001:db8::7"),
    ]),
  );
  // mDNS (QU/QM questions, cache-flush answers) and LLMNR, DNS messages on 5353 and 5355.
  const mdnsA = (payload: Uint8Array, dst = "224.0.0.251", sport = 5353, dport = 5353) =>
    ether(
      { type: 0x0800 },
      ipv4({ src: "192.168.1.50", dst, proto: 17, ttl: 255 }, udp({ sport, dport }, payload)),
    );
  add(
    "mdns-query",
    mdnsA(dns({
      id: 0,
      flags: 0,
      questions: [
        { name: "_http._tcp.local", type: 12, class: 0x8001 },
        { name: "host.local", type: 1 },
      ],
    })),
  );
  const mdnsResponse = mdnsA(dns({
    id: 0,
    flags: 0x8400,
    questions: [],
    answers: [
      { name: "host.local", type: 1, class: 0x8001, ttl: 120, data: ip4("192.168.1.50") },
      { name: "host.local", type: 28, class: 1, ttl: 120, data: ip6("fe80::a") },
    ],
  }));
  add("mdns-response", mdnsResponse);
  add("mdns-cut", mdnsResponse.subarray(0, 80), mdnsResponse.length);
  add(
    "mdns-ipv6",
    ether(
      { type: 0x86dd },
      ipv6(
        { src: "fe80::a", dst: "ff02::fb", next: 17 },
        udp(
          { sport: 5353, dport: 5353 },
          dns({ id: 0, flags: 0, questions: [{ name: "printer.local", type: 28 }] }),
        ),
      ),
    ),
  );
  add(
    "llmnr-query",
    mdnsA(
      dns({ id: 0x1234, flags: 0, questions: [{ name: "fileserver", type: 1 }] }),
      "224.0.0.252",
      50000,
      5355,
    ),
  );
  add(
    "llmnr-response",
    mdnsA(
      dns({
        id: 0x1234,
        flags: 0x8000,
        questions: [{ name: "fileserver", type: 1 }],
        answers: [{ name: "fileserver", type: 1, ttl: 30, data: ip4("192.168.1.7") }],
      }),
      "192.168.1.7",
      5355,
      50000,
    ),
  );
  // DNS over TCP: a 2-octet length prefix, then the message.
  const dnsTcp = (fromClient: boolean, sport: number, payload: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4(
        {
          src: fromClient ? "10.0.0.1" : "10.0.0.53",
          dst: fromClient ? "10.0.0.53" : "10.0.0.1",
          proto: 6,
        },
        tcp({
          sport: fromClient ? sport : 53,
          dport: fromClient ? 53 : sport,
          seq: 1,
          ack: 1,
          flags: F.PSH | F.ACK,
        }, payload),
      ),
    );
  const q = dns({ id: 0x4242, flags: 0x0100, questions: [{ name: "example.com", type: 1 }] });
  const prefixed = (m: Uint8Array) => bytes(be16(m.length), m);
  add("dnstcp-query", dnsTcp(true, 40000, prefixed(q)));
  add(
    "dnstcp-response",
    dnsTcp(
      false,
      40000,
      prefixed(dns({
        id: 0x4242,
        flags: 0x8180,
        questions: [{ name: "example.com", type: 1 }],
        answers: [{ name: "example.com", type: 1, ttl: 300, data: ip4("93.184.216.34") }],
      })),
    ),
  );
  add("dnstcp-bad-prefix", dnsTcp(true, 40001, bytes(be16(q.length), q.subarray(0, 8))));
  add("dnstcp-short", dnsTcp(true, 40002, Uint8Array.of(0)));
  const cutTcp = dnsTcp(true, 40003, prefixed(q));
  add("dnstcp-cut", cutTcp.subarray(0, 60), cutTcp.length);
  add("mld-v2-bad-sources", mld("ff02::16", 143, [0, 0, 0, 1], [[1, 0, 0, 9, ...ip6("ff05::2")]]));
}

/** A pcap record read back by {@link readPcap}. */
export interface PcapRecord {
  ts: bigint;
  data: Uint8Array;
  len: number;
}

/**
 * Reads a pcap file (micro- or nanosecond; little-endian unless its magic says big-endian).
 * Test-only, no validation.
 */
export function readPcap(bytes: Uint8Array): PcapRecord[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = dv.getUint32(0, true);
  const le = first !== 0xd4c3b2a1 && first !== 0x4d3cb2a1;
  const unit = dv.getUint32(0, le) === 0xa1b23c4d ? 1n : 1000n;
  const out: PcapRecord[] = [];
  for (let o = 24; o + 16 <= bytes.length;) {
    const caplen = dv.getUint32(o + 8, le);
    out.push({
      ts: BigInt(dv.getUint32(o, le)) * 1_000_000_000n + BigInt(dv.getUint32(o + 4, le)) * unit,
      len: dv.getUint32(o + 12, le),
      data: bytes.subarray(o + 16, o + 16 + caplen),
    });
    o += 16 + caplen;
  }
  return out;
}

/** Python program writing `count` varied packets with scapy (argv: file, seed, count). */
const SCAPY_PROGRAM = `import random, sys
from scapy.all import *
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
pkts = []
E = lambda: Ether(src=RandMAC()._fix(), dst=RandMAC()._fix())
for i in range(int(sys.argv[3]) if len(sys.argv) > 3 else 300):
    k = i % 16
    ip = IP(src=RandIP()._fix(), dst=RandIP()._fix(), ttl=random.randint(1,255), id=random.randint(0,65535), tos=random.randint(0,255), flags=random.choice([0,1,2]))
    ip6 = IPv6(src=RandIP6()._fix(), dst=RandIP6()._fix(), hlim=random.randint(0,255), fl=random.randint(0, 0xfffff))
    sp, dp = random.randint(33000, 39999), random.randint(20100, 29999)
    if k == 0: p = E()/ip/TCP(sport=sp, dport=dp, flags=random.choice(["S","SA","A","PA","FA","R","RA","FPU"]), seq=random.getrandbits(32), ack=random.getrandbits(32), window=random.randint(0,65535), options=random.choice([[],[("MSS",1460),("SAckOK",b""),("Timestamp",(random.getrandbits(32),random.getrandbits(32))),("NOP",None),("WScale",7)],[("NOP",None),("NOP",None),("SAck",(random.getrandbits(32),random.getrandbits(32)))]]))/Raw(b"x"*random.randint(0,30))
    elif k == 1: p = E()/ip/UDP(sport=sp, dport=dp)/Raw(b"y"*random.randint(0,40))
    elif k == 2: p = E()/Dot1Q(vlan=random.randint(0,4095), prio=random.randint(0,7))/ip/ICMP(type=random.choice([0,8]), id=random.randint(0,65535), seq=random.randint(0,65535))/Raw(b"z"*random.randint(0,56))
    elif k == 3: p = E()/ip6/TCP(sport=sp, dport=dp, flags="PA", seq=random.getrandbits(32), ack=random.getrandbits(32))/Raw(b"q"*random.randint(1,30))
    elif k == 4: p = E()/ip6/ICMPv6EchoRequest(id=random.randint(0,65535), seq=random.randint(0,65535))
    elif k == 5: p = E()/ip6/ICMPv6ND_NS(tgt=RandIP6()._fix())
    elif k == 6: p = E()/ARP(op=random.choice([1,2]), hwsrc=RandMAC()._fix(), psrc=RandIP()._fix(), pdst=RandIP()._fix(), hwdst=random.choice(["00:00:00:00:00:00", RandMAC()._fix()]))
    elif k == 7: p = E()/Dot1AD(vlan=random.randint(1,4095))/Dot1Q(vlan=random.randint(1,4095))/ip/UDP(sport=sp, dport=53)/DNS(id=random.randint(0,65535), rd=random.choice([0,1]), qd=DNSQR(qname=random.choice(["example.com","a.b.c.d.example.org","xn--bcher-kva.example"]), qtype=random.choice(["A","AAAA","MX","TXT","PTR","ANY","SRV"])))
    elif k == 8: p = E()/ip/UDP(sport=53, dport=sp)/DNS(id=random.randint(0,65535), qr=1, aa=random.choice([0,1]), ra=random.choice([0,1]), rcode=random.choice([0,0,3,2]), qd=DNSQR(qname="www.example.com"), an=DNSRR(rrname="www.example.com", type="CNAME", rdata="web.example.com")/DNSRR(rrname="web.example.com", type="A", rdata=RandIP()._fix(), ttl=random.randint(0, 100000)))
    elif k == 9: p = E()/ip/GRE(key_present=random.choice([0,1]), key=random.getrandbits(32), seqnum_present=random.choice([0,1]), seqence_number=random.getrandbits(32))/IP(src=RandIP()._fix(), dst=RandIP()._fix())/ICMP()
    elif k == 10: p = E()/ip6/IPv6ExtHdrHopByHop()/IPv6ExtHdrDestOpt()/UDP(sport=sp, dport=dp)/Raw(b"w"*5)
    elif k == 11: p = E()/ip/IP(src=RandIP()._fix(), dst=RandIP()._fix())/UDP(sport=sp, dport=dp)/Raw(b"v")
    elif k == 12: p = E()/ip/ICMP(type=random.choice([3,3,11,5]), code=random.choice([0,1,3]))/IP(src=RandIP()._fix(), dst=RandIP()._fix())/random.choice([TCP(sport=sp, dport=dp), UDP(sport=sp, dport=dp)])
    elif k == 13: p = E()/ip6/ICMPv6DestUnreach(code=random.choice([0,1,3,4]))/IPv6(src=RandIP6()._fix(), dst=RandIP6()._fix())/UDP(sport=sp, dport=dp)
    elif k == 14: p = E()/ip6/IPv6ExtHdrFragment(offset=random.choice([0, 0, 10]), m=random.choice([0,1]), id=random.getrandbits(32))/UDP(sport=sp, dport=dp)/Raw(b"f"*8)
    else: p = E()/ip6/UDP(sport=53, dport=sp)/DNS(id=random.randint(0,65535), qr=1, qd=DNSQR(qname="v6.example.net", qtype="AAAA"), an=DNSRR(rrname="v6.example.net", type="AAAA", rdata=RandIP6()._fix())/DNSRR(rrname="v6.example.net", type="CNAME", rdata="cname.example.net"))
    p.time = 1700000000 + i
    pkts.append(p)
wrpcap(sys.argv[1], pkts)
`;

/** The system Python that has python3-scapy. */
const SYSTEM_PYTHON = "/usr/bin/python3";

/** True when scapy can be imported by the system Python. */
export function haveScapy(): boolean {
  try {
    return new Deno.Command(SYSTEM_PYTHON, {
      args: ["-c", "import scapy.all"],
      stdout: "null",
      stderr: "null",
    }).outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Writes `count` packets built by scapy (an independent packet builder) to `file`: TCP with
 * options, UDP, ICMP in 802.1Q, IPv6 TCP/ICMPv6/ND, ARP, QinQ DNS queries, DNS answers, GRE
 * with keys and sequence numbers, IPv6 extension headers and fragments, IP-in-IP, ICMP and
 * ICMPv6 errors quoting TCP/UDP, all from a seed.
 */
export function scapyPcap(file: string, seed: number, count: number): void {
  const out = new Deno.Command(SYSTEM_PYTHON, {
    args: ["-c", SCAPY_PROGRAM, file, String(seed), String(count)],
    stdout: "null",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error("scapy failed: " + new TextDecoder().decode(out.stderr));
}

// ---- Gateways, time and management (issue 15, family 4) ------------------------------------

/** A VRRPv2 advertisement (its checksum has no pseudo header). */
function vrrp2(vrid: number, prio: number, addrs: string[], auth = ""): Uint8Array {
  const m = bytes(
    0x21,
    vrid,
    prio,
    addrs.length,
    auth ? 1 : 0,
    1,
    0,
    0,
    ...addrs.map(ip4),
    auth ? bytes(text(auth), new Uint8Array(8 - auth.length)) : new Uint8Array(8),
  );
  m.set(be16(checksum(m)), 6);
  return m;
}

/** An NTP time message: status octet, stratum, poll, precision, then the rest. */
function ntpMsg(
  status: number,
  stratum: number,
  poll: number,
  precision: number,
  refid: number,
  times: [number, number][],
): Uint8Array {
  return bytes(
    status,
    stratum,
    poll & 0xff,
    precision & 0xff,
    be32(0x00000290),
    be32(0x00000520),
    be32(refid),
    ...times.map(([i, f]) => bytes(be32(i), be32(f))),
  );
}

function gatewaySamples(add: (name: string, data: Uint8Array, len?: number) => void): void {
  const vrrpFrame = (ttl: number, m: Uint8Array) =>
    ether(
      { src: "00:00:5e:00:01:0a", dst: "01:00:5e:00:00:12", type: 0x0800, pad: true },
      ipv4({ src: "10.0.0.2", dst: "224.0.0.18", proto: 112, ttl, noTransportChecksum: true }, m),
    );
  add("vrrp2-auth", vrrpFrame(255, vrrp2(10, 100, ["10.0.0.1", "10.0.0.254"], "secret")));
  add("vrrp2-ttl", vrrpFrame(64, vrrp2(11, 254, ["10.0.1.1"])));
  const v3 = bytes(0x31, 5, 200, 1, be16(100), 0, 0, ip4("10.0.0.1"));
  add(
    "vrrp3",
    ether(
      { src: "00:00:5e:00:01:05", dst: "01:00:5e:00:00:12", type: 0x0800, pad: true },
      ipv4({ src: "10.0.0.2", dst: "224.0.0.18", proto: 112, ttl: 255 }, v3),
    ),
  );
  add(
    "vrrp3-ipv6",
    ether(
      { src: "00:00:5e:00:02:05", dst: "33:33:00:00:00:12", type: 0x86dd },
      ipv6(
        { src: "fe80::1", dst: "ff02::12", next: 112, hlim: 255 },
        bytes(0x31, 5, 200, 1, be16(100), 0, 0, ip6("fe80::100")),
      ),
    ),
  );
  const cut = vrrpFrame(255, vrrp2(10, 100, ["10.0.0.1", "10.0.0.254"], "secret"));
  add("vrrp2-cut", cut.subarray(0, 14 + 20 + 5), cut.length);

  const u = (sport: number, dport: number, payload: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4({ src: "10.77.0.1", dst: "10.77.0.9", proto: 17 }, udp({ sport, dport }, payload)),
    );
  const T = 3900000000;
  add(
    "ntp-client",
    u(123, 123, ntpMsg(0x23, 0, 6, -20, 0, [[0, 0], [0, 0], [0, 0], [T, 0x80000000]])),
  );
  add(
    "ntp-server",
    u(
      123,
      50000,
      ntpMsg(0x24, 2, 6, -23, 0xc0a80101, [
        [T - 60, 0x40000000],
        [T, 0x80000000],
        [T, 0x9999999a],
        [T, 0xb3333333],
      ]),
    ),
  );
  add(
    "ntp-primary",
    u(
      123,
      123,
      ntpMsg(0xdc, 1, 10, -6, 0x47505300, [[T, 0], [T + 2, 0xc0000000], [T + 1, 0x40000000], [
        T + 1,
        0,
      ]]),
    ),
  );
  add(
    "ntp-keyid",
    u(
      123,
      123,
      bytes(
        ntpMsg(0x23, 2, -3, -18, 0x7f000001, [[0, 0], [0, 0], [0, 0], [T, 0x80000000]]),
        be32(5),
        new Uint8Array(16).fill(0x11),
      ),
    ),
  );
  add("ntp-control", u(40000, 123, bytes(0x26, 0x02, be16(7), be16(0), be16(0), be16(0), be16(0))));
  const ntpCut = u(123, 123, ntpMsg(0x24, 2, 6, -20, 0x7f000001, [[T, 0], [T, 0], [T, 0], [T, 0]]));
  add("ntp-cut", ntpCut.subarray(0, 42 + 20), ntpCut.length);

  add("syslog", u(514, 514, text("<34>Oct 11 22:14:15 mymachine su: 'su root' failed")));
  add("syslog-local7", u(40000, 514, text("<191>test\nline2")));
  add("syslog-invalid", u(514, 514, text("no priority")));
  add("syslog-unterminated", u(514, 514, text("<12")));

  add("tftp-rrq", u(40000, 69, bytes(0, 1, text("pxelinux.0"), 0, text("octet"), 0)));
  add(
    "tftp-wrq-options",
    u(
      40000,
      69,
      bytes(0, 2, text("cfg.txt"), 0, text("netascii"), 0, text("blksize"), 0, text("1428"), 0),
    ),
  );
  add(
    "tftp-oack",
    u(69, 40000, bytes(0, 6, text("blksize"), 0, text("1428"), 0, text("tsize"), 0, text("0"), 0)),
  );
  add("tftp-data", u(69, 40000, bytes(0, 3, 0, 3, text("abc"))));
  add("tftp-ack", u(40000, 69, bytes(0, 4, 0, 3)));
  add("tftp-error", u(69, 40000, bytes(0, 5, 0, 1, text("File not found"), 0)));
  add("tftp-error-unknown", u(69, 40000, bytes(0, 5, 0, 9, text("odd"), 0)));
  add("tftp-bad-opcode", u(69, 40000, bytes(0, 9, text("abc"))));
  add("tftp-unterminated", u(40000, 69, bytes(0, 1, text("abc"))));
  add("tftp-runt", u(40000, 69, bytes(0)));

  const tlv = (tag: number, ...content: (Uint8Array | number[] | number)[]) => {
    const c = bytes(...content);
    return bytes(tag, c.length, c);
  };
  const oid = (...arcs: number[]) => tlv(6, 40 * arcs[0] + arcs[1], ...arcs.slice(2));
  const snmpMsg = (version: number, community: string, pdu: Uint8Array) =>
    tlv(0x30, tlv(2, version), tlv(4, text(community)), pdu);
  const varbinds = (...vb: Uint8Array[]) => tlv(0x30, ...vb.map((v) => tlv(0x30, v)));
  add(
    "snmp-get",
    u(
      40100,
      161,
      snmpMsg(
        1,
        "public",
        tlv(
          0xa0,
          tlv(2, 0x04, 0xd2),
          tlv(2, 0),
          tlv(2, 0),
          varbinds(bytes(oid(1, 3, 6, 1, 2, 1, 1, 5, 0), 5, 0)),
        ),
      ),
    ),
  );
  add(
    "snmp-response",
    u(
      161,
      40100,
      snmpMsg(
        1,
        "public",
        tlv(
          0xa2,
          tlv(2, 0x04, 0xd2),
          tlv(2, 0),
          tlv(2, 0),
          varbinds(
            bytes(oid(1, 3, 6, 1, 2, 1, 1, 5, 0), tlv(4, text("router1"))),
            bytes(oid(1, 3, 6, 1, 2, 1, 1, 3, 0), tlv(0x43, 0x30, 0x39)),
            bytes(oid(1, 3, 6, 1, 4, 1, 0x8f, 0x65, 1), tlv(0x40, 10, 0, 0, 1)),
          ),
        ),
      ),
    ),
  );
  add(
    "snmp-v1-trap",
    u(
      40100,
      162,
      snmpMsg(
        0,
        "private",
        tlv(
          0xa4,
          oid(1, 3, 6, 1, 4, 1, 9),
          tlv(0x40, 10, 0, 0, 5),
          tlv(2, 2),
          tlv(2, 0),
          tlv(0x43, 1, 0xf4),
          varbinds(),
        ),
      ),
    ),
  );
  add("snmp-not-ber", u(40100, 161, text("hello")));
  const snmpCut = u(
    40100,
    161,
    snmpMsg(1, "public", tlv(0xa1, tlv(2, 1), tlv(2, 0), tlv(2, 0), varbinds())),
  );
  add("snmp-cut", snmpCut.subarray(0, 50), snmpCut.length);

  const radius = (code: number, id: number, ...attrs: [number, Uint8Array][]) => {
    const a = bytes(...attrs.map(([t, v]) => bytes(t, v.length + 2, v)));
    return bytes(code, id, be16(20 + a.length), new Uint8Array(16).fill(0x41 + code), a);
  };
  add(
    "radius-access-request",
    u(
      50812,
      1812,
      radius(
        1,
        7,
        [1, text("alice")],
        [4, ip4("10.0.0.1")],
        [5, be32(7)],
        [6, be32(2)],
        [61, be32(15)],
        [31, text("00-11-22-33-44-55")],
      ),
    ),
  );
  add(
    "radius-access-accept",
    u(1812, 50812, radius(2, 7, [18, text("Welcome")], [27, be32(3600)], [64, be32(13)])),
  );
  add(
    "radius-accounting",
    u(50813, 1813, radius(4, 8, [40, be32(1)], [44, text("abc123")], [46, be32(3725)])),
  );
  add("radius-bogus-attr", u(50812, 1812, radius(1, 9, [1, text("")]).fill(1, 21, 22)));
  const radiusCut = u(50812, 1812, radius(1, 7, [1, text("alice")], [5, be32(7)]));
  add("radius-cut", radiusCut.subarray(0, 42 + 20 + 9), radiusCut.length);

  const ospf = (
    type: number,
    area: string,
    auth: number,
    authData: Uint8Array,
    body: Uint8Array,
  ) => {
    const m = bytes(
      2,
      type,
      be16(24 + body.length),
      ip4("1.1.1.1"),
      ip4(area),
      0,
      0,
      be16(auth),
      authData,
      body,
    );
    m.set(be16(checksum(bytes(m.subarray(0, 16), m.subarray(24)))), 12);
    return ether(
      { dst: "01:00:5e:00:00:05", type: 0x0800 },
      ipv4({ src: "10.0.0.1", dst: "224.0.0.5", proto: 89, ttl: 1 }, m),
    );
  };
  const none = new Uint8Array(8);
  const hello = (dr: string, bdr: string, ...nbrs: string[]) =>
    bytes(ip4("255.255.255.0"), be16(10), 0x02, 1, be32(40), ip4(dr), ip4(bdr), ...nbrs.map(ip4));
  add(
    "ospf-hello",
    ospf(1, "0.0.0.0", 0, none, hello("10.0.0.1", "10.0.0.2", "2.2.2.2", "3.3.3.3")),
  );
  add("ospf-hello-area", ospf(1, "0.0.0.1", 1, text("password"), hello("0.0.0.0", "0.0.0.0")));
  add("ospf-dd", ospf(2, "0.0.0.0", 0, none, bytes(be16(1500), 0x02, 0x07, be32(12345))));
  add(
    "ospf-lsr",
    ospf(
      3,
      "0.0.0.0",
      0,
      none,
      bytes(be32(1), ip4("2.2.2.2"), ip4("2.2.2.2"), be32(2), ip4("10.0.0.2"), ip4("2.2.2.2")),
    ),
  );
  const lsaHdr = (type: number, id: string, seq: number) =>
    bytes(be16(1), 0x02, type, ip4(id), ip4("2.2.2.2"), be32(seq), be16(0), be16(36));
  add(
    "ospf-lsack",
    ospf(
      5,
      "0.0.0.0",
      0,
      none,
      bytes(lsaHdr(1, "2.2.2.2", 0x80000002), lsaHdr(2, "10.0.0.2", 0x80000005)),
    ),
  );
  const ospfCut = ospf(1, "0.0.0.0", 0, none, hello("10.0.0.1", "0.0.0.0", "2.2.2.2"));
  add("ospf-cut", ospfCut.subarray(0, 34 + 40), ospfCut.length);

  const bgpMsg = (type: number, body: Uint8Array) =>
    bytes(new Uint8Array(16).fill(0xff), be16(19 + body.length), type, body);
  const bgpSeg = (sport: number, payload: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4(
        { src: "10.0.0.1", dst: "10.0.0.2", proto: 6 },
        tcp({ sport, dport: 179, flags: F.PSH | F.ACK, seq: 1000, ack: 2000 }, payload),
      ),
    );
  add("bgp-open", bgpSeg(50001, bgpMsg(1, bytes(4, be16(65001), be16(180), ip4("1.1.1.1"), 0))));
  add("bgp-keepalive", bgpSeg(50002, bytes(bgpMsg(4, bytes()), bgpMsg(4, bytes()))));
  add("bgp-notification", bgpSeg(50003, bgpMsg(3, bytes(6, 2))));
  add("bgp-route-refresh", bgpSeg(50004, bgpMsg(5, bytes(be16(1), 0, 1))));
  add("bgp-not-bgp", bgpSeg(50005, text("hello")));

  const ripMsg = (cmd: number, version: number, ...entries: Uint8Array[]) =>
    ether(
      { dst: "01:00:5e:00:00:09", type: 0x0800 },
      ipv4(
        { src: "10.0.0.1", dst: "224.0.0.9", proto: 17, ttl: 1 },
        udp({ sport: 520, dport: 520 }, bytes(cmd, version, 0, 0, ...entries)),
      ),
    );
  const ripEntry = (af: number, tag: number, addr: string, mask: string, hop: string, m: number) =>
    bytes(be16(af), be16(tag), ip4(addr), ip4(mask), ip4(hop), be32(m));
  add(
    "rip-v2-response",
    ripMsg(
      2,
      2,
      ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1),
      ripEntry(2, 7, "10.2.0.0", "255.255.255.128", "10.0.0.5", 2),
    ),
  );
  add("rip-v2-request", ripMsg(1, 2, ripEntry(0, 0, "0.0.0.0", "0.0.0.0", "0.0.0.0", 16)));
  add("rip-v1-response", ripMsg(2, 1, ripEntry(2, 0, "10.1.0.0", "0.0.0.0", "0.0.0.0", 1)));
  add(
    "rip-v2-auth",
    ripMsg(
      2,
      2,
      bytes(be16(0xffff), be16(2), text("secret"), new Uint8Array(10)),
      ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1),
    ),
  );
  const ripCut = ripMsg(2, 2, ripEntry(2, 0, "10.1.0.0", "255.255.0.0", "0.0.0.0", 1));
  add("rip-cut", ripCut.subarray(0, 42 + 4 + 10), ripCut.length);

  // Application hints (issue 15, family 5).
  const appSeg = (sport: number, dport: number, payload: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4(
        { src: "10.0.0.1", dst: "10.0.0.2", proto: 6 },
        tcp({ sport, dport, flags: F.PSH | F.ACK, seq: 1000, ack: 2000 }, payload),
      ),
    );
  const sipDgram = (payload: Uint8Array) =>
    ether(
      { type: 0x0800 },
      ipv4(
        { src: "10.0.0.1", dst: "10.0.0.2", proto: 17 },
        udp({ sport: 5060, dport: 5060 }, payload),
      ),
    );
  add("http-request", appSeg(50100, 80, text("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")));
  add("http-status", appSeg(8080, 50101, text("HTTP/1.1 404 Not Found\r\n\r\n")));
  add("http-not-http", appSeg(50102, 80, text("hello")));
  const httpCut = appSeg(50103, 80, text("GET /a HTTP/1.1\r\n\r\n"));
  add("http-cut", httpCut.subarray(0, 54 + 5), httpCut.length);
  add("ssh-banner", appSeg(22, 50104, text("SSH-2.0-OpenSSH_9.2\r\n")));
  add("sip-invite", sipDgram(text("INVITE sip:bob@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n")));
  add("sip-status", sipDgram(text("SIP/2.0 200 OK\r\n\r\n")));
  const sni = text("example.com");
  const ext = bytes(be16(0), be16(sni.length + 5), be16(sni.length + 3), 0, be16(sni.length), sni);
  const tlsHello = bytes(
    be16(0x0303),
    new Uint8Array(32),
    0,
    be16(2),
    be16(0x1301),
    1,
    0,
    be16(ext.length),
    ext,
  );
  const hs = bytes(1, 0, be16(tlsHello.length), tlsHello);
  add("tls-client-hello", appSeg(50105, 443, bytes(22, be16(0x0301), be16(hs.length), hs)));
  // Gateway leftovers (issue 15, family 4): HSRP, PIM, PTP.
  const hsrpMsg = (op: number, state: number, auth: number[]) =>
    u(1985, 1985, bytes(0, op, state, 3, 10, 120, 1, 0, auth, ip4("10.0.0.254")));
  const cisco = [0x63, 0x69, 0x73, 0x63, 0x6f, 0, 0, 0];
  add("hsrp-hello", hsrpMsg(0, 16, cisco));
  add("hsrp-coup", hsrpMsg(1, 8, [0x61, 0, 0x62, 0, 0, 0, 0, 0]));
  const hsrpCut = hsrpMsg(2, 4, cisco);
  add("hsrp-cut", hsrpCut.subarray(0, 42 + 10), hsrpCut.length);
  const pimMsg = (type: number, body: number[]) => {
    // Checksum 0: tcpdump -v says "(unverified)", with or without -K.
    const m = bytes(0x20 | type, 0, 0, 0, body);
    return ether({ type: 0x0800 }, ipv4({ src: "10.0.0.1", dst: "224.0.0.13", proto: 103 }, m));
  };
  add("pim-hello", pimMsg(0, [0, 1, 0, 2, 0, 105, 0, 20, 0, 4, 1, 2, 3, 4]));
  add("pim-register-stop", pimMsg(2, [1, 0, 0, 32, 239, 1, 1, 1, 1, 0, 10, 1, 1, 1]));
  const pimCut = pimMsg(0, [0, 1, 0, 2, 0, 105, 0, 19, 0, 4, 0, 0, 0, 1]);
  add("pim-cut", pimCut.subarray(0, 34 + 9), pimCut.length);
  const ptpHdr = (type: number, len: number, seq: number) =>
    bytes(
      type,
      2,
      be16(len),
      0,
      0,
      be16(0),
      new Uint8Array(12),
      [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77],
      be16(1),
      be16(seq),
      0,
      0,
    );
  const ptpEth = (payload: Uint8Array) =>
    ether({ type: 0x88f7, dst: "01:1b:19:00:00:00" }, payload);
  add("ptp-sync", ptpEth(bytes(ptpHdr(0, 44, 7), be16(0), be32(1700000000), be32(123))));
  add("ptp-udp-follow-up", u(320, 320, bytes(ptpHdr(8, 44, 3), be16(0), be32(5), be32(6))));
  const ptpCut = ptpEth(bytes(ptpHdr(0, 44, 7), be16(0), be32(1700000000), be32(123)));
  add("ptp-cut", ptpCut.subarray(0, 14 + 20), ptpCut.length);
}
