// `openclaw bedrock doctor`: will Bedrock work from this host, and if not, exactly what to change.
import { ExitError, UsageError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import { runDoctor } from "../doctor/run-doctor.js";
import type { DoctorOptions } from "../doctor/types.js";
import { isRich, palette, supportsUnicode } from "../output/colour.js";
import { formatCheck, formatTotals } from "../output/doctor-report.js";
import { writeJson, writeLine } from "../output/write.js";
import { statusSpinner } from "../output/spinner.js";
import { envTimeoutMs, envTimeoutProblem } from "../aws/timeouts.js";
import { cmd } from "../text/commands.js";

export interface DoctorFlags {
  model?: string;
  region?: string;
  awsProfile?: string;
  /** The standalone CLI's spelling of --aws-profile (a host such as OpenClaw keeps --profile for itself). */
  profile?: string;
  invoke?: boolean;
  prompt?: string;
  maxTokens?: string;
  timeout?: string;
  json?: boolean;
}

export async function bedrockDoctor(rt: Runtime, flags: DoctorFlags): Promise<void> {
  const options = normalize(flags, rt.env);
  const rich = isRich(rt.stdout, rt.env, flags.json);
  const c = await palette(rich);
  const unicode = supportsUnicode(rt.env);
  let streaming = false;
  let awaitingText: string | undefined;
  // On a terminal, what the doctor is waiting on (nothing extra when piped or with --json).
  const waiting = statusSpinner(rt.stderr, !flags.json && rich && isRich(rt.stderr, rt.env));
  const hooks = flags.json
    ? {}
    : {
        onCheck: (result: Parameters<typeof formatCheck>[0]) => {
          waiting.stop();
          if (streaming) rt.stdout.write("\n");
          streaming = false;
          writeLine(rt.stdout, formatCheck(result, c, unicode));
          const next = WAITING_ON[result.id];
          if (next) waiting.show(next);
        },
        // The "streaming <model>:" line starts with the first text, so a call that fails before it prints none.
        onInvokeStart: (modelId: string) => {
          waiting.stop();
          waiting.show(`streaming from ${modelId}…`);
          awaitingText = modelId;
        },
        onText: (text: string) => {
          if (awaitingText !== undefined) {
            waiting.stop();
            rt.stdout.write(c.dim(`${" ".repeat(2)}streaming ${awaitingText}: `));
            streaming = true;
            awaitingText = undefined;
          }
          rt.stdout.write(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ""));
        },
      };
  if (!flags.json) waiting.show("reading the config…");
  const report = await runDoctor(rt.env, options, hooks).finally(() => waiting.stop());
  if (flags.json) writeJson(rt.stdout, report);
  else writeLine(rt.stdout, `\n${formatTotals(report)}`);
  if (!report.ok) throw new ExitError(1);
}

/** After each check, what the next one waits on. */
const WAITING_ON: Partial<Record<string, string>> = {
  region: "resolving credentials…",
  credentials: "asking STS who these credentials are (GetCallerIdentity)…",
  identity: "listing models (ListFoundationModels, ListInferenceProfiles)…",
  capabilities: "starting the streamed call (ConverseStream)…",
  invoke: "embedding a test text (InvokeModel), when memory search uses Bedrock…",
};

function normalize(flags: DoctorFlags, env: NodeJS.ProcessEnv): DoctorOptions {
  const envProblem = envTimeoutProblem(env);
  if (envProblem) throw new UsageError(envProblem, "export OPENCLAW_BEDROCK_TIMEOUT=30, or unset it (the doctor's default is 10 s; --timeout overrides it)");
  const timeout = flags.timeout !== undefined ? Number(flags.timeout) : (envTimeoutMs(env) ?? 10_000) / 1000;
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) throw new UsageError(`--timeout must be a number of seconds above 0 and at most 3600, got "${flags.timeout}"`, "e.g. --timeout 30");
  const maxTokens = Number(flags.maxTokens ?? 64);
  if (!/^\d+$/.test(String(flags.maxTokens ?? 64).trim()) || maxTokens < 1 || maxTokens > MAX_TEST_TOKENS) {
    throw new UsageError(`--max-tokens must be a whole number from 1 to ${MAX_TEST_TOKENS}, got "${flags.maxTokens}"`, "e.g. --max-tokens 64 (the test call needs only a short reply)");
  }
  if (flags.region !== undefined && flags.region.trim() === "") throw new UsageError("--region needs a region code, got an empty value", "e.g. --region us-east-1");
  if (flags.model !== undefined && flags.model.trim() === "") throw new UsageError("--model needs a model or inference profile id, got an empty value", `e.g. --model us.anthropic.claude-haiku-4-5-20251001-v1:0 (list them: ${cmd("models list")})`);
  if (flags.prompt !== undefined && flags.prompt.trim() === "") throw new UsageError("--prompt needs some text, got an empty value (Bedrock refuses an empty message)", 'leave --prompt out for the default, or e.g. --prompt "Say hi"');
  if (flags.awsProfile !== undefined && flags.profile !== undefined && flags.awsProfile !== flags.profile) {
    throw new UsageError(`--aws-profile "${flags.awsProfile}" and --profile "${flags.profile}" name different AWS profiles: give one`, `e.g. --aws-profile ${flags.awsProfile}`);
  }
  for (const [flag, value] of [["--aws-profile", flags.awsProfile], ["--profile", flags.profile]] as const) {
    if (value !== undefined && value.trim() === "") throw new UsageError(`${flag} needs a profile name, got an empty value`, `e.g. ${flag} default (profiles are in ~/.aws/config)`);
  }
  return {
    model: flags.model,
    region: flags.region,
    profile: flags.awsProfile ?? flags.profile,
    profileFlag: flags.awsProfile !== undefined ? "--aws-profile" : "--profile",
    invoke: flags.invoke !== false,
    prompt: flags.prompt ?? DEFAULT_PROMPT,
    maxTokens,
    timeoutMs: timeout * 1000,
  };
}

/** The test call needs a sentence; this bound only catches typos such as 1e9. */
const MAX_TEST_TOKENS = 8192;
const DEFAULT_PROMPT = "Reply with one short sentence.";
