// A discovery cache that is valid JSON but holds bad entries is a cache miss with one note, never a crash: in
// `models list`, and in the plugin's resolveDynamicModel and catalog.run that OpenClaw calls.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { makeSandbox, runCli } from "../helpers/cli.ts";
import { emulatorEnv, envKeys } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { resolveDynamicModel } from "../../src/plugin/dynamic-model.ts";
import { runCatalog } from "../../src/plugin/catalog.ts";
import { scenario } from "./harness.ts";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ imds: false });
});
after(() => emulator.stop());

const damages: [string, (entry: Record<string, unknown>) => void][] = [
  ["models: [null]", (e) => (e.models = [null])],
  ["models: [{}]", (e) => (e.models = [{}])],
  ['models: [{"id": 5}]', (e) => (e.models = [{ id: 5 }])],
  ["a model without limits", (e) => (e.models = [{ ...(e.models as object[])[0], contextWindow: "big" }])],
  ["warnings: [null]", (e) => (e.warnings = [null])],
  ["leftOut: [null]", (e) => (e.leftOut = [null])],
  ["leftOut missing", (e) => delete e.leftOut],
];

const CONFIG = '{\n  models: { bedrockDiscovery: { enabled: true, region: "us-west-2" } },\n}\n';

test("a cache with bad entries: models list fetches again, says so once, and never crashes; the plugin's hooks neither", async () => {
  const sb = makeSandbox();
  try {
    sb.writeConfig(CONFIG);
    const env = emulatorEnv(sb, emulator, envKeys());
    const first = await runCli(["models", "list", "--json"], { env });
    assert.equal(first.code, 0, first.stderr);
    const cacheDir = path.join(sb.stateDir, "cache");
    const [name] = fs.readdirSync(cacheDir).filter((n) => n.startsWith("bedrock-models-"));
    const file = path.join(cacheDir, name!);
    const good = JSON.parse(fs.readFileSync(file, "utf8"));
    const modelId = good.models[0].id;
    for (const [what, damage] of damages) {
      await scenario("cache", `bad cache entry: ${what}`, async () => {
        const bad = structuredClone(good);
        bad.fetchedAt = Date.now();
        damage(bad);
        fs.writeFileSync(file, JSON.stringify(bad));
        // OpenClaw's hooks first, in this process, as OpenClaw calls them: no exception.
        const model = resolveDynamicModel({ provider: "amazon-bedrock", modelId } as never, env);
        assert.equal(model?.id, modelId);
        fs.writeFileSync(file, JSON.stringify(bad));
        const listed = await runCli(["models", "list", "--json"], { env });
        assert.equal(listed.code, 0, `${what}: ${listed.stderr}`);
        assert.doesNotMatch(listed.stderr, /unexpected failure/);
        const out = JSON.parse(listed.stdout);
        assert.equal(out.discovery.status, "ok", `${what}: fetched again`);
        assert.ok(out.count > 40);
        const notes = listed.stderr.split("\n").filter((l) => /cache/.test(l));
        assert.equal(notes.length, 1, `${what}: one note: ${listed.stderr}`);
        assert.ok(notes[0]!.includes(file), `${what}: names the file: ${notes[0]}`);
        const again = await runCli(["models", "list", "--json"], { env });
        assert.equal(JSON.parse(again.stdout).discovery.status, "cached");
        assert.doesNotMatch(again.stderr, /cache/, `${what}: said once`);
        // catalog.run with the damaged cache, in this process (whose environment the AWS SDK reads, as in OpenClaw's).
        fs.writeFileSync(file, JSON.stringify(bad));
        const saved = { ...process.env };
        Object.assign(process.env, env);
        let catalog: Awaited<ReturnType<typeof runCatalog>>;
        try {
          catalog = await runCatalog({ config: { models: { bedrockDiscovery: { enabled: true, region: "us-west-2" } } }, env } as never);
        } finally {
          for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
          Object.assign(process.env, saved);
        }
        assert.ok(catalog && catalog.provider.models.length > 40, `${what}: catalog.run lists the models`);
      });
    }
  } finally {
    sb.cleanup();
  }
});
