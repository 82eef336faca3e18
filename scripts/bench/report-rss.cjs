// Preloaded (node --require) into a benchmarked process, only in the runs that measure memory: writes its peak RSS on exit.
const fs = require("node:fs");
process.on("exit", () => {
  try {
    fs.appendFileSync(process.env.OPENCLAW_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
  } catch {}
});
