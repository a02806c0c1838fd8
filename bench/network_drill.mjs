// The network drill (issue 23 point 4): a phone (headless Chromium, the release site) holding
// `--records` queued hardship reports with photos sends them through a proxy on loopback that,
// at random from a seeded source, drops requests, delays them, sends them to the server twice
// and cuts answers after the server committed (bench/lib/proxy.mjs); the helper presses 立即同步
// whenever a round stopped. Then the server must hold exactly the phone's reports, once each,
// with their bodies and their photos whole (bench/lib/drill_check.mjs), and its log no panic.
// Run on SQLite and on PostgreSQL (ONEDOOR_TEST_POSTGRES_URL's server, else a throwaway one).
//
//   node bench/network_drill.mjs [--records 1000] [--side 160] [--seed N] [--db sqlite,postgres]
//                                [--json FILE]
//
// Needs the server binary and the site (ONEDOOR_BIN, ONEDOOR_SITE; bench/lib/server.mjs).
import { dropDatabases, finishDrill, cleanUp, counts, postgresDatabase, preparePhone } from "./lib/drill.mjs";
import { untilAllSent } from "./lib/drill_phone.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, log } from "./lib/log.mjs";
import { closePhone, phoneOn } from "./lib/phone_process.mjs";
import { FAULTS } from "./lib/proxy.mjs";
import { seedOption, seeded } from "./lib/rng.mjs";
import { hydrated } from "./lib/browser.mjs";
import { killServersNow } from "./lib/server.mjs";

const N = counts({ records: 1000, side: 160 });
const seed = seedOption();
const dbAt = process.argv.indexOf("--db");
const dbs = (process.argv.find((a) => a.startsWith("--db="))?.slice(5) ?? (dbAt > 0 ? process.argv[dbAt + 1] : "sqlite,postgres")).split(",");
const data = new Figures("bench/network_drill.mjs");

async function drill(db) {
  const rng = seeded(seed);
  const databaseUrl = db === "postgres" ? postgresDatabase() : null;
  const label = `network drill on ${db === "postgres" ? "PostgreSQL" : "SQLite"}`;
  let run = null;
  try {
    run = await preparePhone(label, { databaseUrl, count: N.records, side: N.side, seed, rng });
    const { proxy, profile, marker } = run;
    proxy.mode.down = false;
    proxy.mode.faults = FAULTS;
    const before = { ...proxy.stats };
    const phone = await phoneOn(profile);
    const t0 = Date.now();
    await phone.page.goto(`${proxy.base}/sync`);
    await hydrated(phone.page);
    const faults = () => {
      const s = proxy.stats;
      return `API requests ${s.api - before.api}: ${s.dropped} dropped, ${s.delayed} delayed, ${s.duplicated} sent twice, ${s.cut} answers cut`;
    };
    const pressed = await untilAllSent(phone.page, marker, { timeout: Math.max(300_000, N.records * 2000), stalled: faults });
    const took = Date.now() - t0;
    await closePhone(phone);
    log(`  all sent in ${(took / 1000).toFixed(1)} s; ${faults()}; 立即同步 pressed ${pressed} times`);
    const v = await finishDrill(run);
    run = null;
    const key = `drill.network.${db}`;
    const note = `seed ${seed}; ${faults()}; 立即同步 pressed ${pressed} times`;
    data.add({ key, name: `${label}: reports with ${v.photos} photos on the server exactly once, whole`, value: v.records, unit: "reports", target: N.records, lowerIsBetter: false, note });
    data.add({ key: `${key}.time`, name: `${label}: time to send ${N.records} reports and their photos`, value: took, unit: "ms", note });
  } finally {
    if (run) await cleanUp(run);
  }
}

async function main() {
  log(`network drill: ${N.records} reports with photos, seed ${seed} (repeat with --seed ${seed}), on ${dbs.join(" and ")}`);
  try {
    for (const db of dbs) {
      if (db !== "sqlite" && db !== "postgres") throw new BenchError(`--db takes sqlite and postgres, not “${db}”`);
      await drill(db);
    }
  } finally {
    dropDatabases();
    data.write();
  }
  log(`network drill passed (seed ${seed})`);
}

main().catch((e) => {
  console.error(`\nbench/network_drill.mjs failed (seed ${seed}): ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  killServersNow();
  process.exit(1);
});
