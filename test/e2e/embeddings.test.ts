// Memory-search embeddings through InvokeModel, against the emulator with the real AWS SDK: each model's request as
// its AWS documentation gives it (the emulator refuses anything else as Bedrock does), Cohere's batches of 96, the
// bounded concurrency for one-text models, throttles retried, and the refusals that send nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { envKeys, emulatorEnv, useEmulatorAndSandbox } from "../helpers/bedrock-env.ts";
import type { Sandbox } from "../helpers/cli.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { createEmbedder, EMBED_CONCURRENCY } from "../../src/embeddings/embedder.ts";
import { createBedrockEmbeddingProvider } from "../../src/plugin/embedding-provider.ts";
import { bedrockEmbeddingAdapter } from "../../src/plugin/embedding-adapter.ts";
import { EMBEDDING_MODELS } from "../../src/embeddings/models.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(
  () => startEmulator(),
  (state) => ({ emulator, sb } = state),
);

/** The AWS SDK reads process.env itself: the gateway's environment, pointed at the emulator. */
function gatewayEnv(): NodeJS.ProcessEnv {
  process.env = emulatorEnv(sb, emulator, envKeys());
  return process.env;
}

const NOTES = [
  "The tomatoes in the greenhouse need watering every morning.",
  "File the quarterly tax return and keep every invoice receipt in the blue folder.",
  "The train to Lisbon leaves at nine; pack the passport.",
];
const QUERY = "where is the invoice receipt folder";

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));
const invokes = () => emulator.requests.filter((r) => r.operation === "InvokeModel");

for (const model of EMBEDDING_MODELS) {
  test(`${model.id}: documents and a query embed at the model's dimension, and the query is nearest its note`, async () => {
    const dimensions = model.dimensions.at(-1)!;
    const { provider } = await createBedrockEmbeddingProvider({ config: {}, model: model.id, dimensions }, gatewayEnv());
    const vectors = await provider!.embedBatch(NOTES, { inputType: "document" });
    const query = await provider!.embed(QUERY, { inputType: "query" });
    assert.equal(vectors.length, NOTES.length);
    for (const vector of [...vectors, query]) assert.equal(vector.length, dimensions);
    const scores = vectors.map((vector) => cosine(query, vector));
    assert.equal(scores.indexOf(Math.max(...scores)), 1, `scores ${scores.join(", ")}`);
    const calls = invokes();
    assert.ok(calls.every((call) => call.status === 200 && call.modelId === model.id && call.service === "bedrock"));
    assert.equal(calls.length, model.batchSize === 1 ? NOTES.length + 1 : 2);
    // Cohere and Nova are told which side of the search a text is on.
    if (model.id.startsWith("cohere.") || model.id.startsWith("amazon.nova")) {
      assert.deepEqual(calls.map((call) => call.embedding!.purpose), [...(model.batchSize === 1 ? NOTES.map(() => "document") : ["document"]), "query"]);
    }
    assert.ok(calls.every((call) => call.embedding!.dimensions === dimensions));
  });
}

test("Cohere: 250 notes go in batches of at most 96, in order", async () => {
  const notes = Array.from({ length: 250 }, (_, i) => `note number ${i} about topic${i}`);
  const embedder = createEmbedder({ model: "cohere.embed-english-v3", env: gatewayEnv() });
  const vectors = await embedder.embed(notes, "document");
  assert.deepEqual(
    invokes().map((call) => call.embedding!.texts.length),
    [96, 96, 58],
  );
  // Each vector belongs to its own note: it is the one nearest that note embedded alone.
  const alone = await embedder.embed([notes[200]!], "document");
  assert.ok(cosine(alone[0]!, vectors[200]!) > 0.999);
});

test("Titan: one text per request, never more than EMBED_CONCURRENCY at once", async () => {
  emulator.fault("InvokeModel", { delayMs: 40 });
  const embedder = createEmbedder({ model: "amazon.titan-embed-text-v2:0", env: gatewayEnv() });
  await embedder.embed(Array.from({ length: 20 }, (_, i) => `text ${i}`), "document");
  assert.equal(invokes().length, 20);
  assert.equal(emulator.peakInvokeInFlight(), EMBED_CONCURRENCY);
});

test("a throttle is retried with backoff and the batch still succeeds", async () => {
  emulator.fault("InvokeModel", { error: "ThrottlingException", times: 2 });
  const embedder = createEmbedder({ model: "amazon.titan-embed-text-v2:0", env: gatewayEnv(), backoff: { baseMs: 5, capMs: 20 } });
  const [vector] = await embedder.embed(["hello"], "query");
  assert.equal(vector!.length, 1024);
  assert.deepEqual(invokes().map((call) => call.status), [429, 429, 200]);
});

test("a throttle that does not end fails after bounded retries, worded as a rate limit with the fix", async () => {
  emulator.fault("InvokeModel", { error: "ThrottlingException" });
  const embedder = createEmbedder({ model: "amazon.titan-embed-text-v2:0", env: gatewayEnv(), backoff: { baseMs: 1, capMs: 2 } });
  await assert.rejects(embedder.embed(["hello"], "query"), (error: Error) => {
    assert.match(error.message, /^429: Bedrock rate limit: Bedrock embeddings \(InvokeModel amazon\.titan-embed-text-v2:0\) failed: .*fix: /);
    assert.equal(error.name, "ThrottlingException");
    return true;
  });
  assert.equal(invokes().length, 5);
});

