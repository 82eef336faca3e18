// `openclaw models list`: configured models plus the Bedrock models this account can invoke here.
import { ExitError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import { resolveConfigPath, resolveStateDir } from "../config/paths.js";
import { loadConfig } from "../config/read.js";
import { discoverBedrockModels, type DiscoveryResult } from "../bedrock/discovery.js";
import { BEDROCK_PROVIDER, buildModelRows, whyUnlisted, type ModelRow } from "../models/model-rows.js";
import { isRich, palette } from "../output/colour.js";
import { formatAge } from "../output/format.js";
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
  const config = loadConfig(resolveConfigPath(rt.env)).value;
  const machine = Boolean(options.json || options.plain);
  const rich = isRich(rt.stdout, rt.env, machine);
  const wantsBedrock = !options.provider || options.provider === BEDROCK_PROVIDER;
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
  if (options.provider) rows = rows.filter((row) => row.provider === options.provider);

  if (discovery) await reportDiscovery(rt, discovery, rows, machine);

  if (options.json) {
    writeJson(rt.stdout, { count: rows.length, models: rows.map(jsonRow), discovery: discovery ? discoveryJson(discovery) : { status: "disabled" } });
  } else if (options.plain) {
    for (const row of rows) writeLine(rt.stdout, row.key);
  } else if (rows.length === 0) {
    writeLine(rt.stdout, "No models configured or discovered.");
  } else {
    const width = rt.stdout.isTTY ? (rt.stdout.columns ?? 80) : Infinity;
    writeLine(rt.stdout, renderModelsTable(rows, width, await palette(rich)));
  }

  if (discovery?.status === "error" && discovery.options.enabled === true) throw new ExitError(1);
}


/** One line on stderr for a failed, stale or switched-off discovery; hints for configured ids Bedrock won't take. */
async function reportDiscovery(rt: Runtime, discovery: DiscoveryResult, rows: ModelRow[], machine: boolean): Promise<void> {
  const c = await palette(isRich(rt.stderr, rt.env));
  if (discovery.error) {
    const stale = discovery.status === "stale" ? `showing Bedrock models cached ${formatAge(Date.now() - (discovery.fetchedAt ?? 0))} ago; ` : "";
    writeLine(rt.stderr, `${c.yellow("warning:")} ${stale}Bedrock discovery failed: ${discovery.error.cause}. fix: ${discovery.error.fix}`);
  } else if (discovery.status === "disabled" && !machine && discovery.options.enabled === undefined) {
    writeLine(rt.stderr, c.dim(`Bedrock discovery is off: ${discovery.disabledReason} (${cmd("bedrock doctor")} explains).`));
  }
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
  };
}

function discoveryJson(discovery: DiscoveryResult) {
  return {
    status: discovery.status,
    region: discovery.region.region,
    regionSource: discovery.region.source,
    fetchedAt: discovery.fetchedAt ? new Date(discovery.fetchedAt).toISOString() : null,
    credentialSource: discovery.detection?.source.kind ?? "none",
    ...(discovery.disabledReason ? { reason: discovery.disabledReason } : {}),
    ...(discovery.error ? { error: { code: discovery.error.code, cause: discovery.error.cause, fix: discovery.error.fix } } : {}),
  };
}
