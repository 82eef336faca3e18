// The discovery options are defined once (src/config/discovery-fields.ts): the manifest's JSON Schema, which
// OpenClaw's own `config set` applies without loading the plugin, is that definition, and so is our validator.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { DISCOVERY_FIELDS, DISCOVERY_OPTIONS, discoveryJsonSchema, discoveryValueUsable } from "../../src/config/discovery-fields.ts";
import { findConfigIssues } from "../../src/config/schema.ts";
import { repoRoot } from "../helpers/cli.ts";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "openclaw.plugin.json"), "utf8"));

test("openclaw.plugin.json declares exactly the discovery options the code defines", () => {
  assert.deepEqual(manifest.configSchema.properties.discovery, discoveryJsonSchema(), "regenerate it: node --import tsx -e 'console.log(JSON.stringify((await import(\"./src/config/discovery-fields.ts\")).discoveryJsonSchema(), null, 2))'");
});

test("the validator takes and refuses what the definition says, option by option", () => {
  const samples: Record<string, { ok: unknown[]; bad: unknown[] }> = {
    boolean: { ok: [true, false], bad: ["yes", 1] },
    string: { ok: ["eu-central-2"], bad: ["US-EAST-1", 5] },
    "string[]": { ok: [["anthropic", "amazon"]], bad: ["anthropic", [""], [1]] },
    integer: { ok: [1, 3600], bad: [-1, 1.5, "60"] },
  };
  for (const field of DISCOVERY_FIELDS) {
    const { kind } = DISCOVERY_OPTIONS[field];
    for (const [verdict, values] of Object.entries(samples[kind]!)) {
      for (const value of values) {
        const issues = findConfigIssues({ plugins: { entries: { "amazon-bedrock": { config: { discovery: { [field]: value } } } } } });
        assert.equal(issues.length === 0, verdict === "ok", `${field} = ${JSON.stringify(value)}: ${JSON.stringify(issues)}`);
        if (verdict === "ok") assert.ok(discoveryValueUsable(field, value), `${field} = ${JSON.stringify(value)} is read`);
      }
    }
  }
});

test("openclaw.plugin.json declares the endpoints option the code defines, and both refuse what is not an endpoint URL", async () => {
  const { endpointsJsonSchema, endpointUrlProblem } = await import("../../src/config/endpoint-fields.ts");
  assert.deepEqual(manifest.configSchema.properties.endpoints, endpointsJsonSchema());
  const pattern = new RegExp((endpointsJsonSchema().properties as { control: { pattern: string } }).control.pattern);
  const at = (control: unknown) => findConfigIssues({ plugins: { entries: { "amazon-bedrock": { config: { endpoints: { control } } } } } });
  for (const ok of ["https://vpce-0abc123-xyz.bedrock.us-east-1.vpce.amazonaws.com", "https://bedrock.corp.example/aws", "http://127.0.0.1:4566"]) {
    assert.deepEqual(at(ok), [], ok);
    assert.ok(pattern.test(ok), `the manifest's pattern takes ${ok}`);
    assert.equal(endpointUrlProblem(ok), undefined);
  }
  for (const bad of ["vpce-0abc123-xyz.bedrock.us-east-1.vpce.amazonaws.com", "ftp://bedrock.corp.example", "https://user:pw@bedrock.corp.example", "https://bedrock.corp.example/?x=1", "", 5]) {
    const issues = at(bad);
    assert.equal(issues.length, 1, `${JSON.stringify(bad)}: ${JSON.stringify(issues)}`);
    assert.match(issues[0]!.message, /such as https:\/\/vpce-/, "the message shows what to write");
    if (typeof bad === "string") assert.ok(!pattern.test(bad), `the manifest's pattern refuses ${bad}`);
  }
  assert.match(findConfigIssues({ plugins: { entries: { "amazon-bedrock": { config: { endpoints: { runtime: "https://x.example" } } } } } })[0]!.message, /unknown key "runtime"/);
});
