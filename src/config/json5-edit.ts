// Lossless JSON5 edits: set or delete one value by splicing the text, so every byte outside the edit survives.
import { isComment, type ObjectNode, type ValueNode } from "./json5-parser.js";
import { CliError } from "../errors.js";
import { cmd } from "../text/commands.js";
import {
  entryIndent,
  findMember,
  firstMemberAnywhere,
  indentAt,
  keyStyleOf,
  lineEnd,
  lineStart,
  nextSignificantToken,
  onlyWhitespaceBefore,
  parseDoc,
  restOfLineIsTrivia,
  sameLine,
  splice,
  splitBom,
  styleForEmpty,
  type Container,
  type Doc,
  type Entry,
  type KeyStyle,
} from "./json5-document.js";
import { quoteKey, serialize } from "./json5-serialize.js";
import { formatConfigPath, type PathSegment } from "./path-syntax.js";

export { Json5SyntaxError, parseJson5 } from "./json5-document.js";

/** Returns `text` with the value at `path` replaced or created; everything else byte for byte as it was. */
export function setJson5Value(text: string, path: readonly PathSegment[], value: unknown): string {
  const { bom, body } = splitBom(text);
  if (body.trim() === "") return bom + serialize(buildNested(path, value), styleForEmpty(body), "") + "\n";
  const doc = parseDoc(body);
  let node: ValueNode = doc.ast.body;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (node.type === "Object" && typeof segment === "string") {
      const member = findMember(node, segment);
      if (!member) return bom + insertEntry(doc, node, memberText(doc, node, segment, buildNested(path.slice(i + 1), value)));
      node = member.value;
    } else if (node.type === "Array" && typeof segment === "number") {
      if (segment < node.elements.length) node = node.elements[segment]!.value;
      else if (segment === node.elements.length) {
        const element = serialize(buildNested(path.slice(i + 1), value), doc, entryIndent(doc, node));
        return bom + insertEntry(doc, node, element);
      } else {
        throw new CliError(`cannot set ${formatConfigPath(path)}: index ${segment} is past the end of ${describeAt(path, i)} (length ${node.elements.length})`, {
          fix: `add an entry at the end: ${cmd(`config set ${formatConfigPath([...path.slice(0, i), node.elements.length, ...path.slice(i + 1)])} <value>`)}`,
        });
      }
    } else {
      throw new CliError(`cannot set ${formatConfigPath(path)}: ${describeAt(path, i)} is ${describeNode(node)}, not ${typeof segment === "number" ? "an array" : "an object"}`, {
        fix: i === 0 ? "the config root must be an object: fix the file" : `see what is there: ${cmd(`config get ${formatConfigPath(path.slice(0, i))}`)}; to replace it, set it whole: ${cmd(`config set ${formatConfigPath(path.slice(0, i))} <value>`)}`,
      });
    }
  }
  return bom + replaceNode(doc, node, value);
}

/** Returns `text` without the value at `path`, or null when there is no such value. */
export function deleteJson5Value(text: string, path: readonly PathSegment[]): string | null {
  if (path.length === 0) throw new CliError("cannot unset the whole config", { fix: `unset a key inside it, e.g. ${cmd("config unset models.bedrockDiscovery")}` });
  const { bom, body } = splitBom(text);
  if (body.trim() === "") return null;
  const doc = parseDoc(body);
  let node: ValueNode = doc.ast.body;
  for (let i = 0; i < path.length - 1; i++) {
    const child = childOf(node, path[i]!);
    if (!child) return null;
    node = child;
  }
  const last = path[path.length - 1]!;
  if (node.type === "Object" && typeof last === "string") {
    const member = findMember(node, last);
    return member ? bom + removeEntry(doc, node, node.members, member) : null;
  }
  if (node.type === "Array" && typeof last === "number" && last < node.elements.length) {
    return bom + removeEntry(doc, node, node.elements, node.elements[last]!);
  }
  return null;
}

function childOf(node: ValueNode, segment: PathSegment): ValueNode | undefined {
  if (node.type === "Object" && typeof segment === "string") return findMember(node, segment)?.value;
  if (node.type === "Array" && typeof segment === "number") return node.elements[segment]?.value;
  return undefined;
}

// ---- insert ---------------------------------------------------------------------------------

function memberText(doc: Doc, container: ObjectNode, key: string, value: unknown): string {
  const indent = entryIndent(doc, container);
  return `${quoteKey(key, keyStyle(doc, container))}${separatorStyle(doc, container)}${serialize(value, doc, indent)}`;
}

