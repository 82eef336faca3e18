// Bundles the CLI into dist/ with esbuild: CommonJS files, one per module that is imported lazily, so a
// command loads only its own code. CommonJS because Node's ESM loader alone costs ~2-3 ms per start.
import { build } from "esbuild";
import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
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
  "commands/config-migrate": "src/commands/config-migrate.ts",
  "commands/models-list": "src/commands/models-list.ts",
  "commands/bedrock-doctor": "src/commands/bedrock-doctor.ts",
  "config/validate": "src/config/validate.ts",
  "bedrock/fetch-catalog": "src/bedrock/fetch-catalog.ts",
  "doctor/aws-calls": "src/doctor/aws-calls.ts",
  "aws/credential-provider-files": "src/aws/credential-provider-files.ts",
  "aws/credential-process": "src/aws/credential-process.ts",
  "aws/proxy-agents": "src/aws/proxy-agents.ts",
  "plugin/catalog": "src/plugin/catalog.ts",
  "plugin/cli": "src/plugin/cli.ts",
  "plugin/prepare-model": "src/plugin/prepare-model.ts",
  "plugin/embedding-provider": "src/plugin/embedding-provider.ts",
  "bedrock/get-inference-profile": "src/bedrock/get-inference-profile.ts",
  "transport/stream-fn": "src/transport/stream-fn.ts",
};
const outName = (key) => key.replace(/\//g, "-");

/**
 * What each bundle may weigh (KB): start-up is module loading, so a bundle that grows is a slower command.
 * About a tenth above the sizes of December 2026 (docs/performance.md); the build fails past them.
 */
const BUNDLE_BUDGET_KB = {
  "main.cjs": 16,
  "commands-config-get.cjs": 40,
  "commands-config-set.cjs": 80,
  "commands-models-list.cjs": 110,
  "commands-bedrock-doctor.cjs": 120,
  "plugin.cjs": 40,
  "plugin-catalog.cjs": 70,
  "bedrock-fetch-catalog.cjs": 230,
  "bedrock-get-inference-profile.cjs": 230,
  "doctor-aws-calls.cjs": 340,
  "transport-stream-fn.cjs": 320,
  "plugin-embedding-provider.cjs": 320,
  "aws-credential-provider-files.cjs": 330,
  "aws-credential-process.cjs": 30,
  "bedrock-lazy-credential-provider-node.cjs": 310,
  "bedrock-lazy-token-providers.cjs": 215,
};

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
// to run executable subcommands (`program.command("name", "description")` with a file per command), which this
// CLI has none of. Its bundle gets a stand-in that says so instead: no child_process at all, so the install-time
// code scanners of OpenClaw (which see every file of the package, this one included) find nothing to flag.
const noChildProcessForCommander = {
  name: "no-child-process-for-commander",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/commander/`) ? { path: "commander-spawn", namespace: "shim" } : undefined,
    );
    b.onLoad({ filter: /^commander-spawn$/, namespace: "shim" }, () => ({
      contents: 'module.exports = { spawn() { throw new Error("openclaw-bedrock has no executable subcommands"); } };',
      loader: "js",
    }));
  },
};

// Trimming the AWS SDK bundles: code that never runs in this CLI still costs start-up time (reading, code-cache
// deserialisation, module initialisation, memory). Each shim below keeps the SDK's behaviour.

/**
 * SDK packages the clients import for a fallback this CLI rarely reaches: each becomes its own bundle, and the
 * client gets a stand-in whose factories load it on first use. Every export used is a factory
 * (`defaultProvider(init)` returns a provider), so the stand-in defers both the factory and the load.
 * - the default credential chain (SSO, INI, process, web identity, and the STS/SSO clients behind them):
 *   used only by a client made without credentials, which happens only when none were detected;
 * - the bearer-token chain: used only when no token is given, and its SSO part reads `fs.promises` when
 *   loaded, which pulls in readline and more.
 */
const LAZY_SDK = {
  "@aws-sdk/credential-provider-node": ["defaultProvider"],
  "@aws-sdk/token-providers": ["fromEnvSigningName", "nodeProvider"],
};
const lazySdkBundle = (pkg) => `bedrock-lazy-${pkg.split("/")[1]}`;
const clientDir = path.join(root, "node_modules/@aws-sdk/client-bedrock-runtime");

/**
 * How often each rewrite applied in this build. A rewrite whose pattern an SDK upgrade no longer matches would
 * otherwise fail silently (the bundles just grow, or a fallback loads eagerly): the build checks every count.
 */
const applied = { lazyStandIn: new Set(), schemaKeys: 0, processStandIn: 0, fsPromises: 0 };

const trimAwsSdk = {
  name: "trim-aws-sdk",
  setup(b) {
    const lazyFilter = new RegExp(`^(${Object.keys(LAZY_SDK).map((p) => p.replace(/[/-]/g, "\\$&")).join("|")})$`);
    b.onResolve({ filter: lazyFilter }, (args) =>
      /node_modules\/@aws-sdk\/client-[a-z-]+\/dist-es\/runtimeConfig\.js$/.test(args.importer) ? { path: args.path, namespace: "lazy-sdk-stand-in" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-sdk-stand-in" }, (args) => (applied.lazyStandIn.add(args.path), {
      contents: [
        `let loaded; const load = () => (loaded ??= require("./${lazySdkBundle(args.path)}.cjs"));`,
        ...LAZY_SDK[args.path].map((name) => `export const ${name} = (...init) => { let made; return (...args) => (made ??= load().${name}(...init))(...args); };`),
      ].join("\n"),
      loader: "js",
    }));
    // The lazily loaded packages themselves, resolved where the clients resolve them.
    b.onResolve({ filter: /^lazy-sdk-bundle:/ }, (args) => ({ path: args.path.slice("lazy-sdk-bundle:".length), namespace: "lazy-sdk-bundle" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-sdk-bundle" }, (args) => ({ contents: `export * from "${args.path}";`, resolveDir: clientDir, loader: "js" }));
    b.onResolve({ filter: /^\.\/(bedrock-[a-z0-9-]+|aws-credential-process)\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    // The clients' generated schema files (every shape of the service, ≈600 for the Bedrock control plane) write
    // traits with computed keys, `{ [_e]: _c }`, which esbuild must assume could run code: it keeps every shape.
    // The keys are string constants declared in the same file; written out, esbuild drops the shapes no
    // operation of ours uses (client-bedrock: 79 KB -> 8 KB).
    b.onLoad({ filter: /node_modules\/@aws-sdk\/[^/]+\/dist-es\/(submodules\/[^/]+\/)?schemas\/schemas_\d+\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const constants = new Map([...source.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map((m) => [m[1], m[2]]));
      const contents = source.replace(/(?<=[{,]\s*)\[(_\w+)\]:/g, (key, name) => (constants.has(name) ? (applied.schemaKeys++, `${constants.get(name)}:`) : key));
      return { contents, loader: "js" };
    });
    // A profile's credential_process runs a program (as the AWS CLI does): the only code of this package that starts
    // one. The SDK's own provider for it (which fromIni and the default chain import on first use) is bundled once,
    // into the module that holds ours (src/aws/credential-process.ts), so exactly one file uses child_process.
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-process$/ }, (args) => (args.importer.includes("node_modules") ? { path: args.path, namespace: "credential-process-stand-in" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "credential-process-stand-in" }, () => (applied.processStandIn++, {
      contents: 'let loaded; const load = () => (loaded ??= require("./aws-credential-process.cjs"));\nexport const fromProcess = (...init) => { let made; return (...args) => (made ??= load().fromProcess(...init))(...args); };',
      loader: "js",
    }));
    // bowser parses browser user agents; the SDK imports it dynamically on a browser-only path.
    b.onResolve({ filter: /^bowser$/ }, (args) => ({ path: args.path, external: true }));
    // The SDK only ever calls readFile from node:fs/promises; the real module pulls in readline and more (≈0.5 ms).
    // Only the SDK's own imports get the shim: another package may need the whole module.
    b.onResolve({ filter: /^(node:)?fs\/promises$/ }, (args) =>
      /node_modules\/@(aws-sdk|smithy)\//.test(args.importer) ? (applied.fsPromises++, { path: "fs-promises", namespace: "shim" }) : undefined,
    );
    b.onLoad({ filter: /^fs-promises$/, namespace: "shim" }, () => ({
      contents:
        'import { readFile as readFileWithCallback } from "node:fs";\nexport function readFile(path, options) { return new Promise((resolve, reject) => readFileWithCallback(path, options, (error, data) => (error ? reject(error) : resolve(data)))); }\nexport default { readFile };',
      loader: "js",
    }));
  },
};

const entryPoints = { main: "src/main.ts", index: "src/index.ts", plugin: "src/plugin/index.ts" };
for (const [key, file] of Object.entries(LAZY)) entryPoints[outName(key)] = file;
for (const pkg of Object.keys(LAZY_SDK)) entryPoints[lazySdkBundle(pkg)] = `lazy-sdk-bundle:${pkg}`;

const result = await build({
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
  // OPENCLAW_BUILD_DEBUG=1 keeps names readable, for profiling, and writes dist/metafile.json: what each
  // bundle holds, byte by byte (esbuild's analyzer reads it).
  minify: !process.env.OPENCLAW_BUILD_DEBUG,
  metafile: Boolean(process.env.OPENCLAW_BUILD_DEBUG),
  legalComments: "none",
  // ASCII output (esbuild's default, stated because the code cache and loaders rely on one-byte sources).
  charset: "ascii",
  // import.meta.dirname (the source, run as ESM by tsx) is __dirname in these CommonJS bundles.
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version), "import.meta.dirname": "__dirname" },
  plugins: [lazyModules, noChildProcessForCommander, trimAwsSdk],
  logLevel: "warning",
});

// Every rewrite of the SDK must still apply (see `applied`), and no bundle may outgrow its budget.
const missed = [
  ...Object.keys(LAZY_SDK).filter((pkg) => !applied.lazyStandIn.has(pkg)).map((pkg) => `the lazy stand-in for ${pkg} (the clients' runtimeConfig no longer imports it where the filter looks)`),
  ...(applied.schemaKeys === 0 ? ["the schema trait keys (the generated schemas are written differently now)"] : []),
  ...(applied.processStandIn === 0 ? ["the credential_process stand-in (@aws-sdk/credential-provider-process is imported differently now)"] : []),
  ...(applied.fsPromises === 0 ? ["the fs/promises shim (the SDK no longer imports node:fs/promises)"] : []),
];
const overBudget = Object.entries(BUNDLE_BUDGET_KB).flatMap(([file, kb]) => {
  const size = statSync(path.join(root, "dist", file)).size;
  return size > kb * 1024 ? [`dist/${file} is ${Math.round(size / 1024)} KB, over its ${kb} KB budget`] : [];
});
if (missed.length > 0 || overBudget.length > 0) {
  for (const line of missed) process.stderr.write(`build: a rewrite of the AWS SDK no longer applies: ${line}; see trimAwsSdk in scripts/build.mjs\n`);
  for (const line of overBudget) process.stderr.write(`build: ${line}; see docs/performance.md before raising it (BUNDLE_BUDGET_KB in scripts/build.mjs)\n`);
  process.exit(1);
}

// OpenClaw's loader takes the module's export as the plugin: the entry exports it as module.exports itself
// (and as .default, for loaders that look there).
appendFileSync(path.join(root, "dist/plugin.cjs"), "module.exports=Object.assign(module.exports.default,{default:module.exports.default});\n");

if (result.metafile) writeFileSync(path.join(root, "dist/metafile.json"), JSON.stringify(result.metafile));

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
