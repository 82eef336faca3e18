// The lock every writer of openclaw.json takes: created with its content in one step, broken when its owner is
// dead or it is too old, waited for up to OPENCLAW_BEDROCK_LOCK_TIMEOUT, and checked again before a rename.
import { closeSync, linkSync, lstatSync, openSync, readFileSync, writeFileSync, type Stats } from "node:fs";
import path from "node:path";
import { CliError, isCliError, UsageError } from "../errors.js";
import { uniqueSuffix } from "../text/digest.js";
import { fileError, removeFile } from "../state/private-files.js";
import { kindOf } from "./read.js";

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

export interface LockOwner {
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

export interface LockState {
  owner: LockOwner | null; // null: empty or unreadable, e.g. its writer was killed between create and write
  ageMs: number;
}

/** The lock's owner; a lock path that is not a plain file (a symlink, a directory, a FIFO) is refused, never read. */
export function readLockOwner(lockPath: string): LockState | "gone" {
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

export function processIsAlive(pid: number): boolean {
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
