// Runs the doctor's checks, an ordered list sharing one context, and returns their results; a failed check
// doesn't stop later checks that can still run.
import { readDiscoveryOptions } from "../config/discovery-options.js";
import { configuredEndpoints } from "../config/endpoint-fields.js";
import { resolveStateDir } from "../config/paths.js";
import { causeWithSaid, classifyAwsError, type ClassifiedError, type ErrorContext } from "../bedrock/classify-error.js";
import { loadAwsSdk } from "../aws/load-sdk.js";
import { maskAccessKeyId, type CredentialDetection } from "../aws/credentials.js";
import { resolveAwsTarget, type AwsTarget } from "../aws/target.js";
import { fetchInstanceRegion } from "../aws/imds-probe.js";
import { filterWarnings } from "../bedrock/discovery.js";
import type { Selection } from "../bedrock/select-models.js";
import { readCatalogListing } from "../bedrock/catalog-listing.js";
import type { ClientContext } from "../aws/client-config.js";
import type * as AwsCalls from "./aws-calls.js";
import { settle, type Settled } from "../aws/call-results.js";
import { suggestProfileId, whyUnlisted } from "../models/model-rows.js";
import { checkConfig, checkCredentials, checkRegion, loadDoctorConfig, type DoctorConfig, type ResolvedCredentialFacts } from "./local-checks.js";
import { bestDiscoveredModel, explicitModel, useProfileFix, type PickedModel } from "./pick-model.js";
import { checkCapabilities } from "./capabilities.js";
import { check, type CheckResult, type DoctorOptions, type DoctorReport, type InvokeResult } from "./types.js";
import { cmd, currentFace } from "../text/commands.js";
import { checkHost } from "./host-check.js";
import { bedrockMemorySearch, checkEmbeddingChoice, probeEmbeddings } from "./embeddings-check.js";
import { checkRequestSettings, doctorTurnSettings } from "./request-check.js";
import { RequestError } from "../transport/converse-history.js";
import type { TurnSettings } from "../transport/turn-settings.js";

export interface DoctorHooks {
  onCheck?(result: CheckResult): void;
  onInvokeStart?(modelId: string): void;
  onText?(text: string): void;
}

/**
 * What the checks share: the config, the AWS target, the calls started together up front, and what earlier checks
 * found (a refusal, an unreachable route, the selection, the model) that later ones build on or skip for.
 */
interface DoctorRun {
  env: NodeJS.ProcessEnv;
  options: DoctorOptions;
  hooks: DoctorHooks;
  doctorConfig: DoctorConfig;
  config: Record<string, unknown>;
  target: AwsTarget;
  detection: CredentialDetection;
  regionResult: CheckResult;
  sdk?: typeof AwsCalls;
  /** Credentials and a usable region: the calls can be made at all. */
  canAttempt: boolean;
  /** ...and the credentials check did not fail. */
  canCall: boolean;
  pending: {
    facts: Promise<ResolvedCredentialFacts>;
    identity?: Promise<Settled<{ account?: string; arn?: string }>>;
    discovery?: Promise<{ result: CheckResult; selection?: Selection; error?: ClassifiedError }>;
  };
  refused?: { error: ClassifiedError; by: CheckResult["id"] };
  unreachable?: { by: CheckResult["id"]; code: string; route: string };
  /** Discovery was skipped because its route failed before (the reason, for the checks after it). */
  discoveryUnreachable?: string;
  selection?: Selection;
  picked?: PickedModel;
  modelResult?: CheckResult;
  invoke?: InvokeResult;
  /** The guardrail, tier and latency a turn on the picked model carries (or why they can't be sent). */
  settings?: TurnSettings | RequestError;
}

/** A check returns nothing when it has nothing to say (`request`, with no guardrail, tier or latency set). */
type Check = (run: DoctorRun) => CheckResult | undefined | Promise<CheckResult | undefined>;

/** The checks, in the order they are reported: each may use what the ones before it found. */
const CHECKS: Check[] = [
  (run) => checkConfig(run.doctorConfig, run.env),
  (run) => run.regionResult,
  credentialsCheck,
  identityCheck,
  discoveryCheck,
  modelCheck,
  (run) => checkCapabilities(run.picked, run.selection, run.canCall && run.modelResult?.status !== "fail" && run.modelResult?.status !== "skip", run.env),
  requestCheck,
  invokeCheck,
  embeddingsCheck,
];

