// One process of the stream benchmark: N turns of a long reply through either a bare AWS SDK ConverseStream
// loop ("sdk") or this project's transport as OpenClaw runs it ("transport"); prints medians and peak RSS as JSON.
// "sdk-settings" and "transport-settings" send the same turn with a guardrail, a service tier and a latency, to the
// endpoint as a configured (private-style) endpoint: the transport through its config and the model's baseUrl.
//   node scripts/bench/stream-turns.mjs <sdk|transport|sdk-settings|transport-settings> <turns>      (AWS_* point at the emulator)
import { createRequire } from "node:module";

const [mode, turnsArg] = process.argv.slice(2);
const turns = Number(turnsArg ?? 5);
const warmup = 2;
const modelId = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const now = () => Number(process.hrtime.bigint()) / 1e6;
const withSettings = mode.endsWith("-settings");
const SETTINGS = {
  guardrailConfig: { guardrailIdentifier: "gr1emulator01", guardrailVersion: "1", streamProcessingMode: "sync" },
  serviceTier: { type: "default" },
  performanceConfig: { latency: "standard" },
};
const pluginConfig = {
  plugins: {
    entries: {
      "amazon-bedrock": { config: { guardrail: SETTINGS.guardrailConfig, serviceTier: SETTINGS.serviceTier.type, performanceConfig: SETTINGS.performanceConfig } },
    },
  },
};

async function sdkTurn(client, ConverseStreamCommand) {
  const started = now();
  let first;
  let deltas = 0;
  let text = ""; // a loop that keeps its reply, as any caller must
  const response = await client.send(
    new ConverseStreamCommand({
      modelId,
      messages: [{ role: "user", content: [{ text: "Tell me a long story." }] }],
      inferenceConfig: { maxTokens: 64_000 },
      ...(withSettings ? SETTINGS : {}),
    }),
  );
  for await (const event of response.stream) {
    if (event.contentBlockDelta?.delta?.text !== undefined) {
      first ??= now();
      deltas++;
      text += event.contentBlockDelta.delta.text;
    }
  }
  if (text.length === 0) throw new Error("no reply");
  return { ttft: first - started, total: now() - started, deltas };
}

async function transportTurn(streamTurn) {
  const started = now();
  let first;
  let deltas = 0;
  const baseUrl = withSettings ? process.env.AWS_ENDPOINT_URL : `https://bedrock-runtime.${process.env.AWS_REGION}.amazonaws.com`;
  const model = { id: modelId, api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl, maxTokens: 64_000 };
  const stream = streamTurn(withSettings ? pluginConfig : {}, model, { messages: [{ role: "user", content: "Tell me a long story." }] }, {});
  for await (const event of stream) {
    if (event.type === "text_delta") {
      first ??= now();
      deltas++;
    }
  }
  const message = await stream.result();
  if (message.stopReason !== "stop") throw new Error(`turn failed: ${message.errorMessage}`);
  return { ttft: first - started, total: now() - started, deltas };
}

let runTurn;
if (mode.startsWith("sdk")) {
  const { BedrockRuntimeClient, ConverseStreamCommand } = await import("@aws-sdk/client-bedrock-runtime");
  const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION });
  runTurn = () => sdkTurn(client, ConverseStreamCommand);
} else {
  const { streamTurn } = createRequire(import.meta.url)("../../dist/transport-stream-fn.cjs");
  runTurn = () => transportTurn(streamTurn);
}

const results = [];
for (let i = 0; i < warmup + turns; i++) {
  const result = await runTurn();
  if (i >= warmup) results.push(result);
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
process.stdout.write(
  `${JSON.stringify({ ttftMs: median(results.map((r) => r.ttft)), totalMs: median(results.map((r) => r.total)), deltas: results[0].deltas, rssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
process.exit(0);
