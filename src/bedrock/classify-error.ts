// Maps what AWS (or the network) said to a cause in one line and the exact fix. Feeds models list, the doctor and the docs.
import { sanitizeForTerminal } from "./model-id.js";
import { cmd } from "../text/commands.js";

export interface ErrorContext {
  /** The operation that failed: ListFoundationModels, ConverseStream, GetCallerIdentity, ... */
  operation?: string;
  region?: string;
  profileName?: string;
  credentialKind?: string;
  modelId?: string;
  /** For a profile-only model: the profile id to use instead. */
  profileIdHint?: string;
  endpoint?: string;
  timeoutSeconds?: number;
  /** "stream" once ConverseStream has started answering. */
  phase?: "request" | "stream";
}

export interface ClassifiedError {
  code: ErrorCode;
  cause: string;
  fix: string;
  retryable: boolean;
}

export type ErrorCode =
  | "access-denied"
  | "model-access"
  | "use-case-form"
  | "marketplace-subscription"
  | "on-demand-unsupported"
  | "invalid-model-id"
  | "model-legacy"
  | "unrecognized-client"
  | "invalid-signature"
  | "expired-token"
  | "sso-expired"
  | "no-credentials"
  | "throttled"
  | "service-unavailable"
  | "model-stream-error"
  | "stream-validation"
  | "stream-cut"
  | "timeout"
  | "network"
  | "unknown";

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const OPERATION_ACTION: Record<string, string> = {
  ListFoundationModels: "bedrock:ListFoundationModels",
  ListInferenceProfiles: "bedrock:ListInferenceProfiles",
  GetFoundationModel: "bedrock:GetFoundationModel",
  GetInferenceProfile: "bedrock:GetInferenceProfile",
  Converse: "bedrock:InvokeModel",
  ConverseStream: "bedrock:InvokeModelWithResponseStream",
  GetCallerIdentity: "sts:GetCallerIdentity",
};

interface Rule {
  code: ErrorCode;
  retryable?: boolean;
  matches(e: Required<Pick<ErrorLike, "name" | "message">> & ErrorLike, ctx: ErrorContext): boolean;
  explain(e: Required<Pick<ErrorLike, "name" | "message">> & ErrorLike, ctx: ErrorContext): { cause: string; fix: string };
}

const where = (ctx: ErrorContext) => (ctx.region ? ` in ${ctx.region}` : "");
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE", "ERR_HTTP2_SESSION_ERROR", "ERR_HTTP2_GOAWAY_SESSION"]);
const STREAM_CUT_CODES = new Set(["ERR_HTTP2_STREAM_ERROR", "ERR_STREAM_PREMATURE_CLOSE", "ECONNRESET", "ERR_HTTP2_SESSION_ERROR", "ERR_HTTP2_INVALID_SESSION"]);