export async function runDoctor(env: NodeJS.ProcessEnv, options: DoctorOptions, hooks: DoctorHooks = {}): Promise<DoctorReport> {
  const run = await startRun(env, options, hooks);
  const checks: CheckResult[] = [];
  // Inside OpenClaw, first: which release runs the plugin and what it lacks there.
  for (const next of currentFace() === "openclaw" ? [() => checkHost(), ...CHECKS] : CHECKS) {
    const result = await next(run);
    if (!result) continue;
    checks.push(result);
    hooks.onCheck?.(result);
  }
  return { ok: checks.every((c) => c.status !== "fail"), region: run.target.region.region, credentialSource: run.detection.source.kind, checks, ...(run.invoke ? { invoke: run.invoke } : {}) };
}

/** Sets up what the checks share, and starts the independent calls together (they are reported in order). */
async function startRun(env: NodeJS.ProcessEnv, options: DoctorOptions, hooks: DoctorHooks): Promise<DoctorRun> {
  const doctorConfig = loadDoctorConfig(env);
  const { config } = doctorConfig;
  const discoveryOptions = readDiscoveryOptions(config, env).options;
  const target = resolveAwsTarget({
    env,
    configRegion: discoveryOptions.region,
    flags: { region: options.region, profile: options.profile, profileFlag: options.profileFlag },
    endpoints: configuredEndpoints(config, env),
    timeout: { ms: options.timeoutMs, setting: "flag" },
    imds: { stateDir: resolveStateDir(env), fresh: true, timeoutMs: Math.min(options.timeoutMs, 1000) },
  });
  const { region } = target;
  // With no region set anywhere, the SDK calls us-east-1 even on an EC2 instance elsewhere: ask the instance.
  const instanceRegion = region.source === "default" && (env.AWS_EC2_METADATA_DISABLED ?? "").trim().toLowerCase() !== "true" ? fetchInstanceRegion(env, Math.min(options.timeoutMs, 1000)) : undefined;
  const detection = await target.detect();
  const regionResult = checkRegion(region, config, env, options.profile, await instanceRegion, { runtime: target.endpoint("bedrock-runtime"), control: target.endpoint("bedrock") });
  const sdk = detection.source.kind !== "none" ? await loadCalls() : undefined;
  const canAttempt = Boolean(sdk) && regionResult.status !== "fail";
  const pending: DoctorRun["pending"] = {
    facts: sdk ? credentialFacts(sdk, target.client("sts"), detection, target.errorContext) : Promise.resolve({}),
    identity: canAttempt && detection.source.kind !== "bearer-token" ? settle(sdk!.getCallerIdentity(target.client("sts"))) : undefined,
    discovery: canAttempt ? checkDiscovery(sdk!, target, discoveryOptions, config, env) : undefined,
  };
  // While those calls wait on the network, HTTP/2 and the runtime client for the streamed call get ready.
  if (canAttempt && options.invoke) {
    void import("node:http2");
    sdk!.prepareRuntimeClient(target.client("bedrock-runtime"));
  }
  return { env, options, hooks, doctorConfig, config, target, detection, regionResult, sdk, canAttempt, canCall: false, pending };
}

/** A check whose input failed is not checked: it is never a second failure with another check's fix. */
function skip(run: DoctorRun, id: CheckResult["id"], why?: string): CheckResult {
  return check(id, "skip", `not checked: ${why ?? (run.regionResult.status === "fail" ? "the region is invalid" : "no usable credentials")}`);
}

/**
 * An endpoint (or the proxy before it) that could not be reached fails every call through it alike: the first
 * check names it; a later call the same way is skipped, with this reason.
 */
function noteUnreachable(run: DoctorRun, by: CheckResult["id"], c: ClassifiedError, operation: string): void {
  if (!run.unreachable && UNREACHABLE.has(c.code)) run.unreachable = { by, code: c.code, route: routeOf(c.code, run.target.errorContext(operation)) };
}
function unreachableFor(run: DoctorRun, operation: string): string | undefined {
  const { unreachable } = run;
  return unreachable && routeOf(unreachable.code, run.target.errorContext(operation)) === unreachable.route ? `${UNREACHABLE_WORDS[unreachable.code]} (see ${unreachable.by})` : undefined;
}
const refusal = (run: DoctorRun) => `the credentials were refused (see ${run.refused!.by})`;

async function credentialsCheck(run: DoctorRun): Promise<CheckResult> {
  const result = checkCredentials(run.detection, await run.pending.facts, run.config, run.env);
  run.canCall = run.canAttempt && result.status !== "fail";
  return result;
}

