// The doctor's `capabilities` line: what the tested model takes (limits, input, reasoning, caching), from the
// discovery and the family table, naming what is assumed because the tables do not know the model.
import { findKnownModel, findModelFamily, limitsFor, modelFamily } from "../bedrock/model-limits.js";
import type { Selection } from "../bedrock/select-models.js";
import type { PickedModel } from "./pick-model.js";
import { docsLink } from "../text/docs-link.js";
import { check, type CheckResult } from "./types.js";

export function checkCapabilities(picked: PickedModel | undefined, selection: Selection | undefined, modelUsable: boolean): CheckResult {
  if (!picked || !modelUsable) return check("capabilities", "skip", "not checked: no model to describe");
  const listed = selection?.models.find((m) => m.id === picked.id);
  const base = listed?.baseModelId ?? picked.id;
  const limits = listed ? { contextWindow: listed.contextWindow, maxTokens: listed.maxTokens, known: listed.knownLimits } : limitsFor(base);
  const family = modelFamily(base);
  const input = listed?.input ?? (family.images ? ["text", "image"] : ["text"]);
  const assumed = [...(findKnownModel(base) ? [] : ["context window", "max output"]), ...(findModelFamily(base) ? [] : ["reasoning", "caching", "input kinds"])];
  const caching = family.cache ? `prompt caching from ${family.cache.minTokens} tokens (${family.cache.ttls.join(", ")})` : "no prompt caching";
  const via = base !== picked.id ? ` → ${base}` : "";
  const summary = `${picked.id}${via}: context ${limits.contextWindow}, max output ${limits.maxTokens}, input ${input.join("+")}, reasoning ${family.reasoning}, ${caching}${assumed.length ? `; assumed: ${assumed.join(", ")}` : ""}`;
  return check("capabilities", "pass", summary, {
    details: {
      modelId: picked.id,
      baseModelId: base,
      contextWindow: limits.contextWindow,
      maxTokens: limits.maxTokens,
      input,
      reasoning: family.reasoning,
      cache: family.cache ?? null,
      temperatureOrTopP: Boolean(family.temperatureOrTopP),
      assumed,
    },
    notes: assumed.length ? [`not in this tool's model tables: those values are safe defaults (${docsLink("bedrock.md", "Capabilities")})`] : [],
  });
}
