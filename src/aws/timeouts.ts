// OPENCLAW_BEDROCK_TIMEOUT: seconds, bounding each control-plane call (discovery, GetInferenceProfile, the
// doctor's default); OPENCLAW_BEDROCK_TURN_TIMEOUT: seconds a turn waits for the next byte of a reply. Two
// settings, because a reply may think for minutes while a listing answers in one.

/** The variable that bounds a turn's wait for the next byte, and its default. */
export const TURN_TIMEOUT_VARIABLE = "OPENCLAW_BEDROCK_TURN_TIMEOUT";
export const DEFAULT_TURN_IDLE_TIMEOUT_MS = 120_000;

/** OPENCLAW_BEDROCK_TURN_TIMEOUT in milliseconds, or undefined when unset or not a number of seconds above 0. */
export function envTurnTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env[TURN_TIMEOUT_VARIABLE]);
  return env[TURN_TIMEOUT_VARIABLE] && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** The variable in milliseconds, or undefined when it is unset or not a number of seconds above 0. */
export function envTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.OPENCLAW_BEDROCK_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** A set but unusable OPENCLAW_BEDROCK_TIMEOUT, as the standalone commands refuse it: the message, else undefined. */
export function envTimeoutProblem(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.OPENCLAW_BEDROCK_TIMEOUT;
  if (raw === undefined || raw === "") return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 && seconds <= 3600 ? undefined : `OPENCLAW_BEDROCK_TIMEOUT must be a number of seconds above 0 and at most 3600 (e.g. 30), got "${raw}"`;
}
