// A lossless JSON5 parser for the editor: every node's range and every token, comments included, in one
// pass over the text. It reads JSON5 exactly as the json5 package does (OpenClaw's own reader): a
// differential fuzz test holds the two to the same answers. Why not momoa, which did this before: see
// docs/architecture.md (ten times slower on a cold start, and three ways it disagreed with the reader).
import json5Unicode from "json5/lib/util.js";
import { MAX_NESTING } from "./depth.js";

export type Range = [number, number];
export type TokenType = "LBrace" | "RBrace" | "LBracket" | "RBracket" | "Colon" | "Comma" | "String" | "Number" | "Identifier" | "Boolean" | "Null" | "LineComment" | "BlockComment";
export interface Token {
  type: TokenType;
  range: Range;
}

export interface StringNode { type: "String"; value: string; range: Range }
/** NaN and ±Infinity are numbers too. */
export interface NumberNode { type: "Number"; value: number; range: Range }
export interface BooleanNode { type: "Boolean"; value: boolean; range: Range }
export interface NullNode { type: "Null"; range: Range }
/** An unquoted key. */
export interface IdentifierNode { type: "Identifier"; name: string; range: Range }
/** `name: value`; its range runs from the name to the end of the value. */
export interface MemberNode { type: "Member"; name: StringNode | IdentifierNode; value: ValueNode; range: Range }
/** An array entry; its range is its value's. */
export interface ElementNode { type: "Element"; value: ValueNode; range: Range }
export interface ObjectNode { type: "Object"; members: MemberNode[]; range: Range }
export interface ArrayNode { type: "Array"; elements: ElementNode[]; range: Range }
export type ValueNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;
export interface DocumentNode {
  body: ValueNode;
  /** Every token in text order, comments included. */
  tokens: Token[];
}

/** A syntax error in the text, with where it is (1-based line and column). */
export class Json5SyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = "Json5SyntaxError";
  }
}

export function parseDocument(text: string): DocumentNode {
  return new Parser(text).document();
}

/** A member's key, quoted or not. */
export function memberKey(member: MemberNode): string {
  return member.name.type === "Identifier" ? member.name.name : member.name.value;
}

export function isComment(token: Token): boolean {
  return token.type === "LineComment" || token.type === "BlockComment";
}

