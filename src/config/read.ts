// Reads openclaw.json: missing is an empty config, a parse error names file, line and column.
import { isUtf8 } from "node:buffer";
import { readFileSync, statSync, type Stats } from "node:fs";
import { CliError } from "../errors.js";
import { MAX_NESTING, nestsDeeperThan } from "./depth.js";
import { evaluate, Json5SyntaxError, parseDocument } from "./json5-parser.js";

export interface LoadedConfig {
  path: string;
  exists: boolean;
  /** The file's text exactly as on disk (a BOM included), "" when missing. */
  text: string;
  value: Record<string, unknown>;
}

export class ConfigParseError extends CliError {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`cannot parse ${path}:${line}:${column}: ${reason}`, {
      fix: `fix the JSON5 syntax at line ${line}, column ${column} (the previous version, if any, is ${path}.bak)`,
    });
    this.name = "ConfigParseError";
  }
}

/** What a config path that is not a regular file is, and what to do about it. */
export function notRegularFile(path: string, stats: Stats): CliError {
  return new CliError(`${path} is ${kindOf(stats)}, not a config file; nothing was read or written`, {
    fix: "point OPENCLAW_CONFIG_PATH at a regular file (a missing one is created on the first set)",
  });
}

/** "a directory", "a FIFO", "a symbolic link" …: what a path that should be a plain file is instead. */
export function kindOf(stats: Stats): string {
  return stats.isDirectory()
    ? "a directory"
    : stats.isCharacterDevice()
      ? "a character device"
      : stats.isBlockDevice()
        ? "a block device"
        : stats.isFIFO()
          ? "a FIFO"
          : stats.isSocket()
            ? "a socket"
            : stats.isSymbolicLink()
              ? "a symbolic link"
              : "not a regular file";
}

export function readConfigText(path: string): { exists: boolean; text: string } {
  let bytes: Buffer;
  try {
    // Checked first: reading a FIFO would block, and a device is no config (/dev/null would read as empty).
    const stats = statSync(path);
    if (!stats.isFile()) throw notRegularFile(path, stats);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { exists: false, text: "" };
    if (code === "EACCES" || code === "EPERM") {
      throw new CliError(`cannot read ${path}: permission denied`, { fix: `check the file's owner and mode: ls -l ${path}` });
    }
    if (code === "EISDIR") throw new CliError(`cannot read ${path}: it is a directory`, { fix: "point OPENCLAW_CONFIG_PATH at a file" });
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, { fix: `check the file and the disk it is on: ls -l ${path}` });
  }
  if (!isUtf8(bytes)) throw new CliError(`cannot read ${path}: the file is not valid UTF-8`, { fix: "save the file as UTF-8 text" });
  return { exists: true, text: bytes.toString("utf8") };
}

export function parseConfigText(path: string, text: string): Record<string, unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return {};
  return parseConfigWith(path, () => parseJsonOrJson5(body));
}

/** Runs `parse` on a config's text: a syntax error names the file, line and column; the value must be a config. */
export function parseConfigWith(path: string, parse: () => unknown): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse();
  } catch (error) {
    if (error instanceof Json5SyntaxError) throw new ConfigParseError(path, error.line, error.column, error.message);
    throw error;
  }
  return asConfigObject(path, value);
}

/** What every reader of the config requires of the parsed value: an object at the top, nested within reason. */
export function asConfigObject(path: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError(`${path} must hold a JSON5 object ({ ... }) at the top level`, { fix: "wrap the settings in { }" });
  }
  if (nestsDeeperThan(value)) throw new ConfigParseError(path, 1, 1, `the file nests deeper than ${MAX_NESTING} levels`);
  return value as Record<string, unknown>;
}

/**
 * Configs OpenClaw wrote are plain JSON: the native parser takes them at once. Anything else goes to the
 * JSON5 parser the editor uses, which reads exactly as the json5 package (OpenClaw's reader) does.
 */
function parseJsonOrJson5(text: string): unknown {
  const first = text.trimStart()[0];
  if (first === "{" && !text.includes("//") && !text.includes("/*")) {
    try {
      return JSON.parse(text);
    } catch {
      // not strict JSON after all
    }
  }
  return evaluate(parseDocument(text).body);
}

export function loadConfig(path: string): LoadedConfig {
  const { exists, text } = readConfigText(path);
  return { path, exists, text, value: parseConfigText(path, text) };
}
