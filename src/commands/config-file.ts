// `openclaw config file`: prints the path of the config file in use.
import type { Runtime } from "../runtime.js";
import { resolveConfigPath } from "../config/paths.js";
import { writeLine } from "../output/write.js";

export async function configFile(rt: Runtime): Promise<void> {
  writeLine(rt.stdout, resolveConfigPath(rt.env));
}
