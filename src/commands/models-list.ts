// `openclaw models list` (arrives with the discovery issue).
import type { Runtime } from "../runtime.js";
import { CliError } from "../errors.js";
export async function modelsList(_rt: Runtime, _options: unknown): Promise<void> {
  throw new CliError("models list is not built yet");
}
