// Secrets never leave the process: `config get`, every dry run and every error that quotes a value mask them,
// found by the key they sit under and by their shape; a failing credential_process is named, never quoted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { makeSandbox, runCli, type Sandbox } from "../helpers/cli.ts";
import { emulatorEnv, writeAwsFiles } from "../helpers/bedrock-env.ts";
import { startEmulator, type Emulator } from "../emulator/server.ts";
import { assertNoSecrets, scenario } from "./harness.ts";

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ imds: false });
});
after(() => emulator.stop());

// Secrets that a config really holds, none of them under a key that says "secret".
const HEADER_BEARER = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQtMTIz.Zm9vYmFyYmF6cXV4MTIzNDU2";
const COOKIE = "session=Qm9vdFN0cmFwU2Vzc2lvbklkMTIzNDU2Nzg5";
const X_KEY = "xk_live_9fQ2mZ7rT4vW8yB1nC5dE3gH6jK0";
const URL_PASSWORD = "pw-Hunter2-Correct-Horse";
const ENCRYPT_KEY = "3q2+7w8aZk5vN1pR4sT6uX9yB2cE5fH8jL0mP3rS";
const WEBHOOK = "https://hooks.example.com/services/T0001/B0002/XyZ9aBcD8eFgH7iJkL6mNoP5";
const ENV_VAR = "ghp_R4nd0mG1tHubT0k3nV4lu3F0rT3st1ng0001";
const AWS_KEY_ID = "AKIAIOSFODNN7REALKEY";
const GATEWAY_TOKEN = "gw-3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e";
const PROVIDER_KEY = "sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0GfEdCbA";
const ALL = [HEADER_BEARER, COOKIE, X_KEY, URL_PASSWORD, ENCRYPT_KEY, WEBHOOK, ENV_VAR, AWS_KEY_ID, GATEWAY_TOKEN, PROVIDER_KEY];

const CONFIG = `{
  // secrets in the places real configs keep them
  gateway: { auth: { token: "${GATEWAY_TOKEN}" } },
  env: { vars: { GITHUB_TOKEN_FOR_CI: "${ENV_VAR}", AWS_ID: "${AWS_KEY_ID}" } },
  channels: { slack: { webhookUrl: "${WEBHOOK}" }, matrix: { encryptKey: "${ENCRYPT_KEY}" } },
  models: {
    providers: {
      proxy: {
        baseUrl: "https://gateway:${URL_PASSWORD}@llm.example.com/v1",
        apiKey: "${PROVIDER_KEY}",
        headers: { Authorization: "Bearer ${HEADER_BEARER}", Cookie: "${COOKIE}", "X-Custom-Key": "${X_KEY}" },
        models: [],
      },
    },
    bedrockDiscovery: { region: "us-east-1" },
  },
}
`;

function assertMasked(texts: string[], sb: Sandbox, what: string): void {
  const haystack = texts.join("\n");
  for (const secret of ALL) assert.ok(!haystack.includes(secret), `${what} shows ${secret.slice(0, 6)}…: ${haystack.slice(0, 2000)}`);
  assertNoSecrets(texts, [sb.stateDir]);
}

test("config get masks secrets by key and by shape: headers, cookies, URL passwords, encryptKey, webhookUrl, env.vars, AWS keys", async () => {
  const sb = makeSandbox();
  try {
    await scenario("secrets", "config get masks by key and by shape", async () => {
      sb.writeConfig(CONFIG);
      const outputs: string[] = [];
      for (const args of [["config", "get", "gateway"], ["config", "get", "models", "--json"], ["config", "get", "env"], ["config", "get", "models.providers.proxy.headers"], ["config", "get", "models.providers.proxy.headers.Authorization"], ["config", "get", "models.providers.proxy.baseUrl"], ["config", "get", "env.vars"], ["config", "get", "channels"]]) {
        const r = await runCli(args, { env: sb.env() });
        assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
        outputs.push(r.stdout, r.stderr);
      }
      assertMasked(outputs, sb, "config get");
      // What is not secret is still shown: the URL's user and host, the region.
      const url = await runCli(["config", "get", "models.providers.proxy.baseUrl"], { env: sb.env() });
      assert.match(url.stdout, /^https:\/\/gateway:\*+@llm\.example\.com\/v1$/m);
      const region = await runCli(["config", "get", "models.bedrockDiscovery.region"], { env: sb.env() });
      assert.equal(region.stdout.trim(), "us-east-1");
    });
  } finally {
    sb.cleanup();
  }
});

