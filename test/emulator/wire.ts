// The emulator's wire details: which operation a request is, and the bodies AWS answers with (STS XML,
// credential documents, stream exception messages).
import http from "node:http";
import http2 from "node:http2";
import { randomUUID } from "node:crypto";
import type { Identity } from "./auth.ts";
import { headerValue } from "./auth.ts";
import { escapeXml } from "./errors.ts";
import type { Operation } from "./server.ts";

export function classify(method: string, path: string, body: Buffer): Operation {
  if (path.startsWith("/latest/")) return "IMDS";
  if (path.startsWith("/container-credentials")) return "ContainerCredentials";
  if (method === "GET" && path === "/foundation-models") return "ListFoundationModels";
  if (method === "GET" && path.startsWith("/foundation-models/")) return "GetFoundationModel";
  if (method === "GET" && path === "/inference-profiles") return "ListInferenceProfiles";
  if (method === "GET" && path.startsWith("/inference-profiles/")) return "GetInferenceProfile";
  if (method === "GET" && path.startsWith("/foundation-model-availability/")) return "GetFoundationModelAvailability";
  if (method === "GET" && path.startsWith("/guardrails/")) return "GetGuardrail";
  if (method === "POST" && /^\/model\/[^/]+\/converse-stream$/.test(path)) return "ConverseStream";
  if (method === "POST" && /^\/model\/[^/]+\/converse$/.test(path)) return "Converse";
  if (method === "POST" && /^\/model\/[^/]+\/invoke$/.test(path)) return "InvokeModel";
  if (method === "POST" && path === "/") {
    const action = new URLSearchParams(body.toString("utf8")).get("Action");
    if (action === "GetCallerIdentity" || action === "AssumeRole" || action === "AssumeRoleWithWebIdentity") return action;
  }
  return "Unknown";
}

export function regionFromHost(headers: Record<string, string | string[] | undefined>): string | undefined {
  const host = headerValue(headers, "host") ?? headerValue(headers, ":authority") ?? "";
  return /\.([a-z]{2}-[a-z]+-\d)\./.exec(host)?.[1];
}

export function credentialsDocument(identity: Identity) {
  return {
    AccessKeyId: identity.accessKeyId,
    SecretAccessKey: identity.secretAccessKey,
    Token: identity.sessionToken,
    Expiration: new Date(Date.now() + 6 * 3600_000).toISOString(),
    RoleArn: identity.arn,
  };
}

export function callerIdentityXml(identity: Identity): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${escapeXml(identity.arn)}</Arn><UserId>${escapeXml(identity.userId)}</UserId><Account>${identity.account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

export function assumeRoleXml(action: "AssumeRole" | "AssumeRoleWithWebIdentity", identity: Identity): string {
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${identity.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(identity.secretAccessKey)}</SecretAccessKey><SessionToken>${escapeXml(identity.sessionToken ?? "")}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>${escapeXml(identity.arn)}</Arn><AssumedRoleId>${escapeXml(identity.userId)}</AssumedRoleId></AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

export function defaultStreamMessage(type: string): string {
  switch (type) {
    case "throttlingException":
      return "Too many tokens, please wait before trying again.";
    case "modelStreamErrorException":
      return "The model stream encountered an error.";
    case "serviceUnavailableException":
      return "The service is unavailable. Please try again later.";
    case "validationException":
      return "Input is too long for requested model.";
    default:
      return "The system encountered an unexpected error during processing. Try your request again.";
  }
}

export function readBody(req: http.IncomingMessage | http2.Http2ServerRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function destroy(res: http.ServerResponse | http2.Http2ServerResponse): void {
  if ("stream" in res && res.stream) res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
  else (res as http.ServerResponse).socket?.destroy();
}

/** Waits ms; with unref, a pending wait does not keep the process alive (a test file ends when its tests do). */
export function sleep(ms: number, { unref = false } = {}): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
}
