// The SDK packages split into bundles of their own (scripts/build.mjs, LAZY_SDK) must export what their
// stand-ins in the client bundles call; an SDK update that renamed an export would otherwise fail only on
// the rare path that loads them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const dist = path.resolve(import.meta.dirname, "../../dist");

test("each lazily loaded SDK bundle exports the factories its stand-in calls", () => {
  const expected: Record<string, string[]> = {
    "bedrock-lazy-credential-provider-node.cjs": ["defaultProvider"],
    "bedrock-lazy-token-providers.cjs": ["fromEnvSigningName", "nodeProvider"],
    "aws-credential-process.cjs": ["fromProcess", "fromCredentialProcess"],
  };
  for (const [file, names] of Object.entries(expected)) {
    const loaded = require(path.join(dist, file)) as Record<string, unknown>;
    for (const name of names) assert.equal(typeof loaded[name], "function", `${file} exports ${name}`);
  }
});

test("the client bundles reach the lazily loaded ones only through their stand-ins", async () => {
  const fs = await import("node:fs");
  for (const bundle of ["doctor-aws-calls.cjs", "bedrock-fetch-catalog.cjs"]) {
    const text = fs.readFileSync(path.join(dist, bundle), "utf8");
    assert.match(text, /require\("\.\/bedrock-lazy-credential-provider-node\.cjs"\)/, bundle);
    assert.doesNotMatch(text, /fromSso|SSOOIDC/, `${bundle} carries no SSO code of its own`);
  }
});

test("only the credential_process module uses child_process: commander's executable-subcommand code is not bundled", async () => {
  const fs = await import("node:fs");
  const using = fs.readdirSync(dist).filter((file) => file.endsWith(".cjs") && fs.readFileSync(path.join(dist, file), "utf8").includes("child_process"));
  assert.deepEqual(using, ["aws-credential-process.cjs"]);
  for (const bundle of ["aws-credential-provider-files.cjs", "bedrock-lazy-credential-provider-node.cjs"]) {
    assert.match(fs.readFileSync(path.join(dist, bundle), "utf8"), /require\("\.\/aws-credential-process\.cjs"\)/, `${bundle} reaches the SDK's process provider there`);
  }
});

test("every lazily loaded factory works when called, as its stand-in calls it (not only that it exists)", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lazy-bundles-"));
  const saved = { ...process.env };
  try {
    for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: path.join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      HOME: dir,
    });
    fs.writeFileSync(path.join(dir, "config"), `[profile helper]\ncredential_process = ${process.execPath} -e "console.log(JSON.stringify({Version:1,AccessKeyId:'AKIALAZYBUNDLE000001',SecretAccessKey:'s'}))"\n`);
    const node = require(path.join(dist, "bedrock-lazy-credential-provider-node.cjs"));
    await assert.rejects(node.defaultProvider({ ignoreCache: true })(), /Could not load credentials from any providers/);
    const tokens = require(path.join(dist, "bedrock-lazy-token-providers.cjs"));
    process.env.AWS_BEARER_TOKEN_BEDROCK = "ABSKlazybundletoken";
    assert.equal((await tokens.fromEnvSigningName({ signingName: "bedrock" })()).token, "ABSKlazybundletoken");
    delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    await assert.rejects(tokens.nodeProvider({ ignoreCache: true })());
    const processProvider = require(path.join(dist, "aws-credential-process.cjs"));
    assert.equal((await processProvider.fromProcess({ profile: "helper", ignoreCache: true })()).accessKeyId, "AKIALAZYBUNDLE000001");
    const files = require(path.join(dist, "aws-credential-provider-files.cjs"));
    assert.equal((await files.fromProfile("helper", { configPath: path.join(dir, "config"), credentialsPath: path.join(dir, "credentials") })()).accessKeyId, "AKIALAZYBUNDLE000001", "fromIni reaches the process provider through its stand-in");
  } finally {
    process.env = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
