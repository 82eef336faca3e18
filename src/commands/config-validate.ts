// `openclaw config validate`: checks the whole file; exit 1 lists each problem with its path.
import type { Runtime } from "../runtime.js";
import { formatConfigPath } from "../config/path-syntax.js";
import { resolveConfigPath } from "../config/paths.js";
import { loadConfig } from "../config/read.js";
import { describeIssue, validateConfig } from "../config/validate.js";
import { writeJson, writeLine } from "../output/write.js";
import { isCliError } from "../errors.js";

export async function configValidate(rt: Runtime, options: { json?: boolean }): Promise<number> {
  const configPath = resolveConfigPath(rt.env);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(configPath);
  } catch (error) {
    // A file that can't be read or parsed is invalid too: with --json that is still one document on stdout.
    if (!options.json || !isCliError(error)) throw error;
    const issue = { path: "", message: error.message, ...(error.fix ? { fix: error.fix } : {}) };
    writeJson(rt.stdout, { valid: false, path: configPath, exists: true, issues: [issue], unsetVariables: [] });
    return 1;
  }
  const { issues, missingVariables } = validateConfig(config.value, rt.env);
  if (options.json) {
    writeJson(rt.stdout, {
      valid: issues.length === 0,
      path: config.path,
      exists: config.exists,
      issues: issues.map((issue) => ({ path: formatConfigPath(issue.path), message: issue.message, ...(issue.fix ? { fix: issue.fix } : {}) })),
      unsetVariables: missingVariables,
    });
    return issues.length === 0 ? 0 : 1;
  }
  if (missingVariables.length > 0) {
    writeLine(rt.stderr, `note: not set in this environment, so not checked: ${missingVariables.map((v) => "${" + v + "}").join(", ")}`);
  }
  if (issues.length === 0) {
    writeLine(rt.stdout, config.exists ? `${config.path} is valid.` : `${config.path} does not exist yet (an empty config is valid).`);
    return 0;
  }
  writeLine(rt.stdout, `${config.path}: ${issues.length} problem${issues.length === 1 ? "" : "s"}`);
  for (const issue of issues) {
    writeLine(rt.stdout, `  ${describeIssue(issue)}`);
    if (issue.fix) writeLine(rt.stdout, `    fix: ${issue.fix}`);
  }
  return 1;
}
