/** Putting back a VLAN tag the kernel stripped: libpcap's rule, shared by the ring and recvmsg. */
import assert from "node:assert/strict";
import { ETH_P_8021AD, putBackVlanTag, VLAN_HLEN } from "../src/packet/vlan.ts";

Deno.test("a stripped tag goes back after the MAC addresses; the frame starts 4 bytes earlier", () => {
  const frame = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
  const buf = new Uint8Array(VLAN_HLEN + frame.length);
  buf.set(frame, VLAN_HLEN);
  assert.equal(putBackVlanTag(buf, VLAN_HLEN, frame.length, ETH_P_8021AD, 0x2064), VLAN_HLEN);
  assert.deepEqual(buf.subarray(0, 12), frame.subarray(0, 12));
  assert.deepEqual([...buf.subarray(12, 16)], [0x88, 0xa8, 0x20, 0x64]);
  assert.deepEqual(buf.subarray(16), frame.subarray(12));
});

Deno.test("a frame cut before its EtherType gets no tag: nothing moves, no length is added", () => {
  for (const caplen of [0, 6, 11]) {
    const buf = Uint8Array.from({ length: VLAN_HLEN + caplen }, (_, i) => i);
    const before = buf.slice();
    assert.equal(putBackVlanTag(buf, VLAN_HLEN, caplen, ETH_P_8021AD, 1), 0, `caplen ${caplen}`);
    assert.deepEqual(buf, before);
  }
});