/** The plain value of a node. Keys are own properties, `__proto__` included, and the last duplicate wins. */
export function evaluate(node: ValueNode): unknown {
  switch (node.type) {
    case "Object": {
      const result: Record<string, unknown> = {};
      for (const member of node.members) {
        Object.defineProperty(result, memberKey(member), { value: evaluate(member.value), writable: true, enumerable: true, configurable: true });
      }
      return result;
    }
    case "Array":
      return node.elements.map((element) => evaluate(element.value));
    case "Null":
      return null;
    default:
      return node.value;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "'": "'", '"': '"', "\\": "\\" };

class Parser {
  private i = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly text: string) {}

  document(): DocumentNode {
    this.skipTrivia();
    const body = this.value(0);
    this.skipTrivia();
    if (this.i < this.text.length) this.fail();
    return { body, tokens: this.tokens };
  }

  private value(depth: number): ValueNode {
    const { text } = this;
    const c = text.charCodeAt(this.i);
    switch (c) {
      case 0x7b: // {
        return this.object(depth);
      case 0x5b: // [
        return this.array(depth);
      case 0x22: // "
      case 0x27: // '
        return this.string();
      case 0x74: // t
        return this.literal("true", "Boolean", true);
      case 0x66: // f
        return this.literal("false", "Boolean", false);
      case 0x6e: // n
        return this.literal("null", "Null", null);
      default:
        if (isDigit(c) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x49 || c === 0x4e) return this.number();
        return this.fail();
    }
  }

  private object(depth: number): ObjectNode {
    const start = this.enter(depth, "LBrace");
    const members: MemberNode[] = [];
    this.skipTrivia();
    while (this.text.charCodeAt(this.i) !== 0x7d) {
      const name = this.key();
      this.skipTrivia();
      this.expect(0x3a, "Colon");
      this.skipTrivia();
      const value = this.value(depth + 1);
      members.push({ type: "Member", name, value, range: [name.range[0], value.range[1]] });
      if (!this.separator(0x7d)) break;
    }
    this.expect(0x7d, "RBrace");
    return { type: "Object", members, range: [start, this.i] };
  }

  private array(depth: number): ArrayNode {
    const start = this.enter(depth, "LBracket");
    const elements: ElementNode[] = [];
    this.skipTrivia();
    while (this.text.charCodeAt(this.i) !== 0x5d) {
      const value = this.value(depth + 1);
      elements.push({ type: "Element", value, range: value.range });
      if (!this.separator(0x5d)) break;
    }
    this.expect(0x5d, "RBracket");
    return { type: "Array", elements, range: [start, this.i] };
  }

  /** Opens a container, refusing to nest deeper than any reader of the config accepts. */
  private enter(depth: number, type: TokenType): number {
    if (depth >= MAX_NESTING) this.fail(`the file nests deeper than ${MAX_NESTING} levels`);
    const start = this.i++;
    this.tokens.push({ type, range: [start, this.i] });
    return start;
  }

  /** After an entry: a comma (a trailing one allowed) means another entry may follow; anything else ends the list. */
  private separator(close: number): boolean {
    this.skipTrivia();
    if (this.text.charCodeAt(this.i) !== 0x2c) return false;
    this.tokens.push({ type: "Comma", range: [this.i, ++this.i] });
    this.skipTrivia();
    return this.text.charCodeAt(this.i) !== close;
  }

  private expect(code: number, type: TokenType): void {
    if (this.text.charCodeAt(this.i) !== code) this.fail();
    this.tokens.push({ type, range: [this.i, ++this.i] });
  }

  private key(): StringNode | IdentifierNode {
    const c = this.text.charCodeAt(this.i);
    if (c === 0x22 || c === 0x27) return this.string();
    const start = this.i;
    let name = this.identifierChar(true);
    for (;;) {
      const part = this.identifierChar(false);
      if (part === undefined) break;
      name += part;
    }
    const range: Range = [start, this.i];
    this.tokens.push({ type: "Identifier", range });
    return { type: "Identifier", name: name!, range };
  }

  /** One character of an identifier (an escape included), or undefined where the identifier ends. */
  private identifierChar(first: true): string;
  private identifierChar(first: false): string | undefined;
  private identifierChar(first: boolean): string | undefined {
    const { text } = this;
    const start = this.i;
    let char: string;
    let escaped = false;
    if (text.charCodeAt(start) === 0x5c) {
      if (text.charCodeAt(start + 1) !== 0x75) this.fail(undefined, start + 1); // only \uXXXX
      this.i = start + 2;
      char = String.fromCharCode(this.hex(4));
      escaped = true;
    } else {
      const code = text.codePointAt(start);
      if (code === undefined) return first ? this.fail() : undefined;
      char = String.fromCodePoint(code);
    }
    const ok = first ? isIdStart(char) : isIdStart(char) || isIdContinue(char);
    if (!ok) {
      if (escaped || first) this.fail(escaped ? `invalid identifier character` : undefined, start);
      return undefined;
    }
    if (!escaped) this.i = start + char.length;
    return char;
  }

  private string(): StringNode {
    const { text } = this;
    const start = this.i;
    const quote = text.charCodeAt(start);
    let value = "";
    let from = ++this.i;
    for (;;) {
      if (this.i >= text.length) this.fail();
      const c = text.charCodeAt(this.i);
      if (c === quote) break;
      if (c === 0x0a || c === 0x0d) this.fail();
      if (c === 0x5c) {
        value += text.slice(from, this.i);
        this.i++;
        value += this.escape();
        from = this.i;
      } else this.i++;
    }
    value += text.slice(from, this.i);
    this.i++;
    const range: Range = [start, this.i];
    this.tokens.push({ type: "String", range });
    return { type: "String", value, range };
  }

  /** The character an escape stands for (after its backslash); line continuations stand for nothing. */
  private escape(): string {
    const { text } = this;
    if (this.i >= text.length) this.fail();
    const c = text[this.i]!;
    this.i++;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    switch (c) {
      case "0":
        if (isDigit(text.charCodeAt(this.i))) this.fail();
        return "\0";
      case "x":
        return String.fromCharCode(this.hex(2));
      case "u":
        return String.fromCharCode(this.hex(4));
      case "\r":
        if (text.charCodeAt(this.i) === 0x0a) this.i++;
        return "";
      case "\n":
      case "\u2028":
      case "\u2029":
        return "";
      default:
        if (c >= "1" && c <= "9") this.fail(undefined, this.i - 1);
        return c;
    }
  }

  private hex(count: number): number {
    const { text } = this;
    let value = 0;
    for (let k = 0; k < count; k++) {
      const digit = hexValue(text.charCodeAt(this.i));
      if (digit < 0) this.fail();
      value = value * 16 + digit;
      this.i++;
    }
    return value;
  }

  private number(): NumberNode {
    const { text } = this;
    const start = this.i;
    let sign = 1;
    let c = text.charCodeAt(this.i);
    if (c === 0x2d || c === 0x2b) {
      if (c === 0x2d) sign = -1;
      c = text.charCodeAt(++this.i);
    }
    let value: number;
    if (c === 0x49) value = this.word("Infinity", Infinity);
    else if (c === 0x4e) value = this.word("NaN", NaN);
    else if (c === 0x30 && (text.charCodeAt(this.i + 1) | 0x20) === 0x78) {
      const digits = (this.i += 2);
      while (hexValue(text.charCodeAt(this.i)) >= 0) this.i++;
      if (this.i === digits) this.fail();
      value = Number(text.slice(digits - 2, this.i));
    } else {
      const digits = this.i;
      // A leading zero is a whole integer part: `01` is a zero followed by an unexpected `1`.
      const integer = c === 0x30 ? ++this.i - digits : this.digits();
      let fraction = 0;
      if (text.charCodeAt(this.i) === 0x2e) {
        this.i++;
        fraction = this.digits();
      }
      if (integer === 0 && fraction === 0) this.fail();
      if ((text.charCodeAt(this.i) | 0x20) === 0x65) {
        c = text.charCodeAt(++this.i);
        if (c === 0x2b || c === 0x2d) this.i++;
        if (this.digits() === 0) this.fail();
      }
      value = Number(text.slice(digits, this.i));
    }
    const range: Range = [start, this.i];
    this.tokens.push({ type: "Number", range });
    return { type: "Number", value: sign * value, range };
  }

  private digits(): number {
    const from = this.i;
    while (isDigit(this.text.charCodeAt(this.i))) this.i++;
    return this.i - from;
  }

  private word<T>(word: string, value: T): T {
    for (let k = 0; k < word.length; k++) {
      if (this.text.charCodeAt(this.i) !== word.charCodeAt(k)) this.fail();
      this.i++;
    }
    return value;
  }

  private literal<T extends boolean | null>(word: string, type: "Boolean" | "Null", value: T): BooleanNode | NullNode {
    const start = this.i;
    this.word(word, value);
    const range: Range = [start, this.i];
    this.tokens.push({ type, range });
    return type === "Null" ? { type, range } : { type, value: value as boolean, range };
  }

  /** Whitespace and comments; comments are kept as tokens. */
  private skipTrivia(): void {
    const { text } = this;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else if (c === 0x2f) {
        const start = this.i;
        const next = text.charCodeAt(start + 1);
        if (next === 0x2f) {
          this.i += 2;
          while (this.i < text.length && !isLineTerminator(text.charCodeAt(this.i))) this.i++;
          this.tokens.push({ type: "LineComment", range: [start, this.i] });
        } else if (next === 0x2a) {
          const close = text.indexOf("*/", start + 2);
          if (close === -1) this.fail(undefined, text.length);
          this.i = close + 2;
          this.tokens.push({ type: "BlockComment", range: [start, this.i] });
        } else this.fail(undefined, start + 1);
      } else if (isOtherWhitespace(c)) this.i++;
      else return;
    }
  }

  /** Throws the reader's kind of message: the character found where it was not expected, or the end. */
  private fail(message?: string, at = this.i): never {
    const { text } = this;
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(k + 1) !== 0x0a) || c === 0x2028 || c === 0x2029) {
        line++;
        lineStart = k + 1;
      }
    }
    const found = text.codePointAt(at);
    const reason = message ?? (found === undefined ? "invalid end of input" : `invalid character '${JSON.stringify(String.fromCodePoint(found)).slice(1, -1)}'`);
    throw new Json5SyntaxError(reason, line, at - lineStart + 1);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** JSON5 whitespace beyond space, tab and line ends: VT, FF, NBSP, BOM, LS, PS and Unicode's space separators (Zs). */
function isOtherWhitespace(c: number): boolean {
  return (
    c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 ||
    c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

// Keys: ECMAScript 5 identifiers. ASCII is decided here; anything else by the json5 package's own Unicode
// tables, so both parsers agree on exactly which keys need quotes.
function isIdStart(char: string): boolean {
  const c = char.charCodeAt(0);
  if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) return true;
  if (c === 0x24 || c === 0x5f) return true;
  return c > 0x7f && json5Unicode.isIdStartChar(char);
}

function isIdContinue(char: string): boolean {
  const c = char.charCodeAt(0);
  if (isDigit(c)) return true;
  return c > 0x7f && json5Unicode.isIdContinueChar(char);
}
