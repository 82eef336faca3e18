// Calls ListFoundationModels and ListInferenceProfiles (every page) in parallel, each bounded by the timeout. Loads the SDK.
import { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } from "@aws-sdk/client-bedrock";
import { clientConfig, http1Handler, withDeadline, type ClientContext } from "./aws-config.js";
import { DiscoveryCallError, settle, type Settled } from "./call-results.js";
import type { FoundationModelSummary, InferenceProfileSummary } from "./types.js";

export interface Catalog {
  foundationModels: FoundationModelSummary[];
  profiles: InferenceProfileSummary[];
}

export interface SettledCatalog {
  foundationModels: Settled<FoundationModelSummary[]>;
  /** Undefined when profiles were not asked for. */
  profiles?: Settled<InferenceProfileSummary[]>;
}

/** Both calls run in parallel and each reports on its own: the doctor tells which permission is missing. */
export async function fetchCatalogSettled(ctx: ClientContext, includeInferenceProfiles: boolean): Promise<SettledCatalog> {
  const client = new BedrockClient({ requestHandler: http1Handler(ctx), maxAttempts: 3, ...clientConfig(ctx) });
  try {
    const [foundationModels, profiles] = await Promise.all([
      settle(
        bounded("ListFoundationModels", ctx.timeoutMs, async (abortSignal) => {
          const response = await client.send(new ListFoundationModelsCommand({}), { abortSignal });
          return (response.modelSummaries ?? []) as FoundationModelSummary[];
        }),
      ),
      includeInferenceProfiles
        ? settle(
            bounded("ListInferenceProfiles", ctx.timeoutMs, async (abortSignal) => {
              const all: InferenceProfileSummary[] = [];
              let nextToken: string | undefined;
              do {
                const page = await client.send(new ListInferenceProfilesCommand({ maxResults: 1000, nextToken }), { abortSignal });
                all.push(...((page.inferenceProfileSummaries ?? []) as InferenceProfileSummary[]));
                nextToken = page.nextToken;
              } while (nextToken);
              return all;
            }),
          )
        : Promise.resolve(undefined),
    ]);
    return { foundationModels, profiles };
  } finally {
    client.destroy();
  }
}

/** The whole catalog, or the first failure (as a DiscoveryCallError naming its operation). */
export async function fetchCatalog(ctx: ClientContext, includeInferenceProfiles: boolean): Promise<Catalog> {
  const settled = await fetchCatalogSettled(ctx, includeInferenceProfiles);
  if (!settled.foundationModels.ok) throw settled.foundationModels.error;
  if (settled.profiles && !settled.profiles.ok) throw settled.profiles.error;
  return { foundationModels: settled.foundationModels.value, profiles: settled.profiles?.value ?? [] };
}

async function bounded<T>(operation: DiscoveryCallError["operation"], ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await withDeadline(ms, run);
  } catch (error) {
    throw new DiscoveryCallError(operation, error);
  }
}
