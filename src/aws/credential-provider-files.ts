// Providers that may call SSO or STS to turn a profile or a web identity token into credentials. Loaded lazily.
import { fromIni, fromTokenFile } from "@aws-sdk/credential-providers";

export function fromProfile(profile: string) {
  return fromIni({ profile });
}

export function fromWebIdentity() {
  return fromTokenFile();
}
