// The names OpenClaw knows this plugin by; the manifest (openclaw.plugin.json) spells the same ones.
export const PLUGIN_ID = "amazon-bedrock";
export const PROVIDER_ID = "amazon-bedrock";
/** The model api OpenClaw routes to this plugin's stream function. */
export const BEDROCK_API = "bedrock-converse-stream";
/** The memory-search embedding provider: `memory.search.provider: "bedrock"`, as OpenClaw's docs name it. */
export const EMBEDDING_PROVIDER_ID = "bedrock";
/** OpenClaw's provider auth mode for "the AWS SDK default chain": no API key. */
export const BEDROCK_AUTH = "aws-sdk";

export function runtimeBaseUrl(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}
