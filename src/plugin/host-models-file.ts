// Where OpenClaw's own `models list` looks without running the plugin: the agent's models.json. From 2026.5.28 on,
// the list reads that file and (without a gateway) runs no plugin's catalog for it (2026.8.x only for
// `--provider`; src/host/release.ts), so the plugin writes its discovered provider there after each discovery, as
// OpenClaw itself does when it regenerates the file, and the plain list shows the models.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { resolveStateDir } from "../config/paths.js";
import { modelsListSource } from "../host/release.js";
import { ensureDirectory, writeFileAtomically } from "../state/private-files.js";
import type { HostProviderConfig } from "./host-types.js";
import { BEDROCK_API, BEDROCK_AUTH, PROVIDER_ID } from "../bedrock/ids.js";

/** The agents whose models.json OpenClaw lists: OPENCLAW_AGENT_DIR, else `main` and every agent already there. */
export function agentDirs(env: NodeJS.ProcessEnv): string[] {
  if (env.OPENCLAW_AGENT_DIR?.trim()) return [path.resolve(env.OPENCLAW_AGENT_DIR.trim())];
  const agents = path.join(resolveStateDir(env), "agents");
  const existing = existsSync(agents) ? readdirSync(agents, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(agents, e.name, "agent")) : [];
  return [...new Set([path.join(agents, "main", "agent"), ...existing.filter((dir) => existsSync(dir))])];
}

/** A provider entry this plugin wrote (OpenClaw writes the same shape when it regenerates the file). */
function isOurs(entry: unknown): boolean {
  const e = entry as { api?: unknown; auth?: unknown } | undefined;
  return e?.api === BEDROCK_API && e?.auth === BEDROCK_AUTH;
}

/**
 * Puts `provider` (null: discovery is off or failed without a cached answer) under `providers["amazon-bedrock"]`
 * of each agent's models.json, leaving every other provider as it is. A file that is not JSON is left alone, and
 * an entry someone wrote by hand (another api or auth) is never replaced or removed. Returns the files written.
 */
export function publishToModelsFile(provider: HostProviderConfig | null, env: NodeJS.ProcessEnv, release: string | undefined): string[] {
  if (!release || modelsListSource(release) !== "models-file") return [];
  const written: string[] = [];
  for (const dir of agentDirs(env)) {
    const file = path.join(dir, "models.json");
    let doc: { providers?: Record<string, unknown> } & Record<string, unknown> = { providers: {} };
    if (existsSync(file)) {
      try {
        doc = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        continue;
      }
      if (typeof doc !== "object" || doc === null || Array.isArray(doc)) continue;
    } else if (!provider) continue;
    const providers = (doc.providers && typeof doc.providers === "object" ? doc.providers : {}) as Record<string, unknown>;
    const current = providers[PROVIDER_ID];
    if (current !== undefined && !isOurs(current)) continue;
    const next = { ...providers };
    if (provider && provider.models.length > 0) next[PROVIDER_ID] = provider;
    else delete next[PROVIDER_ID];
    const text = `${JSON.stringify({ ...doc, providers: next }, null, 2)}\n`;
    const before = existsSync(file) ? statSync(file) : undefined;
    if (before && readFileSync(file, "utf8") === text) continue;
    ensureDirectory(dir);
    writeFileAtomically(file, text, before);
    written.push(file);
  }
  return written;
}

/**
 * With `discovery.enabled: false` the plugin's rows leave the file as soon as OpenClaw loads the plugin (register()),
 * before the host reads it: a list after turning discovery off shows no Bedrock models, refreshed or not. Only a
 * file that holds an entry of ours is touched.
 */
export function withdrawFromModelsFile(env: NodeJS.ProcessEnv): void {
  for (const dir of agentDirs(env)) {
    const file = path.join(dir, "models.json");
    try {
      const doc = JSON.parse(readFileSync(file, "utf8")) as { providers?: Record<string, unknown> };
      if (!doc?.providers || !isOurs(doc.providers[PROVIDER_ID])) continue;
      delete doc.providers[PROVIDER_ID];
      writeFileAtomically(file, `${JSON.stringify(doc, null, 2)}\n`, statSync(file));
    } catch {
      // no file, not JSON, or not writable: nothing of ours to take back
    }
  }
}
