// Which AWS region to use, and where that answer came from: flag, config, AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1.
import { readAwsFiles } from "./shared-files.js";
import type { Warning } from "./credentials.js";

/** Where a region came from; `model` is a region the model names itself (its runtime endpoint or ARN). */
export type RegionSource = "model" | "flag" | "config" | "AWS_REGION" | "AWS_DEFAULT_REGION" | "profile" | "default";

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
  warnings: Warning[];
}

export const DEFAULT_REGION = "us-east-1";

export interface RegionInputs {
  env: NodeJS.ProcessEnv;
  flag?: string;
  configRegion?: string;
  /** The profile in use (`--profile`), else AWS_PROFILE, else default. */
  profile?: string;
}

type RegionLink = (inputs: RegionInputs) => { region: string; source: RegionSource } | undefined;

const nonBlank = (value: string | undefined) => (value && value.trim() !== "" ? value.trim() : undefined);

/** A link of the chain: the region `pick` finds, if it is not blank, from `source`. */
const link = (source: RegionSource, pick: (inputs: RegionInputs) => string | undefined): RegionLink => (inputs) => {
  const region = nonBlank(pick(inputs));
  return region ? { region, source } : undefined;
};

/** The order is the documentation: the first link that has a region wins. */
const CHAIN: RegionLink[] = [
  link("flag", ({ flag }) => flag),
  link("config", ({ configRegion }) => configRegion),
  link("AWS_REGION", ({ env }) => env.AWS_REGION),
  link("AWS_DEFAULT_REGION", ({ env }) => env.AWS_DEFAULT_REGION),
  link("profile", profileRegion),
];

export function resolveRegion(inputs: RegionInputs): ResolvedRegion {
  let found: { region: string; source: RegionSource } | undefined;
  for (const link of CHAIN) {
    found = link(inputs);
    if (found) break;
  }
  const resolved = found ?? { region: DEFAULT_REGION, source: "default" as const };
  return { ...resolved, warnings: regionWarnings(inputs, resolved.source) };
}

function profileRegion({ env, profile }: RegionInputs): string | undefined {
  const name = nonBlank(profile) ?? nonBlank(env.AWS_PROFILE) ?? "default";
  return readAwsFiles(env).profiles.get(name)?.region;
}

function regionWarnings({ env }: RegionInputs, source: RegionSource): Warning[] {
  if (nonBlank(env.AWS_DEFAULT_REGION) && !nonBlank(env.AWS_REGION)) {
    const note = source === "AWS_DEFAULT_REGION" ? "this tool uses it" : `this tool uses the ${source} region`;
    return [
      {
        code: "default-region-only",
        message: `only AWS_DEFAULT_REGION is set: the AWS SDK for JavaScript (and so OpenClaw's Bedrock client) ignores it; ${note}`,
        fix: `export AWS_REGION=${nonBlank(env.AWS_DEFAULT_REGION)}`,
      },
    ];
  }
  return [];
}
