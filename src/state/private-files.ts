// Files this tool writes (config, backups, caches, state): directories 0700, files 0600, replaced atomically.
import { chownSync, closeSync, fchmodSync, fchownSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import path from "node:path";
import { CliError, isCliError } from "../errors.js";
import { uniqueSuffix } from "../text/digest.js";

/** Writes a file only this user can read, creating its directory (0700) when missing. */
export function writePrivateFile(target: string, content: string): void {
  ensureDirectory(path.dirname(target));
  writeFileAtomically(target, content);
}

export function ensureDirectory(dir: string): void {
  try {
    const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (first) adoptDirectoryOwner(first, dir);
  } catch (error) {
    throw fileError(error, dir, "create the directory");
  }
}

/**
 * Run as root (`sudo openclaw-bedrock config set …`) in someone else's directory, what this tool creates
 * there belongs to that directory's owner: the gateway user must still read its own state.
 */
function ownerOf(dir: string): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const stats = statSync(dir);
    return stats.uid !== 0 ? { uid: stats.uid, gid: stats.gid } : undefined;
  } catch {
    return undefined;
  }
}

/** A file just created by a plain write: as root in someone else's directory, it becomes theirs. */
export function adoptOwner(file: string): void {
  const owner = ownerOf(path.dirname(file));
  if (owner) chownSync(file, owner.uid, owner.gid);
}

/** Directories made from `first` down to `last` take the owner of the directory they were made in. */
function adoptDirectoryOwner(first: string, last: string): void {
  const owner = ownerOf(path.dirname(first));
  if (!owner) return;
  for (let dir = last; ; dir = path.dirname(dir)) {
    chownSync(dir, owner.uid, owner.gid);
    if (dir === first || dir === path.dirname(dir)) break;
  }
}

/**
 * Replaces `target` atomically. A new file is 0600 (and, as root, owned by its directory's owner); a file
 * replacing `like` keeps like's owner, group and mode. `beforeRename` runs once the new text is safely on disk
 * and may still refuse (throw): then the temp file is removed and `target` stays as it was.
 */
export function writeFileAtomically(target: string, content: string, like?: Pick<Stats, "uid" | "gid" | "mode">, beforeRename?: () => void): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${uniqueSuffix()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o600);
    const owner = like ? { uid: like.uid, gid: like.gid } : ownerOf(path.dirname(target));
    if (like) fchmodSync(fd, like.mode & 0o7777);
    if (owner && (owner.uid !== process.getuid?.() || owner.gid !== process.getgid?.())) {
      try {
        fchownSync(fd, owner.uid, owner.gid);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error; // not root: the file stays ours
      }
    }
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    beforeRename?.();
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeFile(temp);
    throw isCliError(error) ? error : fileError(error, target, "write");
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

