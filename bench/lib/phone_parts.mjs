// The phone benchmark's parts (issue 5's figures): saving a form and storing records, pushing
// queued records, pulling into a new phone. Each gets a server of its own. `run` carries the
// counts (`N`), the profile directory and `figure(key, name, value ms, target ms, note)`.
import { APP_PULL_LIMIT, APP_PUSH_CHUNK } from "./app_constants.mjs";
import { apiSession, serverPullTime, serverReports, seedServer } from "./api.mjs";
import {
  DB, HELPER, badge, controlledByWorker, hydrated, inPage, instrumentedContext, longTasks, profiler, reportTemplate,
  signIn, syncCard, timeline, waitForEvent,
} from "./browser.mjs";
import { countOnPhone, pageAccount, pageSaveForms, pageWriteRecords } from "./in_page.mjs";
import { fail, log, ms, sleep } from "./log.mjs";
import { startServer, stopServer } from "./server.mjs";

/// Saves before the measured ones (the first loads code and warms the store).
const WARM_UP = 3;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(values) {
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    max: Math.max(...values),
    mean: sum / values.length,
  };
}

/** Figures 1 and 2: saving the form; storing records in IndexedDB. */
export async function partSavesAndStore(browser, devices, run) {
  const { N, profileDir, figure } = run;
  log(`part 1: ${N.saves} form saves, then ${N.store} records into IndexedDB`);
  const server = await startServer("part 1");
  const { context, events } = await instrumentedContext(browser, server.base, devices);
  try {
    const page = await context.newPage();
    await signIn(page, events);
    await controlledByWorker(page);
    log("  signed in, first sync done; opening the hardship form");
    await page.getByRole("link", { name: "报告困难情况" }).first().click();
    await page.waitForURL(/\/report$/);
    await page.waitForSelector('form textarea[name="description"]', { timeout: 30_000 });
    const marker = `bench-save-${Date.now()}`;
    const times = await inPage(page, pageSaveForms, { n: N.saves + WARM_UP, gap: 150, marker });
    const measured = times.slice(WARM_UP);
    const s = stats(measured);
    figure(
      "phone.save_p95",
      `1. save one form, p95 over ${s.n} saves`,
      s.p95,
      20,
      `p50 ${ms(s.p50)}, max ${ms(s.max)}, first (cold) ${ms(times[0])}; ${await countOnPhone(page, DB, marker).then((c) => `${c.total} records on the phone`)}`,
    );

    // Figure 2 on a phone nobody is signed in to (no sync round runs), the app's store open.
    const fresh = await instrumentedContext(browser, server.base, devices);
    try {
      const p = await fresh.context.newPage();
      await p.goto("/signin");
      await hydrated(p);
      let opened = false;
      for (let i = 0; i < 150 && !opened; i++) {
        opened = await inPage(p, async (name) => (await indexedDB.databases()).some((d) => d.name === name), DB.name);
        if (!opened) await sleep(100);
      }
      if (!opened) log("  (the app had not opened its database within 15 s: the script creates it with the app's schema)");
      const account = { user: "00000000-0000-7000-8000-000000000000", place: "500231101201" };
      const one = await inPage(p, pageWriteRecords, { db: DB, count: N.store, perTx: N.store, template: reportTemplate(account), marker: "bench-store-a", state: "saved", outbox: true });
      figure("phone.store_one_tx", `2. store ${N.store} records in IndexedDB, one transaction (record + outbox entry each)`, one, null);
      const each = await inPage(p, pageWriteRecords, { db: DB, count: N.store, perTx: 1, template: reportTemplate(account), marker: "bench-store-b", state: "saved", outbox: true });
      figure("phone.store_tx_each", `2b. store ${N.store} records in IndexedDB, one transaction per record (as ${N.store} single saves)`, each, null, `${ms(each / N.store)} per record`);
    } finally {
      await fresh.context.close();
    }
  } finally {
    await context.close();
    await stopServer(server);
  }
}

/**
 * Figure 3: a phone with N.push unsent reports gets a network, watched on the sync page (and
 * then 1b: saves on the full phone). With `onHome`, figure 3b: the same with the phone on its
 * home page, where no record list is drawn.
 */
