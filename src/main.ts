// The standalone `openclaw` program: a plain command line runs at once, anything else goes through commander.
// This file owns the only process.exit.
import { runCommand } from "./cli.js";
import { installCompileCache } from "./compile-cache.js";
import { parseFast } from "./fast-path.js";

installCompileCache(process.env);

async function main(argv: string[]): Promise<number> {
  argv = colourFlags(argv);
  const fast = parseFast(argv.slice(2));
  if (fast) {
    await runCommand(fast.spec, fast.args, fast.options);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  }
  const { runWithCommander } = await import("./commander-main.js");
  return runWithCommander(argv);
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

/** `--no-color` / `--color` anywhere before `--` set NO_COLOR / FORCE_COLOR, which every output path reads. */
function colourFlags(argv: string[]): string[] {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  if (!flags.includes("--no-color") && !flags.includes("--color")) return argv;
  if (flags.includes("--no-color")) {
    process.env.NO_COLOR = "1";
    delete process.env.FORCE_COLOR;
  } else process.env.FORCE_COLOR = "1";
  return [...flags.filter((a) => a !== "--no-color" && a !== "--color"), ...(end === -1 ? [] : argv.slice(end))];
}
