// The doctor's checks that need no network: config, region, and where credentials come from.
import { resolveConfigPath } from "../config/paths.js";
import { ConfigParseError, loadConfig } from "../config/read.js";
import { regionProblem } from "../aws/region-fix.js";
import { substituteEnvRefs } from "../config/env-refs.js";
import type { CredentialDetection } from "../aws/credentials.js";
import type { ResolvedRegion } from "../aws/region.js";
import { errorMessage } from "../errors.js";
import { check, type CheckResult } from "./types.js";
import { cmd, currentFace } from "../text/commands.js";
import { discoveryKeyFor } from "../config/host-version.js";
import { getAtPath } from "../config/lookup.js";
import { CONTROL_ENDPOINT_KEY, readRuntimeBaseUrl, RUNTIME_ENDPOINT_KEY } from "../config/endpoint-fields.js";
import { endpointSettingError, endpointUrlProblem, isDefaultEndpoint, regionOfEndpoint, type ResolvedEndpoint } from "../aws/endpoint.js";

export interface DoctorConfig {
  path: string;
  exists: boolean;
  config: Record<string, unknown>;
  /** The config check's result when the file could not be read. */
  unreadable?: CheckResult;
}

/** Reads the config; a file that can't be read or parsed becomes the config check's failure, and {} for the rest. */
export function loadDoctorConfig(env: NodeJS.ProcessEnv): DoctorConfig {
  const path = resolveConfigPath(env);
  try {
    const loaded = loadConfig(path);
    return { path, exists: loaded.exists, config: loaded.value };
  } catch (error) {
    const parse = error instanceof ConfigParseError;
    return {
      path,
      exists: true,
      config: {},
      unreadable: check("config", "fail", parse ? `cannot parse ${path}:${error.line}:${error.column}` : errorMessage(error), {
        details: { path, ...(parse ? { line: error.line, column: error.column } : {}) },
        notes: parse ? [errorMessage(error)] : [],
        fix: parse ? `fix the JSON5 syntax at line ${error.line}, column ${error.column} of ${path}` : `check ${path}`,
      }),
    };
  }
}

/** Validates the config; the validator is loaded only now, so the doctor can do this while AWS calls are in flight. */
export async function checkConfig(doctorConfig: DoctorConfig, env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const { path, exists, config, unreadable } = doctorConfig;
  if (unreadable) return unreadable;
  if (!exists) return check("config", "pass", `no config at ${path}; defaults apply`, { details: { path, exists: false } });
  const { validateConfig, describeIssue } = await import("../config/validate.js");
  const { issues } = validateConfig(config, env);
  if (issues.length > 0) {
    return check("config", "fail", `${path}: ${issues.length} invalid value${issues.length === 1 ? "" : "s"}`, {
      details: { path, exists: true, issues: issues.map(describeIssue) },
      notes: issues.map(describeIssue),
      fix: issues[0]!.fix ?? `${cmd("config validate")}, then ${cmd("config set <path> <value>")} for each`,
    });
  }
  return check("config", "pass", `${path} parsed and valid`, { details: { path, exists: true } });
}

export function checkRegion(region: ResolvedRegion, config: Record<string, unknown>, env: NodeJS.ProcessEnv, profile?: string, instanceRegion?: string, endpoints?: PlaneEndpoints): CheckResult {
  const details: Record<string, unknown> = { region: region.region, source: region.source, ...(instanceRegion ? { instanceRegion } : {}), ...(endpoints ? { endpoints } : {}) };
  const summary = `${region.region} (from ${region.source === "default" ? "the default" : region.source === "flag" ? "--region" : region.source})`;
  const problem = regionProblem(region, config, env, profile);
  if (problem) return check("region", "fail", problem.cause, { details, fix: problem.fix });
  const notes: string[] = [];
  let fix: string | undefined;
  if (region.source === "default" && instanceRegion && instanceRegion !== region.region) {
    notes.push(`this EC2 instance is in ${instanceRegion}, but nothing sets a region: the AWS SDK for JavaScript (and so OpenClaw) does not read the instance's region and calls ${region.region}`);
    fix = `export AWS_REGION=${instanceRegion} where OpenClaw runs (its service environment), or ${cmd(`config set ${discoveryKeyFor(config, env, "region")} ${instanceRegion}`)}`;
  }
  for (const warning of region.warnings) {
    notes.push(warning.message);
    fix ??= warning.fix;
  }
  const baseUrl = readRuntimeBaseUrl(config, env);
  if (baseUrl && !isDefaultEndpoint(baseUrl, "bedrock-runtime") && endpointUrlProblem(baseUrl)) {
    notes.push(endpointSettingError(RUNTIME_ENDPOINT_KEY, baseUrl, "bedrock-runtime"));
    fix ??= cmd(`config set ${RUNTIME_ENDPOINT_KEY} https://bedrock-runtime.${region.region}.amazonaws.com`);
  }
  const urlRegion = regionOfEndpoint(baseUrl);
  if (urlRegion && urlRegion !== region.region) {
    notes.push(`${RUNTIME_ENDPOINT_KEY} points at ${urlRegion}, not ${region.region}`);
    fix ??= endpoints?.runtime.explicit ? `point ${RUNTIME_ENDPOINT_KEY} at an endpoint in ${region.region}, or set the region to ${urlRegion}` : cmd(`config set ${RUNTIME_ENDPOINT_KEY} https://bedrock-runtime.${region.region}.amazonaws.com`);
  }
  const controlRegion = endpoints?.control.explicit ? regionOfEndpoint(endpoints.control.url) : undefined;
  if (controlRegion && controlRegion !== region.region) {
    notes.push(`${CONTROL_ENDPOINT_KEY} points at ${controlRegion}, not ${region.region}: its calls are signed for ${region.region} and refused`);
    fix ??= `point ${CONTROL_ENDPOINT_KEY} at the control-plane endpoint in ${region.region}, or set the region to ${controlRegion}`;
  }
  // Where each plane's calls go, said (not as a warning) when the config names an endpoint; --json always has it.
  const routes = endpoints && (endpoints.runtime.explicit || endpoints.control.explicit) ? [`turns go to ${describeRoute(endpoints.runtime)}`, `the control plane to ${describeRoute(endpoints.control)}`] : [];
  return check("region", notes.length > 0 ? "warn" : "pass", summary, { details, notes: [...notes, ...routes], fix });
}

