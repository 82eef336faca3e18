import { test } from "node:test";
import assert from "node:assert/strict";
import { Command } from "commander";
import { buildCommands } from "../../src/cli.ts";
import { parseFast } from "../../src/fast-path.ts";

/** What commander hands the runner for this command line, or "error" when it refuses it. */
async function viaCommander(argv: string[]): Promise<unknown> {
  let captured: unknown = "no action";
  const program = new Command("openclaw").exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  buildCommands(program, async (spec, args, options) => {
    captured = { command: `${spec.group} ${spec.name}`, args, options };
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch {
    return "error";
  }
  return captured;
}

function viaFastPath(argv: string[]): unknown {
  const fast = parseFast(argv);
  return fast ? { command: `${fast.spec.group} ${fast.spec.name}`, args: fast.args, options: fast.options } : undefined;
}

const lines = [
  ["config", "get", "models.bedrockDiscovery.region"],
  ["config", "get", "models.bedrockDiscovery", "--json"],
  ["config", "set", "a.b", "1"],
  ["config", "set", "a.b", '"quoted"', "--strict-json", "--dry-run"],
  ["config", "set", "--dry-run", "a.b", "x"],
  ["config", "unset", "a.b", "--dry-run"],
  ["config", "file"],
  ["config", "validate", "--json"],
  ["models", "list"],
  ["models", "list", "--all", "--provider", "amazon-bedrock", "--json", "--refresh"],
  ["models", "list", "--provider=ollama", "--plain"],
  ["bedrock", "doctor"],
  ["bedrock", "doctor", "--no-invoke", "--model", "us.anthropic.claude-haiku-4-5-20251001-v1:0", "--timeout", "3"],
  ["bedrock", "doctor", "--region=eu-west-1", "--profile", "ops", "--max-tokens", "16", "--prompt", "hi there", "--json"],
  ["bedrock", "doctor", "--aws-profile", "ops", "--no-invoke"],
  ["bedrock", "models", "--all", "--json"],
];

for (const argv of lines) {
  test(`the fast path reads "${argv.join(" ")}" exactly as commander does`, async () => {
    const fast = viaFastPath(argv);
    assert.ok(fast, "the fast path takes it");
    assert.deepEqual(fast, await viaCommander(argv));
  });
}

const leftToCommander = [
  [],
  ["--help"],
  ["--version"],
  ["config"],
  ["config", "get"],
  ["config", "get", "a", "b"],
  ["config", "get", "a", "-h"],
  ["config", "get", "a", "--unknown"],
  ["config", "set", "a", "--", "-5"],
  ["config", "get", "a", "--json=yes"],
  ["models", "list", "--provider"],
  ["models", "list", "--provider", "--json"],
  ["bedrock", "doctor", "--invoke"],
  ["frobnicate", "now"],
];

for (const argv of leftToCommander) {
  test(`the fast path leaves "${argv.join(" ")}" to commander`, () => {
    assert.equal(parseFast(argv), undefined);
  });
}
