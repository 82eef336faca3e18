// The discovered provider goes into the agent's models.json (which OpenClaw's plain `models list` reads) without
// disturbing anything else in the file.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { publishToModelsFile } from "../../src/plugin/host-models-file.ts";
import { makeSandbox } from "../helpers/cli.ts";

const provider = (ids: string[]) => ({
  baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
  api: "bedrock-converse-stream",
  auth: "aws-sdk",
  models: ids.map((id) => ({ id, name: id, reasoning: false, input: ["text" as const], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, contextWindow: 200000, maxTokens: 64000 })),
});

function withHome(run: (env: NodeJS.ProcessEnv, file: string) => void): void {
  const sb = makeSandbox();
  try {
    run(sb.env(), path.join(sb.stateDir, "agents", "main", "agent", "models.json"));
  } finally {
    sb.cleanup();
  }
}
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

test("the provider is written beside the file's other providers, which stay as they were", () =>
  withHome((env, file) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ providers: { ollama: { baseUrl: "http://127.0.0.1:11434", api: "ollama", models: [] } } }));
    assert.deepEqual(publishToModelsFile(provider(["a", "b"]), env, "2026.7.35"), [file]);
    const doc = read(file);
    assert.deepEqual(Object.keys(doc.providers).sort(), ["amazon-bedrock", "ollama"]);
    assert.deepEqual(doc.providers["amazon-bedrock"].models.map((m: { id: string }) => m.id), ["a", "b"]);
    assert.equal(doc.providers.ollama.baseUrl, "http://127.0.0.1:11434");
    assert.equal(fs.statSync(file).mode & 0o777, 0o644, "the file keeps its mode");
  }));

test("a file that does not exist is created, private; the same discovery again writes nothing", () =>
  withHome((env, file) => {
    assert.deepEqual(publishToModelsFile(provider(["a"]), env, "2026.9.6"), [file]);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(publishToModelsFile(provider(["a"]), env, "2026.9.6"), []);
  }));

test("discovery turned off removes the entry; an entry written by hand and a file that is not JSON are left alone", () =>
  withHome((env, file) => {
    publishToModelsFile(provider(["a"]), env, "2026.6.35");
    publishToModelsFile(null, env, "2026.6.35");
    assert.deepEqual(read(file).providers, {});
    const handWritten = { providers: { "amazon-bedrock": { baseUrl: "https://proxy.example", api: "openai-completions", apiKey: "k", models: [{ id: "x" }] } } };
    fs.writeFileSync(file, JSON.stringify(handWritten));
    assert.deepEqual(publishToModelsFile(provider(["a"]), env, "2026.6.35"), []);
    assert.deepEqual(read(file), handWritten);
    fs.writeFileSync(file, "{ not json");
    assert.deepEqual(publishToModelsFile(provider(["a"]), env, "2026.6.35"), []);
    assert.equal(fs.readFileSync(file, "utf8"), "{ not json");
  }));

test("on 2026.5.12, whose list is its own built-in Bedrock discovery, and outside OpenClaw, nothing is written", () =>
  withHome((env, file) => {
    assert.deepEqual(publishToModelsFile(provider(["a"]), env, "2026.5.12"), []);
    assert.deepEqual(publishToModelsFile(provider(["a"]), env, undefined), []);
    assert.ok(!fs.existsSync(file));
  }));