export async function partPush(browser, devices, run, { onHome = false } = {}) {
  const { N, profileDir, figure } = run;
  const label = onHome ? "part 2b" : "part 2";
  log(`${label}: push ${N.push} queued reports from the phone, watched ${onHome ? "on the home page" : "on the sync page"}`);
  const server = await startServer(label);
  const { context, events } = await instrumentedContext(browser, server.base, devices);
  try {
    const page = await context.newPage();
    await signIn(page, events);
    log("  signed in, first sync done");
    await controlledByWorker(page);
    const account = await inPage(page, pageAccount, { db: DB });
    if (!account?.user || !account?.place) fail(`no account in the app's store after sign-in: ${JSON.stringify(account)}`);

    await context.setOffline(true);
    const marker = `bench-push-${Date.now()}`;
    const seeded = await inPage(page, pageWriteRecords, { db: DB, count: N.push, perTx: 1000, template: reportTemplate(account), marker, state: "saved", outbox: true });
    log(`  wrote ${N.push} reports and their outbox entries into the phone's IndexedDB in ${ms(seeded)} (offline)`);
    const offlineLoad = (e) => fail(`loading the app offline failed (is it in the service worker's cache?): ${e.message.split("\n")[0]}`);
    if (onHome) {
      await page.goto("/").catch(offlineLoad);
      await hydrated(page);
      await page
        .waitForFunction((n) => Number(document.querySelector('[data-testid="unsent-badge"]')?.textContent) >= n, N.push, { timeout: 180_000, polling: 500 })
        .catch(async () => fail(`offline on the home page, the unsent badge does not show ${N.push}: “${await badge(page)}”`));
      log(`  home page offline, unsent badge ${await badge(page)}`);
    } else {
      await page.reload().catch(offlineLoad);
      await hydrated(page);
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="count-saved"]')?.textContent) >= n &&
          document.querySelector("section.sync-status")?.getAttribute("data-phase") === "Offline",
        N.push,
        { timeout: 180_000, polling: 500 },
      ).catch(async () => fail(`after the offline reload the sync page does not show ${N.push} waiting, offline: ${await syncCard(page)}`));
      log(`  reloaded offline: ${await syncCard(page)}`);
    }
    await sleep(1000);

    events.length = 0;
    const prof = onHome ? { stop: async () => {} } : await profiler(context, page, profileDir);
    await context.setOffline(false);
    const online = await waitForEvent(events, (e) => e.type === "online", { timeout: 10_000, what: "the page's online event" });
    const stopped = async () => {
      const phases = events.filter((e) => e.type === "phase");
      const last = phases.at(-1)?.phase ?? "";
      const pushed = phases.some((e) => e.phase === "Pushing");
      if (last.startsWith("Failed") || (pushed && last === "Offline")) {
        return `sync stopped: ${await syncCard(page).catch(() => last)}`;
      }
      if (last === "Idle" && pushed) {
        const card = await syncCard(page).catch(() => "");
        if (/需处理 [1-9]/.test(card)) return `the server refused some: ${card}`;
      }
      return null;
    };
    const done = onHome
      ? await waitForEvent(events, (e) => e.type === "badge" && e.value == null && e.at >= online.at, {
          timeout: 20 * 60_000,
          what: `pushing ${N.push} reports (until the unsent badge goes)`,
          progress: async () => `unsent badge ${await badge(page)}`,
        })
      : await waitForEvent(events, (e) => e.type === "done" && e.at >= online.at, {
          timeout: 20 * 60_000,
          what: `pushing ${N.push} reports`,
          progress: () => syncCard(page),
          stop: stopped,
        });
    await prof.stop("push");
    // The push phase ends when the round's first pull request starts (resource timing), or,
    // on the sync page, when the card's phase leaves Pushing.
    const firstPull = await inPage(page, function firstPullRequest(since) {
      const pulls = performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("/api/sync/v1/pull") && performance.timeOrigin + e.startTime >= since);
      return pulls.length ? performance.timeOrigin + pulls[0].startTime : null;
    }, online.at);
    const pushing = events.find((e) => e.type === "phase" && e.phase === "Pushing" && e.at >= online.at);
    const pushedAt = onHome
      ? firstPull
      : (pushing && events.find((e) => e.type === "phase" && e.at >= pushing.at && e.phase !== "Pushing"))?.at ?? firstPull;
    const pushTime = (pushedAt ?? done.at) - online.at;
    const round = done.at - online.at;
    const lt = longTasks(events, online.at, done.at);
    const api = await apiSession(server.base, HELPER);
    const onServer = await serverReports(api, marker);
    const onPhone = await countOnPhone(page, DB, marker);
    const common = `whole round with the pull after it ${(round / 1000).toFixed(2)} s; server holds ${onServer}/${N.push}; phone: ${onPhone.received} received, ${onPhone.outbox} left in outbox; longest task ${ms(lt.longest)} (${lt.over50} over 50 ms, ${(lt.total / 1000).toFixed(2)} s in long tasks)`;
    if (onHome) {
      figure("phone.push_home", `3b. push ${N.push} queued records, phone on its home page (online → first pull request)`, pushTime, 5000, common);
    } else {
      figure("phone.push", `3. push ${N.push} queued records to the server (online → push phase over)`, pushTime, 5000, `${common}; phases ${timeline(events, online.at, done.at)}`);
    }
    if (onServer !== N.push) fail(`the server holds ${onServer} of the ${N.push} pushed reports`);
    if (onHome) return;

    // 1b: the same form on a phone that now holds N.push more records.
    await page.getByRole("link", { name: "报告困难情况" }).first().click();
    await page.waitForURL(/\/report$/);
    await page.waitForSelector('form textarea[name="description"]', { timeout: 60_000 });
    const times = await inPage(page, pageSaveForms, { n: N.bigSaves + 1, gap: 500, marker: `bench-bigsave-${Date.now()}` });
    const s = stats(times.slice(1));
    figure("phone.save_p95_full", `1b. save one form with ${onPhone.total} records on the phone, p95 over ${s.n} saves`, s.p95, 20, `p50 ${ms(s.p50)}, max ${ms(s.max)}`);
  } finally {
    await context.close();
    await stopServer(server);
  }
}


