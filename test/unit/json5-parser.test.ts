// The editor's JSON5 parser: ranges and tokens the editor splices by, values as the json5 package reads
// them, and errors with line and column.
import { test } from "node:test";
import assert from "node:assert/strict";
import JSON5 from "json5";
import { evaluate, Json5SyntaxError, parseDocument, type ObjectNode } from "../../src/config/json5-parser.ts";

const valueOf = (text: string) => evaluate(parseDocument(text).body);

test("every node has the range of its text, members from key to value", () => {
  const text = `{\n  // note\n  a: [1, 'two', { "b": null }],\n  'c': -0x1F, /* end */\n}`;
  const doc = parseDocument(text);
  const root = doc.body as ObjectNode;
  assert.deepEqual(root.range, [0, text.length]);
  const [a, c] = root.members;
  assert.equal(text.slice(...a!.range), `a: [1, 'two', { "b": null }]`);
  assert.equal(text.slice(...a!.name.range), "a");
  assert.equal(a!.name.type, "Identifier");
  assert.equal(text.slice(...c!.name.range), "'c'");
  assert.equal(text.slice(...c!.value.range), "-0x1F");
  const array = a!.value;
  assert.equal(array.type, "Array");
  if (array.type === "Array") assert.deepEqual(array.elements.map((e) => text.slice(...e.range)), ["1", "'two'", `{ "b": null }`]);
});

test("tokens come in text order, comments and commas included", () => {
  const text = "[1, /* x */ 2, // y\n]";
  const tokens = parseDocument(text).tokens.map((t) => `${t.type}:${text.slice(...t.range)}`);
  assert.deepEqual(tokens, ["LBracket:[", "Number:1", "Comma:,", "BlockComment:/* x */", "Number:2", "Comma:,", "LineComment:// y", "RBracket:]"]);
});

test("values are what the json5 package reads", () => {
  const texts = [
    "{a: 1, a: 2}",
    `{"__proto__": {"x": 1}}`,
    "[Infinity, -Infinity, +NaN, .5, 5., 1.e3, -0, 0x10, +0X1f]",
    `'\\x41\\u0042\\0\\q\\'\\"\\b\\f\\n\\r\\t\\v'`,
    "'line \\\ncontinued \\\r\nand \\\u2028again'",
    "{\\u0061b: 1, $_: 2, ä: 3, a\u200c: 4, 'key with spaces': 5, default: 6}",
    "\u00a0\u3000\ufeff\v\f 1 \u2028",
    "{ nested: { deeper: [[], {}, [{}]] } }",
  ];
  for (const text of texts) assert.deepEqual(valueOf(text), JSON5.parse(text), text);
  assert.ok(Object.hasOwn(valueOf(`{"__proto__": 1}`) as object, "__proto__"), "__proto__ is an own key, not the prototype");
});

test("texts the json5 package refuses are refused", () => {
  const bad = ["", "01", "00", ".", "-.", ".e5", "1e", "1e+", "0x", "0xg", "[,]", "{,}", "{a:1,,}", "[1 2]", "{a b:1}", "{1a:1}", "{\\u0030:1}", "'\\1'", "'\\01'", "'a\nb'", '"abc\\', "/* open", "1 /", "tru", "truex", "Infinit", "-", "{\"a\":1}}", "[[]]]", "{a:1 /", "{\\x41: 1}"];
  for (const text of bad) {
    assert.throws(() => JSON5.parse(text), SyntaxError, `the reader takes ${JSON.stringify(text)}`);
    assert.throws(() => valueOf(text), Json5SyntaxError, JSON.stringify(text));
  }
});

test("a syntax error names its line and column, and what was found", () => {
  const error = (text: string) => {
    try {
      parseDocument(text);
    } catch (e) {
      return e as Json5SyntaxError;
    }
    assert.fail(`no error for ${JSON.stringify(text)}`);
  };
  assert.deepEqual(pick(error("{\n  a: 1,\n  b: ?\n}")), { message: "invalid character '?'", line: 3, column: 6 });
  assert.deepEqual(pick(error("{\r\n  a: 'open")), { message: "invalid end of input", line: 2, column: 11 });
  assert.deepEqual(pick(error("[1, 2")), { message: "invalid end of input", line: 1, column: 6 });
});

function pick(e: Json5SyntaxError): { message: string; line: number; column: number } {
  return { message: e.message, line: e.line, column: e.column };
}

test("nesting is limited to what every reader of the config accepts, without overflowing the stack", () => {
  assert.doesNotThrow(() => parseDocument("[".repeat(200) + "]".repeat(200)));
  assert.throws(() => parseDocument("[".repeat(201) + "]".repeat(201)), /nests deeper than 200 levels/);
  assert.throws(() => parseDocument("{a:".repeat(100000) + "1" + "}".repeat(100000)), Json5SyntaxError);
});
