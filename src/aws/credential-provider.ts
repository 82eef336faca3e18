// The SDK credential provider for the detected source, and only that one. Loads the SDK's provider code.
import { fromContainerMetadata, fromEnv, fromInstanceMetadata } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import type { CredentialSource } from "./credentials.js";
import { readAwsFiles } from "./shared-files.js";

export type CredentialProvider = () => Promise<AwsCredentialIdentity>;

const resolved = new WeakMap<CredentialSource, Promise<AwsCredentialIdentity>>();

/** Temporary credentials this close to expiring are fetched again (a gateway runs for days; a role's keys for hours). */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * One resolution per detected source and process: the doctor's parallel clients share it instead of each
 * asking IMDS or SSO again, until the credentials near their expiry. A failure is not kept, so a later call may retry.
 */
export function credentialProviderFor(source: CredentialSource, timeoutMs: number): CredentialProvider | undefined {
  const provider = uncachedProviderFor(source, timeoutMs);
  if (!provider) return undefined;
  const expiring = new WeakSet<Promise<AwsCredentialIdentity>>();
  return async () => {
    let pending = resolved.get(source);
    if (pending && expiring.has(pending)) pending = undefined;
    if (!pending) {
      pending = provider();
      resolved.set(source, pending);
      const current = pending;
      current.then(
        (credentials) => {
          const left = credentials.expiration ? credentials.expiration.getTime() - Date.now() : Infinity;
          if (Number.isFinite(left)) setTimeout(() => expiring.add(current), Math.max(0, left - REFRESH_BEFORE_EXPIRY_MS)).unref();
        },
        () => resolved.delete(source),
      );
    }
    return pending;
  };
}

function uncachedProviderFor(source: CredentialSource, timeoutMs: number): CredentialProvider | undefined {
  const providerTimeout = Math.min(timeoutMs, 5000);
  switch (source.kind) {
    case "env":
      return fromEnv();
    case "container":
      return fromContainerMetadata({ timeout: providerTimeout, maxRetries: 1 });
    case "instance-metadata":
      return fromInstanceMetadata({ timeout: providerTimeout, maxRetries: 1 });
    // Profiles (SSO, assume-role, process) and web identity need the SSO and STS clients: loaded only for them.
    case "profile": {
      const name = source.profileName ?? "default";
      const settings = source.profileKind === "process" ? readAwsFiles(process.env).profiles.get(name) : undefined;
      // A plain credential_process profile runs here, so a failure names its command, exit status and stderr.
      if (settings?.credential_process && !(settings.aws_access_key_id && settings.aws_secret_access_key)) {
        const command = settings.credential_process;
        return async () => (await import("./credential-process.js")).fromCredentialProcess(name, command, Math.max(timeoutMs, 10_000))();
      }
      return async () => (await import("./credential-provider-files.js")).fromProfile(name)();
    }
    case "web-identity":
      return async () => (await import("./credential-provider-files.js")).fromWebIdentity()();
    default:
      return undefined;
  }
}
