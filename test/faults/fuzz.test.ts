// Bad input: random and hostile config files, paths and values through the reader, the path parser and the
// editor. Every case ends in success or a typed error with a message: no uncaught exception, no corrupted file.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSON5 from "json5";
import fc from "fast-check";
import { isCliError } from "../../src/errors.ts";
import { formatConfigPath, parseConfigPath } from "../../src/config/path-syntax.ts";
import { loadConfig } from "../../src/config/read.ts";
import { getAtPath } from "../../src/config/lookup.ts";
import { configSet } from "../../src/commands/config-set.ts";
import { configGet } from "../../src/commands/config-get.ts";
import { collectingRuntime, scale, scenario } from "./harness.ts";
import { maskSecrets } from "../../src/config/secrets.ts";
import { pathForHost } from "../../src/config/host-version.ts";

const runs = scale(300, 3000);
/** FUZZ_SEED and FUZZ_PATH (from a failure report) replay one failing case. */
// No shrinking (endOnFailure): shrinking inputs thousands of levels deep can take minutes; verbose shows the error.
const replay = { endOnFailure: true, verbose: 1, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {}) };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-fuzz-"));
const configPath = path.join(dir, "openclaw.json");
const env = { HOME: dir, OPENCLAW_CONFIG_PATH: configPath } as NodeJS.ProcessEnv;

/** FUZZ_TRACE=<file>: each case is written there before it runs, so a hang names its input. */
function trace(...input: unknown[]): void {
  if (process.env.FUZZ_TRACE) fs.writeFileSync(process.env.FUZZ_TRACE, JSON.stringify(input));
}

/** A typed error (exit code, message) is a fine ending; anything else is a bug. */
function expectTypedOrNothing(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    assert.ok(isCliError(error), `untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    assert.ok((error as Error).message.length > 0);
  }
}

const key = fc.oneof(fc.constantFrom("models", "bedrockDiscovery", "region", "agents", "defaults", "model", "a", "default", "x-y"), fc.string({ minLength: 1, maxLength: 6 }));
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const document = fc.dictionary(key.filter((k) => k !== "__proto__"), fc.oneof(leaf, fc.dictionary(key.filter((k) => k !== "__proto__"), leaf, { maxKeys: 4, noNullPrototype: true }), fc.array(leaf, { maxLength: 3 })), { maxKeys: 6, noNullPrototype: true });

/** The same document in the styles real files use: JSON, JSON5 with comments, CRLF, BOM, trailing spaces. */
const styledText = fc.tuple(document, fc.constantFrom("json", "json5", "commented", "crlf", "bom", "trailing")).map(([doc, style]) => {
  const json = JSON.stringify(doc, null, 2);
  switch (style) {
    case "json5":
      return JSON5.stringify(doc, null, 4);
    case "commented":
      return `// header comment\n${json.replace(/\n/g, " // note\n").replace(/^\{ \/\/ note/, "{")}\n`;
    case "crlf":
      return json.replace(/\n/g, "\r\n");
    case "bom":
      return `\uFEFF${json}`;
    case "trailing":
      return `${json}${" ".repeat(2000)}`;
    default:
      return json;
  }
});

