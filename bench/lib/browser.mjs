// Headless Chromium for the benchmarks, through Playwright: launching it, a phone context whose
// pages report what the benchmarks time (long tasks, the sync card's phases, `online` events),
// signing in through the form, and waiting in the page with a time limit.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { BenchError, fail, log, sleep } from "./log.mjs";
import { PASSWORD } from "./api.mjs";
import { hardshipBody } from "../../end2end/fixtures/hardship_body.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const HELPER = "helper";
/// The sync page's status line once everything went and came (sync.all_received).
export const DONE = "全部记录已送达乡镇。";
/// `app/src/store/db.rs`: DB_NAME, DB_VERSION and the stores with their key paths.
export const DB = { name: "onedoor", version: 3 };
/// Chromium's switches for a quiet, reproducible benchmark run.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function loadPlaywright() {
  for (const name of ["playwright-core", "@playwright/test"]) {
    try {
      return await import(name);
    } catch {
      /* try the next */
    }
  }
  fail("neither playwright-core nor @playwright/test is installed (./scripts/install.sh)");
}

/** Debian's Chromium (or $CHROMIUM_PATH), headless; `extraArgs` are added to the switches. */
export async function launchChromium(extraArgs = []) {
  if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const playwright = await loadPlaywright();
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
  return { browser, devices: playwright.devices, playwright };
}

/** Starts Chrome's sampling profiler on `page` when `dir` is given; `stop(name)` writes it. */
export async function profiler(context, page, dir) {
  if (!dir) return { stop: async () => {} };
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    stop: async (name) => {
      const { profile } = await cdp.send("Profiler.stop");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      log(`  CPU profile written to ${file}`);
      await cdp.detach();
    },
  };
}

/**
 * Every page of the context reports, with page times as ms since 1970
 * (performance.timeOrigin + performance.now()): long tasks, the sync card's phase changes,
 * when its status line starts or stops saying everything arrived, and `online` events.
 */
export async function instrumentedContext(browser, base, devices) {
  const context = await browser.newContext({
    ...(devices["Pixel 7"] ?? {}),
    viewport: { width: 390, height: 844 },
    baseURL: base,
    locale: "zh-CN",
  });
  const events = [];
  context.on("page", watchErrors);
  await context.exposeBinding("__benchEvent", (_source, ev) => {
    events.push(ev);
  });
  await context.addInitScript((DONE) => {
    const now = () => performance.timeOrigin + performance.now();
    const queue = [];
    const flush = () => {
      if (typeof window.__benchEvent !== "function") return setTimeout(flush, 10);
      while (queue.length) window.__benchEvent(queue.shift());
    };
    const send = (ev) => {
      queue.push(ev);
      flush();
    };
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          send({ type: "longtask", at: performance.timeOrigin + e.startTime, duration: e.duration });
        }
      }).observe({ type: "longtask", buffered: true });
    } catch (e) {
      send({ type: "note", text: `no long-task observer: ${e}` });
    }
    window.addEventListener("online", () => send({ type: "online", at: now() }));
    // Room for every sync request of a long round (the default keeps 250 entries).
    performance.setResourceTimingBufferSize(100_000);
    let phase;
    let done;
    let unsent;
    const check = () => {
      const card = document.querySelector("section.sync-status");
      const p = card ? card.getAttribute("data-phase") : null;
      const line = card?.querySelector(".sync-line")?.textContent?.trim() ?? null;
      const t = now();
      if (p !== phase) {
        phase = p;
        send({ type: "phase", phase: p, at: t });
      }
      const b = document.querySelector('[data-testid="unsent-badge"]')?.textContent?.trim() ?? null;
      if (b !== unsent) {
        unsent = b;
        send({ type: "badge", value: b, at: t });
      }
      const d = line === DONE;
      if (d !== done) {
        done = d;
        send({ type: d ? "done" : "undone", at: t, line });
      }
    };
    const watch = () => {
      new MutationObserver(check).observe(document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ["data-phase"],
      });
      check();
    };
    if (document.documentElement) watch();
    else document.addEventListener("readystatechange", watch, { once: true });
  }, DONE);
  return { context, events };
}

/** The page's console errors and uncaught exceptions, kept for failure messages. */
export const pageErrors = [];

