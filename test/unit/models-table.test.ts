import { test } from "node:test";
import assert from "node:assert/strict";
import { palette, PLAIN } from "../../src/output/colour.ts";
import { renderModelsTable } from "../../src/output/models-table.ts";
import { buildModelRows } from "../../src/models/model-rows.ts";
import { selectModels } from "../../src/bedrock/select-models.ts";
import { fixtureCatalog } from "../emulator/bedrock.ts";
import { formatTokens } from "../../src/output/format.ts";

const catalog = fixtureCatalog();
const selection = selectModels(catalog.foundationModels, catalog.inferenceProfiles);
const rows = buildModelRows({ config: {}, env: {}, discovered: selection.models, leftOut: selection.leftOut, discoveryListed: true, includeLeftOut: true, bedrockAuth: "aws-sdk" });

test("on an 80-column terminal every line of the real listing fits, the model column shortened with …", () => {
  const lines = renderModelsTable(rows, 80, PLAIN).split("\n");
  for (const line of lines) assert.ok(line.length <= 80, `${line.length}: ${line}`);
  assert.ok(lines.some((line) => line.includes("…")));
});

test("colour never breaks the alignment", async () => {
  const plain = renderModelsTable(rows, 120, PLAIN);
  const coloured = renderModelsTable(rows, 120, await palette(true)).replace(/\u001b\[[0-9;]*m/g, "");
  assert.equal(coloured, plain);
});

test("token counts read as people write them", () => {
  assert.deepEqual([200_000, 256_000, 65_536, 4_096, 128_000, 1_000_000, 3_500_000, 10_000, 500, null].map(formatTokens), ["200k", "256k", "64k", "4k", "128k", "1M", "3.5M", "10k", "500", "-"]);
});
