// The shared config files read without the SDK, held to the SDK's own reading (loadSharedConfigFiles in
// @smithy/core, which every AWS SDK client and credential provider uses): the forms people write, and generated
// files built from the pieces that trip ini readers (inline comments, indentation, sub-sections, odd headers).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { loadSharedConfigFiles } from "@smithy/core/config";
import { readAwsFiles } from "../../src/aws/shared-files.ts";
import { resolveRegion } from "../../src/aws/region.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aws-files-"));
let n = 0;

/** Both readings of one pair of files: the SDK's profiles (config overlaid with credentials) and ours. */
async function bothReadings(config: string, credentials: string) {
  const configPath = path.join(dir, `config-${n}`);
  const credentialsPath = path.join(dir, `credentials-${n++}`);
  fs.writeFileSync(configPath, config);
  fs.writeFileSync(credentialsPath, credentials);
  const sdk = await loadSharedConfigFiles({ configFilepath: configPath, filepath: credentialsPath, ignoreCache: true });
  const expected: Record<string, Record<string, string>> = {};
  const expectedSessions: Record<string, Record<string, string>> = {};
  for (const [name, settings] of Object.entries(sdk.configFile)) {
    if (name.startsWith("sso-session.")) expectedSessions[name.slice("sso-session.".length)] = settings as Record<string, string>;
    else if (!name.startsWith("services.")) expected[name] = { ...(settings as Record<string, string>) };
  }
  for (const [name, settings] of Object.entries(sdk.credentialsFile)) expected[name] = { ...(expected[name] ?? {}), ...(settings as Record<string, string>) };
  const ours = readAwsFiles({ AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: credentialsPath, HOME: dir });
  return {
    expected: { profiles: expected, sessions: expectedSessions },
    actual: { profiles: Object.fromEntries(ours.profiles), sessions: Object.fromEntries(ours.ssoSessions) },
  };
}

const FORMS: [string, string, string][] = [
  ["an inline comment after a value", "[profile prod]\nregion = us-west-2  # production account\n", ""],
  ["a ; comment after a value, and whole-line comments", "; top\n[default]\n# note\nregion=eu-west-1 ; ireland\n", ""],
  ["a # inside a value without whitespace before it stays", "[default]\ncredential_process = /bin/helper --tag=a#b\n", ""],
  ["indented keys in the credentials file", "", "[default]\n  aws_access_key_id = AKIAEXAMPLE\n  aws_secret_access_key = secret/example\n"],
  ["a sub-section (s3 =) and the keys after it", "[default]\ns3 =\n  max_concurrent_requests = 20\nregion = us-east-2\n", ""],
  ["[profile x] with extra spaces, quotes and dots", '[profile "team.dev"]\nregion = ap-south-1\n[profile  spaced]\nregion = ca-central-1\n', ""],
  ["[default] and [profile default] both", "[default]\nregion = us-east-1\noutput = json\n[profile default]\nregion = us-west-1\n", ""],
  ["a config-file section without the profile prefix is ignored", "[dev]\nregion = eu-north-1\n[profile dev]\noutput = text\n", ""],
  ["sso-session and services sections", "[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://example.awsapps.com/start\n[services local]\nbedrock =\n  endpoint_url = http://localhost:1\n[profile sso]\nsso_session = corp\n", ""],
  ["keys keep their case; CRLF line endings", "[profile Mixed]\r\nRegion = us-west-2\r\nregion = eu-west-3\r\n", ""],
  ["credentials override config, key by key", "[profile both]\nregion = us-east-1\naws_access_key_id = AKIACONFIG\n", "[both]\naws_access_key_id = AKIACREDS\naws_secret_access_key = s\n"],
  ["an empty key, a line without =, a value with = in it", "[default]\n= nothing\njust words\nrole_session_name = a=b\n", ""],
  ["a [__proto__] section makes the SDK read the file as empty", "[default]\nregion = us-east-1\n[__proto__]\nx = 1\n", "[default]\naws_access_key_id = AKIAKEPT\n"],
];

for (const [name, config, credentials] of FORMS) {
  test(`ini read as the SDK reads it: ${name}`, async () => {
    const { expected, actual } = await bothReadings(config, credentials);
    assert.deepEqual(actual, expected);
  });
}

test("the region an inline comment follows is the SDK's region, and no error names the comment", async () => {
  const configPath = path.join(dir, "region-config");
  fs.writeFileSync(configPath, "[profile prod]\nregion = us-west-2  # production account\n");
  const resolved = resolveRegion({ env: { AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "none"), AWS_PROFILE: "prod", HOME: dir } });
  assert.equal(resolved.region, "us-west-2");
});

test("generated files: the same profiles and settings as the SDK", async () => {
  const name = fc.constantFrom("default", "prod", "dev-1", "a.b", "x@y", "Team", "__proto__x");
  const header = fc.oneof(
    name.map((n) => `[${n}]`),
    name.map((n) => `[profile ${n}]`),
    name.map((n) => `[profile "${n}"]`),
    name.map((n) => `[sso-session ${n}]`),
    name.map((n) => `[ profile ${n} ]`),
    fc.constant("[services s]"),
  );
  const key = fc.constantFrom("region", "Region", "aws_access_key_id", "s3", "output", "sso_session", "credential_process");
  const value = fc.constantFrom("", "us-west-2", "eu-west-1 # comment", "a;b", "x ; y", "a=b", "  spaced  ", "#start");
  const indent = fc.constantFrom("", "", " ", "\t", "    ");
  const line = fc.oneof(
    header,
    fc.tuple(indent, key, fc.constantFrom("=", " = ", "= ", " ="), value).map(([i, k, eq, v]) => `${i}${k}${eq}${v}`),
    fc.constantFrom("", "# comment", "; comment", "garbage", "=x"),
  );
  const file = fc.array(line, { maxLength: 14 }).chain((lines) => fc.constantFrom("\n", "\r\n").map((eol) => lines.join(eol)));
  await fc.assert(
    fc.asyncProperty(file, file, async (config, credentials) => {
      const { expected, actual } = await bothReadings(config, credentials);
      assert.deepEqual(actual, expected, `config:\n${config}\ncredentials:\n${credentials}`);
    }),
    { numRuns: 300 },
  );
});
