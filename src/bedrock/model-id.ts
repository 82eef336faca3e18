// Reading Bedrock model ids: geography prefixes of profiles, version suffixes, vendor prefixes, ARNs.

/** Prefixes of system-defined inference profiles: us.anthropic..., global.amazon..., apac.meta... */
const GEO_PREFIX = /^(us|us-gov|eu|apac|global|jp|au|ca|sa|me|af|ap|mx|il)\./;

export function stripGeoPrefix(id: string): string {
  return id.replace(GEO_PREFIX, "");
}

export function geoPrefix(id: string): string | undefined {
  return GEO_PREFIX.exec(id)?.[1];
}

/** `anthropic.claude-sonnet-4-20250514-v1:0` -> `anthropic.claude-sonnet-4-20250514`; also `:256k` context variants. */
export function stripVersionSuffix(id: string): string {
  return id.replace(/(:\d+k|:mm)$/, "").replace(/-v\d+(:\d+)?$/, "").replace(/:\d+$/, "");
}

/** The vendor part of a model id: `mistral` for `mistral.mistral-large-2402-v1:0` and for `eu.mistral...`. */
export function vendorOf(id: string): string {
  return stripGeoPrefix(id).split(".")[0] ?? "";
}

/** The geography prefix of the system profiles that route within a region's area: us, us-gov, eu, apac. */
export function geoForRegion(region: string): string | undefined {
  if (region.startsWith("us-gov-")) return "us-gov";
  if (region.startsWith("us-")) return "us";
  if (region.startsWith("eu-")) return "eu";
  if (region.startsWith("ap-")) return "apac";
  return undefined;
}

/** `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-...` -> `anthropic.claude-...`. */
export function modelIdFromArn(arn: string): string | undefined {
  const marker = arn.indexOf(":foundation-model/");
  return marker === -1 ? undefined : arn.slice(marker + ":foundation-model/".length);
}

/** `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc` -> `us-east-1`. */
export function regionOfArn(id: string): string | undefined {
  return /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):/.exec(id)?.[1];
}

/** Strings from the network are data: no control characters reach the terminal. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "");
}
