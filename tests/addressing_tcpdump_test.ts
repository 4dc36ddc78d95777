/**
 * The addressing family (issue 15b: DHCP/BOOTP, DHCPv6, ND options, MLD, mDNS, LLMNR) against
 * the oracles: the default and -v lines equal tcpdump's (its continuation lines joined, each
 * line break one space), and the NDJSON values equal tshark's fields.
 */
import assert from "node:assert/strict";
import { formatJson } from "../src/format/json.ts";
import { formatText, type TextOptions } from "../src/format/text.ts";
import { pcapBytes, type Sample, samples } from "./helpers/frames.ts";
import { hasTool } from "./helpers/tools.ts";
import { sampleRecord } from "./helpers/differential.ts";

/** The family's samples, by name prefix. */
const FAMILY = /^(dhcp|dhcp6|nd|mld|mdns|llmnr|dnstcp|icmp6-ns|icmp6-na|icmp6-ra|icmp6-rs)(-|$)/;

function run(cmd: string, args: string[]): string {
  const out = new Deno.Command(cmd, { args, env: { TZ: "UTC" }, stdout: "piped", stderr: "null" })
    .outputSync();
  assert.ok(out.success, cmd + " ran");
  return new TextDecoder().decode(out.stdout);
}

/** The family's samples written to a pcap in a fresh directory. */
function family(): { dir: string; file: string; s: Sample[] } {
  const s = samples().filter((x) => FAMILY.test(x.name));
  const dir = Deno.makeTempDirSync();
  const file = dir + "/addressing.pcap";
  Deno.writeFileSync(file, pcapBytes(s.map((x, i) => ({ ...sampleRecord(x, i), data: x.data }))));
  return { dir, file, s };
}

