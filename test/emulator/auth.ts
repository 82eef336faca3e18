// Checks requests the way AWS does: SigV4 signatures recomputed with the known secret, or Bedrock API keys as bearer tokens.
import { createHash, createHmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { AwsError } from "./errors.ts";

export interface Identity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  account: string;
  arn: string;
  userId: string;
  expired?: boolean;
}

export interface AuthResult {
  kind: "sigv4" | "bearer" | "none";
  accessKeyId?: string;
  region?: string;
  service?: string;
  identity?: Identity;
  bearerToken?: string;
}

/** node:crypto behind the hash interface the signer expects. */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

export interface IncomingSigned {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const AUTH_HEADER = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

export async function authenticate(
  request: IncomingSigned,
  identities: Map<string, Identity>,
  bearerTokens: Map<string, { expired?: boolean; identity: Identity }>,
): Promise<AuthResult> {
  const header = headerValue(request.headers, "authorization");
  if (!header) throw new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  if (header.startsWith("Bearer ")) {
    const token = header.slice("Bearer ".length);
    const known = bearerTokens.get(token);
    if (!known) throw new AwsError(403, "UnrecognizedClientException", "Invalid API Key format: Must start with pre-defined prefix");
    if (known.expired) throw new AwsError(403, "ExpiredTokenException", "Bearer Token has expired");
    return { kind: "bearer", bearerToken: token, identity: known.identity };
  }
  const match = AUTH_HEADER.exec(header);
  if (!match) throw new AwsError(403, "IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
  const [, accessKeyId, , region, service, signedHeaderList, signature] = match as unknown as string[];
  const identity = identities.get(accessKeyId!);
  if (!identity) throw new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
  const sentToken = headerValue(request.headers, "x-amz-security-token");
  if (identity.sessionToken !== undefined && sentToken !== identity.sessionToken) {
    throw new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
  }
  const expected = await computeSignature(request, identity, region!, service!, signedHeaderList!.split(";"));
  if (expected !== signature) {
    throw new AwsError(
      403,
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    );
  }
  if (identity.expired) throw new AwsError(403, "ExpiredTokenException", "The security token included in the request is expired");
  return { kind: "sigv4", accessKeyId, region, service, identity };
}

async function computeSignature(request: IncomingSigned, identity: Identity, region: string, service: string, signedHeaders: string[]): Promise<string> {
  const amzDate = headerValue(request.headers, "x-amz-date") ?? "";
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = name === "host" ? headerValue(request.headers, "host") ?? headerValue(request.headers, ":authority") : headerValue(request.headers, name);
    headers[name] = value ?? "";
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(request.rawQuery)) {
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey, sessionToken: headers["x-amz-security-token"] },
    region,
    service,
    sha256: Sha256,
    uriEscapePath: service !== "s3",
  });
  const signed = await signer.sign(new HttpRequest({ method: request.method, protocol: "http:", hostname: "emulator", path: request.rawPath, query, headers, body: request.body.length > 0 ? request.body : undefined }), {
    signingDate,
    signingRegion: region,
    signingService: service,
    signableHeaders: new Set(signedHeaders),
  });
  const authorization = String(signed.headers.authorization ?? signed.headers.Authorization ?? "");
  return /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? "";
}

export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}
