// The npm-registry routes, proven before the package is published: `npm pack`, `npm publish` to a real npm
// registry on loopback (verdaccio, installed into the host cache on first use, storage in a temp dir, no uplinks:
// nothing it serves can come from elsewhere), then `openclaw plugins install openclaw-bedrock` on the real OpenClaw
// 2026.9.6 and `npm install -g openclaw-bedrock`, each from that registry, as a user with a custom registry does.
//
// OpenClaw's npm-spec install shells out to the `npm` on PATH (`npm view`, then `npm install` into
// <state>/npm/projects/<name>) with the process environment, so npm's own configuration decides the registry:
// here `registry=` in the user's ~/.npmrc (npm_config_registry works the same way).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureOpenClawHost, ensureVerdaccio } from "../../scripts/openclaw-host.ts";
import { makeSandbox, repoRoot, runProcess, type CliResult, type Sandbox } from "../helpers/cli.ts";
import { parseJsonOutput, runOpenClaw } from "../helpers/openclaw.ts";

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { name: string; version: string };
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;

interface Registry {
  url: string;
  storage: string;
  /** verdaccio's request log: one JSON object per line. */
  log(): { request?: { method?: string; url?: string }; status?: number; bytes?: { out?: number } }[];
  stop(): Promise<void>;
}

/** Resolves when `child` has exited, or after `ms` (then false). */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => (clearTimeout(timer), resolve(true)));
  });
}

/** verdaccio on 127.0.0.1, on a port the kernel picks (listen(0), reported by the server itself). */
async function startRegistry(dir: string): Promise<Registry> {
  const { node, packageDir } = ensureVerdaccio();
  const storage = path.join(dir, "storage");
  const config = path.join(dir, "config.yaml");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(storage)}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(path.join(dir, "htpasswd"))}`,
      "uplinks: {}", // no proxying to any other registry: a package it serves was published to it
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $all",
      "max_body_size: 100mb",
      "web:",
      "  enable: false",
      "log: { type: stdout, format: json, level: http }",
      "",
    ].join("\n"),
  );
  const entry = pathToFileURL(path.join(packageDir, "build/index.mjs")).href;
  const script = `const { runServer } = await import(${JSON.stringify(entry)});
    const app = await runServer(process.env.VERDACCIO_CONFIG);
    const server = app.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ listening: server.address().port }) + "\\n"));`;
  const child = spawn(node, ["--input-type=module", "-e", script], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, VERDACCIO_CONFIG: config },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killOnExit = () => child.kill("SIGKILL"); // even if the test is abandoned mid-way (a timeout)
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d) => (stderr += d));
  const lines = () => stdout.split("\n").flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
  const stop = async () => {
    child.kill("SIGTERM");
    if (!(await exited(child, 5_000))) {
      child.kill("SIGKILL");
      await exited(child, 5_000);
    }
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error("verdaccio did not start listening within 60 s")), 60_000);
    const done = (error?: Error, value?: number) => {
      clearTimeout(timer);
      child.stdout!.off("data", check);
      child.off("exit", onExit);
      if (error) reject(new Error(`${error.message}\n${stdout}\n${stderr}`));
      else resolve(value!);
    };
    const check = () => {
      const found = lines().find((line) => typeof line.listening === "number");
      if (found) done(undefined, found.listening);
    };
    const onExit = (code: number | null) => done(new Error(`verdaccio exited (${code})`));
    child.stdout!.on("data", check);
    child.once("exit", onExit);
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}/`, storage, log: lines, stop };
}

/**
 * A user whose npm uses `registry`: ~/.npmrc in the sandbox HOME, and none of the npm_config_* that `npm run`
 * exports to this process (npm_config_userconfig would point npm at the developer's own ~/.npmrc). Any request npm
 * tries to send anywhere but loopback goes to a proxy that refuses it, so nothing reaches a public registry ...
 */
function npmUser(sb: Sandbox, registry: string, pathPrefix?: string): NodeJS.ProcessEnv {
  const host = new URL(registry).host;
  fs.writeFileSync(
    path.join(sb.home, ".npmrc"),
    [
      `registry=${registry}`,
      `//${host}/:_authToken=local-test-token`, // npm publish wants a token; verdaccio takes it as anonymous
      "update-notifier=false",
      "audit=false",
      "fund=false",
      "",
    ].join("\n"),
  );
  const env = sb.env({ NO_COLOR: "1", https_proxy: "http://127.0.0.1:9/", http_proxy: "http://127.0.0.1:9/", no_proxy: "127.0.0.1" });
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  // ... and fails at once: OpenClaw's npm otherwise retries a refused connection 5 times, minutes in all (it
  // takes this from the environment only, over any .npmrc). Loopback to a running registry needs no retry.
  env.npm_config_fetch_retries = "0";
  if (pathPrefix) env.PATH = `${pathPrefix}${path.delimiter}${env.PATH ?? ""}`;
  return env;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs = 300_000): Promise<CliResult> {
  return runProcess(file, args, { env, cwd, timeoutMs });
}

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const show = (r: CliResult) => `exit ${r.code}${r.signal ? ` (${r.signal})` : ""}\n${r.stdout}\n${r.stderr}`;

