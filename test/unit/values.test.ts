import { test } from "node:test";
import assert from "node:assert/strict";
import JSON5 from "json5";
import fc from "fast-check";
import { parseCliValue, coerceToField } from "../../src/config/values.ts";

const REFUSED = Symbol("refused");

/** The rule the docs state: JSON5 first, else the raw string; an object, array or quoted string that does not parse is refused. */
function reference(raw: string): unknown {
  try {
    return JSON5.parse(raw);
  } catch {
    return /^\s*[{["']/.test(raw) ? REFUSED : raw;
  }
}

function parsed(raw: string): unknown {
  try {
    return parseCliValue(raw).value;
  } catch (error) {
    assert.equal((error as { exitCode?: number }).exitCode, 2, "a usage error");
    assert.match((error as Error).message, /looks like JSON5 but does not parse/);
    return REFUSED;
  }
}

test("values read as JSON5 first, else as the raw string, exactly as the json5 package would; a broken object, array or quoted string is refused", () => {
  const samples = ["true // c", "NaN ", "// note\n5", "/* x */ true", "us-east-1", "3600", "-5", "+5", ".5", "0x1F", "true", "false", "null", "Infinity", "NaN", "'single'", '"double"', "[1, 'a']", "{ a: 1, }", "anthropic,amazon", "", " ", "-", "truex", "nullish", "1e3", "${VAR}", "[", "{a:", "tru", "'open", '"{a:1"'];
  for (const raw of samples) {
    const got = parsed(raw);
    const want = reference(raw);
    if (typeof want === "number" && Number.isNaN(want)) assert.ok(Number.isNaN(got as number), raw);
    else assert.deepEqual(got, raw.trim() === "" ? raw : want, raw);
  }
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.integer().map(String)), (raw) => {
      const want = raw.trim() === "" ? raw : reference(raw);
      const got = parsed(raw);
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
