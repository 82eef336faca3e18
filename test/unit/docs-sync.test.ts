import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { RULES } from "../../src/bedrock/classify-error.ts";
import { repoRoot } from "../helpers/cli.ts";

test("the troubleshooting table in docs/bedrock.md has a row for every code the classifier returns, and no other", () => {
  const doc = fs.readFileSync(path.join(repoRoot, "docs/bedrock.md"), "utf8");
  const start = doc.search(/^## \d+\. Troubleshooting$/m);
  assert.notEqual(start, -1, "docs/bedrock.md has a numbered Troubleshooting section");
  const end = doc.indexOf("\n## ", start + 1);
  const table = doc.slice(start, end === -1 ? undefined : end);
  const documented = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
  const codes = [...new Set([...RULES.map((r) => r.code), "unknown"])];
  assert.deepEqual([...documented].sort(), [...codes].sort());
});
