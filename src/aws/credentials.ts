// Where AWS credentials come from on this host: the AWS SDK's default chain, in its order, read without loading the SDK.
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { shortDigest } from "../text/digest.js";
import { readAwsFiles, profileKind, type AwsFiles, type ProfileKind } from "./shared-files.js";
import { probeInstanceMetadata, type ImdsProbe, type ImdsProbeOptions } from "./imds-probe.js";

export type CredentialSourceKind = "bearer-token" | "env" | "profile" | "web-identity" | "container" | "instance-metadata" | "none";

export interface CredentialSource {
  kind: CredentialSourceKind;
  /** One line for people: "profile prod (sso)", "EC2 instance role openclaw-gateway-role". */
  label: string;
  profileName?: string;
  profileKind?: ProfileKind;
  /** `AKIA…0001`: never the full key id. */
  maskedAccessKeyId?: string;
  roleName?: string;
  /** Distinguishes credentials (hence accounts) in cache keys, without holding any secret. */
  identityKey: string;
  /**
   * The provider that signs with exactly these credentials, as the link that found them builds it: the SDK's
   * provider code is imported inside it, so detecting loads nothing. None for a Bedrock API key (sent as a
   * bearer token) or when nothing was found.
   */
  provider?: (timeoutMs: number) => CredentialProvider;
}

export type CredentialProvider = () => Promise<AwsCredentialIdentity>;

/** A provider whose module (and the SDK code in it) is loaded on its first call. */
const lazyProvider =
  <M>(load: () => Promise<M>, make: (module: M) => CredentialProvider): CredentialProvider =>
  async () =>
    make(await load())();

export interface Warning {
  code: string;
  message: string;
  fix: string;
}

export interface CredentialDetection {
  source: CredentialSource;
  warnings: Warning[];
  /** What OpenClaw's own env-marker check sees: it looks at these variables only. */
  openclawSees: "AWS_BEARER_TOKEN_BEDROCK" | "AWS_ACCESS_KEY_ID" | "AWS_PROFILE" | "nothing";
  /** The instance-metadata probe, when the chain got that far. */
  imds?: ImdsProbe;
}

export interface DetectOptions {
  env: NodeJS.ProcessEnv;
  /** `--profile` on the doctor: as if AWS_PROFILE were set. */
  profile?: string;
  /** The flag that gave `profile`, as typed (`--aws-profile` inside OpenClaw, whose `--profile` is its own). */
  profileFlag?: string;
  imds?: ImdsProbeOptions;
}

interface ChainContext {
  env: NodeJS.ProcessEnv;
  profile?: string;
  profileFlag?: string;
  files: AwsFiles;
  imds?: ImdsProbeOptions;
  probe?: ImdsProbe;
}

type Link = (ctx: ChainContext) => CredentialSource | undefined | Promise<CredentialSource | undefined>;

/**
 * The AWS SDK's default chain, in order: a Bedrock API key, environment keys (skipped by the SDK when
 * AWS_PROFILE is set), the shared config/credentials files (SSO, credential_process, assume-role,
 * static), web identity, container credentials, and the EC2 instance metadata service. The first
 * link that finds something wins; OpenClaw itself checks only the first three, through env markers.
 */
const CHAIN: Link[] = [fromBearerToken, fromEnvKeys, fromSharedFiles, fromWebIdentity, fromContainer, fromInstanceMetadata];

