// How the results of AWS calls travel back without loading the SDK: settled results, and a failure that
// names the operation it came from.

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

export class DiscoveryCallError extends Error {
  constructor(
    readonly operation: "ListFoundationModels" | "ListInferenceProfiles",
    readonly error: unknown,
  ) {
    super(`${operation} failed: ${(error as Error)?.message ?? String(error)}`);
    this.name = "DiscoveryCallError";
  }
}

/** The AWS error inside a DiscoveryCallError, with the operation it belongs to (by name: bundles differ). */
export function unwrapDiscoveryCall(failure: unknown): { operation?: string; error: unknown } {
  if (failure instanceof Error && failure.name === "DiscoveryCallError" && "error" in failure) {
    const call = failure as unknown as { operation: string; error: unknown };
    return { operation: call.operation, error: call.error };
  }
  return { error: failure };
}
