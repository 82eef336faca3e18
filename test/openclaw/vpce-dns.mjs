// Test-only preload (node --import) for the OpenClaw child of test/openclaw/endpoints.test.ts: an interface VPC
// endpoint's host name (*.vpce.amazonaws.com) resolves to loopback, where the emulator listens, as a VPC's DNS
// resolves it to the endpoint's addresses; every other AWS host name fails to resolve, so a call that went past
// the configured endpoint fails here instead of reaching AWS.
import dns from "node:dns";

const lookup = dns.lookup;
dns.lookup = function lookupVpce(hostname, options, callback) {
  const done = typeof options === "function" ? options : callback;
  const opts = typeof options === "object" && options !== null ? options : {};
  const name = String(hostname).toLowerCase();
  if (name.endsWith(".vpce.amazonaws.com")) {
    process.nextTick(() => (opts.all ? done(null, [{ address: "127.0.0.1", family: 4 }]) : done(null, "127.0.0.1", 4)));
    return {};
  }
  if (/(^|\.)amazonaws\.com(\.cn)?$/.test(name)) {
    process.nextTick(() => done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (the test refuses AWS host names)`), { code: "ENOTFOUND", hostname })));
    return {};
  }
  return lookup.call(this, hostname, options, callback);
};