test("every dry run masks: set of secret-shaped values, and config migrate's diff (unchanged lines included)", async () => {
  const sb = makeSandbox();
  try {
    await scenario("secrets", "dry runs mask", async () => {
      sb.writeConfig(CONFIG);
      const before = sb.readConfig();
      const outputs: string[] = [];
      const sets: [string, string][] = [
        ["models.providers.proxy.headers", JSON.stringify({ Authorization: `Bearer ${HEADER_BEARER}`, "X-Custom-Key": X_KEY })],
        ["models.providers.proxy.baseUrl", `https://gateway:${URL_PASSWORD}@llm.example.com/v2`],
        ["channels.matrix.encryptKey", ENCRYPT_KEY],
        ["env.vars.NEW_VAR", ENV_VAR],
        ["tools.web.endpoint", `https://x.example.com/?key=1&token=${GATEWAY_TOKEN}`],
        ["notes.someId", AWS_KEY_ID],
      ];
      for (const [key, value] of sets) {
        const r = await runCli(["config", "set", key, value, "--dry-run"], { env: sb.env() });
        assert.equal(r.code, 0, `${key}: ${r.stderr}`);
        outputs.push(r.stdout, r.stderr);
      }
      const migrate = await runCli(["config", "migrate", "--dry-run"], { env: sb.env() });
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.match(migrate.stdout, /Would move models\.bedrockDiscovery/);
      outputs.push(migrate.stdout, migrate.stderr);
      assertMasked(outputs, sb, "dry run");
      assert.equal(sb.readConfig(), before, "a dry run writes nothing");
    });
  } finally {
    sb.cleanup();
  }
});

test("config migrate --dry-run masks a token on an unchanged line shown as both - and +", async () => {
  const sb = makeSandbox();
  try {
    await scenario("secrets", "migrate dry run, secret on a moved line", async () => {
      sb.writeConfig(`{\n  gateway: { auth: { token: "${GATEWAY_TOKEN}" } },\n  models: { providers: { p: { apiKey: "${PROVIDER_KEY}", models: [] } }, bedrockDiscovery: { region: "us-east-1" } },\n}\n`);
      const r = await runCli(["config", "migrate", "--dry-run"], { env: sb.env() });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^- /m);
      assertMasked([r.stdout, r.stderr], sb, "migrate --dry-run");
      assert.match(r.stdout, /\*{8}/);
    });
  } finally {
    sb.cleanup();
  }
});

test("an error that quotes a value masks it: a broken JSON5 value holding a token", async () => {
  const sb = makeSandbox();
  try {
    await scenario("secrets", "errors quoting values mask them", async () => {
      sb.writeConfig("{}\n");
      for (const [key, value] of [
        ["gateway.auth", `{token: "${GATEWAY_TOKEN}"`],
        ["models.providers.p.headers", `{Authorization: "Bearer ${HEADER_BEARER}",,}`],
        ["tools.x", `["${PROVIDER_KEY}"`],
      ]) {
        const r = await runCli(["config", "set", key!, value!], { env: sb.env() });
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /\nfix: /);
        assertMasked([r.stdout, r.stderr], sb, `set ${key} error`);
      }
    });
  } finally {
    sb.cleanup();
  }
});

const VAULT_TOKEN = "s.Vau1tT0kenF0rTheHelper9931";
const ECHOED_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
const DEBUG_SECRET = "dbg-Secret-In-Debug-Output-7731";

test("a failing credential_process: the profile, the program and the exit status, never its arguments or output", async () => {
  const sb = makeSandbox();
  try {
    await scenario("secrets", "failing credential_process", async () => {
      const helper = path.join(sb.dir, "vault-helper");
      fs.writeFileSync(helper, `#!/bin/sh\necho "AccessKeyId=AKIAIOSFODNN7REALKEY SecretAccessKey=${ECHOED_SECRET}"\necho "debug: using ${DEBUG_SECRET} for $2" >&2\nexit 3\n`, { mode: 0o755 });
      writeAwsFiles(sb, { config: `[profile broken]\ncredential_process = ${helper} --vault-token ${VAULT_TOKEN}\nregion = us-east-1\n` });
      const env = emulatorEnv(sb, emulator, { AWS_PROFILE: "broken" });
      const text = await runCli(["bedrock", "doctor", "--no-invoke"], { env });
      const json = await runCli(["bedrock", "doctor", "--no-invoke", "--json"], { env });
      const list = await runCli(["models", "list"], { env });
      const listJson = await runCli(["models", "list", "--json"], { env });
      const outputs = [text, json, list, listJson].flatMap((r) => [r.stdout, r.stderr]);
      for (const secret of [VAULT_TOKEN, ECHOED_SECRET, DEBUG_SECRET, "AKIAIOSFODNN7REALKEY"]) {
        assert.ok(!outputs.join("\n").includes(secret), `shows ${secret.slice(0, 6)}…`);
      }
      assert.ok(!outputs.join("\n").includes("--vault-token"), "no argument of the command");
      const creds = JSON.parse(json.stdout).checks.find((c: { id: string }) => c.id === "credentials");
      assert.equal(creds.status, "fail");
      assert.match(creds.summary, /credential_process of profile broken/);
      assert.ok(creds.summary.includes(helper), "names the program");
      assert.match(creds.summary, /status 3/);
      assert.match(creds.fix, /aws configure get credential_process --profile broken/);
      assert.match(list.stderr, /credential_process of profile broken/);
      assertNoSecrets(outputs, [sb.stateDir], [VAULT_TOKEN, ECHOED_SECRET, DEBUG_SECRET]);
    });
  } finally {
    sb.cleanup();
  }
});
