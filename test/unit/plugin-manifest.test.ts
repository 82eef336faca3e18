// register() declares what openclaw.plugin.json declares (OpenClaw reads the manifest without loading code, then
// the plugin's own registration): the same id, name, CLI root and provider env markers, read from the manifest.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import plugin from "../../src/plugin/index.ts";
import { repoRoot } from "../helpers/cli.ts";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "openclaw.plugin.json"), "utf8"));

test("the plugin's registration and its manifest say the same", () => {
  const registered: { cli?: unknown; provider?: Record<string, unknown> } = {};
  const api = {
    registrationMode: "discovery",
    pluginConfig: {},
    registerCli: (_registrar: unknown, options: { descriptors: unknown }) => (registered.cli = options.descriptors),
    registerProvider: (provider: Record<string, unknown>) => (registered.provider = provider),
  };
  plugin.register(api as never);
  assert.equal(plugin.id, manifest.id);
  assert.equal(plugin.name, manifest.name);
  assert.deepEqual(registered.cli, manifest.cliCommands);
  assert.equal(registered.provider?.id, manifest.providers[0]);
  assert.deepEqual(registered.provider?.envVars, manifest.setup.providers[0].envVars);
});
