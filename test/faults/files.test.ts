// Files: everything this tool writes is 0600 in 0700 directories; a symlinked config keeps its link; a
// read-only config or directory gives a clear error and leaves no partial file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
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

/** A tmpfs of `kb` kilobytes at a fresh directory (root only); undefined where mounting is not allowed. */
function smallDisk(kb: number): { dir: string; unmount(): void } | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-disk-"));
  if (spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kb}k,mode=0755`, "tmpfs", dir]).status !== 0) {
    fs.rmdirSync(dir);
    return undefined;
  }
  return {
    dir,
    unmount() {
      spawnSync("umount", [dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk holding `dir` with page-sized files, then frees `pages` pages of it. */
function fillDisk(dir: string, pages: number): void {
  const page = Buffer.alloc(4096, 120);
  const written: string[] = [];
  for (let i = 0; ; i++) {
    const file = path.join(dir, `filler-${i}`);
    try {
      fs.writeFileSync(file, page);
      written.push(file);
    } catch {
      fs.rmSync(file, { force: true });
      break;
    }
  }
  for (const file of written.slice(written.length - pages)) fs.rmSync(file);
}

test("a full disk keeps the older .bak and leaves no temp or lock file behind", { skip: !asRoot && "needs root to mount a small tmpfs" }, async (t) => {
  const disk = smallDisk(64);
  if (!disk) return t.skip("cannot mount a tmpfs here");
  try {
    await scenario("files", "disk full: backup kept, nothing left", async () => {
      const stateDir = path.join(disk.dir, "state");
      fs.mkdirSync(stateDir, { mode: 0o700 });
      const configPath = path.join(stateDir, "openclaw.json");
      const sb = makeSandbox();
      try {
        const env = sb.env({ OPENCLAW_CONFIG_PATH: configPath, OPENCLAW_NO_COMPILE_CACHE: "1" });
        // A small first version (the .bak to keep), then a large one.
        fs.writeFileSync(configPath, "{\n  v: 1,\n}\n");
        assert.equal((await runCli(["config", "set", "pad", "x".repeat(9000)], { env })).code, 0);
        const backup = fs.readFileSync(`${configPath}.bak`, "utf8");
        const config = fs.readFileSync(configPath, "utf8");
        assert.match(backup, /v: 1/);
        // One page free: the lock fits, the new config does not.
        fillDisk(disk.dir, 1);
        const r = await runCli(["config", "set", "v", "3"], { env });
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /the disk is full/);
        assert.match(r.stderr, /\nfix: /);
        assert.equal(fs.readFileSync(configPath, "utf8"), config, "the config is as it was");
        assert.equal(fs.readFileSync(`${configPath}.bak`, "utf8"), backup, "the older .bak is kept");
        assert.deepEqual(fs.readdirSync(stateDir).sort(), ["openclaw.json", "openclaw.json.bak"]);
        // No page free: not even the lock fits; its temp file is not left behind.
        fillDisk(disk.dir, 0);
        const none = await runCli(["config", "set", "v", "3"], { env });
        assert.equal(none.code, 1, none.stderr);
        assert.match(none.stderr, /the disk is full/);
        assert.deepEqual(fs.readdirSync(stateDir).sort(), ["openclaw.json", "openclaw.json.bak"]);
      } finally {
        sb.cleanup();
      }
    });
  } finally {
    disk.unmount();
  }
});

test("as root, a config with no write bit (0444) is refused with a fix, and nothing is written", { skip: !asRoot && "the case is root's" }, async () => {
  const sb = makeSandbox();
  try {
    await scenario("files", "root and a 0444 config", async () => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      fs.chmodSync(sb.configPath, 0o444);
      for (const args of [["config", "set", "b", "2"], ["config", "unset", "a"]]) {
        const r = await runCli(args, { env: sb.env() });
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /is read-only \(mode 0444\)/);
        assert.match(r.stderr, /\nfix: .*chmod u\+w/);
      }
      assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
      assert.equal(mode(sb.configPath), 0o444);
      assert.deepEqual(fs.readdirSync(sb.stateDir).filter((n) => n !== "cache"), ["openclaw.json"]);
    });
  } finally {
    sb.cleanup();
  }
});

test("a config holding secrets that others can read is private after a rewrite: the other bits go, owner and group stay, said once", async () => {
  const sb = makeSandbox();
  try {
    await scenario("files", "world-readable config", async () => {
      sb.writeConfig("{\n  gateway: { auth: { token: \"abc\" } },\n}\n");
      fs.chmodSync(sb.configPath, 0o644);
      const first = await runCli(["config", "set", "a", "1"], { env: sb.env() });
      assert.equal(first.code, 0, first.stderr);
      assert.equal(mode(sb.configPath), 0o640);
      assert.match(first.stderr, /was readable by other users \(mode 0644\).*now 0640/);
      const second = await runCli(["config", "set", "a", "2"], { env: sb.env() });
      assert.equal(second.code, 0, second.stderr);
      assert.doesNotMatch(second.stderr, /readable by other users/);
      assert.equal(mode(sb.configPath), 0o640);
      // A config with nothing secret in it keeps its mode as it is.
      sb.writeConfig("{\n  gateway: { port: 18789 },\n}\n");
      fs.chmodSync(sb.configPath, 0o644);
      const plain = await runCli(["config", "set", "a", "1"], { env: sb.env() });
      assert.equal(plain.code, 0, plain.stderr);
      assert.doesNotMatch(plain.stderr, /readable by other users/);
      assert.equal(mode(sb.configPath), 0o644);
    });
  } finally {
    sb.cleanup();
  }
});

const oddPaths: [string, (sb: ReturnType<typeof makeSandbox>) => Record<string, string>][] = [
  [
    "a chain of links to a missing file (openclaw.json → link2 → missing.json)",
    (sb) => {
      fs.mkdirSync(sb.stateDir, { recursive: true });
      fs.symlinkSync("link2", sb.configPath);
      fs.symlinkSync("missing.json", path.join(sb.stateDir, "link2"));
      return {};
    },
  ],
  [
    "a dangling link to a path whose directories do not exist",
    (sb) => {
      fs.mkdirSync(sb.stateDir, { recursive: true });
      fs.symlinkSync(path.join(sb.dir, "deep/er/openclaw.json"), sb.configPath);
      return {};
    },
  ],
  [
    "a symlink loop",
    (sb) => {
      fs.mkdirSync(sb.stateDir, { recursive: true });
      fs.symlinkSync("loop2", sb.configPath);
      fs.symlinkSync("openclaw.json", path.join(sb.stateDir, "loop2"));
      return {};
    },
  ],
  [
    "a FIFO as a parent directory",
    (sb) => {
      spawnSync("mkfifo", [path.join(sb.dir, "fifo")]);
      return { OPENCLAW_CONFIG_PATH: path.join(sb.dir, "fifo/openclaw.json") };
    },
  ],
  [
    "a directory where the .bak goes",
    (sb) => {
      sb.writeConfig("{\n  a: 1,\n}\n");
      fs.mkdirSync(`${sb.configPath}.bak`);
      return {};
    },
  ],
];

for (const [name, make] of oddPaths) {
  test(`${name}: a clear error with a fix; nothing is created or replaced`, async () => {
    const sb = makeSandbox();
    try {
      await scenario("files", `odd path: ${name}`, async () => {
        const extra = make(sb);
        const snapshot = () => snapshotTree(sb.dir);
        const before = snapshot();
        const env = sb.env({ ...extra, OPENCLAW_NO_COMPILE_CACHE: "1" });
        for (const args of [["config", "set", "b", "2"], ["config", "unset", "a"]]) {
          const r = await runCli(args, { env, timeoutMs: 20_000 });
          assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
          assert.doesNotMatch(r.stderr, /unexpected failure/);
          assert.match(r.stderr, /\nfix: /);
        }
        assert.deepEqual(snapshot(), before);
      });
    } finally {
      sb.cleanup();
    }
  });
}

/** Every path under `dir` with its kind, a link's target and a file's content: what "nothing changed" compares. */
function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (name.split(path.sep).includes("cache")) continue;
    const st = fs.lstatSync(full);
    out[name] = st.isSymbolicLink() ? `link ${fs.readlinkSync(full)}` : st.isFile() ? `file ${fs.readFileSync(full, "utf8")}` : st.isDirectory() ? "dir" : "other";
  }
  return out;
}
