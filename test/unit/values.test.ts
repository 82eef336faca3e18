import { test } from "node:test";
import assert from "node:assert/strict";
import JSON5 from "json5";
import fc from "fast-check";
import { parseCliValue, coerceToField } from "../../src/config/values.ts";

/** The rule the docs state: JSON5 first, else the raw string. */
function reference(raw: string): unknown {
  try {
    return JSON5.parse(raw);
  } catch {
    return raw;
  }
}

test("values read as JSON5 first, else as the raw string, exactly as the json5 package would", () => {
  const samples = ["true // c", "NaN ", "// note\n5", "/* x */ true", "us-east-1", "3600", "-5", "+5", ".5", "0x1F", "true", "false", "null", "Infinity", "NaN", "'single'", '"double"', "[1, 'a']", "{ a: 1, }", "anthropic,amazon", "", " ", "-", "truex", "nullish", "1e3", "${VAR}", "[", "{a:", "tru"];
  for (const raw of samples) {
    const got = parseCliValue(raw).value;
    const want = reference(raw);
    if (typeof want === "number" && Number.isNaN(want)) assert.ok(Number.isNaN(got as number), raw);
    else assert.deepEqual(got, raw.trim() === "" ? raw : want, raw);
  }
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.integer().map(String)), (raw) => {
      const want = raw.trim() === "" ? raw : reference(raw);
      const got = parseCliValue(raw).value;
      if (typeof want === "number" && Number.isNaN(want)) return Number.isNaN(got as number);
      assert.deepEqual(got, want);
      return true;
    }),
    { numRuns: 2000 },
  );
});

test("a list field takes a,b,c; a string field keeps digits as written", () => {
  assert.deepEqual(coerceToField("anthropic, amazon", "anthropic, amazon", "string[]"), ["anthropic", "amazon"]);
  assert.equal(coerceToField("2024", 2024, "string"), "2024");
  assert.equal(coerceToField("60", 60, "number"), 60);
});
