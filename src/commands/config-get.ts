// `openclaw config get <path>`: prints a value from openclaw.json, secrets masked. Loads no validator or editor.
import { CliError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import { getAtPath } from "../config/lookup.js";
import { formatConfigPath, parseConfigPath } from "../config/path-syntax.js";
import { resolveConfigPath } from "../config/paths.js";
import { loadConfig } from "../config/read.js";
import { maskSecrets } from "../config/secrets.js";
import { writeJson, writeLine } from "../output/write.js";
import { cmd } from "../text/commands.js";

export async function configGet(rt: Runtime, rawPath: string, options: { json?: boolean }): Promise<void> {
  const path = parseConfigPath(rawPath);
  const config = loadConfig(resolveConfigPath(rt.env));
  const { found, value } = getAtPath(config.value, path);
  if (!found) {
    // Past the end of a list: the set that works appends at the list's length.
    const last = path[path.length - 1];
    const parent = path.length > 0 ? getAtPath(config.value, path.slice(0, -1)) : undefined;
    if (typeof last === "number" && parent?.found && Array.isArray(parent.value)) {
      const list = formatConfigPath(path.slice(0, -1));
      throw new CliError(`${formatConfigPath(path)} is past the end of ${list} (length ${parent.value.length}) in ${config.path}`, {
        fix: `see the list with ${cmd(`config get ${list}`)}; add an entry with ${cmd(`config set ${formatConfigPath([...path.slice(0, -1), parent.value.length])} <value>`)}`,
      });
    }
    throw new CliError(`${formatConfigPath(path)} is not set in ${config.path}`, { fix: `set it with: ${cmd(`config set ${rawPath} <value>`)}` });
  }
  // The value is masked as it is inside the whole config: by the keys on its path, and by its shape.
  const shown = maskSecrets(value, path);
  if (options.json) writeJson(rt.stdout, shown);
  else if (shown !== null && typeof shown === "object") writeLine(rt.stdout, JSON.stringify(shown, null, 2));
  else writeLine(rt.stdout, String(shown));
}
