/**
 * `sudo deno task demo`: see rawcap work in ten seconds. Builds a throwaway lab (two hosts on
 * a Linux bridge, in network namespaces), sends tagged and untagged traffic between the hosts,
 * captures it on the bridge (forwarded traffic, VLAN ids shown), then again with `--vlan 100`,
 * and tears everything down.
 */
import {
  ETH_P_8021AD,
  ETH_P_8021Q,
  type Lab,
  labUnavailable,
  MAC_A,
  MAC_B,
  RawcapProcess,
  udpFrame,
  withLab,
} from "../tests/lab.ts";

const why = labUnavailable();
if (why) {
  console.error(`demo: ${why} (try: sudo deno task demo)`);
  Deno.exit(1);
}

/** One round of traffic: UDP in VLAN 100 and 200, QinQ, untagged, and a broadcast. */
function traffic(round: number): Uint8Array[] {
  return [
    udpFrame({ tags: [[ETH_P_8021Q, 100]], sport: 5000 + round, dport: 53, payload: "vlan100" }),
    udpFrame({ tags: [[ETH_P_8021Q, 200]], srcIp: [10, 20, 0, 1], dstIp: [10, 20, 0, 9] }),
    udpFrame({
      tags: [[ETH_P_8021AD, 300], [ETH_P_8021Q, 100]],
      srcIp: [10, 30, 0, 1],
      dstIp: [10, 30, 0, 9],
    }),
    udpFrame({ src: MAC_B, dst: MAC_A, srcIp: [10, 77, 0, 9], dstIp: [10, 77, 0, 1], sport: 9999 }),
    udpFrame({ dst: "ff:ff:ff:ff:ff:ff", dstIp: [10, 77, 0, 255], dport: 67, payload: "bcast" }),
  ];
}

async function show(lab: Lab, title: string, args: string[]) {
  console.log(`\n== ${title}\n$ rawcap ${args.join(" ")}`);
  const p = new RawcapProcess(lab.nsBr, args, { stdout: "inherit" });
  await p.listening();
  for (let round = 0; round < 3; round++) {
    await lab.sendFromA(traffic(round), 30);
    await new Promise((r) => setTimeout(r, 300));
  }
  p.kill("SIGINT");
  const r = await p.finish();
  console.log(r.stderr.split("\n").filter((l) => !l.includes("listening on")).join("\n").trim());
}

await withLab(async (lab) => {
  console.log(
    `demo lab: hosts ${MAC_A} and ${MAC_B} joined by bridge br0 (namespaces ${lab.nsA}, ` +
      `${lab.nsB}, ${lab.nsBr})`,
  );
  await show(lab, "everything the bridge forwards (promiscuous), VLAN ids from auxdata", [
    "-i",
    "br0",
  ]);
  await show(lab, "only VLAN 100 (any tag), with link-level headers", [
    "-i",
    "br0",
    "--vlan",
    "100",
    "-e",
  ]);
  await show(lab, "the same as NDJSON", ["-i", "br0", "--vlan", "200", "--json"]);
});
console.log("\ndemo lab removed");
