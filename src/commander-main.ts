// The full commander program: help, --version, and every command line the fast path leaves to it.
import { Command, CommanderError } from "commander";
import { registerCommands } from "./cli.js";

declare const PACKAGE_VERSION: string;

export async function runWithCommander(argv: string[]): Promise<number> {
  const program = new Command("openclaw-bedrock")
    .description("Amazon Bedrock support for OpenClaw gateway hosts")
    .version(`openclaw-bedrock ${typeof PACKAGE_VERSION === "string" ? PACKAGE_VERSION : "0.0.0-dev"}`)
    .option("--no-color", "no colour in the output (as NO_COLOR=1 does; FORCE_COLOR=1 forces it)")
    .exitOverride();
  registerCommands({ program });
  withFixLines(program);
  // `help config set` is `config set --help`, as in git and kubectl (commander would show the group's help).
  const [, , first, ...rest] = argv;
  if (first === "help" && rest.length > 1) argv = [argv[0]!, argv[1]!, ...rest, "--help"];
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return typeof process.exitCode === "number" ? process.exitCode : 0;
}

/** Every usage error ends with a `fix:` line, like every other error: the help of the command that refused. */
function withFixLines(command: Command): void {
  const path: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) path.unshift(c.name());
  command.configureOutput({ outputError: (text, write) => write(`${text.trimEnd()}\nfix: see ${path.join(" ")} --help\n`) });
  for (const sub of command.commands) withFixLines(sub);
}
