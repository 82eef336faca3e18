// Which OpenClaw release runs the plugin, and what the plugin does there. Each feature rests on a host API or
// behaviour that came in a given release; the releases were found by running them (docs/bedrock.md, "Every
// supported release"), and `npm run test:hosts` holds the matrix.
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { compareVersions } from "../config/host-version.js";

/** The first release with `api.registerEmbeddingProvider` (memory-search embedding providers from plugins). */
const HOST_API_SINCE_EMBEDDINGS = "2026.5.22";

/**
 * The first tested release whose `models list` takes a plugin's model rows with `input: ["video"]` (2026.7.35 drops
 * the whole provider: "No models found"; 2026.8.2 hands native video to a provider's stream function).
 */
const HOST_VIDEO_INPUT_SINCE = "2026.8.2";

/** The oldest release the plugin supports: the first that ships no Bedrock of its own (package.json says the same). */
export const MIN_HOST_RELEASE = "2026.5.12";

export interface HostFeature {
  id: "infer" | "models-list" | "memory-embeddings" | "video-input" | "system-prompt-cache";
  /** What the user gets, as the doctor says it. */
  name: string;
  /** The first release that has it. */
  since: string;
  /** What happens on an older release instead. */
  before: string;
}

/** What differs between supported releases; agent turns, the catalog and `openclaw bedrock …` work on all of them. */
export const HOST_FEATURES: readonly HostFeature[] = [
  {
    id: "infer",
    name: "`openclaw infer model run` through this plugin",
    since: "2026.5.28",
    before: "infer model run goes through OpenClaw's own built-in Bedrock code; agent turns are this plugin's",
  },
  {
    id: "models-list",
    name: "`openclaw models list --provider amazon-bedrock` shows the discovered models",
    since: "2026.5.28",
    before: "models list shows OpenClaw's own built-in Bedrock discovery: openclaw bedrock models lists what this account can invoke",
  },
  {
    id: "memory-embeddings",
    name: "memory search on Bedrock embeddings (`memory.search.provider: \"bedrock\"`)",
    since: HOST_API_SINCE_EMBEDDINGS,
    before: "plugins cannot register embedding providers there (api.registerEmbeddingProvider): memory search cannot use Bedrock",
  },
  {
    id: "video-input",
    name: "video input to the models that take it (Nova)",
    since: HOST_VIDEO_INPUT_SINCE,
    before: "a listed model row that takes video empties `openclaw models list` there: models are listed as text and image only, and videos reach them as a note",
  },
  {
    id: "system-prompt-cache",
    name: "prompt caching of the system prompt's stable part",
    since: "2026.9.3",
    before: "OpenClaw marks no cache boundary in its system prompt: tools and the latest turn are cached, the system prompt is not",
  },
];

/**
 * Host APIs the plugin uses, with their first release: `api.registerEmbeddingProvider` (memory embeddings,
 * registered only where the host has it) from 2026.5.22; the provider hook `resolveThinkingProfile` in every
 * supported release; `supportsSystemPromptCacheBoundary` from 2026.9.3.
 */
export const HOST_API_SINCE = { registerEmbeddingProvider: HOST_API_SINCE_EMBEDDINGS, resolveThinkingProfile: MIN_HOST_RELEASE, supportsSystemPromptCacheBoundary: "2026.9.3" } as const;

/**
 * How `openclaw models list` (without --refresh) finds the plugin's models on a release:
 * - `host-builtin`: 2026.5.12 lists its own built-in Bedrock discovery, and reads no plugin's rows for the provider;
 * - `models-file`: from 2026.5.28 on, the list reads the agent's `models.json` and runs no plugin catalog (2026.8.x
 *   runs it for `--provider amazon-bedrock` only, not for `--all`): the plugin writes its discovered rows there.
 */
export type ModelsListSource = "host-builtin" | "models-file";

export function modelsListSource(release: string): ModelsListSource {
  return compareVersions(release, "2026.5.28") < 0 ? "host-builtin" : "models-file";
}

/** Whether the running OpenClaw (an unknown one is taken as current) has a feature. */
export function hostHas(id: HostFeature["id"], release: string | undefined = runningHostRelease()): boolean {
  const feature = HOST_FEATURES.find((f) => f.id === id)!;
  return release === undefined || compareVersions(release, feature.since) >= 0;
}

export function featuresOn(release: string): { on: HostFeature[]; off: HostFeature[] } {
  const on = HOST_FEATURES.filter((feature) => compareVersions(release, feature.since) >= 0);
  return { on, off: HOST_FEATURES.filter((feature) => !on.includes(feature)) };
}

/**
 * The release of the OpenClaw running this process: the package.json beside its entry script (process.argv[1],
 * `…/node_modules/openclaw/openclaw.mjs`, or the `openclaw` command linked to it). Undefined outside OpenClaw.
 */
export function runningHostRelease(argv1: string | undefined = process.argv[1]): string | undefined {
  if (!argv1) return undefined;
  let at: string;
  try {
    at = path.dirname(realpathSync(argv1));
  } catch {
    return undefined;
  }
  for (let depth = 0; depth < 3 && at !== path.dirname(at); depth++, at = path.dirname(at)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(at, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "openclaw" && typeof pkg.version === "string") return pkg.version;
      if (pkg.name) return undefined;
    } catch {
      // no package.json here: look one folder up
    }
  }
  return undefined;
}
