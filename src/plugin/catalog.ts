// OpenClaw's provider catalog for amazon-bedrock: this project's discovery (both lists, the invocable-set rules,
// known limits, the cache, the region and credential chains) as the provider config OpenClaw lists and runs.
import { discoverBedrockModels, type DiscoveryResult } from "../bedrock/discovery.js";
import { causeWithSaid } from "../bedrock/classify-error.js";
import { resolveStateDir } from "../config/paths.js";
import { configuredEndpoints } from "../config/endpoint-fields.js";
import { isDefaultEndpoint } from "../aws/endpoint.js";
import { runningHostRelease } from "../host/release.js";
import { setFace } from "../text/commands.js";
import type { HostProviderConfig, ProviderCatalogContext } from "./host-types.js";
import { toHostModel } from "./dynamic-model.js";
import { publishToModelsFile } from "./host-models-file.js";
import { BEDROCK_API, BEDROCK_AUTH, PROVIDER_ID, runtimeBaseUrl } from "../bedrock/ids.js";

/**
 * `enabled: false` lists nothing; unset lists when the credential chain finds credentials (instance roles
 * included); `true` always tries, and a failure is one warning line naming the cause and the fix.
 */
export async function runCatalog(ctx: ProviderCatalogContext): Promise<{ provider: HostProviderConfig } | null> {
  if (ctx.providerIds && !ctx.providerIds.includes(PROVIDER_ID)) return null;
  setFace("openclaw");
  const env = ctx.env ?? process.env;
  const discovery = await discoverBedrockModels({ config: ctx.config, env, stateDir: resolveStateDir(env) });
  if (discovery.error) {
    const stale = discovery.status === "stale" ? " (listing the cached models)" : "";
    process.stderr.write(`[amazon-bedrock] discovery failed${stale}: ${causeWithSaid(discovery.error)}. fix: ${discovery.error.fix}\n`);
  }
  for (const warning of discovery.warnings) process.stderr.write(`[amazon-bedrock] warning: ${warning.cause}. fix: ${warning.fix}\n`);
  const provider = providerOf(discovery, ctx.config, env);
  publishDiscovery(discovery, provider, env);
  return provider ? { provider } : null;
}

/**
 * After `openclaw bedrock models` or `openclaw bedrock doctor`: the discovery they made (now in the cache, so no
 * AWS call) is written where this release's plain `openclaw models list` reads it.
 */
export async function publishCachedDiscovery(config: unknown, env: NodeJS.ProcessEnv): Promise<void> {
  const discovery = await discoverBedrockModels({ config, env, stateDir: resolveStateDir(env) });
  publishDiscovery(discovery, providerOf(discovery, config, env), env);
}

/** The provider OpenClaw lists: its baseUrl is the configured runtime endpoint when that is a private one (a VPC endpoint, a gateway), so every route OpenClaw resolves carries it; else the region's public endpoint. */
function providerOf(discovery: DiscoveryResult, config: unknown, env: NodeJS.ProcessEnv): HostProviderConfig | null {
  if (discovery.status === "disabled" || discovery.status === "error") return null;
  const configured = configuredEndpoints(config, env)["bedrock-runtime"]?.url;
  const baseUrl = configured && !isDefaultEndpoint(configured, "bedrock-runtime") ? configured : runtimeBaseUrl(discovery.region.region);
  return { baseUrl, api: BEDROCK_API, auth: BEDROCK_AUTH, models: discovery.models.map((model) => toHostModel(model)) };
}

/** A failed discovery leaves the listed models as they were; a disabled one removes them. */
function publishDiscovery(discovery: DiscoveryResult, provider: HostProviderConfig | null, env: NodeJS.ProcessEnv): void {
  if (discovery.status === "error") return;
  try {
    publishToModelsFile(provider, env, runningHostRelease());
  } catch (error) {
    process.stderr.write(`[amazon-bedrock] warning: could not write the discovered models where openclaw models list reads them (${error instanceof Error ? error.message : String(error)}). fix: openclaw bedrock models lists them\n`);
  }
}
