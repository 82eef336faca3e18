// One process of the stream benchmark: N turns of a long reply through either a bare AWS SDK ConverseStream
// loop ("sdk") or this project's transport as OpenClaw runs it ("transport"); prints medians and peak RSS as JSON.
//   node scripts/bench/stream-turns.mjs <sdk|transport> <turns>      (AWS_* point at the emulator)
import { createRequire } from "node:module";

const [mode, turnsArg] = process.argv.slice(2);
const turns = Number(turnsArg ?? 5);
const warmup = 2;
const modelId = "us.anthropic.claude-haiku-4-5-20251001-v1:0";
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function sdkTurn(client, ConverseStreamCommand) {
  const started = now();
  let first;
  let deltas = 0;
  let text = ""; // a loop that keeps its reply, as any caller must
  const response = await client.send(
    new ConverseStreamCommand({ modelId, messages: [{ role: "user", content: [{ text: "Tell me a long story." }] }], inferenceConfig: { maxTokens: 64_000 } }),
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
  const model = { id: modelId, api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl: `https://bedrock-runtime.${process.env.AWS_REGION}.amazonaws.com`, maxTokens: 64_000 };
  const stream = streamTurn({}, model, { messages: [{ role: "user", content: "Tell me a long story." }] }, {});
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
if (mode === "sdk") {
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