export async function detectCredentialSource(options: DetectOptions): Promise<CredentialDetection> {
  const ctx: ChainContext = { env: options.env, profile: options.profile, profileFlag: options.profileFlag, files: readAwsFiles(options.env), imds: options.imds };
  let source: CredentialSource | undefined;
  for (const link of CHAIN) {
    source = await link(ctx);
    if (source) break;
  }
  return {
    source: source ?? { kind: "none", label: "no credentials found", identityKey: "none" },
    warnings: credentialWarnings(ctx),
    openclawSees: openclawMarker(options.env),
    ...(ctx.probe ? { imds: ctx.probe } : {}),
  };
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

const digest = shortDigest;

export function maskAccessKeyId(id: string): string {
  return id.length <= 8 ? "…" : `${id.slice(0, 4)}…${id.slice(-4)}`;
}

function activeProfileName(ctx: ChainContext): string | undefined {
  if (present(ctx.profile)) return ctx.profile.trim();
  if (present(ctx.env.AWS_PROFILE)) return ctx.env.AWS_PROFILE.trim();
  return undefined;
}

function fromBearerToken({ env }: ChainContext): CredentialSource | undefined {
  const token = env.AWS_BEARER_TOKEN_BEDROCK;
  if (!present(token)) return undefined;
  return { kind: "bearer-token", label: "Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)", identityKey: `bearer:${digest(token)}` };
}

function fromEnvKeys(ctx: ChainContext): CredentialSource | undefined {
  const { env } = ctx;
  if (activeProfileName(ctx)) return undefined; // the SDK skips env keys when a profile is named
  if (!present(env.AWS_ACCESS_KEY_ID) || !present(env.AWS_SECRET_ACCESS_KEY)) return undefined;
  const id = env.AWS_ACCESS_KEY_ID.trim();
  const secret = env.AWS_SECRET_ACCESS_KEY.trim();
  const sessionToken = present(env.AWS_SESSION_TOKEN) ? env.AWS_SESSION_TOKEN.trim() : undefined;
  return {
    kind: "env",
    label: `environment keys (AWS_ACCESS_KEY_ID${sessionToken ? " with AWS_SESSION_TOKEN" : ""})`,
    maskedAccessKeyId: maskAccessKeyId(id),
    identityKey: `env:${digest(id)}`,
    // The keys of the environment this command was given: no SDK needed to read three variables.
    provider: () => async () => ({ accessKeyId: id, secretAccessKey: secret, ...(sessionToken ? { sessionToken } : {}) }),
  };
}

function fromSharedFiles(ctx: ChainContext): CredentialSource | undefined {
  const named = activeProfileName(ctx);
  const name = named ?? "default";
  const settings = ctx.files.profiles.get(name);
  if (!settings) return undefined;
  const kind = profileKind(settings);
  if (kind === "unknown" && !named) return undefined; // a [default] holding only a region is no credential
  const keyId = settings.aws_access_key_id;
  const who = settings.role_arn ?? settings.sso_account_id ?? settings.sso_session ?? settings.credential_process ?? keyId ?? "";
  const { configPath, credentialsPath } = ctx.files;
  const command = settings.credential_process;
  // A plain credential_process profile runs through our module, so a failure names the profile, program and status;
  // every other profile (SSO, assume-role, static) through the SDK's fromIni, reading the same files.
  const provider =
    command && kind === "process"
      ? (timeoutMs: number) => lazyProvider(() => import("./credential-process.js"), (m) => m.fromCredentialProcess(name, command, Math.max(timeoutMs, 10_000)))
      : () => lazyProvider(() => import("./credential-provider-files.js"), (m) => m.fromProfile(name, { configPath, credentialsPath }));
  return {
    kind: "profile",
    label: `profile ${name} (${kind === "unknown" ? "no credentials in it" : kind})`,
    profileName: name,
    profileKind: kind,
    maskedAccessKeyId: keyId ? maskAccessKeyId(keyId) : undefined,
    identityKey: `profile:${name}:${digest(who, settings.sso_role_name ?? "")}`,
    provider,
  };
}

function fromWebIdentity({ env }: ChainContext): CredentialSource | undefined {
  if (!present(env.AWS_WEB_IDENTITY_TOKEN_FILE) || !present(env.AWS_ROLE_ARN)) return undefined;
  const init = { webIdentityTokenFile: env.AWS_WEB_IDENTITY_TOKEN_FILE.trim(), roleArn: env.AWS_ROLE_ARN.trim(), roleSessionName: env.AWS_ROLE_SESSION_NAME?.trim() || undefined };
  return {
    kind: "web-identity",
    label: `web identity (${env.AWS_ROLE_ARN})`,
    identityKey: `web-identity:${digest(env.AWS_ROLE_ARN)}`,
    provider: () => lazyProvider(() => import("./credential-provider-files.js"), (m) => m.fromWebIdentity(init)),
  };
}

function fromContainer({ env }: ChainContext): CredentialSource | undefined {
  const uri = present(env.AWS_CONTAINER_CREDENTIALS_FULL_URI) ? env.AWS_CONTAINER_CREDENTIALS_FULL_URI : env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if (!present(uri)) return undefined;
  return {
    kind: "container",
    label: "container credentials (ECS/EKS task role)",
    identityKey: `container:${digest(uri)}`,
    provider: (timeoutMs) => lazyProvider(() => import("./credential-provider-files.js"), (m) => m.fromContainer(Math.min(timeoutMs, 5000))),
  };
}

async function fromInstanceMetadata(ctx: ChainContext): Promise<CredentialSource | undefined> {
  if ((ctx.env.AWS_EC2_METADATA_DISABLED ?? "").trim().toLowerCase() === "true") return undefined;
  const probe = await probeInstanceMetadata(ctx.env, ctx.imds);
  ctx.probe = probe;
  if (!probe.roleName) return undefined;
  return {
    kind: "instance-metadata",
    label: `EC2 instance role ${probe.roleName}`,
    roleName: probe.roleName,
    identityKey: `imds:${digest(probe.endpoint, probe.roleName)}`,
    provider: (timeoutMs) => lazyProvider(() => import("./credential-provider-files.js"), (m) => m.fromInstance(Math.min(timeoutMs, 5000))),
  };
}

function openclawMarker(env: NodeJS.ProcessEnv): CredentialDetection["openclawSees"] {
  if (present(env.AWS_BEARER_TOKEN_BEDROCK)) return "AWS_BEARER_TOKEN_BEDROCK";
  if (present(env.AWS_ACCESS_KEY_ID) && present(env.AWS_SECRET_ACCESS_KEY)) return "AWS_ACCESS_KEY_ID";
  if (present(env.AWS_PROFILE)) return "AWS_PROFILE";
  return "nothing";
}

const CREDENTIAL_VARIABLES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_BEARER_TOKEN_BEDROCK"];

/** The traps people fall into, each with the change that gets them out. */
function credentialWarnings(ctx: ChainContext): Warning[] {
  const { env } = ctx;
  const warnings: Warning[] = [];
  const profile = activeProfileName(ctx);
  const fromFlag = present(ctx.profile);
  const flag = ctx.profileFlag ?? "--profile";
  const named = fromFlag ? `${flag} ${profile}` : `AWS_PROFILE=${profile}`;
  if (profile && !ctx.files.profiles.has(profile)) {
    warnings.push({
      code: "profile-missing",
      message: `profile ${profile} (from ${fromFlag ? flag : "AWS_PROFILE"}) is not in ${ctx.files.configPath} or ${ctx.files.credentialsPath}`,
      fix: `aws configure --profile ${profile} (or aws configure sso --profile ${profile})${
        fromFlag ? `, or re-run without ${flag}${present(env.AWS_ACCESS_KEY_ID) ? " to use the environment keys" : ""}` : present(env.AWS_ACCESS_KEY_ID) ? ", or unset AWS_PROFILE to use the environment keys" : ""
      }`,
    });
  } else if (profile && !fromFlag && present(env.AWS_ACCESS_KEY_ID)) {
    // Chosen with --profile, the profile is what was asked for; only AWS_PROFILE hides the keys by surprise.
    warnings.push({
      code: "profile-hides-env-keys",
      message: `${named} and AWS_ACCESS_KEY_ID are both set: the AWS SDK for JavaScript uses the profile and ignores the keys`,
      fix: "unset AWS_PROFILE to use the keys, or unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY to use the profile",
    });
  }
  for (const name of CREDENTIAL_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() === "") {
      const temporary = name === "AWS_SESSION_TOKEN" && /^ASIA/.test(env.AWS_ACCESS_KEY_ID?.trim() ?? "");
      warnings.push({
        code: "blank-variable",
        message: `${name} is set but blank, so it is ignored, as if unset${temporary ? ": the temporary keys (ASIA…) in AWS_ACCESS_KEY_ID need their session token, and AWS will refuse them without it" : ""}`,
        fix: temporary ? "export AWS_SESSION_TOKEN=… with the token issued with these keys" : `unset ${name}`,
      });
    }
  }
  if (present(env.AWS_ACCESS_KEY_ID) !== present(env.AWS_SECRET_ACCESS_KEY) && !profile) {
    const missing = present(env.AWS_ACCESS_KEY_ID) ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID";
    warnings.push({ code: "half-env-keys", message: `only one of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY is set`, fix: `export ${missing}=…, or unset both` });
  }
  return warnings;
}
