// Environments that point the CLI at the loopback emulator, one per credential source, never at AWS or the real IMDS.
import fs from "node:fs";
import path from "node:path";
import { after, afterEach, before, beforeEach } from "node:test";
import { makeSandbox, type Sandbox } from "./cli.ts";
import type { Emulator } from "../emulator/server.ts";
import { BEARER_TOKEN, CONTAINER_AUTH_TOKEN, STATIC_USER } from "../emulator/identities.ts";

export function emulatorEnv(sb: Sandbox, emulator: Emulator, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return sb.env({ AWS_ENDPOINT_URL: emulator.url, AWS_EC2_METADATA_DISABLED: "true", AWS_REGION: "us-west-2", ...extra });
}

export function envKeys(user = STATIC_USER): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey };
}

export function bearer(): Record<string, string> {
  return { AWS_BEARER_TOKEN_BEDROCK: BEARER_TOKEN };
}

/** No env markers at all: only the instance-metadata service (the emulator's) has credentials. */
export function instanceRole(emulator: Emulator): Record<string, string | undefined> {
  return { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.url };
}

export function container(emulator: Emulator): Record<string, string> {
  return { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emulator.url}/container-credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: CONTAINER_AUTH_TOKEN };
}

export function writeAwsFiles(sb: Sandbox, files: { config?: string; credentials?: string }): void {
  if (files.config !== undefined) fs.writeFileSync(path.join(sb.dir, "aws-config"), files.config);
  if (files.credentials !== undefined) fs.writeFileSync(path.join(sb.dir, "aws-credentials"), files.credentials);
}

/** Every file under a directory, for leak scans and mode checks. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/**
 * One emulator for the test file and a fresh sandbox (with the emulator's faults and log cleared) for every
 * test; `bind` hands both to the file before each test.
 */
export function useEmulatorAndSandbox(start: () => Promise<Emulator>, bind: (state: { emulator: Emulator; sb: Sandbox }) => void): void {
  let emulator: Emulator;
  let sb: Sandbox;
  before(async () => {
    emulator = await start();
  });
  after(() => emulator.stop());
  beforeEach(() => {
    sb = makeSandbox();
    emulator.clearFaults();
    emulator.requests.length = 0;
    bind({ emulator, sb });
  });
  afterEach(() => sb.cleanup());
}
