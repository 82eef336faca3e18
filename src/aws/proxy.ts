// HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl reads them: which proxy, if any, a given endpoint goes through.

export function proxyFor(endpoint: string, env: NodeJS.ProcessEnv): string | undefined {
  return proxySetting(endpoint, env)?.url;
}

/** The proxy for an endpoint and the variable that named it (HTTPS_PROXY, http_proxy, ...). */
export function proxySetting(endpoint: string, env: NodeJS.ProcessEnv): { url: string; variable: string } | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  const names = url.protocol === "https:" ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"];
  const variable = names.find((name) => env[name] !== undefined);
  const proxy = variable ? env[variable] : undefined;
  if (!variable || !proxy || proxy.trim() === "") return undefined;
  return bypassesProxy(url, env.NO_PROXY ?? env.no_proxy ?? "") ? undefined : { url: proxy.trim(), variable };
}

/** A proxy URL fit for a message: a user name and password in it are masked. */
export function maskProxyUrl(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.username || url.password) {
      url.username = url.username ? "***" : "";
      url.password = url.password ? "***" : "";
    }
    return url.toString().replace(/\/$/, "");
  } catch {
    return proxy.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** The proxy as an error context carries it: masked. */
export function proxyContext(endpoint: string, env: NodeJS.ProcessEnv): { url: string; variable: string } | undefined {
  const setting = proxySetting(endpoint, env);
  return setting ? { url: maskProxyUrl(setting.url), variable: setting.variable } : undefined;
}

function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    const [pattern, entryPort] = entry.startsWith("[") ? [entry.slice(1, entry.indexOf("]")), entry.split("]:")[1]] : entry.split(":");
    if (entryPort && entryPort !== port) continue;
    const bare = pattern!.replace(/^\*?\./, "");
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}
