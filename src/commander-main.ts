// The full commander program: help, --version, and every command line the fast path leaves to it.
import { Command, CommanderError } from "commander";
import { registerCommands } from "./cli.js";

declare const PACKAGE_VERSION: string;

export async function runWithCommander(argv: string[]): Promise<number> {
  const program = new Command("openclaw-bedrock")
    .description("Amazon Bedrock support for OpenClaw gateway hosts")
    .version(`openclaw-bedrock ${typeof PACKAGE_VERSION === "string" ? PACKAGE_VERSION : "0.0.0-dev"}`)
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  registerCommands({ program });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return typeof process.exitCode === "number" ? process.exitCode : 0;
}
