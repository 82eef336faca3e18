// Files: everything this tool writes is 0600 in 0700 directories; a symlinked config keeps its link; a
// read-only config or directory gives a clear error and leaves no partial file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { makeSandbox, runCli } from "../helpers/cli.ts";
import { emulatorEnv, envKeys, filesUnder } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { acquireLock } from "../../src/config/write.ts";
import { assertNoSecrets, scenario } from "./harness.ts";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ imds: false });
});
after(() => emulator.stop());

const mode = (p: string) => fs.statSync(p).mode & 0o777;
const asRoot = process.getuid?.() === 0;

test("config, backup, cache and lock files are 0600; the directories this tool creates are 0700", async () => {
  const sb = makeSandbox();
  try {
    await scenario("files", "modes of everything written", async () => {
      const env = emulatorEnv(sb, emulator, envKeys());
      assert.equal((await runCli(["config", "set", "models.bedrockDiscovery.enabled", "true"], { env })).code, 0);
      assert.equal((await runCli(["config", "set", "models.bedrockDiscovery.region", "us-west-2"], { env })).code, 0);
      assert.equal((await runCli(["models", "list"], { env })).code, 0);
      assert.equal(mode(sb.stateDir), 0o700);
      assert.equal(mode(path.join(sb.stateDir, "cache")), 0o700);
      const files = filesUnder(sb.stateDir);
      assert.ok(files.some((f) => f.endsWith(".bak")) && files.some((f) => f.includes("bedrock-models-")));
      for (const file of files) assert.equal(mode(file), 0o600, file);
      const release = acquireLock(`${sb.configPath}.lock`);
      try {
        assert.equal(mode(`${sb.configPath}.lock`), 0o600);
      } finally {
        release();
      }
      assertNoSecrets([], [sb.dir]);
    });
  } finally {
    sb.cleanup();
  }
});

test("a symlinked config keeps its link through set and unset", async () => {
  const sb = makeSandbox();
  try {
    await scenario("files", "symlinked config", async () => {
      const real = path.join(sb.dir, "shared-config.json5");
      fs.writeFileSync(real, "{\n  // managed by ops\n  a: 1,\n}\n");
      fs.mkdirSync(sb.stateDir, { recursive: true });
      fs.symlinkSync(real, sb.configPath);
      assert.equal((await runCli(["config", "set", "b", "2"], { env: sb.env() })).code, 0);
      assert.equal((await runCli(["config", "unset", "a"], { env: sb.env() })).code, 0);
      assert.ok(fs.lstatSync(sb.configPath).isSymbolicLink());
      assert.equal(fs.readFileSync(real, "utf8"), "{\n  // managed by ops\n  b: 2,\n}\n");
    });
  } finally {
    sb.cleanup();
  }
});

test("a read-only config is refused with the fix, and nothing is written", { skip: !asRoot && "needs root to run the CLI as another user" }, async () => {
  const sb = makeSandbox();
  try {
    await scenario("files", "read-only config file", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      fs.chownSync(sb.stateDir, 65534, 65534);
      fs.chownSync(sb.configPath, 65534, 65534);
      fs.chmodSync(sb.configPath, 0o444);
      const r = await runCli(["config", "set", "b", "2"], { env: sb.env(), uid: 65534, gid: 65534 });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /is read-only/);
      assert.match(r.stderr, /fix: .*chmod u\+w/);
      assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
      assert.deepEqual(fs.readdirSync(sb.stateDir).filter((n) => n !== "cache"), ["openclaw.json"]);
    });
  } finally {
    sb.cleanup();
  }
});

test("a read-only directory is refused with the fix, and nothing is written", { skip: !asRoot && "needs root to run the CLI as another user" }, async () => {
  const sb = makeSandbox();
  try {
    await scenario("files", "read-only directory", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      fs.chmodSync(sb.stateDir, 0o555);
      fs.chmodSync(sb.configPath, 0o666);
      const r = await runCli(["config", "set", "b", "2"], { env: sb.env(), uid: 65534, gid: 65534 });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /permission denied/);
      assert.match(r.stderr, /fix: /);
      assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
      assert.deepEqual(fs.readdirSync(sb.stateDir), ["openclaw.json"]);
    });
  } finally {
    sb.cleanup();
  }
});
