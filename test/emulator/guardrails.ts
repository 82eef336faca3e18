// What ConverseStream does with a guardrailConfig, a serviceTier and a performanceConfig, as the service does it:
// the identifier and version checked (a wrong one is the service's ValidationException), the emulator's guardrail
// applied (a denied topic triggered by a word: on the prompt the reply is the guardrail's blocked-input message, on
// the reply the blocked-output message; the trace, when asked for, in the metadata event), and the tiers and the
// latency-optimized versions each model offers. GetGuardrail answers for the control plane.
import { AwsError } from "./errors.ts";
import type { PlannedTurn } from "./converse.ts";

export interface EmulatorGuardrail {
  id: string;
  name: string;
  /** Published versions (DRAFT always exists). */
  versions: string[];
  /** A denied topic, triggered by any of these words (case-insensitive) in a user turn or in the reply. */
  topic: { name: string; triggers: string[] };
  blockedInputMessaging: string;
  blockedOutputsMessaging: string;
}

export const EMULATOR_GUARDRAIL: EmulatorGuardrail = {
  id: "gr1emulator01",
  name: "emulator-guardrail",
  versions: ["1"],
  topic: { name: "Project Swordfish", triggers: ["swordfish"] },
  blockedInputMessaging: "Sorry, the model cannot answer this question.",
  blockedOutputsMessaging: "Sorry, the model cannot answer this question (blocked output).",
};

export interface GuardrailConfigBody {
  guardrailIdentifier?: string;
  guardrailVersion?: string;
  trace?: string;
  streamProcessingMode?: string;
}

