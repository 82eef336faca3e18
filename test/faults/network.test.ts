// Network faults against the emulator: every command ends within its timeout with a clear message, serves a
// stale cache where one exists, and leaks no secret.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { makeSandbox, runCli, type Sandbox } from "../helpers/cli.ts";
import { emulatorEnv, envKeys, instanceRole } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator, type Fault, type Operation } from "../emulator/server.ts";
import { assertNoSecrets, FULL, scenario } from "./harness.ts";
import { checkAgainstBaseline, timed } from "../helpers/timing.ts";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ imds: { region: "us-east-1" } });
});
after(() => emulator.stop());

/** The shortest timeout the commands get; on a loaded machine it grows with the command's own time (below). */
const MIN_TIMEOUT_SECONDS = 2;
/** Stands for the timeout in a command line or a fault, which is chosen when the scenario runs. */
const T = "<timeout>";

/** The short form (npm test) takes every other case; the full suite takes them all. */
function pick<T>(cases: T[]): T[] {
  return FULL ? cases : cases.filter((_, i) => i % 2 === 0);
}

const baselines = new Map<string, number>();

/** How long the same command takes without any fault, now, in a fresh sandbox (so no cache it writes is shared). */
async function baselineMs(args: string[], extra: Record<string, string | undefined>): Promise<number> {
  const key = JSON.stringify([args, extra]);
  if (!baselines.has(key)) {
    const fresh = makeSandbox();
    try {
      emulator.clearFaults();
      const generous = args.map((a) => (a === T ? "60" : a));
      const { ms } = await timed(() => runCli(generous, { env: emulatorEnv(fresh, emulator, { OPENCLAW_BEDROCK_TIMEOUT: "60", ...extra }) }));
      baselines.set(key, ms);
    } finally {
      fresh.cleanup();
    }
  }
  return baselines.get(key)!;
}

/**
 * Runs a command with `faults` in place; checks it ends in time, says something useful, and leaks nothing. The
 * timeout is at least 2 s, and twice what the whole command takes without the fault on this machine now: so a
 * step the fault does not touch never times out because the machine is busy (that failed a loaded `npm test`).
 */
async function faultScenario(sb: Sandbox, name: string, faults: [Operation, Fault][] | ((timeoutSeconds: number) => [Operation, Fault][]), args: string[], extra: Record<string, string | undefined> = envKeys()) {
  return scenario("network", name, async () => {
    const baseline = await baselineMs(args, extra);
    const timeoutSeconds = Math.max(MIN_TIMEOUT_SECONDS, Math.ceil((2 * baseline) / 1000));
    emulator.clearFaults();
    for (const [operation, fault] of typeof faults === "function" ? faults(timeoutSeconds) : faults) emulator.fault(operation, fault);
    const argv = args.map((a) => (a === T ? String(timeoutSeconds) : a));
    // Far past any timeout: a command still running then is hung, whatever the load.
    const { result: r, ms: elapsed } = await timed(() => runCli(argv, { env: emulatorEnv(sb, emulator, { OPENCLAW_BEDROCK_TIMEOUT: String(timeoutSeconds), ...extra }), timeoutMs: 60_000 + 10 * baseline }));
    emulator.clearFaults();
    assert.notEqual(r.signal, "SIGKILL", "the command had to be killed");
    // Each network step is bounded by the timeout; a command has at most a few steps in sequence. Measured
    // against the same command without the fault, in this run (a loaded machine slows both).
    checkAgainstBaseline(name, elapsed, baseline, timeoutSeconds * 1000 * 4);
    assert.doesNotMatch(r.stderr, /^\s+at .+\(.+:\d+:\d+\)$/m, "no stack trace");
    assert.doesNotMatch(r.stderr + r.stdout, /unexpected failure/);
    assertNoSecrets([r.stdout, r.stderr], [sb.dir]);
    return r;
  });
}

