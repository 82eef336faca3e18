// Runs the emulator on its own, to try every command without AWS: `npm run emulator [-- port]` prints the
// `export` lines that point a shell at it (the emulator's own test keys, a scratch OpenClaw state dir) and
// serves until Ctrl-C. It answers the Bedrock control plane, Converse, STS and instance metadata on one port.
import { startEmulator } from "./server.ts";
import { BEARER_TOKEN, INSTANCE_ROLE_NAME, STATIC_USER } from "./identities.ts";

const emulator = await startEmulator({ port: Number(process.argv[2] ?? 0), imds: { region: "us-east-1" } });
const url = emulator.url;
process.stdout.write(
  [
    `# The Bedrock emulator is listening on ${url} (Ctrl-C stops it). In another shell, paste:`,
    `export AWS_ENDPOINT_URL=${url}`,
    "export AWS_EC2_METADATA_DISABLED=true",
    "export AWS_REGION=us-west-2",
    `export AWS_ACCESS_KEY_ID=${STATIC_USER.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${STATIC_USER.secretAccessKey}`,
    'export OPENCLAW_STATE_DIR="$(mktemp -d)"   # a scratch OpenClaw home: your own config stays untouched',
    "# Other credentials it accepts (unset the two keys first):",
    `#   a Bedrock API key:   export AWS_BEARER_TOKEN_BEDROCK=${BEARER_TOKEN}`,
    `#   an EC2 instance role (${INSTANCE_ROLE_NAME}): export AWS_EC2_METADATA_SERVICE_ENDPOINT=${url} AWS_EC2_METADATA_DISABLED=false`,
    "",
  ].join("\n"),
);
const stop = () => void emulator.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
