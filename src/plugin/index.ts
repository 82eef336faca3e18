// The OpenClaw face: register(api) declares the `bedrock` CLI root and the amazon-bedrock provider. Nothing is
// computed here; the catalog, the transport and the commands are imported when the host first calls them.
import type { OpenClawPluginApi, ProviderCatalogContext, ProviderDynamicModelContext } from "./host-types.js";
import type { streamTurn } from "../transport/stream-fn.js";
import { resolveDynamicModel, resolveThinkingProfile } from "./dynamic-model.js";
import { BEDROCK_API } from "../bedrock/ids.js";
// What the manifest declares (OpenClaw reads it without loading code) is what register() declares: read, not restated.
import manifest from "../../openclaw.plugin.json" with { type: "json" };
import { setFace } from "../text/commands.js";
import { relayStream } from "./stream-relay.js";
import { withdrawFromModelsFile } from "./host-models-file.js";
import { bedrockEmbeddingAdapter } from "./embedding-adapter.js";

/** What OpenClaw passes a stream function: (model, context, options). */
type StreamArgs = Parameters<typeof streamTurn> extends [unknown, ...infer Rest] ? Rest : never;

/** Bedrock errors OpenClaw should retry, by the AWS error name the transport puts in errorCode. */
const FAILOVER_REASONS: Record<string, string> = {
  ThrottlingException: "rate_limit",
  ServiceUnavailableException: "overloaded",
  ModelNotReadyException: "overloaded",
  InternalServerException: "server_error",
  ModelStreamErrorException: "server_error",
};

const provider = manifest.setup.providers[0]!;

const plugin = {
  id: manifest.id,
  name: manifest.name,
  description: manifest.description,
  register(api: OpenClawPluginApi): void {
    setFace("openclaw"); // fix lines name `openclaw …` commands in every path of this process: turns, catalog, CLI
    api.registerCli(async ({ program }) => (await import("./cli.js")).registerBedrockCli(program), { descriptors: manifest.cliCommands });
    if (api.registrationMode === "cli-metadata") return;
    // Discovery turned off: the rows an earlier discovery left for `openclaw models list` go now, before it reads them.
    if ((api.pluginConfig?.discovery as { enabled?: unknown } | undefined)?.enabled === false) withdrawFromModelsFile(process.env);
    api.registerProvider({
      id: provider.id,
      label: manifest.name,
      docsPath: "/providers/bedrock",
      envVars: provider.envVars,
      auth: [],
      catalog: {
        order: "simple",
        run: async (ctx: ProviderCatalogContext) => (await import("./catalog.js")).runCatalog(ctx),
      },
      // Synchronous in the host: a table lookup (and the discovery cache for application profiles), no SDK.
      resolveDynamicModel: (ctx: ProviderDynamicModelContext) => resolveDynamicModel(ctx),
      // Async, before it: an application-profile ARN discovery has not seen is resolved with GetInferenceProfile.
      prepareDynamicModel: async (ctx: ProviderDynamicModelContext) => (await import("./prepare-model.js")).prepareDynamicModel(ctx),
      // The stream is returned at once (older hosts read it synchronously); the transport loads, with the AWS SDK,
      // on the first turn, not before.
      createStreamFn: (ctx: { config?: unknown; model?: { api?: string } }) =>
        ctx.model?.api === BEDROCK_API
          ? (...args: StreamArgs) => relayStream(args[0], async () => (await import("../transport/stream-fn.js")).streamTurn(ctx.config, ...args))
          : undefined,
      // The transport splits OpenClaw's system prompt at its cache boundary and caches the stable part.
      supportsSystemPromptCacheBoundary: true,
      // A rate limit is a rate limit whatever exception carried it ("Too many concurrent requests").
      classifyFailoverReason: ({ code, errorMessage }: { code?: string; errorMessage?: string }) =>
        errorMessage?.startsWith("429: Bedrock rate limit") ? "rate_limit" : code ? FAILOVER_REASONS[code] : undefined,
      // `/think` offers the levels the model takes (efforts by family, learned rules included); a table lookup.
      resolveThinkingProfile: (ctx: { provider: string; modelId: string }) => resolveThinkingProfile(ctx),
    });
    // Memory search's `bedrock` embeddings, on hosts that have the API (2026.5.22 on); the provider loads on first use.
    api.registerEmbeddingProvider?.(bedrockEmbeddingAdapter);
  },
};

export default plugin;

