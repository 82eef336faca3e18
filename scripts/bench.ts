// `npm run bench`: each command as a whole process against the emulator; median wall time, ratio to `node -e 0`
// measured in the same run, and peak RSS; every budget printed as pass or fail.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmulator } from "../test/emulator/server.ts";
import { emulatorClientEnv } from "../test/emulator/client-env.ts";

const root = path.resolve(import.meta.dirname, "..");
const runs = Number(process.env.BENCH_RUNS ?? 15);
const warmup = 3;
const bin = path.join(root, "bin/openclaw-bedrock");
const rssPreload = path.join(root, "scripts/bench/report-rss.cjs");

interface Case {
  name: string;
  args: string[];
  /** Prepare state before each run (not timed). */
  before?: () => void;
}

interface Budget {
  name: string;
  ratioTo: "node" | "sdk";
  maxRatio: number;
  maxRssMiB: number;
}

const emulator = await startEmulator({ imds: false });
const home = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-bench-"));
const stateDir = path.join(home, ".openclaw");
fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
const configPath = path.join(stateDir, "openclaw.json");
// A realistic commented config (test/fixtures/openclaw-configs/01), discovery switched on.
const fixture = fs.readFileSync(path.resolve(root, "test/fixtures/openclaw-configs/01-donna-bot-telegram.json5"), "utf8");
fs.writeFileSync(configPath, fixture, { mode: 0o600 });

// NODE_* variables are left out of the measured processes: see docs/performance.md.
const env = emulatorClientEnv({ url: emulator.url, home, stateDir, stripNodeOptions: true });

