// How the user types this tool's commands where it runs, for fix lines: `openclaw-bedrock …` standalone,
// `openclaw …` inside OpenClaw, where the plugin's commands live under `openclaw bedrock`.

export type Face = "standalone" | "openclaw";

// Kept on globalThis: every bundle has its own copy of this module, and the face is one per process.
const KEY = Symbol.for("openclaw-bedrock.face");
type FaceHolder = { [KEY]?: Face };

export function setFace(face: Face): void {
  (globalThis as FaceHolder)[KEY] = face;
}

export function currentFace(): Face {
  return (globalThis as FaceHolder)[KEY] ?? "standalone";
}

/**
 * A command of this tool as it is typed here, from its standalone words: `cmd("models list --all")` is
 * `openclaw-bedrock models list --all` standalone and `openclaw bedrock models --all` inside OpenClaw (whose
 * own `config` commands validate the plugin's options through its schema).
 */
export function cmd(words: string): string {
  if (currentFace() === "standalone") return `openclaw-bedrock ${words}`;
  const list = /^models list\b(.*)$/.exec(words);
  if (list) return `openclaw bedrock models${list[1]!.replace(/ --provider amazon-bedrock\b/, "")}`;
  // A host that runs this plugin reads the discovery options only under the plugin's entry (2026.4.5 and later).
  const inHost = words.replace(/\bmodels\.bedrockDiscovery\./g, "plugins.entries.amazon-bedrock.config.discovery.");
  return `openclaw ${inHost.replace(/(^bedrock doctor\b.*) --profile /, "$1 --aws-profile ")}`;
}
