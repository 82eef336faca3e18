// A profile's credential_process, run as the AWS SDK runs it (through the shell, JSON Version 1 on stdout), so
// that a failure can say which profile, which command, its exit status and its stderr. The SDK's own provider
// reports only "Command failed".
import { exec } from "node:child_process";
import type { AwsCredentialIdentity } from "@aws-sdk/types";

export class CredentialProcessError extends Error {
  constructor(
    readonly profile: string,
    readonly command: string,
    readonly status: number | string | undefined,
    readonly stderr: string,
    why: string,
  ) {
    super(`credential_process of profile ${profile} ${why}`);
    this.name = "CredentialProcessError";
  }
}

export function fromCredentialProcess(profile: string, command: string, timeoutMs: number): () => Promise<AwsCredentialIdentity> {
  return () =>
    new Promise((resolve, reject) => {
      exec(command, { timeout: timeoutMs, maxBuffer: 1 << 20, windowsHide: true }, (error, stdout, stderr) => {
        const err = String(stderr ?? "").trim();
        if (error) {
          const status = error.killed ? `killed after ${Math.round(timeoutMs / 1000)}s` : (error.code ?? error.signal ?? undefined);
          return reject(new CredentialProcessError(profile, command, status, err, typeof status === "number" ? `exited with status ${status}` : `failed (${status ?? error.message})`));
        }
        let data: Record<string, unknown>;
        try {
          data = JSON.parse(String(stdout));
        } catch {
          return reject(new CredentialProcessError(profile, command, 0, err, "printed something that is not JSON"));
        }
        if (data.Version !== 1 || typeof data.AccessKeyId !== "string" || typeof data.SecretAccessKey !== "string") {
          return reject(new CredentialProcessError(profile, command, 0, err, "printed JSON without Version 1, AccessKeyId and SecretAccessKey"));
        }
        const expiration = typeof data.Expiration === "string" ? new Date(data.Expiration) : undefined;
        if (expiration && expiration.getTime() <= Date.now()) return reject(new CredentialProcessError(profile, command, 0, err, `returned credentials that expired at ${data.Expiration}`));
        resolve({
          accessKeyId: data.AccessKeyId,
          secretAccessKey: data.SecretAccessKey,
          ...(typeof data.SessionToken === "string" ? { sessionToken: data.SessionToken } : {}),
          ...(expiration ? { expiration } : {}),
        });
      });
    });
}
