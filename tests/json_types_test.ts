/**
 * The NDJSON record's TypeScript types (src/format/json_types.ts) are generated from the schema
 * (scripts/gen_json_types.ts): this fails when they drift apart, and type-checks a use.
 */
import { assertEquals } from "./assert.ts";
import { generate } from "../scripts/gen_json_types.ts";
import { Packet } from "../mod.ts";
import type { JsonRecord } from "../mod.ts";
import { ETH_P_8021Q, udpFrame } from "./lab.ts";

Deno.test("json_types.ts is what gen_json_types.ts generates from the schema", async () => {
  const p = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=ts", "-"],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode(generate()));
  await w.close();
  const want = new TextDecoder().decode((await p.output()).stdout);
  const have = Deno.readTextFileSync(new URL("../src/format/json_types.ts", import.meta.url));
  assertEquals(have, want, "run: deno run -A scripts/gen_json_types.ts");
});

Deno.test("Packet.toJSON() is a JsonRecord: typed fields read as the record holds them", () => {
  const r: JsonRecord = Packet.from(udpFrame({ tags: [[ETH_P_8021Q, 100]], dport: 7890 }))
    .toJSON();
  const dport: number | undefined = r.udp?.dport;
  const id: number | undefined = r.vlan?.[0].id;
  const src: string | undefined = r.ipv4?.src;
  assertEquals([dport, id, src, r.caplen], [7890, 100, "10.77.0.1", 60]);
});
