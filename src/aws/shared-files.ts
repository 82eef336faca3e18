// Reads the shared AWS config and credentials files (ini) without loading the AWS SDK.
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export type IniSections = Record<string, Record<string, string>>;

/** Section kinds the SDK keeps from the config file, as `kind.name` (`[profile dev]` is profile `dev`). */
const SECTION_KINDS = ["profile", "sso-session", "services"];
const PREFIXED_SECTION = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

/**
 * The AWS SDK's own ini reading (`parseIni` in @smithy/core's shared-ini-file-loader), ported so the credential
 * and region chains need no SDK: a comment starts at `#` or `;` at the line's start or after whitespace (so
 * `region = us-west-2  # prod` is `us-west-2`), keys keep their case and may be indented, a key with an empty
 * value opens a sub-section (`s3 =`) whose indented keys become `s3.key`, and `[profile x]` is `profile.x`.
 * test/unit/aws-files.test.ts holds it to the SDK's loadSharedConfigFiles on the forms the SDK accepts.
 */
export function parseIni(text: string): IniSections {
  const map: IniSections = {};
  let section: string | undefined;
  let subSection: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (line.startsWith("[") && line.endsWith("]")) {
      section = undefined;
      subSection = undefined;
      const name = line.slice(1, -1);
      const prefixed = PREFIXED_SECTION.exec(name);
      if (prefixed) {
        if (SECTION_KINDS.includes(prefixed[1]!)) section = `${prefixed[1]}.${prefixed[3]}`;
      } else section = name;
      if (name === "__proto__" || name === "profile __proto__") throw new Error(`Found invalid profile name "${name}"`);
      continue;
    }
    if (!section) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === "") {
      subSection = key;
      continue;
    }
    if (subSection && raw.trimStart() === raw) subSection = undefined;
    (map[section] ??= {})[subSection ? `${subSection}.${key}` : key] = value;
  }
  return map;
}

/** The config file's sections as the SDK keeps them: `default`, profiles by name, `sso-session.x`, `services.x`. */
function configFileSections(sections: IniSections): IniSections {
  const kept: IniSections = sections.default ? { default: sections.default } : {};
  for (const [name, settings] of Object.entries(sections)) {
    const dot = name.indexOf(".");
    if (dot === -1 || !SECTION_KINDS.includes(name.slice(0, dot))) continue;
    kept[name.startsWith("profile.") ? name.slice(dot + 1) : name] = settings;
  }
  return kept;
}

export interface AwsFiles {
  configPath: string;
  credentialsPath: string;
  /** Profiles by name, config-file settings overlaid with credentials-file settings. */
  profiles: Map<string, Record<string, string>>;
  ssoSessions: Map<string, Record<string, string>>;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE || "C:"}${env.HOMEPATH}`;
  return homedir();
}

/** A file setting as the SDK resolves it: a leading `~/` is the home directory. */
function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  return file.startsWith("~/") ? path.join(homeDir(env), file.slice(2)) : file;
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** Size and modification time of a file ("-" when missing): parsed files are reused while this holds. */
function stamp(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "-";
  }
}

let lastRead: { key: string; files: AwsFiles } | undefined;

/**
 * The profiles in the shared config and credentials files. The region chain and the credential chain both
 * ask; the files are read and parsed once while they stay as they are.
 */
export function readAwsFiles(env: NodeJS.ProcessEnv): AwsFiles {
  const home = homeDir(env);
  const configPath = env.AWS_CONFIG_FILE ? expandHome(env.AWS_CONFIG_FILE, env) : path.join(home, ".aws", "config");
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE ? expandHome(env.AWS_SHARED_CREDENTIALS_FILE, env) : path.join(home, ".aws", "credentials");
  const key = [configPath, stamp(configPath), credentialsPath, stamp(credentialsPath)].join("\u0000");
  if (lastRead?.key === key) return lastRead.files;
  const files = parseAwsFiles(configPath, credentialsPath);
  lastRead = { key, files };
  return files;
}

/** As the SDK reads a file: one it can't read or parse (a `[__proto__]` section) counts as empty. */
function readSections(file: string): IniSections {
  try {
    return parseIni(readIfExists(file));
  } catch {
    return {};
  }
}

function parseAwsFiles(configPath: string, credentialsPath: string): AwsFiles {
  const profiles = new Map<string, Record<string, string>>();
  const ssoSessions = new Map<string, Record<string, string>>();
  for (const [name, settings] of Object.entries(configFileSections(readSections(configPath)))) {
    if (name.startsWith("sso-session.")) ssoSessions.set(name.slice("sso-session.".length), settings);
    else if (!name.startsWith("services.")) profiles.set(name, { ...settings });
  }
  for (const [name, settings] of Object.entries(readSections(credentialsPath))) {
    profiles.set(name, { ...(profiles.get(name) ?? {}), ...settings });
  }
  return { configPath, credentialsPath, profiles, ssoSessions };
}

export type ProfileKind = "static" | "sso" | "process" | "assume-role" | "web-identity" | "login" | "unknown";

export function profileKind(settings: Record<string, string>): ProfileKind {
  if (settings.role_arn && settings.web_identity_token_file) return "web-identity";
  if (settings.role_arn && (settings.source_profile || settings.credential_source)) return "assume-role";
  if (settings.sso_session || settings.sso_start_url || settings.sso_account_id) return "sso";
  if (settings.credential_process) return "process";
  if (settings.aws_access_key_id && settings.aws_secret_access_key) return "static";
  if (settings.login_session) return "login";
  return "unknown";
}
