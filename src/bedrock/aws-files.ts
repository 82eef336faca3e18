// Reads the shared AWS config and credentials files (ini) without loading the AWS SDK.
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export type IniSections = Record<string, Record<string, string>>;

export function parseIni(text: string): IniSections {
  const sections: IniSections = {};
  let current: Record<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, "");
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = sections[header[1]!.trim().replace(/\s+/g, " ")] ??= {};
      lastKey = undefined;
      continue;
    }
    if (!current) continue;
    // A line indented under a key continues it (nested settings such as `s3 =`); they are not needed here.
    if (/^\s/.test(raw) && lastKey) continue;
    const eq = line.indexOf("=");
    if (eq === -1) continue;
    lastKey = line.slice(0, eq).trim().toLowerCase();
    current[lastKey] = line.slice(eq + 1).trim();
  }
  return sections;
}

export interface AwsFiles {
  configPath: string;
  credentialsPath: string;
  /** Profiles by name, config-file settings overlaid with credentials-file settings. */
  profiles: Map<string, Record<string, string>>;
  ssoSessions: Map<string, Record<string, string>>;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || homedir();
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
  const configPath = env.AWS_CONFIG_FILE || path.join(home, ".aws", "config");
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials");
  const key = [configPath, stamp(configPath), credentialsPath, stamp(credentialsPath)].join("\u0000");
  if (lastRead?.key === key) return lastRead.files;
  const files = parseAwsFiles(configPath, credentialsPath);
  lastRead = { key, files };
  return files;
}

function parseAwsFiles(configPath: string, credentialsPath: string): AwsFiles {
  const profiles = new Map<string, Record<string, string>>();
  const ssoSessions = new Map<string, Record<string, string>>();
  for (const [name, settings] of Object.entries(parseIni(readIfExists(configPath)))) {
    if (name === "default") profiles.set("default", { ...settings });
    else if (name.startsWith("profile ")) profiles.set(name.slice("profile ".length).trim(), { ...settings });
    else if (name.startsWith("sso-session ")) ssoSessions.set(name.slice("sso-session ".length).trim(), settings);
  }
  for (const [name, settings] of Object.entries(parseIni(readIfExists(credentialsPath)))) {
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
