// A spinner on stderr while something slow runs; only on a TTY, and only once the wait is long enough to notice.
import type { OutputStream } from "../runtime.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export async function withSpinner<T>(stream: OutputStream, enabled: boolean, label: string, work: Promise<T>): Promise<T> {
  if (!enabled || !stream.isTTY) return work;
  let frame = 0;
  let shown = false;
  const timer = setInterval(() => {
    shown = true;
    stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`);
  }, 120);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    if (shown) stream.write("\r\u001b[2K");
  }
}

/** A spinner that can be pointed at one wait after another, and stopped before anything else is written. */
export function statusSpinner(stream: OutputStream, enabled: boolean): { show(label: string): void; stop(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  let shown = false;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (shown) stream.write("\r\u001b[2K");
    shown = false;
  };
  return {
    show(label: string) {
      stop();
      if (!enabled || !stream.isTTY) return;
      let frame = 0;
      timer = setInterval(() => {
        shown = true;
        stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}`);
      }, 120);
      timer.unref();
    },
    stop,
  };
}
