// Where a service's calls go, and why: a configured endpoint (an interface VPC endpoint, a FIPS endpoint, a
// corporate gateway) wins over AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL, as an endpoint given to an SDK
// client in code does (docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html); else the public one. Pure.
import { REGION_PATTERN } from "../config/region-pattern.js";
import { endpointUrlProblem } from "../config/endpoint-fields.js";

export { endpointUrlProblem };

export type EndpointService = "bedrock" | "bedrock-runtime" | "sts";

/** An endpoint a setting names (the provider's baseUrl, the plugin's endpoints.control), with that setting's name. */
export interface ConfiguredEndpoint {
  url: string;
  setting: string;
}

/** public: AWS's own name for the service; vpc-endpoint: an interface endpoint's own name; custom: anything else. */
export type EndpointKind = "public" | "vpc-endpoint" | "custom";

export interface ResolvedEndpoint {
  url: string;
  /** What chose it: a config key, an environment variable, or "default". */
  source: string;
  kind: EndpointKind;
  /** Given to the SDK client (a configured endpoint); otherwise the SDK reads the environment itself, as we did. */
  explicit: boolean;
}

/** The region in a Bedrock host name: public (bedrock-runtime.us-east-1.amazonaws.com, -fips) or an interface endpoint's. */
const BEDROCK_HOST = /^(?:[a-z0-9-]+\.)?(?:bedrock|bedrock-runtime)(?:-fips)?\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/;

export function regionOfEndpoint(url: string | undefined): string | undefined {
  const host = hostOf(url);
  const region = host ? BEDROCK_HOST.exec(host)?.[1] : undefined;
  return region && REGION_PATTERN.test(region) ? region : undefined;
}

export function endpointKind(url: string): EndpointKind {
  const host = hostOf(url) ?? "";
  if (/\.vpce\.amazonaws\.com(?:\.cn)?$/.test(host)) return "vpc-endpoint";
  return /(?:^|\.)amazonaws\.com(?:\.cn)?$|\.api\.aws$/.test(host) && !/\.vpce\./.test(host) ? "public" : "custom";
}

/**
 * Whether a runtime baseUrl is only the public endpoint of its region (what discovery itself publishes, and
 * OpenClaw's docs show): then it says where, not how, and AWS_ENDPOINT_URL* still apply. A `<AWS_REGION>`
 * placeholder in it counts as that too.
 */
export function isDefaultEndpoint(url: string, service: EndpointService): boolean {
  const host = hostOf(url);
  if (!host) return /^https:\/\/[a-z-]+\.<[A-Za-z_]+>\.amazonaws\.com\/?$/.test(url.trim());
  return new RegExp(`^${service}\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?$`).test(host) && /^https:\/\/[^/]+\/?$/.test(url.trim());
}

/** One line with the fix, for a setting whose value is not an endpoint URL. */
export function endpointSettingError(setting: string, value: unknown, service: EndpointService): string {
  const example = service === "bedrock" ? "https://vpce-0abc123-xyz.bedrock.us-east-1.vpce.amazonaws.com" : "https://vpce-0abc123-xyz.bedrock-runtime.us-east-1.vpce.amazonaws.com";
  return `${setting} is not an endpoint URL (${endpointUrlProblem(value)}): set it to the scheme and host, such as ${example}, or unset it`;
}

/** The public endpoint of a service in a region. */
export function publicEndpoint(service: EndpointService, region: string): string {
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return service === "sts" ? `https://sts.${region}.${suffix}` : `https://${service}.${region}.${suffix}`;
}

/** The endpoint a service's calls go to: the configured one, else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the public one. */
export function resolveEndpoint(service: EndpointService, region: string, env: NodeJS.ProcessEnv, configured?: ConfiguredEndpoint): ResolvedEndpoint {
  if (configured && !isDefaultEndpoint(configured.url, service)) {
    const url = configured.url.trim().replace(/\/$/, "");
    return { url, source: configured.setting, kind: endpointKind(url), explicit: true };
  }
  const specific = `AWS_ENDPOINT_URL_${service.toUpperCase().replace(/-/g, "_")}`;
  for (const variable of [specific, "AWS_ENDPOINT_URL"]) {
    const value = env[variable]?.trim();
    if (value) return { url: value, source: variable, kind: endpointKind(value), explicit: false };
  }
  const url = publicEndpoint(service, region);
  return { url, source: "default", kind: "public", explicit: false };
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url.trim()).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
