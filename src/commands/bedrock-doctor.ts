// `openclaw bedrock doctor`: will Bedrock work from this host, and if not, exactly what to change.
import { ExitError, UsageError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import { runDoctor } from "../doctor/run-doctor.js";
import type { DoctorOptions } from "../doctor/types.js";
import { isRich, palette, supportsUnicode } from "../output/colour.js";
import { formatCheck, formatTotals } from "../output/doctor-report.js";
import { writeJson, writeLine } from "../output/write.js";

export interface DoctorFlags {
  model?: string;
  region?: string;
  awsProfile?: string;
  /** The standalone CLI's spelling of --aws-profile (a host such as OpenClaw keeps --profile for itself). */
  profile?: string;
  invoke?: boolean;
  prompt?: string;
  maxTokens?: string;
  timeout?: string;
  json?: boolean;
}

export async function bedrockDoctor(rt: Runtime, flags: DoctorFlags): Promise<void> {
  const options = normalize(flags);
  const rich = isRich(rt.stdout, rt.env, flags.json);
  const c = await palette(rich);
  const unicode = supportsUnicode(rt.env);
  let streaming = false;
  const hooks = flags.json
    ? {}
    : {
        onCheck: (result: Parameters<typeof formatCheck>[0]) => {
          if (streaming) rt.stdout.write("\n");
          streaming = false;
          writeLine(rt.stdout, formatCheck(result, c, unicode));
        },
        onInvokeStart: (modelId: string) => {
          rt.stdout.write(c.dim(`${" ".repeat(2)}streaming ${modelId}: `));
          streaming = true;
        },
        onText: (text: string) => rt.stdout.write(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")),
      };
  const report = await runDoctor(rt.env, options, hooks);
  if (flags.json) writeJson(rt.stdout, report);
  else writeLine(rt.stdout, `\n${formatTotals(report)}`);
  if (!report.ok) throw new ExitError(1);
}

function normalize(flags: DoctorFlags): DoctorOptions {
  const timeout = Number(flags.timeout ?? 10);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--timeout must be a number of seconds above 0, got "${flags.timeout}"`);
  const maxTokens = Number(flags.maxTokens ?? 64);
  if (!Number.isInteger(maxTokens) || maxTokens <= 0) throw new UsageError(`--max-tokens must be a whole number above 0, got "${flags.maxTokens}"`);
  if (flags.region !== undefined && flags.region.trim() === "") throw new UsageError("--region needs a region code such as us-east-1");
  if (flags.awsProfile !== undefined && flags.profile !== undefined && flags.awsProfile !== flags.profile) {
    throw new UsageError(`--aws-profile "${flags.awsProfile}" and --profile "${flags.profile}" name different AWS profiles: give one`);
  }
  return {
    model: flags.model,
    region: flags.region,
    profile: flags.awsProfile ?? flags.profile,
    invoke: flags.invoke !== false,
    prompt: flags.prompt ?? "Reply with one short sentence.",
    maxTokens,
    timeoutMs: timeout * 1000,
  };
}
