// Never damage what is not ours: a config path that is a device, FIFO, socket or directory is refused with
// nothing created, moved or changed; a rewrite as root keeps the file's owner and mode; no dry run shows a secret.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { makeSandbox, runCli } from "../helpers/cli.ts";

const isRoot = process.getuid?.() === 0;

/** Every entry under a directory with its kind, to prove nothing appeared, moved or changed. */
function snapshot(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => `${path.relative(dir, path.join(e.parentPath, e.name))} ${e.isFile() ? "file" : e.isDirectory() ? "dir" : e.isCharacterDevice() ? "chardev" : e.isFIFO() ? "fifo" : e.isSocket() ? "socket" : e.isSymbolicLink() ? "symlink" : "other"}`)
    .sort();
}

const kinds: { name: string; make(target: string): void | (() => void); skip?: boolean }[] = [
  { name: "a character device (mknod c 1 3, a /dev/null)", make: (t) => void execFileSync("mknod", [t, "c", "1", "3"]), skip: !isRoot },
  { name: "a FIFO", make: (t) => void execFileSync("mkfifo", [t]) },
  {
    name: "a socket",
    make: (t) => {
      const server = net.createServer().listen(t);
      return () => server.close();
    },
  },
  { name: "a directory", make: (t) => fs.mkdirSync(t) },
];

for (const kind of kinds) {
  test(`a config path that is ${kind.name}, directly or behind a symlink, is refused and nothing is touched`, { skip: kind.skip }, async () => {
    const sb = makeSandbox();
    // Its own folder: the special file and a symlink to it, and nothing else (the state dir holds our caches).
    const where = path.join(sb.dir, "etc");
    fs.mkdirSync(where);
    const special = path.join(where, "special");
    const cleanup = kind.make(special);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const link = path.join(where, "link.json5");
    fs.symlinkSync(special, link);
    try {
      for (const configPath of [special, link]) {
        const before = snapshot(where);
        const env = sb.env({ OPENCLAW_CONFIG_PATH: configPath });
        for (const args of [["config", "set", "gateway.port", "8080"], ["config", "unset", "gateway.port"], ["config", "validate"], ["config", "get", "gateway"]]) {
          const out = await runCli(args, { env, timeoutMs: 10_000 });
          assert.equal(out.code, 1, `${args.join(" ")} on ${kind.name}: ${out.stdout}${out.stderr}`);
          assert.match(out.stderr, /is a (character device|FIFO|socket|directory), not a config file; nothing was read or written/);
          assert.match(out.stderr, /fix: point OPENCLAW_CONFIG_PATH at a regular file/);
        }
        assert.deepEqual(snapshot(where), before, "nothing was created, moved or changed");
      }
    } finally {
      if (typeof cleanup === "function") cleanup();
      sb.cleanup();
    }
  });
}

test("a rewrite as root keeps the config's owner, group and mode, and the .bak's; what it creates beside it belongs to that owner", { skip: !isRoot }, async () => {
  const sb = makeSandbox();
  try {
    sb.writeConfig("// gateway config\n{ gateway: { port: 18789 } }\n");
    const [uid, gid] = [4242, 4343];
    for (const p of [sb.home, sb.stateDir, sb.configPath]) fs.chownSync(p, uid, gid);
    fs.chmodSync(sb.configPath, 0o640);
    const out = await runCli(["config", "set", "gateway.port", "8080"], { env: sb.env() });
    assert.equal(out.code, 0, out.stderr);
    for (const file of [sb.configPath, `${sb.configPath}.bak`]) {
      const stats = fs.statSync(file);
      assert.deepEqual([stats.uid, stats.gid, stats.mode & 0o777], [uid, gid, 0o640], file);
    }
    assert.match(sb.readConfig(), /port: 8080/);
    for (const entry of fs.readdirSync(sb.stateDir, { recursive: true }).map((e) => path.join(sb.stateDir, String(e)))) {
      const stats = fs.statSync(entry);
      assert.equal(stats.uid, uid, `${entry} belongs to the config's owner`);
    }
  } finally {
    sb.cleanup();
  }
});

test("--dry-run masks secrets as config get does: tokens, keys, passwords and whole objects", async () => {
  const sb = makeSandbox();
  try {
    const env = sb.env();
    for (const [key, value, shown] of [
      ["gateway.auth.token", "hunter2", '"********"'],
      ["models.providers.openai.apiKey", "sk-live-123", '"********"'],
      ["channels.matrix.password", "pa55", '"********"'],
      ["gateway.auth", '{token:"s3cr3t", mode:"token"}', '{"token":"********","mode":"token"}'],
      ["gateway.auth.token", "${GATEWAY_TOKEN}", '"${GATEWAY_TOKEN}"'],
    ] as const) {
      const out = await runCli(["config", "set", key, value, "--dry-run"], { env });
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, `Would update ${key} to ${shown} (dry run: nothing written).\n`);
      for (const secret of ["hunter2", "sk-live-123", "pa55", "s3cr3t"]) assert.ok(!out.stdout.includes(secret) && !out.stderr.includes(secret));
    }
  } finally {
    sb.cleanup();
  }
});
