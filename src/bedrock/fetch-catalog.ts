// Calls ListFoundationModels and ListInferenceProfiles (every page) in parallel. Each request is bounded by the
// timeout; the whole discovery by a larger bound of its own (a slow but answering endpoint with many pages
// still completes). Loads the SDK.
import { BedrockClient, ListFoundationModelsCommand, ListInferenceProfilesCommand } from "@aws-sdk/client-bedrock";
import { clientConfig, deadline, http1Handler, withDeadline, type ClientContext } from "../aws/client-config.js";
import { DiscoveryCallError, settle, type Settled } from "../aws/call-results.js";
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

/** The bound on a whole discovery: six requests' worth, and never under a minute. */
export function wholeDiscoveryMs(perCallMs: number): number {
  return Math.max(60_000, 6 * perCallMs);
}

/** Both calls run in parallel and each reports on its own: the doctor tells which permission is missing. */
export async function fetchCatalogSettled(ctx: ClientContext, includeInferenceProfiles: boolean): Promise<SettledCatalog> {
  const client = new BedrockClient({ requestHandler: http1Handler(ctx), maxAttempts: 3, ...clientConfig(ctx) });
  const whole = deadline(wholeDiscoveryMs(ctx.timeoutMs), `the whole discovery took longer than ${Math.round(wholeDiscoveryMs(ctx.timeoutMs) / 1000)}s`);
  /** One request under its own deadline, and under the whole discovery's. */
  const send = <T>(run: (abortSignal: AbortSignal) => Promise<T>) =>
    Promise.race([withDeadline(ctx.timeoutMs, (signal) => run(AbortSignal.any([signal, whole.signal]))), whole.expired]);
  try {
    const [foundationModels, profiles] = await Promise.all([
      settle(
        named("ListFoundationModels", async () => {
          const response = await send((abortSignal) => client.send(new ListFoundationModelsCommand({}), { abortSignal }));
          return (response.modelSummaries ?? []) as FoundationModelSummary[];
        }),
      ),
      includeInferenceProfiles
        ? settle(
            named("ListInferenceProfiles", async () => {
              const all: InferenceProfileSummary[] = [];
              let nextToken: string | undefined;
              do {
                const token = nextToken;
                const page = await send((abortSignal) => client.send(new ListInferenceProfilesCommand({ maxResults: 1000, nextToken: token }), { abortSignal }));
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
    whole.clear();
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

async function named<T>(operation: DiscoveryCallError["operation"], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new DiscoveryCallError(operation, error);
  }
}
