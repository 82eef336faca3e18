// How the doctor looks: one line per check with ✓ ⚠ ✗ (ASCII where the terminal isn't UTF-8), notes and a fix under it.
import type { Palette } from "./colour.js";
import type { CheckResult, CheckStatus, DoctorReport } from "../doctor/types.js";

const UNICODE_MARKS: Record<CheckStatus, string> = { pass: "✓", warn: "⚠", fail: "✗", skip: "-" };
const ASCII_MARKS: Record<CheckStatus, string> = { pass: "[ok]", warn: "[!!]", fail: "[XX]", skip: "[--]" };
const ID_WIDTH = 13;

export function formatCheck(result: CheckResult, c: Palette, unicode: boolean): string {
  const marks = unicode ? UNICODE_MARKS : ASCII_MARKS;
  const colour = { pass: c.green, warn: c.yellow, fail: c.red, skip: c.dim }[result.status];
  const indent = " ".repeat((unicode ? 2 : 5) + ID_WIDTH);
  const lines = [`${colour(marks[result.status])} ${result.id.padEnd(ID_WIDTH)}${result.status === "skip" ? c.dim(result.summary) : result.summary}`];
  for (const note of result.notes) lines.push(`${indent}${c.dim(note)}`);
  if (result.fix) lines.push(`${indent}${colour("fix:")} ${result.fix}`);
  return lines.join("\n");
}

export function formatTotals(report: DoctorReport): string {
  const count = (s: CheckStatus) => report.checks.filter((r) => r.status === s).length;
  return `${count("pass")} passed, ${count("warn")} warning${count("warn") === 1 ? "" : "s"}, ${count("fail")} failed`;
}
