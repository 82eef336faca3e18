// OPENCLAW_BEDROCK_TIMEOUT: seconds, bounding each Bedrock call (discovery, a turn's wait for the next byte).

/** The variable in milliseconds, or undefined when it is unset or not a number of seconds above 0. */
export function envTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
  const seconds = Number(env.OPENCLAW_BEDROCK_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
