// Where each plane's calls go: a configured endpoint wins over AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL
// (as an endpoint given in code does for the AWS SDKs), the region comes from the endpoint's host name when it has
// one, and a value that is not an endpoint URL is one line naming the setting and the fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { endpointKind, endpointSettingError, isDefaultEndpoint, regionOfEndpoint, resolveEndpoint } from "../../src/aws/endpoint.ts";
import { resolveAwsTarget } from "../../src/aws/target.ts";
import { streamTurn } from "../../src/transport/stream-fn.ts";

const VPCE = "https://vpce-0abc123-xyz9.bedrock-runtime.us-east-1.vpce.amazonaws.com";

test("the region comes from public, FIPS and interface-endpoint host names, never from a gateway's", () => {
  const cases: [string, string | undefined][] = [
    ["https://bedrock-runtime.eu-central-1.amazonaws.com", "eu-central-1"],
    ["https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com/", "us-gov-west-1"],
    [VPCE, "us-east-1"],
    ["https://vpce-0abc123-xyz9-us-east-1a.bedrock-runtime.us-east-1.vpce.amazonaws.com", "us-east-1"],
    ["https://vpce-0def456-uvw8.bedrock.ap-southeast-2.vpce.amazonaws.com", "ap-southeast-2"],
    ["https://bedrock-runtime.cn-north-1.amazonaws.com.cn", "cn-north-1"],
    ["https://bedrock.corp.example", undefined],
    ["https://bedrock-runtime.<AWS_REGION>.amazonaws.com", undefined],
    ["not a url", undefined],
  ];
  for (const [url, region] of cases) assert.equal(regionOfEndpoint(url), region, url);
  assert.deepEqual([VPCE, "https://bedrock-runtime-fips.us-east-1.amazonaws.com", "https://bedrock.corp.example"].map(endpointKind), ["vpc-endpoint", "public", "custom"]);
});

test("only the region's own public endpoint leaves the endpoint to the environment; anything else is used as given", () => {
  assert.ok(isDefaultEndpoint("https://bedrock-runtime.us-west-2.amazonaws.com", "bedrock-runtime"));
  assert.ok(isDefaultEndpoint("https://bedrock-runtime.<AWS_REGION>.amazonaws.com", "bedrock-runtime"));
  for (const url of [VPCE, "https://bedrock-runtime-fips.us-east-1.amazonaws.com", "https://bedrock.corp.example", "https://bedrock-runtime.us-west-2.amazonaws.com/proxy"]) {
    assert.ok(!isDefaultEndpoint(url, "bedrock-runtime"), url);
  }
});

test("precedence: the configured endpoint, then AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then the public one", () => {
  const env = { AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ENDPOINT_URL_BEDROCK_RUNTIME: "http://127.0.0.1:2" };
  const configured = { url: `${VPCE}/`, setting: "models.providers.amazon-bedrock.baseUrl" };
  assert.deepEqual(resolveEndpoint("bedrock-runtime", "us-east-1", env, configured), { url: VPCE, source: configured.setting, kind: "vpc-endpoint", explicit: true });
  assert.deepEqual(resolveEndpoint("bedrock-runtime", "us-east-1", env), { url: "http://127.0.0.1:2", source: "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", kind: "custom", explicit: false });
  assert.equal(resolveEndpoint("bedrock", "us-east-1", env).source, "AWS_ENDPOINT_URL", "the runtime's variable is not the control plane's");
  assert.equal(resolveEndpoint("bedrock-runtime", "us-east-1", env, { url: "https://bedrock-runtime.us-east-1.amazonaws.com", setting: "x" }).source, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "a public baseUrl says where, not how");
  assert.deepEqual(resolveEndpoint("bedrock", "eu-west-3", {}), { url: "https://bedrock.eu-west-3.amazonaws.com", source: "default", kind: "public", explicit: false });
});

test("resolveAwsTarget gives the SDK client a configured endpoint, and a failure's context names the setting", async () => {
  const target = resolveAwsTarget({
    env: { AWS_ACCESS_KEY_ID: "AKIAEXAMPLE000000001", AWS_SECRET_ACCESS_KEY: "x", AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" },
    modelRegion: "us-east-1",
    endpoints: { "bedrock-runtime": { url: VPCE, setting: "models.providers.amazon-bedrock.baseUrl" } },
    timeout: { ms: 1000, setting: "OPENCLAW_BEDROCK_TURN_TIMEOUT" },
  });
  await target.detect();
  const runtime = target.client("bedrock-runtime");
  assert.deepEqual([runtime.endpoint, runtime.explicitEndpoint], [VPCE, true]);
  assert.equal(target.client("bedrock").explicitEndpoint, undefined, "the control plane was not configured");
  assert.deepEqual([target.errorContext("ConverseStream").endpoint, target.errorContext("ConverseStream").endpointSetting], [VPCE, "models.providers.amazon-bedrock.baseUrl"]);
});

test("a turn whose baseUrl is not an endpoint URL ends before any call, naming the key and the fix", async () => {
  assert.match(endpointSettingError("endpoints.control", "vpce-1.bedrock.us-east-1.vpce.amazonaws.com", "bedrock"), /^endpoints\.control is not an endpoint URL \(.*is not a URL\): set it to the scheme and host, such as https:\/\/vpce-/);
  const model = { id: "us.anthropic.claude-haiku-4-5-20251001-v1:0", api: "bedrock-converse-stream", provider: "amazon-bedrock", baseUrl: "vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com", maxTokens: 1000 };
  const stream = streamTurn({}, model, { messages: [{ role: "user", content: "hi" }] }, {}, { AWS_EC2_METADATA_DISABLED: "true" });
  const message = await stream.result();
  assert.equal(message.stopReason, "error");
  assert.match(message.errorMessage!, /^Bedrock request not sent: models\.providers\.amazon-bedrock\.baseUrl \(the model's baseUrl\) is not an endpoint URL .*such as https:\/\/vpce-0abc123-xyz\.bedrock-runtime\.us-east-1\.vpce\.amazonaws\.com, or unset it$/);
});
