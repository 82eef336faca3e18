// Runs every *.test.ts under test/ (or the folders and files named) with node's built-in runner (TypeScript
// through tsx), after a fresh build; then prints the fault suite's figures: `faults: N scenarios, N passed`.
// FAULTS_FULL=1 (npm run test:faults) runs the fault suite at full scale. test/hosts/ (older OpenClaw releases,
// over a GB each) runs only when named: `npm run test:hosts`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..");
const only = process.argv.slice(2);

function findTests(dir, skip = []) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (skip.includes(full)) continue;
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (name.endsWith(".test.ts")) found.push(full);
  }
  return found;
}

const build = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const hostsDir = path.join(root, "test", "hosts");
const dirs = only.length > 0 ? only : ["test"];
const files = dirs.flatMap((d) => (statSync(path.resolve(root, d)).isDirectory() ? findTests(path.resolve(root, d), only.length > 0 ? [] : [hostsDir]) : [path.resolve(root, d)])).sort();

// The tests in test/openclaw/ run the real OpenClaw 2026.9.6, those in test/hosts/ older releases too: install
// the ones needed (and their Node) into the cache once, one after another, before the test files that share
// them start, instead of racing to download them from two of them.
const needsHost = files.some((file) => file.includes(`${path.sep}test${path.sep}openclaw${path.sep}`));
const needsHosts = files.some((file) => file.startsWith(hostsDir + path.sep));
if (needsHost || needsHosts) {
  const host = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/openclaw-host.ts"), ...(needsHosts ? ["--tested"] : [])], { stdio: ["ignore", "ignore", "inherit"], cwd: root });
  if (host.status !== 0) {
    process.stderr.write("could not install the OpenClaw host for test/openclaw (see above)\n");
    process.exit(host.status ?? 1);
  }
}
const reportDir = mkdtempSync(path.join(os.tmpdir(), "openclaw-faults-"));
const report = path.join(reportDir, "scenarios.jsonl");
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], {
  stdio: "inherit",
  cwd: root,
  env: { ...process.env, NODE_NO_WARNINGS: "1", FAULTS_REPORT: report },
});
if (existsSync(report)) {
  const scenarios = readFileSync(report, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
  const passed = scenarios.filter((s) => s.ok).length;
  const failed = scenarios.length - passed;
  for (const s of scenarios.filter((x) => !x.ok)) process.stdout.write(`fault scenario failed: ${s.suite} / ${s.name}: ${s.detail ?? ""}\n`);
  process.stdout.write(`faults: ${scenarios.length} scenarios, ${passed} passed${failed ? `, ${failed} failed` : ""}\n`);
}
rmSync(reportDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
