// The environment for running bin/openclaw-bedrock against the emulator with the demo user's keys: used by the demo
// and the benchmark. Nothing from the host's AWS or OpenClaw settings leaks in.
import path from "node:path";
import { STATIC_USER } from "./identities.ts";

export function emulatorClientEnv(options: { url: string; home: string; stateDir: string; stripNodeOptions?: boolean }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("AWS_") || key.startsWith("OPENCLAW_")) continue;
    if (options.stripNodeOptions && key.startsWith("NODE_")) continue;
    env[key] = value;
  }
  return Object.assign(env, {
    HOME: options.home,
    OPENCLAW_STATE_DIR: options.stateDir,
    AWS_ENDPOINT_URL: options.url,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: path.join(options.home, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(options.home, "aws-credentials"),
    AWS_REGION: "us-west-2",
    AWS_ACCESS_KEY_ID: STATIC_USER.accessKeyId,
    AWS_SECRET_ACCESS_KEY: STATIC_USER.secretAccessKey,
  });
}
