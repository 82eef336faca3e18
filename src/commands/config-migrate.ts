// `openclaw-bedrock config migrate`: moves the Bedrock discovery block to where this host's OpenClaw reads it,
// as text (its comments and layout go with it); every other byte of the file stays as it was.
import { cmd } from "../text/commands.js";
import { CliError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import { MODELS_DISCOVERY_PATH, PLUGIN_DISCOVERY_PATH } from "../config/discovery-fields.js";
import { describeHost, detectHostOpenClaw, discoveryLocation } from "../config/host-version.js";
import { deleteJson5Value, setJson5Value } from "../config/json5-edit.js";
import { findMember, indentAt, lineStart, onlyWhitespaceBefore, parseDoc, splitBom } from "../config/json5-document.js";
import { memberKey, type ValueNode } from "../config/json5-parser.js";
import { maskSecrets, maskText } from "../config/secrets.js";
import { getAtPath, sameJson } from "../config/lookup.js";
import { resolveConfigPath } from "../config/paths.js";
import { parseConfigText, readConfigText } from "../config/read.js";
import { lockWaitMs, updateConfigFile } from "../config/write.js";
import { writeLine } from "../output/write.js";

export async function configMigrate(rt: Runtime, options: { dryRun?: boolean }): Promise<void> {
  const configPath = resolveConfigPath(rt.env);
  const current = readConfigText(configPath);
  const host = detectHostOpenClaw(parseConfigText(configPath, current.text), rt.env);
  const to = discoveryLocation(host) === "models" ? MODELS_DISCOVERY_PATH : PLUGIN_DISCOVERY_PATH;
  const from = to === MODELS_DISCOVERY_PATH ? PLUGIN_DISCOVERY_PATH : MODELS_DISCOVERY_PATH;
  const who = describeHost(host);
  let moved = "";
  const migrate = (text: string): string | null => {
    const next = moveBlock(text, from, to);
    moved = next === null ? "" : next;
    return next;
  };
  if (options.dryRun) {
    const next = migrate(current.text);
    if (next === null) return writeLine(rt.stdout, `Nothing to migrate: ${from.join(".")} is not set; ${who} reads ${to.join(".")}.`);
    writeLine(rt.stdout, `Would move ${from.join(".")} to ${to.join(".")} for ${who} (dry run: nothing written):`);
    // Secrets masked in both versions before the diff: a token on a moved line shows as neither - nor +.
    writeLine(rt.stdout, lineDiff(maskDocument(current.text), maskDocument(next)));
    return;
  }
  const { written, note } = updateConfigFile(configPath, (file) => migrate(file.text), { lockTimeoutMs: lockWaitMs(rt.env) });
  if (note) writeLine(rt.stderr, note);
  if (!written && !moved) return writeLine(rt.stdout, `Nothing to migrate: ${from.join(".")} is not set; ${who} reads ${to.join(".")}.`);
  writeLine(rt.stdout, `Moved ${from.join(".")} to ${to.join(".")}, where ${who} reads it.`);
}

/** The text with the block at `from` moved to `to`, or null when there is none. Refuses to overwrite a different block. */
export function moveBlock(text: string, from: readonly string[], to: readonly string[]): string | null {
  const value = parseConfigText("config", text);
  const source = getAtPath(value, from);
  if (!source.found) return null;
  const target = getAtPath(value, to);
  if (target.found && !sameJson(target.value, source.value)) {
    throw new CliError(`both ${from.join(".")} and ${to.join(".")} are set, with different values`, {
      fix: `keep the one you want and unset the other (openclaw-bedrock config unset ${from.join(".")}), then run config migrate again`,
    });
  }
  const raw = rawText(text, from);
  // The whole-line comments right above the block belong to it: they leave with it and go above its new key.
  const bom = splitBom(text).bom.length;
  let next = text.slice(0, bom + raw.comments.start) + text.slice(bom + raw.comments.end);
  // The target gets a placeholder first (the editor creates the parents in the file's style), then the block's
  // own text replaces it, re-indented to its new depth.
  const placeholder = `__openclaw_bedrock_migrate_${Date.now().toString(36)}__`;
  if (!target.found) next = setJson5Value(next, to, placeholder);
  next = deleteJson5Value(next, from)!;
  if (!target.found) {
    const at = next.indexOf(JSON.stringify(placeholder));
    const indent = indentAt(next, at);
    const moved = raw.text.split("\n").map((line, i) => (i > 0 && line.startsWith(raw.indent) ? indent + line.slice(raw.indent.length) : line)).join("\n");
    next = next.slice(0, at) + moved + next.slice(at + JSON.stringify(placeholder).length);
  }
  // Parents left empty by the move (`models: {}`) are removed, as nothing else was in them.
  for (let depth = from.length - 1; depth > 0; depth--) {
    const parent = getAtPath(parseConfigText("config", next), from.slice(0, depth));
    if (!parent.found || !parent.value || typeof parent.value !== "object" || Object.keys(parent.value).length > 0) break;
    next = deleteJson5Value(next, from.slice(0, depth))!;
  }
  if (raw.comments.lines.length > 0) {
    const keyLine = splitBom(next).bom.length + lineStart(splitBom(next).body, rawText(next, to).memberStart);
    const indent = /^[ \t]*/.exec(next.slice(keyLine))![0];
    const eol = next.includes("\r\n") ? "\r\n" : "\n";
    next = next.slice(0, keyLine) + raw.comments.lines.map((line) => `${indent}${line.trimStart()}${eol}`).join("") + next.slice(keyLine);
  }
  return next;
}

/**
 * The block's text as written, the indentation of the line its key is on, where its key starts, and the
 * whole-line comments right above that line (no blank line between), as offsets into the text after a BOM.
 */
function rawText(text: string, path: readonly string[]): { text: string; indent: string; memberStart: number; comments: { start: number; end: number; lines: string[] } } {
  const { body } = splitBom(text);
  let node: ValueNode = parseDoc(body).ast.body;
  let memberStart = 0;
  for (const segment of path) {
    const member = node.type === "Object" ? findMember(node, segment) : undefined;
    if (!member) throw new CliError(`cannot read ${path.join(".")} from the file`, { fix: `check the block with ${cmd(`config get ${path.join(".")}`)}, and move it by hand if it is written in an unusual way` });
    memberStart = member.range[0];
    node = member.value;
  }
  const end = lineStart(body, memberStart);
  let start = end;
  const lines: string[] = [];
  while (start > 0 && onlyWhitespaceBefore(body, memberStart)) {
    const above = lineStart(body, start - 1);
    const line = body.slice(above, start - 1).replace(/\r$/, "");
    if (!/^\s*(\/\/.*|\/\*.*\*\/)\s*$/.test(line)) break;
    lines.unshift(line);
    start = above;
  }
  return { text: body.slice(node.range[0], node.range[1]), indent: indentAt(body, memberStart), memberStart, comments: { start, end, lines } };
}

/** The text with every secret string (by its key, where it sits, or its shape) replaced by a mask, comments too. */
function maskDocument(text: string): string {
  const { bom, body } = splitBom(text);
  const replacements: { range: [number, number]; text: string }[] = [];
  const walk = (node: ValueNode, path: (string | number)[]): void => {
    if (node.type === "String") {
      const masked = maskSecrets(node.value, path);
      if (masked !== node.value) replacements.push({ range: node.range, text: JSON.stringify(masked) });
    } else if (node.type === "Object") for (const member of node.members) walk(member.value, [...path, memberKey(member)]);
    else if (node.type === "Array") node.elements.forEach((element, i) => walk(element.value, [...path, i]));
  };
  walk(parseDoc(body).ast.body, []);
  let out = body;
  for (const { range, text: masked } of replacements.sort((a, b) => b.range[0] - a.range[0])) out = out.slice(0, range[0]) + masked + out.slice(range[1]);
  return bom + maskText(out);
}

/** A plain line diff for --dry-run: removed lines with `-`, added lines with `+`, a line of context around. */
function lineDiff(before: string, after: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const context = (line: string | undefined) => (line === undefined ? [] : [`  ${line}`]);
  return [...context(a[start - 1]), ...a.slice(start, endA).map((l) => `- ${l}`), ...b.slice(start, endB).map((l) => `+ ${l}`), ...context(a[endA])].join("\n");
}
