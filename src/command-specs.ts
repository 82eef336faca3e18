// Every command as data: its words, arguments, options and the module that runs it. Commander is built from
// this table (help, errors, mounting into a host), and so is the fast path that skips commander.
import type { Runtime } from "./runtime.js";

export interface OptionSpec {
  /** Commander's syntax: "--json", "--provider <id>", "--no-invoke". */
  flags: string;
  description: string;
  default?: string;
  /**
   * Left out when the host program already has a global option of this name (OpenClaw's `--profile` is its
   * state profile): the command then takes only its unambiguous twin (`--aws-profile`).
   */
  yieldsToHost?: boolean;
}

export interface ArgumentSpec {
  name: string;
  description: string;
}

export interface CommandSpec {
  group: string;
  name: string;
  description: string;
  args: ArgumentSpec[];
  options: OptionSpec[];
  helpAfter?: string;
  /** Imports the command's module only now, so --help and other commands load nothing of it. */
  run(rt: Runtime, args: string[], options: Record<string, unknown>): Promise<number | void>;
}

export const GROUPS: Record<string, string> = {
  config: "Read and edit the OpenClaw config file (JSON5), keeping comments and formatting",
  models: "Models from configured providers and Amazon Bedrock",
  bedrock: "Amazon Bedrock tools",
};

const PATH_ARG = { name: "path", description: 'dot/bracket path, e.g. models.bedrockDiscovery.region or models.providers["amazon-bedrock"]' };
const DRY_RUN = { flags: "--dry-run", description: "validate and show the change without writing" };
/** The flags of both model lists (`models list` adds --provider after --all). */
const LIST_OPTIONS: OptionSpec[] = [
  { flags: "--all", description: "also show Bedrock models left out, each with the reason" },
  { flags: "--json", description: "print one JSON document" },
  { flags: "--plain", description: "print one provider/model key per line" },
  { flags: "--refresh", description: "ignore the discovery cache" },
];

export const COMMANDS: CommandSpec[] = [
  {
    group: "config",
    name: "get",
    description: "Print the value at a path (secrets masked)",
    args: [PATH_ARG],
    options: [{ flags: "--json", description: "print the value as JSON" }],
    run: async (rt, [path], options) => (await import("./commands/config-get.js")).configGet(rt, path!, options),
  },
  {
    group: "config",
    name: "set",
    description: "Set the value at a path (validated; comments and formatting kept)",
    args: [PATH_ARG, { name: "value", description: "JSON5 value, else taken as a string; a list field takes a,b,c" }],
    options: [{ flags: "--strict-json", description: "parse the value as JSON only (no string fallback)" }, DRY_RUN],
    run: async (rt, [path, value], options) => (await import("./commands/config-set.js")).configSet(rt, path!, value!, options),
  },
  {
    group: "config",
    name: "unset",
    description: "Remove the value at a path",
    args: [PATH_ARG],
    options: [DRY_RUN],
    run: async (rt, [path], options) => (await import("./commands/config-set.js")).configUnset(rt, path!, options),
  },
  {
    group: "config",
    name: "file",
    description: "Print the path of the config file in use",
    args: [],
    options: [],
    run: async (rt) => (await import("./commands/config-file.js")).configFile(rt),
  },
  {
    group: "config",
    name: "validate",
    description: "Check the whole config; exit 1 when something is invalid",
    args: [],
    options: [{ flags: "--json", description: "print the result as JSON" }],
    run: async (rt, _args, options) => (await import("./commands/config-validate.js")).configValidate(rt, options),
  },
  {
    group: "config",
    name: "migrate",
    description: "Move the Bedrock discovery options to where this host's OpenClaw reads them (comments kept)",
    args: [],
    options: [DRY_RUN],
    run: async (rt, _args, options) => (await import("./commands/config-migrate.js")).configMigrate(rt, options),
  },
  {
    group: "models",
    name: "list",
    description: "List configured models and the Bedrock models this account can invoke here",
    args: [],
    options: [LIST_OPTIONS[0]!, { flags: "--provider <id>", description: "only this provider's models (e.g. amazon-bedrock)" }, ...LIST_OPTIONS.slice(1)],
    run: async (rt, _args, options) => (await import("./commands/models-list.js")).modelsList(rt, options),
  },
  {
    group: "bedrock",
    name: "models",
    description: "List the Bedrock models this account can invoke here (--all: and why others are left out)",
    args: [],
    options: LIST_OPTIONS,
    run: async (rt, _args, options) => (await import("./commands/models-list.js")).modelsList(rt, { ...options, provider: "amazon-bedrock" }),
  },
  {
    group: "bedrock",
    name: "doctor",
    description: "Check every link from config to a streamed Bedrock reply, with the fix for each problem",
    args: [],
    options: [
      { flags: "--model <id>", description: "model or inference profile id to test" },
      { flags: "--region <region>", description: "AWS region to check" },
      { flags: "--aws-profile <name>", description: "AWS profile to use (from ~/.aws/config)" },
      { flags: "--profile <name>", description: "AWS profile to use (same as --aws-profile)", yieldsToHost: true },
      { flags: "--no-invoke", description: "skip the streamed test call" },
      { flags: "--prompt <text>", description: 'prompt for the test call (default: "Reply with one short sentence.")' },
      { flags: "--max-tokens <n>", description: "max output tokens for the test call, 1 to 8192 (default: 64)" },
      { flags: "--timeout <seconds>", description: "bound on every network step (default: OPENCLAW_BEDROCK_TIMEOUT, else 10)" },
      { flags: "--json", description: "print one JSON document" },
    ],
    helpAfter: "\nExit codes: 0 nothing failed, 1 a check failed, 2 usage error.",
    run: async (rt, _args, options) => (await import("./commands/bedrock-doctor.js")).bedrockDoctor(rt, options),
  },
];

/** How commander names an option's value: --max-tokens -> maxTokens, --no-invoke -> invoke. */
export function optionKey(flags: string): { key: string; takesValue: boolean; negated: boolean } {
  const long = /--([a-z0-9-]+)/.exec(flags)![1]!;
  const negated = long.startsWith("no-");
  const name = negated ? long.slice(3) : long;
  return { key: name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()), takesValue: /<[^>]+>/.test(flags), negated };
}
