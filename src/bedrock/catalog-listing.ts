// One reading of an uncached catalog listing, for discovery and the doctor alike: what each call said, the models
// selected from what was listed, and the models hidden because inference profiles could not be listed. Pure:
// the calls themselves are made by whichever SDK bundle the caller has loaded (fetch-catalog.ts).
import type { ErrorContext } from "../aws/error-context.js";
import { unwrapDiscoveryCall } from "../aws/call-results.js";
import type { DiscoveryOptions } from "../config/discovery-fields.js";
import { classifyAwsError, type ClassifiedError } from "./classify-error.js";
import type { SettledCatalog } from "./fetch-catalog.js";
import { selectModels, type Selection } from "./select-models.js";

export interface CatalogListing {
  /** The models selected, when foundation models were listed (profiles may still have failed). */
  selection?: Selection;
  /** The ListFoundationModels failure, when it failed: nothing can be selected then. */
  foundationModelsFailed?: ClassifiedError;
  /** The ListInferenceProfiles failure, when it failed. */
  profilesFailed?: ClassifiedError;
  /** Which permission each call showed; profiles `not asked` when includeInferenceProfiles is false. */
  allowed: { ListFoundationModels: boolean; ListInferenceProfiles: boolean | string };
  /** The models offered only through profiles, hidden because profiles could not be listed. */
  hiddenProfileOnly: string[];
}

export function readCatalogListing(settled: SettledCatalog, options: DiscoveryOptions, errorContext: (operation: string | undefined) => ErrorContext): CatalogListing {
  const classify = (failure: unknown) => {
    const { operation, error } = unwrapDiscoveryCall(failure);
    return classifyAwsError(error, errorContext(operation));
  };
  const allowed = {
    ListFoundationModels: settled.foundationModels.ok,
    ListInferenceProfiles: settled.profiles ? settled.profiles.ok : "not asked (includeInferenceProfiles is false)",
  };
  const profilesFailed = settled.profiles && !settled.profiles.ok ? classify(settled.profiles.error) : undefined;
  if (!settled.foundationModels.ok) return { foundationModelsFailed: classify(settled.foundationModels.error), profilesFailed, allowed, hiddenProfileOnly: [] };
  const selection = selectModels(settled.foundationModels.value, settled.profiles?.ok ? settled.profiles.value : [], options);
  const hiddenProfileOnly = profilesFailed ? selection.leftOut.filter((m) => m.reason === "profile-only").map((m) => m.id) : [];
  return { selection, profilesFailed, allowed, hiddenProfileOnly };
}
