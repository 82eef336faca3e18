import { test, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import JSON5 from "json5";
import { makeSandbox, runCli, fixturesDir, type Sandbox } from "../helpers/cli.ts";

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

const commented = fs.readFileSync(path.join(fixturesDir, "openclaw-configs/02-bedrock-discovery-example.json5"), "utf8");
const withComments = fs.readFileSync(path.join(fixturesDir, "openclaw-configs/01-donna-bot-telegram.json5"), "utf8");
/** Where current OpenClaw (2026.4.5 and later, and an unknown version) reads the discovery options. */
const D = "plugins.entries.amazon-bedrock.config.discovery";
const cli = (args: string[], extra: Record<string, string | undefined> = {}) => runCli(args, { env: sb.env(extra) });
const mode = (p: string) => fs.statSync(p).mode & 0o777;

test("config file prints the resolved path; OPENCLAW_CONFIG_PATH wins and expands ~", async () => {
  assert.equal((await cli(["config", "file"])).stdout.trim(), sb.configPath);
  const r = await cli(["config", "file"], { OPENCLAW_CONFIG_PATH: "~/custom/oc.json" });
  assert.equal(r.stdout.trim(), path.join(sb.home, "custom/oc.json"));
  const noState = await runCli(["config", "file"], { env: sb.env({ OPENCLAW_STATE_DIR: undefined, OPENCLAW_HOME: path.join(sb.dir, "alt") }) });
  assert.equal(noState.stdout.trim(), path.join(sb.dir, "alt/.openclaw/openclaw.json"));
});

test("get prints scalars raw, objects as JSON, and masks secrets", async () => {
  sb.writeConfig(commented);
  assert.equal((await cli(["config", "get", "models.bedrockDiscovery.refreshInterval"])).stdout, "3600\n");
  assert.equal((await cli(["config", "get", "models.providers.amazon-bedrock.api"])).stdout, "bedrock-converse-stream\n");
  const obj = await cli(["config", "get", 'models.providers["amazon-bedrock"].models[0]', "--json"]);
  assert.equal(JSON.parse(obj.stdout).id, JSON5.parse(commented).models.providers["amazon-bedrock"].models[0].id);
  sb.writeConfig('{ gateway: { auth: { token: "s3cr3t-gateway-token" } }, env: { KEY: "${OPENROUTER_API_KEY}" } }');
  const secret = await cli(["config", "get", "gateway.auth.token"]);
  assert.equal(secret.stdout, "********\n");
  const whole = await cli(["config", "get", "gateway"]);
  assert.doesNotMatch(whole.stdout, /s3cr3t/);
});

test("get masks a secret however it is reached: inside a list, by index, or nested under a secret-named key", async () => {
  sb.writeConfig('{ gateway: { tokens: ["s3cr3t-a", "s3cr3t-b"] }, apiKeys: { openai: "sk-s3cr3t-c", env: "${OPENAI_KEY}" }, name: "bot" }');
  for (const path of ["gateway.tokens", "gateway.tokens[0]", "gateway", "apiKeys", "apiKeys.openai"]) {
    const r = await cli(["config", "get", path, "--json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /s3cr3t/, `config get ${path}`);
  }
  assert.equal((await cli(["config", "get", "apiKeys.env"])).stdout, "${OPENAI_KEY}\n", "a ${VAR} reference is shown as written");
  assert.equal((await cli(["config", "get", "name"])).stdout, "bot\n");
});

test("get of a missing path exits 1; a malformed path exits 2; neither prints to stdout", async () => {
  sb.writeConfig("{}");
  const missing = await cli(["config", "get", "models.bedrockDiscovery.region"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /models\.bedrockDiscovery\.region is not set/);
  const bad = await cli(["config", "get", "models..region"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /empty segment/);
  assert.equal(missing.stdout + bad.stdout, "");
});

test("set writes the value, keeps comments, prints one line, and keeps the old file as .bak, both with the file's mode", async () => {
  sb.writeConfig(withComments);
  fs.chmodSync(sb.configPath, 0o640);
  const r = await cli(["config", "set", `${D}.region`, "eu-central-2"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Updated plugins.entries["amazon-bedrock"].config.discovery.region.\n`);
  const text = sb.readConfig();
  assert.equal(JSON5.parse(text).plugins.entries["amazon-bedrock"].config.discovery.region, "eu-central-2");
  for (const comment of withComments.match(/\/\/.*$/gm)!) assert.ok(text.includes(comment), `kept: ${comment}`);
  assert.equal(fs.readFileSync(`${sb.configPath}.bak`, "utf8"), withComments);
  assert.equal(mode(sb.configPath), 0o640);
  assert.equal(mode(`${sb.configPath}.bak`), 0o640);
});

test("set and unset keep a byte-order mark and CRLF line endings, byte for byte elsewhere", async () => {
  const original = '\uFEFF{\r\n  // note\r\n  "a": 1\r\n}\r\n';
  sb.writeConfig(original);
  assert.equal((await cli(["config", "set", "b", "2"])).code, 0);
  const written = fs.readFileSync(sb.configPath, "utf8");
  assert.equal(written, '\uFEFF{\r\n  // note\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n');
  assert.equal((await cli(["config", "unset", "b"])).code, 0);
  assert.equal(fs.readFileSync(sb.configPath, "utf8"), original);
});

test("set on a fresh host creates the state directory 0700 and the file 0600", async () => {
  const r = await cli(["config", "set", `${D}.enabled`, "true"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(mode(sb.stateDir), 0o700);
  assert.equal(mode(sb.configPath), 0o600);
  assert.deepEqual(JSON.parse(sb.readConfig()), { plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: true } } } } } });
  assert.equal(fs.existsSync(`${sb.configPath}.bak`), false);
});

test("a refused set leaves the file byte-identical and names what is wrong", async () => {
  sb.writeConfig(commented);
  const cases: [string[], RegExp, number][] = [
    [[`${D}.region`, "nowhere"], /config\.discovery\.region: expected an AWS region code/, 1],
    [[`${D}.refreshIntervall`, "60"], /did you mean refreshInterval\?/, 1],
    [[`${D}.refreshInterval`, "-5"], /whole seconds/, 1],
    [[`${D}.defaultMaxTokens`, "0"], /above 0/, 1],
    [[`${D}.enabled`, "yes"], /expected true or false/, 1],
    [["agents.defaults.model", "{primary:\"a/b\",extra:1}"], /agents\.defaults\.model: expected a model reference/, 1],
    [[`${D}..region`, "x"], /empty segment/, 2],
    [["__proto__.polluted", "1"], /not allowed/, 2],
    [[`${D}.region`, "us-east-1", "--strict-json"], /not JSON/, 2],
  ];
  for (const [args, message, code] of cases) {
    const r = await cli(["config", "set", ...args]);
    assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(sb.readConfig(), commented, `${args.join(" ")} changed the file`);
  }
  assert.equal(fs.existsSync(`${sb.configPath}.bak`), false);
});

test("an unparsable config is reported with file, line and column, and left alone", async () => {
  const broken = '{\n  models: {\n    bedrockDiscovery: { region: "us-east-1" ]\n  }\n}\n';
  sb.writeConfig(broken);
  const r = await cli(["config", "set", `${D}.enabled`, "true"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${sb.configPath.replace(/[.]/g, "\\.")}:3:\\d+`));
  assert.equal(sb.readConfig(), broken);
});

test("a value already invalid elsewhere is a warning, not a reason to refuse another key", async () => {
  sb.writeConfig(commented); // holds region "<AWS_REGION>" placeholders
  const r = await cli(["config", "set", `${D}.enabled`, "true"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: .*models\.bedrockDiscovery\.region/);
  const fixed = await cli(["config", "set", `${D}.region`, "us-west-2"]);
  assert.equal(fixed.code, 0, fixed.stderr);
});

test("${VAR} values: validated after substitution when set, accepted as written when not, never resolved into the file", async () => {
  sb.writeConfig("{}\n");
  assert.equal((await cli(["config", "set", `${D}.region`, "${BEDROCK_REGION}"])).code, 0);
  const bad = await cli(["config", "set", `${D}.region`, "${BEDROCK_REGION}"], { BEDROCK_REGION: "moon-base-1x" });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /region code/);
  const good = await cli(["config", "set", `${D}.region`, "${BEDROCK_REGION}"], { BEDROCK_REGION: "ap-southeast-4" });
  assert.equal(good.code, 0);
  assert.equal(JSON5.parse(sb.readConfig()).plugins.entries["amazon-bedrock"].config.discovery.region, "${BEDROCK_REGION}");
});

test("a list field takes a,b,c; --dry-run writes nothing", async () => {
  sb.writeConfig(commented);
  assert.equal((await cli(["config", "set", `${D}.providerFilter`, "anthropic,amazon"])).code, 0);
  assert.deepEqual(JSON5.parse(sb.readConfig()).plugins.entries["amazon-bedrock"].config.discovery.providerFilter, ["anthropic", "amazon"]);
  const before = sb.readConfig();
  const dry = await cli(["config", "set", `${D}.refreshInterval`, "60", "--dry-run"]);
  assert.equal(dry.code, 0);
  assert.match(dry.stdout, /Would update plugins\.entries\["amazon-bedrock"\]\.config\.discovery\.refreshInterval/);
  assert.equal(sb.readConfig(), before);
});

test("unset removes the key and only its line; unset of an absent key exits 1", async () => {
  sb.writeConfig(commented);
  const r = await cli(["config", "unset", "models.bedrockDiscovery.providerFilter"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "Removed models.bedrockDiscovery.providerFilter.\n");
  assert.equal(sb.readConfig(), commented.replace(/\n\s*providerFilter: \["anthropic"\],/, ""));
  const again = await cli(["config", "unset", "models.bedrockDiscovery.providerFilter"]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is not set/);
});

test("the newer plugin location is validated the same way", async () => {
  const r = await cli(["config", "set", 'plugins.entries["amazon-bedrock"].config.discovery.region', "not a region"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /region code/);
});

test("a symlinked config stays a symlink and its target gets the write", async () => {
  const real = path.join(sb.dir, "real-config.json5");
  fs.writeFileSync(real, "{\n  // mine\n  a: 1,\n}\n");
  fs.mkdirSync(sb.stateDir, { recursive: true });
  fs.symlinkSync(real, sb.configPath);
  assert.equal((await cli(["config", "set", "b", "2"])).code, 0);
  assert.ok(fs.lstatSync(sb.configPath).isSymbolicLink());
  assert.equal(fs.readFileSync(real, "utf8"), "{\n  // mine\n  a: 1,\n  b: 2,\n}\n");
});

test("20 concurrent set processes on different keys leave all 20 values and every comment", async () => {
  sb.writeConfig(withComments);
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => cli(["config", "set", `concurrency.key${i}`, String(i)])));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const text = sb.readConfig();
  const parsed = JSON5.parse(text);
  for (let i = 0; i < 20; i++) assert.equal(parsed.concurrency[`key${i}`], i);
  for (const comment of withComments.match(/\/\/.*$/gm)!) assert.ok(text.includes(comment));
  assert.equal(fs.existsSync(`${sb.configPath}.lock`), false);
});

test("a lock left by a dead writer does not block the next write", async () => {
  sb.writeConfig("{}\n");
  fs.writeFileSync(`${sb.configPath}.lock`, JSON.stringify({ pid: 2 ** 22 + 17, nonce: "dead", createdAt: Date.now() }));
  const r = await cli(["config", "set", "a", "1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.existsSync(`${sb.configPath}.lock`), false);
});

test("files left by killed writers are swept by the next write, a live writer's are not", async () => {
  sb.writeConfig("{}\n");
  const dead = 2 ** 22 + 17;
  const left = {
    temp: path.join(sb.stateDir, `.openclaw.json.${dead}.k1.tmp`),
    aside: path.join(sb.stateDir, `openclaw.json.lock.${dead}.k2.stale`),
    live: path.join(sb.stateDir, `openclaw.json.lock.${process.pid}.k3.stale`),
  };
  for (const file of Object.values(left)) fs.writeFileSync(file, "{}");
  assert.equal((await cli(["config", "set", "a", "1"])).code, 0);
  assert.equal(fs.existsSync(left.temp), false, "a dead writer's temp file goes");
  assert.equal(fs.existsSync(left.aside), false, "a stale lock a dead writer moved aside goes");
  assert.equal(fs.existsSync(left.live), true, "a live process's file stays");
});

test("config validate: 0 when valid, 1 with each problem listed, --json for scripts", async () => {
  sb.writeConfig(withComments);
  const ok = await cli(["config", "validate"]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  sb.writeConfig('{ plugins: { entries: { "amazon-bedrock": { config: { discovery: { region: "mars-1", refreshIntervall: 3 } } } } } }');
  const bad = await cli(["config", "validate"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /region: expected an AWS region code/);
  assert.match(bad.stdout, /did you mean refreshInterval/);
  const json = JSON.parse((await cli(["config", "validate", "--json"])).stdout);
  assert.equal(json.valid, false);
  assert.equal(json.issues.length, 2);
});

test("an unwritable directory gives a message naming the path and the fix, and leaves nothing half-written", { skip: process.getuid?.() !== 0 && "needs root to run the CLI as another user" }, async () => {
  sb.writeConfig("{\n  a: 1,\n}\n");
  fs.chmodSync(sb.configPath, 0o644);
  fs.chmodSync(sb.stateDir, 0o755);
  fs.chmodSync(sb.home, 0o755);
  const r = await runCli(["config", "set", "b", "2"], { env: sb.env(), uid: 65534, gid: 65534 });
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`${sb.stateDir.replace(/[.]/g, "\\.")}.*permission denied`));
  assert.match(r.stderr, /fix: /);
  assert.equal(sb.readConfig(), "{\n  a: 1,\n}\n");
  assert.deepEqual(fs.readdirSync(sb.stateDir), ["openclaw.json"]);
});

test("usage errors exit 2; --help exits 0", async () => {
  assert.equal((await cli(["config", "set", "only-one-arg"])).code, 2);
  assert.equal((await cli(["config", "frobnicate"])).code, 2);
  const help = await cli(["config", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /validate/);
});

test("config set of a discovery option writes where this host's OpenClaw reads it, and says so in one line", async () => {
  sb.writeConfig('{\n  // written by OpenClaw\n  meta: { lastTouchedVersion: "2026.9.6" },\n}\n');
  const current = await cli(["config", "set", "models.bedrockDiscovery.region", "eu-west-1"]);
  assert.equal(current.code, 0, current.stderr);
  assert.equal(current.stderr, "note: OpenClaw 2026.9.6 (meta.lastTouchedVersion) reads plugins.entries.amazon-bedrock.config.discovery and refuses models.bedrockDiscovery: writing plugins.entries.amazon-bedrock.config.discovery.region\n");
  const parsed = JSON5.parse(sb.readConfig());
  assert.equal(parsed.plugins.entries["amazon-bedrock"].config.discovery.region, "eu-west-1");
  assert.equal(parsed.models, undefined, "nothing OpenClaw 2026.9.6 would refuse");

  sb.writeConfig('{ meta: { lastTouchedVersion: "2026.3.13" } }\n');
  const older = await cli(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.enabled", "true"]);
  assert.equal(older.code, 0, older.stderr);
  assert.match(older.stderr, /^note: OpenClaw 2026\.3\.13 \(meta\.lastTouchedVersion\) reads models\.bedrockDiscovery, not the plugin's entry: writing models\.bedrockDiscovery\.enabled\n$/);
  assert.equal(JSON5.parse(sb.readConfig()).models.bedrockDiscovery.enabled, true);
});

test("without meta in the config, the openclaw package on PATH tells the version (read, not run)", async () => {
  const pkg = path.join(sb.dir, "global/node_modules/openclaw");
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "openclaw", version: "2026.2.9" }));
  fs.writeFileSync(path.join(pkg, "openclaw.mjs"), "#!/bin/sh\necho this must not run; exit 9\n", { mode: 0o755 });
  fs.mkdirSync(path.join(sb.dir, "global/bin"));
  fs.symlinkSync(path.join(pkg, "openclaw.mjs"), path.join(sb.dir, "global/bin/openclaw"));
  const env = sb.env({ PATH: `${path.join(sb.dir, "global/bin")}${path.delimiter}${process.env.PATH}` });
  const out = await runCli(["config", "set", "plugins.entries.amazon-bedrock.config.discovery.region", "us-west-2"], { env });
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stderr, /OpenClaw 2026\.2\.9 \(openclaw on PATH\)/);
  assert.equal(JSON5.parse(sb.readConfig()).models.bedrockDiscovery.region, "us-west-2");
});

test("config migrate moves models.bedrockDiscovery to the plugin's entry for a current OpenClaw, its comments with it", async () => {
  const original = [
    "// gateway config",
    "{",
    '  meta: { lastTouchedVersion: "2026.9.6" },',
    "  models: {",
    "    // Bedrock discovery, as the old docs said",
    "    bedrockDiscovery: {",
    "      enabled: true, // instance role",
    '      region: "eu-central-1",',
    "    },",
    '    providers: { ollama: { baseUrl: "http://127.0.0.1:11434" } },',
    "  },",
    "  gateway: { port: 18789 }, // unchanged",
    "}",
    "",
  ].join("\n");
  sb.writeConfig(original);
  const dry = await cli(["config", "migrate", "--dry-run"]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^Would move models\.bedrockDiscovery to plugins\.entries\.amazon-bedrock\.config\.discovery for OpenClaw 2026\.9\.6 \(meta\.lastTouchedVersion\) \(dry run: nothing written\):\n/);
  assert.match(dry.stdout, /^- {5}bedrockDiscovery: \{$/m);
  assert.match(dry.stdout, /^\+ {13}enabled: true, \/\/ instance role$/m);
  assert.equal(sb.readConfig(), original, "a dry run writes nothing");

  const out = await cli(["config", "migrate"]);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stdout, "Moved models.bedrockDiscovery to plugins.entries.amazon-bedrock.config.discovery, where OpenClaw 2026.9.6 (meta.lastTouchedVersion) reads it.\n");
  const text = sb.readConfig();
  const parsed = JSON5.parse(text);
  assert.deepEqual(parsed.plugins.entries["amazon-bedrock"].config.discovery, { enabled: true, region: "eu-central-1" });
  assert.equal(parsed.models.bedrockDiscovery, undefined);
  assert.deepEqual(parsed.models.providers, { ollama: { baseUrl: "http://127.0.0.1:11434" } });
  assert.match(text, /enabled: true, \/\/ instance role\n/, "the block's own comments moved with it");
  assert.match(text, /\n {10}\/\/ Bedrock discovery, as the old docs said\n {10}discovery: \{\n/, "the comment above the block moved with it, above its new key");
  assert.equal(text.split("Bedrock discovery, as the old docs said").length, 2, "and is not left behind");
  for (const kept of ["// gateway config\n", '    providers: { ollama: { baseUrl: "http://127.0.0.1:11434" } },\n', "  gateway: { port: 18789 }, // unchanged\n"]) assert.ok(text.includes(kept), `kept: ${kept}`);
  assert.equal((await cli(["config", "migrate"])).stdout, "Nothing to migrate: models.bedrockDiscovery is not set; OpenClaw 2026.9.6 (meta.lastTouchedVersion) reads plugins.entries.amazon-bedrock.config.discovery.\n");
});

test("config migrate refuses when both locations hold different options, and writes nothing", async () => {
  const original = '{ meta: { lastTouchedVersion: "2026.9.6" }, models: { bedrockDiscovery: { region: "eu-west-1" } }, plugins: { entries: { "amazon-bedrock": { config: { discovery: { region: "us-east-1" } } } } } }\n';
  sb.writeConfig(original);
  const out = await cli(["config", "migrate"]);
  assert.equal(out.code, 1);
  assert.match(out.stderr, /both models\.bedrockDiscovery and plugins\.entries\.amazon-bedrock\.config\.discovery are set, with different values/);
  assert.equal(sb.readConfig(), original);
});

test("config validate: the location this host's OpenClaw refuses is a problem, with config migrate as the fix", async () => {
  sb.writeConfig('{ meta: { lastTouchedVersion: "2026.9.6" }, models: { bedrockDiscovery: { enabled: true } } }\n');
  const out = await cli(["config", "validate"]);
  assert.equal(out.code, 1);
  assert.match(out.stdout, /models\.bedrockDiscovery: OpenClaw 2026\.9\.6 \(meta\.lastTouchedVersion\) refuses this location and reads plugins\.entries\.amazon-bedrock\.config\.discovery/);
  const json = JSON.parse((await cli(["config", "validate", "--json"])).stdout);
  assert.equal(json.valid, false);
  assert.equal((await cli(["config", "migrate"])).code, 0);
  assert.equal((await cli(["config", "validate"])).code, 0, "valid once migrated");
  sb.writeConfig('{ meta: { lastTouchedVersion: "2026.2.9" }, models: { bedrockDiscovery: { enabled: true } } }\n');
  assert.equal((await cli(["config", "validate"])).code, 0, "an older OpenClaw reads it there");
});

test("a model entry without a name is invalid, as in OpenClaw 2026.9.6, and set refuses to create one", async () => {
  const original = '{ models: { providers: { x: { models: [ { id: "a", name: "A" } ] } } } }\n';
  sb.writeConfig(original);
  const nameless = await cli(["config", "set", "models.providers.x.models[1].id", "y"]);
  assert.equal(nameless.code, 1);
  assert.match(nameless.stderr, /models\.providers\.x\.models\[1\]\.name: a model needs a name \(a string\): OpenClaw refuses the entry without one/);
  assert.match(nameless.stderr, /fix: write the entry whole, with its name: openclaw-bedrock config set 'models\.providers\.x\.models\[1\]' '\{id:"<id>",name:"<display name>"\}'; nothing was written/);
  assert.equal(sb.readConfig(), original);
  assert.equal((await cli(["config", "set", "models.providers.x.models[1]", '{id:"y",name:"Y"}'])).code, 0);
  sb.writeConfig('{ models: { providers: { x: { models: [ { id: "a" } ] } } } }\n');
  assert.equal((await cli(["config", "validate"])).code, 1);
});

test("an unknown OpenClaw version has one rule: config set, config validate and config migrate all take it as current", async () => {
  const unknown = /OpenClaw of unknown version \(no meta\.lastTouchedVersion in the config, no openclaw on PATH; taken as 2026\.4\.5 or later\)/;
  sb.writeConfig("{}\n");
  const set = await cli(["config", "set", "models.bedrockDiscovery.region", "eu-west-1"]);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stderr, unknown);
  assert.match(set.stderr, /writing plugins\.entries\.amazon-bedrock\.config\.discovery\.region\n$/);
  assert.equal(JSON5.parse(sb.readConfig()).plugins.entries["amazon-bedrock"].config.discovery.region, "eu-west-1");

  sb.writeConfig('{ models: { bedrockDiscovery: { region: "eu-west-1" } } }\n');
  const validate = await cli(["config", "validate"]);
  assert.equal(validate.code, 1, validate.stdout);
  assert.match(validate.stdout, new RegExp(`models\\.bedrockDiscovery: ${unknown.source} refuses this location`));
  assert.match(validate.stdout + validate.stderr, /config migrate/);
  const migrate = await cli(["config", "migrate"]);
  assert.match(migrate.stdout, new RegExp(`Moved models\\.bedrockDiscovery to plugins\\.entries\\.amazon-bedrock\\.config\\.discovery, where ${unknown.source} reads it`));
  assert.equal((await cli(["config", "validate"])).code, 0);
});
