// The credentials that sign: the provider the detecting link built, memoized once per detected source with the
// SDK's own memoize (one expiry state, however many clients sign with it: the doctor's parallel clients, a turn's
// retries), so temporary credentials are fetched again before they expire. A failure is not kept: the next call
// tries again.
import { memoize } from "@smithy/core/config";
import type { CredentialProvider, CredentialSource } from "./credentials.js";

export type { CredentialProvider };

/** Temporary credentials this close to expiring are fetched again (a gateway runs for days; a role's keys for hours). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

type Expiring = { expiration?: Date };
const isExpired = (credentials: Expiring) => credentials.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS;
const requiresRefresh = (credentials: Expiring) => credentials.expiration !== undefined;

// Kept on globalThis: every bundle has its own copy of this module, and a source found in one is signed with in another.
const KEY = Symbol.for("openclaw-bedrock.credential-providers");
const memos = ((globalThis as { [KEY]?: WeakMap<CredentialSource, CredentialProvider> })[KEY] ??= new WeakMap());

export function credentialProviderFor(source: CredentialSource, timeoutMs: number): CredentialProvider | undefined {
  if (!source.provider) return undefined;
  let provider = memos.get(source);
  if (!provider) {
    provider = memoize(source.provider(timeoutMs), isExpired, requiresRefresh) as CredentialProvider;
    memos.set(source, provider);
  }
  return provider;
}
