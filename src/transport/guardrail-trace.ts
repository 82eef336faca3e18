// A guardrail intervention in words: which guardrail stopped the reply, on the prompt or on the reply, and (with
// the guardrail's trace on) which policies matched, by name and type only: never the text they matched. Pure.
import type { GuardrailSetting } from "../config/request-fields.js";

interface Matched {
  action?: string;
  detected?: boolean;
}
/** The parts of Bedrock's GuardrailAssessment this reads (the SDK's type, narrowed; converse-events.ts assigns it). */
export interface GuardrailAssessment {
  topicPolicy?: { topics?: (Matched & { name?: string; type?: string })[] };
  contentPolicy?: { filters?: (Matched & { type?: string; confidence?: string })[] };
  wordPolicy?: { customWords?: Matched[]; managedWordLists?: (Matched & { type?: string })[] };
  sensitiveInformationPolicy?: { piiEntities?: (Matched & { type?: string })[]; regexes?: (Matched & { name?: string })[] };
  contextualGroundingPolicy?: { filters?: (Matched & { type?: string })[] };
  automatedReasoningPolicy?: { findings?: unknown[] };
}
export interface GuardrailTrace {
  inputAssessment?: Record<string, GuardrailAssessment>;
  outputAssessments?: Record<string, GuardrailAssessment[]>;
}

/** An action that counts: the policy blocked or masked something (NONE is a policy that looked and let it pass). */
const acted = (m: Matched) => (m.action !== undefined && m.action !== "NONE") || (m.action === undefined && m.detected === true);

/** The policies that acted in one assessment, as short names: `topic "Investment advice"`, `content filter VIOLENCE (HIGH)`. */
export function matchedPolicies(a: GuardrailAssessment): string[] {
  const out: string[] = [];
  for (const t of (a.topicPolicy?.topics ?? []).filter(acted)) out.push(`denied topic "${t.name ?? "?"}"`);
  for (const f of (a.contentPolicy?.filters ?? []).filter(acted)) out.push(`content filter ${f.type ?? "?"}${f.confidence ? ` (${f.confidence})` : ""}`);
  const words = (a.wordPolicy?.customWords ?? []).filter(acted).length;
  if (words > 0) out.push(`custom word list (${words} ${words === 1 ? "word" : "words"})`);
  for (const w of (a.wordPolicy?.managedWordLists ?? []).filter(acted)) out.push(`managed word list ${w.type ?? "?"}`);
  for (const p of (a.sensitiveInformationPolicy?.piiEntities ?? []).filter(acted)) out.push(`sensitive information ${p.type ?? "?"} (${p.action ?? "?"})`);
  for (const r of (a.sensitiveInformationPolicy?.regexes ?? []).filter(acted)) out.push(`regex "${r.name ?? "?"}" (${r.action ?? "?"})`);
  for (const g of (a.contextualGroundingPolicy?.filters ?? []).filter(acted)) out.push(`contextual grounding ${g.type ?? "?"}`);
  if ((a.automatedReasoningPolicy?.findings ?? []).length > 0) out.push("automated reasoning");
  return [...new Set(out)];
}

/** The error a guardrail_intervened stop ends the turn with. */
export function describeIntervention(guardrail: GuardrailSetting | undefined, trace: GuardrailTrace | undefined): string {
  const which = guardrail ? `guardrail ${guardrail.guardrailIdentifier} (version ${guardrail.guardrailVersion})` : "a guardrail";
  const onInput = Object.values(trace?.inputAssessment ?? {}).flatMap(matchedPolicies);
  const onOutput = Object.values(trace?.outputAssessments ?? {}).flat().flatMap(matchedPolicies);
  const parts = [onInput.length > 0 ? `on the prompt: ${[...new Set(onInput)].join(", ")}` : "", onOutput.length > 0 ? `on the reply: ${[...new Set(onOutput)].join(", ")}` : ""].filter(Boolean);
  const traced = guardrail?.trace === "enabled" || guardrail?.trace === "enabled_full";
  const matched = parts.length > 0 ? `; it matched ${parts.join("; ")}` : traced ? "" : "; turn on its trace (plugins.entries.amazon-bedrock.config.guardrail.trace enabled) to see which policy matched";
  return `Bedrock stopped the reply: ${which} intervened (stop reason guardrail_intervened)${matched}; the blocked reply is not shown. fix: rephrase the request, or change the guardrail's policies (Bedrock console → Guardrails)`;
}
