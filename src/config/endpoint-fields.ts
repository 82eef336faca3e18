// The plugin's `endpoints` option, defined once: where the Bedrock control plane's calls go (ListFoundationModels,
// ListInferenceProfiles, GetInferenceProfile, the doctor's). The validator (schema.ts), the reader and the JSON
// Schema in openclaw.plugin.json come from here. Turns go where the provider's baseUrl says.
import { getAtPath } from "./lookup.js";
import { substituteEnvRefs } from "./env-refs.js";
import { PLUGIN_CONFIG_PATH } from "./discovery-fields.js";

export const PLUGIN_ENDPOINTS_PATH = [...PLUGIN_CONFIG_PATH, "endpoints"] as const;
export const CONTROL_ENDPOINT_KEY = `${PLUGIN_ENDPOINTS_PATH.join(".")}.control`;
/** Where OpenClaw keeps the runtime endpoint, which it hands to the stream function as the model's baseUrl. */
export const RUNTIME_ENDPOINT_KEY = "models.providers.amazon-bedrock.baseUrl";

export const ENDPOINT_FIELDS = ["control"] as const;
const CONTROL_DESCRIPTION =
  "Endpoint URL of the Bedrock control plane (discovery, GetInferenceProfile, the doctor), such as an interface VPC endpoint https://vpce-….bedrock.<region>.vpce.amazonaws.com; wins over AWS_ENDPOINT_URL_BEDROCK. Turns go to models.providers.amazon-bedrock.baseUrl.";

/** A URL with an http(s) scheme and a host, no user info, query or fragment (what JSON Schema can say of it). */
const URL_PATTERN = "^https?://[^\\s/?#@]+(/[^\\s?#@]*)?$";

/** Why a value is not an endpoint URL, or undefined when it is one. */
export function endpointUrlProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return "expected an endpoint URL";
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `"${value}" is not a URL`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `"${value}" is not an http(s) URL`;
  if (url.username || url.password) return "an endpoint URL holds no user name or password";
  if (url.search || url.hash) return `"${value}" has a query or fragment; an endpoint is a scheme, a host and at most a path`;
  if (!new RegExp(URL_PATTERN).test(value.trim())) return `"${value}" is not a plain endpoint URL`;
  return undefined;
}

/** The control-plane endpoint the config names (after ${VAR} substitution), when it is a usable URL. */
export function readControlEndpoint(config: unknown, env: NodeJS.ProcessEnv): string | undefined {
  const { found, value } = getAtPath(substituteEnvRefs(config, env).value, [...PLUGIN_ENDPOINTS_PATH, "control"]);
  return found && typeof value === "string" && !value.includes("${") && !endpointUrlProblem(value) ? value.trim() : undefined;
}

/** The JSON Schema of the plugin's `endpoints` config, as openclaw.plugin.json declares it to OpenClaw. */
export function endpointsJsonSchema(): Record<string, unknown> {
  return {
    type: "object",
    additionalProperties: false,
    description: "Where the plugin's own Bedrock calls go, for hosts that reach Bedrock through a VPC endpoint or a gateway.",
    properties: { control: { type: "string", pattern: URL_PATTERN, description: CONTROL_DESCRIPTION } },
  };
}

/** The runtime baseUrl the config gives the amazon-bedrock provider (after ${VAR} substitution), if any. */
export function readRuntimeBaseUrl(config: unknown, env: NodeJS.ProcessEnv): string | undefined {
  const { found, value } = getAtPath(substituteEnvRefs(config, env).value, ["models", "providers", "amazon-bedrock", "baseUrl"]);
  return found && typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The endpoints the config names, per service, with the key that names each (for resolveAwsTarget). */
export function configuredEndpoints(config: unknown, env: NodeJS.ProcessEnv): Partial<Record<"bedrock" | "bedrock-runtime", { url: string; setting: string }>> {
  const runtime = readRuntimeBaseUrl(config, env);
  const control = readControlEndpoint(config, env);
  return {
    ...(runtime && !endpointUrlProblem(runtime) ? { "bedrock-runtime": { url: runtime, setting: RUNTIME_ENDPOINT_KEY } } : {}),
    ...(control ? { bedrock: { url: control, setting: CONTROL_ENDPOINT_KEY } } : {}),
  };
}
