// The small runtime every command gets: where to write, which environment to read.
import { fstatSync, writeSync } from "node:fs";

/** What commands and output need of stdout/stderr: writing, and whether it is a terminal (and how wide). */
export interface OutputStream {
  write(chunk: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Runtime {
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
}

export function processRuntime(): Runtime {
  return { env: process.env, stdout: stdio(1), stderr: stdio(2) };
}

const writers = new Map<number, OutputStream>();

function stdio(fd: 1 | 2): OutputStream {
  let writer = writers.get(fd);
  if (!writer) {
    writer = new DirectWriter(fd);
    writers.set(fd, writer);
  }
  return writer;
}

/**
 * Writes straight to the file descriptor. Creating process.stdout costs ≈1.5 ms (it loads the stream
 * machinery), so the stream is only made when asked whether it is a terminal, or when a write would block.
 * `openclaw models list | head` closing the pipe early is a normal end (EPIPE), not a crash.
 */
class DirectWriter implements OutputStream {
  private stream?: NodeJS.WriteStream;

  constructor(private readonly fd: 1 | 2) {}

  /**
   * A pipe, a file or a socket is never a terminal, and fstat says so without creating the stream (for a pipe
   * that is a net.Socket: loading net costs ≈1 ms). Character devices (terminals, /dev/null) ask the stream.
   */
  get isTTY(): boolean {
    if (!this.stream && !isCharacterDevice(this.fd)) return false;
    return Boolean(this.real().isTTY);
  }

  get columns(): number | undefined {
    return this.isTTY ? this.real().columns : undefined;
  }

  write(chunk: string): boolean {
    if (this.stream) return this.stream.write(chunk);
    let bytes = Buffer.from(chunk);
    try {
      while (bytes.length > 0) bytes = bytes.subarray(writeSync(this.fd, bytes));
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      if (code === "EAGAIN") return this.real().write(bytes);
      throw error;
    }
  }

  private real(): NodeJS.WriteStream {
    if (!this.stream) {
      this.stream = this.fd === 1 ? process.stdout : process.stderr;
      this.stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
        throw error;
      });
    }
    return this.stream;
  }
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return true; // unknown: let the stream decide
  }
}
