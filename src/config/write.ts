// Writes openclaw.json safely: under a lock, through a fsynced temp file renamed into place, keeping a .bak.
import { accessSync, chmodSync, closeSync, constants, linkSync, lstatSync, openSync, readFileSync, readdirSync, readlinkSync, realpathSync, renameSync, statSync, writeFileSync, type Stats } from "node:fs";
import path from "node:path";
import { CliError, isCliError, UsageError } from "../errors.js";
import { uniqueSuffix } from "../text/digest.js";
import { ensureDirectory, fileError, removeFile, writeFileAtomically } from "../state/private-files.js";
import { kindOf, notRegularFile, readConfigText } from "./read.js";
import { maskText } from "./secrets.js";

export interface UpdateOptions {
  /** How long to wait for another writer before giving up (OPENCLAW_BEDROCK_LOCK_TIMEOUT; lockWaitMs). */
  lockTimeoutMs?: number;
  /** A lock older than this is taken to be left by a writer that died. */
  staleLockMs?: number;
}

/** The default lock wait: long enough for a crowd of writers on a loaded machine, past the 30 s stale age. */
export const DEFAULT_LOCK_WAIT_SECONDS = 60;

/** OPENCLAW_BEDROCK_LOCK_TIMEOUT in milliseconds (seconds in the variable); a bad value is a usage error. */
export function lockWaitMs(env: NodeJS.ProcessEnv): number {
  const raw = env.OPENCLAW_BEDROCK_LOCK_TIMEOUT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_LOCK_WAIT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`OPENCLAW_BEDROCK_LOCK_TIMEOUT must be a number of seconds above 0 and at most 3600, got ${JSON.stringify(raw)}`, `unset it for the default (${DEFAULT_LOCK_WAIT_SECONDS}), or give seconds: OPENCLAW_BEDROCK_LOCK_TIMEOUT=120`);
  }
  return seconds * 1000;
}

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

// ---- lock -----------------------------------------------------------------------------------

interface LockOwner {
  pid: number;
  nonce: string;
  createdAt: number;
}

/** Takes `lockPath` with O_EXCL; a lock whose owner is dead (or that is too old) is broken. */
export function acquireLock(lockPath: string, options: UpdateOptions = {}): () => void {
  return takeLock(lockPath, options).release;
}

export interface HeldLock {
  release(): void;
  /** Whether the lock is still this one (not broken as stale and retaken, not removed by hand). */
  isHeld(): boolean;
}

/**
 * Takes `lockPath` with O_EXCL; a lock whose owner is dead (or that is too old) is broken. Every wait is bounded
 * by the deadline, and a lock path that is not a file this tool made (a symlink, a directory, a FIFO) is an error.
 */
export function takeLock(lockPath: string, options: UpdateOptions = {}): HeldLock {
  const timeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_WAIT_SECONDS * 1000;
  const staleMs = options.staleLockMs ?? 30_000;
  const owner: LockOwner = { pid: process.pid, nonce: uniqueSuffix(), createdAt: Date.now() };
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      createWithContent(lockPath, JSON.stringify(owner));
      return { release: () => releaseLock(lockPath, owner.nonce), isHeld: () => holdsLock(lockPath, owner.nonce) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw fileError(error, lockPath, "create the lock");
    }
    const lock = readLockOwner(lockPath);
    if (lock !== "gone" && isStale(lock, staleMs)) {
      breakStaleLock(lockPath, lock, staleMs);
      if (Date.now() <= deadline) continue;
    }
    if (Date.now() > deadline) {
      const who = lock !== "gone" && lock.owner ? `process ${lock.owner.pid}` : "another process";
      const seconds = Math.round(timeoutMs / 100) / 10;
      throw new CliError(`${lockPath} is held by ${who}; gave up after ${seconds} s (OPENCLAW_BEDROCK_LOCK_TIMEOUT)`, {
        fix: `wait for ${lock !== "gone" && lock.owner ? `process ${lock.owner.pid} (ps -p ${lock.owner.pid})` : "the other openclaw command"} to finish and run the command again, or let writers wait longer: OPENCLAW_BEDROCK_LOCK_TIMEOUT=${Math.max(120, Math.ceil((timeoutMs * 2) / 1000))}`,
      });
    }
    if (lock !== "gone") sleepSync(Math.min(5 + attempt * 2, 50) + Math.random() * 10);
  }
}

