// Where OpenClaw keeps its config and state, resolved exactly as OpenClaw resolves them.
import { homedir } from "node:os";
import path from "node:path";

type Env = NodeJS.ProcessEnv;

/** The home directory, with OPENCLAW_HOME taking the place of the user's home. */
export function resolveHomeDir(env: Env): string {
  const override = env.OPENCLAW_HOME?.trim();
  if (override) return expandTilde(override, env.HOME?.trim() || homedir());
  return env.HOME?.trim() || homedir();
}

export function expandTilde(value: string, home: string): string {
  if (value === "~") return home;
  if (value.startsWith("~/")) return path.join(home, value.slice(2));
  return value;
}

/** `$OPENCLAW_STATE_DIR`, else `~/.openclaw`. */
export function resolveStateDir(env: Env): string {
  const home = resolveHomeDir(env);
  const override = env.OPENCLAW_STATE_DIR?.trim();
  if (override) return path.resolve(expandTilde(override, home));
  return path.join(home, ".openclaw");
}

/** `OPENCLAW_CONFIG_PATH`, else `<state dir>/openclaw.json`. */
export function resolveConfigPath(env: Env): string {
  const home = resolveHomeDir(env);
  const override = env.OPENCLAW_CONFIG_PATH?.trim();
  if (override) return path.resolve(expandTilde(override, home));
  return path.join(resolveStateDir(env), "openclaw.json");
}

export function resolveCacheDir(env: Env): string {
  return path.join(resolveStateDir(env), "cache");
}
