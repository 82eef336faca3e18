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

test("one long application-profile ARN is cut in the middle; the other columns keep their width (120 columns)", () => {
  const arn = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6";
  const withArn = [...rows.filter((r) => r.tags.includes("profile")).slice(0, 5), { ...rows.find((r) => r.tags.includes("profile"))!, key: `amazon-bedrock/${arn}`, id: arn, kind: "application-inference-profile" as const }];
  const natural = renderModelsTable(withArn.slice(0, 5), 120, PLAIN).split("\n");
  const lines = renderModelsTable(withArn, 120, PLAIN).split("\n");
  for (const line of lines) assert.ok(line.length <= 120, `${line.length}: ${line}`);
  // Every profile row still shows its whole tags and input, as without the ARN.
  const tail = (line: string) => line.slice(line.indexOf(" text")).trim().split(/\s+/);
  for (let i = 1; i < 6; i++) assert.deepEqual(tail(lines[i]!), tail(natural[i]!), `${lines[i]}\n${natural[i]}`);
  const arnLine = lines[6]!;
  assert.match(lines[0]!, /^Model \(amazon-bedrock\/…\)/, "one provider: the header names it");
  assert.match(arnLine, /^arn:aws.*….*a1b2c3d4e5f6 /, "the unique tail of the ARN stays");
});

test("below ~74 columns the table shrinks instead of wrapping", () => {
  for (const width of [72, 64, 60]) {
    for (const line of renderModelsTable(rows, width, PLAIN).split("\n")) assert.ok(line.length <= width, `${width}: ${line.length}: ${line}`);
  }
});

test("under LANG=C (no UTF-8) a cut value ends with ASCII dots", () => {
  const ascii = renderModelsTable(rows, 80, PLAIN, false);
  assert.ok(!ascii.includes("…"));
  assert.ok(ascii.includes("..."));
});

test("at 80 to 100 columns no model id is cut: tags, input and the provider part give way first", () => {
  const mixed = buildModelRows({ config: { models: { providers: { ollama: { baseUrl: "http://127.0.0.1:11434", models: [{ id: "llama3", name: "Llama 3" }] } } } }, env: {}, discovered: selection.models, leftOut: [], discoveryListed: true, includeLeftOut: false, bedrockAuth: "aws-sdk" });
  for (const width of [80, 90, 100]) {
    const lines = renderModelsTable(mixed, width, PLAIN).split("\n");
    mixed.forEach((row, i) => {
      assert.ok(lines[i + 1]!.length <= width, `${width}: ${lines[i + 1]}`);
      assert.ok(lines[i + 1]!.includes(`/${row.id} `), `${width}: the id stays whole: ${lines[i + 1]}`);
    });
  }
});

test("one provider in the listing (--provider amazon-bedrock): the header names it, rows show the whole ids", () => {
  const bedrock = rows.filter((r) => r.provider === "amazon-bedrock" && r.key.length <= 64);
  const lines = renderModelsTable(bedrock, 80, PLAIN).split("\n");
  assert.match(lines[0]!, /^Model \(amazon-bedrock\/…\)/);
  bedrock.forEach((row, i) => assert.ok(lines[i + 1]!.startsWith(`${row.id} `), lines[i + 1]));
});
