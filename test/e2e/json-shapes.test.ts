// The `--json` shapes documented in docs/commands.md ("JSON output") are the output: every key printed is
// documented, every key documented without `?` is printed, in passing, failing and switched-off runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { repoRoot, runCli, type Sandbox } from "../helpers/cli.ts";
import { emulatorEnv, envKeys, useEmulatorAndSandbox } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

type Shape = "*" | { kind: "object"; keys: Map<string, { optional: boolean; shape?: Shape }> } | { kind: "array"; of: Shape };

/** `{ a, b?, c: { d }, e: [{ f }], g: * }`, as the docs write shapes. */
export function parseShape(text: string): Shape {
  const tokens = text.match(/[{}[\],:*]|[A-Za-z_][A-Za-z0-9_]*\??/g) ?? [];
  let i = 0;
  const next = () => tokens[i++];
  const parse = (): Shape => {
    const token = next();
    if (token === "*") return "*";
    if (token === "[") {
      const of = parse();
      assert.equal(next(), "]");
      return { kind: "array", of };
    }
    assert.equal(token, "{", `shape: unexpected ${token}`);
    const keys = new Map<string, { optional: boolean; shape?: Shape }>();
    while (tokens[i] !== "}") {
      const name = next()!;
      const entry: { optional: boolean; shape?: Shape } = { optional: name.endsWith("?") };
      if (tokens[i] === ":") {
        i++;
        entry.shape = parse();
      }
      keys.set(name.replace(/\?$/, ""), entry);
      if (tokens[i] === ",") i++;
    }
    i++;
    return { kind: "object", keys };
  };
  return parse();
}

/** Where the value and the shape disagree, as paths. */
export function shapeProblems(value: unknown, shape: Shape, at = "$"): string[] {
  if (shape === "*") return [];
  if (shape.kind === "array") {
    if (!Array.isArray(value)) return [`${at}: expected an array`];
    return value.flatMap((v, n) => shapeProblems(v, shape.of, `${at}[${n}]`));
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return [`${at}: expected an object`];
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (!shape.keys.has(key)) problems.push(`${at}.${key}: printed but not documented`);
  for (const [key, entry] of shape.keys) {
    const present = key in value;
    if (!present && !entry.optional) problems.push(`${at}.${key}: documented but not printed`);
    if (present && entry.shape && (value as Record<string, unknown>)[key] !== null) problems.push(...shapeProblems((value as Record<string, unknown>)[key], entry.shape, `${at}.${key}`));
  }
  return problems;
}

function documentedShapes(): Map<string, Shape> {
  const doc = fs.readFileSync(path.join(repoRoot, "docs/commands.md"), "utf8");
  const shapes = new Map<string, Shape>();
  for (const block of doc.matchAll(/```json-shape\n# ([^\n]+)\n([\s\S]*?)```/g)) shapes.set(block[1]!.split(" (")[0]!, parseShape(block[2]!));
  return shapes;
}

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(() => startEmulator({ imds: false }), (state) => ({ emulator, sb } = state));
const shapes = documentedShapes();
const json = async (args: string[], extra: Record<string, string | undefined> = envKeys()) => JSON.parse((await runCli(args, { env: emulatorEnv(sb, emulator, extra) })).stdout);
const holds = (name: string, value: unknown) => {
  const shape = shapes.get(name);
  assert.ok(shape, `docs/commands.md documents ${name}`);
  assert.deepEqual(shapeProblems(value, shape), [], `${name}: ${JSON.stringify(value).slice(0, 400)}`);
};

test("the docs have a shape for every --json that prints a document", () => {
  assert.deepEqual([...shapes.keys()].sort(), ["bedrock doctor --json", "config validate --json", "models list --json"]);
});

test("config validate --json: valid, and invalid with a fix", async () => {
  holds("config validate --json", await json(["config", "validate", "--json"]));
  sb.writeConfig('{ plugins: { entries: { "amazon-bedrock": { config: { discovery: { regoin: "us-east-1", refreshInterval: -1 } } } } } }\n');
  const invalid = await json(["config", "validate", "--json"]);
  assert.ok(invalid.issues.some((i: { fix?: string }) => i.fix), "an issue with a known correction carries it");
  holds("config validate --json", invalid);
});

test("config validate --json on a file that does not parse, or can't be read: still one document, invalid", async () => {
  sb.writeConfig("{ models: { providers: { \n");
  const broken = await runCli(["config", "validate", "--json"], { env: emulatorEnv(sb, emulator, {}) });
  assert.equal(broken.code, 1);
  const doc = JSON.parse(broken.stdout);
  holds("config validate --json", doc);
  assert.equal(doc.valid, false);
  assert.match(doc.issues[0].message, /cannot parse .*openclaw\.json:\d+:\d+/);
  assert.match(doc.issues[0].fix, /fix the JSON5 syntax/);
  fs.rmSync(sb.configPath);
  fs.mkdirSync(sb.configPath);
  const directory = await runCli(["config", "validate", "--json"], { env: emulatorEnv(sb, emulator, {}) });
  assert.equal(directory.code, 1);
  assert.match(JSON.parse(directory.stdout).issues[0].message, /is a directory/);
  fs.rmdirSync(sb.configPath);
});

test("models list --json: listed, off (reason and fix), failed (error with what AWS said), with warnings", async () => {
  holds("models list --json", await json(["models", "list", "--json"]));
  holds("models list --json", await json(["models", "list", "--json", "--provider", "amazon-bedrock", "--all"]));
  holds("models list --json", await json(["bedrock", "models", "--json"]));
  const off = await json(["models", "list", "--json"], {});
  assert.ok(off.discovery.reason && off.discovery.fix);
  holds("models list --json", off);
  emulator.fault("ListFoundationModels", { error: "AccessDeniedException" });
  const failed = await json(["models", "list", "--json", "--refresh"]);
  assert.equal(failed.discovery.error.said.name, "AccessDeniedException");
  holds("models list --json", failed);
  emulator.clearFaults();
  emulator.fault("ListInferenceProfiles", { error: "AccessDeniedException" });
  sb.writeConfig('{ plugins: { entries: { "amazon-bedrock": { config: { discovery: { providerFilter: ["anthropic", "antropic"] } } } } } }\n');
  const warned = await json(["models", "list", "--json", "--refresh"]);
  assert.equal(warned.discovery.warnings.length, 2);
  holds("models list --json", warned);
});

test("bedrock doctor --json: all green with invoke, and failing checks with notes, fix and what AWS said", async () => {
  const green = await json(["bedrock", "doctor", "--json"]);
  assert.ok(green.invoke);
  holds("bedrock doctor --json", green);
  emulator.fault("ListInferenceProfiles", { error: "AccessDeniedException" });
  const failing = await json(["bedrock", "doctor", "--json", "--no-invoke"], { ...envKeys(), AWS_PROFILE: "nosuch" });
  holds("bedrock doctor --json", failing);
  const denied = await json(["bedrock", "doctor", "--json", "--no-invoke"]);
  assert.ok(denied.checks.some((c: { notes: string[]; fix?: string }) => c.notes.length > 0 && c.fix));
  holds("bedrock doctor --json", denied);
});
