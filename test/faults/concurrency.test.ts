// Concurrency: many config set processes at once keep every value (distinct keys) or one of them (same key).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import JSON5 from "json5";
import { makeSandbox, runCli, fixturesDir } from "../helpers/cli.ts";
import { scale, scenario } from "./harness.ts";

const fixture = fs.readFileSync(path.join(fixturesDir, "openclaw-configs/03-bedrock-commented-out.json5"), "utf8");
const writers = scale(20, 50);

test(`${writers} concurrent config set on distinct keys keep all ${writers} values`, async () => {
  const sb = makeSandbox();
  try {
    sb.writeConfig(fixture);
    await scenario("concurrency", `${writers} writers, distinct keys`, async () => {
      const results = await Promise.all(Array.from({ length: writers }, (_, i) => runCli(["config", "set", `many.k${i}`, String(i)], { env: sb.env(), timeoutMs: 60_000 })));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const text = sb.readConfig();
      const parsed = JSON5.parse(text);
      for (let i = 0; i < writers; i++) assert.equal(parsed.many[`k${i}`], i);
      for (const comment of fixture.match(/\/\/.*$/gm)!) assert.ok(text.includes(comment));
    });
  } finally {
    sb.cleanup();
  }
});

test(`${writers} concurrent config set on one key leave one of the written values`, async () => {
  const sb = makeSandbox();
  try {
    sb.writeConfig(fixture);
    await scenario("concurrency", `${writers} writers, one key`, async () => {
      const results = await Promise.all(Array.from({ length: writers }, (_, i) => runCli(["config", "set", "contended.value", `w${i}`], { env: sb.env(), timeoutMs: 60_000 })));
      for (const r of results) assert.equal(r.code, 0, r.stderr);
      const text = sb.readConfig();
      const value = JSON5.parse(text).contended.value;
      assert.match(value, /^w\d+$/);
      assert.ok(Number(value.slice(1)) < writers);
      for (const comment of fixture.match(/\/\/.*$/gm)!) assert.ok(text.includes(comment));
      assert.deepEqual(fs.readdirSync(sb.stateDir).filter((n) => n !== "cache").sort(), ["openclaw.json", "openclaw.json.bak"]);
    });
  } finally {
    sb.cleanup();
  }
});
