// The parts of OpenClaw's plugin API this plugin uses, as OpenClaw 2026.9.6 declares them (narrowed). The host
// passes them at run time; nothing of OpenClaw is imported at build time.
import type { Command } from "commander";

export interface HostModel {
  id: string;
  name: string;
  api?: string;
  provider?: string;
  baseUrl?: string;
  reasoning: boolean;
  input: ("text" | "image" | "video")[];
  cost: { input: number; output: number; cacheRead: number; cacheWrite: number };
  contextWindow: number;
  maxTokens: number;
  params?: Record<string, unknown>;
  /**
   * OpenClaw's advanced levels this model takes (a string) or not (null): the host offers `/think xhigh` and
   * `max` from it when no provider profile is consulted (embedded runs such as `infer model run`).
   */
  thinkingLevelMap?: { xhigh?: string | null; max?: string | null };
}

export interface HostProviderConfig {
  baseUrl: string;
  api: string;
  auth: string;
  models: HostModel[];
}

export interface ProviderCatalogContext {
  config: unknown;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** The providers asked for; absent means all of them. */
  providerIds?: readonly string[];
}

export interface ProviderDynamicModelContext {
  config?: unknown;
  provider: string;
  modelId: string;
  providerConfig?: { baseUrl?: string; api?: string };
}

export interface CliDescriptor {
  name: string;
  description: string;
  hasSubcommands: boolean;
}

export interface OpenClawPluginApi {
  registrationMode?: "cli-metadata" | "discovery" | "setup-only" | "setup-runtime" | "full" | string;
  pluginConfig?: Record<string, unknown>;
  registerCli(registrar: (ctx: { program: Command }) => void | Promise<void>, options: { descriptors: CliDescriptor[] }): void;
  registerProvider(provider: Record<string, unknown>): void;
  /** From 2026.5.22 (src/host/release.ts): memory-search embedding providers. */
  registerEmbeddingProvider?(adapter: EmbeddingProviderAdapter): void;
}

/** What memory search passes an embedding adapter (OpenClaw 2026.9.6, `EmbeddingProviderCreateOptions`). */
export interface EmbeddingCreateOptions {
  config: unknown;
  agentDir?: string;
  provider?: string;
  /** memory.search.model, trimmed, the adapter's default when unset, then through normalizeModel. */
  model: string;
  /** memory.search.outputDimensionality. */
  dimensions?: number;
}

/** One input to embed: a text, or a text with multimodal parts (only the text is embedded here). */
export type EmbeddingInput = string | { text: string };

export interface EmbeddingCallOptions {
  signal?: AbortSignal;
  inputType?: "query" | "document" | "semantic" | "classification" | "clustering";
}

/** A created embedding provider (`EmbeddingProvider`). */
export interface HostEmbeddingProvider {
  id: string;
  model: string;
  dimensions?: number;
  maxInputTokens?: number;
  embed(input: EmbeddingInput, options?: EmbeddingCallOptions): Promise<number[]>;
  embedBatch(inputs: EmbeddingInput[], options?: EmbeddingCallOptions): Promise<number[][]>;
}

/** `EmbeddingProviderAdapter`, as `api.registerEmbeddingProvider` takes it. */
export interface EmbeddingProviderAdapter {
  id: string;
  defaultModel?: string;
  transport?: "local" | "remote";
  normalizeModel?(options: EmbeddingCreateOptions): string;
  resolveIndexIdentity?(options: EmbeddingCreateOptions): { model: string; cacheKeyData: Record<string, unknown> };
  create(options: EmbeddingCreateOptions): Promise<{ provider: HostEmbeddingProvider | null; runtime?: { id: string; cacheKeyData?: Record<string, unknown>; inlineBatchTimeoutMs?: number } }>;
  formatSetupError?(error: unknown): string;
}
