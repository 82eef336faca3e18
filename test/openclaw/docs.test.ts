// The docs' commands work: every fenced block in README.md and docs/*.md marked `runnable` is run, line by line,
// the way a user pastes it: `openclaw-bedrock` is this checkout's CLI, `openclaw` the real OpenClaw 2026.9.6 with
// the packed plugin installed, both pointed at the emulator (with its test keys), in a scratch home whose
// working directory holds what `npm pack` makes (the tarball and its unpacked `package/`).
//
//   ```sh runnable         each line must exit 0 (or the code in a trailing `# exit N`)
//   ```console runnable    `$ ` lines are run; the lines after each are its whole output (stdout and stderr)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { binPath, repoRoot, runProcess, type CliResult } from "../helpers/cli.ts";
import { envKeys } from "../helpers/bedrock-env.ts";
import { openClawWithPlugin, packedPlugin, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

interface Block {
  file: string;
  line: number;
  kind: "sh" | "console";
  commands: { text: string; exit: number; output?: string[] }[];
}

/** The runnable blocks of one Markdown file. */
export function runnableBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  for (const match of text.matchAll(/^```(sh|console) runnable\n([\s\S]*?)^```$/gm)) {
    const kind = match[1] as "sh" | "console";
    const line = text.slice(0, match.index).split("\n").length;
    const commands: Block["commands"] = [];
    for (const raw of match[2]!.split("\n")) {
      if (kind === "console" && !raw.startsWith("$ ")) {
        if (raw !== "" || commands.at(-1)?.output?.length) commands.at(-1)?.output?.push(raw);
        continue;
      }
      const textLine = kind === "console" ? raw.slice(2) : raw;
      if (textLine.trim() === "" || textLine.trim().startsWith("#")) continue;
      const exit = /#\s*exit (\d+)\s*$/.exec(textLine);
      commands.push({ text: textLine, exit: exit ? Number(exit[1]) : 0, ...(kind === "console" ? { output: [] } : {}) });
    }
    blocks.push({ file, line, kind, commands });
  }
  return blocks;
}

const docs = ["README.md", ...fs.readdirSync(path.join(repoRoot, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const blocks = docs.flatMap((file) => runnableBlocks(file, fs.readFileSync(path.join(repoRoot, file), "utf8")));

let emulator: Emulator;
let oc: OpenClawRun;
let cwd: string;
let bin: string;

before(async () => {
  emulator = await startEmulator({ imds: false, replyText: "Hello from the Bedrock emulator." });
  oc = await openClawWithPlugin();
  // What a user has beside them after `npm pack`: the tarball and the folder it unpacks to.
  cwd = path.dirname(packedPlugin());
  // The two commands as a user's PATH has them.
  bin = fs.mkdtempSync(path.join(oc.sb.dir, "bin-"));
  fs.symlinkSync(binPath, path.join(bin, "openclaw-bedrock"));
  fs.writeFileSync(path.join(bin, "openclaw"), `#!/bin/sh\nexec "${oc.host.node}" "${oc.host.openclaw}" "$@"\n`, { mode: 0o755 });
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});

function run(command: string): Promise<CliResult> {
  const env = oc.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-west-2", ...envKeys() });
  env.PATH = `${bin}${path.delimiter}${env.PATH}`;
  return runProcess("bash", ["-c", command], { env, cwd, timeoutMs: 240_000 });
}

test("the docs mark their commands runnable: README.md, docs/bedrock.md and docs/commands.md each have some", () => {
  for (const file of ["README.md", "docs/bedrock.md", "docs/commands.md"]) assert.ok(blocks.some((b) => b.file === file), file);
  assert.ok(blocks.flatMap((b) => b.commands).some((c) => /^openclaw /.test(c.text)), "OpenClaw's own commands are among them");
});

for (const block of blocks) {
  test(`${block.file}:${block.line}: ${block.commands[0]?.text.replace(/\s+#.*$/, "") ?? "(empty)"}`, { timeout: 900_000 }, async () => {
    oc.setDiscovery(undefined); // each block starts from the config the plugin's install left
    for (const command of block.commands) {
      const out = await run(command.text);
      const said = `$ ${command.text}\n${out.stdout}${out.stderr}`;
      assert.equal(out.code, command.exit, `${block.file}:${block.line}: exit ${out.code}\n${said}`);
      if (command.output) {
        const printed = `${out.stdout}${out.stderr}`.split("\n").filter((l) => l !== "");
        assert.deepEqual(printed.sort(), command.output.filter((l) => l !== "").sort(), said);
      }
    }
  });
}
