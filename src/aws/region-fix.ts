// A region that is not a region code, explained where it came from: the fix changes that very source.
import { REGION_PATTERN } from "../config/region-pattern.js";
import { detectHostOpenClaw, discoveryKeyFor, discoveryLocation } from "../config/host-version.js";
import { MODELS_DISCOVERY_PATH } from "../config/discovery-fields.js";
import { getAtPath } from "../config/lookup.js";
import { cmd } from "../text/commands.js";
import type { ResolvedRegion } from "./region.js";

export interface RegionProblem {
  cause: string;
  fix: string;
}

/** Undefined for a region code; else what is wrong and the change at its source (flag, config key, variable, profile). */
export function regionProblem(region: ResolvedRegion, config: unknown, env: NodeJS.ProcessEnv, profile?: string): RegionProblem | undefined {
  if (REGION_PATTERN.test(region.region)) return undefined;
  const lower = region.region.toLowerCase();
  const suggestion = REGION_PATTERN.test(lower) ? lower : "us-east-1";
  const yours = suggestion === lower ? "" : " (or your region)";
  const from: Record<ResolvedRegion["source"], { where: string; fix: string }> = {
    model: { where: "the model's endpoint or ARN", fix: `use the model's id with a region code (${suggestion}${yours})` },
    flag: { where: "--region", fix: `re-run with --region ${suggestion}${yours}` },
    config: configSource(config, env, suggestion, yours),
    AWS_REGION: { where: "AWS_REGION", fix: `export AWS_REGION=${suggestion}${yours}` },
    AWS_DEFAULT_REGION: { where: "AWS_DEFAULT_REGION", fix: `export AWS_REGION=${suggestion}${yours}` },
    profile: {
      where: `the region of profile ${profile ?? env.AWS_PROFILE ?? "default"}`,
      fix: `aws configure set region ${suggestion} --profile ${profile ?? env.AWS_PROFILE ?? "default"}${yours}`,
    },
    default: { where: "the default", fix: `export AWS_REGION=${suggestion}` },
  };
  const source = from[region.source];
  return { cause: `${JSON.stringify(region.region)} (from ${source.where}) is not an AWS region code`, fix: source.fix };
}

/**
 * Where a config region really came from (models.bedrockDiscovery wins over the plugin's entry, as the options are
 * read), and a fix that ends the problem: set there, or, where this host's OpenClaw reads only the plugin's entry
 * (and `config set` would write there), remove it there and set the plugin's entry.
 */
function configSource(config: unknown, env: NodeJS.ProcessEnv, suggestion: string, yours: string): { where: string; fix: string } {
  const readKey = discoveryKeyFor(config, env, "region");
  const atModels = getAtPath(config, [...MODELS_DISCOVERY_PATH, "region"]);
  if (!atModels.found || typeof atModels.value !== "string") return { where: readKey, fix: `${cmd(`config set ${readKey} ${suggestion}`)}${yours}` };
  const modelsKey = [...MODELS_DISCOVERY_PATH, "region"].join(".");
  if (discoveryLocation(detectHostOpenClaw(config, env)) === "plugins") {
    return { where: modelsKey, fix: `${cmd(`config unset ${modelsKey}`)}, then ${cmd(`config set ${readKey} ${suggestion}`)}${yours}` };
  }
  return { where: modelsKey, fix: `${cmd(`config set ${modelsKey} ${suggestion}`)}${yours}` };
}
