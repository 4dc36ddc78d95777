/**
 * The NDJSON schema is written once, in src/format/json_schema.ts; json_schema.md (and through
 * it the README) must describe exactly those keys, in that order.
 */
import assert from "node:assert/strict";
import {
  F_ARR,
  F_DNS_ANSWERS,
  F_DNS_QUESTIONS,
  F_EXT_FRAG,
  F_OBJ,
  type JsonField,
  LAYERS,
  RECORD_KEYS,
} from "../src/format/json_schema.ts";

const md = Deno.readTextFileSync(new URL("../src/format/json_schema.md", import.meta.url));
/** The table rows: key and meaning. */
const rows = new Map(
  [...md.matchAll(/^\| `(\w+)` +\| \w+ +\| (.*?) *\|$/gm)].map((m) => [m[1], m[2]]),
);
/** The Details bullet of each key (`- \`icmp\` adds ...`), whitespace folded. */
const details = (key: string) =>
  [...md.matchAll(/^- (.*(?:\n {2}.*)*)/gm)].map((m) => m[1].replace(/\s+/g, " "))
    .filter((b) => b.includes("`" + key + "`") || b.includes("`" + key + "."))
    .join(" ");

/** A field list as json_schema.md writes it: `{a, b?, c: {x, y}}`. */
function notation(fields: readonly JsonField[]): string {
  return "{" + fields.map((f) => {
    const name = f.name + (f.optional ? "?" : "");
    if (f.kind === F_OBJ || f.kind === F_EXT_FRAG) return name + ": " + notation(f.fields);
    return name;
  }).join(", ") + "}";
}

Deno.test("json_schema.md's table lists the schema's keys, in the schema's order", () => {
  assert.deepEqual([...rows.keys()], [...RECORD_KEYS]);
});

Deno.test("json_schema.md gives every layer's fields as the schema has them", () => {
  for (const l of LAYERS) {
    const row = rows.get(l.key)!;
    const all = row + " " + details(l.key);
    // The table's brace list: every field, or the first ones and "...".
    const listed = row.match(/`\[?(\{.*?\})\]?`/)![1];
    const want = notation(l.fields);
    if (listed.endsWith(", ...}")) {
      assert.ok(want.startsWith(listed.slice(0, -5)), `${l.key}: ${listed} / ${want}`);
    } else if (row.includes(" plus")) {
      // ipv6: the fixed fields in braces, then the ones extension headers add.
      const fixed = l.fields.filter((f) => row.includes("`" + f.name + "`") === false);
      assert.equal(listed, notation(fixed), l.key);
    } else assert.equal(listed, want, l.key);
    for (const f of l.fields) {
      assert.ok(new RegExp(`\\b${f.name}\\b`).test(all), `${l.key}.${f.name} is not described`);
      if (f.kind === F_OBJ || f.kind === F_EXT_FRAG) {
        const sub = f.name + ": " + notation(f.fields);
        assert.ok(all.includes(sub) || all.includes(f.name + "?: " + notation(f.fields)), sub);
      }
      if (f.kind === F_ARR || f.kind === F_DNS_QUESTIONS || f.kind === F_DNS_ANSWERS) {
        assert.ok(all.includes("`" + f.name + "` is `[" + notation(f.fields) + "]`"), f.name);
      }
    }
  }
});

Deno.test("the schema's first fields are always there, and no key repeats on one level", () => {
  const check = (where: string, fields: readonly JsonField[]) => {
    assert.ok(!fields[0].optional, where);
    assert.equal(new Set(fields.map((f) => f.name)).size, fields.length, where);
    for (const f of fields) if (f.fields.length) check(where + "." + f.name, f.fields);
  };
  for (const l of LAYERS) check(l.key, l.fields);
  assert.equal(new Set(RECORD_KEYS).size, RECORD_KEYS.length);
});
