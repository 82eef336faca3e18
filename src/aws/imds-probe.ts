// A short IMDSv2 probe (at most ~1 s) for an EC2 instance role, with a negative answer remembered in the state
// dir: "no instance metadata here" for an hour, a probe that timed out (a slow or busy host) for 5 minutes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { removeFile, writePrivateFile } from "../state/private-files.js";

export interface ImdsProbeOptions {
  /** Where to remember "no instance metadata here"; no memory without it. */
  stateDir?: string;
  /** Ignore a remembered negative answer (models list --refresh, the doctor). */
  fresh?: boolean;
  timeoutMs?: number;
  /** How long a negative answer is trusted (a timeout: TIMEOUT_REMEMBER_MS at most). */
  rememberMs?: number;
}

export type ImdsOutcome = "role" | "no-role" | "timeout";

export interface ImdsProbe {
  endpoint: string;
  roleName?: string;
  outcome: ImdsOutcome;
  /** Whether the answer came from the state dir rather than the network, and when it was found. */
  remembered: boolean;
  checkedAt: number;
}

export const NO_ROLE_REMEMBER_MS = 3600_000;
export const TIMEOUT_REMEMBER_MS = 300_000;

export function imdsEndpoint(env: NodeJS.ProcessEnv): string {
  const configured = env.AWS_EC2_METADATA_SERVICE_ENDPOINT?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return (env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE ?? "").toLowerCase() === "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
}

export async function probeInstanceMetadata(env: NodeJS.ProcessEnv, options: ImdsProbeOptions = {}): Promise<ImdsProbe> {
  const endpoint = imdsEndpoint(env);
  const memoryFile = options.stateDir ? path.join(options.stateDir, "cache", "imds-probe.json") : undefined;
  const rememberMs = options.rememberMs ?? NO_ROLE_REMEMBER_MS;
  if (memoryFile && !options.fresh) {
    try {
      const memory = JSON.parse(readFileSync(memoryFile, "utf8")) as { endpoint: string; checkedAt: number; result?: string };
      const outcome: ImdsOutcome = memory.result === "timeout" ? "timeout" : "no-role";
      const trusted = outcome === "timeout" ? Math.min(rememberMs, TIMEOUT_REMEMBER_MS) : rememberMs;
      if (memory.endpoint === endpoint && Date.now() - memory.checkedAt < trusted) return { endpoint, outcome, remembered: true, checkedAt: memory.checkedAt };
    } catch {
      // nothing remembered
    }
  }
  const checkedAt = Date.now();
  const { roleName, timedOut } = await fetchRoleName(endpoint, options.timeoutMs ?? 1000);
  const outcome: ImdsOutcome = roleName ? "role" : timedOut ? "timeout" : "no-role";
  if (memoryFile) {
    try {
      if (roleName) removeFile(memoryFile);
      else writePrivateFile(memoryFile, JSON.stringify({ endpoint, checkedAt, result: outcome === "timeout" ? "timeout" : "no-instance-role" }));
    } catch {
      // Remembering is an optimisation; a read-only state dir only costs the probe next time.
    }
  }
  return { endpoint, roleName, outcome, remembered: false, checkedAt };
}

/** The instance's region (placement/region), or undefined when there is no instance metadata within the deadline. */
export async function fetchInstanceRegion(env: NodeJS.ProcessEnv, timeoutMs = 1000): Promise<string | undefined> {
  try {
    const region = await imdsGet(imdsEndpoint(env), "/latest/meta-data/placement/region", Date.now() + timeoutMs);
    return region && /^[a-z0-9-]{1,40}$/.test(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

/** IMDSv2: a session token, then one GET; the body on 200, else undefined. Throws on a network failure or the deadline. */
async function imdsGet(endpoint: string, path: string, deadline: number): Promise<string | undefined> {
  const { request: httpRequest } = await import("node:http");
  const token = await send(httpRequest, `${endpoint}/latest/api/token`, "PUT", { "x-aws-ec2-metadata-token-ttl-seconds": "21600" }, deadline);
  if (token.status !== 200 || !token.body) return undefined;
  const answer = await send(httpRequest, `${endpoint}${path}`, "GET", { "x-aws-ec2-metadata-token": token.body }, deadline);
  return answer.status === 200 ? answer.body : undefined;
}

/**
 * PUT a session token, then read the role name; undefined on any failure within the deadline. node:http is
 * loaded only when a probe runs (≈0.7 ms that a cached `models list` would pay for nothing).
 */
async function fetchRoleName(endpoint: string, timeoutMs: number): Promise<{ roleName?: string; timedOut: boolean }> {
  try {
    const roles = await imdsGet(endpoint, "/latest/meta-data/iam/security-credentials/", Date.now() + timeoutMs);
    return { roleName: roles?.split("\n")[0]?.trim() || undefined, timedOut: false };
  } catch (error) {
    return { timedOut: /timed out/.test((error as Error).message) };
  }
}

function send(httpRequest: typeof import("node:http").request, url: string, method: string, headers: Record<string, string>, deadline: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new Error("IMDS probe timed out"));
    const req = httpRequest(url, { method, headers, timeout: remaining }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
        if (body.length > 4096) req.destroy(new Error("IMDS answer too long"));
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: body.trim() }));
    });
    const timer = setTimeout(() => req.destroy(new Error("IMDS probe timed out")), remaining);
    req.on("close", () => clearTimeout(timer));
    req.on("timeout", () => req.destroy(new Error("IMDS probe timed out")));
    req.on("error", reject);
    req.end();
  });
}
