// Differential: the real `openclaw config validate` (2026.9.6) and ours, over the 15 real configs and mutations of
// them on the keys this tool validates. They must agree on those keys: both valid, or both invalid at the same
// place. What OpenClaw reports on keys we don't validate (channels, gateway, agents.list…) is ignored.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import JSON5 from "json5";
import { ensureOpenClawHost, type OpenClawHost } from "../../scripts/openclaw-host.ts";
import { parseConfigPath } from "../../src/config/path-syntax.ts";
import { makeSandbox, runCli, fixturesDir, type Sandbox } from "../helpers/cli.ts";
import { openClawWithPlugin, parseJsonOutput, runOpenClaw, type OpenClawRun } from "../helpers/openclaw.ts";

type Config = Record<string, any>;
interface Case {
  name: string;
  /** The file as written (originals keep their bytes), or a config to write as JSON. */
  text: string;
  /** For mutations: whether OpenClaw must find an owned key invalid (so the mutation tests something). */
  ownedInvalid?: boolean;
}
interface Verdict {
  valid: boolean;
  paths: string[];
  raw: string;
}

const fixtureDir = path.join(fixturesDir, "openclaw-configs");
const fixtures = fs.readdirSync(fixtureDir).filter((name) => name.endsWith(".json5")).sort();
const fixture = (prefix: string): Config => JSON5.parse(fs.readFileSync(path.join(fixtureDir, fixtures.find((name) => name.startsWith(prefix))!), "utf8"));
const mutate = (name: string, prefix: string, ownedInvalid: boolean, change: (config: Config) => void): Case => {
  const config = fixture(prefix);
  change(config);
  return { name: `${prefix} ${name}`, text: `${JSON.stringify(config, null, 2)}\n`, ownedInvalid };
};
const bedrockModel = (config: Config) => config.models.providers["amazon-bedrock"].models[0];

const originals: Case[] = fixtures.map((name) => ({ name, text: fs.readFileSync(path.join(fixtureDir, name), "utf8") }));
const mutations: Case[] = [
  mutate("models.bedrockDiscovery (a valid block at the location 2026.9.6 refuses)", "01", true, (c) => (c.models = { bedrockDiscovery: { enabled: true, region: "us-east-1" } })),
  mutate("models.bedrockDiscovery with a bad region", "01", true, (c) => (c.models = { bedrockDiscovery: { region: "moon-1", refreshInterval: -5 } })),
  mutate("without its models.bedrockDiscovery (a placeholder in baseUrl is valid)", "02", false, (c) => delete c.models.bedrockDiscovery),
  mutate("a model entry without name", "04", true, (c) => delete bedrockModel(c).name),
  mutate("a second model entry { id } alone (what `config set …models[1].id` creates)", "04", true, (c) => c.models.providers["amazon-bedrock"].models.push({ id: "y" })),
  mutate('contextWindow "200000" (a string)', "04", true, (c) => (bedrockModel(c).contextWindow = "200000")),
  mutate("contextWindow 0", "04", true, (c) => (bedrockModel(c).contextWindow = 0)),
  mutate("fractional maxTokens and contextWindow (valid)", "04", false, (c) => Object.assign(bedrockModel(c), { maxTokens: 1.5, contextWindow: 200000.5 })),
  mutate('input ["text", "pdf"]', "04", true, (c) => (bedrockModel(c).input = ["text", "pdf"])),
  mutate("an unknown key in cost", "04", true, (c) => (bedrockModel(c).cost = { input: 1, ouput: 2 })),
  mutate('auth "iam", api "bedrock"', "04", true, (c) => Object.assign(c.models.providers["amazon-bedrock"], { auth: "iam", api: "bedrock" })),
  mutate('agents.defaults.model "sonnet" (an alias: valid)', "01", false, (c) => (c.agents.defaults.model = "sonnet")),
  mutate("agents.defaults.model { primary, fallbacks: a string }", "05", true, (c) => (c.agents.defaults.model = { primary: c.agents.defaults.model, fallbacks: "a/b" })),
  mutate("agents.defaults.model with an unknown key", "01", true, (c) => (c.agents.defaults.model = { ...c.agents.defaults.model, fallback: ["a/b"] })),
  mutate('reasoning "yes" in a large config', "14", true, (c) => (Object.values<any>(c.models.providers)[0].models[3].reasoning = "yes")),
  mutate("a provider's models as an object", "15", true, (c) => (Object.values<any>(c.models.providers)[0].models = {})),
];

