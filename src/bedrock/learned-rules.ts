// Rules the service taught this host: when Bedrock refuses a request for a parameter the model does not take (a
// sampling parameter, a kind of thinking, an effort level), the turn is retried once without it and the model's
// rule is kept in `<state dir>/amazon-bedrock/learned-model-rules.json` (0600 in a 0700 directory). The next
// request to that model is right the first time, and the doctor's capabilities check shows what was learned.
// Deleting the file forgets everything; nothing else reads it. No SDK.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { resolveStateDir } from "../config/paths.js";
import { writePrivateFile } from "../state/private-files.js";
import { EFFORTS, type Effort, type ModelFamily } from "./model-families.js";
import { stripGeoPrefix } from "./model-id.js";

export interface LearnedRule {
  /** Refuses temperature, top_p and top_k. */
  noSampling?: boolean;
  /** Refuses temperature and top_p together. */
  temperatureOrTopP?: boolean;
  /** Refuses budget thinking: adaptive thinking with an effort instead. */
  adaptiveOnly?: boolean;
  /** The efforts the service said the model takes. */
  efforts?: Effort[];
  /** Refuses any thinking field. */
  noThinking?: boolean;
  /** What Bedrock said, the first time (for the doctor). */
  because: string;
  learnedAt: string;
}

interface LearnedFile {
  version: 1;
  models: Record<string, LearnedRule>;
}

export function learnedRulesFile(env: NodeJS.ProcessEnv): string {
  return path.join(resolveStateDir(env), "amazon-bedrock", "learned-model-rules.json");
}

/** The key a rule is kept under: the model (or base model) id without its geography prefix. */
export function learnedRuleKey(capabilityId: string): string {
  return stripGeoPrefix(capabilityId);
}

export function readLearnedRules(env: NodeJS.ProcessEnv): Record<string, LearnedRule> {
  try {
    const file = JSON.parse(readFileSync(learnedRulesFile(env), "utf8")) as LearnedFile;
    return file.version === 1 && file.models && typeof file.models === "object" ? file.models : {};
  } catch {
    return {};
  }
}

export function learnedRuleFor(env: NodeJS.ProcessEnv, capabilityId: string): LearnedRule | undefined {
  return readLearnedRules(env)[learnedRuleKey(capabilityId)];
}

/** Adds what was learned to the model's rule (read and written again: another process may have learned too). */
export function rememberRule(env: NodeJS.ProcessEnv, capabilityId: string, learned: Omit<LearnedRule, "learnedAt">): LearnedRule {
  const models = readLearnedRules(env);
  const key = learnedRuleKey(capabilityId);
  const rule: LearnedRule = { ...models[key], ...learned, because: models[key]?.because ?? learned.because, learnedAt: new Date().toISOString() };
  models[key] = rule;
  try {
    writePrivateFile(learnedRulesFile(env), `${JSON.stringify({ version: 1, models } satisfies LearnedFile, null, 2)}\n`);
  } catch {
    // Unwritable state: this process still uses the rule; the next one learns it again.
  }
  return rule;
}

export function clearLearnedRules(env: NodeJS.ProcessEnv): void {
  rmSync(learnedRulesFile(env), { force: true });
}

/** The family with what was learned on top: the service's word beats the table. */
export function withLearned(family: ModelFamily, rule: LearnedRule | undefined): ModelFamily {
  if (!rule) return family;
  const next: ModelFamily = { ...family };
  if (rule.noSampling) next.noSampling = true;
  if (rule.temperatureOrTopP) next.temperatureOrTopP = true;
  if (rule.adaptiveOnly) next.reasoning = "adaptive";
  if (rule.efforts) next.efforts = rule.efforts;
  if (rule.noThinking) next.reasoning = "none";
  return next;
}

/** The parameters a request carries that a refusal can be about. */
export interface SentParameters {
  temperature: boolean;
  topP: boolean;
  budgetThinking: boolean;
  effort: boolean;
  thinking: boolean;
}

/**
 * What a ValidationException teaches about the model, when it names a parameter this request sent; undefined when
 * it is about something else (the conversation, the size), which no retry without a parameter would fix.
 */
export function learnFromRefusal(message: string, sent: SentParameters): Omit<LearnedRule, "learnedAt"> | undefined {
  const because = message.split("\n")[0]!.slice(0, 300);
  if ((sent.temperature || sent.topP) && /`?(temperature|top_p|top_k)`? (is|are) (deprecated|not supported)|does not support (the )?(temperature|top_p|top_k|sampling)/i.test(message)) {
    return { noSampling: true, because };
  }
  if (sent.temperature && sent.topP && /temperature and top_p cannot both be specified/i.test(message)) return { temperatureOrTopP: true, because };
  if (sent.budgetThinking && /thinking\.type\.enabled`? is not supported|use `?thinking\.type\.adaptive/i.test(message)) return { adaptiveOnly: true, because };
  const effort = /does not support effort level '?(\w+)'?\.?\s*Supported levels: ([a-z, ]+)/i.exec(message);
  if (sent.effort && effort) {
    const efforts = EFFORTS.filter((e) => effort[2]!.split(/[\s,]+/).includes(e));
    if (efforts.length > 0) return { efforts, because };
  }
  if (sent.thinking && /(thinking|reasoningConfig|output_config)[^.]*: Extra inputs are not permitted/i.test(message)) return { noThinking: true, because };
  return undefined;
}
