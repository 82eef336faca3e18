// Tool names as Bedrock takes them ([a-zA-Z0-9_-]{1,64}) and back: each OpenClaw name gets one distinct Bedrock
// name, so two names that sanitize alike never collide and a tool call always maps back to the tool it names.

const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

export class ToolNames {
  private readonly out = new Map<string, string>();
  private readonly back = new Map<string, string>();

  constructor(names: readonly string[]) {
    // Valid names first, so they keep their own spelling and sanitized ones step around them.
    for (const name of names) if (VALID.test(name)) this.toBedrock(name);
    for (const name of names) this.toBedrock(name);
  }

  toBedrock(name: string): string {
    const known = this.out.get(name);
    if (known) return known;
    const base = VALID.test(name) ? name : name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "tool";
    let candidate = base;
    for (let n = 2; this.back.has(candidate); n++) candidate = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    this.out.set(name, candidate);
    this.back.set(candidate, name);
    return candidate;
  }

  /** OpenClaw's name for a name the model used (unknown names are returned as they are). */
  fromBedrock(name: string): string {
    return this.back.get(name) ?? name;
  }
}

/**
 * Tool-call ids as Bedrock takes them ([a-zA-Z0-9_-]{1,64}; other providers write `call_1|fc_2` or longer ids):
 * each id gets one distinct Bedrock id, the same for the call and its result, and maps back.
 */
export class ToolIds {
  private readonly out = new Map<string, string>();
  private readonly back = new Map<string, string>();

  toBedrock(id: string): string {
    const known = this.out.get(id);
    if (known) return known;
    const base = VALID.test(id) ? id : id.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "tooluse";
    let candidate = base;
    for (let n = 2; this.back.has(candidate) && this.back.get(candidate) !== id; n++) candidate = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
    this.out.set(id, candidate);
    this.back.set(candidate, id);
    return candidate;
  }

  /** OpenClaw's id for an id the model used (its own new ids are returned as they are). */
  fromBedrock(id: string): string {
    return this.back.get(id) ?? id;
  }
}
