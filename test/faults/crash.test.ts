// Crash safety: config set processes killed with SIGKILL at random moments never corrupt, lose or block.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import JSON5 from "json5";
import { binPath, makeSandbox, runCli, fixturesDir } from "../helpers/cli.ts";
import { scale, scenario } from "./harness.ts";

const fixture = fs.readFileSync(path.join(fixturesDir, "openclaw-configs/01-donna-bot-telegram.json5"), "utf8");

function killAtRandom(args: string[], env: NodeJS.ProcessEnv, maxDelayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [binPath, ...args], { env, stdio: "ignore" });
    const timer = setTimeout(() => child.kill("SIGKILL"), Math.random() * maxDelayMs);
    child.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

test(`${scale(25, 200)} config set processes killed with SIGKILL: the file is always the old or the new version, and the next write works`, async () => {
  const sb = makeSandbox();
  try {
    sb.writeConfig(fixture);
    const env = sb.env();
    const base = JSON5.parse(fixture);
    let previous: unknown = undefined;
    const kills = scale(25, 200);
    for (let i = 0; i < kills; i++) {
      await scenario("crash", `kill #${i + 1}`, async () => {
        const value = `value-${i}`;
        await killAtRandom(["config", "set", "crash.key", value], env, 60);
        const text = sb.readConfig();
        const parsed = JSON5.parse(text); // throws if the file were torn
        const now = parsed.crash?.key;
        assert.ok(now === previous || now === value, `crash.key is ${now}, expected ${previous} or ${value}`);
        const { crash: _ignored, ...rest } = parsed;
        assert.deepEqual(rest, base, "nothing else changed");
        assert.ok(text.includes("// "), "comments kept");
        previous = now;
        if (i % 5 === 4 || i === kills - 1) {
          // A writer killed mid-way never blocks or loses the next one.
          const next = await runCli(["config", "set", "crash.check", String(i)], { env, timeoutMs: 15_000 });
          assert.equal(next.code, 0, next.stderr);
          assert.equal(JSON5.parse(sb.readConfig()).crash.check, i);
        }
      });
    }
    const leftovers = fs.readdirSync(sb.stateDir).filter((name) => !["openclaw.json", "openclaw.json.bak", "cache"].includes(name));
    // If this ever fails, say enough to find out why: the pid in each name, whether it still runs, and when
    // the file was written relative to the config (the last write).
    const configWritten = fs.statSync(sb.configPath).mtimeMs;
    const described = leftovers.map((name) => {
      const pid = Number(/\.(\d+)\.[0-9a-z]+\.(tmp|stale)$/.exec(name)?.[1]);
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        // gone
      }
      return `${name} (pid ${pid} ${alive ? "alive" : "gone"}, written ${Math.round(fs.statSync(path.join(sb.stateDir, name)).mtimeMs - configWritten)} ms after the config)`;
    });
    assert.deepEqual(described, [], "no lock or temp file survives the next write");
  } finally {
    sb.cleanup();
  }
});