const ID_PATTERN = /^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/;
const VERSION_PATTERN = /^(([1-9][0-9]{0,7})|(DRAFT))$/;
const invalid = (message: string) => new AwsError(400, "ValidationException", message);
const constraint = (value: string, field: string, rule: string) => invalid(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${rule}`);

/** The guardrail a request names, or the service's refusal (guardrails are regional and per account). */
export function resolveGuardrail(config: GuardrailConfigBody, guardrails: EmulatorGuardrail[], region: string, account: string): EmulatorGuardrail {
  const id = config.guardrailIdentifier ?? "";
  const version = config.guardrailVersion ?? "";
  if (!ID_PATTERN.test(id)) throw constraint(id, "guardrailConfig.guardrailIdentifier", "Member must satisfy regular expression pattern: (([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))");
  if (!VERSION_PATTERN.test(version)) throw constraint(version, "guardrailConfig.guardrailVersion", "Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))");
  for (const [field, value, allowed] of [["trace", config.trace, ["enabled", "disabled", "enabled_full"]], ["streamProcessingMode", config.streamProcessingMode, ["sync", "async"]]] as const) {
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) throw constraint(value, `guardrailConfig.${field}`, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  const arn = /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]+):(\d{12}):guardrail\/([a-z0-9]+)$/.exec(id);
  const bareId = arn ? (arn[1] === region && arn[2] === account ? arn[3] : undefined) : id;
  const found = guardrails.find((g) => g.id === bareId);
  // One message for a wrong id and a wrong version alike, as the service words it.
  if (!found || (version !== "DRAFT" && !found.versions.includes(version))) throw invalid("The guardrail identifier or version provided in the request does not exist.");
  return found;
}

const triggered = (g: EmulatorGuardrail, text: string) => g.topic.triggers.some((word) => text.toLowerCase().includes(word.toLowerCase()));

/** The guardrail's assessment of what it blocked, as the trace carries it (names and types only here, as a test reads them). */
function assessment(g: EmulatorGuardrail) {
  return { topicPolicy: { topics: [{ name: g.topic.name, type: "DENY", action: "BLOCKED", detected: true }] }, invocationMetrics: { guardrailProcessingLatency: 12 } };
}

export interface GuardedTurn {
  turn: PlannedTurn;
  /** The metadata event's trace (only when the request asked for one). */
  trace?: unknown;
}

/**
 * The planned reply as the guardrail lets it through: unchanged, or replaced by its message with stop reason
 * guardrail_intervened. In async mode the reply is checked after it was sent: a blocked reply has gone out whole
 * before the stop says it was blocked.
 */
export function applyGuardrail(g: EmulatorGuardrail, config: GuardrailConfigBody, userText: string, turn: PlannedTurn): GuardedTurn {
  const traced = config.trace === "enabled" || config.trace === "enabled_full";
  const replyText = turn.blocks.map((b) => (b.kind === "text" ? b.text : "")).join("");
  const onInput = triggered(g, userText);
  const onOutput = !onInput && triggered(g, replyText);
  const trace = traced ? { guardrail: { inputAssessment: { [g.id]: onInput ? assessment(g) : { invocationMetrics: { guardrailProcessingLatency: 8 } } }, ...(onOutput ? { outputAssessments: { [g.id]: [assessment(g)] } } : {}) } } : undefined;
  if (!onInput && !onOutput) return { turn, trace };
  const message = onInput ? g.blockedInputMessaging : g.blockedOutputsMessaging;
  const sentAnyway = onOutput && config.streamProcessingMode === "async";
  const blocks: PlannedTurn["blocks"] = sentAnyway ? turn.blocks : [{ kind: "text", text: message }];
  return { turn: { ...turn, blocks, stopReason: "guardrail_intervened", outputTokens: sentAnyway ? turn.outputTokens : Math.ceil(message.length / 4) }, trace };
}

/** Tiers each model offers besides default (the emulator's table; `reserved` needs a reservation the test grants). */
const TIERS: [RegExp, string[]][] = [[/^(amazon\.nova-|openai\.gpt-oss|qwen\.|deepseek\.|mistral\.|moonshotai\.)/, ["priority", "flex"]]];
/** Models with a latency-optimized version (AWS: latency-optimized-inference; Nova Pro, Claude 3.5 Haiku, Llama 3.1 70B and 405B). */
const OPTIMIZED = /^(amazon\.nova-pro-v1|anthropic\.claude-3-5-haiku-20241022|meta\.llama3-1-(70b|405b)-instruct)/;

/** serviceTier and performanceConfig as the service checks them against the model. */
export function validateTierAndLatency(baseModelId: string, body: { serviceTier?: { type?: string }; performanceConfig?: { latency?: string } }, reservations: string[]): void {
  const tier = body.serviceTier?.type;
  if (body.serviceTier && tier === undefined) throw invalid("1 validation error detected: Value null at 'serviceTier.type' failed to satisfy constraint: Member must not be null");
  if (tier !== undefined) {
    if (!["priority", "default", "flex", "reserved"].includes(tier)) throw invalid("The service tier provided is invalid.");
    if (tier === "reserved" && !reservations.includes(baseModelId)) throw invalid("Reservation not found.");
    const offered = TIERS.find(([pattern]) => pattern.test(baseModelId))?.[1] ?? [];
    if ((tier === "priority" || tier === "flex") && !offered.includes(tier)) throw invalid("The service tier provided is invalid.");
  }
  const latency = body.performanceConfig?.latency;
  if (latency !== undefined) {
    if (latency !== "standard" && latency !== "optimized") throw constraint(latency, "performanceConfig.latency", "Member must satisfy enum value set: [optimized, standard]");
    // The emulator's own wording: no source gives the service's for a model without an optimized version.
    if (latency === "optimized" && !OPTIMIZED.test(baseModelId)) throw invalid("Latency-optimized inference is not supported for this model.");
  }
}

/** GetGuardrail (control plane): the guardrail's description, or ResourceNotFoundException. */
export function getGuardrail(guardrails: EmulatorGuardrail[], identifier: string, version: string | null, region: string, account: string) {
  const arnMatch = /^arn:aws(?:-[^:]+)?:bedrock:([a-z0-9-]+):(\d{12}):guardrail\/([a-z0-9]+)$/.exec(identifier);
  const id = arnMatch ? (arnMatch[1] === region && arnMatch[2] === account ? arnMatch[3] : undefined) : identifier;
  const g = guardrails.find((x) => x.id === id);
  const v = version ?? "DRAFT";
  if (!g || (v !== "DRAFT" && !g.versions.includes(v))) throw new AwsError(404, "ResourceNotFoundException", `Guardrail ${identifier} with version ${v} not found.`);
  const now = new Date("2026-11-02T10:00:00Z").toISOString();
  return {
    name: g.name,
    guardrailId: g.id,
    guardrailArn: `arn:aws:bedrock:${region}:${account}:guardrail/${g.id}`,
    version: v,
    status: "READY",
    topicPolicy: { topics: [{ name: g.topic.name, definition: `Anything about ${g.topic.name}.`, type: "DENY" }] },
    createdAt: now,
    updatedAt: now,
    blockedInputMessaging: g.blockedInputMessaging,
    blockedOutputsMessaging: g.blockedOutputsMessaging,
  };
}