async function identityCheck(run: DoctorRun): Promise<CheckResult> {
  const identity = await run.pending.identity;
  if (!run.canCall) return skip(run, "identity");
  if (!identity) return check("identity", "skip", "not checked: STS does not take a Bedrock API key");
  if (identity.ok) return check("identity", "pass", `account ${identity.value.account}, ${identity.value.arn}`, { details: { account: identity.value.account, arn: identity.value.arn } });
  const c = classifyAwsError(identity.error, run.target.errorContext("GetCallerIdentity"));
  if (CREDENTIAL_REFUSALS.has(c.code)) run.refused = { error: c, by: "identity" };
  noteUnreachable(run, "identity", c, "GetCallerIdentity");
  return failed("identity", c);
}

/** The same refusal of the same credentials, or the same unreachable route, is the identity check's failure, not a second one. */
async function discoveryCheck(run: DoctorRun): Promise<CheckResult> {
  const discovery = await run.pending.discovery;
  const refusedToo = Boolean(discovery?.error && run.refused && discovery.error.code === run.refused.error.code);
  if (!run.refused && discovery?.error && CREDENTIAL_REFUSALS.has(discovery.error.code)) run.refused = { error: discovery.error, by: "discovery" };
  run.selection = run.canCall && !refusedToo ? discovery?.selection : undefined;
  run.discoveryUnreachable = discovery?.error && discovery.error.code === run.unreachable?.code ? unreachableFor(run, "ListFoundationModels") : undefined;
  if (!run.canCall || !discovery) return skip(run, "discovery");
  if (refusedToo) return skip(run, "discovery", "the credentials were refused (see identity)");
  if (run.discoveryUnreachable) return skip(run, "discovery", run.discoveryUnreachable);
  if (discovery.error) noteUnreachable(run, "discovery", discovery.error, "ListFoundationModels");
  return discovery.result;
}

function modelCheck(run: DoctorRun): CheckResult {
  const { selection, options, config, env } = run;
  run.picked = explicitModel(options.model, config, env) ?? (selection ? bestDiscoveredModel(selection.models, run.target.region.region) : undefined);
  const blocked = !run.canCall ? undefined : run.refused ? refusal(run) : run.discoveryUnreachable ?? (!selection && !run.picked ? "discovery failed" : undefined);
  run.modelResult = !run.canCall ? skip(run, "model") : blocked ? skip(run, "model", blocked) : checkModel(run.picked, selection, run.target.region.region, config);
  return run.modelResult;
}

async function requestCheck(run: DoctorRun): Promise<CheckResult | undefined> {
  const modelId = run.picked?.id ?? "";
  try {
    run.settings = doctorTurnSettings(run.config, modelId, run.env);
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    run.settings = error;
  }
  const reachable = run.canCall && !run.refused && !unreachableFor(run, "GetGuardrail");
  return checkRequestSettings(reachable ? run.sdk : undefined, reachable ? run.target.client("bedrock") : undefined, run.settings, run.target.errorContext);
}

async function invokeCheck(run: DoctorRun): Promise<CheckResult> {
  const { picked, modelResult } = run;
  if (!run.options.invoke) return check("invoke", "skip", "not checked: --no-invoke");
  if (!run.canCall) return skip(run, "invoke");
  if (run.refused) return skip(run, "invoke", refusal(run));
  const unreachable = unreachableFor(run, "ConverseStream");
  if (unreachable) return skip(run, "invoke", unreachable);
  if (!picked || modelResult?.status === "fail" || modelResult?.status === "skip") return skip(run, "invoke", picked ? "the model check failed" : "no model to test");
  if (run.settings instanceof RequestError) return skip(run, "invoke", "a turn's settings are invalid (see request)");
  run.hooks.onInvokeStart?.(picked.id);
  const outcome = await checkInvoke(run.sdk!, run.target.client("bedrock-runtime"), picked, run.config, run.options, run.hooks, run.selection, run.target.errorContext, run.settings);
  run.invoke = outcome.invoke;
  return outcome.result;
}

/** Memory search on Bedrock: the configured embedding model answers, at the configured dimension. */
async function embeddingsCheck(run: DoctorRun): Promise<CheckResult> {
  const choice = bedrockMemorySearch(run.config);
  if (!choice) return check("embeddings", "skip", "not checked: memory search does not use Bedrock (memory.search.provider is not \"bedrock\")");
  const refused = checkEmbeddingChoice(choice);
  if (refused) return refused;
  if (!run.options.invoke) return check("embeddings", "skip", "not checked: --no-invoke");
  if (!run.canCall) return skip(run, "embeddings");
  if (run.refused) return skip(run, "embeddings", refusal(run));
  const unreachable = unreachableFor(run, "InvokeModel");
  if (unreachable) return skip(run, "embeddings", unreachable);
  return probeEmbeddings(run.sdk!, run.target.client("bedrock-runtime"), choice, run.target.errorContext);
}

