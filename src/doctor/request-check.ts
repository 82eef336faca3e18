// The doctor's `request` check: what every turn sends besides the conversation (the guardrail, the service tier,
// the latency), shown only when something is set. The guardrail is looked up with GetGuardrail; a missing
// bedrock:GetGuardrail permission is said, never a failure (turns need bedrock:ApplyGuardrail, not it).
import { classifyAwsError, type ErrorContext } from "../bedrock/classify-error.js";
import { RequestError } from "../transport/converse-history.js";
import { readTurnSettings, type TurnSettings } from "../transport/turn-settings.js";
import { PROVIDER_ID } from "../bedrock/ids.js";
import type { ClientContext } from "../aws/client-config.js";
import type * as AwsCalls from "./aws-calls.js";
import { check, type CheckResult } from "./types.js";

/**
 * The settings a turn on this model would carry: its params as OpenClaw 2026.9.6 merges them onto the model (the
 * provider's, agents.defaults.models["amazon-bedrock/<id>"]'s, then the model entry's; later wins), then the plugin config.
 */
export function doctorTurnSettings(config: Record<string, unknown>, modelId: string, env: NodeJS.ProcessEnv): TurnSettings {
  const record = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const provider = record(record(record(config.models)?.providers)?.[PROVIDER_ID]);
  const entry = Array.isArray(provider?.models) ? (provider.models as unknown[]).map(record).find((m) => m?.id === modelId) : undefined;
  const agentEntry = record(record(record(record(config.agents)?.defaults)?.models)?.[`${PROVIDER_ID}/${modelId}`]);
  const params = { ...record(provider?.params), ...record(agentEntry?.params), ...record(entry?.params) };
  return readTurnSettings(config, { id: modelId, params }, env);
}

export async function checkRequestSettings(
  sdk: typeof AwsCalls | undefined,
  ctx: ClientContext | undefined,
  settings: TurnSettings | RequestError,
  errorContext: (op: string) => ErrorContext,
): Promise<CheckResult | undefined> {
  if (settings instanceof RequestError) return check("request", "fail", settings.message, { fix: "set a value Bedrock takes where the message says, or remove it" });
  const { guardrail, serviceTier, latency } = settings;
  if (!guardrail && !serviceTier && !latency) return undefined;
  const parts: string[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = { ...(guardrail ? { guardrail } : {}), ...(serviceTier ? { serviceTier } : {}), ...(latency ? { latency } : {}) };
  let status: CheckResult["status"] = "pass";
  let fix: string | undefined;
  if (guardrail) {
    const how = [guardrail.streamProcessingMode ?? "sync", `trace ${guardrail.trace ?? "disabled"}`].join(", ");
    let found = "";
    if (sdk && ctx) {
      try {
        const g = await sdk.getGuardrail(ctx, guardrail.guardrailIdentifier, guardrail.guardrailVersion);
        found = `: "${g.name ?? "?"}", ${g.status ?? "?"}`;
        details.guardrailStatus = g.status;
        if (g.status && g.status !== "READY") status = "warn";
      } catch (error) {
        const c = classifyAwsError(error, errorContext("GetGuardrail"));
        if (c.code === "access-denied") notes.push("not looked up: these credentials may not call bedrock:GetGuardrail (turns do not need it; they need bedrock:ApplyGuardrail)");
        else if ((error as { name?: string }).name === "ResourceNotFoundException") {
          status = "fail";
          found = ": not found";
          fix = `check guardrailIdentifier and guardrailVersion in plugins.entries.amazon-bedrock.config.guardrail (aws bedrock list-guardrails --region ${ctx.region}); guardrails are regional`;
        } else notes.push(`not looked up: ${c.cause}`);
      }
    }
    parts.push(`guardrail ${guardrail.guardrailIdentifier} version ${guardrail.guardrailVersion}${found} (${how})`);
  }
  if (serviceTier) parts.push(`service tier ${serviceTier}`);
  if (latency) parts.push(`latency ${latency}`);
  return check("request", status, parts.join("; "), { details, notes, ...(fix ? { fix } : {}) });
}
