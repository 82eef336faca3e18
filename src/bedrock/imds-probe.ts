// A short IMDSv2 probe (at most ~1 s) for an EC2 instance role, with a negative answer remembered in the state dir.
import { readFileSync } from "node:fs";
import path from "node:path";
import { removeFile, writePrivateFile } from "../state/private-files.js";

export interface ImdsProbeOptions {
  /** Where to remember "no instance metadata here"; no memory without it. */
  stateDir?: string;
  /** Ignore a remembered negative answer (models list --refresh, the doctor). */
  fresh?: boolean;
  timeoutMs?: number;
  /** How long a negative answer is trusted. */
  rememberMs?: number;
}

export interface ImdsProbe {
  endpoint: string;
  roleName?: string;
  /** Whether the answer came from the state dir rather than the network. */
  remembered: boolean;
}

export function imdsEndpoint(env: NodeJS.ProcessEnv): string {
  const configured = env.AWS_EC2_METADATA_SERVICE_ENDPOINT?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return (env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE ?? "").toLowerCase() === "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
}

export async function probeInstanceMetadata(env: NodeJS.ProcessEnv, options: ImdsProbeOptions = {}): Promise<ImdsProbe> {
  const endpoint = imdsEndpoint(env);
  const memoryFile = options.stateDir ? path.join(options.stateDir, "cache", "imds-probe.json") : undefined;
  const rememberMs = options.rememberMs ?? 3600_000;
  if (memoryFile && !options.fresh) {
    try {
      const memory = JSON.parse(readFileSync(memoryFile, "utf8")) as { endpoint: string; checkedAt: number };
      if (memory.endpoint === endpoint && Date.now() - memory.checkedAt < rememberMs) return { endpoint, remembered: true };
    } catch {
      // nothing remembered
    }
  }
  const roleName = await fetchRoleName(endpoint, options.timeoutMs ?? 1000);
  if (memoryFile) {
    try {
      if (roleName) removeFile(memoryFile);
      else writePrivateFile(memoryFile, JSON.stringify({ endpoint, checkedAt: Date.now(), result: "no-instance-role" }));
    } catch {
      // Remembering is an optimisation; a read-only state dir only costs the probe next time.
    }
  }
  return { endpoint, roleName, remembered: false };
}

/**
 * PUT a session token, then read the role name; undefined on any failure within the deadline. node:http is
 * loaded only when a probe runs (≈0.7 ms that a cached `models list` would pay for nothing).
 */
async function fetchRoleName(endpoint: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  try {
    const { request: httpRequest } = await import("node:http");
    const request = (url: string, method: string, headers: Record<string, string>) => send(httpRequest, url, method, headers, deadline);
    const token = await request(`${endpoint}/latest/api/token`, "PUT", { "x-aws-ec2-metadata-token-ttl-seconds": "21600" });
    if (token.status !== 200 || !token.body) return undefined;
    const role = await request(`${endpoint}/latest/meta-data/iam/security-credentials/`, "GET", { "x-aws-ec2-metadata-token": token.body });
    if (role.status !== 200) return undefined;
    const name = role.body.split("\n")[0]?.trim();
    return name || undefined;
  } catch {
    return undefined;
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
