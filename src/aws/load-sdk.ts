// Loads an AWS SDK module on demand, with the SDK's Node-version notice silenced (users must not see it on Node 20).

let filterInstalled = false;

export async function loadAwsSdk<T>(load: () => Promise<T>): Promise<T> {
  if (!filterInstalled) {
    filterInstalled = true;
    const emitWarning = process.emitWarning.bind(process);
    process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
      const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
      const name = warning instanceof Error ? warning.name : type;
      if (name === "NodeVersionSupportWarning" || /AWS SDK for JavaScript \(v3\)[\s\S]*node >=/.test(String(warning instanceof Error ? warning.message : warning))) return;
      (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
    }) as typeof process.emitWarning;
  }
  return load();
}
