// Inside OpenClaw, the doctor's first line: which release runs the plugin and what the plugin does on it.
import { featuresOn, modelsListSource, runningHostRelease } from "../host/release.js";
import { check, type CheckResult } from "./types.js";

export function checkHost(release: string | undefined = runningHostRelease()): CheckResult {
  if (!release) return check("host", "skip", "not checked: the OpenClaw release running this command was not found");
  const { on, off } = featuresOn(release);
  const list = modelsListSource(release);
  const listing = list === "models-file" ? "openclaw models list shows the models once discovery has run (openclaw bedrock models)" : "openclaw bedrock models lists the models";
  return check("host", "pass", `OpenClaw ${release}: agent turns${on.some((f) => f.id === "infer") ? ", infer model run" : ""}, ${listing}`, {
    details: { release, features: on.map((f) => f.id), missing: off.map((f) => ({ id: f.id, since: f.since })), modelsList: list },
    notes: off.map((f) => `not on ${release}: ${f.name} (from ${f.since}; upgrade OpenClaw): ${f.before}`),
  });
}
