// bench/run: builds in release mode, runs every benchmark, prints one table with the machine it
// ran on, each figure beside its target and beside the previous run's (bench/last-run.json).
// Each part is a script of its own that writes its figures with `--json`; a part that fails is
// shown as failed in the table and the others still run. See README, "Performance".
// Issue 23's comparison with PouchDB (point 2) is the part `pouchdb` (bench/pouchdb.mjs, which
// installs pouchdb and pouchdb-server into .tools/pouchdb when missing). The crash and network
// drills (points 3 and 4) are the parts `crash` and `network`. Issue 21's county-scale benchmark is
// the part `county` (bench/county.sh).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { elapsed } from "./log.mjs";
import { describe, machine } from "./machine.mjs";
import { BIN, SITE, root } from "./server.mjs";
import { regressions, table } from "./table.mjs";

const USAGE = `bench/run [--quick] [--no-build] [--record] [--parts LIST] [--cases N] [--drill-pairs N] [--pouch-records N] [--village N] [--seed N] [--out FILE]

  --quick          small counts, to try it (a few minutes once built)
  --no-build       use the release build there is (else ./scripts/build.sh first)
  --record         keep this run's figures in bench/last-run.json, for the next run's comparison
  --parts LIST     which parts run, comma-separated: ${"PARTS"}
  --pouch-records N  households pushed and pulled by onedoor and by PouchDB (10000; --quick 500)
  --village N      households of the village both stacks sync first (1000; --quick 100)
  --cases N        cases the server holds for its memory figure (200000; --quick 5000)
  --drill-pairs N  (user, record) pairs of the jurisdiction drill (10000; not run with --quick
                   unless --parts names it, since it compiles the server's test suite)
  --seed N         the crash and network drills' seed (else a new one, printed)
  --out FILE       also write this run's figures and machine there`;

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag("--quick");
const cases = Number(value("--cases") ?? (quick ? 5000 : 200_000));
const drillPairs = Number(value("--drill-pairs") ?? 10_000);
/// The PouchDB comparison's counts: issue 23's (10,000 households, a 1,000-household village).
const pouchRecords = Number(value("--pouch-records") ?? (quick ? 500 : 10_000));
const villageSize = Number(value("--village") ?? (quick ? 100 : 1000));
const LAST = join(root, "bench/last-run.json");

/// The phone benchmark's counts: issue 5's, or small ones.
const phoneCounts = quick ? ["--saves=10", "--store=200", "--push=500", "--pull=500", "--big-saves=5"] : [];
/// The drills' counts: issue 23's (1,000 reports with photos, 50 kills), or the test command's.
const drillCounts = quick ? ["--records", "60"] : ["--records", "1000"];
const seedArgs = value("--seed") ? ["--seed", value("--seed")] : [];

/** Every part: its command (run from the repository's root) and where it writes its figures. */
const PARTS = {
  "first-load": (json) => ["node", ["bench/first_load.mjs", "--path", "/", "--path", "/track", "--path", "/public/items", "--path", "@item", "--json", json]],
  bundle: (json) => ["node", ["bench/bundle_size.mjs", "--json", json]],
  lighthouse: (json) => ["node", ["bench/lighthouse.mjs", "--json", json]],
  offline: (json) => ["node", ["bench/offline_tti.mjs", "--json", json]],
  phone: (json) => ["node", ["bench/browser.mjs", ...phoneCounts, "--json", json]],
  server: (json) => ["bench/server.sh", [...(quick ? ["--quick"] : []), "--json", json]],
  county: (json) => ["bench/county.sh", [...(quick ? ["--quick"] : []), "--json", json]],
  memory: (json) => ["node", ["bench/memory.mjs", "--cases", String(cases), "--json", json]],
  crash: (json) => ["node", ["bench/crash_drill.mjs", ...drillCounts, "--kills", quick ? "5" : "50", ...seedArgs, "--json", json]],
  network: (json) => ["node", ["bench/network_drill.mjs", ...drillCounts, "--db", "sqlite,postgres", ...seedArgs, "--json", json]],
  pouchdb: (json) => ["node", ["bench/pouchdb.mjs", "--records", String(pouchRecords), "--village", String(villageSize), "--json", json]],
  drill: () => ["cargo", ["nextest", "run", "--locked", "-p", "server", "--test", "api", "jurisdiction_drill"], { ONEDOOR_DRILL_PAIRS: String(drillPairs) }],
};
const DEFAULT_PARTS = Object.keys(PARTS).filter((p) => !(quick && p === "drill"));

