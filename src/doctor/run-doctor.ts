// Runs every doctor check in order and returns the results; a failed check doesn't stop later checks that can still run.
import { readDiscoveryOptions } from "../config/discovery-options.js";
import { resolveStateDir } from "../config/paths.js";
import { causeWithSaid, classifyAwsError, type ClassifiedError, type ErrorContext } from "../bedrock/classify-error.js";
import { loadAwsSdk } from "../aws/load-sdk.js";
import { maskAccessKeyId, type CredentialDetection } from "../aws/credentials.js";
import { resolveAwsTarget } from "../aws/target.js";
import { fetchInstanceRegion } from "../aws/imds-probe.js";
import { filterWarnings } from "../bedrock/discovery.js";
import { selectModels, type Selection } from "../bedrock/select-models.js";
import type { ClientContext } from "../aws/client-config.js";
import type * as AwsCalls from "./aws-calls.js";
import { settle, unwrapDiscoveryCall } from "../aws/call-results.js";
import { suggestProfileId, whyUnlisted } from "../models/model-rows.js";
import { checkConfig, checkCredentials, checkRegion, loadDoctorConfig, type ResolvedCredentialFacts } from "./local-checks.js";
import { bestDiscoveredModel, explicitModel, useProfileFix, type PickedModel } from "./pick-model.js";
import { checkCapabilities } from "./capabilities.js";
import { check, type CheckResult, type DoctorOptions, type DoctorReport, type InvokeResult } from "./types.js";
import { cmd } from "../text/commands.js";

export interface DoctorHooks {
  onCheck?(result: CheckResult): void;
  onInvokeStart?(modelId: string): void;
  onText?(text: string): void;
}

