// Values are written as typed or refused: integers past 2^53, line and paragraph separators, negative literals
// such as -Infinity, and values nested past the limit (a usage error about the value, not the file's syntax).
import { test } from "node:test";
import assert from "node:assert/strict";
import JSON5 from "json5";
import { makeSandbox, runCli } from "../helpers/cli.ts";
import { scenario } from "./harness.ts";

test("an integer past 2^53 is refused with a fix suggesting a string, never written rounded", async () => {
  const sb = makeSandbox();
  try {
    await scenario("values", "integers past 2^53", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      for (const value of ["1234567890123456789", '{"id": 1234567890123456789}', "[1, 99999999999999999]", "-9007199254740993"]) {
        const r = await runCli(["config", "set", "foo.id", value], { env: sb.env() });
        assert.equal(r.code, 2, `${value}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, /too large to keep exactly/);
        assert.match(r.stderr, /\nfix: store it as a string/);
        assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
      }
      // Quoted, it is a string and kept digit for digit; 2^53 itself and small numbers are numbers as before.
      assert.equal((await runCli(["config", "set", "foo.id", '"1234567890123456789"'], { env: sb.env() })).code, 0);
      assert.equal((await runCli(["config", "set", "foo.n", "9007199254740991"], { env: sb.env() })).code, 0);
      const written = JSON5.parse(sb.readConfig());
      assert.equal(written.foo.id, "1234567890123456789");
      assert.equal(written.foo.n, 9007199254740991);
    });
  } finally {
    sb.cleanup();
  }
});

test("U+2028 and U+2029 are written escaped, so OpenClaw's JSON5 reader reads the file without a warning", async () => {
  const sb = makeSandbox();
  try {
    await scenario("values", "line and paragraph separators", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      const value = "line\u2028next\u2029para";
      const r = await runCli(["config", "set", "gateway.motd", value], { env: sb.env() });
      assert.equal(r.code, 0, r.stderr);
      const text = sb.readConfig();
      assert.ok(!text.includes("\u2028") && !text.includes("\u2029"), "no raw separator in the file");
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args);
      try {
        assert.equal(JSON5.parse(text).gateway.motd, value);
      } finally {
        console.warn = warn;
      }
      assert.deepEqual(warnings, []);
      const got = await runCli(["config", "get", "gateway.motd", "--json"], { env: sb.env() });
      assert.equal(JSON.parse(got.stdout), value);
    });
  } finally {
    sb.cleanup();
  }
});

test("negative literals (-Infinity, -0x10, -.5) are values, not unknown options", async () => {
  const sb = makeSandbox();
  try {
    await scenario("values", "negative literals", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      for (const [key, literal] of [["x", "-Infinity"], ["y", "-0x10"], ["z", "-.5"]] as const) {
        const dry = await runCli(["config", "set", `foo.${key}`, literal, "--dry-run"], { env: sb.env() });
        assert.equal(dry.code, 0, `${literal} --dry-run: ${dry.stderr}`);
        const r = await runCli(["config", "set", `foo.${key}`, literal], { env: sb.env() });
        assert.equal(r.code, 0, `${literal}: ${r.stderr}`);
      }
      const written = JSON5.parse(sb.readConfig());
      assert.equal(written.foo.x, -Infinity);
      assert.equal(written.foo.y, -16);
      assert.equal(written.foo.z, -0.5);
    });
  } finally {
    sb.cleanup();
  }
});

test("a set deeper than the nesting limit is a usage error about the value, not the file's syntax", async () => {
  const sb = makeSandbox();
  try {
    await scenario("values", "a set past the nesting limit", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      const deepValue = `${"[".repeat(250)}1${"]".repeat(250)}`;
      const deepPath = Array.from({ length: 210 }, (_, i) => `k${i}`).join(".");
      for (const [key, value] of [["deep", deepValue], [deepPath, "1"], ["a.b", `${"{x:".repeat(199)}1${"}".repeat(199)}`]]) {
        const r = await runCli(["config", "set", key!, value!], { env: sb.env() });
        assert.equal(r.code, 2, `${key!.slice(0, 20)}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /cannot parse|syntax/);
        assert.match(r.stderr, /nest.* deeper than 200 levels/);
        assert.match(r.stderr, /\nfix: /);
      }
      assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
    });
  } finally {
    sb.cleanup();
  }
});