/** The plugin's entry is validated by OpenClaw only with our plugin installed: these run in one such home. */
const pluginCases: { name: string; discovery: Record<string, unknown>; config?: Record<string, unknown>; models?: Config; ownedInvalid: boolean }[] = [
  { name: "a valid discovery block", discovery: { enabled: true, region: "eu-central-1", refreshInterval: 0, providerFilter: ["anthropic"] }, ownedInvalid: false },
  { name: "region US-EAST-1", discovery: { region: "US-EAST-1" }, ownedInvalid: true },
  { name: "refreshInterval -5", discovery: { refreshInterval: -5 }, ownedInvalid: true },
  { name: "an unknown key (regoin)", discovery: { regoin: "us-east-1" }, ownedInvalid: true },
  { name: "defaultContextWindow 1.5", discovery: { defaultContextWindow: 1.5 }, ownedInvalid: true },
  { name: "beside a models.bedrockDiscovery block", discovery: { enabled: true }, models: { bedrockDiscovery: { enabled: true } }, ownedInvalid: true },
  // The guardrail, tier and latency (src/config/request-fields.ts), beside the discovery options.
  { name: "a guardrail, a tier and a latency", discovery: {}, config: { guardrail: { guardrailIdentifier: "gr1a2b3c", guardrailVersion: "DRAFT", trace: "enabled" }, serviceTier: "flex", performanceConfig: { latency: "optimized" } }, ownedInvalid: false },
  { name: "guardrailVersion draft", discovery: {}, config: { guardrail: { guardrailIdentifier: "gr1a2b3c", guardrailVersion: "draft" } }, ownedInvalid: true },
  { name: "a guardrail without its version", discovery: {}, config: { guardrail: { guardrailIdentifier: "gr1a2b3c" } }, ownedInvalid: true },
  { name: "serviceTier standard", discovery: {}, config: { serviceTier: "standard" }, ownedInvalid: true },
];

const MODEL_FIELDS = new Set(["id", "name", "reasoning", "input", "cost", "contextWindow", "maxTokens"]);
const PROVIDER_FIELDS = new Set(["baseUrl", "api", "auth", "models"]);
/** The keys this tool validates (src/config/schema.ts), as dotted paths. */
function owned(p: string[]): boolean {
  const [a, b, c, d, index, field] = p; // models.providers.<id>.models.<index>.<field>
  if (a === "models" && b === "bedrockDiscovery") return true;
  if (a === "agents" && b === "defaults" && c === "model") return true;
  if (p.slice(0, 5).join(".") === "plugins.entries.amazon-bedrock.config.discovery") return true;
  if (p.length >= 5 && ["guardrail", "serviceTier", "performanceConfig"].includes(p[4]!) && p.slice(0, 4).join(".") === "plugins.entries.amazon-bedrock.config") return true;
  if (a !== "models" || b !== "providers") return false;
  if (p.length <= 3) return true;
  if (!PROVIDER_FIELDS.has(d!)) return false;
  return p.length <= 5 || (d === "models" && /^\d+$/.test(index!) && MODEL_FIELDS.has(field!));
}
const related = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || y.startsWith(`${x}.`);

