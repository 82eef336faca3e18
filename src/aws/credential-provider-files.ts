// The AWS SDK's own providers for the sources that need more than three variables: a profile (SSO,
// assume-role, static keys, read from the files detection read), web identity, container credentials and the EC2
// instance role. Loaded lazily, on the first call of the provider a credential link built (credentials.ts).
import { fromContainerMetadata, fromIni, fromInstanceMetadata, fromTokenFile } from "@aws-sdk/credential-providers";

export function fromProfile(profile: string, files: { configPath: string; credentialsPath: string }) {
  return fromIni({ profile, configFilepath: files.configPath, filepath: files.credentialsPath });
}

export function fromWebIdentity(init: { webIdentityTokenFile: string; roleArn: string; roleSessionName?: string }) {
  return fromTokenFile(init);
}

/** The container endpoint is read from the process environment by the SDK (it takes no other). */
export function fromContainer(timeoutMs: number) {
  return fromContainerMetadata({ timeout: timeoutMs, maxRetries: 1 });
}

/** The metadata endpoint is read from the process environment by the SDK (it takes no other). */
export function fromInstance(timeoutMs: number) {
  return fromInstanceMetadata({ timeout: timeoutMs, maxRetries: 1 });
}