function run(command: string, args: string[], rssFile?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, rssFile ? ["--require", rssPreload, ...args] : args, {
      env: rssFile ? { ...env, OPENCLAW_BENCH_RSS_FILE: rssFile } : env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const elapsed = performance.now() - started;
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}: ${stderr.trim()}`));
      else resolve(elapsed);
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `node -e 0` and the command alternately, so machine drift touches both alike; the ratio is
 * computed from the two medians of the same interleaved series.
 */
async function measure(c: { args: string[]; before?: () => void; command?: string }): Promise<{ ms: number; baseMs: number; rssMiB: number }> {
  const command = c.command ?? process.execPath;
  const times: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const baseMs = await run(process.execPath, ["-e", "0"]);
    c.before?.();
    const ms = await run(command, c.args);
    if (i >= warmup) {
      times.push(ms);
      base.push(baseMs);
    }
  }
  const rssFile = path.join(home, `rss-${Math.random().toString(36).slice(2)}`);
  for (let i = 0; i < 3; i++) {
    c.before?.();
    await run(command, c.args, rssFile);
  }
  const rss = fs.readFileSync(rssFile, "utf8").trim().split("\n").map(Number);
  return { ms: median(times), baseMs: median(base), rssMiB: Math.max(...rss) / 1024 };
}

let toggle = 0;
const cases: Case[] = [
  { name: "config get", args: [bin, "config", "get", "agents.defaults.model.primary"] },
  // Each run writes a different value, so every run really writes.
  { name: "config set", args: [bin, "config", "set", "models.bedrockDiscovery.refreshInterval", "3600"], before: () => rewriteArg(cases[1]!, String(3600 + (toggle++ % 2))) },
  { name: "models list (fresh cache)", args: [bin, "models", "list"] },
  { name: "models list --json (fresh cache)", args: [bin, "models", "list", "--json"] },
  { name: "models list --refresh", args: [bin, "models", "list", "--refresh"] },
  { name: "bedrock doctor --no-invoke", args: [bin, "bedrock", "doctor", "--no-invoke"] },
  { name: "bedrock doctor", args: [bin, "bedrock", "doctor"] },
];

function rewriteArg(c: Case, value: string): void {
  c.args[c.args.length - 1] = value;
}

const budgets: Record<string, Budget> = {
  "config get": { name: "config get", ratioTo: "node", maxRatio: 1.5, maxRssMiB: 90 },
  "config set": { name: "config set", ratioTo: "node", maxRatio: 1.5, maxRssMiB: 90 },
  "models list (fresh cache)": { name: "", ratioTo: "node", maxRatio: 2, maxRssMiB: 90 },
  "models list --json (fresh cache)": { name: "", ratioTo: "node", maxRatio: 2, maxRssMiB: 90 },
  "models list --refresh": { name: "", ratioTo: "sdk", maxRatio: 1.3, maxRssMiB: 90 },
  "bedrock doctor --no-invoke": { name: "", ratioTo: "node", maxRatio: 4, maxRssMiB: 130 },
  "bedrock doctor": { name: "", ratioTo: "node", maxRatio: 4, maxRssMiB: 130 },
};

process.stdout.write(`node ${process.version} on ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), ${runs} runs after ${warmup} warm-up, emulator at ${emulator.url}\n\n`);
// Discovery must be on and the cache warm for the fresh-cache rows.
await run(process.execPath, [bin, "config", "set", "models.bedrockDiscovery.enabled", "true"]);
await run(process.execPath, [bin, "models", "list"]);

const node = await measure({ args: ["-e", "0"] });
const sdk = await measure({ args: [path.join(root, "scripts/bench/sdk-floor.mjs")] });
const rows: string[][] = [
  ["node -e 0", node.ms.toFixed(1), "1.00x", node.rssMiB.toFixed(0), "", ""],
  ["SDK ListFoundationModels script", sdk.ms.toFixed(1), `${(sdk.ms / sdk.baseMs).toFixed(2)}x`, sdk.rssMiB.toFixed(0), "", ""],
];
let failures = 0;
// BENCH_ONLY=<text> measures only the commands whose name contains it.
const only = process.env.BENCH_ONLY;
for (const c of cases.filter((x) => !only || x.name.includes(only))) {
  const result = await measure(c);
  const budget = budgets[c.name]!;
  const ratio = budget.ratioTo === "node" ? result.ms / result.baseMs : result.ms / sdk.ms;
  const ok = ratio <= budget.maxRatio && result.rssMiB <= budget.maxRssMiB;
  if (!ok) failures++;
  rows.push([
    c.name,
    result.ms.toFixed(1),
    `${(result.ms / result.baseMs).toFixed(2)}x`,
    result.rssMiB.toFixed(0),
    `${ratio.toFixed(2)}x ${budget.ratioTo === "node" ? "node" : "SDK"} ≤ ${budget.maxRatio}x, RSS ≤ ${budget.maxRssMiB}`,
    ok ? "pass" : "FAIL",
  ]);
}
// BENCH_ONLY=stream or BENCH_ONLY=embeddings runs that group alone.
if (!only || "stream".includes(only)) failures += await streamBench(rows);
if (!only || "embeddings".includes(only)) failures += await embeddingsBench(rows);

const header = ["command", "median ms", "vs node", "peak RSS MiB", "budget", "result"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 4 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
process.stdout.write(`${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}\n\n`);
process.stdout.write(failures === 0 ? "bench: every budget passes\n" : `bench: ${failures} budget(s) failed\n`);
await emulator.stop();
fs.rmSync(home, { recursive: true, force: true });

/**
 * The transport against a bare AWS SDK ConverseStream loop on the same long reply (thousands of deltas), in
 * separate processes run alternately: time to first token, total time, and peak RSS as the reply grows tenfold.
 */
async function streamBench(into: string[][]): Promise<number> {
  const script = path.join(root, "scripts/bench/stream-turns.mjs");
  const turn = (mode: "sdk" | "transport" | "sdk-settings" | "transport-settings", deltas: number) =>
    new Promise<{ ttftMs: number; totalMs: number; deltas: number; rssMiB: number }>((resolve, reject) => {
      emulator.options.chunkSize = 4;
      emulator.options.replyText = "Once upon a time there was a gateway. ".repeat(Math.ceil((deltas * 4) / 38)).slice(0, deltas * 4);
      const child = spawn(process.execPath, [script, mode, "10"], { env: { ...env, AWS_REGION: "us-west-2" }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`stream bench ${mode} exited ${code}: ${err}`))));
    });
  const sdk: { ttftMs: number; totalMs: number; rssMiB: number }[] = [];
  const ours: typeof sdk = [];
  // Alternating which goes first, so neither always runs on a machine the other just warmed or loaded.
  for (let i = 0; i < 6; i++) {
    if (i % 2) ours.push(await turn("transport", 4000));
    sdk.push(await turn("sdk", 4000));
    if (!(i % 2)) ours.push(await turn("transport", 4000));
  }
  // The same turn with a guardrail, a service tier, a latency and a configured endpoint, against a bare SDK loop
  // sending the same fields: the settings may cost the transport nothing the SDK does not pay too.
  const sdkSet: number[] = [];
  const oursSet: number[] = [];
  for (let i = 0; i < 6; i++) {
    if (i % 2) oursSet.push((await turn("transport-settings", 4000)).totalMs);
    sdkSet.push((await turn("sdk-settings", 4000)).totalMs);
    if (!(i % 2)) oursSet.push((await turn("transport-settings", 4000)).totalMs);
  }
  const sdkLong = await turn("sdk", 40_000);
  const long = await turn("transport", 40_000);
  const mid = (values: number[]) => median(values);
  const s = { ttft: mid(sdk.map((r) => r.ttftMs)), total: mid(sdk.map((r) => r.totalMs)), rss: Math.max(...sdk.map((r) => r.rssMiB)) };
  const t = { ttft: mid(ours.map((r) => r.ttftMs)), total: mid(ours.map((r) => r.totalMs)), rss: Math.max(...ours.map((r) => r.rssMiB)) };
  const checks: [string, string, string, boolean][] = [
    ["stream: first token (4000 deltas)", `${t.ttft.toFixed(1)}`, `SDK ${s.ttft.toFixed(1)} ms + 5 ms`, t.ttft <= s.ttft + 5],
    ["stream: whole reply (4000 deltas)", `${t.total.toFixed(1)}`, `${(t.total / s.total).toFixed(2)}x SDK ≤ 1.1x`, t.total <= s.total * 1.1],
    [
      "stream: whole reply, guardrail + tier + latency + endpoint",
      `${mid(oursSet).toFixed(1)}`,
      `${(mid(oursSet) / mid(sdkSet)).toFixed(2)}x SDK (same fields) ≤ 1.1x`,
      mid(oursSet) <= mid(sdkSet) * 1.1,
    ],
    // Keeping a reply of 40000 pieces costs memory in any caller (the SDK loop keeps its text too); the
    // transport may add nothing that grows with the reply on top of that.
    [
      "stream: peak RSS growth, 4000 -> 40000 deltas",
      `${(long.rssMiB - t.rss).toFixed(0)} MiB`,
      `SDK loop's ${(sdkLong.rssMiB - s.rss).toFixed(0)} MiB + 4`,
      long.rssMiB - t.rss <= sdkLong.rssMiB - s.rss + 4,
    ],
  ];
  for (const [name, value, budget, ok] of checks) into.push([name, value, "", "", budget, ok ? "pass" : "FAIL"]);
  return checks.filter((c) => !c[3]).length;
}
/**
 * Memory-search indexing: 1,000 short notes through the plugin's `bedrock` provider (as OpenClaw loads it) against
 * a bare SDK InvokeModel loop with the same batching (96 for Cohere, one text for Titan and Nova) and concurrency
 * (4), in separate processes run alternately; then peak RSS at 250 and at 1,000 notes for both.
 */
