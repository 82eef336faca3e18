// How `models list` looks: OpenClaw's columns (Model, Input, Ctx, Local, Auth, Tags) plus max output and kind.
// On a narrow terminal Local and Auth give way first, then Tags, Input and Model shrink, so 80 columns fit.
import type { ChalkInstance } from "chalk";
import type { ModelRow } from "../models/model-rows.js";
import { formatTokens, truncate } from "./format.js";
import { renderTable, type Column } from "./table.js";

const KIND_LABEL: Record<string, string> = {
  "foundation-model": "model",
  "inference-profile": "profile",
  "application-inference-profile": "app-profile",
};

export function renderModelsTable(rows: ModelRow[], width: number, c: ChalkInstance): string {
  const tagColour = (tag: string) => {
    if (tag === "default") return c.green.bold(tag);
    if (tag === "missing") return c.red(tag);
    if (tag === "profile") return c.cyan(tag);
    if (tag === "configured") return c.blue(tag);
    if (tag === "discovered") return c.dim(tag);
    return c.yellow(tag);
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
