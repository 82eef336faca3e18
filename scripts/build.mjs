// Bundles the CLI into dist/ with esbuild: CommonJS files, one per module that is imported lazily, so a
// command loads only its own code. CommonJS because Node's ESM loader alone costs ~2-3 ms per start.
import { build } from "esbuild";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
rmSync(path.join(root, "dist"), { recursive: true, force: true });

/**
 * Modules the source loads with `await import(...)`: each becomes dist/<name>.cjs, and every import of it
 * stays a require() of that file, loaded only when the code path runs.
 */
const LAZY = {
  "commander-main": "src/commander-main.ts",
  "commands/config-get": "src/commands/config-get.ts",
  "commands/config-set": "src/commands/config-set.ts",
  "commands/config-file": "src/commands/config-file.ts",
  "commands/config-validate": "src/commands/config-validate.ts",
  "commands/models-list": "src/commands/models-list.ts",
  "commands/bedrock-doctor": "src/commands/bedrock-doctor.ts",
  "bedrock/load-sdk": "src/bedrock/load-sdk.ts",
  "config/validate": "src/config/validate.ts",
  "bedrock/fetch-catalog": "src/bedrock/fetch-catalog.ts",
  "bedrock/aws-calls": "src/bedrock/aws-calls.ts",
  "bedrock/credential-provider-files": "src/bedrock/credential-provider-files.ts",
};
const outName = (key) => key.replace(/\//g, "-");

const lazyModules = {
  name: "lazy-modules",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== "dynamic-import" || !args.importer.startsWith(path.join(root, "src"))) return undefined;
      const target = path.relative(path.join(root, "src"), path.resolve(args.resolveDir, args.path)).replace(/\.(js|ts)$/, "");
      if (!(target in LAZY)) throw new Error(`${args.importer}: import("${args.path}") is not listed in LAZY in scripts/build.mjs`);
      return { path: `./${outName(target)}.cjs`, external: true };
    });
  },
};

// commander requires node:child_process at load time (≈2 ms: it pulls in net, stream, dgram) but only uses it
// for executable subcommands, which this CLI has none of: give it a shim that loads the module on first use.
const lazyChildProcessForCommander = {
  name: "lazy-child-process-for-commander",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/commander/`) ? { path: "lazy-child-process", namespace: "shim" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "shim" }, () => ({
      contents: 'module.exports = { spawn: (...args) => require("node:child_process").spawn(...args) };',
      loader: "js",
    }));
  },
};

const entryPoints = { main: "src/main.ts", index: "src/index.ts" };
for (const [key, file] of Object.entries(LAZY)) entryPoints[outName(key)] = file;

await build({
  entryPoints,
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // The AWS SDK's ES module builds tree-shake; its CommonJS builds don't (≈35% more code to load).
  mainFields: ["module", "main"],
  // import() of a lazy module becomes a plain require() of its file.
  supported: { "dynamic-import": false },
  // OPENCLAW_BUILD_DEBUG=1 keeps names readable, for profiling.
  minify: !process.env.OPENCLAW_BUILD_DEBUG,
  legalComments: "none",
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  plugins: [lazyModules, lazyChildProcessForCommander],
  logLevel: "warning",
});

// Types for hosts: the registrar's shape, written by hand (one function; no declaration build needed).
writeFileSync(
  path.join(root, "dist/index.d.ts"),
  '// Mount every openclaw-bedrock command on a host commander program.\nimport type { Command } from "commander";\nexport interface RegisterContext {\n  program: Command;\n}\nexport declare function registerCommands(context: RegisterContext): void;\ndeclare const entry: { registerCommands: typeof registerCommands };\nexport default entry;\n',
);

// The package entry for ESM hosts (OpenClaw is ESM): re-export the CommonJS registrar.
writeFileSync(
  path.join(root, "dist/index.js"),
  '// ESM entry for hosts: mount every command with registerCommands({ program }).\nimport entry from "./index.cjs";\nexport const registerCommands = entry.registerCommands;\nexport default entry;\n',
);
