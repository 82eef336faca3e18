// Maps what AWS (or the network) said to a cause in one line and the exact fix. Feeds models list, the doctor and the docs.
import { sanitizeForTerminal } from "./model-id.js";
import type { ErrorContext } from "../aws/error-context.js";
import { cmd } from "../text/commands.js";
import { docsLink } from "../text/docs-link.js";

export type { ErrorContext };

export interface ClassifiedError {
  code: ErrorCode;
  cause: string;
  fix: string;
  retryable: boolean;
  /** What AWS (or the network) said, as it said it: the error's name and the first line of its message. */
  said: { name: string; message: string };
}

export type ErrorCode =
  | "access-denied"
  | "model-access"
  | "use-case-form"
  | "marketplace-subscription"
  | "on-demand-unsupported"
  | "invalid-model-id"
  | "guardrail-not-found"
  | "service-tier-unavailable"
  | "latency-unsupported"
  | "model-legacy"
  | "unrecognized-client"
  | "invalid-signature"
  | "expired-token"
  | "sso-expired"
  | "no-credentials"
  | "credential-process"
  | "throttled"
  | "service-unavailable"
  | "model-stream-error"
  | "stream-validation"
  | "stream-cut"
  | "timeout"
  | "network"
  | "proxy"
  | "unexpected-response"
  | "invalid-region"
  | "unknown";

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  cause?: unknown;
  address?: string;
  port?: number;
  /** Set by the SDK when a body could not be parsed. */
  $responseBodyText?: string;
  $response?: { statusCode?: number; body?: unknown };
}

