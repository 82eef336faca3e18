// Colour is decided once per command: a TTY, no NO_COLOR, not a dumb terminal, and neither --json nor --plain.
// chalk loads only when colour is on: it inspects the terminal as it loads, which pulls in Node's tty and net
// modules (≈1.5 ms that `openclaw models list | grep ...` has no use for).

export function isRich(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, machineOutput = false): boolean {
  if (machineOutput) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  // FORCE_COLOR as chalk and Node read it: set and not 0/false turns colour on even in a pipe; 0 turns it off.
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return !/^(0|false)$/i.test(force);
  if (!stream.isTTY) return false;
  return env.TERM !== "dumb";
}

export type Style = (text: string) => string;

/** The styles the output uses. */
export interface Palette {
  bold: Style;
  dim: Style;
  red: Style;
  green: Style;
  greenBold: Style;
  yellow: Style;
  blue: Style;
  cyan: Style;
}

const same: Style = (text) => text;
export const PLAIN: Palette = { bold: same, dim: same, red: same, green: same, greenBold: same, yellow: same, blue: same, cyan: same };

export async function palette(rich: boolean): Promise<Palette> {
  if (!rich) return PLAIN;
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: 1 });
  return {
    bold: (t) => c.bold(t),
    dim: (t) => c.dim(t),
    red: (t) => c.red(t),
    green: (t) => c.green(t),
    greenBold: (t) => c.green.bold(t),
    yellow: (t) => c.yellow(t),
    blue: (t) => c.blue(t),
    cyan: (t) => c.cyan(t),
  };
}

/** ✓ ⚠ ✗ where the terminal speaks UTF-8, plain ASCII elsewhere. */
export function supportsUnicode(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  if (env.TERM === "linux") return false;
  return /utf-?8/i.test(locale) || locale === "";
}
