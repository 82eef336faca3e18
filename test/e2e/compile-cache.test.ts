// The V8 code cache kept in the state dir (src/compile-cache.ts): private files, written on a first run,
// reused after, and no dead weight left from earlier builds or from bundles a build no longer has.
import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { makeSandbox, runCli, type Sandbox } from "../helpers/cli.ts";

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

const cacheDir = () => path.join(sb.stateDir, "cache", "v8");
const list = () => fs.readdirSync(cacheDir()).sort();
const v = process.version;

test("a first run writes private caches for the bundles it loaded (main.cjs installs the hook, so not itself); the next run reuses them", async () => {
  assert.equal((await runCli(["config", "file"], { env: sb.env() })).code, 0);
  const names = list();
  assert.ok(names.some((n) => n.startsWith(`commands-config-file-${v}-`)), names.join(", "));
  assert.equal(fs.statSync(cacheDir()).mode & 0o777, 0o700);
  for (const name of names) assert.equal(fs.statSync(path.join(cacheDir(), name)).mode & 0o777, 0o600, name);
  const before = names.map((n) => fs.statSync(path.join(cacheDir(), n)).mtimeMs);
  assert.equal((await runCli(["config", "file"], { env: sb.env() })).code, 0);
  assert.deepEqual(list(), names);
  assert.deepEqual(names.map((n) => fs.statSync(path.join(cacheDir(), n)).mtimeMs), before, "accepted caches are not rewritten");
});

test("caches of earlier builds and of bundles that no longer exist are removed; others stay", async () => {
  fs.mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
  const stale = {
    earlierBuild: `commands-config-file-${v}-x64-1-old.bin`,
    goneBundle: `bedrock-load-sdk-${v}-x64-1-old.bin`,
    otherBundle: `commands-config-validate-${v}-x64-1-old.bin`,
  };
  for (const name of Object.values(stale)) fs.writeFileSync(path.join(cacheDir(), name), "x", { mode: 0o600 });
  assert.equal((await runCli(["config", "file"], { env: sb.env() })).code, 0);
  const names = list();
  assert.ok(!names.includes(stale.earlierBuild), "an earlier build of a rewritten bundle goes");
  assert.ok(!names.includes(stale.goneBundle), "a bundle this build no longer has goes");
  assert.ok(names.includes(stale.otherBundle), "another bundle's cache (with a -v in its name) stays");
});

test("OPENCLAW_NO_COMPILE_CACHE=1 writes nothing", async () => {
  assert.equal((await runCli(["config", "file"], { env: sb.env({ OPENCLAW_NO_COMPILE_CACHE: "1" }) })).code, 0);
  assert.ok(!fs.existsSync(cacheDir()));
});
