/** Direction of a frame from the kernel's sll_pkttype (src/packet/direction.ts). */
import assert from "node:assert/strict";
import { directionOf } from "../src/packet/direction.ts";
import {
  PACKET_BROADCAST,
  PACKET_HOST,
  PACKET_MULTICAST,
  PACKET_OTHERHOST,
  PACKET_OUTGOING,
} from "../src/sys/constants.ts";
import { directionToEpbFlags, epbFlagsToDirection } from "../src/format/pcapng.ts";

Deno.test("directionOf maps each PACKET_* type; loopback, user, kernel and others are unknown", () => {
  // Guards the order of the pkttype table (-Q, NDJSON dir, pcapng epb_flags all read it).
  assert.equal(directionOf(PACKET_HOST), "host");
  assert.equal(directionOf(PACKET_BROADCAST), "broadcast");
  assert.equal(directionOf(PACKET_MULTICAST), "multicast");
  assert.equal(directionOf(PACKET_OTHERHOST), "otherhost");
  assert.equal(directionOf(PACKET_OUTGOING), "out");
  for (const t of [5, 6, 7, 255]) assert.equal(directionOf(t), "unknown", `pkttype ${t}`);
});

Deno.test("the pcapng flags keep in and out apart for each direction", () => {
  // Guards the inbound/outbound bits a pcapng reader sees for each direction.
  for (const t of [0, 1, 2, 3, 4, 5]) {
    const d = directionOf(t);
    if (d === "unknown") continue;
    const flags = directionToEpbFlags(d)!;
    assert.equal(flags & 3, d === "out" ? 2 : 1, `${d}: inbound 1, outbound 2`);
    assert.equal(epbFlagsToDirection(flags), d);
  }
});
