// The doctor's `capabilities` line: what the tested model takes (limits, input, reasoning, efforts, sampling,
// caching), from the discovery, the family rules and what the service taught this host (learned-rules.ts),
// naming what is assumed because the tables do not know the model.
import { findKnownModel, findModelFamily, limitsFor, modelFamily } from "../bedrock/model-limits.js";
import { learnedRuleFor, learnedRulesFile, withLearned } from "../bedrock/learned-rules.js";
import type { Selection } from "../bedrock/select-models.js";
import type { PickedModel } from "./pick-model.js";
import { docsLink } from "../text/docs-link.js";
import { check, type CheckResult } from "./types.js";

export function checkCapabilities(picked: PickedModel | undefined, selection: Selection | undefined, modelUsable: boolean, env: NodeJS.ProcessEnv = {}): CheckResult {
  if (!picked || !modelUsable) return check("capabilities", "skip", "not checked: no model to describe");
  const listed = selection?.models.find((m) => m.id === picked.id);
  const base = listed?.baseModelId ?? picked.id;
  const limits = listed ? { contextWindow: listed.contextWindow, maxTokens: listed.maxTokens, known: listed.knownLimits } : limitsFor(base);
  const learned = learnedRuleFor(env, base);
  const family = withLearned(modelFamily(base), learned);
  const input = listed?.input ?? (family.images ? ["text", "image"] : ["text"]);
  const assumed = [...(findKnownModel(base) ? [] : ["context window", "max output"]), ...(findModelFamily(base) ? [] : ["reasoning", "caching", "input kinds"])];
  const caching = family.cache ? `prompt caching from ${family.cache.minTokens} tokens (${family.cache.ttls.join(", ")})` : "no prompt caching";
  const via = base !== picked.id ? ` → ${base}` : "";
  const reasoning = `reasoning ${family.reasoning}${family.efforts ? ` (effort ${family.efforts.join("/")}${family.alwaysThinks ? ", always on" : ""})` : ""}`;
  const sampling = family.noSampling ? ", no sampling parameters" : "";
  const summary = `${picked.id}${via}: context ${limits.contextWindow}, max output ${limits.maxTokens}, input ${input.join("+")}, ${reasoning}${sampling}, ${caching}${assumed.length ? `; assumed: ${assumed.join(", ")}` : ""}`;
  const notes = assumed.length ? [`not in this tool's model tables: those values are safe defaults (${docsLink("bedrock.md", "Capabilities")})`] : [];
  if (learned) notes.push(`learned from Bedrock on ${learned.learnedAt.slice(0, 10)}: ${describeLearned(learned)} (it said: ${learned.because}); forget with: rm ${learnedRulesFile(env)}`);
  return check("capabilities", "pass", summary, {
    details: {
      modelId: picked.id,
      baseModelId: base,
      contextWindow: limits.contextWindow,
      maxTokens: limits.maxTokens,
      input,
      reasoning: family.reasoning,
      efforts: family.efforts ?? null,
      alwaysThinks: Boolean(family.alwaysThinks),
      noSampling: Boolean(family.noSampling),
      cache: family.cache ?? null,
      temperatureOrTopP: Boolean(family.temperatureOrTopP),
      learned: learned ?? null,
      assumed,
    },
    notes,
  });
}

function describeLearned(rule: NonNullable<ReturnType<typeof learnedRuleFor>>): string {
  const parts = [
    rule.noSampling ? "no sampling parameters" : "",
    rule.temperatureOrTopP ? "temperature or top_p, not both" : "",
    rule.adaptiveOnly ? "adaptive thinking only" : "",
    rule.efforts ? `efforts ${rule.efforts.join("/")}` : "",
    rule.noThinking ? "no thinking fields" : "",
  ];
  return parts.filter(Boolean).join(", ");
}