if (flag("--help") || flag("-h")) {
  console.log(USAGE.replace("PARTS", Object.keys(PARTS).join(",")));
  process.exit(0);
}
const parts = value("--parts")?.split(",") ?? DEFAULT_PARTS;
for (const p of parts) {
  if (!PARTS[p]) {
    console.error(`bench/run: no part “${p}”; the parts are ${Object.keys(PARTS).join(", ")}`);
    process.exit(2);
  }
}
for (const [name, n] of [["--cases", cases], ["--drill-pairs", drillPairs], ["--pouch-records", pouchRecords], ["--village", villageSize]]) {
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench/run: ${name} takes a whole number above 0`);
    process.exit(2);
  }
}

function heading(text) {
  console.log(`\n=== ${text} (${elapsed().toFixed(0)} s) ===`);
}

/** Runs one command with its output shown; answers its exit status. */
function runShown(cmd, args, env = {}) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => ok(code ?? (signal ? 128 : 1)));
    child.on("error", () => ok(127));
  });
}

async function main() {
  const started = Date.now();
  if (!flag("--no-build")) {
    heading("release build: ./scripts/build.sh");
    const status = await runShown("./scripts/build.sh", []);
    if (status !== 0) {
      console.error(`bench/run: the release build failed (${status})`);
      process.exit(1);
    }
  }
  console.log(`server ${BIN}, site ${SITE}`);
  const dir = mkdtempSync(join(tmpdir(), "onedoor-bench-run-"));
  const figures = [];
  const failed = [];
  for (const part of parts) {
    const json = join(dir, `${part}.json`);
    const [cmd, args, env] = PARTS[part](json);
    heading(`${part}: ${cmd} ${args.join(" ")}`);
    const status = await runShown(cmd, args, env);
    if (part === "drill") {
      figures.push({ key: "drill.jurisdiction", name: "jurisdiction drill: (user, record) pairs checked, none answered outside the caller's rights", value: status === 0 ? drillPairs : 0, unit: "pairs", target: drillPairs, lower_is_better: false, ...(status === 0 ? {} : { failed: `exit ${status}` }) });
    } else if (existsSync(json)) {
      figures.push(...JSON.parse(readFileSync(json, "utf8")).figures);
    }
    if (status !== 0) {
      failed.push(`${part} (exit ${status})`);
      if (part !== "drill" && !existsSync(json)) figures.push({ key: `${part}.failed`, name: `${part}: no figures`, value: null, unit: "", failed: `exit ${status}` });
    }
  }
  rmSync(dir, { recursive: true, force: true });

  const here = machine();
  const previousRun = existsSync(LAST) ? JSON.parse(readFileSync(LAST, "utf8")) : null;
  const previous = new Map((previousRun?.figures ?? []).map((f) => [f.key, f]));
  console.log(`\n## onedoor benchmark${quick ? " (--quick: small counts)" : ""}\n`);
  console.log(`Machine: ${describe(here)}`);
  console.log(previousRun ? `Previous run: ${previousRun.machine.date}${previousRun.quick ? " (--quick)" : ""}, ${previousRun.machine.cpu}, ${previousRun.machine.cores} cores (bench/last-run.json)` : "Previous run: none kept (bench/last-run.json; bench/run --record keeps one)");
  console.log(`Counts: ${quick ? "quick" : "full"}; phone ${phoneCounts.join(" ") || "issue 5's (60 saves, 10,000 pushed and pulled)"}; server memory with ${cases.toLocaleString("en")} cases; drills ${drillCounts.join(" ")}; PouchDB comparison ${pouchRecords.toLocaleString("en")} households and a village of ${villageSize.toLocaleString("en")}\n`);
  for (const line of table(figures, previous)) console.log(line);
  const regressed = regressions(figures, previous);
  console.log(`\n${figures.length} figures in ${((Date.now() - started) / 1000 / 60).toFixed(1)} minutes${regressed ? `; ${regressed} bytes figure(s) more than 10 % above the previous run` : ""}${failed.length ? `; parts that failed: ${failed.join(", ")}` : ""}`);

  const record = { machine: here, quick, counts: { phone: phoneCounts, cases, drill_pairs: drillPairs, drills: drillCounts, pouchdb: { records: pouchRecords, village: villageSize } }, parts, figures };
  if (value("--out")) writeFileSync(value("--out"), JSON.stringify(record, null, 2) + "\n");
  if (flag("--record")) {
    writeFileSync(LAST, JSON.stringify(record, null, 2) + "\n");
    console.log(`recorded in bench/last-run.json`);
  }
  process.exitCode = failed.length ? 1 : 0;
}

main();
