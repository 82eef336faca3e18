// Renders rows as an aligned text table that fits the terminal: optional columns go first, then flexible
// columns shrink (with …) in their order of priority, each down to its minimum.
import { truncate } from "./format.js";

export interface Column<Row> {
  header: string;
  value(row: Row): string;
  align?: "left" | "right";
  /**
   * Shrinks when the table is too wide, lower numbers first, each down to `min`; on a terminal too narrow even
   * then, down to `floor` (default: 8, or less to keep the header) rather than wrap.
   */
  shrink?: { order: number; min: number; floor?: number };
  /** Never wider than this: a longer value (an outlier) is fitted rather than widening the column for all. */
  maxWidth?: number;
  /** Left out when the table is too wide; lower numbers go first. */
  optional?: number;
  /** Left out only when shrinking every column to its minimum is not enough. */
  lastToGo?: boolean;
  /** How a too-long value is shortened to `width` (default: cut the end, with the ellipsis). */
  fit?(value: string, width: number, ellipsis: string): string;
  /** Colour applied after padding, so escape codes never break alignment. */
  colour?(text: string, row: Row): string;
}

const GAP = 2;

export function renderTable<Row>(allColumns: Column<Row>[], rows: Row[], maxWidth = Infinity, headerStyle: (s: string) => string = (s) => s, ellipsis = "…"): string {
  let columns = allColumns;
  const natural = (cols: Column<Row>[]) => cols.map((c) => Math.min(c.maxWidth ?? Infinity, Math.max(c.header.length, ...rows.map((r) => c.value(r).length))));
  const total = (widths: number[]) => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  let widths = natural(columns);
  const shrinkInOrder = (candidates: Column<Row>[]) => {
    for (const column of [...candidates].sort((a, b) => a.shrink!.order - b.shrink!.order)) {
      const overflow = total(widths) - maxWidth;
      if (overflow <= 0) break;
      const i = columns.indexOf(column);
      widths[i] = Math.max(column.shrink!.min, column.header.length, widths[i]! - overflow);
    }
  };
  for (const drop of allColumns.filter((c) => c.optional !== undefined).sort((a, b) => a.optional! - b.optional!)) {
    if (total(widths) <= maxWidth) break;
    columns = columns.filter((c) => c !== drop);
    widths = natural(columns);
  }
  shrinkInOrder(columns.filter((c) => c.shrink));
  if (total(widths) > maxWidth && columns.some((c) => c.lastToGo)) {
    columns = columns.filter((c) => !c.lastToGo);
    widths = natural(columns);
    shrinkInOrder(columns.filter((c) => c.shrink));
  }
  // Still too wide (a narrow terminal): every shrinkable column gives up more, down to its header, rather than wrap.
  for (const column of [...columns].filter((c) => c.shrink).sort((a, b) => a.shrink!.order - b.shrink!.order)) {
    const overflow = total(widths) - maxWidth;
    if (overflow <= 0) break;
    const i = columns.indexOf(column);
    widths[i] = Math.max(column.header.length + 1, Math.min(widths[i]!, column.shrink!.floor ?? 8), widths[i]! - overflow);
  }
  const line = (values: string[], row?: Row) =>
    values
      .map((value, i) => {
        const column = columns[i]!;
        const text = value.length <= widths[i]! ? value : (column.fit ?? truncate)(value, widths[i]!, ellipsis);
        const padded = column.align === "right" ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        return row && column.colour ? column.colour(padded, row) : padded;
      })
      .join(" ".repeat(GAP))
      .trimEnd();
  return [headerStyle(line(columns.map((c) => c.header))), ...rows.map((row) => line(columns.map((c) => c.value(row)), row))].join("\n");
}
