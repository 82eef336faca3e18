// The location boundary (src/config/host-version.ts, PLUGIN_LOCATION_SINCE = 2026.4.5), checked on the real
// releases on either side of it: 2026.4.2 reads models.bedrockDiscovery, 2026.4.5 the plugin's entry. Each
// release is installed from the npm registry into the host cache on first use.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { ensureOpenClawHost, type OpenClawHost } from "../../scripts/openclaw-host.ts";
import { makeSandbox, runCli, type Sandbox } from "../helpers/cli.ts";
import { runOpenClaw } from "../helpers/openclaw.ts";

const MODELS = "models.bedrockDiscovery";
const PLUGIN = "plugins.entries.amazon-bedrock.config.discovery";

function home(host: OpenClawHost): { sb: Sandbox; env: NodeJS.ProcessEnv; openclaw: (args: string[]) => ReturnType<typeof runOpenClaw> } {
  const sb = makeSandbox();
  const env = sb.env({ NO_COLOR: "1" });
  env.PATH = `${host.nodeBin}${path.delimiter}${env.PATH ?? ""}`;
  // 10 minutes a command: the first start of a freshly installed release, beside the matrix, took over 2 on a busy machine.
  return { sb, env, openclaw: (args) => runOpenClaw(host, args, env, 600_000) };
}

for (const [version, reads, refused, refusal] of [
  ["2026.4.2", MODELS, PLUGIN, /must NOT have additional properties/],
  ["2026.4.5", PLUGIN, MODELS, /Unrecognized key: "bedrockDiscovery"/],
] as const) {
  test(`OpenClaw ${version} reads ${reads}, and our config set writes there`, { timeout: 900_000 }, async () => {
    const host = ensureOpenClawHost({ version });
    const refusedHome = home(host);
    const readsHome = home(host);
    try {
      const help = await refusedHome.openclaw(["config", "--help"]);
      assert.match(help.stdout, /^\s+validate\s/m, `openclaw ${version} has config validate:\n${help.stdout}${help.stderr}`);

      // (a) the release's own config set: one location accepted, the other refused.
      const no = await refusedHome.openclaw(["config", "set", `${refused}.enabled`, "true"]);
      assert.notEqual(no.code, 0, `${version} accepted ${refused}:\n${no.stdout}${no.stderr}`);
      assert.match(no.stdout + no.stderr, refusal);
      const yes = await readsHome.openclaw(["config", "set", `${reads}.enabled`, "true"]);
      assert.equal(yes.code, 0, `${version} refused ${reads}:\n${yes.stdout}${yes.stderr}`);

      // (b) that write recorded the release; our config set of the seed-era key follows it.
      const written = JSON.parse(readsHome.sb.readConfig());
      assert.equal(written.meta?.lastTouchedVersion, version);
      const ours = await runCli(["config", "set", `${MODELS}.region`, "us-west-2"], { env: readsHome.env });
      assert.equal(ours.code, 0, ours.stderr);
      const after = JSON.parse(readsHome.sb.readConfig());
      const at = (config: any, dotted: string) => dotted.split(".").reduce((v, k) => v?.[k], config);
      assert.deepEqual(at(after, reads), { enabled: true, region: "us-west-2" });
      assert.equal(at(after, refused), undefined, `wrote ${refused}`);
      const notes = ours.stderr.split("\n").filter((line) => line.startsWith("note:"));
      if (reads === PLUGIN) assert.deepEqual(notes.length, 1, ours.stderr), assert.match(notes[0]!, new RegExp(`OpenClaw ${version} .*writing ${PLUGIN.replaceAll(".", "\\.")}\\.region`));
      else assert.deepEqual(notes, [], ours.stderr);

      // ... and the release accepts the result.
      const valid = await readsHome.openclaw(["config", "validate"]);
      assert.equal(valid.code, 0, `${version} refused what we wrote:\n${valid.stdout}${valid.stderr}`);
      const region = await readsHome.openclaw(["config", "get", `${reads}.region`]);
      assert.equal(region.code, 0, region.stderr);
      assert.match(region.stdout, /us-west-2/);
    } finally {
      refusedHome.sb.cleanup();
      readsHome.sb.cleanup();
    }
  });
}

test("on OpenClaw 2026.4.5, config migrate turns a file it refuses into one it accepts", { timeout: 900_000 }, async () => {
  const host = ensureOpenClawHost({ version: "2026.4.5" });
  const { sb, env, openclaw } = home(host);
  try {
    sb.writeConfig(`{\n  // Bedrock\n  models: { bedrockDiscovery: { enabled: true, region: "eu-central-1" } },\n  meta: { lastTouchedVersion: "2026.4.5" },\n}\n`);
    const before = await openclaw(["config", "validate"]);
    assert.notEqual(before.code, 0, "2026.4.5 accepted models.bedrockDiscovery");
    assert.match(before.stdout + before.stderr, /bedrockDiscovery/);
    const migrate = await runCli(["config", "migrate"], { env });
    assert.equal(migrate.code, 0, migrate.stdout + migrate.stderr);
    const after = await openclaw(["config", "validate"]);
    assert.equal(after.code, 0, `2026.4.5 refused the migrated file:\n${after.stdout}${after.stderr}\n${sb.readConfig()}`);
    const region = await openclaw(["config", "get", `${PLUGIN}.region`]);
    assert.match(region.stdout, /eu-central-1/, region.stdout + region.stderr);
  } finally {
    sb.cleanup();
  }
});
