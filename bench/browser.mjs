// The phone app's benchmark (issue 5) in headless Chromium, phone viewport 390x844, against a
// release server started here on a throwaway SQLite database with the demo data. Prints each
// figure beside its target ("within" / "over"); it asserts nothing about timings and fails
// only when a step cannot be carried out (the app did not save, sync did not finish, …).
//
//   node bench/browser.mjs [--saves=60] [--store=1000] [--push=10000] [--pull=10000]
//                          [--big-saves=20] [--parts=1,2,2b,3] [--profile=DIR]
//
// Needs target/release/onedoor and target/site (scripts/build.sh) and /usr/bin/chromium (or
// CHROMIUM_PATH). Each of the three parts gets a server of its own, so one part's records
// never travel in another's sync. Times are taken inside the page (performance.now(), or
// performance.timeOrigin + performance.now() where a time must outlive one call), so
// Playwright's round trips are not counted. See bench/README-browser.md.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { hardshipBody, saveReportOp } from "../end2end/fixtures/hardship_body.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = process.env.ONEDOOR_BIN ?? join(root, "target/release/onedoor");
const SITE = process.env.ONEDOOR_SITE ?? join(root, "target/site");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PASSWORD = "onedoor-demo";
const HELPER = "helper";
/// The sync page's status line once everything went and came (sync.all_received).
const DONE = "全部记录已送达乡镇。";
/// `app/src/store/db.rs`: DB_NAME, DB_VERSION and the stores with their key paths.
const DB = { name: "onedoor", version: 3 };
/// `domain::sync::MAX_OPS_PER_PUSH`.
const MAX_OPS_PER_PUSH = 1000;
/// `app/src/sync/engine.rs`: PUSH_CHUNK and PULL_LIMIT.
const APP_PUSH_CHUNK = 200;
const APP_PULL_LIMIT = 500;
/// `domain::sync::MAX_PULL_LIMIT`.
const MAX_PULL_LIMIT = 2000;

class BenchError extends Error {}

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
/// Saves before the measured ones (the first loads code and warms the store).
const WARM_UP = 3;

// ---------------------------------------------------------------------------------------------
// Output

const figures = [];
const started = Date.now();

function log(line) {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${line}`);
}

function fail(message) {
  throw new BenchError(message);
}

const ms = (x) => `${x.toFixed(1)} ms`;

/** Records and prints one figure; `target` in ms (or null when none is given). */
function figure(name, value, target, note = "") {
  const verdict = target == null ? "no target" : value <= target ? "within" : "over";
  const tgt = target == null ? "" : ` (target ≤ ${target >= 1000 ? `${target / 1000} s` : `${target} ms`})`;
  const shown = value >= 1000 ? `${(value / 1000).toFixed(2)} s` : ms(value);
  const line = `${name}: ${shown}${tgt} — ${verdict}${note ? `; ${note}` : ""}`;
  figures.push(line);
  log(`FIGURE ${line}`);
}

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

// ---------------------------------------------------------------------------------------------
// The server

const servers = new Set();

async function freePort() {
  return new Promise((ok, no) => {
    const s = createServer();
    s.once("error", no);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** A release server on a new database with the demo data; resolves once /healthz answers. */
async function startServer(label) {
  for (const [what, path] of [["server binary", BIN], ["site", SITE]]) {
    if (!existsSync(path)) fail(`no ${what} at ${path}: build first (./scripts/build.sh)`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "onedoor-bench-"));
  const args = [
    "--listen", `127.0.0.1:${port}`,
    "--database-url", `sqlite://${dir}/bench.db`,
    "--demo-data",
    "--site-root", SITE,
    "--log", "warn",
  ];
  const child = spawn(BIN, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  // Its start-up banner (the demo accounts) is left out; warnings and errors are shown.
  let rest = "";
  child.stdout.on("data", (chunk) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop();
    for (const l of lines) if (/\b(WARN|ERROR)\b/.test(l)) console.error(`  [${label} server] ${l}`);
  });
  const server = { child, dir, port, base: `http://127.0.0.1:${port}`, exited: null };
  servers.add(server);
  child.on("exit", (code, signal) => (server.exited = { code, signal }));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exited) fail(`the ${label} server exited at start (${JSON.stringify(server.exited)})`);
    try {
      const res = await fetch(`${server.base}/healthz`);
      if (res.ok) {
        log(`${label} server up on ${server.base} (pid ${child.pid})`);
        await checkSite(server, label);
        return server;
      }
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  fail(`the ${label} server did not answer /healthz within 60 s`);
}

