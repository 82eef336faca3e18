// A profile's credential_process, run as the AWS SDK runs it (through the shell, JSON Version 1 on stdout), so
// that a failure can say which profile, which program and its exit status. Its arguments (a vault token) and its
// output (keys a broken helper echoed, secrets in its debug lines) are never part of the error.
import { exec } from "node:child_process";
import type { AwsCredentialIdentity } from "@aws-sdk/types";

// The SDK's credential_process provider (fromIni and the default chain load it from here, see scripts/build.mjs), so
// that this module is the only one of the package that runs a program.
export { fromProcess } from "@aws-sdk/credential-provider-process";

export class CredentialProcessError extends Error {
  /** The program the command runs, without its arguments. */
  readonly program: string;
  constructor(
    readonly profile: string,
    command: string,
    readonly status: number | string | undefined,
    why: string,
  ) {
    const program = programOf(command);
    super(`credential_process of profile ${profile} (${program}) ${why}`);
    this.name = "CredentialProcessError";
    this.program = program;
  }
}

/** The first word of a command line, as the shell reads it: `"/opt/my helper" --token x` → `/opt/my helper`. */
export function programOf(command: string): string {
  const text = command.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    return end > 0 ? text.slice(1, end) : text.slice(1).split(/\s/)[0]!;
  }
  return text.split(/\s/)[0] ?? "";
}

export function fromCredentialProcess(profile: string, command: string, timeoutMs: number): () => Promise<AwsCredentialIdentity> {
  return () =>
    new Promise((resolve, reject) => {
      exec(command, { timeout: timeoutMs, maxBuffer: 1 << 20, windowsHide: true }, (error, stdout) => {
        if (error) {
          // error.message quotes the command line and its stderr: only the status is kept.
          const status = error.killed ? `killed after ${Math.round(timeoutMs / 1000)}s` : (error.code ?? error.signal ?? undefined);
          const why = typeof status === "number" ? `exited with status ${status}` : typeof status === "string" && /^[A-Z0-9_]+$|^killed/.test(status) ? `failed (${status})` : "could not be run";
          return reject(new CredentialProcessError(profile, command, status, why));
        }
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(String(stdout));
        } catch {
          return reject(new CredentialProcessError(profile, command, 0, "printed something that is not JSON"));
        }
        if (data.Version !== 1 || typeof data.AccessKeyId !== "string" || typeof data.SecretAccessKey !== "string") {
          return reject(new CredentialProcessError(profile, command, 0, "printed JSON without Version 1, AccessKeyId and SecretAccessKey"));
        }
        const expiration = typeof data.Expiration === "string" ? new Date(data.Expiration) : undefined;
        if (expiration && expiration.getTime() <= Date.now()) return reject(new CredentialProcessError(profile, command, 0, "returned credentials that have already expired"));
        resolve({
          accessKeyId: data.AccessKeyId,
          secretAccessKey: data.SecretAccessKey,
          ...(typeof data.SessionToken === "string" ? { sessionToken: data.SessionToken } : {}),
          ...(expiration ? { expiration } : {}),
        });
      });
    });
}
