// OpenClaw's thinking levels (off, minimal, low, medium, high, xhigh, max) as what each model family takes:
// Claude's `output_config.effort` (clamped to the efforts the model has), Claude's `budget_tokens` (below the
// output cap, none under 1024), Nova's `reasoningConfig`. Also the level list OpenClaw's `/think` offers. Pure.
import type { DocumentType } from "@smithy/types";
import { EFFORTS, type Effort, type ModelFamily } from "../bedrock/model-families.js";

export const THINKING_LEVELS = ["off", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
export type ThinkingLevel = (typeof THINKING_LEVELS)[number];

/** OpenClaw's own default budgets for budget-style models; xhigh and max go up to 32k. */
const THINKING_BUDGETS: Record<Exclude<ThinkingLevel, "off">, number> = { minimal: 1024, low: 2048, medium: 8192, high: 16384, xhigh: 24576, max: 32768 };
const LEVEL_EFFORT: Record<Exclude<ThinkingLevel, "off">, Effort> = { minimal: "low", low: "low", medium: "medium", high: "high", xhigh: "xhigh", max: "max" };
const NOVA_EFFORT: Record<Exclude<ThinkingLevel, "off">, "low" | "medium" | "high"> = { minimal: "low", low: "low", medium: "medium", high: "high", xhigh: "high", max: "high" };
/** The service's floor for `budget_tokens`; a budget under it means no thinking. */
export const MIN_THINKING_BUDGET = 1024;
/** What an adaptive model is assumed to take when nothing says more (every Claude with effort has these). */
const BASE_EFFORTS: readonly Effort[] = ["low", "medium", "high"];

export function isThinkingLevel(level: unknown): level is ThinkingLevel {
  return typeof level === "string" && (THINKING_LEVELS as readonly string[]).includes(level);
}

/** The strongest effort the model has at or below the one wanted; its weakest when none is. */
export function clampEffort(wanted: Effort, efforts: readonly Effort[] | undefined): Effort {
  const has = efforts && efforts.length > 0 ? efforts : BASE_EFFORTS;
  if (has.includes(wanted)) return wanted;
  const below = EFFORTS.slice(0, EFFORTS.indexOf(wanted)).filter((e) => has.includes(e));
  return below.at(-1) ?? EFFORTS.find((e) => has.includes(e))!;
}

export interface ThinkingPlan {
  /** `additionalModelRequestFields` for the thinking (none when the request does not think). */
  fields?: Record<string, DocumentType>;
  /** Budget-style: the budget sent, which maxTokens must stay above. */
  budget?: number;
  /** The request asks the model to think (or the model always does). */
  thinks: boolean;
}

export interface ThinkingInput {
  family: ModelFamily;
  level: string | undefined;
  /** The output cap this request will carry (the model's limit and the caller's maxTokens). */
  maxTokens: number;
  /** GovCloud's Converse refuses `thinking.display`. */
  govCloud?: boolean;
}

/** What the model is sent for a level: nothing for `off` (unless the model always thinks) or an unknown level. */
export function planThinking({ family, level, maxTokens, govCloud }: ThinkingInput): ThinkingPlan {
  const asked = isThinkingLevel(level) && level !== "off" ? level : undefined;
  switch (family.reasoning) {
    case "adaptive": {
      // A model that always thinks gets an explicit effort: its weakest for `off`, its default when nothing is asked.
      if (!asked && !family.alwaysThinks) return { thinks: false };
      const wanted: Effort = asked ? LEVEL_EFFORT[asked] : level === "off" ? "low" : (family.defaultEffort ?? "high");
      const effort = clampEffort(wanted, family.efforts);
      return { thinks: true, fields: { thinking: { type: "adaptive", ...(govCloud ? {} : { display: "summarized" }) }, output_config: { effort } } };
    }
    case "budget": {
      if (!asked) return { thinks: false };
      // Some room stays for the answer; a budget that no longer reaches the floor means no thinking at all.
      const budget = Math.min(THINKING_BUDGETS[asked], maxTokens - MIN_THINKING_BUDGET);
      if (budget < MIN_THINKING_BUDGET) return { thinks: false };
      return { thinks: true, budget, fields: { thinking: { type: "enabled", budget_tokens: budget } } };
    }
    case "effort":
      return asked ? { thinks: true, fields: { reasoningConfig: { type: "enabled", maxReasoningEffort: NOVA_EFFORT[asked] } } } : { thinks: false };
    default:
      return { thinks: family.reasoning === "always" };
  }
}

/** The maxTokens a budget-style request needs: room for the budget and an answer, within the model's limit. */
export function maxTokensForBudget(level: string | undefined, wanted: number, limit: number): number {
  if (!isThinkingLevel(level) || level === "off") return wanted;
  return Math.min(Math.max(wanted, THINKING_BUDGETS[level] + MIN_THINKING_BUDGET), limit);
}

export interface ThinkingProfile {
  levels: { id: ThinkingLevel }[];
  defaultLevel?: ThinkingLevel;
}

/**
 * The levels OpenClaw's `/think` should offer for a family (its thinking-profile hook): each level that means
 * something different to the model. Adaptive models offer xhigh and max only where they have those efforts;
 * models that always think have no `off` that turns thinking off, so `off` means their weakest effort.
 */
export function thinkingProfile(family: ModelFamily): ThinkingProfile | undefined {
  switch (family.reasoning) {
    case "adaptive": {
      const efforts = family.efforts && family.efforts.length > 0 ? family.efforts : BASE_EFFORTS;
      const levels: ThinkingLevel[] = ["off", "minimal", "low", "medium", "high"];
      if (efforts.includes("xhigh")) levels.push("xhigh");
      if (efforts.includes("max")) levels.push("max");
      const profile: ThinkingProfile = { levels: levels.map((id) => ({ id })) };
      if (family.defaultEffort) profile.defaultLevel = family.defaultEffort;
      return profile;
    }
    case "budget":
      return { levels: THINKING_LEVELS.map((id) => ({ id })) };
    case "effort":
      return { levels: (["off", "low", "medium", "high"] as const).map((id) => ({ id })) };
    case "none":
      return { levels: [{ id: "off" }] };
    default:
      return undefined;
  }
}