const hostileText = fc.oneof(
  fc.string(),
  fc.string().map((s) => `{ "a": "${s}" }`),
  fc.string().map((s) => `{ a: 1, ${s} }`),
  fc.constant("{ \u0000 }"),
  fc.constant('{ "a": "b\u0000c" }'),
  fc.constant("\uFEFF{}"),
  fc.constant("[1, 2]"),
  fc.constant("null"),
  fc.constant("{ a: 1,, }"),
  fc.constant("{ /* unterminated"),
  fc.string({ maxLength: 8 }).map((s) => `{ "a": "${s}\\`),
  fc.nat({ max: 20000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.nat({ max: 20000 }).map((n) => "{a:".repeat(n) + "1" + "}".repeat(n)),
);

test(`reader: ${runs} random and hostile files end in a value or a typed error`, async () => {
  await scenario("fuzz", "reader", () => {
    fc.assert(
      fc.property(fc.oneof(styledText, hostileText), (text) => {
        trace("reader", text);
        fs.writeFileSync(configPath, text);
        expectTypedOrNothing(() => loadConfig(configPath));
      }),
      { numRuns: runs, ...replay },
    );
  });
});

test("reader: invalid UTF-8, NUL bytes and a multi-megabyte file are handled", async () => {
  await scenario("fuzz", "reader: invalid UTF-8", () => {
    fs.writeFileSync(configPath, Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]));
    assert.throws(() => loadConfig(configPath), /not valid UTF-8/);
  });
  await scenario("fuzz", "reader: multi-megabyte", () => {
    const big = { models: { providers: { p: { models: Array.from({ length: scale(20_000, 60_000) }, (_, i) => ({ id: `m${i}`, name: `Model ${i}` })) } } } };
    fs.writeFileSync(configPath, JSON.stringify(big, null, 2));
    assert.ok(fs.statSync(configPath).size > 1_000_000);
    assert.equal((loadConfig(configPath).value as typeof big).models.providers.p.models.length, big.models.providers.p.models.length);
  });
});

test(`path parser: ${runs} random paths end in segments or a usage error`, async () => {
  await scenario("fuzz", "path parser", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[a-z.[\]"'0-9_-]{0,20}$/)), (input) => {
        trace("path", input);
        expectTypedOrNothing(() => {
          const segments = parseConfigPath(input);
          assert.ok(segments.length > 0);
          for (const s of segments) assert.ok(!["__proto__", "constructor", "prototype", ""].includes(s as string));
        });
      }),
      { numRuns: runs, ...replay },
    );
  });
});

const rawValue = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ maxLength: 6 }).map((s) => `"${s}\\`), fc.integer().map(String), fc.constantFrom("true", "false", "null", "[1,2]", '{ a: 1 }', "'single'", "us-east-1", "anthropic,amazon", "${SOME_VAR}", "", "-"));
const pathText = fc.oneof(
  fc.array(key.filter((k) => /^[A-Za-z_$][\w$-]*$/.test(k)), { minLength: 1, maxLength: 4 }).map((ks) => ks.join(".")),
  fc.constantFrom("plugins.entries.amazon-bedrock.config.discovery.region", "plugins.entries.amazon-bedrock.config.discovery.refreshInterval", "plugins.entries.amazon-bedrock.config.discovery.providerFilter", "agents.defaults.model", 'models.providers["amazon-bedrock"].models[0].id', "a[0]", "a..b"),
  fc.string({ maxLength: 10 }),
);

