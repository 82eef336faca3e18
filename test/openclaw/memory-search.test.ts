// OpenClaw 2026.9.6's memory search on the plugin's `bedrock` embeddings, against the emulator: a folder of notes
// indexed through InvokeModel, `memory search` finding the note that answers, and a bad choice reported with its fix.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { envKeys } from "../helpers/bedrock-env.ts";
import { openClawWithPlugin, parseJsonOutput, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";

let oc: OpenClawRun;
let emulator: Emulator;
let installed: Record<string, any>;
let notesDir: string;

const NOTES: Record<string, string> = {
  "garden.md": "# Garden\nThe tomatoes in the greenhouse need watering every morning; the basil grows beside them.\n",
  "taxes.md": "# Taxes\nFile the quarterly tax return and keep every invoice receipt in the blue folder.\n",
  "travel.md": "# Travel\nThe train to Lisbon leaves at nine; pack the passport and the phone charger.\n",
};

before(async () => {
  emulator = await startEmulator();
  oc = await openClawWithPlugin();
  installed = JSON.parse(oc.sb.readConfig());
  notesDir = path.join(oc.sb.home, "notes");
  fs.mkdirSync(notesDir);
  for (const [name, text] of Object.entries(NOTES)) fs.writeFileSync(path.join(notesDir, name), text);
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});

const env = (extra: Record<string, string> = {}) => oc.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", ...envKeys(), ...extra });

/** An environment that records which of the plugin's modules the process loads (test/openclaw/load-marker.mjs). */
function markedEnv(): { env: NodeJS.ProcessEnv; loaded(): string[] } {
  const marker = path.join(oc.sb.dir, `loaded-${Date.now()}.txt`);
  return {
    env: env({ BEDROCK_LOAD_MARKER: marker, NODE_OPTIONS: `--import ${path.join(import.meta.dirname, "load-marker.mjs")}` }),
    loaded: () => (fs.existsSync(marker) ? [...new Set(fs.readFileSync(marker, "utf8").trim().split("\n").map((line) => path.basename(line)))].sort() : []),
  };
}
const embeddingCalls = () => emulator.requests.filter((r) => r.operation === "InvokeModel");

/** memory.search as OpenClaw's docs give it for Bedrock, over the notes folder. */
function useMemorySearch(search: Record<string, unknown>): void {
  const config = structuredClone(installed);
  config.memory = { search: { provider: "bedrock", extraPaths: [notesDir], ...search } };
  oc.sb.writeConfig(`${JSON.stringify(config, null, 2)}\n`);
}

test("memory index embeds the notes through InvokeModel and memory search finds the one that answers", async () => {
  useMemorySearch({ model: "amazon.titan-embed-text-v2:0", outputDimensionality: 512 });
  const marked = markedEnv();
  const index = await oc.run(["memory", "index", "--force"], marked.env);
  assert.equal(index.code, 0, index.stdout + index.stderr);
  const modules = marked.loaded();
  assert.ok(modules.includes("plugin-embedding-provider.cjs"), `loaded: ${modules.join(", ")}`);
  assert.ok(!modules.includes("transport-stream-fn.cjs") && !modules.includes("plugin-cli.cjs"), `an index loads no turn transport and no CLI: ${modules.join(", ")}`);
  assert.match(index.stdout, /3 files indexed/);
  const indexed = embeddingCalls();
  assert.equal(indexed.length, 3, "one InvokeModel per note (Titan takes one text a request)");
  for (const call of indexed) {
    assert.equal(call.modelId, "amazon.titan-embed-text-v2:0");
    assert.equal(call.status, 200);
    assert.equal(call.embedding!.dimensions, 512);
  }
  assert.deepEqual(indexed.map((call) => call.embedding!.texts[0]!.split("\n")[0]).sort(), ["# Garden", "# Taxes", "# Travel"]);

  const search = await oc.run(["memory", "search", "where do I keep the invoice receipts", "--json"], env());
  assert.equal(search.code, 0, search.stdout + search.stderr);
  const { results } = parseJsonOutput<{ results: { path: string; vectorScore?: number }[] }>(search.stdout);
  assert.equal(path.basename(results[0]!.path), "taxes.md");
  assert.ok((results[0]!.vectorScore ?? 0) > 0, "ranked by its vector, not by keywords alone");
  const query = embeddingCalls().slice(indexed.length);
  assert.deepEqual(query.map((call) => call.embedding!.texts), [["where do I keep the invoice receipts"]]);
});

test("Cohere v4 sends a file's chunks in one request, documents and the query told apart", async () => {
  emulator.requests.length = 0;
  // Long enough for OpenClaw to cut it into several chunks (it embeds a file's chunks together).
  const journal = Array.from({ length: 24 }, (_, i) => `Day ${i}: the lighthouse keeper logged weather, ships and lamp oil number ${i} in the journal.`).join("\n");
  fs.writeFileSync(path.join(notesDir, "journal.md"), `# Journal\n${journal}\n`);
  useMemorySearch({ model: "cohere.embed-v4:0", outputDimensionality: 256 });
  const index = await oc.run(["memory", "index", "--force"], env());
  assert.equal(index.code, 0, index.stdout + index.stderr);
  const search = await oc.run(["memory", "search", "train to Lisbon", "--json"], env());
  assert.equal(search.code, 0, search.stdout + search.stderr);
  assert.equal(path.basename(parseJsonOutput(search.stdout).results[0].path), "travel.md");
  const calls = embeddingCalls().map((call) => call.embedding!);
  assert.ok(calls.every((call) => call.dimensions === 256 && call.texts.length <= 96));
  assert.ok(calls.some((call) => call.texts.length > 1 && call.texts.every((text) => /lighthouse/.test(text))), "the journal's chunks went in one request");
  assert.deepEqual(calls.map((call) => call.purpose), [...calls.slice(0, -1).map(() => "document"), "query"]);
  fs.rmSync(path.join(notesDir, "journal.md"));
});

test("a dimension the model does not return is reported by memory status with the values it takes, and nothing is sent", async () => {
  emulator.requests.length = 0;
  useMemorySearch({ model: "amazon.titan-embed-text-v2:0", outputDimensionality: 768 });
  const status = await oc.run(["memory", "status", "--deep"], env());
  assert.match(status.stdout + status.stderr, /outputDimensionality 768 is not one amazon\.titan-embed-text-v2:0 returns: use 256, 512, 1024/);
  assert.equal(embeddingCalls().length, 0);
});

test("memory search on another provider loads none of the plugin's embedding code", async () => {
  useMemorySearch({ provider: "none" });
  const marked = markedEnv();
  const status = await oc.run(["memory", "status"], marked.env);
  assert.equal(status.code, 0, status.stdout + status.stderr);
  assert.ok(!marked.loaded().includes("plugin-embedding-provider.cjs"), `loaded: ${marked.loaded().join(", ")}`);
});
