// The layering of src/, as docs/architecture.md draws it, held on the real import graph: every import points down
// (or stays in its layer), and no module imports itself round a circle. The graph is esbuild's (the bundler this
// project builds with) for what runs, plus every `import type` (erased at build time, still an arrow for readers).
// dependency-cruiser and madge can't parse TypeScript 7, which this project type-checks with.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { repoRoot } from "../helpers/cli.ts";

/** Highest first: a module may import from its own layer and the ones below it. */
export const LAYERS: { name: string; paths: RegExp }[] = [
  { name: "faces", paths: /^src\/(main|fast-path|commander-main|index|cli|command-specs|compile-cache)\.ts$|^src\/plugin\// },
  { name: "commands", paths: /^src\/commands\// },
  { name: "output", paths: /^src\/output\// },
  { name: "doctor, models", paths: /^src\/(doctor|models)\// },
  { name: "transport, embeddings", paths: /^src\/(transport|embeddings)\// },
  { name: "bedrock", paths: /^src\/bedrock\// },
  { name: "aws", paths: /^src\/aws\// },
  { name: "config, state, host, text", paths: /^src\/(config|state|host|text)\/|^src\/(errors|runtime)\.ts$/ },
];

const layerOf = (file: string) => LAYERS.findIndex((layer) => layer.paths.test(file));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** src/a.ts -> the src/ files it imports (values through esbuild, types by their `import type` lines). */
async function importGraph(): Promise<Map<string, Set<string>>> {
  const files = sourceFiles(path.join(repoRoot, "src"));
  const result = await build({ entryPoints: files, bundle: true, write: false, metafile: true, packages: "external", platform: "node", format: "esm", outdir: path.join(repoRoot, ".scratch", "layers"), absWorkingDir: repoRoot, logLevel: "silent" });
  const graph = new Map<string, Set<string>>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    if (file.startsWith("src/")) graph.set(file, new Set(input.imports.map((i) => i.path).filter((p) => p.startsWith("src/"))));
  }
  for (const file of files) {
    const from = path.relative(repoRoot, file);
    for (const match of fs.readFileSync(file, "utf8").matchAll(/^(?:import|export) type [^;]*? from "(\.\.?\/[^"]+)\.js";$/gm)) {
      graph.get(from)?.add(path.relative(repoRoot, path.resolve(path.dirname(file), `${match[1]}.ts`)));
    }
  }
  return graph;
}

const graph = await importGraph();

test("the import graph covers every module of src/, each in a layer", () => {
  assert.ok(graph.size >= sourceFiles(path.join(repoRoot, "src")).length - 1, `${graph.size} modules`);
  assert.deepEqual([...graph.keys()].filter((file) => layerOf(file) === -1), [], "a module outside every layer: add its folder to LAYERS and docs/architecture.md");
});

test("every import points down a layer or stays in its own: 0 arrows back up", () => {
  const up: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) if (layerOf(to) < layerOf(from)) up.push(`${from} (${LAYERS[layerOf(from)]!.name}) -> ${to} (${LAYERS[layerOf(to)]!.name})`);
  }
  assert.deepEqual(up, []);
});

test("no import cycles", () => {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
      return;
    }
    state.set(file, "open");
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(cycles, []);
});

test("bedrock/ holds Bedrock only: no AWS plumbing (credentials, shared files, IMDS, proxies, SDK loading) lives there", () => {
  const plumbing = [...graph.keys()].filter((file) => /^src\/bedrock\/(aws-|credential|imds|proxy|load-sdk|region|timeouts|call-results)/.test(file));
  assert.deepEqual(plumbing, []);
});
