// The lock itself, stressed where it is weakest: writers that "die" holding it (their lock left with a dead
// pid) while others wait, on every core at once. A counter incremented under the lock must count every
// increment; two writers holding the lock at once would lose some.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { repoRoot } from "../helpers/cli.ts";
import { scale, scenario } from "./harness.ts";

const workers = scale(16, 32);
const iterations = scale(200, 600);

const WORKER = `
const { acquireLock } = require(process.argv[2]);
const fs = require("node:fs");
const [, , , lock, counter, deadPid, iterations] = process.argv;
for (let i = 0; i < Number(iterations); i++) {
  const release = acquireLock(lock, { lockTimeoutMs: 120000 });
  fs.writeFileSync(counter, String(Number(fs.readFileSync(counter, "utf8")) + 1));
  // One time in five this writer "dies" holding the lock: the lock stays, naming a process that is gone.
  if (i % 5 === 4) fs.writeFileSync(lock, JSON.stringify({ pid: Number(deadPid), nonce: "dead-" + process.pid + "-" + i, createdAt: Date.now() }));
  else release();
}
`;

test(`${workers} processes x ${iterations} locked increments, one in five holders dying, every core busy: every increment counted`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-lock-"));
  let after = () => {};
  try {
    const bundle = path.join(dir, "write.cjs");
    await build({ entryPoints: [path.join(repoRoot, "src/config/write.ts")], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "silent" });
    const script = path.join(dir, "worker.cjs");
    fs.writeFileSync(script, WORKER);
    const counter = path.join(dir, "counter");
    fs.writeFileSync(counter, "0");
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    // Every core busy: the scheduler preempts writers at the worst moments.
    const hogs = Array.from({ length: os.cpus().length }, () => spawn(process.execPath, ["-e", "const end = Date.now() + 300000; while (Date.now() < end);"], { stdio: "ignore" }));
    after = () => hogs.forEach((hog) => hog.kill("SIGKILL"));
    await scenario("concurrency", `${workers}x${iterations} lock holders dying one in five`, async () => {
      const codes = await Promise.all(
        Array.from({ length: workers }, () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [script, bundle, path.join(dir, "config.lock"), counter, String(dead), String(iterations)], { stdio: ["ignore", "ignore", "inherit"] });
            child.on("close", resolve);
          }),
        ),
      );
      assert.deepEqual(codes, codes.map(() => 0));
      assert.equal(Number(fs.readFileSync(counter, "utf8")), workers * iterations, "increments lost: two writers held the lock at once");
    });
  } finally {
    after();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
