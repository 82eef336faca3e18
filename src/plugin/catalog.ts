// OpenClaw's provider catalog for amazon-bedrock: this project's discovery (both lists, the invocable-set rules,
// known limits, the cache, the region and credential chains) as the provider config OpenClaw lists and runs.
import { discoverBedrockModels } from "../bedrock/discovery.js";
import { causeWithSaid } from "../bedrock/classify-error.js";
import { resolveStateDir } from "../config/paths.js";
import { setFace } from "../text/commands.js";
import type { HostProviderConfig, ProviderCatalogContext } from "./host-types.js";
import { toHostModel } from "./dynamic-model.js";
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
  if (discovery.status === "disabled" || discovery.status === "error") return null;
  const baseUrl = runtimeBaseUrl(discovery.region.region);
  return { provider: { baseUrl, api: BEDROCK_API, auth: BEDROCK_AUTH, models: discovery.models.map((model) => toHostModel(model)) } };
}