/** Where the runtime's and the control plane's calls go. */
export interface PlaneEndpoints {
  runtime: ResolvedEndpoint;
  control: ResolvedEndpoint;
}

function describeRoute(endpoint: ResolvedEndpoint): string {
  const kind = endpoint.kind === "vpc-endpoint" ? "private: an interface VPC endpoint" : endpoint.kind === "custom" ? "private or custom: not an AWS host name" : "public AWS endpoint";
  return `${endpoint.url} (${kind}; ${endpoint.source === "default" ? "the region's" : `from ${endpoint.source}`})`;
}

export interface ResolvedCredentialFacts {
  maskedAccessKeyId?: string;
  expiration?: Date;
  error?: { cause: string; fix: string; code: string; said?: { name: string; message: string } };
}

export function checkCredentials(detection: CredentialDetection, facts: ResolvedCredentialFacts, config: Record<string, unknown>, env: NodeJS.ProcessEnv): CheckResult {
  const { source } = detection;
  const details: Record<string, unknown> = {
    source: source.kind,
    ...(source.profileName ? { profile: source.profileName, profileKind: source.profileKind } : {}),
    ...(facts.maskedAccessKeyId ?? source.maskedAccessKeyId ? { accessKeyId: facts.maskedAccessKeyId ?? source.maskedAccessKeyId } : {}),
    ...(facts.expiration ? { expiresAt: facts.expiration.toISOString() } : {}),
    openclawSees: detection.openclawSees,
  };
  if (source.kind === "none") {
    return check("credentials", "fail", "no AWS credentials found", {
      details,
      notes: detection.warnings.map((w) => w.message),
      fix: detection.warnings[0]?.fix ?? "aws configure (keys), aws configure sso (SSO), an EC2 instance role, or export AWS_BEARER_TOKEN_BEDROCK",
    });
  }
  const key = facts.maskedAccessKeyId ?? source.maskedAccessKeyId;
  const expiry = facts.expiration ? `, expires in ${formatDuration(facts.expiration.getTime() - Date.now())}` : "";
  const summary = `${source.label}${key ? `, key ${key}` : ""}${expiry}`;
  if (facts.error) {
    return check("credentials", "fail", `${source.label}: ${facts.error.cause}`, { details: { ...details, error: facts.error.code, ...(facts.error.said ? { said: facts.error.said } : {}) }, fix: facts.error.fix });
  }
  // Inside OpenClaw the plugin's catalog runs this very chain; standalone, the host may be an OpenClaw without it.
  const inPlugin = currentFace() === "openclaw";
  const notes = inPlugin
    ? ["the amazon-bedrock plugin finds these credentials for OpenClaw's catalog and turns"]
    : [`OpenClaw's env-marker check sees: ${detection.openclawSees === "nothing" ? "nothing" : detection.openclawSees}`];
  let fix: string | undefined;
  for (const warning of detection.warnings) {
    notes.push(warning.message);
    fix ??= warning.fix;
  }
  if (detection.openclawSees === "nothing" && !inPlugin) {
    // Fixed once discovery is switched on where this host's OpenClaw reads it.
    const key = discoveryKeyFor(config, env, "enabled");
    const enabled = getAtPath(substituteEnvRefs(config, env).value, key.split("."));
    if (enabled.found && enabled.value === true) notes.push(`discovery is switched on (${key} is true), so OpenClaw lists Bedrock models anyway`);
    else {
      notes.push("so OpenClaw's automatic Bedrock discovery stays off on this host");
      fix ??= cmd(`config set ${key} true`);
    }
  }
  if (facts.expiration && facts.expiration.getTime() - Date.now() < 15 * 60_000) {
    notes.push("these temporary credentials expire soon");
    fix ??= source.profileName ? `aws sso login --profile ${source.profileName}` : "refresh the credentials";
  }
  return check("credentials", fix ? "warn" : "pass", summary, { details, notes, fix });
}

function formatDuration(ms: number): string {
  if (ms <= 0) return "0m (expired)";
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m` : `${minutes}m`;
}