async function loadCalls(): Promise<typeof AwsCalls> {
  return loadAwsSdk(() => import("./aws-calls.js"));
}

async function credentialFacts(sdk: typeof AwsCalls, ctx: ClientContext, detection: CredentialDetection, errorContext: (op: string) => ErrorContext): Promise<ResolvedCredentialFacts> {
  if (detection.source.kind === "bearer-token") return {};
  try {
    const resolved = await sdk.resolveCredentials(ctx);
    return { maskedAccessKeyId: maskAccessKeyId(resolved.accessKeyId), expiration: resolved.expiration };
  } catch (error) {
    const c = classifyAwsError(error, errorContext("credentials"));
    return { error: { code: c.code, cause: causeWithSaid(c), fix: c.fix, said: c.said } };
  }
}

async function checkDiscovery(
  sdk: typeof AwsCalls,
  target: AwsTarget,
  options: ReturnType<typeof readDiscoveryOptions>["options"],
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): Promise<{ result: CheckResult; selection?: Selection; error?: ClassifiedError }> {
  const listing = readCatalogListing(await sdk.fetchCatalogSettled(target.client("bedrock"), options.includeInferenceProfiles ?? true), options, target.errorContext);
  const failures = [listing.foundationModelsFailed, listing.profilesFailed].filter((f): f is ClassifiedError => f !== undefined);
  const { allowed, selection } = listing;
  if (!selection) {
    return { error: failures[0], result: failed("discovery", failures[0]!, { allowed }, failures.slice(1).map((f) => f.cause).filter((cause) => cause !== failures[0]!.cause)) };
  }
  const reasons: Record<string, number> = {};
  for (const m of selection.leftOut) reasons[m.reason] = (reasons[m.reason] ?? 0) + 1;
  const profileCount = selection.models.filter((m) => m.kind !== "foundation-model").length;
  const summary = `${selection.models.length} invocable (${profileCount} through profiles), ${selection.leftOut.length} left out${
    selection.leftOut.length ? `: ${Object.entries(reasons).map(([r, n]) => `${n} ${r}`).join(", ")}` : ""
  }`;
  const details = { allowed, listed: selection.models.length, leftOut: reasons };
  if (failures.length > 0) {
    // Foundation models were listed: the on-demand ones work, but those offered only through profiles (the
    // newest Claude models among them) can't be listed. A fix is needed, so it fails; the counts say what works.
    const hidden = listing.hiddenProfileOnly.length;
    return {
      selection,
      result: failed("discovery", failures[0]!, { ...details, hiddenProfileOnly: hidden }, [`${summary}; ${hidden} models offered only through profiles can't be listed without it`]),
    };
  }
  const warnings = filterWarnings(selection, config, env);
  if (warnings.length > 0 || selection.models.length === 0) {
    return {
      selection,
      result: check("discovery", "warn", warnings[0]?.cause ?? `${summary}: nothing to invoke in this region`, {
        details: { ...details, ...(warnings.length ? { unmatchedFilters: selection.unmatchedFilters } : {}) },
        notes: warnings.length ? [summary, ...warnings.slice(1).map((w: { cause: string }) => w.cause)] : [],
        fix: warnings[0]?.fix ?? `enable models in the Bedrock console (Model access), or try another region: ${cmd("bedrock doctor --region <region>")}`,
      }),
    };
  }
  return { selection, result: check("discovery", "pass", summary, { details }) };
}

/** Codes that mean the endpoint, or the proxy in front of it, can't be reached: every call that way fails alike. */
const UNREACHABLE_WORDS: Record<string, string> = {
  network: "the endpoint could not be reached",
  proxy: "the proxy could not be reached",
  timeout: "the endpoint did not answer in time",
  "unexpected-response": "the endpoint is not that AWS service",
};
const UNREACHABLE = new Set(Object.keys(UNREACHABLE_WORDS));

/** The way a call goes out: through a proxy (which failed), else to its endpoint. */
function routeOf(code: string, ctx: ErrorContext): string {
  return code === "proxy" && ctx.proxy ? `proxy ${ctx.proxy.url}` : `endpoint ${ctx.endpoint}`;
}

/** Codes that mean "these credentials are refused", whichever call was refused first. */
const CREDENTIAL_REFUSALS = new Set(["unrecognized-client", "invalid-signature", "expired-token", "sso-expired", "no-credentials"]);

