// The crash drill (issue 23 point 3): a phone (headless Chromium on a persistent profile, the
// release site) holding `--records` queued hardship reports with photos sends them over a slow
// link (the loopback proxy throttles the API: bench/lib/proxy.mjs SLOW_LINK), and the browser
// process is killed with SIGKILL `--kills` times at random moments, then started again on the
// same profile. The moments are drawn from a seed: each is a random share of the bytes the phone
// has to send (so the kills spread over the whole push and the photos' upload), plus a random
// wait of up to a second. Then the server must hold exactly the phone's reports, once each,
// with their bodies and their photos whole (bench/lib/drill_check.mjs), and its log no panic.
//
//   node bench/crash_drill.mjs [--records 1000] [--kills 50] [--side 160] [--seed N]
//                              [--db sqlite|postgres] [--json FILE]
//
// Needs the server binary and the site (ONEDOOR_BIN, ONEDOOR_SITE; bench/lib/server.mjs).
import { hydrated } from "./lib/browser.mjs";
import { cleanUp, counts, dropDatabases, finishDrill, postgresDatabase, preparePhone } from "./lib/drill.mjs";
import { untilAllSent } from "./lib/drill_phone.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, log, sleep } from "./lib/log.mjs";
import { closePhone, killPhone, phoneOn } from "./lib/phone_process.mjs";
import { SLOW_LINK } from "./lib/proxy.mjs";
import { seedOption, seeded } from "./lib/rng.mjs";
import { killServersNow } from "./lib/server.mjs";

const N = counts({ records: 1000, kills: 50, side: 160 });
const seed = seedOption();
const dbAt = process.argv.indexOf("--db");
const db = process.argv.find((a) => a.startsWith("--db="))?.slice(5) ?? (dbAt > 0 ? process.argv[dbAt + 1] : "sqlite");
const data = new Figures("bench/crash_drill.mjs");
/// A kill waits at most this long for the phone to reach its share of the bytes (it may have
/// sent everything already): then it strikes anyway.
const IDLE_KILL_MS = 30_000;

/** Waits until the proxy has taken `bytes` more from the phone, or nothing moved for a while. */
async function untilSent(proxy, bytes) {
  let last = proxy.stats.upBytes;
  let movedAt = Date.now();
  while (proxy.stats.upBytes < bytes) {
    if (proxy.stats.upBytes !== last) {
      last = proxy.stats.upBytes;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > IDLE_KILL_MS) {
      return false;
    }
    await sleep(20);
  }
  return true;
}

async function main() {
  if (db !== "sqlite" && db !== "postgres") throw new BenchError(`--db takes sqlite or postgres, not “${db}”`);
  const label = `crash drill on ${db === "postgres" ? "PostgreSQL" : "SQLite"}`;
  log(`${label}: ${N.records} reports with photos, ${N.kills} kills, seed ${seed} (repeat with --seed ${seed})`);
  const rng = seeded(seed);
  let run = null;
  try {
    const databaseUrl = db === "postgres" ? postgresDatabase() : null;
    run = await preparePhone(label, { databaseUrl, count: N.records, side: N.side, seed, rng });
    const { proxy, profile, held, marker } = run;
    proxy.mode.down = false;
    proxy.mode.throttle = SLOW_LINK;
    // What the phone has to send, about: its operations and its photos.
    const toSend = held.outboxBytes + held.photoBytes;
    const shares = Array.from({ length: N.kills }, () => rng.between(0.01, 0.97)).sort((a, b) => a - b);
    const from = proxy.stats.upBytes;
    const t0 = Date.now();
    let midRequest = 0;
    let idle = 0;
    for (let k = 0; k < N.kills; k++) {
      const phone = await phoneOn(profile);
      const started = Date.now();
      phone.page.goto(`${proxy.base}/sync`, { waitUntil: "commit" }).catch(() => {});
      const reached = await untilSent(proxy, from + shares[k] * toSend);
      await sleep(rng.between(0, 1000));
      const inFlight = proxy.stats.inFlight;
      if (inFlight > 0) midRequest++;
      if (!reached) idle++;
      await killPhone(phone);
      log(`  kill ${k + 1}/${N.kills}: SIGKILL after ${((Date.now() - started) / 1000).toFixed(1)} s, ${((proxy.stats.upBytes - from) / 1024).toFixed(0)} of about ${(toSend / 1024).toFixed(0)} KiB sent so far, ${inFlight} API request(s) under way${reached ? "" : " (the phone had stopped sending)"}`);
    }
    log(`  ${N.kills} kills; now the phone is left to finish`);
    const phone = await phoneOn(profile);
    await phone.page.goto(`${proxy.base}/sync`);
    await hydrated(phone.page);
    const pressed = await untilAllSent(phone.page, marker, { timeout: Math.max(300_000, N.records * 3000) });
    const took = Date.now() - t0;
    await closePhone(phone);
    const sentKiB = (proxy.stats.upBytes - from) / 1024;
    log(`  all sent ${(took / 1000).toFixed(1)} s after the first start; ${sentKiB.toFixed(0)} KiB sent for about ${(toSend / 1024).toFixed(0)} KiB; 立即同步 pressed ${pressed} times`);
    const v = await finishDrill(run);
    run = null;
    const note = `seed ${seed}; ${midRequest} of the ${N.kills} kills struck with an API request under way${idle ? `, ${idle} after the phone had stopped sending` : ""}; ${sentKiB.toFixed(0)} KiB sent for ${(toSend / 1024).toFixed(0)} KiB of reports and photos; 立即同步 pressed ${pressed} times`;
    const key = `drill.crash${db === "postgres" ? ".postgres" : ""}`;
    data.add({ key, name: `${label}: reports with ${v.photos} photos on the server exactly once, whole, after ${N.kills} SIGKILLs`, value: v.records, unit: "reports", target: N.records, lowerIsBetter: false, note });
    data.add({ key: `${key}.time`, name: `${label}: time to send ${N.records} reports and their photos over the slow link, kills included`, value: took, unit: "ms", note });
    log(`crash drill passed (seed ${seed})`);
  } finally {
    if (run) await cleanUp(run);
    dropDatabases();
    data.write();
  }
}

main().catch((e) => {
  console.error(`\nbench/crash_drill.mjs failed (seed ${seed}): ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  killServersNow();
  process.exit(1);
});
