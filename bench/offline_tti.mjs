// Time to interactive from the service worker's cache with the network off: the helper signs in
// on a phone (headless Chromium, 390x844), the first sync and the helper's precache finish, the
// network is cut, and the home page is opened again `--runs` times (5) from the cache. Each
// time is from the navigation's start to the app marking the page hydrated
// (`html[data-hydrated="true"]`: its event handlers attached, the page answers taps), taken in
// the page. Prints every run and the median; asserts nothing about timings.
//
//   node bench/offline_tti.mjs [--runs 5] [--json FILE]
import { DB, HELPER, controlledByWorker, hydrated, inPage, instrumentedContext, launchChromium, signIn } from "./lib/browser.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, fail, log, ms, sleep } from "./lib/log.mjs";
import { killServersNow, startServer, stopServer } from "./lib/server.mjs";

const i = process.argv.indexOf("--runs");
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error("bench/offline_tti.mjs: --runs takes a whole number above 0");
  process.exit(2);
}

/** Whether the service worker's cache holds the helper's set (`HELPER_MARK` in pwa/sw.js). */
async function pageHelperCached() {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    if (await cache.match(new URL("/__onedoor/helper", location.origin).href)) return (await cache.keys()).length;
  }
  return 0;
}

async function main() {
  const server = await startServer("offline-tti");
  const { browser, devices } = await launchChromium();
  try {
    const { context, events } = await instrumentedContext(browser, server.base, devices);
    await context.addInitScript(() => {
      const mark = () => {
        if (document.documentElement?.getAttribute("data-hydrated") === "true" && window.__hydratedAt == null) {
          window.__hydratedAt = performance.now();
        }
      };
      const watch = () => new MutationObserver(mark).observe(document.documentElement, { attributes: true, attributeFilter: ["data-hydrated"] });
      if (document.documentElement) watch();
      else document.addEventListener("readystatechange", watch, { once: true });
    });
    const page = await context.newPage();
    await signIn(page, events);
    await controlledByWorker(page);
    let cached = 0;
    for (let t = 0; t < 120 && !cached; t++) {
      cached = await inPage(page, pageHelperCached);
      if (!cached) await sleep(250);
    }
    if (!cached) fail("the service worker did not cache the helper's pages within 30 s of the sign-in");
    log(`  signed in as ${HELPER}, first sync done, ${cached} entries in the service worker's cache`);
    await context.setOffline(true);
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto("/").catch((e) => fail(`opening / offline failed (not in the service worker's cache?): ${e.message.split("\n")[0]}`));
      await hydrated(page);
      const t = await inPage(page, () => window.__hydratedAt);
      if (typeof t !== "number") fail("the page hydrated but its time was not taken");
      times.push(t);
      log(`  offline load ${run + 1}: interactive after ${ms(t)}`);
    }
    const onPhone = await inPage(page, async (name) => (await indexedDB.databases()).some((d) => d.name === name), DB.name);
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    console.log(`time to interactive from the service worker's cache, offline, home page of a signed-in helper: median ${ms(median)} over ${RUNS} loads (${times.map(ms).join(", ")})${onPhone ? "" : "; NOTE: the phone's store was not found"}`);
    const figures = new Figures("bench/offline_tti.mjs");
    figures.add({ key: "offline.tti_home", name: "time to interactive, helper's home from the service-worker cache, network off (median)", value: median, unit: "ms", note: `${RUNS} loads, first ${ms(times[0])}` });
    figures.write();
    await context.close();
  } finally {
    await browser.close();
    await stopServer(server);
  }
}

main().catch((e) => {
  console.error(`\nbench/offline_tti.mjs failed: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  killServersNow();
  process.exit(1);
});
