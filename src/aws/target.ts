// Where an AWS call goes and as whom, assembled once: the region (and where it came from), the detected
// credentials, the endpoint, the proxy, the timeout and the context an error is explained with. Discovery,
// a turn, the doctor and GetInferenceProfile all start here. No SDK is loaded.
import type { ErrorContext } from "./error-context.js";
import { detectCredentialSource, type CredentialDetection } from "./credentials.js";
import type { ClientContext } from "./client-config.js";
import type { ImdsProbeOptions } from "./imds-probe.js";
import { resolveEndpoint, type ConfiguredEndpoint, type ResolvedEndpoint } from "./endpoint.js";
import { proxyContext } from "./proxy.js";
import { resolveRegion, type ResolvedRegion } from "./region.js";

export type AwsService = "bedrock" | "bedrock-runtime" | "sts";

/** The setting that raises a call's timeout, as the message about it names it. */
export type TimeoutSetting = NonNullable<ErrorContext["timeoutSetting"]>;

export interface AwsTargetInputs {
  env: NodeJS.ProcessEnv;
  /** The region a model itself names (its runtime endpoint, its ARN): it wins over every other source. */
  modelRegion?: string;
  /** The discovery options' region. */
  configRegion?: string;
  /** The command's own flags: --region, --aws-profile (and the flag as typed, for messages). */
  flags?: { region?: string; profile?: string; profileFlag?: string };
  timeout: { ms: number; setting: TimeoutSetting };
  /** How the credential chain probes the instance-metadata service (its memory lives in the state dir). */
  imds?: ImdsProbeOptions;
  /** Endpoints the config names: the runtime's (the provider's baseUrl), the control plane's (endpoints.control). */
  endpoints?: Partial<Record<"bedrock" | "bedrock-runtime", ConfiguredEndpoint>>;
}

export interface AwsTarget {
  region: ResolvedRegion;
  timeoutMs: number;
  /** The credential chain's answer, found on first ask (it may probe the instance-metadata service) and kept. */
  detect(): Promise<CredentialDetection>;
  /** Where a service's calls go, and what chose it. */
  endpoint(service: AwsService): ResolvedEndpoint;
  /** What an SDK client of `service` is built from; asked once detect() has answered. */
  client(service: AwsService): ClientContext;
  /**
   * What a failure of `operation` is explained with: where it went, as whom, through which proxy, which timeout
   * (an operation not known, a failure before any call, counts as the Bedrock control plane's).
   */
  errorContext(operation: string | undefined, extra?: Partial<ErrorContext>): ErrorContext;
}

/** The service an operation belongs to. */
export function serviceOf(operation: string | undefined): AwsService {
  if (operation === "GetCallerIdentity" || operation === "AssumeRole") return "sts";
  return operation?.startsWith("Converse") || operation?.startsWith("InvokeModel") ? "bedrock-runtime" : "bedrock";
}

/**
 * The target of a command's AWS calls. The region is resolved at once (a bad one is reported before anything is
 * asked of the network); the credentials only when first needed.
 */
export function resolveAwsTarget(inputs: AwsTargetInputs): AwsTarget {
  const { env, flags = {} } = inputs;
  const region: ResolvedRegion = inputs.modelRegion
    ? { region: inputs.modelRegion, source: "model", warnings: [] }
    : resolveRegion({ env, flag: flags.region, configRegion: inputs.configRegion, profile: flags.profile });
  const timeoutMs = inputs.timeout.ms;
  let detected: CredentialDetection | undefined;
  let detecting: Promise<CredentialDetection> | undefined;
  const detect = () =>
    (detecting ??= detectCredentialSource({ env, profile: flags.profile, profileFlag: flags.profileFlag, imds: inputs.imds }).then((d) => (detected = d)));
  const endpoint = (service: AwsService) => resolveEndpoint(service, region.region, env, service === "sts" ? undefined : inputs.endpoints?.[service]);
  return {
    region,
    timeoutMs,
    detect,
    endpoint,
    client: (service) => {
      if (!detected) throw new Error("resolveAwsTarget: client() before detect() answered");
      const resolved = endpoint(service);
      return { region: region.region, source: detected.source, env, timeoutMs, endpoint: resolved.url, ...(resolved.explicit ? { explicitEndpoint: true } : {}) };
    },
    errorContext: (operation, extra = {}) => {
      const resolved = endpoint(serviceOf(operation));
      const endpointUrl = resolved.url;
      return {
        operation,
        region: region.region,
        profileName: detected?.source.profileName,
        credentialKind: detected?.source.kind,
        endpoint: endpointUrl,
        ...(resolved.explicit ? { endpointSetting: resolved.source } : {}),
        proxy: proxyContext(endpointUrl, env),
        timeoutSeconds: Math.round(timeoutMs / 1000),
        timeoutSetting: inputs.timeout.setting,
        ...extra,
      };
    },
  };
}
