// The emulator speaks the real wire protocols: proven here with the plain AWS SDK clients, no mocks.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { BedrockClient, ListFoundationModelsCommand, GetFoundationModelCommand, GetInferenceProfileCommand, GetFoundationModelAvailabilityCommand, paginateListInferenceProfiles } from "@aws-sdk/client-bedrock";
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromContainerMetadata, fromInstanceMetadata } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { startEmulator, type Emulator } from "./server.ts";
import { BEARER_TOKEN, CONTAINER_AUTH_TOKEN, CONTAINER_ROLE, EXPIRED_SESSION, INSTANCE_ROLE, STATIC_USER } from "./identities.ts";
import { applicationProfile, fixtureCatalog } from "./bedrock.ts";

let emulator: Emulator;
const credentials = { accessKeyId: STATIC_USER.accessKeyId, secretAccessKey: STATIC_USER.secretAccessKey };
const region = "us-west-2";

before(async () => {
  const catalog = fixtureCatalog();
  catalog.inferenceProfiles.push(applicationProfile({ id: "a1b2c3d4e5f6", name: "team-claude", region, account: STATIC_USER.account, baseModelId: "anthropic.claude-3-haiku-20240307-v1:0" }));
  emulator = await startEmulator({ catalog, imds: { region: "eu-west-1" }, chunkSize: 8 });
});
after(() => emulator.stop());
beforeEach(() => {
  emulator.clearFaults();
  emulator.requests.length = 0;
});

const control = (extra: object = {}) => new BedrockClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1, ...extra });
const runtime = (extra: object = {}) => new BedrockRuntimeClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1, ...extra });
const message = { role: "user" as const, content: [{ text: "Say hi" }] };

async function collect(modelId: string, client = runtime()) {
  const response = await client.send(new ConverseStreamCommand({ modelId, messages: [message], inferenceConfig: { maxTokens: 64 } }));
  let text = "";
  const events: string[] = [];
  for await (const event of response.stream!) {
    events.push(Object.keys(event)[0]!);
    if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
  }
  return { text, events };
}

test("ListFoundationModels serves the real capture, with its filters", async () => {
  const all = await control().send(new ListFoundationModelsCommand({}));
  assert.equal(all.modelSummaries!.length, 54);
  const anthropic = await control().send(new ListFoundationModelsCommand({ byProvider: "Anthropic" }));
  assert.ok(anthropic.modelSummaries!.every((m) => m.providerName === "Anthropic"));
  const onDemandText = await control().send(new ListFoundationModelsCommand({ byInferenceType: "ON_DEMAND", byOutputModality: "TEXT" }));
  assert.ok(onDemandText.modelSummaries!.every((m) => m.inferenceTypesSupported!.includes("ON_DEMAND") && m.outputModalities!.includes("TEXT")));
  assert.equal(emulator.requests[0]!.httpVersion, "1.1");
  assert.equal(emulator.requests[0]!.authKind, "sigv4");
  assert.equal(emulator.requests[0]!.accessKeyId, STATIC_USER.accessKeyId);
  assert.equal(emulator.requests[0]!.region, region);
});

test("ListInferenceProfiles pages with maxResults/nextToken and filters by type", async () => {
  const ids: string[] = [];
  for await (const page of paginateListInferenceProfiles({ client: control(), pageSize: 10 }, {})) ids.push(...page.inferenceProfileSummaries!.map((p) => p.inferenceProfileId!));
  assert.equal(ids.length, 58);
  assert.equal(emulator.count("ListInferenceProfiles"), 6);
  const apps = [];
  for await (const page of paginateListInferenceProfiles({ client: control() }, { typeEquals: "APPLICATION" })) apps.push(...page.inferenceProfileSummaries!);
  assert.equal(apps.length, 1);
  assert.match(apps[0]!.inferenceProfileArn!, /:application-inference-profile\/a1b2c3d4e5f6$/);
});

test("GetFoundationModel, GetInferenceProfile and GetFoundationModelAvailability answer", async () => {
  const model = await control().send(new GetFoundationModelCommand({ modelIdentifier: "anthropic.claude-3-haiku-20240307-v1:0" }));
  assert.equal(model.modelDetails!.providerName, "Anthropic");
  const profile = await control().send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: "us.anthropic.claude-3-haiku-20240307-v1:0" }));
  assert.equal(profile.type, "SYSTEM_DEFINED");
  const availability = await control().send(new GetFoundationModelAvailabilityCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0" }));
  assert.equal(availability.authorizationStatus, "AUTHORIZED");
});