/** Fails when the page's scripts and styles are not in target/site (a rebuild under way, or
 * a server and a site from different builds): the app would not hydrate. */
async function checkSite(server, label) {
  const html = await (await fetch(`${server.base}/signin`)).text();
  const assets = [...new Set([...html.matchAll(/["'](\/pkg\/[^"'?#]+\.(?:js|css|wasm))["']/g)].map((m) => m[1]))];
  if (!assets.length) fail(`the ${label} server's /signin names no /pkg/ assets`);
  const missing = [];
  for (const a of assets) {
    const r = await fetch(`${server.base}${a}`);
    await r.arrayBuffer();
    if (!r.ok) missing.push(`${a} (${r.status})`);
  }
  if (missing.length) {
    fail(`target/site lacks what the server's pages name: ${missing.join(", ")}; are target/release/onedoor and target/site from the same build (or is a build writing them now)?`);
  }
}

async function stopServer(server) {
  if (!servers.delete(server)) return;
  if (!server.exited) {
    server.child.kill("SIGTERM");
    const deadline = Date.now() + 5000;
    while (!server.exited && Date.now() < deadline) await sleep(50);
    if (!server.exited) server.child.kill("SIGKILL");
  }
  rmSync(server.dir, { recursive: true, force: true });
}

function killServersNow() {
  for (const s of servers) {
    if (!s.exited) s.child.kill("SIGKILL");
    rmSync(s.dir, { recursive: true, force: true });
  }
  servers.clear();
}
process.on("exit", killServersNow);
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping`);
    killServersNow();
    process.exit(130);
  });
}

/** Starts Chrome's sampling profiler on `page` when --profile is given; `stop(name)` writes it. */
async function profiler(context, page) {
  if (!PROFILE_DIR) return { stop: async () => {} };
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    stop: async (name) => {
      const { profile } = await cdp.send("Profiler.stop");
      mkdirSync(PROFILE_DIR, { recursive: true });
      const file = join(PROFILE_DIR, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      log(`  CPU profile written to ${file}`);
      await cdp.detach();
    },
  };
}

const sleep = (t) => new Promise((r) => setTimeout(r, t));

// ---------------------------------------------------------------------------------------------
// The HTTP API, from Node (seeding the server, checking what it holds)

/** Signs in by the API; answers `me` and JSON `get`/`post` with the session cookie. */
async function apiSession(base, username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) fail(`API sign-in as ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) fail("API sign-in set no cookie");
  const me = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) fail(`${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  return { me, get: (p) => call("GET", p), post: (p, b) => call("POST", p, b) };
}

/** The ms the server takes to hand out everything after cursor 0, `limit` a page, from Node. */
async function serverPullTime(api, limit) {
  const t0 = performance.now();
  let cursor = 0;
  let changes = 0;
  for (;;) {
    const page = await api.get(`/api/sync/v1/pull?cursor=${cursor}&limit=${limit}`);
    changes += page.changes.length;
    cursor = page.cursor;
    if (!page.more) return { ms: performance.now() - t0, changes };
  }
}

/** Hardship reports the server gives this session whose description starts with `marker`. */
async function serverReports(api, marker) {
  let cursor = 0;
  let found = 0;
  for (;;) {
    const page = await api.get(`/api/sync/v1/pull?cursor=${cursor}&limit=${MAX_PULL_LIMIT}`);
    for (const c of page.changes) {
      if (c.kind === "hardship" && c.change === "upsert" && String(c.body?.description).startsWith(marker)) found++;
    }
    cursor = page.cursor;
    if (!page.more) return found;
  }
}

/** UUIDv7s in the order made (as `app/src/sync/time.rs` makes them). */
function uuidv7Maker() {
  let lastMs = 0;
  let seq = 0;
  return () => {
    let now = Date.now();
    if (now <= lastMs) {
      seq++;
      if (seq > 0xfff) {
        lastMs++;
        seq = 0;
      }
      now = lastMs;
    } else {
      lastMs = now;
      seq = 0;
    }
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
    b[6] = 0x70 | ((seq >> 8) & 0x0f);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8] & 0x3f);
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/** Puts `count` hardship reports on the server through `POST /api/sync/v1/push`, `chunk` a push. */
async function seedServer(api, count, marker, chunk) {
  const newId = uuidv7Maker();
  const device = newId();
  const reportedAt = new Date(Date.now() - 60_000).toISOString();
  let applied = 0;
  const t0 = performance.now();
  chunk = Math.min(chunk, MAX_OPS_PER_PUSH);
  for (let done = 0; done < count; done += chunk) {
    const ops = [];
    for (let i = done; i < Math.min(count, done + chunk); i++) {
      ops.push(saveReportOp(newId(), hardshipBody(newId(), api.me, `${marker} ${i}`, reportedAt)));
    }
    const answer = await api.post("/api/sync/v1/push", { device, ops });
    const refused = answer.results.filter((r) => r.outcome.outcome !== "applied");
    if (refused.length) fail(`the server refused ${refused.length} seeded reports, e.g. ${JSON.stringify(refused[0])}`);
    applied += answer.results.length;
    if (applied % 2000 === 0 || applied === count) log(`  seeded ${applied}/${count} on the server`);
  }
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// The browser

async function loadPlaywright() {
  for (const name of ["playwright-core", "@playwright/test"]) {
    try {
      return await import(name);
    } catch {
      /* try the next */
    }
  }
  fail("neither playwright-core nor @playwright/test is installed (./scripts/install.sh)");
}

/**
 * Every page of the context reports, with page times as ms since 1970
 * (performance.timeOrigin + performance.now()): long tasks, the sync card's phase changes,
 * when its status line starts or stops saying everything arrived, and `online` events.
 */
async function instrumentedContext(browser, base, devices) {
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
const pageErrors = [];

function watchErrors(page) {
  page.on("pageerror", (e) => pageErrors.push(`${page.url()}: uncaught ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(`${page.url()}: console.error ${m.text()}`);
  });
}