test("access denied names bedrock:InvokeModel on the model and is not retried", async () => {
  emulator.fault("InvokeModel", { error: "AccessDeniedException" });
  const embedder = createEmbedder({ model: "cohere.embed-v4:0", env: gatewayEnv() });
  await assert.rejects(embedder.embed(["hello"], "document"), /bedrock:InvokeModel/);
  assert.equal(invokes().length, 1);
});

test("a model or dimension the plugin does not know is refused with the choices, before anything is sent", async () => {
  assert.throws(() => createEmbedder({ model: "amazon.titan-embed-image-v1", env: gatewayEnv() }), /memory\.search\.model "amazon\.titan-embed-image-v1" is not a Bedrock embedding model .*amazon\.titan-embed-text-v2:0/);
  assert.throws(() => createEmbedder({ model: "amazon.titan-embed-text-v2:0", dimensions: 300, env: gatewayEnv() }), /outputDimensionality 300 is not one amazon\.titan-embed-text-v2:0 returns: use 256, 512, 1024/);
  assert.equal(invokes().length, 0);
});

test("a text over Titan's 50,000 characters is refused with what to do; Cohere v3 cuts it to 2,048 itself", async () => {
  const long = "word ".repeat(12_000);
  await assert.rejects(createEmbedder({ model: "amazon.titan-embed-text-v2:0", env: gatewayEnv() }).embed([long], "document"), /over amazon\.titan-embed-text-v2:0's limit of 50000: lower memory\.search/);
  assert.equal(invokes().length, 0);
  await createEmbedder({ model: "cohere.embed-multilingual-v3", env: gatewayEnv() }).embed([long], "document");
  assert.equal(invokes()[0]!.embedding!.texts[0]!.length, 2048);
});

test("the emulator refuses a request that strays from the model's schema, as Bedrock words it", async () => {
  const { BedrockRuntimeClient, InvokeModelCommand } = await import("@aws-sdk/client-bedrock-runtime");
  gatewayEnv();
  const client = new BedrockRuntimeClient({ region: "us-west-2", endpoint: emulator.url, credentials: { accessKeyId: envKeys().AWS_ACCESS_KEY_ID!, secretAccessKey: envKeys().AWS_SECRET_ACCESS_KEY! } });
  const send = (modelId: string, body: unknown) => client.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body), contentType: "application/json" }));
  await assert.rejects(send("amazon.titan-embed-text-v1", { inputText: "x", dimensions: 256 }), /Malformed input request: #: extraneous key \[dimensions\] is not permitted/);
  await assert.rejects(send("cohere.embed-english-v3", { texts: ["x"] }), /required key \[input_type\] not found/);
  await assert.rejects(send("cohere.embed-v4:0", { texts: ["x"], input_type: "search_document", truncate: "END" }), /#\/truncate: "END" is not a valid enum value/);
  await assert.rejects(send("amazon.nova-2-multimodal-embeddings-v1:0", { taskType: "SINGLE_EMBEDDING", singleEmbeddingParams: { embeddingPurpose: "GENERIC_INDEX", embeddingDimension: 512, text: { truncationMode: "END", value: "x" } } }), /embeddingDimension: 512 is not a valid enum value/);
  client.destroy();
});

test("the adapter names itself bedrock, defaults to Titan v2, and keys its index on model and dimension", () => {
  assert.equal(bedrockEmbeddingAdapter.id, "bedrock");
  assert.equal(bedrockEmbeddingAdapter.defaultModel, "amazon.titan-embed-text-v2:0");
  assert.equal(bedrockEmbeddingAdapter.normalizeModel!({ config: {}, model: "bedrock/cohere.embed-v4:0" }), "cohere.embed-v4:0");
  assert.deepEqual(bedrockEmbeddingAdapter.resolveIndexIdentity!({ config: {}, model: "cohere.embed-v4:0" }).cacheKeyData, { provider: "bedrock", model: "cohere.embed-v4:0", dimensions: 1536 });
});

test("a geo inference-profile id is sent as written, a bedrock/ prefix taken off", async () => {
  const embedder = createEmbedder({ model: "bedrock/us.cohere.embed-v4:0", dimensions: 256, env: gatewayEnv() });
  await embedder.embed(["hello"], "query");
  assert.deepEqual(invokes().map((call) => [call.modelId, call.embedding!.dimensions, call.embedding!.purpose]), [["us.cohere.embed-v4:0", 256, "query"]]);
});

test("calls made at the same time share the bound: two files of 10 notes never have more than EMBED_CONCURRENCY in flight", async () => {
  emulator.fault("InvokeModel", { delayMs: 30 });
  const embedder = createEmbedder({ model: "amazon.nova-2-multimodal-embeddings-v1:0", dimensions: 256, env: gatewayEnv() });
  const file = (name: string) => Array.from({ length: 10 }, (_, i) => `${name} line ${i}`);
  const [a, b] = await Promise.all([embedder.embed(file("alpha"), "document"), embedder.embed(file("beta"), "document")]);
  assert.equal(a.length + b.length, 20);
  assert.equal(emulator.peakInvokeInFlight(), EMBED_CONCURRENCY);
});

test("an aborted index stops: what was waiting is never sent", async () => {
  emulator.fault("InvokeModel", { delayMs: 50 });
  const embedder = createEmbedder({ model: "amazon.titan-embed-text-v2:0", env: gatewayEnv() });
  const controller = new AbortController();
  const running = embedder.embed(Array.from({ length: 40 }, (_, i) => `note ${i}`), "document", controller.signal);
  setTimeout(() => controller.abort(new Error("memory index cancelled")), 20);
  await assert.rejects(running, /cancelled|abort/i);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.ok(invokes().length <= EMBED_CONCURRENCY, `${invokes().length} requests sent`);
});
