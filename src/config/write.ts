// Writes openclaw.json safely: under a lock, through a fsynced temp file renamed into place, keeping a .bak.
import { accessSync, chmodSync, constants, linkSync, lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, renameSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { CliError } from "../errors.js";
import { uniqueSuffix } from "../text/digest.js";
import { ensureDirectory, fileError, removeFile, writeFileAtomically } from "../state/private-files.js";
import { kindOf, notRegularFile, readConfigText } from "./read.js";
import { maskText } from "./secrets.js";
import { processIsAlive, readLockOwner, takeLock, type UpdateOptions } from "./lock.js";

export { acquireLock, DEFAULT_LOCK_WAIT_SECONDS, lockWaitMs, type UpdateOptions } from "./lock.js";

/**
 * Reads the current text under the lock, asks `edit` for the new text, and writes it atomically.
 * `edit` sees the file as it is now, so concurrent writers never lose each other's updates; returning
 * null or throwing leaves the file as it was.
 */
export function updateConfigFile(configPath: string, edit: (current: { exists: boolean; text: string }) => string | null, options: UpdateOptions = {}): { written: boolean; note?: string } {
  const target = resolveWriteTarget(configPath);
  refuseNonRegular(target, configPath);
  refuseOddBackup(target);
  ensureDirectory(path.dirname(target));
  const lock = takeLock(`${target}.lock`, options);
  try {
    removeOrphanTempFiles(target);
    const current = readConfigText(target);
    const previous = current.exists ? statSync(target) : undefined;
    if (previous) refuseReadOnly(target, previous);
    const next = edit(current);
    if (next === null || (current.exists && next === current.text)) return { written: false };
    const kept = previous ? privateLike(target, previous, next) : undefined;
    writeFileAtomically(target, next, kept?.like, () => {
      // Right before the rename: a writer paused past the stale age (SIGSTOP, a paused VM) has lost its lock,
      // and another writer may have written since; renaming its copy now would undo that write.
      if (!lock.isHeld()) throw lostLock(target);
      // The backup (the old file itself) is replaced only once the new version is safely on disk: a full disk
      // keeps the older .bak.
      if (previous) keepBackup(target, kept!.like);
    });
    return { written: true, ...(kept?.note ? { note: kept.note } : {}) };
  } finally {
    lock.release();
  }
}

function lostLock(target: string): CliError {
  return new CliError(`refusing to write ${target}: this command lost its lock (${target}.lock) while it worked, paused for longer than a lock is kept, and another writer may have changed the file since; nothing was written`, {
    fix: "run the command again: it reads the file as it is now",
  });
}

/** A .bak that is not a file (a directory, a FIFO) is not ours to replace: refused before anything is written. */
function refuseOddBackup(target: string): void {
  const backup = `${target}.bak`;
  let stats: Stats;
  try {
    stats = lstatSync(backup);
  } catch {
    return;
  }
  if (stats.isFile() || stats.isSymbolicLink()) return;
  throw new CliError(`${backup} is ${kindOf(stats)}, not a backup this tool made; nothing was written`, {
    fix: `move it out of the way (mv ${backup} ${backup}.old), then run the command again`,
  });
}

/**
 * A config made read-only on purpose stays as it is, though its directory would let a rename replace it. Root
 * passes every access check, so for root the mode bits decide: no write bit at all is read-only.
 */
function refuseReadOnly(target: string, stats: Stats): void {
  let writable = (stats.mode & 0o222) !== 0;
  if (writable && process.getuid?.() !== 0) {
    try {
      accessSync(target, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (writable) return;
  const mode = (stats.mode & 0o777).toString(8).padStart(4, "0");
  throw new CliError(`${target} is read-only (mode ${mode}); nothing was written`, {
    fix: `to change it anyway, make it writable first (chmod u+w ${target}), run the command again, then chmod a-w ${target}`,
  });
}

/**
 * The new version keeps the owner, group and mode of the one it replaces; when it holds secrets (a token, a
 * key, by its key or its shape), less the bits that let every other user read it (OpenClaw's own `config set`
 * makes it 0600). Said once, in `note`: the next rewrite finds it private.
 */
function privateLike(target: string, stats: Stats, next: string): { like: Pick<Stats, "uid" | "gid" | "mode">; note?: string } {
  if ((stats.mode & 0o007) === 0 || maskText(next) === next) return { like: stats };
  const mode = (m: number) => (m & 0o777).toString(8).padStart(4, "0");
  const kept = stats.mode & ~0o007;
  return {
    like: { uid: stats.uid, gid: stats.gid, mode: kept },
    note: `note: ${target} was readable by other users (mode ${mode(stats.mode)}); it is now ${mode(kept)}, as it holds secrets`,
  };
}

/**
 * The previous version becomes openclaw.json.bak. A hard link to the current file is enough: the new
 * version arrives by rename, so the old inode lives on as the backup with no copy and no extra fsync.
 */
function keepBackup(target: string, stats: Pick<Stats, "uid" | "gid" | "mode">): void {
  const backup = `${target}.bak`;
  const staging = path.join(path.dirname(target), `.${path.basename(backup)}.${uniqueSuffix()}.tmp`);
  try {
    linkSync(target, staging);
    // The old file becomes the backup: no longer readable by others either.
    if ((lstatSync(staging).mode & 0o007) !== 0) chmodSync(staging, stats.mode & 0o7777);
    renameSync(staging, backup);
  } catch {
    removeFile(staging);
    // No hard links here (some network or FUSE filesystems): copy instead, with the same owner and mode.
    writeFileAtomically(backup, readFileSync(target, "utf8"), stats);
  }
}

/**
 * Only a regular file (or a missing one) is a config: a device (`OPENCLAW_CONFIG_PATH=/dev/null`), a FIFO, a
 * socket or a directory, directly or behind a symlink, is refused before anything is created or moved.
 */
function refuseNonRegular(target: string, configPath: string): void {
  let stats: Stats;
  try {
    stats = statSync(target);
  } catch {
    return; // missing: created as a regular file
  }
  if (!stats.isFile()) throw notRegularFile(configPath, stats);
}

/**
 * A symlinked config stays a symlink: the write goes to the file at the end of its chain of links. A link to
 * a file that does not exist, a loop, or a parent that is no directory is refused: nothing is created through it.
 */
function resolveWriteTarget(configPath: string): string {
  let at = configPath;
  for (let hops = 0; hops <= 40; hops++) {
    let stats: Stats;
    try {
      stats = lstatSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && hops === 0) return configPath; // no config yet: created on the first set
      if (code === "ENOENT") {
        throw new CliError(`${configPath} is a symbolic link to ${at}, which does not exist; nothing was written`, {
          fix: `create the file it points at (echo '{}' > ${at}), or point the link at an existing config: ln -sfn <file> ${configPath}`,
        });
      }
      if (code === "ENOTDIR") throw parentNotDirectory(configPath, at);
      if (code === "ELOOP") throw linkLoop(configPath);
      throw fileError(error, at, "read");
    }
    if (!stats.isSymbolicLink()) return hops === 0 ? realpathOf(configPath) : realpathOf(at);
    at = path.resolve(path.dirname(at), readlinkSync(at));
  }
  throw linkLoop(configPath);
}

function realpathOf(file: string): string {
  try {
    return realpathSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") throw linkLoop(file);
    throw fileError(error, file, "read");
  }
}

function linkLoop(configPath: string): CliError {
  return new CliError(`${configPath} is a loop of symbolic links, not a config file; nothing was written`, {
    fix: `point it at a real file (ln -sfn <file> ${configPath}), or point OPENCLAW_CONFIG_PATH elsewhere`,
  });
}

/** A path under something that is not a directory (a FIFO, a file): names which ancestor it is. */
function parentNotDirectory(configPath: string, at: string): CliError {
  let parent = path.dirname(at);
  for (let dir = parent; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const stats = statSync(dir);
      if (!stats.isDirectory()) parent = `${dir} (${kindOf(stats)})`;
      if (!stats.isDirectory()) break;
    } catch {
      // missing or itself under a non-directory: keep climbing
    }
  }
  return new CliError(`cannot use ${configPath}: its parent ${parent} is not a directory; nothing was written`, {
    fix: "point OPENCLAW_CONFIG_PATH at a file inside a directory",
  });
}

/**
 * Files left by writers that were killed, removed while we hold the lock: temp files from before a rename
 * (`.openclaw.json.<pid>.<n>.tmp`), a break lock whose breaker was killed (`openclaw.json.lock.break`), and
 * a stale lock moved aside by older versions (`openclaw.json.lock.<pid>.<n>.stale`). Only those whose process is gone.
 */
function removeOrphanTempFiles(target: string): void {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const breakLock = readLockOwner(path.join(dir, `${base}.lock.break`));
  if (breakLock !== "gone" && breakLock.owner && !processIsAlive(breakLock.owner.pid)) removeFile(path.join(dir, `${base}.lock.break`));
  for (const name of names) {
    const match = name.startsWith(`.${base}.`) ? /\.(\d+)\.[0-9a-z]+\.tmp$/.exec(name) : name.startsWith(`${base}.lock.`) ? /\.(\d+)\.[0-9a-z]+\.stale$/.exec(name) : null;
    if (match && !processIsAlive(Number(match[1]))) removeFile(path.join(dir, name));
  }
}
