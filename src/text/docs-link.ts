// Where a fix line sends people to read more: the doc as installed with this package (docs/ ships in it), by
// its full path when it is there, so "see …" always points at a file that exists on this host.
import { existsSync } from "node:fs";
import path from "node:path";

let packageDocs: string | undefined | null = null;

/** `/…/openclaw-bedrock/docs/bedrock.md, section`; the package-relative name when the file can't be found. */
export function docsLink(file: string, section?: string): string {
  if (packageDocs === null) packageDocs = findDocsDir();
  const where = packageDocs ? path.join(packageDocs, file) : `docs/${file} in the openclaw-bedrock package`;
  return section ? `${where}, "${section}"` : where;
}

/** dist/*.cjs (built) or src/text/*.ts (from source) sit one or two levels below the package root. */
function findDocsDir(): string | undefined {
  const here = import.meta.dirname; // __dirname in the built CommonJS (scripts/build.mjs defines it)
  for (const up of ["..", "../.."]) {
    const dir = path.resolve(here, up, "docs");
    if (existsSync(path.join(dir, "bedrock.md"))) return dir;
  }
  return undefined;
}
