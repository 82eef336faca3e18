// Breaking a stale lock under load: every round starts with a lock left by a dead writer, and a crowd of
// writers, with every core kept busy, all judge it stale at once. Not one update may be lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import JSON5 from "json5";
import { makeSandbox, runCli } from "../helpers/cli.ts";
import { scale, scenario } from "./harness.ts";

const rounds = scale(2, 20);
const writers = scale(40, 200);

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

test(`${rounds} rounds of ${writers} writers breaking a dead writer's lock, cores busy: zero lost updates`, async () => {
  const sb = makeSandbox();
  const hogs = Array.from({ length: os.cpus().length }, () => spawn(process.execPath, ["-e", "const end = Date.now() + 600000; while (Date.now() < end);"], { stdio: "ignore" }));
  try {
    sb.writeConfig("{\n  // rounds of writers\n}\n");
    for (let round = 0; round < rounds; round++) {
      await scenario("concurrency", `round ${round + 1}: ${writers} writers break a stale lock under load`, async () => {
        fs.writeFileSync(`${sb.configPath}.lock`, JSON.stringify({ pid: deadPid(), nonce: `dead${round}`, createdAt: Date.now() }));
        const results = await Promise.all(
          Array.from({ length: writers }, (_, i) => runCli(["config", "set", `r${round}.k${i}`, String(i)], { env: sb.env({ OPENCLAW_NO_COMPILE_CACHE: "1" }), timeoutMs: 120_000 })),
        );
        for (const r of results) assert.equal(r.code, 0, r.stderr);
        const written = JSON5.parse(sb.readConfig())[`r${round}`];
        const lost = Array.from({ length: writers }, (_, i) => i).filter((i) => written?.[`k${i}`] !== i);
        assert.deepEqual(lost, [], `round ${round + 1}: lost updates`);
        assert.ok(!fs.existsSync(`${sb.configPath}.lock`) && !fs.existsSync(`${sb.configPath}.lock.break`), "no lock is left");
      });
    }
  } finally {
    for (const hog of hogs) hog.kill("SIGKILL");
    sb.cleanup();
  }
});
