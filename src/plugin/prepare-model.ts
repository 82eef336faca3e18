// OpenClaw's async step before resolveDynamicModel: an application-profile ARN that discovery has not listed is
// resolved once with GetInferenceProfile, and the answer kept, so the model gets its base model's capabilities.
import { resolveAwsTarget } from "../aws/target.js";
import { loadAwsSdk } from "../aws/load-sdk.js";
import { regionOfArn } from "../bedrock/model-id.js";
import { writeProfileBase } from "../bedrock/profile-cache.js";
import { envTimeoutMs } from "../aws/timeouts.js";
import { resolveStateDir } from "../config/paths.js";
import { CONTROL_ENDPOINT_KEY, readControlEndpoint } from "../config/endpoint-fields.js";
import type { HostModel, ProviderDynamicModelContext } from "./host-types.js";
import { isApplicationProfile, resolveDynamicModel } from "./dynamic-model.js";

export async function prepareDynamicModel(ctx: ProviderDynamicModelContext, env: NodeJS.ProcessEnv = process.env): Promise<HostModel | undefined> {
  const id = ctx.modelId.trim();
  // Anything but an application profile not resolved yet is resolveDynamicModel's alone.
  const known = resolveDynamicModel(ctx, env);
  if (known || !isApplicationProfile(id)) return known ?? resolveDynamicModel(ctx, env, true);
  const region = regionOfArn(id)!;
  try {
    const control = readControlEndpoint(ctx.config, env);
    const target = resolveAwsTarget({
      env,
      modelRegion: region,
      endpoints: control ? { bedrock: { url: control, setting: CONTROL_ENDPOINT_KEY } } : undefined,
      timeout: { ms: envTimeoutMs(env) ?? 10_000, setting: "OPENCLAW_BEDROCK_TIMEOUT" },
      imds: { stateDir: resolveStateDir(env) },
    });
    await target.detect();
    const { fetchProfileBase } = await loadAwsSdk(() => import("../bedrock/get-inference-profile.js"));
    const base = await fetchProfileBase(target.client("bedrock"), id);
    if (base) writeProfileBase(env, id, base);
  } catch {
    // Not resolvable now (permissions, network): the model runs with safe defaults, and the doctor says why.
  }
  return resolveDynamicModel(ctx, env, true);
}
