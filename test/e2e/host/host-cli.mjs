// A host CLI like OpenClaw's: its own commander program, its own `models` group, and this package mounted in.
import { Command } from "commander";
import { registerCommands } from "../../../dist/index.js";

const program = new Command("host");
program.command("models").description("host models").command("aliases").description("host's own subcommand").action(() => console.log("host aliases"));
registerCommands({ program });
await program.parseAsync(process.argv);
