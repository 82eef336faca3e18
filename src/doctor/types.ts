// The doctor's results as data: one per check, in a fixed order with stable ids.

export type CheckId = "host" | "config" | "region" | "credentials" | "identity" | "discovery" | "model" | "capabilities" | "request" | "invoke" | "embeddings";
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  summary: string;
  /** Facts for machines (`--json`). */
  details: Record<string, unknown>;
  /** Extra lines for people, under the summary. */
  notes: string[];
  fix?: string;
}

export interface InvokeResult {
  modelId: string;
  text: string;
  ttftMs: number | null;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  stopReason: string | null;
}

export interface DoctorReport {
  ok: boolean;
  region: string;
  credentialSource: string;
  checks: CheckResult[];
  invoke?: InvokeResult;
}

export interface DoctorOptions {
  model?: string;
  region?: string;
  profile?: string;
  /** The flag the profile came from, as typed: `--aws-profile` (or the standalone `--profile`). */
  profileFlag?: string;
  invoke: boolean;
  prompt: string;
  maxTokens: number;
  timeoutMs: number;
}

export function check(id: CheckId, status: CheckStatus, summary: string, extra: Partial<Pick<CheckResult, "details" | "notes" | "fix">> = {}): CheckResult {
  return { id, status, summary, details: extra.details ?? {}, notes: extra.notes ?? [], ...(extra.fix ? { fix: extra.fix } : {}) };
}
