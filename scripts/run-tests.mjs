// Runs every *.test.ts under test/ with node's built-in runner (TypeScript through tsx), after a fresh build.
// `--fast` is not a thing here: the suite is meant to finish within a minute or two as it is.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..");
const only = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith(".test.ts")) found.push(full);
  }
  return found;
}

const build = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const dirs = only.length > 0 ? only : ["test"];
const files = dirs.flatMap((d) => (statSync(path.resolve(root, d)).isDirectory() ? findTests(path.resolve(root, d)) : [path.resolve(root, d)])).sort();
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, NODE_NO_WARNINGS: "1" },
});
process.exit(result.status ?? 1);
