// `openclaw bedrock …`: the same command modules as the standalone CLI, mounted under OpenClaw's own program.
import type { Command } from "commander";
import { buildCommands, runCommand } from "../cli.js";
import { COMMANDS } from "../command-specs.js";
import { setFace } from "../text/commands.js";

export function registerBedrockCli(program: Command): void {
  setFace("openclaw");
  buildCommands(program, runCommand, COMMANDS.filter((spec) => spec.group === "bedrock"));
}
