// Decides which validation problems block a write (those under what it writes) and which are only warnings.
import { describeHost, discoveryLocation, discoveryPathFor, detectHostOpenClaw } from "./host-version.js";
import { MODELS_DISCOVERY_PATH, PLUGIN_DISCOVERY_PATH } from "./discovery-fields.js";
import { getAtPath } from "./lookup.js";
import { cmd } from "../text/commands.js";
import { substituteEnvRefs } from "./env-refs.js";
import { formatConfigPath, type PathSegment } from "./path-syntax.js";
import { findConfigIssues, type ConfigIssue } from "./schema.js";

export interface Validation {
  issues: ConfigIssue[];
  missingVariables: string[];
}

/** Validates after `${VAR}` substitution; a value that references an unset variable is accepted as written. */
export function validateConfig(config: unknown, env: NodeJS.ProcessEnv): Validation {
  const { value, unresolved, missingVariables } = substituteEnvRefs(config, env);
  const skip = new Set(unresolved.map((p) => formatConfigPath(p)));
  const issues = findConfigIssues(value).filter((issue) => !skip.has(formatConfigPath(issue.path)));
  const misplaced = misplacedDiscovery(value, env);
  return { issues: misplaced ? [...issues, misplaced] : issues, missingVariables };
}

/** Discovery options at the location this host's OpenClaw refuses: there, the whole config fails to load. */
function misplacedDiscovery(config: unknown, env: NodeJS.ProcessEnv): ConfigIssue | undefined {
  const host = detectHostOpenClaw(config, env);
  const location = discoveryLocation(host);
  const refused = location === "plugins" ? MODELS_DISCOVERY_PATH : PLUGIN_DISCOVERY_PATH;
  if (!getAtPath(config, refused).found) return undefined;
  const reads = discoveryPathFor(location).join(".");
  return {
    path: [...refused],
    message: `${describeHost(host)} refuses this location and reads ${reads}`,
    fix: `move it: ${cmd("config migrate")}`,
  };
}

export function isUnder(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

/**
 * A write is refused only for what it writes: problems at or below the written path, and problems it creates
 * elsewhere (a union above it that no longer matches, a model entry it created without its name). Problems
 * that were already in the file are warnings.
 */
export function splitIssuesForWrite(before: () => ConfigIssue[], after: ConfigIssue[], written: readonly PathSegment[]): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const key = (issue: ConfigIssue) => `${formatConfigPath(issue.path)}\u0000${issue.message}`;
  // The file as it was is validated only when a problem sits outside the written path.
  const needsBefore = after.some((issue) => !isUnder(issue.path, written));
  const existed = new Set(needsBefore ? before().map(key) : []);
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  for (const issue of after) {
    const causedHere = isUnder(issue.path, written) || !existed.has(key(issue));
    (causedHere ? errors : warnings).push(issue);
  }
  return { errors, warnings };
}

export function describeIssue(issue: ConfigIssue): string {
  return `${formatConfigPath(issue.path) || "(root)"}: ${issue.message}`;
}
