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
import { arp, dns, ether, F, icmpEcho, ipv4, tcp, topt, udp } from "../tests/helpers/frames.ts";

const why = labUnavailable();
if (why) {
  console.error(`demo: ${why} (try: sudo deno task demo)`);
  Deno.exit(1);
}

/** One round of traffic: ARP, ICMP echo in VLAN 100, DNS in VLAN 200, TCP in QinQ, broadcast. */
function traffic(round: number): Uint8Array[] {
  const tag = (id: number, tpid = ETH_P_8021Q) => ({ tpid, id });
  return [
    ether(
      { src: MAC_A, dst: "ff:ff:ff:ff:ff:ff", type: 0x0806, pad: true },
      arp({ op: 1, sha: MAC_A, spa: "10.77.0.1", tha: "00:00:00:00:00:00", tpa: "10.77.0.9" }),
    ),
    ether(
      { src: MAC_A, dst: MAC_B, type: 0x0800, tags: [tag(100)] },
      ipv4(
        { src: "10.100.0.1", dst: "10.100.0.9", proto: 1 },
        icmpEcho(8, 0x1234, round + 1, new Uint8Array(32)),
      ),
    ),
    ether(
      { src: MAC_A, dst: MAC_B, type: 0x0800, tags: [tag(200)] },
      ipv4(
        { src: "10.200.0.1", dst: "10.200.0.53", proto: 17 },
        udp(
          { sport: 33000 + round, dport: 53 },
          dns({
            id: 0x4242 + round,
            flags: 0x0100,
            questions: [{ name: "rawcap.example.", type: 1 }],
          }),
        ),
      ),
    ),
    ether(
      { src: MAC_A, dst: MAC_B, type: 0x0800, tags: [tag(300, ETH_P_8021AD), tag(100)] },
      ipv4(
        { src: "10.30.0.1", dst: "10.30.0.9", proto: 6, df: true },
        tcp({ sport: 40000 + round, dport: 443, seq: 1000, flags: F.SYN, options: topt.mss(1460) }),
      ),
    ),
    udpFrame({ src: MAC_B, dst: MAC_A, srcIp: [10, 77, 0, 9], dstIp: [10, 77, 0, 1], sport: 9999 }),
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
  await show(lab, "only VLAN 100 (outer or inner tag), with link-level headers", [
    "-i",
    "br0",
    "--vlan",
    "100",
    "-e",
  ]);
  await show(lab, "the same as NDJSON", ["-i", "br0", "--vlan", "200", "--json"]);
});
console.log("\ndemo lab removed");
