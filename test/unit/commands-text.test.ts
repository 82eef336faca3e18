import { test } from "node:test";
import assert from "node:assert/strict";
import { cmd, setFace } from "../../src/text/commands.ts";

test("fix lines name the command as it is typed where the tool runs", () => {
  setFace("standalone");
  assert.equal(cmd("models list --all"), "openclaw-bedrock models list --all");
  assert.equal(cmd("config set models.bedrockDiscovery.enabled true"), "openclaw-bedrock config set models.bedrockDiscovery.enabled true");
  setFace("openclaw");
  assert.equal(cmd("models list --provider amazon-bedrock"), "openclaw bedrock models");
  assert.equal(cmd("models list --all"), "openclaw bedrock models --all");
  assert.equal(cmd("bedrock doctor --model x --profile ops"), "openclaw bedrock doctor --model x --aws-profile ops");
  assert.equal(cmd("config set models.bedrockDiscovery.enabled true"), "openclaw config set plugins.entries.amazon-bedrock.config.discovery.enabled true");
  setFace("standalone");
});
