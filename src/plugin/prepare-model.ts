// OpenClaw's async step before resolveDynamicModel: an application-profile ARN that discovery has not listed is
// resolved once with GetInferenceProfile, and the answer kept, so the model gets its base model's capabilities.
import { detectCredentialSource } from "../bedrock/credentials.js";
import { loadAwsSdk } from "../bedrock/load-sdk.js";
import { regionOfArn } from "../bedrock/model-id.js";
import { writeProfileBase } from "../bedrock/profile-cache.js";
import { endpointFor } from "../bedrock/proxy.js";
import { envTimeoutMs } from "../bedrock/timeouts.js";
import { resolveStateDir } from "../config/paths.js";
import type { HostModel, ProviderDynamicModelContext } from "./host-types.js";
import { isApplicationProfile, resolveDynamicModel } from "./dynamic-model.js";

export async function prepareDynamicModel(ctx: ProviderDynamicModelContext, env: NodeJS.ProcessEnv = process.env): Promise<HostModel | undefined> {
  const id = ctx.modelId.trim();
  // Anything but an application profile not resolved yet is resolveDynamicModel's alone.
  const known = resolveDynamicModel(ctx, env);
  if (known || !isApplicationProfile(id)) return known ?? resolveDynamicModel(ctx, env, true);
  const region = regionOfArn(id)!;
  try {
    const { source } = await detectCredentialSource({ env, imds: { stateDir: resolveStateDir(env) } });
    const timeoutMs = envTimeoutMs(env) ?? 10_000;
    const { fetchProfileBase } = await loadAwsSdk(() => import("../bedrock/get-inference-profile.js"));
    const base = await fetchProfileBase({ region, source, env, timeoutMs, endpoint: endpointFor("bedrock", region, env) }, id);
    if (base) writeProfileBase(env, id, base);
  } catch {
    // Not resolvable now (permissions, network): the model runs with safe defaults, and the doctor says why.
  }
  return resolveDynamicModel(ctx, env, true);
}
