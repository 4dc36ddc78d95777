/**
 * NDJSON of frames that do not start with Ethernet against tshark's fields: the cooked v1/v2
 * header (`sll`, `sll2`), the BSD loopback family (`null`), the VLAN tags after a cooked header
 * and the IP layer each link type leads to; and the bytes encoder against the record tree.
 */
import assert from "node:assert/strict";
import { formatJson } from "../src/format/json.ts";
import { toJsonRecord } from "../src/format/json_record.ts";
import type { JsonRecord } from "../src/format/json_types.ts";
import {
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from "../src/packet/linktype.ts";
import { samples } from "./helpers/frames.ts";
import { sampleRecord, tsharkFields } from "./helpers/differential.ts";
import {
  edgeSamples,
  pingFrame,
  RECAST_LINK_TYPES,
  samplesAs,
  toSll2,
} from "./helpers/linktypes.ts";
import { hasTool } from "./helpers/tools.ts";

const NAMES: Record<number, string> = {
  [LINKTYPE_LINUX_SLL]: "LINUX_SLL",
  [LINKTYPE_LINUX_SLL2]: "LINUX_SLL2",
  [LINKTYPE_NULL]: "NULL",
  [LINKTYPE_LOOP]: "LOOP",
  [LINKTYPE_RAW]: "RAW",
};

const framesOf = (lt: number) => [...samplesAs(lt, samples()), ...edgeSamples(lt)];

Deno.test("NDJSON bytes are the record tree's text, with the link type named", () => {
  for (const lt of RECAST_LINK_TYPES) {
    framesOf(lt).forEach((s, i) => {
      const rec = sampleRecord(s, i, lt);
      const tree = toJsonRecord(rec) as unknown as JsonRecord;
      assert.equal(formatJson(rec), JSON.stringify(tree), `${lt} ${s.name}`);
      assert.equal(tree.link, NAMES[lt]);
      assert.equal(tree.eth, undefined);
    });
  }
  // Ethernet records have no link key.
  const eth = toJsonRecord({ ...sampleRecord({ name: "", data: pingFrame() }, 0, 1) });
  assert.equal("link" in eth, false);
  assert.equal(
    "link" in
      toJsonRecord({ ...sampleRecord({ name: "", data: pingFrame() }, 0, 1), linkType: undefined }),
    false,
  );
});

Deno.test("a tag's tpid after a cooked v2 header is its protocol field", () => {
  const rec = toJsonRecord(
    sampleRecord(
      { name: "", data: toSll2(pingFrame([{ id: 7, tpid: 0x88a8 }])) },
      0,
      LINKTYPE_LINUX_SLL2,
    ),
  ) as unknown as JsonRecord;
  assert.deepEqual(rec.vlan, [{ tpid: 0x88a8, id: 7, pcp: 0, dei: 0 }]);
  assert.equal(rec.sll2?.protocol, 0x88a8);
});

const FIELDS = [
  "sll.pkttype",
  "sll.hatype",
  "sll.src.eth",
  "sll.etype",
  "sll.ltype",
  "sll.ifindex",
  "null.family",
  "vlan.id",
  "ip.src",
  "ipv6.src",
];

Deno.test({
  name: "NDJSON of cooked, loopback and raw IP frames matches tshark's fields",
  ignore: !hasTool("tshark"),
  fn() {
    let compared = 0;
    const eq = (a: unknown, b: unknown, what: string) => {
      assert.equal(a, b, what);
      compared++;
    };
    for (const lt of RECAST_LINK_TYPES) {
      const frames = framesOf(lt);
      const theirs = tsharkFields(frames, FIELDS, lt);
      assert.equal(theirs.length, frames.length);
      frames.forEach((s, i) => {
        const t = theirs[i], what = `${NAMES[lt]} ${s.name}`;
        const j = toJsonRecord(sampleRecord(s, i, lt)) as unknown as JsonRecord;
        const cooked = j.sll ?? j.sll2;
        if (cooked) {
          eq(cooked.pkttype, Number(t["sll.pkttype"]), what + " pkttype");
          eq(cooked.hatype, Number(t["sll.hatype"]), what + " hatype");
          if (t["sll.src.eth"] !== "") eq(cooked.addr, t["sll.src.eth"], what + " addr");
          eq(cooked.protocol, Number(t["sll.etype"] || t["sll.ltype"]), what + " protocol");
          if (j.sll2) eq(j.sll2.ifindex, Number(t["sll.ifindex"]), what + " ifindex");
        } else if (t["sll.pkttype"] !== "" || t["sll.ifindex"] !== "") {
          assert.ok(j.truncated === "sll" || j.truncated === "sll2", what + " cut header");
        }
        if (j.null) eq(j.null.family, Number(t["null.family"]), what + " family");
        else if (lt === LINKTYPE_NULL || lt === LINKTYPE_LOOP) eq(j.truncated, "null", what);
        // Tags right after the cooked header (an encapsulated frame's go under `inner`).
        if (cooked && [0x8100, 0x9100].includes(cooked.protocol) && j.truncated !== "vlan") {
          // tshark gives 802.1ad (0x88a8) tags fields of their own.
          const q = j.vlan?.filter((v) => v.tpid !== 0x88a8).map((v) => v.id).join(",");
          eq(q, t["vlan.id"], what + " vlan");
        }
        const ip4 = t["ip.src"].split(",")[0], ip6 = t["ipv6.src"].split(",")[0];
        if (j.ipv4) eq(j.ipv4.src, ip4, what + " ipv4");
        else if (j.ipv6) eq(j.ipv6.src, ip6, what + " ipv6");
        else if (ip4 !== "" || ip6 !== "") {
          // tshark shows the addresses of a header cut after them; rawcap records no layer.
          assert.ok(j.truncated === "ipv4" || j.truncated === "ipv6", what + " " + j.truncated);
        }
      });
    }
    assert.ok(compared > 1500, `compared ${compared} values`);
  },
});

if (!hasTool("tshark")) console.log("ignored: tshark is not installed, oracle test skipped");
