// Locks that stall or look odd: a writer paused while it holds the lock never renames its stale copy over a later
// writer's work; a lock path that is not a lock this tool made is a clear error, never an endless spin; the lock
// wait follows its setting and names it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import JSON5 from "json5";
import { binPath, makeSandbox, runCli, type CliResult, type Sandbox } from "../helpers/cli.ts";
import { acquireLock } from "../../src/config/write.ts";
import { scenario } from "./harness.ts";

const stopHook = path.join(import.meta.dirname, "hooks/stop-after-read.cjs");

/** A real `config set` that stops itself (SIGSTOP) right after reading the config under its lock. */
function startStalledWriter(sb: Sandbox, args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const env = sb.env({ NODE_OPTIONS: `--require ${stopHook}`, STOP_AFTER_READ: fs.realpathSync(sb.configPath) });
  const child = spawn(process.execPath, [binPath, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Waits (however slow the machine) until the writer has stopped itself; fails if it exits instead. */
async function waitUntilStopped(pid: number, done: Promise<CliResult>): Promise<void> {
  let exited: CliResult | undefined;
  void done.then((r) => (exited = r));
  for (;;) {
    if (exited) throw new Error(`the writer exited before it stopped: ${exited.code} ${exited.stderr}`);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    if (stat.slice(stat.lastIndexOf(")") + 2)[0] === "T") return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What 30 s of waiting does to a lock: it becomes old enough for the next writer to judge it stale. */
function ageLock(lockPath: string): void {
  const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
  fs.writeFileSync(lockPath, JSON.stringify({ ...lock, createdAt: Date.now() - 60_000 }));
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(lockPath, old, old);
}

for (const [name, whileStopped] of [
  ["its lock is broken as stale after 30 s", ageLock],
  ["someone follows the timeout message and removes the lock", (lockPath: string) => fs.rmSync(lockPath)],
] as const) {
  test(`a writer paused while holding the lock never overwrites a later writer's update (${name})`, { skip: process.platform !== "linux" && "reads /proc" }, async () => {
    const sb = makeSandbox();
    try {
      await scenario("locks", `paused writer: ${name}`, async () => {
        sb.writeConfig("{\n  // two writers\n  first: {},\n}\n");
        const a = startStalledWriter(sb, ["config", "set", "first.key", "1"]);
        try {
          await waitUntilStopped(a.child.pid!, a.done);
          whileStopped(`${fs.realpathSync(sb.configPath)}.lock`);
          const b = await runCli(["config", "set", "second.key", "2"], { env: sb.env() });
          assert.equal(b.code, 0, b.stderr);
        } finally {
          a.child.kill("SIGCONT");
        }
        const resumed = await a.done;
        assert.equal(resumed.code, 1, `the paused writer must refuse: ${resumed.stdout}${resumed.stderr}`);
        assert.match(resumed.stderr, /lock/);
        assert.match(resumed.stderr, /nothing was written/);
        assert.match(resumed.stderr, /fix: .*again/);
        const after = JSON5.parse(sb.readConfig());
        assert.equal(after.second?.key, 2, "the later writer's update is kept");
        assert.match(sb.readConfig(), /\/\/ two writers/);
        const left = fs.readdirSync(sb.stateDir).filter((n) => n !== "openclaw.json" && n !== "openclaw.json.bak" && n !== "cache");
        assert.deepEqual(left, [], "no lock or temp file is left");
      });
    } finally {
      sb.cleanup();
    }
  });
}

for (const [name, make] of [
  ["a dangling symlink", (lock: string) => fs.symlinkSync(path.join(path.dirname(lock), "nowhere", "x"), lock)],
  ["a symlink to itself", (lock: string) => fs.symlinkSync(lock, lock)],
  ["a directory", (lock: string) => fs.mkdirSync(lock)],
  ["a FIFO", (lock: string) => void spawnSync("mkfifo", [lock])],
] as const) {
  test(`a lock path that is ${name} is a clear error naming it, never a spin; nothing is changed`, async () => {
    const sb = makeSandbox();
    try {
      await scenario("locks", `lock path is ${name}`, async () => {
        sb.writeConfig("{\n  a: 1,\n}\n");
        const lock = `${sb.configPath}.lock`;
        make(lock);
        const entries = () => fs.readdirSync(sb.stateDir).filter((n) => n !== "cache").sort(); // cache: the code cache
        const before = entries();
        for (const args of [["config", "set", "b", "2"], ["config", "unset", "a"]]) {
          const r = await runCli(args, { env: sb.env({ OPENCLAW_BEDROCK_LOCK_TIMEOUT: "60" }), timeoutMs: 20_000 });
          assert.notEqual(r.signal, "SIGKILL", `${args.join(" ")} spun until killed`);
          assert.equal(r.code, 1, r.stderr);
          assert.ok(r.stderr.includes(lock), `names the lock path: ${r.stderr}`);
          assert.match(r.stderr, /not a lock/);
          assert.match(r.stderr, /\nfix: .*rm/);
        }
        assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
        assert.deepEqual(entries(), before);
      });
    } finally {
      sb.cleanup();
    }
  });
}

test("the lock wait follows OPENCLAW_BEDROCK_LOCK_TIMEOUT and the message names it", async () => {
  const sb = makeSandbox();
  try {
    await scenario("locks", "lock wait setting", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      const release = acquireLock(`${sb.configPath}.lock`); // held by this live test process
      try {
        const r = await runCli(["config", "set", "b", "2"], { env: sb.env({ OPENCLAW_BEDROCK_LOCK_TIMEOUT: "1" }), timeoutMs: 60_000 });
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /gave up after 1 s/);
        assert.match(r.stderr, /OPENCLAW_BEDROCK_LOCK_TIMEOUT/);
        const bad = await runCli(["config", "set", "b", "2"], { env: sb.env({ OPENCLAW_BEDROCK_LOCK_TIMEOUT: "soon" }) });
        assert.equal(bad.code, 2, bad.stderr);
        assert.match(bad.stderr, /OPENCLAW_BEDROCK_LOCK_TIMEOUT must be a number of seconds/);
        assert.match(bad.stderr, /\nfix: /);
      } finally {
        release();
      }
      assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
    });
  } finally {
    sb.cleanup();
  }
});
