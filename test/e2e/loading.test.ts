// What each command loads (issue 6): no AWS SDK where no network call is made, no commander on a plain command
// line, and none of Node's network or crypto modules on the config commands and a cache-fresh `models list`.
// A preload records the bundles required and Node's module list at exit; nothing here times anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { runCli, type Sandbox } from "../helpers/cli.ts";
import { emulatorEnv, envKeys, useEmulatorAndSandbox } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(() => startEmulator({ imds: false }), (state) => ({ emulator, sb } = state));

interface Loaded {
  bundles: string[];
  builtins: string[];
}

async function loadedBy(args: string[], extra: Record<string, string | undefined> = {}): Promise<Loaded> {
  const report = path.join(sb.dir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const preload = path.join(sb.dir, "record-loading.cjs");
  fs.writeFileSync(
    preload,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(report)}, JSON.stringify({
      bundles: Object.keys(require.cache).filter((f) => f.includes("/dist/")).map((f) => require("node:path").basename(f)),
      builtins: process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13)),
    })));`,
  );
  const r = await runCli(args, { env: emulatorEnv(sb, emulator, { ...envKeys(), ...extra, NODE_OPTIONS: `--require ${preload}` }) });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(fs.readFileSync(report, "utf8")) as Loaded;
}

const NETWORK_OR_CRYPTO = ["http", "https", "http2", "net", "tls", "crypto", "zlib"];

function assertLight(loaded: Loaded, command: string): void {
  const sdk = loaded.bundles.filter((b) => b.startsWith("bedrock-"));
  assert.deepEqual(sdk, [], `${command} loads no AWS SDK bundle`);
  assert.ok(!loaded.bundles.includes("commander-main.cjs"), `${command} is read without commander`);
  const heavy = loaded.builtins.filter((m) => NETWORK_OR_CRYPTO.includes(m));
  assert.deepEqual(heavy, [], `${command} loads none of Node's network or crypto modules`);
}

test("config get, set, unset, file and validate load no SDK, no commander, no network or crypto module", async () => {
  sb.writeConfig('{\n  // note\n  plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: true } } } } },\n}\n');
  assertLight(await loadedBy(["config", "get", "plugins.entries.amazon-bedrock.config.discovery.enabled"]), "config get");
  assertLight(await loadedBy(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.region", "eu-central-2"]), "config set");
  assertLight(await loadedBy(["config", "unset", "plugins.entries.amazon-bedrock.config.discovery.region"]), "config unset");
  assertLight(await loadedBy(["config", "file"]), "config file");
  assertLight(await loadedBy(["config", "validate"]), "config validate");
});

test("models list with a fresh cache loads no SDK; --refresh does, and only the discovery bundle", async () => {
  sb.writeConfig("{ models: { bedrockDiscovery: { enabled: true } } }");
  const refresh = await loadedBy(["models", "list", "--refresh"]);
  assert.ok(refresh.bundles.includes("bedrock-fetch-catalog.cjs"), refresh.bundles.join(", "));
  for (const lazy of ["doctor-aws-calls.cjs", "aws-proxy-agents.cjs", "bedrock-lazy-credential-provider-node.cjs", "bedrock-lazy-token-providers.cjs"]) {
    assert.ok(!refresh.bundles.includes(lazy), `--refresh with env keys and no proxy loads no ${lazy}`);
  }
  assertLight(await loadedBy(["models", "list"]), "models list (fresh cache)");
  assertLight(await loadedBy(["models", "list", "--json"]), "models list --json (fresh cache)");
});

test("--help loads commander but no SDK", async () => {
  const help = await loadedBy(["--help"]);
  assert.ok(help.bundles.includes("commander-main.cjs"));
  assert.deepEqual(help.bundles.filter((b) => b.startsWith("bedrock-")), []);
});