const listFaults: [string, [Operation, Fault][] | ((timeoutSeconds: number) => [Operation, Fault][])][] = [
  ["throttled on every call", [["ListFoundationModels", { error: "ThrottlingException" }]]],
  ["5xx", [["ListInferenceProfiles", { error: "InternalServerException" }]]],
  ["service unavailable", [["ListFoundationModels", { error: "ServiceUnavailableException" }]]],
  ["connection reset", [["ListFoundationModels", { reset: true }]]],
  ["delay past the timeout", (timeoutSeconds) => [["ListFoundationModels", { delayMs: timeoutSeconds * 1000 + 1500 }]]],
  ["endpoint hangs", [["ListInferenceProfiles", { hang: true }]]],
];

test("models list under each network fault: ends in time, names the cause and the fix, serves the stale cache", async () => {
  const sb = makeSandbox();
  try {
    for (const [name, faults] of pick(listFaults)) {
      const noCache = await faultScenario(sb, `models list, no cache: ${name}`, faults, ["models", "list", "--json"]);
      assert.equal(noCache.code, 0);
      const out = JSON.parse(noCache.stdout);
      assert.equal(out.discovery.status, "error", name);
      assert.match(noCache.stderr, /Bedrock discovery failed: .+\. fix: .+/);
    }
    const warm = await runCli(["models", "list", "--json"], { env: emulatorEnv(sb, emulator, envKeys()) });
    assert.equal(JSON.parse(warm.stdout).discovery.status, "ok");
    for (const [name, faults] of pick(listFaults)) {
      const stale = await faultScenario(sb, `models list, stale cache: ${name}`, faults, ["models", "list", "--json", "--refresh"]);
      const out = JSON.parse(stale.stdout);
      assert.equal(out.discovery.status, "stale", name);
      assert.ok(out.count > 40);
      assert.match(stale.stderr, /showing Bedrock models cached/);
    }
  } finally {
    sb.cleanup();
  }
});

const doctorFaults: [string, [Operation, Fault][], string][] = [
  ["STS hangs", [["GetCallerIdentity", { hang: true }]], "identity"],
  ["discovery throttled", [["ListFoundationModels", { error: "ThrottlingException" }]], "discovery"],
  ["discovery reset", [["ListInferenceProfiles", { reset: true }]], "discovery"],
  ["stream throttled", [["ConverseStream", { streamException: { afterChunks: 1, type: "throttlingException" } }]], "invoke"],
  ["stream errors", [["ConverseStream", { streamException: { afterChunks: 2, type: "internalServerException" } }]], "invoke"],
  ["stream validation error", [["ConverseStream", { streamException: { afterChunks: 0, type: "validationException" } }]], "invoke"],
  ["stream cut", [["ConverseStream", { streamCut: { afterChunks: 1 } }]], "invoke"],
  ["stream hangs", [["ConverseStream", { hang: true }]], "invoke"],
  ["runtime 5xx", [["ConverseStream", { error: "ServiceUnavailableException" }]], "invoke"],
];

test("bedrock doctor under each network fault: ends within --timeout, fails the right check with a fix", async () => {
  const sb = makeSandbox();
  try {
    for (const [name, faults, checkId] of pick(doctorFaults)) {
      const r = await faultScenario(sb, `doctor: ${name}`, faults, ["bedrock", "doctor", "--json", "--timeout", T]);
      assert.equal(r.code, 1, name);
      const report = JSON.parse(r.stdout);
      const failed = report.checks.find((c: { id: string }) => c.id === checkId);
      assert.equal(failed.status, "fail", `${name}: ${JSON.stringify(failed)}`);
      assert.ok(failed.fix && failed.fix.length > 10, `${name}: a fix`);
    }
  } finally {
    sb.cleanup();
  }
});

test("an instance-metadata service that never answers costs at most about a second", async () => {
  const sb = makeSandbox();
  try {
    const list = await faultScenario(sb, "models list: IMDS never answers", [["IMDS", { hang: true }]], ["models", "list", "--json"], instanceRole(emulator));
    assert.equal(JSON.parse(list.stdout).discovery.status, "disabled");
    const doctor = await faultScenario(sb, "doctor: IMDS never answers", [["IMDS", { hang: true }]], ["bedrock", "doctor", "--json", "--timeout", T], instanceRole(emulator));
    assert.equal(JSON.parse(doctor.stdout).credentialSource, "none");
  } finally {
    sb.cleanup();
  }
});
