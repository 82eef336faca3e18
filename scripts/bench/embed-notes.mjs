// One process of the embeddings benchmark: N short notes embedded for indexing, either through the plugin's
// `bedrock` memory-search provider as OpenClaw loads it ("plugin": dist/plugin-embedding-provider.cjs) or a bare
// AWS SDK InvokeModel loop with the same batching and concurrency ("sdk"); prints the time and peak RSS as JSON.
//   node scripts/bench/embed-notes.mjs <sdk|plugin> <model> <notes>      (AWS_* point at the emulator)
import { createRequire } from "node:module";

const [mode, modelId, notesArg] = process.argv.slice(2);
const count = Number(notesArg ?? 1000);
const DIMENSIONS = 1024;
const CONCURRENCY = 4; // the provider's EMBED_CONCURRENCY
const now = () => Number(process.hrtime.bigint()) / 1e6;
const notes = (n, salt) => Array.from({ length: n }, (_, i) => `Note ${salt}-${i}: the meeting about project ${i % 37} moved to room ${i % 11}; bring the ${["budget", "roadmap", "draft", "invoice"][i % 4]}.`);

/** The bare loop: the model's request body by hand, batches of 96 for Cohere, one text otherwise, 4 at a time. */
async function sdkLoop() {
  const { BedrockRuntimeClient, InvokeModelCommand } = await import("@aws-sdk/client-bedrock-runtime");
  const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION, maxAttempts: 1 });
  const cohere = modelId.startsWith("cohere.");
  const body = (texts) =>
    cohere
      ? { texts, input_type: "search_document", truncate: "END", embedding_types: ["float"] }
      : modelId.startsWith("amazon.nova")
        ? { schemaVersion: "nova-multimodal-embed-v1", taskType: "SINGLE_EMBEDDING", singleEmbeddingParams: { embeddingPurpose: "GENERIC_INDEX", embeddingDimension: DIMENSIONS, text: { truncationMode: "END", value: texts[0] } } }
        : { inputText: texts[0], dimensions: DIMENSIONS, normalize: true };
  const vectorsOf = (json) => (cohere ? json.embeddings.float : modelId.startsWith("amazon.nova") ? [json.embeddings[0].embedding] : [json.embedding]);
  return async (texts) => {
    const size = cohere ? 96 : 1;
    const batches = [];
    for (let at = 0; at < texts.length; at += size) batches.push(texts.slice(at, at + size));
    const out = new Array(batches.length);
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const i = next++;
        const response = await client.send(new InvokeModelCommand({ modelId, body: JSON.stringify(body(batches[i])), contentType: "application/json", accept: "application/json" }));
        out[i] = vectorsOf(JSON.parse(new TextDecoder().decode(response.body)));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return out.flat();
  };
}

async function pluginProvider() {
  const { createBedrockEmbeddingProvider } = createRequire(import.meta.url)("../../dist/plugin-embedding-provider.cjs");
  const { provider } = await createBedrockEmbeddingProvider({ config: {}, model: modelId, dimensions: DIMENSIONS });
  return (texts) => provider.embedBatch(texts, { inputType: "document" });
}

const embed = mode === "sdk" ? await sdkLoop() : await pluginProvider();
await embed(notes(8, "warm")); // connection, credentials, first-call costs
const started = now();
const vectors = await embed(notes(count, "run"));
const totalMs = now() - started;
if (vectors.length !== count || vectors.some((v) => v.length !== DIMENSIONS)) throw new Error(`expected ${count} vectors of ${DIMENSIONS}`);
process.stdout.write(JSON.stringify({ totalMs, rssMiB: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);
