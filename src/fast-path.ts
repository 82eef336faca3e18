// Reads a plain, well-formed command line without commander (which costs ≈4 ms to load and set up on every
// start). Anything it is not sure about — help, version, short flags, `--`, unknown or missing pieces —
// returns undefined, and commander handles it, with its help and its error messages.
import { COMMANDS, optionKey, type CommandSpec } from "./command-specs.js";

export interface FastInvocation {
  spec: CommandSpec;
  args: string[];
  options: Record<string, unknown>;
}

const NEGATIVE_NUMBER = /^-(Infinity|NaN|\.?\d|0[xX][0-9a-fA-F])/;

export function parseFast(argv: readonly string[], specs: readonly CommandSpec[] = COMMANDS): FastInvocation | undefined {
  const [group, name, ...rest] = argv;
  const spec = specs.find((s) => s.group === group && s.name === name);
  if (!spec) return undefined;
  const options: Record<string, unknown> = {};
  const known = new Map(spec.options.map((o) => [/--[a-z0-9-]+/.exec(o.flags)![0], o]));
  for (const option of spec.options) {
    const { key, negated } = optionKey(option.flags);
    if (negated) options[key] = true;
    else if (option.default !== undefined) options[key] = option.default;
  }
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    // A negative number (-5, -.5, -0x1F, -Infinity, -NaN, as JSON5 writes them) is a value, not an option.
    if (!token.startsWith("-") || NEGATIVE_NUMBER.test(token)) {
      args.push(token);
      continue;
    }
    if (!token.startsWith("--") || token === "--") return undefined;
    const eq = token.indexOf("=");
    const flag = eq === -1 ? token : token.slice(0, eq);
    const option = known.get(flag);
    if (!option) return undefined;
    const { key, takesValue, negated } = optionKey(option.flags);
    if (!takesValue) {
      if (eq !== -1) return undefined;
      options[key] = !negated;
      continue;
    }
    const value = eq !== -1 ? token.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq === -1 && value.startsWith("-"))) return undefined;
    options[key] = value;
  }
  if (args.length !== spec.args.length) return undefined;
  return { spec, args, options };
}