test("the npm routes install this package from an npm registry: openclaw plugins install and npm install -g", { timeout: 900_000 }, async () => {
  const host = ensureOpenClawHost();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-bedrock-registry-"));
  const plugin = makeSandbox(); // the OpenClaw user
  const standalone = makeSandbox(); // the npm install -g user
  const publisher = makeSandbox(); // each has its own HOME, so its own npm cache: every install downloads
  let registry: Registry | undefined;
  try {
    // --ignore-scripts: `prepare` would rebuild dist/ under the feet of tests running beside this one.
    const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }))[0] as { filename: string };
    assert.equal(packed.filename, TARBALL);
    const tarball = path.join(work, TARBALL);
    registry = await startRegistry(path.join(work, "registry"));
    const reg = registry;
    /** Requests that served the whole tarball: each is one download by an npm client. */
    const downloads = () => reg.log().filter((l) => l.request?.method === "GET" && l.request.url === `/${pkg.name}/-/${TARBALL}` && l.status === 200 && l.bytes?.out === fs.statSync(tarball).size).length;

    const openclawEnv = npmUser(plugin, registry.url, host.nodeBin);
    const openclaw = (args: string[]) => runOpenClaw(host, args, openclawEnv, 300_000);
    const install = ["plugins", "install", pkg.name, "--force", "--accept-capabilities"];

    // Not published yet: what a user sees today against the public registry.
    const missing = await openclaw(install);
    assert.notEqual(missing.code, 0, show(missing));
    assert.match(missing.stdout + missing.stderr, new RegExp(`Package not found on npm: ${pkg.name}`));

    // Publish; the registry stores the very tarball npm pack made.
    const published = await run("npm", ["publish", tarball], npmUser(publisher, registry.url), work);
    assert.equal(published.code, 0, show(published));
    assert.equal(sha256(path.join(registry.storage, pkg.name, TARBALL)), sha256(tarball));
    assert.equal(downloads(), 0);

    // OpenClaw installs it by name, from the registry npm is configured with.
    const installed = await openclaw(install);
    assert.equal(installed.code, 0, show(installed));
    assert.match(installed.stdout, /Installed plugin: amazon-bedrock/);
    assert.equal(downloads(), 1, `OpenClaw's npm did not fetch ${TARBALL} from the local registry:\n${show(installed)}`);

    const inspect = await openclaw(["plugins", "inspect", "amazon-bedrock", "--runtime", "--json"]);
    assert.equal(inspect.code, 0, show(inspect));
    const loaded = parseJsonOutput(inspect.stdout).plugin;
    assert.equal(loaded.status, "loaded", `${loaded.error ?? ""}\n${inspect.stderr}`);
    assert.deepEqual(loaded.providerIds, ["amazon-bedrock"]);
    assert.equal(loaded.packageName, pkg.name);
    assert.equal(loaded.packageVersion, pkg.version);
    assert.equal(loaded.trust?.installSource, "npm");
    assert.equal(loaded.trust?.installSpec, pkg.name);
    assert.ok(loaded.rootDir.startsWith(plugin.stateDir + path.sep), `installed outside the state dir: ${loaded.rootDir}`);
    const packedEntry = execFileSync("tar", ["xzOf", tarball, "package/dist/plugin.cjs"]);
    assert.ok(fs.readFileSync(path.join(loaded.rootDir, "dist/plugin.cjs")).equals(packedEntry), "the loaded plugin is not the published one");

    // The standalone CLI, with npm install -g into a prefix, on the Node the user has (the one running this test).
    const prefix = path.join(standalone.dir, "prefix");
    const npmEnv = npmUser(standalone, registry.url, path.dirname(process.execPath));
    const global = await run("npm", ["install", "-g", pkg.name, "--prefix", prefix], npmEnv, standalone.dir);
    assert.equal(global.code, 0, show(global));
    assert.equal(downloads(), 2, `npm install -g did not fetch ${TARBALL} from the local registry:\n${show(global)}`);
    const bin = path.join(prefix, "bin", pkg.name);
    const version = await run(bin, ["--version"], npmEnv, standalone.dir, 60_000);
    assert.equal(version.code, 0, show(version));
    assert.equal(version.stdout.trim(), `${pkg.name} ${pkg.version}`);
    const configFile = await run(bin, ["config", "file"], npmEnv, standalone.dir, 60_000);
    assert.equal(configFile.code, 0, show(configFile));
    assert.equal(configFile.stdout.trim(), standalone.configPath);
  } finally {
    await registry?.stop();
    plugin.cleanup();
    standalone.cleanup();
    publisher.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
