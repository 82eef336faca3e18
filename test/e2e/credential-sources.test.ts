// The credential chain beyond env keys, end to end: web identity, credential_process, assume-role, an expired
// SSO session, the remembered IMDS miss, and proxies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runCli, type Sandbox } from "../helpers/cli.ts";
import { emulatorEnv, envKeys, useEmulatorAndSandbox, writeAwsFiles } from "../helpers/bedrock-env.ts";
import { startForwardProxy } from "../helpers/forward-proxy.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { ASSUMED_ROLE, STATIC_USER, WEB_IDENTITY_ROLE } from "../emulator/identities.ts";

let emulator: Emulator;
let sb: Sandbox;
useEmulatorAndSandbox(() => startEmulator({ imds: false }), (state) => ({ emulator, sb } = state));

const listJson = async (extra: Record<string, string | undefined>, args: string[] = []) => {
  const r = await runCli(["models", "list", "--json", ...args], { env: emulatorEnv(sb, emulator, extra) });
  assert.equal(r.code, 0, r.stderr);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
};
const bedrockKeys = () => [...new Set(emulator.requests.filter((r) => r.operation.startsWith("List")).map((r) => r.accessKeyId))];

test("web identity (EKS IRSA): the token is exchanged with STS and the role's credentials sign", async () => {
  const tokenFile = path.join(sb.dir, "web-identity-token");
  fs.writeFileSync(tokenFile, "eyJhbGciOiJSUzI1NiJ9.emulator.token");
  const out = await listJson({ AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: "arn:aws:iam::111122223333:role/openclaw-irsa-role", AWS_ROLE_SESSION_NAME: "openclaw" });
  assert.equal(out.discovery.credentialSource, "web-identity");
  assert.ok(emulator.requests.some((r) => r.operation === "AssumeRoleWithWebIdentity"));
  assert.deepEqual(bedrockKeys(), [WEB_IDENTITY_ROLE.accessKeyId]);
});

test("a credential_process profile runs the process and its credentials sign", async () => {
  const script = path.join(sb.dir, "creds.cjs");
  fs.writeFileSync(script, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(STATIC_USER.accessKeyId)}, SecretAccessKey: ${JSON.stringify(STATIC_USER.secretAccessKey)} }));`);
  writeAwsFiles(sb, { config: `[profile proc]\ncredential_process = ${process.execPath} ${script}\n` });
  const out = await listJson({ AWS_PROFILE: "proc" });
  assert.equal(out.discovery.credentialSource, "profile");
  assert.deepEqual(bedrockKeys(), [STATIC_USER.accessKeyId]);
});

test("an assume-role profile assumes the role through STS with its source profile's keys", async () => {
  writeAwsFiles(sb, {
    config: "[profile ops]\nrole_arn = arn:aws:iam::111122223333:role/bedrock-operator\nsource_profile = base\n",
    credentials: `[base]\naws_access_key_id = ${STATIC_USER.accessKeyId}\naws_secret_access_key = ${STATIC_USER.secretAccessKey}\n`,
  });
  const out = await listJson({ AWS_PROFILE: "ops" });
  assert.equal(out.discovery.credentialSource, "profile");
  const assume = emulator.requests.find((r) => r.operation === "AssumeRole");
  assert.equal(assume?.accessKeyId, STATIC_USER.accessKeyId);
  assert.deepEqual(bedrockKeys(), [ASSUMED_ROLE.accessKeyId]);
  const doctor = await runCli(["bedrock", "doctor", "--json", "--no-invoke"], { env: emulatorEnv(sb, emulator, { AWS_PROFILE: "ops" }) });
  const creds = JSON.parse(doctor.stdout).checks.find((c: { id: string }) => c.id === "credentials");
  assert.equal(creds.details.profileKind, "assume-role");
  assert.equal(creds.details.accessKeyId, "ASIA…MED1");
});

test("an expired SSO session: models list still runs and says to run aws sso login for that profile", async () => {
  writeAwsFiles(sb, {
    config: [
      "[profile sso-dev]",
      "sso_session = corp",
      "sso_account_id = 111122223333",
      "sso_role_name = BedrockUser",
      "region = us-west-2",
      "[sso-session corp]",
      "sso_start_url = https://corp.awsapps.com/start",
      "sso_region = us-east-1",
      "",
    ].join("\n"),
  });
  const cacheDir = path.join(sb.home, ".aws", "sso", "cache");
  fs.mkdirSync(cacheDir, { recursive: true });
  const key = createHash("sha1").update("corp").digest("hex");
  fs.writeFileSync(path.join(cacheDir, `${key}.json`), JSON.stringify({ accessToken: "expired-sso-access-token", expiresAt: "2020-01-01T00:00:00Z", region: "us-east-1", startUrl: "https://corp.awsapps.com/start" }));
  const out = await listJson({ AWS_PROFILE: "sso-dev" });
  assert.equal(out.discovery.status, "error");
  assert.match(out.stderr, /fix: aws sso login --profile sso-dev/);
  assert.ok(!out.stderr.includes("expired-sso-access-token"));
});

test("a host without an instance role pays for the IMDS probe once, then remembers", async () => {
  const noCreds = { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.url };
  const first = await listJson(noCreds);
  assert.equal(first.discovery.status, "disabled");
  const probes = emulator.count("IMDS");
  assert.ok(probes > 0, "the first run probed");
  await listJson(noCreds);
  assert.equal(emulator.count("IMDS"), probes, "the second run did not probe");
  assert.ok(fs.existsSync(path.join(sb.stateDir, "cache", "imds-probe.json")));
  await listJson(noCreds, ["--refresh"]);
  assert.ok(emulator.count("IMDS") > probes, "--refresh probes again");
});

test("HTTP_PROXY is honoured (and NO_PROXY bypasses it), for discovery and the streamed call", async () => {
  const proxy = await startForwardProxy();
  try {
    await listJson({ ...envKeys(), HTTP_PROXY: proxy.url });
    assert.ok(proxy.seen.some((line) => line.includes("/foundation-models")), proxy.seen.join(", "));
    const before = proxy.seen.length;
    await listJson({ ...envKeys(), HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" }, ["--refresh"]);
    assert.equal(proxy.seen.length, before, "NO_PROXY bypasses the proxy");
    const doctor = await runCli(["bedrock", "doctor", "--json"], { env: emulatorEnv(sb, emulator, { ...envKeys(), HTTP_PROXY: proxy.url }) });
    assert.equal(doctor.code, 0, doctor.stdout);
    assert.ok(proxy.seen.some((line) => line.includes("/converse-stream")), "the stream went through the proxy");
    assert.equal(emulator.requests.filter((r) => r.operation === "ConverseStream").at(-1)!.httpVersion, "1.1");
  } finally {
    await proxy.stop();
  }
});
