// Application inference profiles resolved to the model they route to, kept beside the discovery cache (0600),
// so an ARN that discovery has not listed still gets its base model's limits, thinking and caching.
import { readFileSync } from "node:fs";
import path from "node:path";
import { resolveCacheDir } from "../config/paths.js";
import { writePrivateFile } from "../state/private-files.js";
import { shortDigest } from "../text/digest.js";

interface ProfileEntry {
  version: 1;
  arn: string;
  baseModelId: string;
  fetchedAt: number;
}

function profileFile(env: NodeJS.ProcessEnv, arn: string): string {
  return path.join(resolveCacheDir(env), `bedrock-profile-${shortDigest(arn)}.json`);
}

export function readProfileBase(env: NodeJS.ProcessEnv, arn: string): string | undefined {
  try {
    const entry = JSON.parse(readFileSync(profileFile(env, arn), "utf8")) as ProfileEntry;
    return entry.version === 1 && entry.arn === arn && typeof entry.baseModelId === "string" ? entry.baseModelId : undefined;
  } catch {
    return undefined;
  }
}

export function writeProfileBase(env: NodeJS.ProcessEnv, arn: string, baseModelId: string): void {
  const entry: ProfileEntry = { version: 1, arn, baseModelId, fetchedAt: Date.now() };
  try {
    writePrivateFile(profileFile(env, arn), JSON.stringify(entry));
  } catch {
    // An unwritable cache costs the next run one more GetInferenceProfile call.
  }
}
