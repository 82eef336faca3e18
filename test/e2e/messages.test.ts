// Every message leads somewhere (issue 15): the doctor and `models list`, tried as a new user would, against the
// emulator with the real us-east-1 capture. Each test is one reproduction from the issue.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import type { AddressInfo } from "node:net";
import { binPath, runCli, stripAnsi, type Sandbox } from "../helpers/cli.ts";
import { emulatorEnv, envKeys, filesUnder, instanceRole, useEmulatorAndSandbox, writeAwsFiles } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { timeoutFor, unfaultedMs } from "../helpers/timing.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(() => startEmulator({ imds: { region: "us-west-2" }, chunkSize: 6, profilesPageSize: 20 }), (state) => ({ emulator, sb } = state));

type Extra = Record<string, string | undefined>;
const cli = (args: string[], extra: Extra = envKeys(), timeoutMs?: number) => runCli(args, { env: emulatorEnv(sb, emulator, { LANG: "C.UTF-8", ...extra }), timeoutMs });
const doctorJson = async (args: string[] = [], extra?: Extra) => {
  const r = await cli(["bedrock", "doctor", "--json", ...args], extra);
  return { ...JSON.parse(r.stdout), code: r.code, stderr: r.stderr };
};
const byId = (report: { checks: { id: string }[] }, id: string) => report.checks.find((c) => c.id === id) as any;
const discoveryConfig = (discovery: Record<string, unknown>) => sb.writeConfig(JSON.stringify({ plugins: { entries: { "amazon-bedrock": { config: { discovery } } } } }));
const usage = (r: { code: number | null; stderr: string }, message: RegExp) => {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /\nfix: \S.*\n$/, "a usage error ends with a fix line");
};

// --- Wrong or misleading answers ---

test("cascades: a wrong secret fails identity only; the checks that needed it are not checked, not failed", async () => {
  const report = await doctorJson([], { ...envKeys(), AWS_SECRET_ACCESS_KEY: "wrong-secret" });
  assert.equal(byId(report, "identity").status, "fail");
  for (const id of ["discovery", "model", "invoke"]) {
    assert.equal(byId(report, id).status, "skip", id);
    assert.match(byId(report, id).summary, /^not checked: the credentials were refused \(see identity\)/);
  }
  assert.ok(!JSON.stringify(report).includes("Model access"), "nobody is told to enable a model in the console");
});

test("cascades: a bad Bedrock API key fails discovery; model and invoke are not checked", async () => {
  const report = await doctorJson([], { AWS_BEARER_TOKEN_BEDROCK: "bedrock-api-key-not-a-real-one" });
  assert.equal(byId(report, "discovery").status, "fail");
  assert.equal(byId(report, "discovery").details.error, "unrecognized-client");
  assert.match(byId(report, "model").summary, /^not checked: the credentials were refused \(see discovery\)/);
  assert.equal(byId(report, "invoke").status, "skip");
  assert.equal(emulator.count("ConverseStream"), 0);
});

test("cascades: a providerFilter typo warns in discovery with did-you-mean; the model is not checked", async () => {
  discoveryConfig({ providerFilter: ["antropic"] });
  const report = await doctorJson(["--no-invoke"]);
  const discovery = byId(report, "discovery");
  assert.equal(discovery.status, "warn");
  assert.match(discovery.summary, /providerFilter "antropic" matches no provider in this account's catalog \(did you mean "anthropic"\?\)/);
  assert.equal(discovery.fix, "openclaw-bedrock config set plugins.entries.amazon-bedrock.config.discovery.providerFilter anthropic");
  assert.equal(byId(report, "model").status, "skip");
  assert.equal(report.code, 0);
});

test("a bad --region: the fix re-runs with the flag corrected, and the rest says the region is the problem", async () => {
  const report = await doctorJson(["--region", "US-EAST-1"]);
  const region = byId(report, "region");
  assert.equal(region.summary, '"US-EAST-1" (from --region) is not an AWS region code');
  assert.equal(region.fix, "re-run with --region us-east-1");
  assert.equal(byId(report, "credentials").status, "pass");
  assert.match(byId(report, "model").summary, /^not checked: the region is invalid/);
});

test("a bad AWS_REGION is fixed with export; a bad config region with config set", async () => {
  const env = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_REGION: "eu_west_1" });
  assert.match(byId(env, "region").fix, /^export AWS_REGION=us-east-1 \(or your region\)$/);
  discoveryConfig({ region: "<AWS_REGION>" });
  const config = await doctorJson(["--no-invoke"]);
  assert.match(byId(config, "region").summary, /"<AWS_REGION>" \(from plugins\.entries\.amazon-bedrock\.config\.discovery\.region\)/);
  assert.match(byId(config, "region").fix, /^openclaw-bedrock config set plugins\.entries\.amazon-bedrock\.config\.discovery\.region us-east-1/);
});