test(`editor: ${runs} random sets on random files never corrupt the file, and set-then-get round-trips`, async () => {
  let written = 0;
  let refused = 0;
  await scenario("fuzz", "config set on random files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: styledText }, { weight: 1, arbitrary: hostileText }), pathText, rawValue, async (text, pathArg, value) => {
        trace("editor", text, pathArg, value);
        fs.writeFileSync(configPath, text);
        const before = fs.readFileSync(configPath);
        const rt = collectingRuntime(env);
        try {
          await configSet(rt, pathArg, value, {});
        } catch (error) {
          assert.ok(isCliError(error), `untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
          assert.ok(fs.readFileSync(configPath).equals(before), "a refused set left the file byte-identical");
          refused++;
          return;
        }
        written++;
        const after = fs.readFileSync(configPath, "utf8");
        const parsed = JSON5.parse(after.replace(/^\uFEFF/, ""));
        // A discovery option goes where this host's OpenClaw reads it (an unknown one is taken as current).
        const segments = pathForHost(parseConfigPath(pathArg), JSON5.parse(before.toString("utf8").replace(/^\uFEFF/, "").trim() || "{}"), env).path;
        const stored = getAtPath(parsed, segments);
        assert.ok(stored.found, "the value is where it was set");
        const getRt = collectingRuntime(env);
        await configGet(getRt, formatConfigPath(segments), { json: true });
        // What was written, as config get shows it: secrets masked by their key, place and shape.
        assert.deepEqual(JSON.parse(getRt.out()), maskSecrets(stored.value, segments));
      }),
      { numRuns: runs, timeout: 5000, ...replay },
    );
  });
  assert.ok(written > runs / 10, `only ${written} of ${runs} sets were written`);
  assert.ok(refused > 0, "some cases were refused");
});

const fragment = fc.constantFrom("\\1", "\\0", "\\01", "\\x4", "\\x41", "\\u00e", "\\u00e9", "\\\\", "\\\n", "\\'", '\\"', "a", " ", "é", "\u2028");
const numberText = fc.array(fc.constantFrom(".", "0", "1", "9", "e", "E", "+", "-", "x", "X", "f", "Infinity", "NaN"), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));

/** What each parser makes of a text: the value, or that it refused it. */
function bothParsers(parseJson5: (text: string) => unknown, text: string): { reader: unknown; readerOk: boolean; editor: unknown; editorOk: boolean } {
  let reader: unknown;
  let readerOk = true;
  try {
    reader = JSON5.parse(text);
  } catch {
    readerOk = false;
  }
  let editor: unknown;
  let editorOk = true;
  try {
    editor = parseJson5(text);
  } catch (error) {
    assert.equal((error as Error).name, "Json5SyntaxError", `${JSON.stringify(text)}: ${(error as Error).message}`);
    editorOk = false;
  }
  return { reader, readerOk, editor, editorOk };
}

test(`the editor's parser and the reader accept the same texts and agree on values: ${runs * 3} tricky texts`, async () => {
  const { parseJson5 } = await import("../../src/config/json5-edit.ts");
  await scenario("fuzz", "editor parser agrees with the reader", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fragment, { maxLength: 6 }).map((parts) => `{ "a": "${parts.join("")}" }`),
          fc.array(fragment, { maxLength: 6 }).map((parts) => `{ b: '${parts.join("")}' }`),
          numberText.map((n) => `{ n: ${n} }`),
          numberText.map((n) => `[${n}, ${n}]`),
        ),
        (text) => {
          trace("agree", text);
          const { reader, readerOk, editor, editorOk } = bothParsers(parseJson5, text);
          assert.equal(editorOk, readerOk, `${editorOk ? "only the editor" : "only the reader"} accepts ${JSON.stringify(text)}`);
          if (editorOk) assert.deepEqual(editor, reader, JSON.stringify(text));
        },
      ),
      { numRuns: runs * 3, ...replay },
    );
  });
});

