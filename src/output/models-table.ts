// How `models list` looks: OpenClaw's columns (Model, Input, Ctx, Local, Auth, Tags) plus max output and kind.
// A key longer than 64 characters (an application-profile ARN) never widens the Model column for every row:
// it is cut in the middle, so its unique tail stays. On a narrow terminal Local and Auth give way first, then
// Tags and Input shrink, then the provider part of a key; an id is cut only below that, where the table keeps
// shrinking rather than wrap.
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
  // One provider on a terminal (`--provider amazon-bedrock`, or Bedrock alone): the header names it once and
  // the rows show the ids, which is what tells them apart. Piped, the keys stay whole.
  const providers = new Set(rows.map((r) => r.provider));
  const single = providers.size === 1 && Number.isFinite(width) ? [...providers][0]! : undefined;
  const shown = (r: ModelRow) => (single && r.key.startsWith(`${single}/`) ? r.key.slice(single.length + 1) : r.key);
  const ellipsis = ellipsisFor(unicode);
  const columns: Column<ModelRow>[] = [
    {
      header: single ? `Model (${single}/${ellipsis})` : "Model",
      value: shown,
      // Tags and Input give way before any id is cut: the column keeps every id whole (a shortened provider aside).
      shrink: { order: 3, min: Math.max(30, ...rows.map((r) => idRoom(shown(r), r.provider, ellipsis)).filter((n) => n <= 64)) },
      fit: fitModelKey,
      maxWidth: modelColumnCap(rows.map(shown)),
    },
    { header: "Input", value: (r) => r.input, shrink: { order: 2, min: 10, floor: 6 } },
    { header: "Ctx", value: (r) => formatTokens(r.contextWindow), align: "right" },
    { header: "Out", value: (r) => formatTokens(r.maxTokens), align: "right" },
    // The Tags say `profile` too: Kind goes on a terminal too narrow for the rest, before any id is cut.
    { header: "Kind", value: (r) => (r.kind ? KIND_LABEL[r.kind]! : "-"), lastToGo: true },
    { header: "Local", value: (r) => (r.local ? "yes" : "no"), optional: 1 },
    { header: "Auth", value: (r) => r.auth, optional: 2 },
    { header: "Tags", value: (r) => r.tags.join(","), shrink: { order: 1, min: 10, floor: 5 }, colour: (text) => text.replace(/[^,\s….]+/g, tagColour) },
  ];
  return renderTable(columns, rows, width, (s) => c.bold(s), ellipsis);
}

/** Keys up to 64 characters set the Model column's width; a longer one (an application-profile ARN) is cut to fit. */
function modelColumnCap(keys: string[]): number {
  const ordinary = keys.map((k) => k.length).filter((n) => n <= 64);
  return Math.max(30, ...ordinary);
}

/** The narrowest a key can be with its id whole: the provider cut down to the ellipsis (`…/us.…`). */
function idRoom(key: string, provider: string, ellipsis: string): number {
  const slash = key.startsWith(`${provider}/`) ? provider.length + 1 : 0;
  return slash ? key.length - slash + 1 + ellipsis.length : key.length;
}

/**
 * Fits `provider/id` into `width` without touching what tells ids apart (`us.`/`global.`, haiku/opus, the
 * version): the provider part is shortened first (`amazon-bedr…/`); only an id that alone is too wide (an
 * application-profile ARN) is cut, in the middle, so its unique tail stays.
 */
export function fitModelKey(key: string, width: number, ellipsis = "…"): string {
  if (key.length <= width) return key;
  const slash = key.indexOf("/");
  const id = key.slice(slash + 1);
  if (slash > 0 && !key.startsWith("arn:")) {
    const room = width - id.length - 1 - ellipsis.length;
    if (room >= 0) return `${key.slice(0, room)}${ellipsis}/${id}`;
  }
  return truncateMiddle(key, width, ellipsis);
}