test("one classifier: models list explains a config region of <AWS_REGION> as the doctor does", async () => {
  discoveryConfig({ region: "<AWS_REGION>" });
  const list = await cli(["models", "list"]);
  const doctor = await doctorJson(["--no-invoke"]);
  assert.ok(list.stderr.includes(byId(doctor, "region").summary), list.stderr);
  assert.ok(list.stderr.includes(`fix: ${byId(doctor, "region").fix}`), list.stderr);
  assert.doesNotMatch(list.stderr, /hostname component|OPENCLAW_DEBUG/);
});

test("cascades: an unreachable endpoint fails identity once; discovery, model and invoke are not checked", async () => {
  sb.writeConfig(JSON.stringify({ agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0" } } } }));
  const extra = { ...envKeys(), AWS_ENDPOINT_URL: "http://127.0.0.1:1" };
  const report = await doctorJson([], extra);
  assert.equal(byId(report, "identity").status, "fail");
  for (const id of ["discovery", "model", "invoke"]) {
    assert.equal(byId(report, id).status, "skip", id);
    assert.match(byId(report, id).summary, /^not checked: the endpoint could not be reached \(see identity\)/);
  }
  assert.equal(report.checks.filter((c: { status: string }) => c.status === "fail").length, 1);
  const text = await cli(["bedrock", "doctor"], extra);
  assert.match(text.stdout, /, 1 failed/);
  assert.doesNotMatch(text.stdout, /streaming/, "no empty streaming line for a call that never started");
});

test("--profile nosuch with env keys: names the flag, never an AWS_PROFILE that was not set", async () => {
  const report = await doctorJson(["--profile", "nosuch"]);
  const creds = byId(report, "credentials");
  assert.equal(creds.status, "fail");
  assert.ok(!JSON.stringify(creds).includes("AWS_PROFILE"), JSON.stringify(creds));
  assert.ok(creds.notes.some((n: string) => /profile nosuch \(from --profile\) is not in/.test(n)));
  assert.match(creds.fix, /aws configure --profile nosuch .*re-run without --profile to use the environment keys/);
});

test("--aws-profile nosuch (OpenClaw's spelling): the messages name --aws-profile, the flag as typed", async () => {
  const creds = byId(await doctorJson(["--aws-profile", "nosuch"]), "credentials");
  assert.ok(creds.notes.some((n: string) => /profile nosuch \(from --aws-profile\) is not in/.test(n)), JSON.stringify(creds));
  assert.match(creds.fix, /re-run without --aws-profile to use the environment keys/);
  assert.doesNotMatch(JSON.stringify(creds), /without --profile|from --profile\)/);
});

test("a mid-stream modelStreamErrorException: the summary and --json carry AWS's name and message", async () => {
  emulator.fault("ConverseStream", { streamException: { afterChunks: 1, type: "modelStreamErrorException", message: "boom" } });
  const report = await doctorJson();
  const invoke = byId(report, "invoke");
  assert.match(invoke.summary, /the model failed while streaming its reply \(mid-stream\) \(ModelStreamErrorException: boom\)/);
  assert.deepEqual(invoke.details.said, { name: "ModelStreamErrorException", message: "boom" });
  // Every classified AWS error carries it: an IAM denial too.
  emulator.fault("ListFoundationModels", { error: "AccessDeniedException" });
  const denied = byId(await doctorJson(["--no-invoke"]), "discovery");
  assert.equal(denied.details.said.name, "AccessDeniedException");
  assert.match(denied.summary, /missing IAM permission bedrock:ListFoundationModels .*\(AccessDeniedException: User: /);
  // "see …" points at a file this installation has.
  const doc = /see (\/\S+\/docs\/bedrock\.md), "IAM permissions"/.exec(denied.fix)?.[1];
  assert.ok(doc && fs.existsSync(doc), denied.fix);
  assert.match(fs.readFileSync(doc, "utf8"), /^## 4\. IAM permissions$/m);
});

test("an endpoint that answers 404 with a web page: says what answered, the status, the first bytes, and what to check", async () => {
  const server = http.createServer((_req, res) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<!DOCTYPE html><html><body>Not here</body></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const report = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_ENDPOINT_URL: url });
    const check = byId(report, "identity");
    assert.match(check.summary, new RegExp(`^${url.replace(/[.]/g, "\\.")} answered HTTP 404 "<!DOCTYPE.*": not an AWS STS answer$`), check.summary);
    assert.match(check.fix, /AWS_ENDPOINT_URL .*points at http:\/\/127\.0\.0\.1:\d+, which is not that AWS service/);
    assert.equal(byId(report, "discovery").summary, "not checked: the endpoint is not that AWS service (see identity)");
    assert.ok(!JSON.stringify(report).includes("OPENCLAW_DEBUG"));
    const list = await cli(["models", "list"], { ...envKeys(), AWS_ENDPOINT_URL: url });
    assert.match(list.stderr, /answered HTTP 404 "<!DOCTYPE.*": not an AWS Bedrock answer/);
  } finally {
    server.close();
  }
});

test("a credential_process that fails: the profile, the program and its exit status (never its arguments or output)", async () => {
  writeAwsFiles(sb, { config: '[profile broken]\ncredential_process = /bin/sh -c "echo token service unreachable >&2; exit 3"\n' });
  const report = await doctorJson(["--no-invoke"], { AWS_PROFILE: "broken" });
  const creds = byId(report, "credentials");
  assert.equal(creds.status, "fail");
  assert.match(creds.summary, /credential_process of profile broken \(\/bin\/sh\) exited with status 3/);
  assert.doesNotMatch(JSON.stringify(report), /token service unreachable|exit 3"/);
  assert.match(creds.fix, /^see the command with aws configure get credential_process --profile broken, run it yourself/);
  assert.doesNotMatch(creds.fix, /aws configure \(keys\)/);
  writeAwsFiles(sb, { config: "[profile nothing]\ncredential_process = /bin/false\n" });
  const quiet = byId(await doctorJson(["--no-invoke"], { AWS_PROFILE: "nothing" }), "credentials");
  assert.match(quiet.summary, /credential_process of profile nothing \(\/bin\/false\) exited with status 1/);
});

test("a dead HTTP_PROXY: the proxy is named (credentials masked) as what failed, with the way around it", async () => {
  const report = await doctorJson(["--no-invoke"], { ...envKeys(), HTTP_PROXY: "http://gateway:hunter2@127.0.0.1:9" });
  const identity = byId(report, "identity");
  assert.match(identity.summary, /^the proxy http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:9 \(HTTP_PROXY\) can't be reached/);
  assert.match(identity.fix, /NO_PROXY|unset HTTP_PROXY/);
  assert.ok(!JSON.stringify(report).includes("hunter2"));
  const list = await cli(["models", "list"], { ...envKeys(), HTTP_PROXY: "http://127.0.0.1:9" });
  assert.match(list.stderr, /the proxy http:\/\/127\.0\.0\.1:9 \(HTTP_PROXY\) can't be reached/);
});

test("raise the timeout: the doctor names --timeout, models list names OPENCLAW_BEDROCK_TIMEOUT", async () => {
  // 1 s, or more on a machine so busy that the unfaulted checks need it.
  const timeout = timeoutFor(await unfaultedMs(emulator, ["bedrock", "doctor", "--json", "--no-invoke", "--timeout", "60"], envKeys()), 1);
  emulator.fault("ListFoundationModels", { hang: true });
  const discovery = byId(await doctorJson(["--no-invoke", "--timeout", String(timeout)]), "discovery");
  assert.match(discovery.fix, new RegExp(`raise the timeout: --timeout <seconds> \\(now ${timeout}\\)`));
  const list = await cli(["models", "list"], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: String(timeout) });
  assert.match(list.stderr, new RegExp(`raise the timeout: export OPENCLAW_BEDROCK_TIMEOUT=<seconds> \\(now ${timeout}\\)`));
});

test("config get past the end of a list: the fix is a set that works (at the list's length)", async () => {
  sb.writeConfig('{ models: { providers: { x: { baseUrl: "http://127.0.0.1:1", models: [{ id: "a", name: "A" }, { id: "b", name: "B" }] } } } }\n');
  const r = await cli(["config", "get", "models.providers.x.models[5]"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /models\.providers\.x\.models\[5\] is past the end of models\.providers\.x\.models \(length 2\)/);
  const set = /config set (\S+) <value>/.exec(r.stderr)?.[1];
  assert.equal(set, "models.providers.x.models[2]");
  const followed = await cli(["config", "set", set!, '{ id: "c", name: "C" }']);
  assert.equal(followed.code, 0, followed.stderr);
});

test("on EC2 with no region set, the doctor warns that the SDK calls us-east-1 while the instance is in us-west-2", async () => {
  const report = await doctorJson(["--no-invoke"], { ...envKeys(), ...instanceRole(emulator), AWS_REGION: undefined });
  const region = byId(report, "region");
  assert.equal(region.status, "warn");
  assert.equal(region.details.instanceRegion, "us-west-2");
  assert.ok(region.notes.some((n: string) => /this EC2 instance is in us-west-2, .*calls us-east-1/.test(n)));
  assert.match(region.fix, /^export AWS_REGION=us-west-2 /);
  // With a region set, no instance question is asked.
  emulator.requests.length = 0;
  await doctorJson(["--no-invoke"], { ...envKeys(), ...instanceRole(emulator) });
  assert.ok(!emulator.requests.some((r) => r.path.includes("placement/region")));
});

// --- Empty results with no reason ---

test("--provider matches case-insensitively; an unknown provider is a usage error listing the known ones", async () => {
  const upper = await cli(["models", "list", "--provider", "AMAZON-BEDROCK", "--plain"]);
  assert.equal(upper.code, 0);
  assert.ok(upper.stdout.split("\n").filter(Boolean).length > 40);
  usage(await cli(["models", "list", "--provider", "bedrock"]), /no provider "bedrock" .*known providers: amazon-bedrock\n/);
  assert.match((await cli(["models", "list", "--provider", "bedrock"])).stderr, /fix: openclaw-bedrock models list --provider amazon-bedrock/);
});

test("providerFilter that matches nothing: models list warns with did-you-mean", async () => {
  discoveryConfig({ providerFilter: ["antropic"] });
  const r = await cli(["models", "list"]);
  assert.match(r.stderr, /warning: providerFilter "antropic" matches no provider in this account's catalog \(did you mean "anthropic"\?\)\. fix: openclaw-bedrock config set plugins\.entries\.amazon-bedrock\.config\.discovery\.providerFilter anthropic/);
  const json = JSON.parse((await cli(["models", "list", "--json"])).stdout);
  assert.equal(json.discovery.warnings[0].code, "filter-matches-nothing");
});

test("enabled false: models list says discovery is off, where, and how to turn it on", async () => {
  discoveryConfig({ enabled: false });
  const r = await cli(["models", "list"]);
  assert.match(r.stderr, /Bedrock discovery is off: plugins\.entries\.amazon-bedrock\.config\.discovery\.enabled is false\. fix: openclaw-bedrock config set plugins\.entries\.amazon-bedrock\.config\.discovery\.enabled true/);
  assert.match(r.stdout, /Bedrock discovery is off/);
});

test("ListInferenceProfiles denied: the on-demand models, a warning naming the permission and the hidden models; nothing cached", async () => {
  emulator.fault("ListInferenceProfiles", { error: "AccessDeniedException" });
  const r = await cli(["models", "list", "--json"]);
  assert.equal(r.code, 0);
  const json = JSON.parse(r.stdout);
  assert.ok(json.count > 10, "the on-demand models are shown");
  assert.ok(json.models.every((m: { kind: string }) => m.kind === "foundation-model"));
  const warning = json.discovery.warnings.find((w: { code: string }) => w.code === "profiles-unavailable");
  assert.match(warning.cause, /bedrock:ListInferenceProfiles/);
  assert.ok(warning.hidden.includes("anthropic.claude-haiku-4-5-20251001-v1:0"), warning.hidden.join(","));
  assert.match(r.stderr, /warning: inference profiles could not be listed .*models offered only through profiles are hidden/);
  assert.ok(!filesUnder(sb.stateDir).some((f) => path.basename(f).startsWith("bedrock-models-")), "a partial answer is not cached");
  emulator.clearFaults();
  const again = JSON.parse((await cli(["models", "list", "--json"])).stdout);
  assert.equal(again.discovery.status, "ok", "the next run asks again");
  assert.ok(again.models.some((m: { kind: string }) => m.kind === "inference-profile"));
});

test("the timeout bounds each request: three slow pages of profiles (each most of the timeout) all arrive", async () => {
  // 2 s, or more on a machine so busy that the unfaulted requests need it; each page takes three quarters of it.
  const timeout = timeoutFor(await unfaultedMs(emulator, ["models", "list", "--json", "--refresh"], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: "60" }), 2);
  emulator.fault("ListInferenceProfiles", { delayMs: timeout * 750 });
  const r = await cli(["models", "list", "--json", "--refresh"], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: String(timeout) });
  const json = JSON.parse(r.stdout);
  assert.equal(json.discovery.status, "ok", r.stderr);
  assert.ok(emulator.count("ListInferenceProfiles") >= 3, `pages: ${emulator.count("ListInferenceProfiles")}`);
  assert.ok(json.models.some((m: { kind: string }) => m.kind === "application-inference-profile" || m.kind === "inference-profile"));
});

test("an IMDS probe that timed out is remembered for minutes, not an hour, and the note says how to retry", async () => {
  emulator.fault("IMDS", { hang: true });
  const first = await cli(["models", "list"], { ...instanceRole(emulator) });
  assert.match(first.stderr, /Bedrock discovery is off: no AWS credentials found on this host/);
  const memory = path.join(sb.stateDir, "cache", "imds-probe.json");
  assert.equal(JSON.parse(fs.readFileSync(memory, "utf8")).result, "timeout");
  emulator.clearFaults();
  const remembered = await cli(["models", "list"], { ...instanceRole(emulator) });
  assert.match(remembered.stderr, /the instance-metadata check timed out \d+s ago; openclaw-bedrock models list --refresh checks again/);
  // Six minutes later the timeout is forgotten: the instance role is found.
  const stored = JSON.parse(fs.readFileSync(memory, "utf8"));
  fs.writeFileSync(memory, JSON.stringify({ ...stored, checkedAt: Date.now() - 6 * 60_000 }));
  const later = JSON.parse((await cli(["models", "list", "--json"], { ...instanceRole(emulator) })).stdout);
  assert.equal(later.discovery.credentialSource, "instance-metadata");
});

// --- Progress and layout ---

test("the doctor shows what it waits on, on a terminal only", async () => {
  emulator.fault("ListFoundationModels", { delayMs: 1200 });
  const env = emulatorEnv(sb, emulator, { LANG: "C.UTF-8", ...envKeys(), TERM: "xterm" });
  // `script` gives the doctor a terminal; spawned without blocking, so the emulator in this process can answer.
  const tty = await new Promise<string>((resolve) => {
    const child = spawn("script", ["-qfec", `${process.execPath} ${binPath} bedrock doctor --no-invoke`, "/dev/null"], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
    child.on("close", () => resolve(out));
  });
  assert.match(tty, /⠋ listing models \(ListFoundationModels, ListInferenceProfiles\)…/);
  assert.match(tty, /\r\u001b\[2K.*✓.* discovery/, "the spinner line is cleared before the check is printed");
  emulator.fault("ListFoundationModels", { delayMs: 1200 });
  const piped = await cli(["bedrock", "doctor", "--no-invoke"]);
  assert.equal(piped.stderr, "");
  assert.doesNotMatch(piped.stdout, /listing models|\r/);
});

test("--all --plain marks each key: invocable, or why not", async () => {
  const r = await cli(["models", "list", "--all", "--plain"]);
  const lines = r.stdout.trim().split("\n").map((l) => l.split("\t"));
  assert.ok(lines.every((l) => l.length === 2), "key<TAB>status on every line");
  assert.ok(lines.some(([key, status]) => key === "amazon-bedrock/anthropic.claude-haiku-4-5-20251001-v1:0" && status === "profile-only"));
  assert.ok(lines.some(([key, status]) => key === "amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0" && status === "invocable"));
  const plain = await cli(["models", "list", "--plain"]);
  assert.ok(!plain.stdout.includes("\t"), "without --all, one key per line as before");
});

// --- Input checks ---

test("bad input is a usage error (exit 2) naming the allowed values", async () => {
  usage(await cli(["bedrock", "doctor", "--prompt", ""]), /--prompt needs some text/);
  usage(await cli(["bedrock", "doctor", "--model", ""]), /--model needs a model or inference profile id/);
  usage(await cli(["bedrock", "doctor", "--max-tokens", "1e9"]), /--max-tokens must be a whole number from 1 to 8192, got "1e9"/);
  usage(await cli(["models", "list", "--json", "--plain"]), /--json and --plain are two output formats: give one/);
  for (const value of ["abc", "0", "-1"]) {
    usage(await cli(["models", "list"], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: value }), new RegExp(`OPENCLAW_BEDROCK_TIMEOUT must be a number of seconds above 0 and at most 3600 \\(e\\.g\\. 30\\), got "${value}"`));
    usage(await cli(["bedrock", "doctor"], { ...envKeys(), OPENCLAW_BEDROCK_TIMEOUT: value }), /OPENCLAW_BEDROCK_TIMEOUT must be/);
  }
  assert.equal(emulator.requests.length, 0, "nothing was sent");
});

test("invalid UTF-8 in an argument is refused, never written as U+FFFD", async () => {
  sb.writeConfig("{}\n");
  const env = emulatorEnv(sb, emulator, { LANG: "C.UTF-8" });
  const r = spawnSync("bash", ["-c", `exec "${process.execPath}" "${binPath}" config set gateway.name "$(printf 'caf\\xe9')"`], { env, encoding: "utf8" });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /an argument is not valid UTF-8/);
  assert.equal(sb.readConfig(), "{}\n");
});

test("a value that looks like JSON5 but does not parse is refused, with how to store it as a string", async () => {
  sb.writeConfig("{}\n");
  const r = await cli(["config", "set", "gateway.x", "{a:1"]);
  usage(r, /the value "\{a:1" looks like JSON5 but does not parse/);
  assert.equal(sb.readConfig(), "{}\n");
  const quoted = /quote it inside: '(.*)'\n/.exec(r.stderr)![1]!;
  const stored = await cli(["config", "set", "gateway.x", quoted]);
  assert.equal(stored.code, 0, stored.stderr);
  assert.equal((await cli(["config", "get", "gateway.x"])).stdout, "{a:1\n");
});

test("a blank AWS_SESSION_TOKEN beside long-term keys is ignored, and said so (not that it blocks the chain)", async () => {
  const report = await doctorJson(["--no-invoke"], { ...envKeys(), AWS_SESSION_TOKEN: "" });
  const creds = byId(report, "credentials");
  assert.equal(byId(report, "identity").status, "pass");
  assert.ok(creds.notes.some((n: string) => n === "AWS_SESSION_TOKEN is set but blank, so it is ignored, as if unset"), creds.notes.join("|"));
  assert.ok(!JSON.stringify(creds).includes("block"));
});

// --- Conventions ---

test("usage errors from the parser end with a fix line; help <command> shows that command's help", async () => {
  usage(await cli(["models", "list", "--bogus"]), /unknown option '--bogus'/);
  usage(await cli(["config", "set", "a"]), /missing required argument 'value'/);
  assert.match((await cli(["config", "set", "a"])).stderr, /fix: see openclaw-bedrock config set --help\n$/);
  const help = await cli(["help", "config", "set"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: openclaw-bedrock config set \[options\] <path> <value>/);
});

test("FORCE_COLOR colours piped output; --no-color and NO_COLOR turn it off", async () => {
  const forced = await cli(["models", "list"], { ...envKeys(), FORCE_COLOR: "1" });
  assert.match(forced.stdout, /\u001b\[/);
  const off = await cli(["models", "list", "--no-color"], { ...envKeys(), FORCE_COLOR: "1" });
  assert.equal(off.code, 0, off.stderr);
  assert.doesNotMatch(off.stdout, /\u001b\[/);
  assert.equal(stripAnsi(forced.stdout), off.stdout);
  const zero = await cli(["models", "list"], { ...envKeys(), FORCE_COLOR: "0" });
  assert.doesNotMatch(zero.stdout, /\u001b\[/);
});

test("every error ends with a fix line that leads somewhere", async () => {
  sb.writeConfig('{ gateway: { port: 18789 }, models: { providers: { x: { baseUrl: "http://127.0.0.1:1", models: [{ id: "a", name: "A" }] } } } }\n');
  const before = sb.readConfig();
  const cases: [string[], RegExp][] = [
    [["config", "set", "models.providers.x.models[9]", '{ id: "b", name: "B" }'], /fix: add an entry at the end: openclaw-bedrock config set models\.providers\.x\.models\[1\] <value>\n$/],
    [["config", "set", "gateway.port.x", "1"], /fix: see what is there: openclaw-bedrock config get gateway\.port; to replace it, set it whole: /],
    [["config", "set", "gateway.list[2]", "1"], /fix: set element \[0\] first/],
    [["config", "get", "nosuch.key"], /fix: set it with: openclaw-bedrock config set nosuch\.key <value>\n$/],
  ];
  for (const [args, fix] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, /^error: .+\nfix: .+\n$/, args.join(" "));
    assert.match(r.stderr, fix, args.join(" "));
  }
  assert.equal(sb.readConfig(), before, "a refused command leaves the file as it was");
});

test("shared files read as the SDK reads them: an inline comment after the region, indented keys in credentials", async () => {
  writeAwsFiles(sb, { config: "[profile prod]\nregion = us-west-2  # production account\n", credentials: `[prod]\n  aws_access_key_id = ${envKeys().AWS_ACCESS_KEY_ID}\n  aws_secret_access_key = ${envKeys().AWS_SECRET_ACCESS_KEY}\n` });
  const list = await cli(["models", "list", "--json"], { AWS_PROFILE: "prod" });
  assert.equal(list.code, 0, list.stderr);
  const doc = JSON.parse(list.stdout);
  assert.equal(doc.discovery.status, "ok", list.stderr);
  assert.equal(doc.discovery.region, "us-west-2");
  assert.doesNotMatch(list.stderr, /production account|not an AWS region/);
});
