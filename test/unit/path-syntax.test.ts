import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { formatConfigPath, parseConfigPath } from "../../src/config/path-syntax.ts";
import { UsageError } from "../../src/errors.ts";

test("dot and bracket notation parse into keys and indexes", () => {
  assert.deepEqual(parseConfigPath('models.providers["amazon-bedrock"].models[0].id'), ["models", "providers", "amazon-bedrock", "models", 0, "id"]);
  assert.deepEqual(parseConfigPath("models.providers.amazon-bedrock.baseUrl"), ["models", "providers", "amazon-bedrock", "baseUrl"]);
  assert.deepEqual(parseConfigPath("a['b.c'][2]"), ["a", "b.c", 2]);
  assert.deepEqual(parseConfigPath('a["q\\"x"]'), ["a", 'q"x']);
});

test("empty segments, prototype keys and broken brackets are usage errors", () => {
  for (const bad of ["", "a..b", ".a", "a.", "a[", "a[x]", "a[]", "__proto__.x", "a.constructor", "a[\"prototype\"]", "a b", 'a[""]', "a]b"]) {
    assert.throws(() => parseConfigPath(bad), UsageError, `expected ${JSON.stringify(bad)} to be refused`);
  }
});

test("formatting a parsed path and parsing it again gives the same segments", () => {
  const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !["__proto__", "constructor", "prototype"].includes(k));
  const segment = fc.oneof(key, fc.nat({ max: 50 }));
  fc.assert(
    fc.property(fc.tuple(key, fc.array(segment, { maxLength: 5 })), ([first, rest]) => {
      const segments = [first, ...rest];
      assert.deepEqual(parseConfigPath(formatConfigPath(segments)), segments);
    }),
    { numRuns: 500 },
  );
});
