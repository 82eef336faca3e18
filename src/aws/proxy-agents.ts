// The agents that send requests through HTTP(S)_PROXY: their own bundle, loaded only when a proxy applies
// (with their dependencies they cost ≈2 ms to load, for every command that calls AWS).
import type { Agent } from "node:http";
import { HttpProxyAgent } from "http-proxy-agent";
import { HttpsProxyAgent } from "https-proxy-agent";

export function proxyAgents(endpoint: string, proxy: string): { httpAgent: Agent } | { httpsAgent: Agent } {
  return endpoint.startsWith("https:") ? { httpsAgent: new HttpsProxyAgent(proxy) } : { httpAgent: new HttpProxyAgent(proxy) };
}
