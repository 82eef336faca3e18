// What a failed AWS call is explained with: which operation, where it went, as whom, through which proxy, and
// which setting raises its timeout. resolveAwsTarget fills it in; the error classifier (bedrock/classify-error.ts)
// words the cause and the fix from it.

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
  /** The config key that named the endpoint, when one did (the provider's baseUrl, endpoints.control). */
  endpointSetting?: string;
  timeoutSeconds?: number;
  /** "stream" once ConverseStream has started answering. */
  phase?: "request" | "stream";
  /** The proxy the call went through (credentials masked) and the variable that set it. */
  proxy?: { url: string; variable: string };
  /** How this command's timeout is raised: a flag (the doctor's --timeout) or OPENCLAW_BEDROCK_TIMEOUT. */
  timeoutSetting?: "flag" | "OPENCLAW_BEDROCK_TIMEOUT" | "OPENCLAW_BEDROCK_TURN_TIMEOUT";
}
