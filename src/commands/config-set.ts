// `openclaw config set|unset`: one validated, lossless, atomic edit of openclaw.json.
import { CliError, UsageError } from "../errors.js";
import { MAX_NESTING, nestsDeeperThan } from "../config/depth.js";
import type { Runtime } from "../runtime.js";
import { deleteJson5Value, parseJson5, setJson5Value } from "../config/json5-edit.js";
import { sameJson, withChange } from "../config/lookup.js";
import { formatConfigPath, parseConfigPath, type PathSegment } from "../config/path-syntax.js";
import { resolveConfigPath } from "../config/paths.js";
import { parseConfigWith, readConfigText } from "../config/read.js";
import { fieldKindAt } from "../config/schema.js";
import { pathForHost } from "../config/host-version.js";
import { isSecretPath, maskSecrets } from "../config/secrets.js";
import { describeIssue, splitIssuesForWrite, validateConfig } from "../config/validate.js";
import { coerceToField, parseCliValue } from "../config/values.js";
import { lockWaitMs, updateConfigFile } from "../config/write.js";
import { writeLine } from "../output/write.js";
import { cmd } from "../text/commands.js";

export interface SetOptions {
  strictJson?: boolean;
  dryRun?: boolean;
}

export async function configSet(rt: Runtime, rawPath: string, rawValue: string, options: SetOptions): Promise<void> {
  const path = forThisHost(rt, parseConfigPath(rawPath));
  const kind = fieldKindAt(path);
  const { value: parsed } = parseCliValue(rawValue, { strictJson: options.strictJson, secret: isSecretPath(path), stringField: kind === "string" });
  const value = coerceToField(rawValue, parsed, kind);
  refuseTooDeep(path, value);
  const written = writeEdited(rt, path, { value }, options.dryRun, (text) => setJson5Value(text, path, value));
  const label = formatConfigPath(path);
  if (options.dryRun) {
    // The same rule as config get: nothing secret, by its key or its shape, is printed in clear.
    writeLine(rt.stdout, `Would update ${label} to ${JSON.stringify(maskSecrets(value, path))} (dry run: nothing written).`);
  } else writeLine(rt.stdout, written ? `Updated ${label}.` : `${label} already has that value.`);
}

export async function configUnset(rt: Runtime, rawPath: string, options: { dryRun?: boolean }): Promise<void> {
  const path = parseConfigPath(rawPath);
  const configPath = resolveConfigPath(rt.env);
  writeEdited(rt, path, { remove: true }, options.dryRun, (text) => {
    const next = deleteJson5Value(text, path);
    if (next === null) throw new CliError(`${formatConfigPath(path)} is not set in ${configPath}`, { fix: `check the path with: ${cmd("config get <path>")}` });
    return next;
  });
  const label = formatConfigPath(path);
  writeLine(rt.stdout, options.dryRun ? `Would remove ${label} (dry run: nothing written).` : `Removed ${label}.`);
}

/** A value that would nest the config past the limit is refused as what it is, before the file is read. */
function refuseTooDeep(path: PathSegment[], value: unknown): void {
  if (path.length <= MAX_NESTING && !nestsDeeperThan(value, MAX_NESTING - path.length)) return;
  throw new UsageError(`${formatConfigPath(path).slice(0, 80)}${formatConfigPath(path).length > 80 ? "…" : ""}: the path and the value together would nest the config deeper than ${MAX_NESTING} levels`, `set a shallower value (a config may nest at most ${MAX_NESTING} levels, and OpenClaw's own configs use a few)`);
}

/** A discovery option goes where this host's OpenClaw reads it (the config is read only for such paths). */
function forThisHost(rt: Runtime, path: PathSegment[]): PathSegment[] {
  const [first, second] = path;
  const discovery = (first === "models" && second === "bedrockDiscovery") || (first === "plugins" && second === "entries");
  if (!discovery) return path;
  const { text } = readConfigText(resolveConfigPath(rt.env));
  const result = pathForHost(path, text.trim() ? parseForEdit(resolveConfigPath(rt.env), text) : {}, rt.env);
  if (result.note) writeLine(rt.stderr, result.note);
  return result.path;
}

/**
 * Applies `edit` under the lock, refusing (file untouched) when the result is invalid where it was written,
 * or when the edited text does not hold exactly the requested change: a guard for the user's data.
 */
function writeEdited(rt: Runtime, path: PathSegment[], change: { value: unknown } | { remove: true }, dryRun: boolean | undefined, edit: (text: string) => string): boolean {
  const configPath = resolveConfigPath(rt.env);
  const check = (text: string): string => {
    const before = parseForEdit(configPath, text);
    const next = edit(text);
    const after = parseForEdit(configPath, next);
    if (!sameJson(after, withChange(before, path, change))) {
      throw new CliError(`refusing to write ${configPath}: the edit would change more than ${formatConfigPath(path)}`, {
        fix: "nothing was written; please report this with the shape of the file, and edit it by hand meanwhile",
      });
    }
    const { errors, warnings } = splitIssuesForWrite(() => validateConfig(before, rt.env).issues, validateConfig(after, rt.env).issues, path);
    if (errors.length > 0) {
      const [first, ...rest] = errors;
      const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map(describeIssue).join("; ")})` : "";
      throw new CliError(`${describeIssue(first!)}${more}`, { fix: `${first!.fix ?? "give a valid value"}; nothing was written` });
    }
    for (const warning of warnings) writeLine(rt.stderr, `warning: ${describeIssue(warning)} (already in the file; left as it is)`);
    return next;
  };
  if (dryRun) {
    check(readConfigText(configPath).text);
    return false;
  }
  const result = updateConfigFile(configPath, (current) => check(current.text), { lockTimeoutMs: lockWaitMs(rt.env) });
  if (result.note) writeLine(rt.stderr, result.note);
  return result.written;
}

/** The editor's own parse of the file (kept for the edit), so the text is parsed once for reading and editing. */
function parseForEdit(configPath: string, text: string): Record<string, unknown> {
  return parseConfigWith(configPath, () => parseJson5(text));
}
