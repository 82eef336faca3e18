// Which OpenClaw runs on this host, found cheaply (read, never run), and so where it reads the Bedrock discovery
// options: `models.bedrockDiscovery` before 2026.4.5, `plugins.entries.amazon-bedrock.config.discovery` from it on
// (checked by running the releases from the npm registry: docs/bedrock.md, "Which OpenClaw reads where").
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { getAtPath } from "./lookup.js";
import { MODELS_DISCOVERY_PATH, PLUGIN_DISCOVERY_PATH } from "./discovery-fields.js";

/** The first release that refuses `models.bedrockDiscovery` and reads the plugin's entry instead. */
export const PLUGIN_LOCATION_SINCE = "2026.4.5";

export interface HostOpenClaw {
  version?: string;
  /** Where the version was found. */
  source: "meta.lastTouchedVersion" | "openclaw on PATH" | "unknown";
}

export type DiscoveryLocation = "models" | "plugins";

/** The config's `meta.lastTouchedVersion` (OpenClaw writes it on every write), else the `openclaw` package on PATH. */
export function detectHostOpenClaw(config: unknown, env: NodeJS.ProcessEnv): HostOpenClaw {
  const touched = getAtPath(config, ["meta", "lastTouchedVersion"]);
  if (touched.found && typeof touched.value === "string" && parseVersion(touched.value)) return { version: touched.value, source: "meta.lastTouchedVersion" };
  const fromPath = versionOnPath(env);
  return fromPath ? { version: fromPath, source: "openclaw on PATH" } : { source: "unknown" };
}

/**
 * Where this host's OpenClaw reads the discovery options. One rule for an unknown version, in config set,
 * config validate, config migrate and the doctor alike: it is taken to be current (2026.4.5 or later), since
 * every release of the last months reads the plugin's entry and refuses the other location.
 */
export function discoveryLocation(host: HostOpenClaw): DiscoveryLocation {
  if (!host.version) return "plugins";
  return compareVersions(host.version, PLUGIN_LOCATION_SINCE) >= 0 ? "plugins" : "models";
}

/** `OpenClaw 2026.9.6 (meta.lastTouchedVersion)`, or what an unknown version is taken to be, in one phrase. */
export function describeHost(host: HostOpenClaw): string {
  return host.version
    ? `OpenClaw ${host.version} (${host.source})`
    : `OpenClaw of unknown version (no meta.lastTouchedVersion in the config, no openclaw on PATH; taken as ${PLUGIN_LOCATION_SINCE} or later)`;
}

export function discoveryPathFor(location: DiscoveryLocation): readonly string[] {
  return location === "plugins" ? PLUGIN_DISCOVERY_PATH : MODELS_DISCOVERY_PATH;
}

/** `2026.9.6`, `2026.5.12-beta.1` -> numbers to compare; prereleases sort with their release. */
function parseVersion(version: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? match.slice(1, 4).map(Number) : undefined;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a) ?? [0, 0, 0], parseVersion(b) ?? [0, 0, 0]];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The version in the package.json of the `openclaw` command found on PATH (a symlink into node_modules/openclaw). */
function versionOnPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    let bin: string;
    try {
      bin = realpathSync(path.join(dir, "openclaw"));
      if (!statSync(bin).isFile()) continue;
    } catch {
      continue;
    }
    for (let at = path.dirname(bin); at !== path.dirname(at); at = path.dirname(at)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(at, "package.json"), "utf8")) as { name?: string; version?: string };
        if (pkg.name === "openclaw" && typeof pkg.version === "string") return pkg.version;
        if (pkg.name) break; // another package's bin
      } catch {
        // no package.json here: keep climbing
      }
    }
  }
  return undefined;
}

/**
 * The path a discovery option should be written at on this host: `models.bedrockDiscovery.<key>` becomes the
 * plugin's entry on an OpenClaw that reads only that, and the other way round on an older one. `note` says so.
 */
export function pathForHost(path: readonly (string | number)[], config: unknown, env: NodeJS.ProcessEnv): { path: (string | number)[]; note?: string } {
  const [from, to] = [MODELS_DISCOVERY_PATH, PLUGIN_DISCOVERY_PATH].map((prefix) => path.length > prefix.length && prefix.every((segment, i) => path[i] === segment));
  if (!from && !to) return { path: [...path] };
  const host = detectHostOpenClaw(config, env);
  const location = discoveryLocation(host);
  if (location === "plugins" ? to : from) return { path: [...path] };
  const oldPrefix = from ? MODELS_DISCOVERY_PATH : PLUGIN_DISCOVERY_PATH;
  const target = [...discoveryPathFor(location), ...path.slice(oldPrefix.length)];
  const reads = location === "plugins" ? `reads ${PLUGIN_DISCOVERY_PATH.join(".")} and refuses models.bedrockDiscovery` : `reads models.bedrockDiscovery, not the plugin's entry`;
  return { path: target, note: `note: ${describeHost(host)} ${reads}: writing ${target.join(".")}` };
}

/** The discovery option `key` at the location this host reads. */
export function discoveryKeyFor(config: unknown, env: NodeJS.ProcessEnv, key: string): string {
  return [...discoveryPathFor(discoveryLocation(detectHostOpenClaw(config, env))), key].join(".");
}
