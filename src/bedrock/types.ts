// The shapes Bedrock discovery works with: what the control plane returns, and the rows we derive from it.

/** The fields of a ListFoundationModels summary this tool reads (the SDK's type, narrowed). */
export interface FoundationModelSummary {
  modelId: string;
  modelArn?: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status?: string };
}

export interface InferenceProfileSummary {
  inferenceProfileId: string;
  inferenceProfileArn: string;
  inferenceProfileName: string;
  status?: string;
  type?: string;
  models?: { modelArn?: string }[];
}

export type ModelKind = "foundation-model" | "inference-profile" | "application-inference-profile";

export type LeftOutReason = "profile-only" | "legacy" | "no-streaming" | "not-text" | "provisioned-only" | "inactive" | "base-unknown";

export interface DiscoveredModel {
  /** What to invoke: a model id, a system profile id (us.…), or an application profile ARN. */
  id: string;
  name: string;
  providerName: string;
  kind: ModelKind;
  baseModelId?: string;
  /** OpenClaw's input kinds: text, image, video, audio. */
  input: string[];
  contextWindow: number;
  maxTokens: number;
  reasoning: boolean;
  /** False when the limits are the configured defaults because the model is not in the known-models table. */
  knownLimits: boolean;
}

export interface LeftOutModel extends DiscoveredModel {
  reason: LeftOutReason;
}

/** What a discovery lists but not all it should be: a providerFilter that matches nothing, profiles that could not be listed, a damaged cache. */
export interface DiscoveryWarning {
  code: "filter-matches-nothing" | "profiles-unavailable" | "cache-damaged";
  cause: string;
  fix: string;
  /** profiles-unavailable: the models offered only through profiles, hidden because profiles could not be listed. */
  hidden?: string[];
}
