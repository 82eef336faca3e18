// Files this tool writes (config, backups, caches, state): directories 0700, files 0600, replaced atomically.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CliError } from "../errors.js";
import { uniqueSuffix } from "../text/digest.js";

/** Writes a file only this user can read, creating its directory (0700) when missing. */
export function writePrivateFile(target: string, content: string): void {
  ensureDirectory(path.dirname(target));
  writeFileAtomically(target, content);
}

export function ensureDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw fileError(error, dir, "create the directory");
  }
}

export function writeFileAtomically(target: string, content: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${uniqueSuffix()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o600);
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeFile(temp);
    throw fileError(error, target, "write");
  }
  fsyncDirectory(path.dirname(target));
}

/** Deletes a file if it is there. (fs.rmSync walks a JS implementation of rm -rf: ≈0.1 ms cold per call.) */
export function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some filesystems refuse to fsync a directory; the rename itself is still atomic.
  }
}

export function fileError(error: unknown, target: string, action: string): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new CliError(`cannot ${action} ${target}: permission denied${code === "EROFS" ? " (read-only filesystem)" : ""}`, {
      fix: `run as the owner of ${path.dirname(target)}, or fix its permissions (ls -ld ${path.dirname(target)})`,
      cause: error,
    });
  }
  if (code === "ENOSPC") return new CliError(`cannot ${action} ${target}: the disk is full`, { fix: "free some disk space and retry", cause: error });
  if (code === "ENOTDIR") return new CliError(`cannot ${action} ${target}: a parent of it is a file, not a directory`, { fix: "point OPENCLAW_CONFIG_PATH elsewhere", cause: error });
  return new CliError(`cannot ${action} ${target}: ${(error as Error).message}`, { cause: error });
}

