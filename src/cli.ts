// Registers every command on a commander program: the standalone bin and a host CLI call the same function.
import type { Command } from "commander";
import { processRuntime, type Runtime } from "./runtime.js";
import { reportError } from "./output/report-error.js";

export interface RegisterContext {
  program: Command;
}

/** The registrar OpenClaw's plugin API passes to `registerCli`: it receives `{ program }`. */
export function registerCommands({ program }: RegisterContext): void {
  registerConfig(program);
  registerModels(program);
  registerBedrock(program);
}

/** A host may already have the group (OpenClaw has `models` and `config`): add to it rather than clash. */
function group(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((command) => command.name() === name);
  return existing ?? program.command(name).description(description);
}

/**
 * Wraps an action: imports its module only when it runs (so `--help` loads nothing), hands it the
 * runtime, and turns whatever it throws into a message and an exit code. This is the one catch.
 */
function action<Args extends unknown[]>(run: (rt: Runtime, ...args: Args) => Promise<number | void>) {
  return async (...args: Args): Promise<void> => {
    const rt = processRuntime();
    try {
      const code = await run(rt, ...args);
      if (typeof code === "number" && code !== 0) process.exitCode = code;
    } catch (error) {
      process.exitCode = reportError(error, rt.stderr, rt.env);
    }
  };
}

function registerConfig(program: Command): void {
  const config = group(program, "config", "Read and edit the OpenClaw config file (JSON5), keeping comments and formatting");
  config
    .command("get")
    .description("Print the value at a path (secrets masked)")
    .argument("<path>", 'dot/bracket path, e.g. models.bedrockDiscovery.region or models.providers["amazon-bedrock"]')
    .option("--json", "print the value as JSON")
    .action(action(async (rt, path: string, options: { json?: boolean }) => (await import("./commands/config-get.js")).configGet(rt, path, options)));
  config
    .command("set")
    .description("Set the value at a path (validated; comments and formatting kept)")
    .argument("<path>", "dot/bracket path")
    .argument("<value>", "JSON5 value, else taken as a string; a list field takes a,b,c")
    .option("--strict-json", "parse the value as JSON only (no string fallback)")
    .option("--dry-run", "validate and show the change without writing")
    .action(
      action(async (rt, path: string, value: string, options: { strictJson?: boolean; dryRun?: boolean }) =>
        (await import("./commands/config-set.js")).configSet(rt, path, value, options),
      ),
    );
  config
    .command("unset")
    .description("Remove the value at a path")
    .argument("<path>", "dot/bracket path")
    .option("--dry-run", "validate and show the change without writing")
    .action(action(async (rt, path: string, options: { dryRun?: boolean }) => (await import("./commands/config-set.js")).configUnset(rt, path, options)));
  config
    .command("file")
    .description("Print the path of the config file in use")
    .action(action(async (rt) => (await import("./commands/config-file.js")).configFile(rt)));
  config
    .command("validate")
    .description("Check the whole config; exit 1 when something is invalid")
    .option("--json", "print the result as JSON")
    .action(action(async (rt, options: { json?: boolean }) => (await import("./commands/config-validate.js")).configValidate(rt, options)));
}

function registerModels(program: Command): void {
  const models = group(program, "models", "Models from configured providers and Amazon Bedrock");
  models
    .command("list")
    .description("List configured models and the Bedrock models this account can invoke here")
    .option("--all", "also show Bedrock models left out, each with the reason")
    .option("--provider <id>", "only this provider's models (e.g. amazon-bedrock)")
    .option("--json", "print one JSON document")
    .option("--plain", "print one provider/model key per line")
    .option("--refresh", "ignore the discovery cache")
    .action(action(async (rt, options) => (await import("./commands/models-list.js")).modelsList(rt, options)));
}

function registerBedrock(program: Command): void {
  const bedrock = group(program, "bedrock", "Amazon Bedrock tools");
  bedrock
    .command("doctor")
    .description("Check every link from config to a streamed Bedrock reply, with the fix for each problem")
    .option("--model <id>", "model or inference profile id to test")
    .option("--region <region>", "AWS region to check")
    .option("--profile <name>", "AWS profile to use")
    .option("--no-invoke", "skip the streamed test call")
    .option("--prompt <text>", "prompt for the test call", "Reply with one short sentence.")
    .option("--max-tokens <n>", "max output tokens for the test call", "64")
    .option("--timeout <seconds>", "bound on every network step", "10")
    .option("--json", "print one JSON document")
    .addHelpText("after", "\nExit codes: 0 nothing failed, 1 a check failed, 2 usage error.")
    .action(action(async (rt, options) => (await import("./commands/bedrock-doctor.js")).bedrockDoctor(rt, options)));
}
