// A region that is not a region code, explained where it came from: the fix changes that very source.
import { REGION_PATTERN } from "../config/region-pattern.js";
import { discoveryKeyFor } from "../config/host-version.js";
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
    flag: { where: "--region", fix: `re-run with --region ${suggestion}${yours}` },
    config: { where: discoveryKeyFor(config, env, "region"), fix: `${cmd(`config set ${discoveryKeyFor(config, env, "region")} ${suggestion}`)}${yours}` },
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
