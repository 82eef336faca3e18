import { test } from "node:test";
import assert from "node:assert/strict";
import JSON5 from "json5";
import fc from "fast-check";
import { parseCliValue, coerceToField } from "../../src/config/values.ts";

const REFUSED = Symbol("refused");
const LOSSY = Symbol("too large to keep exactly");

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
    if (/too large to keep exactly/.test((error as Error).message)) return LOSSY;
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
      // An integer past 2^53 that a double would round is refused: only where 16 digits or more are written.
      if (got === LOSSY) return /\d{16}|[0-9a-fA-F]{14}/.test(raw);
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

test("an integer a double cannot hold exactly is refused; 2^53 and -2^53 themselves are kept", () => {
  for (const raw of ["1234567890123456789", "9007199254740993", "[0x20000000000001]", '{"a": {"b": -12345678901234567891}}']) {
    assert.throws(() => parseCliValue(raw), /too large to keep exactly/, raw);
  }
  for (const raw of ["9007199254740992", "-9007199254740992", "1e21", "123456789012345678901234567890.5"]) assert.doesNotThrow(() => parseCliValue(raw), raw);
  assert.equal(parseCliValue("1234567890123456789", { stringField: true }).value, 1234567890123456800);
});
