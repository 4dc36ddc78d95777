/** ns/packet of the decode hot path: `deno bench bench/decode_bench.ts`. */

import { dissect, Dissection } from "../src/decode/frame.ts";
import { encodeJson, formatJson } from "../src/format/json.ts";
import { formatText } from "../src/format/text.ts";
import type { PacketRecord } from "../src/packet/packet.ts";
import { samples } from "../tests/helpers/frames.ts";
import { toSll2 } from "../tests/helpers/linktypes.ts";
import { LINKTYPE_LINUX_SLL2 } from "../src/packet/linktype.ts";

const by = new Map(samples().map((s) => [s.name, s.data]));

function record(name: string): PacketRecord {
  const data = by.get(name)!;
  return {
    ts: 1_795_735_547_123_456_789n,
    iface: "eth0",
    ifindex: 2,
    len: data.length,
    caplen: data.length,
    direction: "host",
    data,
  };
}

const vlanUdp = record("udp4-vlan");
const tcpSyn = record("tcp-syn");
const dnsAnswer = record("dns-answer");
const ds = new Dissection();
let ts = vlanUdp.ts;

Deno.bench("walk: UDP/IPv4 in 802.1Q", { group: "walk", baseline: true }, () => {
  dissect(vlanUdp.data, ds);
});
Deno.bench("walk: TCP SYN with options", { group: "walk" }, () => {
  dissect(tcpSyn.data, ds);
});
// A frame of `tcpdump -i any` (LINUX_SLL2): the UDP sample's IP packet after a cooked v2 header.
const cookedUdp = toSll2(by.get("udp4")!);
Deno.bench("walk: UDP/IPv4 after a cooked v2 header", { group: "walk" }, () => {
  dissect(cookedUdp, ds, LINKTYPE_LINUX_SLL2);
});
Deno.bench("text: UDP/IPv4 in 802.1Q", { group: "text", baseline: true }, () => {
  ts += 1000n;
  vlanUdp.ts = ts;
  formatText(vlanUdp, {});
});
Deno.bench("text -e: UDP/IPv4 in 802.1Q", { group: "text" }, () => {
  formatText(vlanUdp, { link: true });
});
Deno.bench("text: TCP SYN with options", { group: "text" }, () => {
  formatText(tcpSyn, {});
});
Deno.bench("text: DNS answer", { group: "text" }, () => {
  formatText(dnsAnswer, {});
});
Deno.bench("json: UDP/IPv4 in 802.1Q", { group: "json", baseline: true }, () => {
  formatJson(vlanUdp);
});
Deno.bench("json: TCP SYN with options", { group: "json" }, () => {
  formatJson(tcpSyn);
});
Deno.bench("json: DNS answer", { group: "json" }, () => {
  formatJson(dnsAnswer);
});

const lineBytes = new Uint8Array(1 << 16);
Deno.bench("json bytes: UDP/IPv4 in 802.1Q", { group: "json bytes", baseline: true }, () => {
  encodeJson(vlanUdp, lineBytes, 0);
});
Deno.bench("json bytes: TCP SYN with options", { group: "json bytes" }, () => {
  encodeJson(tcpSyn, lineBytes, 0);
});
Deno.bench("json bytes: DNS answer", { group: "json bytes" }, () => {
  encodeJson(dnsAnswer, lineBytes, 0);
});
