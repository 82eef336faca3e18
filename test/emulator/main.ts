// Runs the emulator on its own: `tsx test/emulator/main.ts [port]` prints its URL and serves until stopped.
import { startEmulator } from "./server.ts";

const emulator = await startEmulator({ port: Number(process.argv[2] ?? 0), imds: { region: "us-east-1" } });
process.stdout.write(`${emulator.url}\n`);
const stop = () => void emulator.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
