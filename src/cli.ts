// Registers every command on a commander program: the standalone bin and a host CLI call the same function.
import type { Command } from "commander";
import { COMMANDS, GROUPS, optionKey, type CommandSpec } from "./command-specs.js";
import { processRuntime } from "./runtime.js";
import { reportError } from "./output/report-error.js";
import { UsageError } from "./errors.js";

export interface RegisterContext {
  program: Command;
}

export type Runner = (spec: CommandSpec, args: string[], options: Record<string, unknown>) => Promise<void>;

/** The registrar OpenClaw's plugin API passes to `registerCli`: it receives `{ program }`. */
export function registerCommands({ program }: RegisterContext): void {
  buildCommands(program, runCommand);
}

/**
 * Adds the commands of the table to `program`; `run` receives what commander parsed. A host's own commands
 * win: a command the host already has (OpenClaw's `config get`, `models list`) is left out rather than
 * clashing, and so is an option the host already defines globally (its `--profile`).
 */
export function buildCommands(program: Command, run: Runner, specs: readonly CommandSpec[] = COMMANDS): void {
  const hostOptions = new Set(program.options.map((option) => option.long));
  for (const spec of specs) {
    const parent = group(program, spec.group);
    if (parent.commands.some((command) => command.name() === spec.name)) continue;
    const command = parent.command(spec.name).description(spec.description);
    const offered = spec.options.filter((option) => !(option.yieldsToHost && hostOptions.has(/--[a-z0-9-]+/.exec(option.flags)![0])));
    for (const arg of spec.args) command.argument(`<${arg.name}>`, arg.description);
    for (const option of offered) command.option(option.flags, option.description, option.default);
    if (spec.helpAfter) command.addHelpText("after", spec.helpAfter);
    command.action(async (...received: unknown[]) => {
      const args = received.slice(0, spec.args.length) as string[];
      const parsed = (received[spec.args.length] ?? {}) as Record<string, unknown>;
      const options: Record<string, unknown> = {};
      for (const option of offered) {
        const { key } = optionKey(option.flags);
        if (parsed[key] !== undefined) options[key] = parsed[key];
      }
      await run(spec, args, options);
    });
  }
}

/** A host may already have the group (OpenClaw has `models` and `config`): add to it rather than clash. */
function group(program: Command, name: string): Command {
  const existing = program.commands.find((command) => command.name() === name);
  return existing ?? program.command(name).description(GROUPS[name] ?? name);
}

/**
 * Runs one command and turns whatever it throws into a message and an exit code: the one catch, the same
 * whether commander or the fast path parsed the command line.
 */
export async function runCommand(spec: CommandSpec, args: string[], options: Record<string, unknown>): Promise<void> {
  const rt = processRuntime();
  try {
    // Node turns bytes that are not UTF-8 into U+FFFD: refuse them rather than write the replacement character.
    const bad = [...args, ...Object.values(options).filter((v): v is string => typeof v === "string")].find((v) => v.includes("\uFFFD"));
    if (bad !== undefined) {
      throw new UsageError(`an argument is not valid UTF-8: ${JSON.stringify(bad.replace(/\uFFFD/g, "?"))}`, "pass text in UTF-8 (check the terminal's and the script's locale, e.g. LANG=C.UTF-8)");
    }
    const code = await spec.run(rt, args, options);
    if (typeof code === "number" && code !== 0) process.exitCode = code;
  } catch (error) {
    process.exitCode = reportError(error, rt.stderr, rt.env);
  }
}
