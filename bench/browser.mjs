// The phone app's benchmark (issue 5) in headless Chromium, phone viewport 390x844, against a
// release server started here on a throwaway SQLite database with the demo data. Prints each
// figure beside its target ("within" / "over"); it asserts nothing about timings and fails
// only when a step cannot be carried out (the app did not save, sync did not finish, …).
//
//   node bench/browser.mjs [--saves=60] [--store=1000] [--push=10000] [--pull=10000]
//                          [--big-saves=20] [--parts=1,2,2b,3] [--profile=DIR] [--json FILE]
//
// Needs target/release/onedoor and target/site (scripts/build.sh) and /usr/bin/chromium (or
// CHROMIUM_PATH). Each of the three parts gets a server of its own, so one part's records
// never travel in another's sync. Times are taken inside the page (performance.now(), or
// performance.timeOrigin + performance.now() where a time must outlive one call), so
// Playwright's round trips are not counted. `--json FILE` also writes the figures as data
// (bench/lib/figures.mjs). The parts are in bench/lib/phone_parts.mjs. See
// bench/README-browser.md.
import { launchChromium } from "./lib/browser.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, elapsed, log, ms } from "./lib/log.mjs";
import { partPull, partPush, partSavesAndStore } from "./lib/phone_parts.mjs";
import { killServersNow } from "./lib/server.mjs";

/** A wrong command line: says so and stops. */
function usage(message) {
  console.error(`bench/browser.mjs: ${message}`);
  process.exit(2);
}

function option(name, fallback) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const n = Number(arg.split("=")[1]);
  if (!Number.isInteger(n) || n < 1) usage(`--${name} takes a whole number above 0`);
  return n;
}
const N = {
  saves: option("saves", 60),
  store: option("store", 1000),
  push: option("push", 10000),
  pull: option("pull", 10000),
  bigSaves: option("big-saves", 20),
};
/// `--profile=DIR`: also writes Chrome CPU profiles of the push and the pull there (open them
/// in Chrome DevTools' Performance panel); the profiler slows the page, so figures taken with
/// it are not the benchmark's.
const PROFILE_DIR = process.argv.find((a) => a.startsWith("--profile="))?.split("=")[1] ?? null;
/// `--parts=1,2,2b,3`: which parts to run (all by default).
const PARTS = (process.argv.find((a) => a.startsWith("--parts="))?.split("=")[1] ?? "1,2,2b,3").split(",");
for (const p of PARTS) if (!["1", "2", "2b", "3"].includes(p)) usage(`--parts takes 1, 2, 2b and 3, not “${p}”`);

const printed = [];
const data = new Figures("bench/browser.mjs");

/** Records and prints one figure; `target` in ms (or null when none is given). */
function figure(key, name, value, target, note = "") {
  const verdict = target == null ? "no target" : value <= target ? "within" : "over";
  const tgt = target == null ? "" : ` (target ≤ ${target >= 1000 ? `${target / 1000} s` : `${target} ms`})`;
  const shown = value >= 1000 ? `${(value / 1000).toFixed(2)} s` : ms(value);
  const line = `${name}: ${shown}${tgt} — ${verdict}${note ? `; ${note}` : ""}`;
  printed.push(line);
  data.add({ key, name: name.replace(/^\d+[a-z]?\. /, ""), value, unit: "ms", target, lowerIsBetter: true, note });
  log(`FIGURE ${line}`);
}

async function main() {
  const { browser, devices } = await launchChromium();
  log(`Chromium ${browser.version()}; phone viewport 390x844`);
  const run = { N, profileDir: PROFILE_DIR, figure };
  try {
    if (PARTS.includes("1")) await partSavesAndStore(browser, devices, run);
    if (PARTS.includes("2")) await partPush(browser, devices, run);
    if (PARTS.includes("2b")) await partPush(browser, devices, run, { onHome: true });
    if (PARTS.includes("3")) await partPull(browser, devices, run);
  } finally {
    await browser.close();
  }
  console.log("\nonedoor phone benchmark (headless Chromium, 390x844):");
  const order = (f) => f.slice(0, f.indexOf(" "));
  const sorted = [...printed].sort((a, b) => order(a).localeCompare(order(b), "en", { numeric: true }));
  for (const f of sorted) console.log(`  ${f}`);
  console.log(`total ${elapsed().toFixed(0)} s`);
  data.write();
}

main().catch((e) => {
  console.error(`\nbench/browser.mjs failed: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  if (printed.length) {
    console.error("figures so far:");
    for (const f of printed) console.error(`  ${f}`);
  }
  data.write();
  killServersNow();
  process.exit(1);
});
