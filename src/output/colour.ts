// Colour is decided once per command: a TTY, no NO_COLOR, not a dumb terminal, and neither --json nor --plain.
import { Chalk, type ChalkInstance } from "chalk";

export function isRich(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, machineOutput = false): boolean {
  if (machineOutput || !stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return env.TERM !== "dumb";
}

export function palette(rich: boolean): ChalkInstance {
  return new Chalk({ level: rich ? 1 : 0 });
}

/** ✓ ⚠ ✗ where the terminal speaks UTF-8, plain ASCII elsewhere. */
export function supportsUnicode(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  if (env.TERM === "linux") return false;
  return /utf-?8/i.test(locale) || locale === "";
}