function insertEntry(doc: Doc, container: Container, entryText: string): string {
  const { text, eol } = doc;
  const entries: Entry[] = container.type === "Object" ? container.members : container.elements;
  const [open, close] = container.range;
  if (entries.length === 0) {
    const inner = text.slice(open + 1, close - 1);
    const containerIndent = indentAt(text, open);
    if (inner.trim() === "" && (sameLine(text, open, close) || !inner.includes("\n"))) {
      if (container.type === "Array" && !entryText.includes("\n")) return splice(text, open + 1, close - 1, entryText);
      const indent = containerIndent + doc.indentUnit;
      return splice(text, open + 1, close - 1, `${eol}${indent}${entryText}${doc.trailingCommas ? "," : ""}${eol}${containerIndent}`);
    }
    // Only comments or blank lines inside: add the entry just above the closing bracket.
    const indent = containerIndent + doc.indentUnit;
    const closeLine = lineStart(text, close - 1);
    if (onlyWhitespaceBefore(text, close - 1)) {
      return splice(text, closeLine, closeLine, `${indent}${entryText}${doc.trailingCommas ? "," : ""}${eol}`);
    }
    return splice(text, close - 1, close - 1, `${eol}${indent}${entryText}${eol}${containerIndent}`);
  }
  const last = entries[entries.length - 1]!;
  const lastEnd = last.range[1];
  const after = nextSignificantToken(doc, lastEnd);
  const hasTrailingComma = after?.type === "Comma";
  const inline = sameLine(text, open, lastEnd);
  if (inline) {
    // `{ "a": 1, "b": 2 }` stays on one line.
    return splice(text, lastEnd, lastEnd, `, ${entryText}`);
  }
  let at = hasTrailingComma ? after!.range[1] : lastEnd;
  if (restOfLineIsTrivia(text, at)) at = lineEnd(text, at);
  const indent = indentAt(text, last.range[0]);
  const inserted = `${eol}${indent}${entryText}${hasTrailingComma ? "," : ""}`;
  const withEntry = splice(text, at, at, inserted);
  return hasTrailingComma ? withEntry : splice(withEntry, lastEnd, lastEnd, ",");
}

/** Siblings decide how a new key is quoted; a file's first key decides for new objects. */
function keyStyle(doc: Doc, container: ObjectNode): KeyStyle {
  return container.members[0] ? keyStyleOf(doc.text, container.members[0]) : doc.keyStyle;
}

function separatorStyle(doc: Doc, container: ObjectNode): string {
  const sample = container.members[0] ?? firstMemberAnywhere(doc.ast.body);
  if (!sample) return ": ";
  const between = doc.text.slice(sample.name.range[1], sample.value.range[0]);
  return /^[ \t]*:[ \t]*$/.test(between) ? between : ": ";
}

/** Turns the rest of a path into the value to write: `a.b = 1` under a missing `a` becomes `{ b: 1 }`. */
function buildNested(rest: readonly PathSegment[], value: unknown): unknown {
  let result = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const segment = rest[i]!;
    if (typeof segment === "number") {
      if (segment !== 0) throw new CliError(`cannot create element [${segment}] of a new array: start at [0]`, { fix: "set element [0] first (or the whole array as a JSON5 list), then the next ones in order" });
      result = [result];
    } else result = { [segment]: result };
  }
  return result;
}

// ---- replace and delete ---------------------------------------------------------------------

function replaceNode(doc: Doc, node: ValueNode, value: unknown): string {
  const [start, end] = node.range;
  const quote = node.type === "String" && doc.text[start] === "'" ? "'" : '"';
  const indent = indentAt(doc.text, start);
  return splice(doc.text, start, end, serialize(value, doc, indent, quote));
}

function removeEntry(doc: Doc, container: Container, entries: Entry[], entry: Entry): string {
  const { text } = doc;
  const index = entries.indexOf(entry);
  const [start, end] = entry.range;
  const after = nextSignificantToken(doc, end);
  const comma = after?.type === "Comma" ? after : undefined;
  const previous = index > 0 ? entries[index - 1] : undefined;
  if (entries.length === 1 && !containsComment(doc, container.range)) {
    const [open, close] = container.range;
    return splice(text, open, close, container.type === "Object" ? "{}" : "[]");
  }
  const stop = comma ? comma.range[1] : end;
  let edited: string;
  if (onlyWhitespaceBefore(text, start) && restOfLineIsTrivia(text, stop)) {
    // The entry has its own line(s): remove them whole, with a comment trailing on its last line.
    const from = lineStart(text, start);
    const lineStop = lineEnd(text, stop);
    const to = text.startsWith("\r\n", lineStop) ? lineStop + 2 : text[lineStop] === "\n" ? lineStop + 1 : lineStop;
    edited = splice(text, from, to, "");
  } else {
    const to = comma ? skipBlanks(text, comma.range[1]) : end;
    edited = splice(text, start, to, "");
  }
  if (!comma && previous) {
    // The last entry went, so the comma after the one before it would now be a trailing comma that strict JSON refuses.
    const previousComma = nextSignificantToken(doc, previous.range[1]);
    if (previousComma?.type === "Comma" && previousComma.range[0] < start) {
      // Inline (`{a: 1, b: 2}`), drop ", " with it; on its own line, the comma alone.
      const [c0, c1] = previousComma.range;
      edited = splice(edited, c0, sameLine(text, c0, start) ? start : c1, "");
    }
  }
  return edited;
}

function skipBlanks(text: string, pos: number): number {
  while (text[pos] === " " || text[pos] === "\t") pos++;
  return pos;
}

function containsComment(doc: Doc, [start, end]: [number, number]): boolean {
  return doc.ast.tokens.some((t) => isComment(t) && t.range[0] > start && t.range[1] < end);
}

function describeAt(path: readonly PathSegment[], index: number): string {
  return index === 0 ? "the config root" : formatConfigPath(path.slice(0, index));
}

function describeNode(node: ValueNode): string {
  switch (node.type) {
    case "Object": return "an object";
    case "Array": return "an array";
    case "String": return "a string";
    case "Null": return "null";
    case "Boolean": return "a boolean";
    default: return "a number";
  }
}