/** A failed call as a check: our explanation and what AWS said, in the summary and in --json. */
function failed(id: CheckResult["id"], c: ClassifiedError, details: Record<string, unknown> = {}, notes: string[] = [], suffix = ""): CheckResult {
  return check(id, "fail", causeWithSaid(c, suffix), { details: { ...details, error: c.code, said: c.said }, notes, fix: c.fix });
}

function checkModel(picked: PickedModel | undefined, selection: Selection | undefined, region: string, config: Record<string, unknown>): CheckResult {
  if (!picked) {
    if (selection && selection.models.length === 0) return check("model", "skip", "not checked: discovery found no invocable model");
    return check("model", "fail", "no model to test: no default Bedrock model and no Claude or Nova model discovered", {
      fix: `${cmd("bedrock doctor --model <id>")}, or enable a model in the Bedrock console (Model access)`,
    });
  }
  const details = { modelId: picked.id, chosenBy: picked.source };
  if (!selection) return check("model", "warn", `${picked.id} (${picked.source}): not verified, the model list was not available`, { details });
  const listed = selection.models.find((m) => m.id === picked.id);
  if (listed) return check("model", "pass", `${picked.id} (${picked.source}) is ACTIVE and invocable as written`, { details: { ...details, kind: listed.kind } });
  const unlisted = whyUnlisted(picked.id, selection, region);
  if (unlisted.why === "profile-only") {
    const { profile } = unlisted;
    return check("model", "fail", `${picked.id} can't be invoked by its bare id: Bedrock offers it only through inference profiles`, {
      details: { ...details, reason: "profile-only", ...(profile ? { useInstead: profile } : {}) },
      fix: profile ? useProfileFix(picked, profile, config) : `use an inference profile id such as us.${picked.id} (${cmd("models list")})`,
    });
  }
  if (unlisted.why === "left-out") {
    return check("model", "fail", `${picked.id} is not invocable here (${unlisted.reason})`, {
      details: { ...details, reason: unlisted.reason },
      fix: `pick another model from: ${cmd("models list --provider amazon-bedrock")}`,
    });
  }
  return check("model", "fail", `${picked.id} is not offered by Bedrock in ${region}`, {
    details,
    fix: `check the id and region: ${cmd("models list --all")} (or --region <region> where it is offered)`,
  });
}

async function checkInvoke(
  sdk: typeof AwsCalls,
  ctx: ClientContext,
  picked: PickedModel,
  config: Record<string, unknown>,
  options: DoctorOptions,
  hooks: DoctorHooks,
  selection: Selection | undefined,
  errorContext: (op: string, extra?: Partial<ErrorContext>) => ErrorContext,
  settings?: TurnSettings,
): Promise<{ result: CheckResult; invoke?: InvokeResult }> {
  const modelId = picked.id;
  try {
    const r = await sdk.converseStream(ctx, { modelId, prompt: options.prompt, maxTokens: options.maxTokens, settings, onText: (t) => hooks.onText?.(t) });
    const invoke: InvokeResult = {
      modelId,
      text: r.text,
      ttftMs: r.ttftMs ?? null,
      latencyMs: r.latencyMs,
      inputTokens: r.inputTokens ?? null,
      outputTokens: r.outputTokens ?? null,
      cacheReadTokens: r.cacheReadTokens ?? null,
      cacheWriteTokens: r.cacheWriteTokens ?? null,
      stopReason: r.stopReason ?? null,
    };
    const summary = `streamed from ${modelId}: first token ${invoke.ttftMs ?? "-"} ms, total ${invoke.latencyMs} ms, ${invoke.inputTokens ?? "?"} in / ${invoke.outputTokens ?? "?"} out tokens${invoke.cacheReadTokens || invoke.cacheWriteTokens ? ` (cache ${invoke.cacheReadTokens ?? 0} read, ${invoke.cacheWriteTokens ?? 0} written)` : ""}, stop ${invoke.stopReason}`;
    return { invoke, result: check("invoke", "pass", summary, { details: { ...invoke } }) };
  } catch (failure) {
    const call = failure as { phase?: "request" | "stream"; error?: unknown; partialText?: string };
    const phase = call.phase ?? "request";
    const profileIdHint = selection ? suggestProfileId(modelId, ctx.region, selection.models) : undefined;
    const c = classifyAwsError(call.error ?? failure, errorContext("ConverseStream", { modelId, phase, profileIdHint }));
    const during = phase === "stream" ? " (mid-stream)" : "";
    const fix = c.code === "on-demand-unsupported" && profileIdHint ? useProfileFix(picked, profileIdHint, config) : c.fix;
    return { result: { ...failed("invoke", c, { modelId, phase, partialText: call.partialText ?? "" }, [], during), fix } };
  }
}
