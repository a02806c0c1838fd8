// Fails the run when the server panicked at any point of it, even in a test that passed (a
// panic in a task of its own, say, leaves the page working): the server's standard error is
// written to ONEDOOR_E2E_SERVER_LOG by the web server command in playwright.config.ts.
import { existsSync, readFileSync } from "node:fs";

export default function globalTeardown() {
  const log = process.env.ONEDOOR_E2E_SERVER_LOG;
  if (!log || !existsSync(log)) return;
  const lines = readFileSync(log, "utf8").split("\n");
  const panics = lines.flatMap((line, i) =>
    / panicked at /.test(line) ? [lines.slice(i, i + 3).join("\n")] : [],
  );
  if (panics.length > 0) {
    throw new Error(`the server panicked ${panics.length} time(s) during the run (log: ${log}):\n${panics.join("\n---\n")}`);
  }
}