/** OpenClaw's verdict: issue paths are dotted; "Unrecognized key(s)" names keys below the path given. */
function theirVerdict(out: { code: number | null; stdout: string; stderr: string }): Verdict {
  const raw = `${out.stdout}${out.stderr}`;
  const result = parseJsonOutput<{ valid: boolean; issues?: { path: string; message: string }[] }>(out.stdout);
  const paths: string[] = [];
  for (const issue of result.issues ?? []) {
    // Not mirrored: which provider ids count as bundled (a list of ~80 that changes with each release).
    if (/^custom model providers must declare/.test(issue.message)) continue;
    const base = issue.path === "<root>" || issue.path === "root" ? [] : issue.path.split(".");
    const unknown = /^Unrecognized keys?: (.*)$/.exec(issue.message);
    const keys = unknown ? [...unknown[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!) : [undefined];
    for (const key of keys) {
      const p = key === undefined ? base : [...base, key];
      if (owned(p)) paths.push(p.join("."));
    }
  }
  assert.equal(out.code === 0, result.valid, `OpenClaw's exit code and verdict differ:\n${raw}`);
  return { valid: paths.length === 0, paths, raw };
}

function ourVerdict(out: { code: number | null; stdout: string; stderr: string }): Verdict {
  const raw = `${out.stdout}${out.stderr}`;
  const result = JSON.parse(out.stdout) as { valid: boolean; issues: { path: string }[] };
  assert.equal(out.code, result.valid ? 0 : 1, raw);
  const paths = result.issues.map((issue) => parseConfigPath(issue.path).join("."));
  for (const p of paths) assert.ok(owned(p.split(".")), `we report ${p}, which is not a key we own`);
  return { valid: result.valid, paths, raw };
}

function assertAgree(name: string, theirs: Verdict, ours: Verdict, ownedInvalid: boolean | undefined) {
  const context = `${name}\n  OpenClaw (owned): ${JSON.stringify(theirs.paths)}\n  ours: ${JSON.stringify(ours.paths)}\n--- OpenClaw said:\n${theirs.raw}\n--- we said:\n${ours.raw}`;
  if (ownedInvalid !== undefined) assert.equal(!theirs.valid, ownedInvalid, `the mutation did not do what it meant to: ${context}`);
  assert.equal(ours.valid, theirs.valid, `disagree on validity: ${context}`);
  for (const p of theirs.paths) assert.ok(ours.paths.some((q) => related(p, q)), `OpenClaw refuses ${p}, we report nothing there: ${context}`);
  for (const q of ours.paths) assert.ok(theirs.paths.some((p) => related(p, q)), `we refuse ${q}, OpenClaw reports nothing there: ${context}`);
}

let host: OpenClawHost;
let oc: OpenClawRun;
before(async () => {
  host = ensureOpenClawHost();
  oc = await openClawWithPlugin();
});
after(() => oc?.cleanup());

/** A fresh home per case; `openclaw` on PATH is the real 2026.9.6, so our tool knows the host's release. */
async function compare(c: Case): Promise<void> {
  const sb: Sandbox = makeSandbox();
  try {
    const bin = path.join(sb.dir, "bin");
    fs.mkdirSync(bin);
    fs.symlinkSync(host.openclaw, path.join(bin, "openclaw"));
    sb.writeConfig(c.text);
    const env = sb.env({ NO_COLOR: "1" });
    env.PATH = [bin, host.nodeBin, env.PATH].join(path.delimiter);
    const [theirs, ours] = await Promise.all([runOpenClaw(host, ["config", "validate", "--json"], env), runCli(["config", "validate", "--json"], { env })]);
    assertAgree(c.name, theirVerdict(theirs), ourVerdict(ours), c.ownedInvalid);
  } finally {
    sb.cleanup();
  }
}

/** Runs `work` over `items`, `limit` at a time; every failure is reported, not only the first. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const failures: unknown[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await work(item).catch((error) => failures.push(error));
      }
    }),
  );
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, failures.map((f) => (f instanceof Error ? f.message : String(f))).join("\n\n"));
}

test("the 15 real configs: OpenClaw 2026.9.6 and we agree on every key we validate", async () => {
  assert.equal(originals.length, 15);
  await pool(originals, 3, compare);
});

test("mutations of them on the keys we validate: we agree, and each mutation is what it says", async () => {
  await pool(mutations, 3, compare);
});

test("with our plugin installed, the plugin's discovery entry: we agree with OpenClaw's check of its schema", async () => {
  const installed = JSON.parse(oc.sb.readConfig()) as Config;
  assert.ok(installed.meta?.lastTouchedVersion, "OpenClaw recorded its version in the config");
  for (const c of pluginCases) {
    oc.setDiscovery(c.discovery);
    if (c.config) {
      const config = JSON.parse(oc.sb.readConfig());
      config.plugins.entries["amazon-bedrock"].config = c.config;
      oc.sb.writeConfig(JSON.stringify(config));
    }
    if (c.models) oc.sb.writeConfig(JSON.stringify({ ...JSON.parse(oc.sb.readConfig()), models: c.models }));
    const env = oc.env();
    const [theirs, ours] = await Promise.all([oc.run(["config", "validate", "--json"], env), runCli(["config", "validate", "--json"], { env })]);
    assertAgree(c.name, theirVerdict(theirs), ourVerdict(ours), c.ownedInvalid);
  }
  oc.setDiscovery(undefined);
});
