// The real OpenClaw 2026.9.6 runs turns on today's Claude profiles through this plugin, against an emulator that
// applies the service's rules for them: no sampling parameter is sent, and `--thinking high` is adaptive thinking
// with effort high.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { envKeys } from "../helpers/bedrock-env.ts";
import { openClawWithPlugin, parseJsonOutput, type OpenClawRun } from "../helpers/openclaw.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { fixtureCatalog, withLatestModels } from "../emulator/bedrock.ts";

let oc: OpenClawRun;
let emulator: Emulator;
const REPLY = "Hello from today's Claude, through the amazon-bedrock plugin.";

before(async () => {
  emulator = await startEmulator({ catalog: withLatestModels(fixtureCatalog()), replyText: REPLY });
  oc = await openClawWithPlugin();
  oc.setDiscovery(undefined);
});
after(async () => {
  await emulator?.stop();
  oc?.cleanup();
});

const env = () => oc.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-east-1", ...envKeys() });
const converseCalls = () => emulator.requests.filter((r) => r.operation === "ConverseStream");

for (const profile of ["us.anthropic.claude-opus-4-7", "global.anthropic.claude-sonnet-5"]) {
  for (const thinking of [undefined, "high"]) {
    test(`openclaw infer model run on ${profile}${thinking ? ` --thinking ${thinking}` : " with OpenClaw's defaults"}: the reply, no temperature${thinking || profile.includes("sonnet-5") ? ", adaptive thinking at effort high" : ""}`, async () => {
      const before = converseCalls().length;
      const args = ["infer", "model", "run", "--model", `amazon-bedrock/${profile}`, "--prompt", "hi", "--json", ...(thinking ? ["--thinking", thinking] : [])];
      const out = await oc.run(args, env(), { timeoutMs: 240_000 });
      assert.equal(out.code, 0, out.stdout + out.stderr);
      const result = parseJsonOutput(out.stdout);
      assert.equal(result.ok, true, JSON.stringify(result));
      assert.equal(result.outputs[0].text, REPLY);
      const calls = converseCalls().slice(before);
      assert.deepEqual(calls.map((c) => c.status), [200], "accepted the first time");
      const sent = calls[0]!.converse!;
      assert.equal(sent.inferenceConfig?.temperature, undefined);
      assert.equal(sent.inferenceConfig?.topP, undefined);
      assert.equal(sent.inferenceConfig?.maxTokens, 128_000, "the model's own output limit");
      // Sonnet 5 always thinks: OpenClaw's default (no level) is its default effort, named.
      if (thinking || profile.includes("sonnet-5")) assert.deepEqual(sent.additionalModelRequestFields, { thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "high" } });
      else assert.equal(sent.additionalModelRequestFields, undefined, "Opus 4.7 thinks only when asked");
    });
  }
}

// OpenClaw offers xhigh and max from each model's row (what a model lacks is clamped: test/e2e/latest-models.test.ts).
for (const [profile, thinking, effort] of [
  ["us.anthropic.claude-opus-4-7", "xhigh", "xhigh"],
  ["us.anthropic.claude-sonnet-4-6", "max", "max"],
] as const) {
  test(`--thinking ${thinking} on ${profile} is effort ${effort}`, async () => {
    const before = converseCalls().length;
    const out = await oc.run(["infer", "model", "run", "--model", `amazon-bedrock/${profile}`, "--prompt", "hi", "--json", "--thinking", thinking], env(), { timeoutMs: 240_000 });
    assert.equal(out.code, 0, out.stdout + out.stderr);
    const calls = converseCalls().slice(before);
    assert.deepEqual(calls.map((c) => c.status), [200]);
    assert.deepEqual(calls[0]!.converse!.additionalModelRequestFields?.output_config, { effort });
  });
}
