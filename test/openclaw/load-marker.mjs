// Preloaded into the real OpenClaw by the laziness test (NODE_OPTIONS=--import): appends the path of every module
// of this plugin that the process loads, through require or import, to $BEDROCK_LOAD_MARKER. OpenClaw loads a
// plugin from its install folder or from a copy it makes under its state dir: both end in amazon-bedrock/dist/.
import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

const marker = process.env.BEDROCK_LOAD_MARKER;
const ours = /[\\/]amazon-bedrock[\\/]dist[\\/][^\\/]+$/;
if (marker) {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith("file:")) {
        const file = fileURLToPath(url);
        if (ours.test(file)) appendFileSync(marker, `${process.pid} ${file}\n`);
      }
      return nextLoad(url, context);
    },
  });
}
