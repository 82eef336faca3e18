// A host CLI like OpenClaw's: its own commander program with a global --profile (a state profile), its own
// `config get` and `models list`, and this package mounted in with the library registrar.
import { Command } from "commander";
import { registerCommands } from "../../../dist/index.js";

const program = new Command("host").option("--profile <name>", "the host's state profile");
const models = program.command("models").description("host models");
models.command("aliases").description("host's own subcommand").action(() => console.log("host aliases"));
models.command("list").description("host's own list").action(() => console.log("host models list"));
program.command("config").description("host config").command("get <path>").action((p) => console.log(`host config get ${p}`));
program.command("whoami").action(() => console.log(`host profile ${program.opts().profile ?? "-"}`));
registerCommands({ program });
await program.parseAsync(process.argv);
