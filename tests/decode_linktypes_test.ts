/**
 * The walker on frames that do not start with Ethernet: Linux cooked v1 and v2 headers (with
 * the VLAN tags libpcap puts back), BSD loopback in both byte orders, raw IP; cut headers; and
 * the sll.ts and null.ts readers.
 */
import assert from "node:assert/strict";
import { dissect, Dissection, LAYER_NAMES, LAYER_NULL } from "../src/decode/frame.ts";
import { loopFamily, nullFamily } from "../src/decode/null.ts";
import { sll2Header, sllHeader } from "../src/decode/sll.ts";
import {
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../src/packet/linktype.ts";
import { bytes, ether8023 } from "./helpers/frames.ts";
import { ipOf, nullHeader, pingFrame, toSll, toSll2, udp6Frame } from "./helpers/linktypes.ts";

const SLL = LINKTYPE_LINUX_SLL, SLL2 = LINKTYPE_LINUX_SLL2;

/** `name@start` of each layer, then `truncated:`/`malformed:` when set. */
function walk(d: Uint8Array, linkType: number): string[] {
  const ds = dissect(d, new Dissection(), linkType);
  const out = Array.from(
    { length: ds.count },
    (_, i) => LAYER_NAMES[ds.kind[i]] + "@" + ds.start[i],
  );
  if (ds.truncated) out.push("truncated:" + LAYER_NAMES[ds.truncated]);
  if (ds.malformed) out.push("malformed:" + LAYER_NAMES[ds.malformed]);
  return out;
}

const ping = pingFrame(), ip4 = ipOf(ping)!, ip6 = ipOf(udp6Frame())!;

Deno.test("cooked v1 and v2 headers lead to the EtherType they name", () => {
  assert.deepEqual(walk(toSll(ping), SLL), ["sll@0", "ipv4@16", "icmp@36"]);
  assert.deepEqual(walk(toSll2(ping), SLL2), ["sll2@0", "ipv4@20", "icmp@40"]);
  assert.deepEqual(walk(toSll2(udp6Frame()), SLL2), ["sll2@0", "ipv6@20", "udp@60", "payload@68"]);
  const ds = dissect(toSll(ping), new Dissection(), SLL);
  assert.equal(ds.next[0], 0x0800);
  assert.equal(ds.end[0], toSll(ping).length);
});

Deno.test("cooked headers cut short are truncated, as Ethernet's", () => {
  for (let n = 0; n < 16; n++) {
    assert.deepEqual(walk(toSll(ping).subarray(0, n), SLL), ["truncated:sll"], "v1 " + n);
  }
  for (let n = 0; n < 20; n++) {
    assert.deepEqual(walk(toSll2(ping).subarray(0, n), SLL2), ["truncated:sll2"], "v2 " + n);
  }
  assert.deepEqual(walk(toSll(ping).subarray(0, 16), SLL), ["sll@0", "truncated:ipv4"]);
  assert.deepEqual(walk(toSll2(ping).subarray(0, 30), SLL2), ["sll2@0", "truncated:ipv4"]);
});

Deno.test("a VLAN tag after a cooked header, and one inside it", () => {
  const one = pingFrame([{ id: 100, pcp: 3 }]);
  assert.deepEqual(walk(toSll(one), SLL), ["sll@0", "vlan@16", "ipv4@20", "icmp@40"]);
  assert.deepEqual(walk(toSll2(one), SLL2), ["sll2@0", "vlan@20", "ipv4@24", "icmp@44"]);
  const two = pingFrame([{ id: 10, tpid: 0x88a8 }, { id: 20 }]);
  assert.deepEqual(walk(toSll(two), SLL), ["sll@0", "vlan@16", "vlan@20", "ipv4@24", "icmp@44"]);
  const ds = dissect(toSll2(one), new Dissection(), SLL2);
  assert.equal(ds.next[0], 0x8100, "the cooked v2 protocol field holds the TPID");
  assert.equal(ds.next[1], 0x0800);
  // Cut inside the tag.
  assert.deepEqual(walk(toSll(one).subarray(0, 18), SLL), ["sll@0", "truncated:vlan"]);
  assert.deepEqual(walk(toSll2(one).subarray(0, 22), SLL2), ["sll2@0", "truncated:vlan"]);
});

Deno.test("cooked protocols without an EtherType: 802.2 LLC, Novell 802.3, CAN", () => {
  // 802.2: a BPDU (SAP 0x42).
  const bpdu = ether8023(
    { dsap: 0x42, ssap: 0x42, ctrl: 0x03 },
    bytes([0, 0, 0, 0, 0], new Uint8Array(30)),
  );
  const cooked = toSll(bpdu);
  assert.equal(cooked[15], 0x04, "protocol LINUX_SLL_P_802_2");
  assert.deepEqual(walk(cooked, SLL), ["sll@0", "llc@16", "stp@19"]);
  // A tag whose inner protocol is a length (or 4) stands for 802.2.
  const llcInTag = bytes(
    toSll2(ping).subarray(0, 20),
    [0x00, 0x64, 0x00, 0x04],
    cooked.subarray(16),
  );
  llcInTag.set([0x81, 0x00], 0);
  assert.deepEqual(walk(llcInTag, SLL2), ["sll2@0", "vlan@20", "llc@24", "stp@27"]);
  // Novell raw 802.3 and CAN: no decoder, the rest is payload.
  for (const proto of [0x0001, 0x000c, 0x0100]) {
    const f = toSll(ping);
    f.set([proto >> 8, proto & 0xff], 14);
    assert.deepEqual(walk(f, SLL), ["sll@0", "payload@16"], proto.toString(16));
  }
});

Deno.test("NULL reads the family in either byte order; LOOP in network order", () => {
  const le = bytes(nullHeader(2, false), ip4), be = bytes(nullHeader(2, true), ip4);
  assert.deepEqual(walk(le, LINKTYPE_NULL), ["null@0", "ipv4@4", "icmp@24"]);
  assert.deepEqual(walk(be, LINKTYPE_NULL), ["null@0", "ipv4@4", "icmp@24"]);
  assert.deepEqual(walk(be, LINKTYPE_LOOP), ["null@0", "ipv4@4", "icmp@24"]);
  // A little-endian family in a LOOP file is not IPv4.
  assert.deepEqual(walk(le, LINKTYPE_LOOP), ["null@0", "payload@4"]);
  assert.equal(nullFamily(le, 0), 2);
  assert.equal(nullFamily(be, 0), 2);
  assert.equal(loopFamily(be, 0), 2);
  assert.equal(loopFamily(le, 0), 0x02000000);
  for (const family of [24, 28, 30]) {
    for (const bigEndian of [false, true]) {
      const f = bytes(nullHeader(family, bigEndian), ip6);
      assert.deepEqual(walk(f, LINKTYPE_NULL), ["null@0", "ipv6@4", "udp@44", "payload@52"]);
      assert.equal(dissect(f, new Dissection(), LINKTYPE_NULL).aux[0], family);
    }
  }
  for (const family of [6, 7, 16, 23, 99]) {
    const ds = dissect(bytes(nullHeader(family, false), ip4), new Dissection(), LINKTYPE_NULL);
    assert.equal(ds.kind[0], LAYER_NULL);
    assert.equal(ds.aux[0], family);
    assert.equal(ds.next[0], 0);
    assert.equal(LAYER_NAMES[ds.kind[1]], "payload");
  }
  for (let n = 0; n < 4; n++) {
    assert.deepEqual(walk(le.subarray(0, n), LINKTYPE_NULL), ["truncated:null"]);
    assert.deepEqual(walk(be.subarray(0, n), LINKTYPE_LOOP), ["truncated:null"]);
  }
  assert.deepEqual(walk(le.subarray(0, 4), LINKTYPE_NULL), ["null@0", "truncated:ipv4"]);
});

Deno.test("raw IP goes by the version nibble", () => {
  assert.deepEqual(walk(ip4, LINKTYPE_RAW), ["ipv4@0", "icmp@20"]);
  assert.deepEqual(walk(ip6, LINKTYPE_RAW), ["ipv6@0", "udp@40", "payload@48"]);
  assert.deepEqual(walk(new Uint8Array(0), LINKTYPE_RAW), ["truncated:raw"]);
  assert.deepEqual(walk(ip4.subarray(0, 1), LINKTYPE_RAW), ["truncated:ipv4"]);
  for (const v of [0, 1, 5, 7, 15]) {
    const f = ip4.slice();
    f[0] = (v << 4) | 5;
    assert.deepEqual(walk(f, LINKTYPE_RAW), ["payload@0", "malformed:raw"], "version " + v);
  }
});

Deno.test("Ethernet stays the default; an unknown link type is payload", () => {
  assert.deepEqual(walk(ping, LINKTYPE_ETHERNET), ["ethernet@0", "ipv4@14", "icmp@34"]);
  const ds = dissect(ping);
  assert.equal(LAYER_NAMES[ds.kind[0]], "ethernet");
  assert.deepEqual(walk(ping, 147), ["payload@0"]);
  // The same Dissection serves frames of different link types one after another.
  const shared = new Dissection();
  dissect(toSll2(ping), shared, SLL2);
  dissect(ping, shared);
  assert.equal(LAYER_NAMES[shared.kind[0]], "ethernet");
  assert.equal(shared.count, 3);
});

Deno.test("the cooked header readers", () => {
  const v1 = toSll(ping, { pkttype: 4, hatype: 1 }), v2 = toSll2(ping, { pkttype: 3, ifindex: 7 });
  assert.deepEqual(sllHeader(v1, 0), {
    pkttype: 4,
    hatype: 1,
    ifindex: 0,
    addr: "02:00:00:00:00:01",
    protocol: 0x0800,
  });
  assert.deepEqual(sll2Header(v2, 0), {
    pkttype: 3,
    hatype: 1,
    ifindex: 7,
    addr: "02:00:00:00:00:01",
    protocol: 0x0800,
  });
  assert.equal(sllHeader(toSll(ping, { halen: 0, hatype: 772 }), 0).addr, "");
  assert.equal(sllHeader(toSll(ping, { halen: 4 }), 0).addr, "02:00:00:00");
  // An address length past the field's 8 octets reads the 8.
  assert.equal(sll2Header(toSll2(ping, { halen: 200 }), 0).addr.split(":").length, 8);
});
