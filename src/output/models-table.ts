// How `models list` looks: OpenClaw's columns (Model, Input, Ctx, Local, Auth, Tags) plus max output and kind.
// A key longer than 64 characters (an application-profile ARN) never widens the Model column for every row:
// it is cut in the middle, so its unique tail stays. On a narrow terminal Local and Auth give way first, then
// Model, Tags and Input shrink; below that the table keeps shrinking rather than wrap.
import type { Palette } from "./colour.js";
import type { ModelRow } from "../models/model-rows.js";
import { ellipsisFor, formatTokens, truncateMiddle } from "./format.js";
import { renderTable, type Column } from "./table.js";

const KIND_LABEL: Record<string, string> = {
  "foundation-model": "model",
  "inference-profile": "profile",
  "application-inference-profile": "app-profile",
};

export function renderModelsTable(rows: ModelRow[], width: number, c: Palette, unicode = true): string {
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
    { header: "Model", value: (r) => r.key, shrink: { order: 1, min: 30 }, fit: truncateMiddle, maxWidth: modelColumnCap(rows) },
    { header: "Input", value: (r) => r.input, shrink: { order: 3, min: 10 } },
    { header: "Ctx", value: (r) => formatTokens(r.contextWindow), align: "right" },
    { header: "Out", value: (r) => formatTokens(r.maxTokens), align: "right" },
    { header: "Kind", value: (r) => (r.kind ? KIND_LABEL[r.kind]! : "-") },
    { header: "Local", value: (r) => (r.local ? "yes" : "no"), optional: 1 },
    { header: "Auth", value: (r) => r.auth, optional: 2 },
    { header: "Tags", value: (r) => r.tags.join(","), shrink: { order: 2, min: 10 }, colour: (text) => text.replace(/[^,\s….]+/g, tagColour) },
  ];
  return renderTable(columns, rows, width, (s) => c.bold(s), ellipsisFor(unicode));
}

/** Keys up to 64 characters set the Model column's width; a longer one (an application-profile ARN) is cut to fit. */
function modelColumnCap(rows: ModelRow[]): number {
  const ordinary = rows.map((r) => r.key.length).filter((n) => n <= 64);
  return Math.max(30, ...ordinary);
}