async function embeddingsBench(into: string[][]): Promise<number> {
  const script = path.join(root, "scripts/bench/embed-notes.mjs");
  const index = (mode: "sdk" | "plugin", model: string, notes: number) =>
    new Promise<{ totalMs: number; rssMiB: number }>((resolve, reject) => {
      const child = spawn(process.execPath, [script, mode, model, String(notes)], { env: { ...env, AWS_REGION: "us-west-2", NODE_NO_WARNINGS: "1" }, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`embeddings bench ${mode} ${model} exited ${code}: ${err}`))));
    });
  const checks: [string, string, string, boolean][] = [];
  for (const [model, rounds] of [["cohere.embed-english-v3", 5], ["amazon.titan-embed-text-v2:0", 3], ["amazon.nova-2-multimodal-embeddings-v1:0", 3]] as const) {
    const runs = { sdk: { 250: [], 1000: [] }, plugin: { 250: [], 1000: [] } } as Record<"sdk" | "plugin", Record<250 | 1000, { totalMs: number; rssMiB: number }[]>>;
    // Alternating which goes first, for both sizes: the timed rows are the 1,000-note runs, the RSS rows use both.
    for (let i = 0; i < rounds; i++) {
      for (const notes of [1000, 250] as const) {
        const order = i % 2 ? (["plugin", "sdk"] as const) : (["sdk", "plugin"] as const);
        for (const mode of order) runs[mode][notes].push(await index(mode, model, notes));
      }
    }
    const at = (mode: "sdk" | "plugin", notes: 250 | 1000, key: "totalMs" | "rssMiB") => median(runs[mode][notes].map((r) => r[key]));
    const [s, t] = [at("sdk", 1000, "totalMs"), at("plugin", 1000, "totalMs")];
    checks.push([`embeddings: 1000 notes, ${model}`, t.toFixed(1), `${(t / s).toFixed(2)}x SDK (${s.toFixed(0)} ms) ≤ 1.2x`, t <= s * 1.2]);
    // Both keep the vectors they return (1,000 x 1,024 numbers); the provider may hold nothing per note on top.
    const growth = at("plugin", 1000, "rssMiB") - at("plugin", 250, "rssMiB");
    const sdkGrowth = at("sdk", 1000, "rssMiB") - at("sdk", 250, "rssMiB");
    checks.push([`embeddings: peak RSS growth, 250 -> 1000 notes, ${model}`, `${growth.toFixed(0)} MiB`, `SDK loop's ${sdkGrowth.toFixed(0)} MiB + 4`, growth <= sdkGrowth + 4]);
  }
  for (const [name, value, budget, ok] of checks) into.push([name, value, "", "", budget, ok ? "pass" : "FAIL"]);
  return checks.filter((c) => !c[3]).length;
}
process.exit(failures === 0 ? 0 : 1);