test("ConverseStream streams event-stream frames over HTTP/2 by default", async () => {
  const { text, events } = await collect("us.anthropic.claude-3-haiku-20240307-v1:0");
  assert.equal(text, "Hello from the Bedrock emulator: the stream works end to end.");
  assert.deepEqual([events[0], events.at(-3), events.at(-2), events.at(-1)], ["messageStart", "contentBlockStop", "messageStop", "metadata"]);
  assert.ok(events.filter((e) => e === "contentBlockDelta").length > 3);
  const logged = emulator.requests.find((r) => r.operation === "ConverseStream")!;
  assert.equal(logged.httpVersion, "2.0");
  assert.equal(logged.modelId, "us.anthropic.claude-3-haiku-20240307-v1:0");
});

test("ConverseStream works over HTTP/1.1 too, and Converse answers whole", async () => {
  const { text } = await collect("amazon.nova-micro-v1:0", runtime({ requestHandler: new NodeHttpHandler() }));
  assert.match(text, /emulator/);
  assert.equal(emulator.requests.find((r) => r.operation === "ConverseStream")!.httpVersion, "1.1");
  const whole = await runtime().send(new ConverseCommand({ modelId: "amazon.nova-micro-v1:0", messages: [message] }));
  assert.match(whole.output!.message!.content![0]!.text!, /emulator/);
  assert.equal(whole.stopReason, "end_turn");
});

test("invocation errors are Bedrock's: profile-only by bare id, LEGACY, unknown id", async () => {
  await assert.rejects(collect("anthropic.claude-sonnet-4-20250514-v1:0"), (e: Error) => e.name === "ValidationException" && /on-demand throughput isn.t supported/.test(e.message));
  await assert.rejects(collect("anthropic.claude-3-7-sonnet-20250219-v1:0"), (e: Error) => e.name === "ResourceNotFoundException" && /end of its life/.test(e.message));
  await assert.rejects(collect("anthropic.claude-99"), (e: Error) => e.name === "ValidationException" && e.message === "The provided model identifier is invalid.");
  const app = await collect(`arn:aws:bedrock:${region}:${STATIC_USER.account}:application-inference-profile/a1b2c3d4e5f6`);
  assert.match(app.text, /emulator/);
});

test("video blocks are checked as the service does: one per request, a model that takes video, a known format", async () => {
  const clip = (format: string) => ({ video: { format, source: { bytes: new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]) } } }) as never;
  const send = (modelId: string, content: never[]) => runtime().send(new ConverseCommand({ modelId, messages: [{ role: "user", content: [{ text: "what happens?" }, ...content] }] }));
  const nova = "us.amazon.nova-lite-v1:0";
  const answered = await send(nova, [clip("mp4")]);
  assert.ok(answered.output?.message?.content?.[0]?.text);
  assert.equal(emulator.requests.at(-1)!.converse!.messages![0]!.content![1]!.video?.format, "mp4");
  await assert.rejects(send(nova, [clip("mp4"), clip("webm")]), (e: Error) => e.name === "ValidationException" && /takes one video/.test(e.message));
  await assert.rejects(send(nova, [clip("avi")]), (e: Error) => e.name === "ValidationException" && /enum value set/.test(e.message));
  await assert.rejects(send("us.anthropic.claude-haiku-4-5-20251001-v1:0", [clip("mp4")]), (e: Error) => e.name === "ValidationException" && /doesn't support the video content block/.test(e.message));
});

