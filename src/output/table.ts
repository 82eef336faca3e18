// Renders rows as an aligned text table; the flexible column shrinks (with …) to fit the terminal width.
import { truncate } from "./format.js";

export interface Column<Row> {
  header: string;
  value(row: Row): string;
  align?: "left" | "right";
  /** This column gives up width when the table is too wide. */
  flex?: boolean;
  /** Colour applied after padding, so escape codes never break alignment. */
  colour?(text: string, row: Row): string;
}

export function renderTable<Row>(columns: Column<Row>[], rows: Row[], maxWidth = Infinity, headerStyle: (s: string) => string = (s) => s): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const gap = 2;
  const total = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1);
  const flexIndex = columns.findIndex((c) => c.flex);
  if (total > maxWidth && flexIndex !== -1) {
    widths[flexIndex] = Math.max(columns[flexIndex]!.header.length, 12, widths[flexIndex]! - (total - maxWidth));
  }
  const line = (values: string[], row?: Row) =>
    values
      .map((value, i) => {
        const column = columns[i]!;
        const text = truncate(value, widths[i]!);
        const padded = column.align === "right" ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
        return row && column.colour ? column.colour(padded, row) : padded;
      })
      .join(" ".repeat(gap))
      .trimEnd();
  return [headerStyle(line(columns.map((c) => c.header))), ...cells.map((values, r) => line(values, rows[r]))].join("\n");
}