const realConfigs = fs
  .readdirSync(path.resolve(import.meta.dirname, "../fixtures/openclaw-configs"))
  .filter((name) => name.endsWith(".json5"))
  .map((name) => fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/openclaw-configs", name), "utf8").replace(/^\uFEFF/, ""));
const piece = fc.constantFrom("{", "}", "[", "]", ",", ":", "'", '"', "\\", "/", "*", "\n", "\r", " ", "0", ".", "e", "x", "a", "-", "+", "Infinity", "NaN", "\u2028", "\u00a0", "é", "\\u0041", "//", "/*", "*/", "true", "null");
const mutation = fc.tuple(fc.nat(), fc.constantFrom("insert", "delete", "cut"), piece, fc.nat({ max: 4 }));

test(`both parsers agree on real configs cut, spliced and mangled: ${runs * 3} texts`, async () => {
  const { parseJson5 } = await import("../../src/config/json5-edit.ts");
  await scenario("fuzz", "editor parser agrees with the reader on mangled real configs", () => {
    fc.assert(
      fc.property(fc.nat({ max: realConfigs.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        let text = realConfigs[which]!;
        for (const [at, kind, inserted, length] of mutations) {
          const pos = at % (text.length + 1);
          if (kind === "insert") text = text.slice(0, pos) + inserted + text.slice(pos);
          else if (kind === "delete") text = text.slice(0, pos) + text.slice(pos + 1 + length);
          else text = text.slice(0, pos);
        }
        if (text.trim() === "") return; // a blank file is an empty config to the editor, by design
        trace("mangled", text);
        const { reader, readerOk, editor, editorOk } = bothParsers(parseJson5, text);
        assert.equal(editorOk, readerOk, `${editorOk ? "only the editor" : "only the reader"} accepts ${JSON.stringify(text.slice(0, 300))}`);
        if (editorOk) assert.deepEqual(editor, reader);
      }),
      { numRuns: runs * 3, ...replay },
    );
  });
});

// Whole JSON5 documents in every style the format allows: quoted and bare keys (reserved words and Unicode
// ones among them), both quote kinds, escapes, hex, signed and dotted numbers, Infinity and NaN, comments and
// odd whitespace between any two tokens, trailing commas. Each is written from a value, so both parsers
// must accept it and read that value back.
const gap = fc.array(fc.constantFrom(" ", "\n", "\t", "\r\n", "// note\n", "/* c */", "/**/", "\u00a0", "\u2028", "\uFEFF", "\v", "\f"), { maxLength: 3 }).map((parts) => parts.join(""));
const bareKey = fc.constantFrom("a", "default", "null", "true", "$x", "_y", "z9", "ключ", "名前", "a\u200cb", "\\u0061b", "Infinity", "NaN");
const stringBody = fc.array(fc.constantFrom("a", " ", "é", "😀", "\\n", "\\t", "\\u00e9", "\\x41", "\\0", "\\\\", "'", '"', "\\\n", "\u2028", "/", "//", "*/"), { maxLength: 5 }).map((parts) => parts.join(""));
const quoted = fc.tuple(fc.constantFrom('"', "'"), stringBody).map(([q, body]) => q + body.replace(new RegExp(q, "g"), `\\${q}`) + q);
const number = fc.constantFrom("0", "-0", "+1", "12", "1.5", ".5", "5.", "-.5", "1e3", "1E-2", "+1.e+2", "0x1F", "-0XaB", "Infinity", "-Infinity", "+NaN", "NaN");
const scalar = fc.oneof(quoted, number, fc.constantFrom("true", "false", "null"));
const { value: json5Value } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("object"), tie("array")),
  object: fc
    .tuple(fc.array(fc.tuple(fc.oneof(bareKey, quoted), gap, gap, tie("value"), gap), { maxLength: 4 }), fc.boolean(), gap)
    .map(([members, trailing, end]) => `{${members.map(([k, g1, g2, v, g3]) => `${g1}${k}${g2}:${g3}${v}`).join(",")}${trailing && members.length > 0 ? "," : ""}${end}}`),
  array: fc
    .tuple(fc.array(fc.tuple(gap, tie("value"), gap), { maxLength: 4 }), fc.boolean())
    .map(([elements, trailing]) => `[${elements.map(([g1, v, g2]) => `${g1}${v}${g2}`).join(",")}${trailing && elements.length > 0 ? "," : ""}]`),
}));

test(`both parsers read every style JSON5 allows the same way: ${runs * 3} generated documents`, async () => {
  const { parseJson5 } = await import("../../src/config/json5-edit.ts");
  await scenario("fuzz", "editor parser agrees with the reader on generated JSON5", () => {
    fc.assert(
      fc.property(gap, json5Value, gap, (before, body, after) => {
        const text = `${before}${body}${after}`;
        if (text.trim() === "") return;
        trace("generated", text);
        const { reader, readerOk, editor, editorOk } = bothParsers(parseJson5, text);
        assert.ok(readerOk, `the reader refuses a generated document: ${JSON.stringify(text)}`);
        assert.ok(editorOk, `the editor refuses what the reader takes: ${JSON.stringify(text)}`);
        assert.deepEqual(editor, reader, JSON.stringify(text));
      }),
      { numRuns: runs * 3, ...replay },
    );
  });
});

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