Deno.test({
  name: "addressing: default, -v and -e lines equal tcpdump's",
  ignore: !hasTool("tcpdump"),
  fn() {
    const { dir, file, s } = family();
    try {
      assert.ok(s.length >= 8, "samples of the family");
      const modes: [string[], TextOptions][] = [
        [[], {}],
        [["-v"], { verbose: 1 }],
        [["-e"], { link: true }],
        [["-q"], { quiet: true }],
      ];
      for (const [flags, opts] of modes) {
        const theirs = run("tcpdump", ["-n", "-S", ...flags, "-r", file])
          .replace(/\s*\n[\t ]+/g, " ").split("\n").filter((l) => l !== "");
        assert.equal(theirs.length, s.length);
        s.forEach((x, i) => {
          const ours = formatText(sampleRecord(x, i), { ...opts, tsFormat: "utc" });
          assert.equal(ours, theirs[i].trimEnd(), `${flags.join(" ")} ${x.name}`);
        });
      }
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

/** NDJSON keys of a layer and the tshark fields they must equal. */
const TSHARK: [string, string, string][] = [
  ["dhcp", "msgType", "dhcp.option.dhcp"],
  ["dhcp", "xid", "dhcp.id"],
  ["dhcp", "ciaddr", "dhcp.ip.client"],
  ["dhcp", "yiaddr", "dhcp.ip.your"],
  ["dhcp", "siaddr", "dhcp.ip.server"],
  ["dhcp", "giaddr", "dhcp.ip.relay"],
  ["dhcp", "requestedIp", "dhcp.option.requested_ip_address"],
  ["dhcp", "hostname", "dhcp.option.hostname"],
  ["dhcp", "params", "dhcp.option.request_list_item"],
  ["dhcp", "leaseTime", "dhcp.option.ip_address_lease_time"],
  ["dhcp", "serverId", "dhcp.option.dhcp_server_id"],
  ["dhcp", "subnetMask", "dhcp.option.subnet_mask"],
  ["dhcp", "router", "dhcp.option.router"],
  ["dhcp", "dnsServers", "dhcp.option.domain_name_server"],
  ["dhcp", "circuitId", "dhcp.option.agent_information_option.agent_circuit_id"],
  ["dhcp", "remoteId", "dhcp.option.agent_information_option.agent_remote_id"],
  ["dhcpv6", "msgType", "dhcpv6.msgtype"],
  ["dhcpv6", "xid", "dhcpv6.xid"],
  ["dhcpv6", "linkAddr", "dhcpv6.linkaddr"],
  ["dhcpv6", "peerAddr", "dhcpv6.peeraddr"],
  ["dhcpv6", "status", "dhcpv6.status_code"],
  ["dhcpv6", "dnsServers", "dhcpv6.dns_server"],
];

/** tshark's text of a value: numbers in decimal, or hex where tshark shows hex. */
function shown(field: string, v: unknown): string {
  if (v === undefined) return "";
  if (field === "dhcp.id") return "0x" + (v as number).toString(16).padStart(8, "0");
  if (field === "dhcpv6.xid") return "0x" + (v as number).toString(16).padStart(6, "0");
  return String(v);
}

Deno.test({
  name: "addressing: NDJSON values equal tshark's fields",
  ignore: !hasTool("tshark"),
  fn() {
    const { dir, file, s } = family();
    try {
      const fields = TSHARK.map((t) => ["-e", t[2]]).flat();
      const rows = run("tshark", ["-r", file, "-T", "fields", ...fields])
        .split("\n").filter((l) => l !== "");
      assert.equal(rows.length, s.length);
      let compared = 0;
      s.forEach((x, i) => {
        const rec = JSON.parse(formatJson(sampleRecord(x, i)));
        if (rec.truncated || rec.malformed) return;
        const cols = rows[i].split("\t");
        TSHARK.forEach(([key, name, field], c) => {
          const layer = rec[key];
          if (layer === undefined) return;
          // Repeated fields (servers, requested options) are comma-separated in both.
          // tshark also lists a relayed message's fields after the relay's own; ours are the
          // relay's.
          const relay = layer.hops !== undefined;
          if (relay && !["msgType", "linkAddr", "peerAddr"].includes(name)) return;
          const want = relay ? (cols[c] ?? "").split(",")[0] : cols[c] ?? "";
          assert.equal(shown(field, layer[name]), want, `${x.name} ${key}.${name}`);
          compared++;
        });
      });
      assert.ok(compared > 20, `compared ${compared}`);
      // ND options and MLDv2 records: tshark lists each field's values across the options.
      const nd = run("tshark", [
        "-r",
        file,
        "-T",
        "fields",
        "-e",
        "icmpv6.opt.linkaddr",
        "-e",
        "icmpv6.opt.prefix",
        "-e",
        "icmpv6.opt.mtu",
        "-e",
        "icmpv6.opt.rdnss",
        "-e",
        "icmpv6.mldr.mar.multicast_address",
      ]).split("\n");
      let ndCompared = 0;
      s.forEach((x, i) => {
        const m = JSON.parse(formatJson(sampleRecord(x, i))).icmpv6;
        if (m === undefined || x.name.includes("-cut") || x.name.includes("-bad")) return;
        if (x.name.includes("-zero-") || x.name.includes("-unknown-")) return;
        const [addrs, prefixes, mtus, servers, groups] = nd[i].split("\t");
        const opts: Record<string, string>[] = m.ndOptions ?? [];
        const list = (k: string) => opts.filter((o) => o[k] !== undefined).map((o) => o[k]);
        assert.equal(list("addr").join(","), addrs, x.name);
        assert.equal(list("prefix").join(","), prefixes, x.name);
        assert.equal(list("mtu").join(","), mtus, x.name);
        assert.equal(list("servers").join(","), servers, x.name);
        const recs: { group: string }[] = m.mldRecords ?? [];
        assert.equal(recs.map((r) => r.group).join(","), groups, x.name);
        ndCompared++;
      });
      assert.ok(ndCompared >= 7, `compared ${ndCompared} ND/MLD messages`);
      // mDNS and LLMNR: the DNS id, question names and addresses.
      const dnsRows = run("tshark", [
        "-r",
        file,
        "-T",
        "fields",
        "-e",
        "dns.id",
        "-e",
        "dns.qry.name",
        "-e",
        "dns.a",
      ]).split("\n");
      let dnsCompared = 0;
      s.forEach((x, i) => {
        const m = JSON.parse(formatJson(sampleRecord(x, i))).dns;
        if (m === undefined || x.name.includes("-cut")) return;
        const [id, names, addrs] = dnsRows[i].split("\t");
        assert.equal("0x" + m.id.toString(16).padStart(4, "0"), id, x.name);
        const qs: { name: string }[] = m.questions;
        assert.equal(qs.map((q) => q.name.slice(0, -1)).join(","), names, x.name);
        const as: { type: number; data: string }[] = m.answers;
        assert.equal(as.filter((a) => a.type === 1).map((a) => a.data).join(","), addrs, x.name);
        dnsCompared++;
      });
      assert.ok(dnsCompared >= 4, `compared ${dnsCompared} mDNS/LLMNR messages`);
      // DHCPv6 DUIDs (tshark lists client then server) and the IA_NA.
      const v6 = run("tshark", [
        "-r",
        file,
        "-T",
        "fields",
        "-e",
        "dhcpv6.duid.bytes",
        "-e",
        "dhcpv6.iaid",
        "-e",
        "dhcpv6.iaid.t1",
        "-e",
        "dhcpv6.iaaddr.ip",
      ]).split("\n");
      s.forEach((x, i) => {
        const m = JSON.parse(formatJson(sampleRecord(x, i))).dhcpv6;
        if (m === undefined || m.xid === undefined || x.name.includes("-cut-")) return;
        const [duids, iaid, t1, addr] = v6[i].split("\t");
        assert.equal([m.clientId, m.serverId].filter(Boolean).join(","), duids, x.name);
        if (m.iaNa) {
          assert.equal(m.iaNa.iaid.toString(16).padStart(8, "0"), iaid.split(",")[0], x.name);
          assert.equal(String(m.iaNa.t1), t1.split(",")[0], x.name);
          assert.equal(m.iaNa.addr ?? "", addr.split(",")[0], x.name);
        }
      });
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});
