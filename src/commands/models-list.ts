// `openclaw models list`: configured models plus the Bedrock models this account can invoke here.
import { ExitError, UsageError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import { resolveConfigPath, resolveStateDir } from "../config/paths.js";
import { loadConfig } from "../config/read.js";
import { discoverBedrockModels, type DiscoveryResult } from "../bedrock/discovery.js";
import { causeWithSaid } from "../bedrock/classify-error.js";
import { envTimeoutProblem } from "../aws/timeouts.js";
import { BEDROCK_PROVIDER, buildModelRows, configuredProviders, whyUnlisted, type ModelRow } from "../models/model-rows.js";
import { isRich, palette, supportsUnicode } from "../output/colour.js";
import { closestMatch } from "../text/closest-match.js";
import { formatAge } from "../text/age.js";
import { renderModelsTable } from "../output/models-table.js";
import { withSpinner } from "../output/spinner.js";
import { writeJson, writeLine } from "../output/write.js";
import { cmd } from "../text/commands.js";

export interface ModelsListOptions {
  all?: boolean;
  provider?: string;
  json?: boolean;
  plain?: boolean;
  refresh?: boolean;
}

export async function modelsList(rt: Runtime, options: ModelsListOptions): Promise<void> {
  const envProblem = envTimeoutProblem(rt.env);
  if (envProblem) throw new UsageError(envProblem, "export OPENCLAW_BEDROCK_TIMEOUT=30, or unset it for the default (10 s per request)");
  if (options.json && options.plain) throw new UsageError("--json and --plain are two output formats: give one", `${cmd("models list --json")} (one document) or ${cmd("models list --plain")} (one key per line)`);
  const config = loadConfig(resolveConfigPath(rt.env)).value;
  const machine = Boolean(options.json || options.plain);
  const rich = isRich(rt.stdout, rt.env, machine);
  const provider = options.provider === undefined ? undefined : knownProvider(options.provider, configuredProviders(config, rt.env));
  const wantsBedrock = !provider || provider === BEDROCK_PROVIDER;
  const discovery = wantsBedrock
    ? await withSpinner(rt.stderr, isRich(rt.stderr, rt.env, machine), "Discovering Bedrock models…", discoverBedrockModels({ config, env: rt.env, stateDir: resolveStateDir(rt.env), refresh: options.refresh }))
    : undefined;

  const listed = discovery && (discovery.status === "ok" || discovery.status === "cached" || discovery.status === "stale");
  let rows = buildModelRows({
    config,
    env: rt.env,
    discovered: discovery?.models ?? [],
    leftOut: discovery?.leftOut ?? [],
    discoveryListed: Boolean(listed),
    includeLeftOut: Boolean(options.all),
    bedrockAuth: discovery?.detection && discovery.detection.source.kind !== "none" ? "aws-sdk" : "-",
  });
  if (provider) rows = rows.filter((row) => row.provider.toLowerCase() === provider.toLowerCase());

  if (discovery) await reportDiscovery(rt, discovery, rows, machine);

  if (options.json) {
    writeJson(rt.stdout, { count: rows.length, models: rows.map(jsonRow), discovery: discovery ? discoveryJson(discovery) : { status: "disabled" } });
  } else if (options.plain) {
    // With --all, a second field says whether the key can be invoked as written: `invocable`, or why not.
    for (const row of rows) writeLine(rt.stdout, options.all ? `${row.key}\t${row.leftOutReason ?? (row.tags.includes("missing") ? "missing" : "invocable")}` : row.key);
  } else if (rows.length === 0) {
    writeLine(rt.stdout, discovery?.status === "disabled" ? "No models configured, and Bedrock discovery is off (see above)." : "No models configured or discovered.");
  } else {
    const width = rt.stdout.isTTY ? (rt.stdout.columns ?? 80) : Infinity;
    writeLine(rt.stdout, renderModelsTable(rows, width, await palette(rich), supportsUnicode(rt.env)));
  }

  if (discovery?.status === "error" && discovery.options.enabled === true) throw new ExitError(1);
}


/** One line on stderr for a failed, stale or switched-off discovery; hints for configured ids Bedrock won't take. */
async function reportDiscovery(rt: Runtime, discovery: DiscoveryResult, rows: ModelRow[], machine: boolean): Promise<void> {
  const c = await palette(isRich(rt.stderr, rt.env));
  if (discovery.error) {
    const stale = discovery.status === "stale" ? `showing Bedrock models cached ${formatAge(Date.now() - (discovery.fetchedAt ?? 0))} ago; ` : "";
    writeLine(rt.stderr, `${c.yellow("warning:")} ${stale}Bedrock discovery failed: ${causeWithSaid(discovery.error)}. fix: ${discovery.error.fix}`);
  } else if (discovery.status === "disabled") {
    writeLine(rt.stderr, `${c.dim("note:")} Bedrock discovery is off: ${discovery.disabledReason}. fix: ${discovery.enableFix}`);
  }
  for (const warning of discovery.warnings) writeLine(rt.stderr, `${c.yellow("warning:")} ${warning.cause}. fix: ${warning.fix}`);
  for (const row of rows) {
    if (row.provider !== BEDROCK_PROVIDER || !row.tags.includes("missing")) continue;
    const unlisted = whyUnlisted(row.id, discovery, discovery.region.region);
    const why =
      unlisted.why === "profile-only"
        ? `can only be invoked through an inference profile${unlisted.profile ? `; use amazon-bedrock/${unlisted.profile}` : ""}`
        : unlisted.why === "left-out"
          ? `is not invocable here (${unlisted.reason})`
          : `is not offered by Bedrock in ${discovery.region.region}`;
    writeLine(rt.stderr, `${c.yellow("warning:")} ${row.key} ${why}`);
  }
}

function jsonRow(row: ModelRow) {
  return {
    key: row.key,
    provider: row.provider,
    id: row.id,
    name: row.name,
    input: row.input,
    contextWindow: row.contextWindow,
    maxTokens: row.maxTokens,
    reasoning: row.reasoning,
    kind: row.kind,
    baseModelId: row.baseModelId,
    source: row.source,
    tags: row.tags,
    assumed: row.assumed,
    invocable: !row.leftOutReason && !row.tags.includes("missing"),
  };
}

/** The provider as the list spells it (ids match case-insensitively); an unknown one is a usage error naming the known ones. */
function knownProvider(wanted: string, configured: string[]): string {
  const known = [...new Set([BEDROCK_PROVIDER, ...configured])].sort();
  const match = known.find((p) => p.toLowerCase() === wanted.trim().toLowerCase());
  if (match) return match;
  const suggestion = closestMatch(wanted.trim(), known) ?? (/bedrock/i.test(wanted) ? BEDROCK_PROVIDER : undefined);
  throw new UsageError(`no provider "${wanted}" in the config or discovery; known providers: ${known.join(", ")}`, cmd(`models list --provider ${suggestion ?? known[0]}`));
}

function discoveryJson(discovery: DiscoveryResult) {
  return {
    status: discovery.status,
    region: discovery.region.region,
    regionSource: discovery.region.source,
    fetchedAt: discovery.fetchedAt ? new Date(discovery.fetchedAt).toISOString() : null,
    credentialSource: discovery.detection?.source.kind ?? "none",
    ...(discovery.disabledReason ? { reason: discovery.disabledReason, fix: discovery.enableFix } : {}),
    ...(discovery.error ? { error: { code: discovery.error.code, cause: discovery.error.cause, fix: discovery.error.fix, said: discovery.error.said } } : {}),
    warnings: discovery.warnings.map((w) => ({ code: w.code, cause: w.cause, fix: w.fix, ...(w.hidden ? { hidden: w.hidden } : {}) })),
  };
}