/** Figure 4: a new phone signs in where the server holds N.pull of the helper's reports. */
export async function partPull(browser, devices, run) {
  const { N, profileDir, figure } = run;
  log(`part 3: pull ${N.pull} records into a new phone`);
  const server = await startServer("part 3");
  try {
    const api = await apiSession(server.base, HELPER);
    const marker = `bench-pull-${Date.now()}`;
    const seedTime = await seedServer(api, N.pull, marker, APP_PUSH_CHUNK);
    figure("phone.push_server_alone", `3c. server alone: accept ${N.pull} reports from Node, ${APP_PUSH_CHUNK} a push as the app sends them`, seedTime, null, "the server's share of figure 3");
    const { context, events } = await instrumentedContext(browser, server.base, devices);
    try {
      const page = await context.newPage();
      const prof = await profiler(context, page, profileDir);
      const { from, done } = await signIn(page, events, 20 * 60_000);
      await prof.stop("pull");
      const onPhone = await countOnPhone(page, DB, marker);
      const lt = longTasks(events, from, done);
      const note = events.find((e) => e.type === "note");
      figure(
        "phone.pull",
        `4. pull ${N.pull} records into a new phone (sign-in click → first sync complete)`,
        done - from,
        3000,
        `phone holds ${onPhone.records}/${N.pull} (${onPhone.total} records in all); phases ${timeline(events, from, done)}`,
      );
      figure(
        "phone.pull_longest_task",
        "4b. longest main-thread task while pulling",
        lt.longest,
        50,
        note ? note.text : `${lt.count} long tasks, ${lt.over50} over 50 ms${lt.when ? ` (${lt.when})` : ""}, ${(lt.total / 1000).toFixed(2)} s in all`,
      );
      if (onPhone.records !== N.pull) fail(`the new phone holds ${onPhone.records} of the ${N.pull} reports`);
      // After the phone's pull, so that it does not find the server's caches warmed.
      const served = await serverPullTime(api, APP_PULL_LIMIT);
      figure("phone.pull_server_alone", `4c. server alone: hand out ${served.changes} records to Node, ${APP_PULL_LIMIT} a page as the app asks`, served.ms, null, "the server's share of figure 4");
    } finally {
      await context.close();
    }
  } finally {
    await stopServer(server);
  }
}

