// `openclaw bedrock …`: the same command modules as the standalone CLI, mounted under OpenClaw's own program.
import type { Command } from "commander";
import { buildCommands, runCommand, type Runner } from "../cli.js";
import { COMMANDS } from "../command-specs.js";
import { loadConfig } from "../config/read.js";
import { resolveConfigPath } from "../config/paths.js";
import { setFace } from "../text/commands.js";

export function registerBedrockCli(program: Command): void {
  setFace("openclaw");
  buildCommands(program, runAndPublish, COMMANDS.filter((spec) => spec.group === "bedrock"));
}

/**
 * A successful `openclaw bedrock models` (with the config's own region and credentials) leaves its discovery where
 * this release's plain `openclaw models list` reads it (plugin/host-models-file.ts).
 */
const runAndPublish: Runner = async (spec, args, options) => {
  await runCommand(spec, args, options);
  if (spec.name !== "models" || (process.exitCode ?? 0) !== 0 || options.region !== undefined || options.profile !== undefined || options.awsProfile !== undefined) return;
  try {
    const config = loadConfig(resolveConfigPath(process.env)).value;
    await (await import("./catalog.js")).publishCachedDiscovery(config, process.env);
  } catch {
    // the command's own output already said what was wrong with the config
  }
};
