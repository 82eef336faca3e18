// `openclaw bedrock doctor` (arrives with the doctor issue).
import type { Runtime } from "../runtime.js";
import { CliError } from "../errors.js";
export async function bedrockDoctor(_rt: Runtime, _options: unknown): Promise<void> {
  throw new CliError("bedrock doctor is not built yet");
}