const OPERATION_ACTION: Record<string, string> = {
  ListFoundationModels: "bedrock:ListFoundationModels",
  ListInferenceProfiles: "bedrock:ListInferenceProfiles",
  GetFoundationModel: "bedrock:GetFoundationModel",
  GetInferenceProfile: "bedrock:GetInferenceProfile",
  GetGuardrail: "bedrock:GetGuardrail",
  Converse: "bedrock:InvokeModel",
  ConverseStream: "bedrock:InvokeModelWithResponseStream",
  InvokeModel: "bedrock:InvokeModel",
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
        fix: `allow "${action}" in the IAM policy of ${principal ?? "these credentials"} (see ${docsLink("bedrock.md", "IAM permissions")})`,
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
    // "The guardrail identifier or version provided in the request does not exist." (a wrong id and a wrong version
    // read the same; guardrails are regional), or "The provided guardrail identifier is invalid."
    code: "guardrail-not-found",
    matches: (e) => (e.name === "ValidationException" || e.name === "ResourceNotFoundException") && /guardrail/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `Bedrock${where(ctx)} has no guardrail with this identifier and version (guardrails are regional)`,
      fix: `check guardrailIdentifier and guardrailVersion in plugins.entries.amazon-bedrock.config.guardrail against aws bedrock list-guardrails${ctx.region ? ` --region ${ctx.region}` : ""} (DRAFT, or a version that was published)`,
    }),
  },
  {
    // "Reservation not found." for reserved without a reservation; "The provided service tier is invalid"-like
    // wording for a tier the model does not offer.
    code: "service-tier-unavailable",
    matches: (e) => e.name === "ValidationException" && (/reservation not found/i.test(e.message) || /service tier/i.test(e.message)),
    explain: (e, ctx) => ({
      cause: /reservation/i.test(e.message)
        ? `the reserved tier needs a reservation for ${ctx.modelId ?? "this model"}${where(ctx)}, and this account has none`
        : `${ctx.modelId ?? "this model"}${where(ctx)} is not offered in the service tier the request asked for`,
      fix: `set serviceTier to a tier the model offers (default always is; reserved needs a reservation through your AWS account team), or remove it: plugins.entries.amazon-bedrock.config.serviceTier, or the model's params.serviceTier (see ${docsLink("bedrock.md", "Service tier and latency")})`,
    }),
  },
  {
    code: "latency-unsupported",
    matches: (e) => e.name === "ValidationException" && /latency/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `${ctx.modelId ?? "this model"}${where(ctx)} has no latency-optimized version`,
      fix: `remove performanceConfig.latency "optimized" for this model (plugins.entries.amazon-bedrock.config.performanceConfig, or the model's params), or use a model and region that offer it (see ${docsLink("bedrock.md", "Service tier and latency")})`,
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
    code: "credential-process",
    matches: (e) => e.name === "CredentialProcessError",
    // Never the command's arguments or its output: a vault token on the command line, keys a helper echoed.
    explain: (e) => {
      const p = e as unknown as { profile: string };
      return {
        cause: oneLine(e.message),
        fix: `see the command with aws configure get credential_process --profile ${p.profile}, run it yourself to see why it fails, then fix it or that line of the profile`,
      };
    },
  },
  {
    code: "no-credentials",
    matches: (e) => e.name === "CredentialsProviderError" || /could not load credentials/i.test(e.message),
    explain: () => ({
      cause: "no AWS credentials could be loaded",
      fix: `configure credentials (aws configure, AWS_PROFILE, an EC2 instance role or AWS_BEARER_TOKEN_BEDROCK); see ${docsLink("bedrock.md", "Credentials")}`,
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
    code: "invalid-region",
    matches: (e) => /region not accepted|not a valid hostname component|invalid region/i.test(e.message),
    explain: (_e, ctx) => ({
      cause: `${ctx.region ? `"${ctx.region}"` : "the region"} is not an AWS region code`,
      fix: "set a region code such as us-east-1 where the region comes from (--region, the discovery region, AWS_REGION, the profile)",
    }),
  },
  {
    code: "unexpected-response",
    matches: (e) => {
      const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? 0;
      if (/deserialization error/i.test(e.message)) return true;
      if (status < 300) return false;
      return /^(UnknownError|Unknown|NotFound|Error|SyntaxError)$/.test(e.name) && !e.$metadata?.requestId;
    },
    explain: (e, ctx) => {
      const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
      const body = bodySnippet(e);
      return {
        cause: `${ctx.endpoint ?? "the endpoint"} answered HTTP ${status ?? "?"}${body ? ` "${body}"` : " with no body"}: not an AWS ${ctx.operation === "GetCallerIdentity" ? "STS" : "Bedrock"} answer`,
        fix: ctx.endpointSetting
          ? `${ctx.endpointSetting} points at ${ctx.endpoint}, which did not answer as Bedrock: point it at the Bedrock ${ctx.operation?.startsWith("Converse") ? "runtime" : "control-plane"} endpoint (or its VPC endpoint) for ${ctx.region ?? "the region"}, or a gateway that passes the signed request through unchanged`
          : ctx.endpoint && !/\.amazonaws\.com(\.cn)?(:\d+)?\/?$/.test(ctx.endpoint)
            ? `AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_${ctx.operation === "GetCallerIdentity" ? "STS" : ctx.operation?.startsWith("Converse") ? "BEDROCK_RUNTIME" : "BEDROCK"}) points at ${ctx.endpoint}, which is not that AWS service: unset it, or point it at the service's endpoint (or VPC endpoint) for ${ctx.region ?? "the region"}`
            : `something between this host and AWS answered instead (a proxy, a firewall, DNS): check HTTPS_PROXY/NO_PROXY and what ${ctx.endpoint ?? "the endpoint"} resolves to`,
      };
    },
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
    explain: (e, ctx) => ({
      cause: /whole discovery/.test(e.message) ? `${e.message} (each request answered within ${ctx.timeoutSeconds ?? "?"}s)` : `no answer from ${ctx.endpoint ?? "the Bedrock endpoint"}${ctx.proxy ? ` through the proxy ${ctx.proxy.url} (${ctx.proxy.variable})` : ""}${ctx.timeoutSeconds ? ` within ${ctx.timeoutSeconds}s` : ""}`,
      fix: `check connectivity to the endpoint (${ctx.proxy ? `the proxy ${ctx.proxy.url}, ` : "HTTPS_PROXY, "}VPC endpoint, security groups), or raise the timeout: ${
        ctx.timeoutSetting === "flag" ? `--timeout <seconds>${ctx.timeoutSeconds ? ` (now ${ctx.timeoutSeconds})` : ""}` : `export ${ctx.timeoutSetting ?? "OPENCLAW_BEDROCK_TIMEOUT"}=<seconds>${ctx.timeoutSeconds ? ` (now ${ctx.timeoutSeconds})` : ""}`
      }`,
    }),
  },
  {
    // The reply ended quietly without messageStop: the HTTP/2 request timeout ends a stream that sends nothing
    // for the timeout (a cut connection is an error of its own, below).
    code: "timeout",
    retryable: true,
    matches: (e) => e.code === "ERR_STREAM_PREMATURE_CLOSE" && /messageStop/.test(e.message),
    explain: (_e, ctx) => ({
      cause: `the reply stream stopped sending and timed out${ctx.timeoutSeconds ? ` after ${ctx.timeoutSeconds} s` : ""} with nothing more from Bedrock, before its messageStop event`,
      fix: `retry; if the model pauses longer than that, raise the timeout: ${
        ctx.timeoutSetting === "flag" ? `--timeout <seconds>${ctx.timeoutSeconds ? ` (now ${ctx.timeoutSeconds})` : ""}` : `export ${ctx.timeoutSetting ?? "OPENCLAW_BEDROCK_TIMEOUT"}=<seconds>${ctx.timeoutSeconds ? ` (now ${ctx.timeoutSeconds})` : ""}`
      }`,
    }),
  },
  {
    code: "stream-cut",
    retryable: true,
    matches: (e, ctx) => ctx.phase === "stream" && (STREAM_CUT_CODES.has(e.code ?? "") || /premature|aborted|stream.*(closed|reset)|socket hang up/i.test(e.message)),
    explain: () => ({ cause: "the reply stream was cut before it finished", fix: "retry; if it repeats, check proxies or load balancers that close long-lived connections" }),
  },
  {
    code: "proxy",
    retryable: true,
    matches: (e, ctx) => Boolean(ctx.proxy) && (NETWORK_CODES.has(e.code ?? "") || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|socket hang up|getaddrinfo|proxy/i.test(e.message)),
    explain: (_e, ctx) => ({
      cause: `the proxy ${ctx.proxy!.url} (${ctx.proxy!.variable}) can't be reached, so neither can ${ctx.endpoint ?? "the Bedrock endpoint"}`,
      fix: `check that the proxy ${ctx.proxy!.url} is running and reachable, or bypass it for AWS: export NO_PROXY=.amazonaws.com (or unset ${ctx.proxy!.variable})`,
    }),
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
  const said = { name: e.name, message: oneLine(e.message.replace(/\s*Deserialization error:.*$/s, "")) || (e.code ?? "") };
  for (const rule of RULES) {
    if (rule.matches(e, ctx)) {
      const { cause, fix } = rule.explain(e, ctx);
      return { code: rule.code, cause: sanitizeForTerminal(cause), fix: sanitizeForTerminal(fix), retryable: rule.retryable ?? false, said };
    }
  }
  return {
    code: "unknown",
    cause: `${e.name}: ${said.message}`,
    fix: `nothing here knows this error: check the status of Amazon Bedrock${ctx.region ? ` in ${ctx.region}` : ""} and the endpoint ${ctx.endpoint ?? "in use"}, and report it if it persists`,
    retryable: false,
    said,
  };
}

/** `cause (Name: message)`: our explanation, then what AWS said, unless the cause already says it. */
export function causeWithSaid(c: ClassifiedError, suffix = ""): string {
  const message = c.said.message.length > 160 ? `${c.said.message.slice(0, 157)}...` : c.said.message;
  if (["unknown", "unexpected-response", "invalid-region", "credential-process"].includes(c.code) || (message && c.cause.includes(message))) return `${c.cause}${suffix}`;
  return `${c.cause}${suffix} (${c.said.name}${message ? `: ${message}` : ""})`;
}

/** The first bytes of a body the SDK could not parse, on one line. */
function bodySnippet(e: ErrorLike): string | undefined {
  const body = e.$response?.body as { collectedHead?: unknown } | string | Uint8Array | undefined;
  const raw =
    typeof e.$responseBodyText === "string"
      ? e.$responseBodyText
      : typeof body === "string"
        ? body
        : body instanceof Uint8Array
          ? Buffer.from(body).toString("utf8")
          : typeof body?.collectedHead === "string"
            ? body.collectedHead
            : undefined;
  if (!raw) return /"(.*?)"(?:\.\.\.)? is not valid JSON/.exec(e.message ?? "")?.[1]?.trim() || undefined;
  const text = sanitizeForTerminal(raw.replace(/\s+/g, " ").trim());
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
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
    $responseBodyText: e.$responseBodyText,
    $response: e.$response,
  };
}

function oneLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
