// The OpenClaw host cache (scripts/openclaw-host.ts) keeps a few GB: past the limit, the releases used least recently
// go first, and never one the current run asked for.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { evictLeastRecentlyUsed } from "../../scripts/openclaw-host.ts";

const GB = 1024 ** 3;

function fakeCache(releases: { version: string; gb: number; usedAgoHours: number }[]): string {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "host-cache-"));
  fs.mkdirSync(path.join(cache, "node-26.10.0"));
  for (const r of releases) {
    const dir = path.join(cache, `openclaw-${r.version}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, ".size-bytes"), String(r.gb * GB));
    fs.writeFileSync(path.join(dir, ".complete"), "");
    const used = new Date(Date.now() - r.usedAgoHours * 3600_000);
    fs.utimesSync(path.join(dir, ".complete"), used, used);
  }
  return cache;
}

const left = (cache: string) => fs.readdirSync(cache).filter((n) => !n.startsWith(".")).sort();

test("past the limit, the least recently used releases are removed until the rest fit", () => {
  const cache = fakeCache([
    { version: "2026.5.12", gb: 1, usedAgoHours: 50 },
    { version: "2026.6.35", gb: 1, usedAgoHours: 40 },
    { version: "2026.7.35", gb: 1, usedAgoHours: 30 },
    { version: "2026.9.6", gb: 1, usedAgoHours: 1 },
  ]);
  try {
    const removed = evictLeastRecentlyUsed(["2026.9.6"], { env: { OPENCLAW_BEDROCK_HOST_CACHE: cache }, maxBytes: 2.5 * GB });
    assert.deepEqual(removed, ["2026.5.12", "2026.6.35"]);
    assert.deepEqual(left(cache), ["node-26.10.0", "openclaw-2026.7.35", "openclaw-2026.9.6"]);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test("the releases this run needs stay even when they alone are over the limit", () => {
  const cache = fakeCache([
    { version: "2026.5.12", gb: 1, usedAgoHours: 50 },
    { version: "2026.8.2", gb: 1, usedAgoHours: 60 },
    { version: "2026.9.6", gb: 1, usedAgoHours: 1 },
  ]);
  try {
    const removed = evictLeastRecentlyUsed(["2026.5.12", "2026.8.2"], { env: { OPENCLAW_BEDROCK_HOST_CACHE: cache }, maxBytes: 1 * GB });
    assert.deepEqual(removed, ["2026.9.6"]);
    assert.deepEqual(left(cache), ["node-26.10.0", "openclaw-2026.5.12", "openclaw-2026.8.2"]);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

test("under the limit nothing is removed", () => {
  const cache = fakeCache([{ version: "2026.5.12", gb: 1, usedAgoHours: 50 }]);
  try {
    assert.deepEqual(evictLeastRecentlyUsed([], { env: { OPENCLAW_BEDROCK_HOST_CACHE: cache }, maxBytes: 5 * GB }), []);
    assert.deepEqual(left(cache), ["node-26.10.0", "openclaw-2026.5.12"]);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});
