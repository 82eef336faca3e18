// How `models list` looks: OpenClaw's columns (Model, Input, Ctx, Local, Auth, Tags) plus max output and kind.
// On a narrow terminal Local and Auth give way first, then Tags, Input and Model shrink, so 80 columns fit.
import type { Palette } from "./colour.js";
import type { ModelRow } from "../models/model-rows.js";
import { formatTokens, truncate } from "./format.js";
import { renderTable, type Column } from "./table.js";

const KIND_LABEL: Record<string, string> = {
  "foundation-model": "model",
  "inference-profile": "profile",
  "application-inference-profile": "app-profile",
};

export function renderModelsTable(rows: ModelRow[], width: number, c: Palette): string {
  // A tag cut short by a narrow column (`discovere`) keeps the colour of the tag it starts.
  const known = ["default", "missing", "profile", "configured", "discovered"];
  const tagColour = (word: string) => {
    const tag = known.find((k) => k.startsWith(word)) ?? word;
    if (tag === "default") return c.greenBold(word);
    if (tag === "missing") return c.red(word);
    if (tag === "profile") return c.cyan(word);
    if (tag === "configured") return c.blue(word);
    if (tag === "discovered") return c.dim(word);
    return c.yellow(word);
  };
  const columns: Column<ModelRow>[] = [
    { header: "Model", value: (r) => r.key, shrink: { order: 3, min: 30 }, fit: fitModelKey },
    { header: "Input", value: (r) => r.input, shrink: { order: 2, min: 10 } },
    { header: "Ctx", value: (r) => formatTokens(r.contextWindow), align: "right" },
    { header: "Out", value: (r) => formatTokens(r.maxTokens), align: "right" },
    { header: "Kind", value: (r) => (r.kind ? KIND_LABEL[r.kind]! : "-") },
    { header: "Local", value: (r) => (r.local ? "yes" : "no"), optional: 1 },
    { header: "Auth", value: (r) => r.auth, optional: 2 },
    { header: "Tags", value: (r) => r.tags.join(","), shrink: { order: 1, min: 10 }, colour: (text) => text.replace(/[^,\s…]+/g, tagColour) },
  ];
  return renderTable(columns, rows, width, (s) => c.bold(s));
}

/** Too long for the column: the provider prefix goes first (`…/us.anthropic.claude-…`), the id's end after. */
function fitModelKey(key: string, width: number): string {
  const slash = key.indexOf("/");
  return slash > 0 ? truncate(`…${key.slice(slash)}`, width) : truncate(key, width);
}
