// Messages that lead somewhere: a bad region is named where it really is and its fix ends the problem; a reply
// stream that stops sending says it timed out and how to raise the timeout (OPENCLAW_BEDROCK_TURN_TIMEOUT).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { makeSandbox, runCli } from "../helpers/cli.ts";
import { emulatorEnv, envKeys } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { streamTurn } from "../../src/transport/stream-fn.ts";
import type { AssistantMessageEvent, Model } from "../../src/transport/types.ts";
import { scenario } from "./harness.ts";
import { timed, timeoutFor } from "../helpers/timing.ts";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ imds: false, replyText: "Hello from the emulator, streamed in many small pieces." });
});
after(() => emulator.stop());

/** The commands of the fix printed for a failed discovery, in order. */
function fixCommands(stderr: string): string[] {
  const fixLine = /fix: (.*)$/m.exec(stderr.split("Bedrock discovery failed")[1] ?? "")?.[1] ?? "";
  return [...fixLine.matchAll(/openclaw-bedrock (config (?:set \S+ [^\s;,()]+|unset [^\s;,()]+))/g)].map((m) => m[1]!);
}

test("a bad models.bedrockDiscovery.region with no host version: named where it is, and following the fix ends it", async () => {
  const sb = makeSandbox();
  try {
    await scenario("messages", "bad region at models.bedrockDiscovery, host unknown", async () => {
      sb.writeConfig('{\n  models: { bedrockDiscovery: { enabled: true, region: "us-nowhere-9x" } },\n}\n');
      // No openclaw on PATH, no meta: the host's version is unknown.
      const env = emulatorEnv(sb, emulator, { ...envKeys(), AWS_REGION: undefined, PATH: "/usr/bin:/bin" });
      const list = await runCli(["models", "list"], { env });
      assert.match(list.stderr, /"us-nowhere-9x" \(from models\.bedrockDiscovery\.region\)/);
      const commands = fixCommands(list.stderr);
      assert.ok(commands.length > 0, list.stderr);
      const doctor = await runCli(["bedrock", "doctor", "--no-invoke", "--json"], { env });
      const region = JSON.parse(doctor.stdout).checks.find((c: { id: string }) => c.id === "region");
      assert.match(region.summary, /from models\.bedrockDiscovery\.region/);
      // Follow the fix as printed: the next run has a valid region.
      for (const command of commands) assert.equal((await runCli(command.split(" "), { env })).code, 0, command);
      const after = await runCli(["models", "list", "--json"], { env });
      assert.doesNotMatch(after.stderr, /is not an AWS region code/);
      assert.equal(JSON.parse(after.stdout).discovery.status, "ok");
    });
  } finally {
    sb.cleanup();
  }
});

test("a bad models.bedrockDiscovery.region on a host that reads the plugin's entry: the fix moves it, not loops", async () => {
  const sb = makeSandbox();
  try {
    await scenario("messages", "bad region at models.bedrockDiscovery, host 2026.9.6", async () => {
      sb.writeConfig('{\n  meta: { lastTouchedVersion: "2026.9.6" },\n  models: { bedrockDiscovery: { enabled: true, region: "us-nowhere-9x" } },\n}\n');
      const env = emulatorEnv(sb, emulator, { ...envKeys(), AWS_REGION: undefined, PATH: "/usr/bin:/bin" });
      const list = await runCli(["models", "list"], { env });
      assert.match(list.stderr, /"us-nowhere-9x" \(from models\.bedrockDiscovery\.region\)/);
      const commands = fixCommands(list.stderr);
      assert.ok(commands.length > 0, list.stderr);
      for (const command of commands) assert.equal((await runCli(command.split(" "), { env })).code, 0, command);
      const after = await runCli(["models", "list", "--json"], { env });
      assert.doesNotMatch(after.stderr, /is not an AWS region code/);
    });
  } finally {
    sb.cleanup();
  }
});

test("a turn whose reply stream stops sending says it timed out and names OPENCLAW_BEDROCK_TURN_TIMEOUT", async () => {
  const sb = makeSandbox();
  const saved = process.env;
  try {
    await scenario("messages", "a stalled reply stream", async () => {
      const model = { id: "us.anthropic.claude-haiku-4-5-20251001-v1:0", api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com", maxTokens: 1000 } as Model;
      const turn = async (timeoutSeconds: number) => {
        // The AWS SDK reads process.env itself, as in a gateway.
        process.env = emulatorEnv(sb, emulator, { ...envKeys(), OPENCLAW_BEDROCK_TURN_TIMEOUT: String(timeoutSeconds) });
        const events: AssistantMessageEvent[] = [];
        for await (const event of streamTurn({}, model, { messages: [{ role: "user", content: "hi" }] } as never, {}, process.env)) events.push(event);
        return events;
      };
      // 1 s, or more on a machine so busy that the reply's first pieces need it (a whole turn, twice over).
      const { ms } = await timed(() => turn(60));
      const timeout = timeoutFor(ms, 1);
      emulator.fault("ConverseStream", { streamStall: { afterChunks: 2 } });
      const events = await turn(timeout);
      const error = events.find((e) => e.type === "error") as { error?: { errorMessage?: string } } | undefined;
      const message = error?.error?.errorMessage ?? "";
      assert.ok(message, "the turn ends in an error");
      assert.doesNotMatch(message, /nothing here knows/);
      assert.match(message, new RegExp(`timed out after ${timeout} ?s`));
      assert.match(message, new RegExp(`OPENCLAW_BEDROCK_TURN_TIMEOUT=<seconds> \\(now ${timeout}\\)`));
    });
  } finally {
    process.env = saved;
    emulator.clearFaults();
    sb.cleanup();
  }
});