test("signatures are verified: wrong secret, unknown key, expired session", async () => {
  await assert.rejects(control({ credentials: { ...credentials, secretAccessKey: "wrong" } }).send(new ListFoundationModelsCommand({})), { name: "InvalidSignatureException" });
  await assert.rejects(control({ credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" } }).send(new ListFoundationModelsCommand({})), { name: "UnrecognizedClientException" });
  const expired = { accessKeyId: EXPIRED_SESSION.accessKeyId, secretAccessKey: EXPIRED_SESSION.secretAccessKey, sessionToken: EXPIRED_SESSION.sessionToken };
  await assert.rejects(control({ credentials: expired }).send(new ListFoundationModelsCommand({})), { name: "ExpiredTokenException" });
  const unsigned = await fetch(`${emulator.url}/foundation-models`);
  assert.equal(unsigned.status, 403);
  assert.match(unsigned.headers.get("x-amzn-errortype")!, /^MissingAuthenticationTokenException/);
});

test("a Bedrock API key is accepted as a bearer token", async () => {
  const client = new BedrockRuntimeClient({ region, endpoint: emulator.url, token: { token: BEARER_TOKEN }, authSchemePreference: ["httpBearerAuth"], maxAttempts: 1 });
  const { text } = await collect("amazon.nova-micro-v1:0", client);
  assert.match(text, /emulator/);
  assert.equal(emulator.requests.at(-1)!.authKind, "bearer");
  const bad = new BedrockRuntimeClient({ region, endpoint: emulator.url, token: { token: "ABSKnot-a-real-key" }, authSchemePreference: ["httpBearerAuth"], maxAttempts: 1 });
  await assert.rejects(collect("amazon.nova-micro-v1:0", bad), { name: "UnrecognizedClientException" });
});

test("STS GetCallerIdentity names the account and ARN of the signing key", async () => {
  const sts = new STSClient({ region, endpoint: emulator.url, credentials });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, STATIC_USER.account);
  assert.equal(identity.Arn, STATIC_USER.arn);
});

test("IMDSv2 hands out instance-role credentials that the control plane accepts", async () => {
  const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = emulator.url;
  try {
    const creds = await fromInstanceMetadata({ timeout: 1000, maxRetries: 0 })();
    assert.equal(creds.accessKeyId, INSTANCE_ROLE.accessKeyId);
    await control({ credentials: creds }).send(new ListFoundationModelsCommand({}));
    assert.equal(emulator.requests.at(-1)!.accessKeyId, INSTANCE_ROLE.accessKeyId);
    assert.ok(emulator.requests.some((r) => r.operation === "IMDS" && r.method === "PUT"));
  } finally {
    if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
  }
});

test("the container-credentials endpoint checks its authorization token", async () => {
  process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${emulator.url}/container-credentials`;
  process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = CONTAINER_AUTH_TOKEN;
  try {
    const creds = await fromContainerMetadata({ timeout: 1000, maxRetries: 0 })();
    assert.equal(creds.accessKeyId, CONTAINER_ROLE.accessKeyId);
  } finally {
    delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    delete process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
  }
});

test("fault: AccessDenied names the IAM action as AWS words it", async () => {
  emulator.fault("ListInferenceProfiles", { error: "AccessDeniedException" });
  await assert.rejects(control().send(new (await import("@aws-sdk/client-bedrock")).ListInferenceProfilesCommand({})), (e: Error) => {
    assert.equal(e.name, "AccessDeniedException");
    assert.match(e.message, /is not authorized to perform: bedrock:ListInferenceProfiles because no identity-based policy allows/);
    return true;
  });
  emulator.fault("ConverseStream", { error: "AccessDeniedException" });
  await assert.rejects(collect("amazon.nova-micro-v1:0"), /bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-west-2::foundation-model\/amazon.nova-micro-v1:0/);
});

test("fault: throttling for the first N calls is retried away by the SDK; 5xx is an error", async () => {
  emulator.fault("ListFoundationModels", { error: "ThrottlingException", times: 2 });
  const result = await control({ maxAttempts: 3 }).send(new ListFoundationModelsCommand({}));
  assert.equal(result.modelSummaries!.length, 54);
  assert.deepEqual(emulator.requests.map((r) => r.status), [429, 429, 200]);
  emulator.fault("ListFoundationModels", { error: "ServiceUnavailableException" });
  await assert.rejects(control().send(new ListFoundationModelsCommand({})), { name: "ServiceUnavailableException" });
});

test("fault: a delay past the client's timeout, and a reset connection, fail the call", async () => {
  emulator.fault("ListFoundationModels", { delayMs: 500 });
  await assert.rejects(control({ requestHandler: new NodeHttpHandler({ requestTimeout: 100, throwOnRequestTimeout: true }) }).send(new ListFoundationModelsCommand({})), /timed? ?out|timeout/i);
  emulator.fault("ListFoundationModels", { reset: true });
  await assert.rejects(control().send(new ListFoundationModelsCommand({})), /socket hang up|ECONNRESET/i);
});

test("fault: an exception event after N chunks, and a stream cut mid-way", async () => {
  emulator.fault("ConverseStream", { streamException: { afterChunks: 2, type: "throttlingException" } });
  await assert.rejects(collect("amazon.nova-micro-v1:0"), { name: "ThrottlingException" });
  emulator.fault("ConverseStream", { streamException: { afterChunks: 1, type: "modelStreamErrorException" } });
  await assert.rejects(collect("amazon.nova-micro-v1:0"), { name: "ModelStreamErrorException" });
  emulator.fault("ConverseStream", { streamCut: { afterChunks: 2 } });
  await assert.rejects(collect("amazon.nova-micro-v1:0"));
});