export async function runDoctor(env: NodeJS.ProcessEnv, options: DoctorOptions, hooks: DoctorHooks = {}): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  const record = (result: CheckResult) => {
    checks.push(result);
    hooks.onCheck?.(result);
    return result;
  };

  const doctorConfig = loadDoctorConfig(env);
  const { config } = doctorConfig;
  const discoveryOptions = readDiscoveryOptions(config, env).options;
  const target = resolveAwsTarget({
    env,
    configRegion: discoveryOptions.region,
    flags: { region: options.region, profile: options.profile, profileFlag: options.profileFlag },
    timeout: { ms: options.timeoutMs, setting: "flag" },
    imds: { stateDir: resolveStateDir(env), fresh: true, timeoutMs: Math.min(options.timeoutMs, 1000) },
  });
  const { region } = target;
  // With no region set anywhere, the SDK calls us-east-1 even on an EC2 instance elsewhere: ask the instance.
  const instanceRegion = region.source === "default" && (env.AWS_EC2_METADATA_DISABLED ?? "").trim().toLowerCase() !== "true" ? fetchInstanceRegion(env, Math.min(options.timeoutMs, 1000)) : undefined;

  const detection = await target.detect();
  const ctx = target.client;
  const errorContext = target.errorContext;
  const regionResult = checkRegion(region, config, env, options.profile, await instanceRegion);
  const regionUsable = regionResult.status !== "fail";
  const sdk = detection.source.kind !== "none" ? await loadCalls() : undefined;

  // Credentials, identity and discovery are independent calls: they run together, and are reported in order.
  const canAttempt = Boolean(sdk) && regionUsable;
  const factsPending = sdk ? credentialFacts(sdk, ctx("sts"), detection, errorContext) : Promise.resolve({});
  const identityPending = canAttempt && detection.source.kind !== "bearer-token" ? settle(sdk!.getCallerIdentity(ctx("sts"))) : undefined;
  const discoveryPending = canAttempt ? checkDiscovery(sdk!, ctx("bedrock"), discoveryOptions, config, env, errorContext) : undefined;
  // While those calls wait on the network: validate the config (loads the validator) and load HTTP/2 for the
  // streamed call. The results are still reported in order.
  const runtimeCtx = ctx("bedrock-runtime");
  if (canAttempt && options.invoke) {
    void import("node:http2");
    sdk!.prepareRuntimeClient(runtimeCtx);
  }
  record(await checkConfig(doctorConfig, env));
  record(regionResult);

  const credentialResult = record(checkCredentials(detection, await factsPending, config, env));
  const canCall = canAttempt && credentialResult.status !== "fail";
  // A check whose input failed is not checked: it is never a second failure with another check's fix.
  const blocked = !regionUsable ? "the region is invalid" : "no usable credentials";
  const skip = (id: CheckResult["id"], why = blocked) => check(id, "skip", `not checked: ${why}`);

  // An endpoint (or the proxy before it) that could not be reached fails every call through it alike: the
  // first check names it, the later ones through the same route are skipped.
  let unreachable: { by: CheckResult["id"]; code: string; route: string } | undefined;
  const noteUnreachable = (by: CheckResult["id"], c: ClassifiedError, operation: string) => {
    if (!unreachable && UNREACHABLE.has(c.code)) unreachable = { by, code: c.code, route: routeOf(c.code, errorContext(operation)) };
  };
  const unreachableFor = (operation: string): string | undefined =>
    unreachable && routeOf(unreachable.code, errorContext(operation)) === unreachable.route
      ? `${UNREACHABLE_WORDS[unreachable.code]} (see ${unreachable.by})`
      : undefined;

  // identity
  const identity = await identityPending;
  let refused: ClassifiedError | undefined;
  if (!canCall) record(skip("identity"));
  else if (!identity) record(check("identity", "skip", "not checked: STS does not take a Bedrock API key"));
  else if (identity.ok) record(check("identity", "pass", `account ${identity.value.account}, ${identity.value.arn}`, { details: { account: identity.value.account, arn: identity.value.arn } }));
  else {
    const c = classifyAwsError(identity.error, errorContext("GetCallerIdentity"));
    if (CREDENTIAL_REFUSALS.has(c.code)) refused = c;
    noteUnreachable("identity", c, "GetCallerIdentity");
    record(failed("identity", c));
  }

  // discovery: the same refusal of the same credentials is the identity check's failure, not a second one.
  const discovery = await discoveryPending;
  const discoveryRefusedToo = Boolean(discovery?.error && refused && discovery.error.code === refused.code);
  let refusedBy = refused ? "identity" : undefined;
  if (!refused && discovery?.error && CREDENTIAL_REFUSALS.has(discovery.error.code)) {
    refused = discovery.error;
    refusedBy = "discovery";
  }
  const selection: Selection | undefined = canCall && !discoveryRefusedToo ? discovery?.selection : undefined;
  const discoveryUnreachable = discovery?.error && discovery.error.code === unreachable?.code ? unreachableFor("ListFoundationModels") : undefined;
  if (!canCall || !discovery) record(skip("discovery"));
  else if (discoveryRefusedToo) record(skip("discovery", "the credentials were refused (see identity)"));
  else if (discoveryUnreachable) record(skip("discovery", discoveryUnreachable));
  else {
    if (discovery.error) noteUnreachable("discovery", discovery.error, "ListFoundationModels");
    record(discovery.result);
  }

  // model
  const picked = explicitModel(options.model, config, env) ?? (selection ? bestDiscoveredModel(selection.models, region.region) : undefined);
  const refusal = `the credentials were refused (see ${refusedBy})`;
  const modelBlocked = !canCall ? blocked : refused ? refusal : discoveryUnreachable ?? (!selection && !picked ? "discovery failed" : undefined);
  const modelResult = record(modelBlocked ? skip("model", modelBlocked) : checkModel(picked, selection, region.region, config));
  record(checkCapabilities(picked, selection, canCall && modelResult.status !== "fail" && modelResult.status !== "skip", env));

  // invoke
  let invoke: InvokeResult | undefined;
  if (!options.invoke) record(check("invoke", "skip", "not checked: --no-invoke"));
  else if (!canCall) record(skip("invoke"));
  else if (refused) record(skip("invoke", refusal));
  else if (unreachableFor("ConverseStream")) record(skip("invoke", unreachableFor("ConverseStream")));
  else if (!picked || modelResult.status === "fail" || modelResult.status === "skip") record(skip("invoke", picked ? "the model check failed" : "no model to test"));
  else {
    hooks.onInvokeStart?.(picked.id);
    const outcome = await checkInvoke(sdk!, runtimeCtx, picked, config, options, hooks, selection, errorContext);
    invoke = outcome.invoke;
    record(outcome.result);
  }

  return { ok: checks.every((c) => c.status !== "fail"), region: region.region, credentialSource: detection.source.kind, checks, ...(invoke ? { invoke } : {}) };
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
  ctx: ClientContext,
  options: ReturnType<typeof readDiscoveryOptions>["options"],
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  errorContext: (op: string) => ErrorContext,
): Promise<{ result: CheckResult; selection?: Selection; error?: ClassifiedError }> {
  const settled = await sdk.fetchCatalogSettled(ctx, options.includeInferenceProfiles ?? true);
  const failures = [
    ...(settled.foundationModels.ok ? [] : [classifyAwsError(unwrapDiscoveryCall(settled.foundationModels.error).error, errorContext("ListFoundationModels"))]),
    ...(settled.profiles && !settled.profiles.ok ? [classifyAwsError(unwrapDiscoveryCall(settled.profiles.error).error, errorContext("ListInferenceProfiles"))] : []),
  ];
  const allowed = {
    ListFoundationModels: settled.foundationModels.ok,
    ListInferenceProfiles: settled.profiles ? settled.profiles.ok : "not asked (includeInferenceProfiles is false)",
  };
  if (!settled.foundationModels.ok) {
    return { error: failures[0], result: failed("discovery", failures[0]!, { allowed }, failures.slice(1).map((f) => f.cause).filter((cause) => cause !== failures[0]!.cause)) };
  }
  const profiles = settled.profiles?.ok ? settled.profiles.value : [];
  const selection = selectModels(settled.foundationModels.value, profiles, options);
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
    const hidden = selection.leftOut.filter((m) => m.reason === "profile-only").length;
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
): Promise<{ result: CheckResult; invoke?: InvokeResult }> {
  const modelId = picked.id;
  try {
    const r = await sdk.converseStream(ctx, { modelId, prompt: options.prompt, maxTokens: options.maxTokens, onText: (t) => hooks.onText?.(t) });
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
