// Preloaded into a real `config set` (NODE_OPTIONS=--require): the process stops itself (SIGSTOP, as Ctrl-Z or a
// paused VM would) right after it has read the config under its lock, so a test can act while it holds a stale copy.
const fs = require("node:fs");
const target = process.env.STOP_AFTER_READ;
const read = fs.readFileSync;
let stopped = false;
fs.readFileSync = function (file, ...rest) {
  const result = read.call(this, file, ...rest);
  if (!stopped && target && file === target) {
    let lock;
    try {
      lock = JSON.parse(read.call(fs, `${target}.lock`, "utf8"));
    } catch {
      lock = undefined;
    }
    if (lock && lock.pid === process.pid) {
      stopped = true;
      process.kill(process.pid, "SIGSTOP");
    }
  }
  return result;
};
