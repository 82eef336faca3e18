// How `models list` looks: OpenClaw's columns (Model, Input, Ctx, Local, Auth, Tags) plus max output and kind.
import type { ChalkInstance } from "chalk";
import type { ModelRow } from "../models/model-rows.js";
import { formatTokens } from "./format.js";
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
    { header: "Model", value: (r) => r.key, flex: true },
    { header: "Input", value: (r) => r.input },
    { header: "Ctx", value: (r) => formatTokens(r.contextWindow), align: "right" },
    { header: "Out", value: (r) => formatTokens(r.maxTokens), align: "right" },
    { header: "Kind", value: (r) => (r.kind ? KIND_LABEL[r.kind]! : "-") },
    { header: "Local", value: (r) => (r.local ? "yes" : "no") },
    { header: "Auth", value: (r) => r.auth },
    { header: "Tags", value: (r) => r.tags.join(","), colour: (text) => text.replace(/[^,\s]+/g, tagColour) },
  ];
  return renderTable(columns, rows, width, (s) => c.bold(s));
}
