import { test } from "node:test";
import assert from "node:assert/strict";
import { discoverBedrockModels } from "../../src/bedrock/discovery.ts";
import { startEmulator } from "../emulator/server.ts";
import { STATIC_USER } from "../emulator/identities.ts";
import { makeSandbox } from "../helpers/cli.ts";

test("concurrent callers in one process share one discovery request", async () => {
  const emulator = await startEmulator({ imds: false });
  const sb = makeSandbox();
  // The SDK's providers and endpoint settings read process.env (the CLI's runtime env is process.env).
  const saved = { ...process.env };
  try {
    const env = sb.env({ AWS_ENDPOINT_URL: emulator.url, AWS_REGION: "us-west-2", AWS_ACCESS_KEY_ID: STATIC_USER.accessKeyId, AWS_SECRET_ACCESS_KEY: STATIC_USER.secretAccessKey });
    for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
    Object.assign(process.env, env);
    const inputs = { config: {}, env: process.env, stateDir: sb.stateDir, refresh: true };
    const results = await Promise.all([discoverBedrockModels(inputs), discoverBedrockModels(inputs), discoverBedrockModels(inputs)]);
    for (const r of results) assert.equal(r.status, "ok");
    assert.equal(emulator.count("ListFoundationModels"), 1);
    assert.equal(results[0]!.models.length, results[2]!.models.length);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    sb.cleanup();
    await emulator.stop();
  }
});