function holdsLock(lockPath: string, nonce: string): boolean {
  const lock = readLockOwner(lockPath);
  return lock !== "gone" && lock.owner?.nonce === nonce;
}

/**
 * Creates `target` with its content in one step: the content goes to a private temp file first, then a hard
 * link puts it in place (failing with EEXIST if taken). A writer killed half-way never leaves an empty lock.
 */
function createWithContent(target: string, content: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${uniqueSuffix()}.tmp`);
  try {
    // Inside the try: a write that fails (a full disk) leaves no empty temp file behind.
    writeFileSync(temp, content, { mode: 0o600, flag: "wx" });
    try {
      linkSync(temp, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw error;
      // No hard links on this filesystem: exclusive create, then write (an empty file left is judged stale in 2 s).
      const fd = openSync(target, "wx", 0o600);
      try {
        writeFileSync(fd, content);
      } catch (writeError) {
        removeFile(target);
        throw writeError;
      } finally {
        closeSync(fd);
      }
    }
  } finally {
    removeFile(temp);
  }
}

interface LockState {
  owner: LockOwner | null; // null: empty or unreadable, e.g. its writer was killed between create and write
  ageMs: number;
}

/** The lock's owner; a lock path that is not a plain file (a symlink, a directory, a FIFO) is refused, never read. */
function readLockOwner(lockPath: string): LockState | "gone" {
  let raw: string;
  let ageMs = 0;
  try {
    const stats = lstatSync(lockPath);
    if (!stats.isFile()) throw notALock(lockPath, stats);
    ageMs = Date.now() - stats.mtimeMs;
    raw = readFileSync(lockPath, "utf8");
  } catch (error) {
    if (isCliError(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    return { owner: null, ageMs };
  }
  try {
    const parsed = JSON.parse(raw) as LockOwner;
    const valid = typeof parsed.pid === "number" && typeof parsed.nonce === "string";
    return { owner: valid ? parsed : null, ageMs };
  } catch {
    return { owner: null, ageMs };
  }
}

function notALock(lockPath: string, stats: Stats): CliError {
  const remove = stats.isDirectory() ? `rmdir ${lockPath}` : `rm ${lockPath}`;
  return new CliError(`${lockPath} is ${kindOf(stats)}, not a lock this tool made; nothing was written`, {
    fix: `remove it if nothing else uses it (${remove}), then run the command again`,
  });
}

/** Dead owner, too old, or left empty for longer than writing a few bytes could take. */
function isStale(lock: LockState, staleMs: number): boolean {
  if (lock.owner === null) return lock.ageMs > 2_000;
  if (Date.now() - lock.owner.createdAt > staleMs) return true;
  return !processIsAlive(lock.owner.pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Breakers take turns on a second lock (`<lock>.break`), and under it re-read the lock and delete it only if it
 * is still the very lock judged stale (same nonce, still stale). Nothing can replace a lock whose owner is
 * dead but a breaker, and breakers are serialized: a fresh lock is never removed. (Moving the lock aside and
 * linking it back when it was the wrong one, as before, let a third writer take the emptied slot meanwhile,
 * and two writers then both held the lock: one update in 20 was lost on a loaded machine.)
 */
function breakStaleLock(lockPath: string, judged: LockState, staleMs: number): void {
  const breakPath = `${lockPath}.break`;
  const breaker: LockOwner = { pid: process.pid, nonce: uniqueSuffix(), createdAt: Date.now() };
  try {
    createWithContent(breakPath, JSON.stringify(breaker));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") return;
    // Another breaker is at work (microseconds), or died holding the break lock: then it is cleared.
    const other = readLockOwner(breakPath);
    if (other !== "gone" && (other.owner === null ? other.ageMs > 2_000 : !processIsAlive(other.owner.pid) || other.ageMs > 2_000)) removeFile(breakPath);
    return;
  }
  try {
    const current = readLockOwner(lockPath);
    if (current === "gone") return;
    const same = judged.owner === null ? current.owner === null : current.owner?.nonce === judged.owner.nonce;
    if (same && isStale(current, staleMs)) removeFile(lockPath);
  } finally {
    releaseLock(breakPath, breaker.nonce);
  }
}

function releaseLock(lockPath: string, nonce: string): void {
  try {
    if (holdsLock(lockPath, nonce)) removeFile(lockPath);
  } catch (error) {
    if (!isCliError(error)) throw error; // replaced by something that is no lock: not ours to remove
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
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