function lastErrors() {
  return pageErrors.length ? `; the page's last errors:\n    ${pageErrors.slice(-5).join("\n    ")}` : "";
}

/** `page.evaluate` with a time limit (Playwright gives it none) and the script's name on failure. */
async function inPage(page, fn, arg, timeout = 180_000) {
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

async function hydrated(page) {
  await page
    .waitForSelector('html[data-hydrated="true"]', { state: "attached", timeout: 60_000 })
    .catch(() => fail(`${page.url()} did not hydrate within 60 s (is target/site from the same build as the server?)${lastErrors()}`));
}

async function controlledByWorker(page) {
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

function statusLine(page) {
  return page.locator("section.sync-status .sync-line");
}

/** Waits for an event after `since` (page ms since 1970), printing `progress()` now and then. */
async function waitForEvent(events, pred, { timeout, what, progress, every = 5000, stop }) {
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
async function syncCard(page) {
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
async function signIn(page, events, timeout = 120_000) {
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
function timeline(events, from, to) {
  return events
    .filter((e) => e.type === "phase" && e.at >= from && e.at <= to + 1)
    .map((e) => `+${Math.round(e.at - from)} ms ${e.phase ?? "(no card)"}`)
    .join(", ");
}

function longTasks(events, from, to) {
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
function reportTemplate(account) {
  return hardshipBody(null, account, "", new Date(Date.now() - 60_000).toISOString());
}

// ---------------------------------------------------------------------------------------------
// In the page (these functions are sent to the browser whole: no outside names)

/**
 * Writes `count` hardship reports into the app's IndexedDB in its own layout
 * (`store::records::LocalRecord`, and with `outbox`, `store::outbox::Queued` whole-record
 * saves), `perTx` records per transaction. Answers the ms the transactions took (the objects
 * are made before the clock starts).
 */
async function pageWriteRecords({ db: dbInfo, count, perTx, template, marker, state, outbox }) {
  const open = (version) =>
    new Promise((ok, no) => {
      const r = version ? indexedDB.open(dbInfo.name, version) : indexedDB.open(dbInfo.name);
      r.onupgradeneeded = () => {
        // The app's schema (app/src/store/db.rs), in case this page got here first.
        const db = r.result;
        const stores = [["records", "key"], ["outbox", "key"], ["meta", null], ["uploads", "key"], ["attachments", "sha256"]];
        for (const [name, keyPath] of stores) {
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, keyPath ? { keyPath } : undefined);
        }
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
      r.onblocked = () => no(new Error("IndexedDB open blocked"));
    });
  let db;
  try {
    db = await open(dbInfo.version);
  } catch (e) {
    if (e?.name !== "VersionError") throw e;
    db = await open(null); // the app's schema moved on; write into whatever it is now
  }
  for (const s of ["records", "outbox"]) {
    if (!db.objectStoreNames.contains(s)) throw new Error(`the app's database has no “${s}” store`);
  }
  let lastMs = 0;
  let seq = 0;
  const uuidv7 = () => {
    let now = Date.now();
    if (now <= lastMs) {
      if (++seq > 0xfff) {
        lastMs++;
        seq = 0;
      }
      now = lastMs;
    } else {
      lastMs = now;
      seq = 0;
    }
    const b = crypto.getRandomValues(new Uint8Array(16));
    for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
    b[6] = 0x70 | ((seq >> 8) & 0x0f);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8] & 0x3f);
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const rows = [];
  for (let i = 0; i < count; i++) {
    const id = uuidv7();
    const body = { ...template, id, description: `${marker} ${i}` };
    const key = `hardship:${id}`;
    const record = { key, kind: "hardship", id, version: null, state, message: null, saved_at: Date.now(), local: true, body };
    const queued = outbox
      ? {
          key,
          record: key,
          op: {
            id: uuidv7(),
            made_at: new Date().toISOString(),
            body: { op: "save_field_record", kind: "hardship", id, base_version: null, body },
          },
        }
      : null;
    rows.push([record, queued]);
  }
  const stores = outbox ? ["records", "outbox"] : ["records"];
  const t0 = performance.now();
  for (let at = 0; at < rows.length; at += perTx) {
    await new Promise((ok, no) => {
      const tx = db.transaction(stores, "readwrite");
      const records = tx.objectStore("records");
      const box = outbox ? tx.objectStore("outbox") : null;
      for (const [record, queued] of rows.slice(at, at + perTx)) {
        records.put(record);
        if (box) box.put(queued);
      }
      tx.oncomplete = ok;
      tx.onerror = () => no(tx.error);
      tx.onabort = () => no(tx.error ?? new Error("transaction aborted"));
    });
  }
  const took = performance.now() - t0;
  db.close();
  return took;
}

/** How many of the app's records (and outbox entries) have a description starting `marker`. */
async function pageCount({ db: dbInfo, marker }) {
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open(dbInfo.name);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  const all = (store) =>
    new Promise((ok, no) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
  const records = await all("records");
  const outbox = await all("outbox");
  db.close();
  const mine = records.filter((r) => String(r.body?.description).startsWith(marker));
  return {
    records: mine.length,
    received: mine.filter((r) => r.state === "received").length,
    outbox: outbox.length,
    total: records.length,
  };
}

/** The signed-in account as the app keeps it (`meta` store, key `account`). */
async function pageAccount({ db: dbInfo }) {
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open(dbInfo.name);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  const account = await new Promise((ok, no) => {
    const r = db.transaction("meta").objectStore("meta").get("account");
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  db.close();
  return account;
}

/**
 * Saves the hardship form `n` times: types a description, clicks 保存, and times from the
 * click to the moment the "saved" status is put in the page (MutationObserver). Waits `gap`
 * ms between saves (the sync round each save starts runs meanwhile).
 */
async function pageSaveForms({ n, gap, marker }) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const area = document.querySelector('form textarea[name="description"]');
    const button = document.querySelector('form button[type="submit"]');
    if (!area || !button) throw new Error("the hardship form is not on the page");
    area.value = `${marker} ${i}`;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    let t0 = 0;
    const saved = new Promise((ok, no) => {
      const timer = setTimeout(() => {
        mo.disconnect();
        no(new Error(`save ${i + 1}: no “saved” status within 10 s`));
      }, 10_000);
      const mo = new MutationObserver((list) => {
        const t = performance.now();
        for (const m of list) {
          for (const node of m.addedNodes) {
            if (node.nodeType !== 1) continue;
            if (node.matches("p.saved") || node.querySelector("p.saved")) {
              mo.disconnect();
              clearTimeout(timer);
              return ok(t);
            }
            const alert = node.matches('[role="alert"]') ? node : node.querySelector('[role="alert"]');
            if (alert && alert.closest("form")) {
              mo.disconnect();
              clearTimeout(timer);
              return no(new Error(`save ${i + 1} refused: ${alert.textContent.trim()}`));
            }
          }
        }
      });
      mo.observe(document.body, { childList: true, subtree: true });
    });
    t0 = performance.now();
    button.click();
    times.push((await saved) - t0);
    await new Promise((r) => setTimeout(r, gap));
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// The parts

/** Figures 1 and 2: saving the form; storing records in IndexedDB. */
async function partSavesAndStore(browser, devices) {
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
      `1. save one form, p95 over ${s.n} saves`,
      s.p95,
      20,
      `p50 ${ms(s.p50)}, max ${ms(s.max)}, first (cold) ${ms(times[0])}; ${await inPage(page, pageCount, { db: DB, marker }).then((c) => `${c.total} records on the phone`)}`,
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
      figure(`2. store ${N.store} records in IndexedDB, one transaction (record + outbox entry each)`, one, null);
      const each = await inPage(p, pageWriteRecords, { db: DB, count: N.store, perTx: 1, template: reportTemplate(account), marker: "bench-store-b", state: "saved", outbox: true });
      figure(`2b. store ${N.store} records in IndexedDB, one transaction per record (as ${N.store} single saves)`, each, null, `${ms(each / N.store)} per record`);
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
async function partPush(browser, devices, { onHome = false } = {}) {
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
    const prof = onHome ? { stop: async () => {} } : await profiler(context, page);
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
    const onPhone = await inPage(page, pageCount, { db: DB, marker });
    const common = `whole round with the pull after it ${(round / 1000).toFixed(2)} s; server holds ${onServer}/${N.push}; phone: ${onPhone.received} received, ${onPhone.outbox} left in outbox; longest task ${ms(lt.longest)} (${lt.over50} over 50 ms, ${(lt.total / 1000).toFixed(2)} s in long tasks)`;
    if (onHome) {
      figure(`3b. push ${N.push} queued records, phone on its home page (online → first pull request)`, pushTime, 5000, common);
    } else {
      figure(`3. push ${N.push} queued records to the server (online → push phase over)`, pushTime, 5000, `${common}; phases ${timeline(events, online.at, done.at)}`);
    }
    if (onServer !== N.push) fail(`the server holds ${onServer} of the ${N.push} pushed reports`);
    if (onHome) return;

    // 1b: the same form on a phone that now holds N.push more records.
    await page.getByRole("link", { name: "报告困难情况" }).first().click();
    await page.waitForURL(/\/report$/);
    await page.waitForSelector('form textarea[name="description"]', { timeout: 60_000 });
    const times = await inPage(page, pageSaveForms, { n: N.bigSaves + 1, gap: 500, marker: `bench-bigsave-${Date.now()}` });
    const s = stats(times.slice(1));
    figure(`1b. save one form with ${onPhone.total} records on the phone, p95 over ${s.n} saves`, s.p95, 20, `p50 ${ms(s.p50)}, max ${ms(s.max)}`);
  } finally {
    await context.close();
    await stopServer(server);
  }
}

async function badge(page) {
  return inPage(page, () => document.querySelector('[data-testid="unsent-badge"]')?.textContent?.trim() ?? "none", undefined, 30_000);
}

/** Figure 4: a new phone signs in where the server holds N.pull of the helper's reports. */
async function partPull(browser, devices) {
  log(`part 3: pull ${N.pull} records into a new phone`);
  const server = await startServer("part 3");
  try {
    const api = await apiSession(server.base, HELPER);
    const marker = `bench-pull-${Date.now()}`;
    const seedTime = await seedServer(api, N.pull, marker, APP_PUSH_CHUNK);
    figure(`3c. server alone: accept ${N.pull} reports from Node, ${APP_PUSH_CHUNK} a push as the app sends them`, seedTime, null, "the server's share of figure 3");
    const { context, events } = await instrumentedContext(browser, server.base, devices);
    try {
      const page = await context.newPage();
      const prof = await profiler(context, page);
      const { from, done } = await signIn(page, events, 20 * 60_000);
      await prof.stop("pull");
      const onPhone = await inPage(page, pageCount, { db: DB, marker });
      const lt = longTasks(events, from, done);
      const note = events.find((e) => e.type === "note");
      figure(
        `4. pull ${N.pull} records into a new phone (sign-in click → first sync complete)`,
        done - from,
        3000,
        `phone holds ${onPhone.records}/${N.pull} (${onPhone.total} records in all); phases ${timeline(events, from, done)}`,
      );
      figure(
        "4b. longest main-thread task while pulling",
        lt.longest,
        50,
        note ? note.text : `${lt.count} long tasks, ${lt.over50} over 50 ms${lt.when ? ` (${lt.when})` : ""}, ${(lt.total / 1000).toFixed(2)} s in all`,
      );
      if (onPhone.records !== N.pull) fail(`the new phone holds ${onPhone.records} of the ${N.pull} reports`);
      // After the phone's pull, so that it does not find the server's caches warmed.
      const served = await serverPullTime(api, APP_PULL_LIMIT);
      figure(`4c. server alone: hand out ${served.changes} records to Node, ${APP_PULL_LIMIT} a page as the app asks`, served.ms, null, "the server's share of figure 4");
    } finally {
      await context.close();
    }
  } finally {
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const { chromium, devices } = await loadPlaywright();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  log(`Chromium ${browser.version()}; phone viewport 390x844`);
  try {
    if (PARTS.includes("1")) await partSavesAndStore(browser, devices);
    if (PARTS.includes("2")) await partPush(browser, devices);
    if (PARTS.includes("2b")) await partPush(browser, devices, { onHome: true });
    if (PARTS.includes("3")) await partPull(browser, devices);
  } finally {
    await browser.close();
  }
  console.log("\nonedoor phone benchmark (headless Chromium, 390x844):");
  const order = (f) => f.slice(0, f.indexOf(" "));
  const sorted = [...figures].sort((a, b) => order(a).localeCompare(order(b), "en", { numeric: true }));
  for (const f of sorted) console.log(`  ${f}`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(`\nbench/browser.mjs failed: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  if (figures.length) {
    console.error("figures so far:");
    for (const f of figures) console.error(`  ${f}`);
  }
  killServersNow();
  process.exit(1);
});