/** Ordered: the first rule that matches explains the error. */
export const RULES: Rule[] = [
  {
    code: "use-case-form",
    matches: (e) => /use case/i.test(e.message) && /anthropic|form|details/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: "Anthropic models need the one-time use-case form for this account",
      fix: `Bedrock console${where(ctx)} → Model catalog → an Anthropic model → "Submit use case details", then retry after a few minutes`,
    }),
  },
  {
    code: "marketplace-subscription",
    matches: (e) => /marketplace/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: "the model is sold through AWS Marketplace and this account is not subscribed",
      fix: `allow aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions for the first call, or have an admin invoke ${ctx.modelId ?? "the model"} once in the Bedrock console`,
    }),
  },
  {
    code: "model-access",
    matches: (e) => e.name === "AccessDeniedException" && /access to the model/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `this account has no access to ${ctx.modelId ?? "the model"}${where(ctx)}`,
      fix: `Bedrock console${where(ctx)} → Model access → enable ${ctx.modelId ?? "the model"}`,
    }),
  },
  {
    code: "access-denied",
    matches: (e) => e.name === "AccessDeniedException" || e.name === "AccessDenied",
    explain: (e, ctx) => {
      const action = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(e.message)?.[1] ?? (ctx.operation ? OPERATION_ACTION[ctx.operation] : undefined) ?? "the Bedrock action";
      const principal = /User: (\S+) is not authorized/.exec(e.message)?.[1];
      return {
        cause: `missing IAM permission ${action}${principal ? ` for ${principal}` : ""}`,
        fix: `allow "${action}" in the IAM policy of ${principal ?? "these credentials"} (see docs/bedrock.md, IAM permissions)`,
      };
    },
  },
  {
    code: "on-demand-unsupported",
    matches: (e) => e.name === "ValidationException" && /on-demand throughput/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `${ctx.modelId ?? "this model"} can only be invoked through an inference profile, not by its bare id`,
      fix: ctx.profileIdHint
        ? `use the inference profile id ${ctx.profileIdHint}: ${cmd(`config set agents.defaults.model amazon-bedrock/${ctx.profileIdHint}`)}`
        : `use its inference profile id (us.${ctx.modelId ?? "<model id>"} or global.${ctx.modelId ?? "<model id>"}); list them with: ${cmd("models list --provider amazon-bedrock")}`,
    }),
  },
  {
    code: "invalid-model-id",
    matches: (e) => /provided model identifier is invalid/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `Bedrock${where(ctx)} does not know the model id ${ctx.modelId ?? ""}`.trim(),
      fix: `check the id and the region: ${cmd("models list --all")}${ctx.region ? ` (region ${ctx.region})` : ""}`,
    }),
  },
  {
    code: "model-legacy",
    matches: (e) => e.name === "ResourceNotFoundException" && /end of its life|legacy/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `${ctx.modelId ?? "the model"} has reached end of life (LEGACY)`,
      fix: `switch to a current model from: ${cmd("models list --provider amazon-bedrock")}`,
    }),
  },
  {
    code: "sso-expired",
    matches: (e) => /sso/i.test(e.message) && /expired|invalid|refresh/i.test(e.message),
    explain: (_e, ctx) => ({ cause: "the SSO session has expired", fix: `aws sso login --profile ${ctx.profileName ?? "<profile>"}` }),
  },
  {
    code: "expired-token",
    matches: (e) => e.name === "ExpiredTokenException" || e.name === "ExpiredToken" || /token.*expired/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: "the credentials have expired",
      fix:
        ctx.credentialKind === "bearer-token"
          ? "create a new Bedrock API key and export AWS_BEARER_TOKEN_BEDROCK"
          : ctx.profileName
            ? `aws sso login --profile ${ctx.profileName} (or refresh that profile's credentials)`
            : "refresh AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN",
    }),
  },
  {
    code: "unrecognized-client",
    matches: (e) => e.name === "UnrecognizedClientException" || e.name === "InvalidClientTokenId",
    explain: (_e, ctx) => ({
      cause: ctx.credentialKind === "bearer-token" ? "Bedrock does not accept this API key" : "AWS does not recognise this access key id (deleted, mistyped, or another partition)",
      fix: ctx.credentialKind === "bearer-token" ? "check AWS_BEARER_TOKEN_BEDROCK, or create a new Bedrock API key" : "check the access key id: aws sts get-caller-identity; create new keys in IAM if it was deleted",
    }),
  },
  {
    code: "invalid-signature",
    matches: (e) => e.name === "InvalidSignatureException" || e.name === "SignatureDoesNotMatch",
    explain: () => ({
      cause: "the secret access key does not match the access key id (or the clock is off)",
      fix: "re-copy AWS_SECRET_ACCESS_KEY (no quotes or spaces) and check the system clock (timedatectl)",
    }),
  },
  {
    code: "no-credentials",
    matches: (e) => e.name === "CredentialsProviderError" || /could not load credentials/i.test(e.message),
    explain: () => ({
      cause: "no AWS credentials could be loaded",
      fix: "configure credentials (aws configure, AWS_PROFILE, an EC2 instance role or AWS_BEARER_TOKEN_BEDROCK); see docs/bedrock.md",
    }),
  },
  {
    code: "throttled",
    retryable: true,
    matches: (e) => /throttl|too many requests|rate exceeded/i.test(`${e.name} ${e.message}`) || e.$metadata?.httpStatusCode === 429,
    explain: (_e, ctx) => ({
      cause: `Bedrock is throttling ${ctx.operation ?? "requests"}${where(ctx)}`,
      fix: "retry in a minute; for steady load ask for a higher quota (Service Quotas → Amazon Bedrock) or use a cross-region profile (us./global.)",
    }),
  },
  {
    code: "model-stream-error",
    retryable: true,
    matches: (e) => e.name === "ModelStreamErrorException",
    explain: () => ({ cause: "the model failed while streaming its reply", fix: "retry; if it repeats, try another model or a smaller max tokens" }),
  },
  {
    code: "stream-validation",
    matches: (e, ctx) => e.name === "ValidationException" && ctx.phase === "stream",
    explain: (e) => ({ cause: `Bedrock refused the request mid-stream: ${oneLine(e.message)}`, fix: "shorten the prompt or lower max tokens" }),
  },
  {
    code: "service-unavailable",
    retryable: true,
    matches: (e) =>
      ["ServiceUnavailableException", "InternalServerException", "ModelNotReadyException", "ServiceUnavailable", "InternalFailure"].includes(e.name) ||
      (e.$metadata?.httpStatusCode ?? 0) >= 500,
    explain: (_e, ctx) => ({ cause: `Bedrock${where(ctx)} answered with a server error`, fix: "retry in a minute; check the AWS Health Dashboard for Amazon Bedrock" }),
  },
  {
    code: "timeout",
    retryable: true,
    matches: (e) => /timeout|timed out/i.test(`${e.name} ${e.message}`) || e.name === "AbortError" || e.code === "ETIMEDOUT",
    explain: (_e, ctx) => ({
      cause: `no answer from ${ctx.endpoint ?? "the Bedrock endpoint"}${ctx.timeoutSeconds ? ` within ${ctx.timeoutSeconds}s` : ""}`,
      fix: "check connectivity to the endpoint (HTTPS_PROXY, VPC endpoint, security groups) or raise the timeout",
    }),
  },
  {
    code: "stream-cut",
    retryable: true,
    matches: (e, ctx) => ctx.phase === "stream" && (STREAM_CUT_CODES.has(e.code ?? "") || /premature|aborted|stream.*(closed|reset)|socket hang up/i.test(e.message)),
    explain: () => ({ cause: "the reply stream was cut before it finished", fix: "retry; if it repeats, check proxies or load balancers that close long-lived connections" }),
  },
  {
    code: "network",
    retryable: true,
    matches: (e) => NETWORK_CODES.has(e.code ?? "") || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up|getaddrinfo/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `cannot reach ${ctx.endpoint ?? "the Bedrock endpoint"}`,
      fix: "check the network path: DNS, HTTPS_PROXY/NO_PROXY, a VPC endpoint, or AWS_ENDPOINT_URL",
    }),
  },
];

export function classifyAwsError(error: unknown, ctx: ErrorContext = {}): ClassifiedError {
  const e = normalize(error);
  for (const rule of RULES) {
    if (rule.matches(e, ctx)) {
      const { cause, fix } = rule.explain(e, ctx);
      return { code: rule.code, cause: sanitizeForTerminal(cause), fix: sanitizeForTerminal(fix), retryable: rule.retryable ?? false };
    }
  }
  return {
    code: "unknown",
    cause: `${e.name}: ${oneLine(e.message)}`,
    fix: "re-run with OPENCLAW_DEBUG=1 for details",
    retryable: false,
  };
}

function normalize(error: unknown): Required<Pick<ErrorLike, "name" | "message">> & ErrorLike {
  const e = (error && typeof error === "object" ? error : { message: String(error) }) as ErrorLike;
  const inner = e.cause && typeof e.cause === "object" ? (e.cause as ErrorLike) : undefined;
  return {
    ...e,
    name: e.name ?? "Error",
    message: sanitizeForTerminal(String(e.message ?? "")),
    code: e.code ?? inner?.code,
    $metadata: e.$metadata,
  };
}

function oneLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