export function watchErrors(page) {
  page.on("pageerror", (e) => pageErrors.push(`${page.url()}: uncaught ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(`${page.url()}: console.error ${m.text()}`);
  });
}

export function lastErrors() {
  return pageErrors.length ? `; the page's last errors:\n    ${pageErrors.slice(-5).join("\n    ")}` : "";
}

/** `page.evaluate` with a time limit (Playwright gives it none) and the script's name on failure. */
export async function inPage(page, fn, arg, timeout = 180_000) {
  let timer;
  const late = new Promise((_, no) => {
    timer = setTimeout(() => no(new BenchError(`${fn.name || "a page script"} did not finish within ${timeout / 1000} s on ${page.url()}${lastErrors()}`)), timeout);
  });
  try {
    return await Promise.race([page.evaluate(fn, arg), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function hydrated(page) {
  await page
    .waitForSelector('html[data-hydrated="true"]', { state: "attached", timeout: 60_000 })
    .catch(() => fail(`${page.url()} did not hydrate within 60 s (is target/site from the same build as the server?)${lastErrors()}`));
}

export async function controlledByWorker(page) {
  const control = (timeout) =>
    inPage(page, async function serviceWorkerControl() {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return;
      await new Promise((r) => {
        navigator.serviceWorker.addEventListener("controllerchange", r);
        if (navigator.serviceWorker.controller) r();
      });
    }, undefined, timeout);
  try {
    await control(20_000);
  } catch {
    // A worker that activated without claiming this page takes it over at the next load.
    log("  the service worker did not take the page over within 20 s: reloading once");
    await page.reload();
    await hydrated(page);
    await control(40_000);
  }
}

/** Waits for an event after `since` (page ms since 1970), printing `progress()` now and then. */
export async function waitForEvent(events, pred, { timeout, what, progress, every = 5000, stop }) {
  const deadline = Date.now() + timeout;
  let next = Date.now() + every;
  for (;;) {
    const ev = events.find(pred);
    if (ev) return ev;
    if (Date.now() > deadline) fail(`${what}: not within ${timeout / 1000} s${lastErrors()}`);
    if (stop) {
      const why = await stop();
      if (why) fail(`${what}: ${why}`);
    }
    if (progress && Date.now() >= next) {
      next = Date.now() + every;
      log(`  … ${await progress().catch((e) => `(page busy: ${e.message.split("\n")[0]})`)}`);
    }
    await sleep(100);
  }
}

/** What the sync card says now. */
export async function syncCard(page) {
  const read = page.evaluate(() => {
    const card = document.querySelector("section.sync-status");
    if (!card) return "no sync card on this page";
    const get = (sel) => card.querySelector(sel)?.textContent?.trim() ?? "";
    return `${card.getAttribute("data-phase")}: ${get(".sync-line")} ${get('[data-testid="sync-counts"]')} · 待发 ${get('[data-testid="count-saved"]')} · 已收 ${get('[data-testid="count-received"]')} · 需处理 ${get('[data-testid="count-attention"]')}`.trim();
  });
  const late = sleep(10_000).then(() => "(the page did not answer within 10 s: main thread busy)");
  return Promise.race([read, late]);
}

/** Signs in through the form and waits for the first sync to finish. */
export async function signIn(page, events, timeout = 120_000) {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("用户名").fill(HELPER);
  await page.getByLabel("密码").fill(PASSWORD);
  const from = await page.getByRole("button", { name: "登录" }).evaluate((b) => {
    const t = performance.timeOrigin + performance.now();
    b.click();
    return t;
  });
  const done = await waitForEvent(events, (e) => e.type === "done" && e.at >= from, {
    timeout,
    what: "the first sync after sign-in",
    progress: () => syncCard(page),
    stop: async () => {
      if (!page.url().endsWith("/signin")) return null;
      const alert = await page.locator('[role="alert"]').first().textContent({ timeout: 50 }).catch(() => null);
      return alert && alert.trim() ? `the sign-in page says “${alert.trim()}”` : null;
    },
  });
  return { from, done: done.at };
}

/** The phase changes between `from` and `to`, as "+ms phase" steps. */
export function timeline(events, from, to) {
  return events
    .filter((e) => e.type === "phase" && e.at >= from && e.at <= to + 1)
    .map((e) => `+${Math.round(e.at - from)} ms ${e.phase ?? "(no card)"}`)
    .join(", ");
}

export function longTasks(events, from, to) {
  const tasks = events.filter((e) => e.type === "longtask" && e.at + e.duration >= from && e.at <= to);
  const durations = tasks.map((t) => t.duration);
  return {
    count: tasks.length,
    over50: durations.filter((d) => d > 50).length,
    longest: durations.length ? Math.max(...durations) : 0,
    total: durations.reduce((a, b) => a + b, 0),
    // When the ones over 50 ms began, after `from`: where in the timeline to look.
    when: tasks
      .filter((t) => t.duration > 50)
      .map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.at - from)} ms`)
      .join(", "),
  };
}

/** The report every written record copies, with its own id and description. */
export function reportTemplate(account) {
  return hardshipBody(null, account, "", new Date(Date.now() - 60_000).toISOString());
}

export async function badge(page) {
  return inPage(page, () => document.querySelector('[data-testid="unsent-badge"]')?.textContent?.trim() ?? "none", undefined, 30_000);
}
