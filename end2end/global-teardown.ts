// Fails the run when the server panicked at any point of it, even in a test that passed (a
// panic in a task of its own, say, leaves the page working), and prints the errors it logged:
// the server's output is written to ONEDOOR_E2E_SERVER_LOG by the web server command in
// playwright.config.ts.
import { existsSync, readFileSync } from "node:fs";

export default function globalTeardown() {
  const log = process.env.ONEDOOR_E2E_SERVER_LOG;
  if (!log || !existsSync(log)) return;
  const lines = readFileSync(log, "utf8").split("\n");
  // The server's errors, said (they do not fail the run: some journeys provoke refusals), so
  // that a journey failing on a server error in CI has the server's own line beside it.
  // (Its levels are coloured: the colour codes go first.)
  const errors = lines.map((line) => line.replace(/\x1b\[[0-9;]*m/g, "")).filter((line) => / ERROR /.test(line));
  if (errors.length > 0) console.log(`the server logged ${errors.length} error(s) (${log}):\n${errors.slice(-20).join("\n")}`);
  const panics = lines.flatMap((line, i) =>
    / panicked at /.test(line) ? [lines.slice(i, i + 3).join("\n")] : [],
  );
  if (panics.length > 0) {
    throw new Error(`the server panicked ${panics.length} time(s) during the run (log: ${log}):\n${panics.join("\n---\n")}`);
  }
}
