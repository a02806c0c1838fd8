// onedoor beside PouchDB/CouchDB replication (issue 23, point 2), in the same headless Chromium
// on the same machine in the same run:
//
//   - 10,000 households with their members (bench/lib/village.mjs; about 1 KB of JSON each, as
//     the phone's household form saves one): a phone holding them unsent pushes them, then a
//     new phone (a fresh browser profile) pulls them;
//   - the first sync of a new phone and a 1,000-household village's full data (each household,
//     a draft case for it and a hardship report about it: 3,000 records), both ways.
//
// onedoor: the release server (bench/lib/server.mjs) and the app's own sync, as
// bench/browser.mjs drives it: the records and their outbox entries are written into the
// phone's IndexedDB in the app's layout while offline, then the network comes back; a new phone
// signs in and its first sync pulls. PouchDB: `pouchdb` 9.0.0's browser build (its default
// IndexedDB adapter, `idb`) in a page served from .tools, the same JSON documents written with
// `bulkDocs`, then `db.replicate.to(remote)` / a fresh profile's `db.replicate.from(remote)`
// with PouchDB's default options, against `pouchdb-server` 4.2.0 (express-pouchdb over
// LevelDB on disk, leveldown's prebuilt binary) on loopback. Both are opened through the same
// counting proxy (bench/lib/counting_proxy.mjs), which counts request and response bodies as
// they travel (compressed where the server compresses; headers not counted): for onedoor every
// `/api/` request but the sign-in, for PouchDB every request to pouchdb-server.
//
// Times are taken in the page. onedoor's push: the `online` event → the sync card leaving its
// push phase (as bench/browser.mjs's figure 3); its pull: the first `/api/sync/` request of the
// new phone → its sync card saying everything arrived (sign-in click → done is printed too).
// PouchDB's: the `replicate` call → its promise resolving.
//
//   node bench/pouchdb.mjs [--quick] [--records N] [--village N] [--json FILE]
//
// Installs pouchdb@9.0.0 and pouchdb-server@4.2.0 into .tools/pouchdb with npm when missing (a
// tool of the benchmark, never a dependency of the app or of the test command).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { apiSession, pushAll, uuidv7Maker } from "./lib/api.mjs";
import { DB, HELPER, controlledByWorker, hydrated, inPage, instrumentedContext, lastErrors, launchChromium, signIn, syncCard, timeline, waitForEvent } from "./lib/browser.mjs";
import { startCountingProxy } from "./lib/counting_proxy.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, elapsed, fail, log, sleep } from "./lib/log.mjs";
import { freePort, killServersNow, root, startServer, stopServer } from "./lib/server.mjs";
import { caseBody, createHouseholdOp, householdBody, pouchDoc, village } from "./lib/village.mjs";

const VERSIONS = { pouchdb: "9.0.0", "pouchdb-server": "4.2.0" };
const TOOL = join(root, ".tools/pouchdb");
/// The targets of issue 23: onedoor at least 3× faster both ways, with at most half the bytes.
const TARGET = { faster: 3, bytes: 0.5 };

function usage(message) {
  console.error(`bench/pouchdb.mjs: ${message}`);
  process.exit(2);
}
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const number = (name, fallback) => {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) usage(`${name} takes a whole number above 0`);
  return n;
};
const N = number("--records", quick ? 500 : 10_000);
const HOUSEHOLDS = number("--village", quick ? 100 : 1000);

const figures = new Figures("bench/pouchdb.mjs");
const lines = [];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** pouchdb and pouchdb-server at their pinned versions in .tools/pouchdb, installed when missing. */
function installTools() {
  const version = (name) => {
    const file = join(TOOL, "node_modules", name, "package.json");
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : null;
  };
  const missing = Object.entries(VERSIONS).filter(([name, v]) => version(name) !== v);
  if (missing.length) {
    log(`installing ${missing.map(([n, v]) => `${n}@${v}`).join(", ")} into ${TOOL} (npm)`);
    mkdirSync(TOOL, { recursive: true });
    const r = spawnSync("npm", ["install", "--prefix", TOOL, "--no-audit", "--no-fund", ...Object.entries(VERSIONS).map(([n, v]) => `${n}@${v}`)], { stdio: "inherit" });
    if (r.status !== 0 || Object.entries(VERSIONS).some(([n, v]) => version(n) !== v)) fail(`npm could not install ${Object.keys(VERSIONS).join(" and ")} into ${TOOL}`);
  }
  return {
    script: readFileSync(join(TOOL, "node_modules/pouchdb/dist/pouchdb.min.js")),
    server: join(TOOL, "node_modules/pouchdb-server/bin/pouchdb-server"),
  };
}

const pouchServers = new Set();
process.on("exit", () => {
  for (const s of pouchServers) if (!s.exited) s.child.kill("SIGKILL");
});

/** pouchdb-server on a new directory (LevelDB on disk) and a free port. */
async function startPouchServer(bin) {
  const dir = mkdtempSync(join(tmpdir(), "onedoor-pouchdb-"));
  const port = await freePort();
  const child = spawn(process.execPath, [bin, "--port", String(port), "--host", "127.0.0.1", "--dir", dir, "--no-stdout-logs"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (out += c));
  const server = { child, dir, port, base: `http://127.0.0.1:${port}`, exited: null };
  child.on("exit", (code, signal) => (server.exited = { code, signal }));
  pouchServers.add(server);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exited) fail(`pouchdb-server exited at start: ${out.slice(-500)}`);
    try {
      const res = await fetch(`${server.base}/`);
      if (res.ok) {
        const info = await res.json();
        log(`pouchdb-server ${info.version ?? "?"} up on ${server.base} (pid ${child.pid}), LevelDB in ${dir}`);
        return server;
      }
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  fail("pouchdb-server did not answer within 60 s");
}

async function stopPouchServer(server) {
  pouchServers.delete(server);
  if (!server.exited) {
    server.child.kill("SIGTERM");
    for (let i = 0; i < 50 && !server.exited; i++) await sleep(100);
    if (!server.exited) server.child.kill("SIGKILL");
  }
  rmSync(server.dir, { recursive: true, force: true });
}

async function couch(server, method, path, body) {
  const res = await fetch(`${server.base}${path}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (!res.ok) fail(`pouchdb-server: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// ---- In the page (each sent to the browser whole) ----

/** Writes the records and their outbox entries into the app's IndexedDB, 1,000 a transaction. */
async function pageWriteLocal({ db: dbInfo, rows }) {
  const db = await new Promise((ok, no) => {
    const r = indexedDB.open(dbInfo.name);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
  const t0 = performance.now();
  for (let at = 0; at < rows.length; at += 1000) {
    await new Promise((ok, no) => {
      const tx = db.transaction(["records", "outbox"], "readwrite");
      for (const [record, queued] of rows.slice(at, at + 1000)) {
        tx.objectStore("records").put(record);
        tx.objectStore("outbox").put(queued);
      }
      tx.oncomplete = ok;
      tx.onerror = () => no(tx.error);
      tx.onabort = () => no(tx.error ?? new Error("transaction aborted"));
    });
  }
  db.close();
  return performance.now() - t0;
}

/** The app's records by kind and state, and the outbox's length. */
async function pagePhoneCounts({ db: dbInfo }) {
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
  const byKind = {};
  for (const r of records) byKind[`${r.kind} ${r.state}`] = (byKind[`${r.kind} ${r.state}`] ?? 0) + 1;
  return { byKind, total: records.length, outbox: outbox.length };
}

/** How many of the `/pkg/` files this page loaded the service worker's caches do not hold yet. */
async function pageUncached() {
  const urls = [...new Set(performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.includes("/pkg/")))];
  let missing = 0;
  for (const u of urls) if (!(await caches.match(u))) missing++;
  return { missing, of: urls.length };
}

/** The first `/api/sync/` request's start after `since` (ms since 1970), or null. */
function pageFirstSyncRequest(since) {
  const first = performance
    .getEntriesByType("resource")
    .filter((e) => e.name.includes("/api/sync/") && performance.timeOrigin + e.startTime >= since)
    .sort((a, b) => a.startTime - b.startTime)[0];
  return first ? performance.timeOrigin + first.startTime : null;
}

/** Writes `docs` into the PouchDB database `name` with bulkDocs; answers the ms. */
async function pagePouchWrite({ name, docs }) {
  const db = new PouchDB(name);
  const t0 = performance.now();
  const res = await db.bulkDocs(docs);
  const took = performance.now() - t0;
  const bad = res.filter((r) => r.error);
  if (bad.length) throw new Error(`bulkDocs refused ${bad.length}: ${JSON.stringify(bad[0])}`);
  await db.close();
  return took;
}

/** Replicates the PouchDB database `name` to or from `remote`, PouchDB's default options. */
async function pagePouchReplicate({ name, remote, direction }) {
  const db = new PouchDB(name);
  const t0 = performance.now();
  const result = direction === "to" ? await db.replicate.to(remote) : await db.replicate.from(remote);
  const took = performance.now() - t0;
  const info = await db.info();
  await db.close();
  return { ms: took, status: result.status, written: result.docs_written, failures: result.doc_write_failures, local: info.doc_count, adapter: db.adapter };
}

// ---- onedoor ----

/** The app's store rows of `records` ({ kind, id, body, op, ordered }), as `store::outbox::Queued`. */
function appRows(records) {
  return records.map(({ kind, id, body, op, ordered }) => {
    const key = `${kind}:${id}`;
    const record = { key, kind, id, version: null, state: "saved", message: null, saved_at: Date.now(), local: true, body };
    return [record, { key: ordered ? `op:${op.id}` : key, record: key, op }];
  });
}

/** Counts of what the server hands the helper, by kind, from Node. */
async function serverCounts(api) {
  const counts = {};
  let cursor = 0;
  for (;;) {
    const page = await api.get(`/api/sync/v1/pull?cursor=${cursor}&limit=2000`);
    for (const c of page.changes) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
    cursor = page.cursor;
    if (!page.more) return counts;
  }
}

/**
 * A phone holding `records` unsent gets a network: the push, timed and counted. Answers
 * `{ ms, bytes, requests, round }` and leaves the server running (`server`) for the pull.
 */
async function onedoorPush(browser, devices, label, makeRecords) {
  const server = await startServer(label);
  const proxy = await startCountingProxy(server.port, { counted: (p) => p.startsWith("/api/") && !p.startsWith("/api/auth/") });
  const { context, events } = await instrumentedContext(browser, proxy.base, devices);
  try {
    const page = await context.newPage();
    await signIn(page, events);
    await controlledByWorker(page);
    const account = await inPage(page, function pageAccount(name) {
      return new Promise((ok, no) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => {
          const g = r.result.transaction("meta").objectStore("meta").get("account");
          g.onsuccess = () => ok(g.result);
          g.onerror = () => no(g.error);
        };
        r.onerror = () => no(r.error);
      });
    }, DB.name);
    if (!account?.user) fail(`no account in the app's store after sign-in`);
    const records = await makeRecords(account);
    // The helper's code is precached once the page says a helper signed in; offline before
    // that, the reload would lack the sync page's chunks.
    let cached;
    for (let i = 0; i < 600; i++) {
      cached = await inPage(page, pageUncached);
      if (cached.missing === 0) break;
      await sleep(100);
    }
    if (cached.missing) fail(`${label}: the service worker had not cached ${cached.missing} of the ${cached.of} files the page loaded within 60 s`);
    // Reloaded offline where the sign-in left it (the helper's home, with its sync card), as
    // bench/browser.mjs's figure 3 does.
    await context.setOffline(true);
    const rows = appRows(records);
    let wrote = 0;
    for (let at = 0; at < rows.length; at += 2000) wrote += await inPage(page, pageWriteLocal, { db: DB, rows: rows.slice(at, at + 2000) });
    log(`  ${label}: wrote ${rows.length} records and their outbox entries into the phone's IndexedDB in ${secs(wrote)} (offline)`);
    await page.reload();
    await hydrated(page);
    await page
      .waitForFunction(
        (n) => Number(document.querySelector('[data-testid="count-saved"]')?.textContent) >= n &&
          document.querySelector("section.sync-status")?.getAttribute("data-phase") === "Offline",
        rows.length,
        { timeout: 180_000, polling: 500 },
      )
      .catch(async () => fail(`${label}: after the offline reload the page (${page.url()}) does not show ${rows.length} waiting: ${await syncCard(page)}; the page says “${(await page.locator("main").first().textContent({ timeout: 1000 }).catch(() => "?"))?.trim().slice(0, 200)}”${lastErrors()}`));
    log(`  reloaded offline: ${await syncCard(page)}`);
    await sleep(1000);
    events.length = 0;
    proxy.reset();
    await context.setOffline(false);
    const online = await waitForEvent(events, (e) => e.type === "online", { timeout: 10_000, what: "the page's online event" });
    const done = await waitForEvent(events, (e) => e.type === "done" && e.at >= online.at, {
      timeout: 20 * 60_000,
      what: `${label}: pushing ${rows.length} records`,
      progress: () => syncCard(page),
      stop: async () => {
        const last = events.filter((e) => e.type === "phase").at(-1)?.phase ?? "";
        return last.startsWith("Failed") ? `sync stopped: ${await syncCard(page).catch(() => last)}` : null;
      },
    });
    const pushing = events.find((e) => e.type === "phase" && e.phase === "Pushing" && e.at >= online.at);
    const over = pushing && events.find((e) => e.type === "phase" && e.at >= pushing.at && e.phase !== "Pushing");
    const pushMs = (over?.at ?? done.at) - online.at;
    const counted = proxy.snapshot();
    const push = Object.entries(counted.byPath).filter(([p]) => !p.startsWith("/api/sync/v1/pull"));
    const sum = (f) => push.reduce((s, [, r]) => s + r[f], 0);
    const onPhone = await inPage(page, pagePhoneCounts, { db: DB });
    const onServer = await serverCounts(await apiSession(server.base, HELPER));
    log(`  ${label}: push ${secs(pushMs)} (whole round ${secs(done.at - online.at)}); phases ${timeline(events, online.at, done.at)}`);
    log(`  ${label}: counted ${JSON.stringify(counted.byPath)}`);
    log(`  ${label}: phone ${JSON.stringify(onPhone.byKind)}, outbox ${onPhone.outbox}; server holds ${JSON.stringify(onServer)}`);
    if (onPhone.outbox !== 0) fail(`${label}: ${onPhone.outbox} operations still in the phone's outbox`);
    if (Object.keys(onPhone.byKind).some((k) => k.endsWith(" attention"))) fail(`${label}: the server refused some: ${JSON.stringify(onPhone.byKind)}`);
    return { server, proxy, records, result: { ms: pushMs, up: sum("up"), down: sum("down"), bytes: sum("up") + sum("down"), requests: sum("requests") } };
  } catch (e) {
    await proxy.close();
    await stopServer(server);
    throw e;
  } finally {
    await context.close();
  }
}

/** A new phone signs in where `server` holds the records: the first sync, timed and counted. */
async function onedoorPull(browser, devices, label, server, proxy, expect) {
  const { context, events } = await instrumentedContext(browser, proxy.base, devices);
  try {
    const page = await context.newPage();
    await page.goto("/signin");
    await hydrated(page);
    proxy.reset();
    const { from, done } = await signIn(page, events, 20 * 60_000);
    const first = await inPage(page, pageFirstSyncRequest, from);
    const counted = proxy.snapshot();
    const onPhone = await inPage(page, pagePhoneCounts, { db: DB });
    log(`  ${label}: sign-in click → first sync done ${secs(done - from)}, first sync request → done ${secs(done - (first ?? from))}; phases ${timeline(events, from, done)}`);
    log(`  ${label}: counted ${JSON.stringify(counted.byPath)}`);
    log(`  ${label}: phone ${JSON.stringify(onPhone.byKind)}`);
    for (const [kind, n] of Object.entries(expect)) {
      const held = onPhone.byKind[`${kind} received`] ?? 0;
      if (held < n) fail(`${label}: the new phone holds ${held} ${kind} records of ${n}`);
    }
    return { ms: done - (first ?? from), withSignIn: done - from, up: counted.up, down: counted.down, bytes: counted.bytes, requests: counted.requests, total: onPhone.total };
  } finally {
    await context.close();
  }
}

// ---- PouchDB ----

async function pouchPage(browser, devices, proxy) {
  const context = await browser.newContext({ ...(devices["Pixel 7"] ?? {}), viewport: { width: 390, height: 844 }, baseURL: proxy.base });
  const page = await context.newPage();
  await page.goto("/pouch.html");
  await page.waitForFunction(() => typeof window.PouchDB === "function", undefined, { timeout: 30_000 });
  return { context, page };
}

/**
 * PouchDB: `docs` written in one browser profile and replicated to a new remote database, then
 * replicated from it into a fresh profile (unless `pull` is false). With `seedRemote`, the
 * documents are loaded into pouchdb-server from Node instead, and only pulled. Answers
 * `{ write, push, pull }`.
 */
async function pouchRound(browser, devices, tools, label, docs, { seedRemote = false, pull = true } = {}) {
  const server = await startPouchServer(tools.server);
  const proxy = await startCountingProxy(server.port, {
    counted: () => true,
    files: {
      "/pouch.html": { type: "text/html; charset=utf-8", body: '<!doctype html><meta charset="utf-8"><title>PouchDB benchmark</title><script src="/pouchdb.min.js"></script>' },
      "/pouchdb.min.js": { type: "text/javascript", body: tools.script },
    },
  });
  const name = "bench";
  const remote = `${proxy.base}/${name}`;
  try {
    await couch(server, "PUT", `/${name}`);
    let write = null;
    let push = null;
    if (seedRemote) {
      // The village as the server holds it: loaded from Node (not timed), as onedoor's is.
      for (let at = 0; at < docs.length; at += 1000) await couch(server, "POST", `/${name}/_bulk_docs`, { docs: docs.slice(at, at + 1000) });
    } else {
      const { context, page } = await pouchPage(browser, devices, proxy);
      try {
        write = 0;
        for (let at = 0; at < docs.length; at += 2000) write += await inPage(page, pagePouchWrite, { name, docs: docs.slice(at, at + 2000) });
        log(`  ${label}: PouchDB wrote ${docs.length} documents with bulkDocs in ${secs(write)}`);
        proxy.reset();
        const r = await inPage(page, pagePouchReplicate, { name, remote, direction: "to" }, 30 * 60_000);
        const counted = proxy.snapshot();
        log(`  ${label}: PouchDB (${r.adapter}) replicate.to ${secs(r.ms)}, ${r.written} written, ${r.failures} failures, ${counted.requests} requests, ${kib(counted.bytes)}`);
        push = { ms: r.ms, up: counted.up, down: counted.down, bytes: counted.bytes, requests: counted.requests, adapter: r.adapter };
      } finally {
        await context.close();
      }
    }
    const held = (await couch(server, "GET", `/${name}`)).doc_count;
    if (held !== docs.length) fail(`${label}: pouchdb-server holds ${held} of ${docs.length} documents`);
    if (!pull) return { write, push, pull: null };
    const { context, page } = await pouchPage(browser, devices, proxy);
    try {
      proxy.reset();
      const r = await inPage(page, pagePouchReplicate, { name, remote, direction: "from" }, 30 * 60_000);
      const counted = proxy.snapshot();
      log(`  ${label}: PouchDB (${r.adapter}) replicate.from ${secs(r.ms)} into a fresh profile, ${r.local} documents, ${counted.requests} requests, ${kib(counted.bytes)}`);
      if (r.local !== docs.length) fail(`${label}: the fresh profile holds ${r.local} of ${docs.length} documents`);
      return { write, push, pull: { ms: r.ms, up: counted.up, down: counted.down, bytes: counted.bytes, requests: counted.requests, adapter: r.adapter } };
    } finally {
      await context.close();
    }
  } finally {
    await proxy.close();
    await stopPouchServer(server);
  }
}

// ---- Figures ----

/** One comparison: times, bytes and the two ratios, for `what` ("push 10,000 households"). */
function compare(key, what, one, pouch) {
  const faster = pouch.ms / one.ms;
  const bytes = one.bytes / pouch.bytes;
  figures.add({ key: `pouchdb.${key}.onedoor_ms`, name: `${what}: onedoor`, value: one.ms, unit: "ms", note: `${one.requests} requests, ${kib(one.bytes)} (${kib(one.up)} up, ${kib(one.down)} down)` });
  figures.add({ key: `pouchdb.${key}.pouchdb_ms`, name: `${what}: PouchDB → pouchdb-server`, value: pouch.ms, unit: "ms", note: `${pouch.requests} requests` });
  figures.add({ key: `pouchdb.${key}.onedoor_bytes`, name: `${what}: onedoor, bodies on the wire`, value: one.bytes, unit: "bytes" });
  figures.add({ key: `pouchdb.${key}.pouchdb_bytes`, name: `${what}: PouchDB, bodies on the wire`, value: pouch.bytes, unit: "bytes" });
  figures.add({ key: `pouchdb.${key}.faster`, name: `${what}: onedoor faster than PouchDB by`, value: faster, unit: "ratio", target: TARGET.faster, lowerIsBetter: false });
  figures.add({ key: `pouchdb.${key}.bytes_ratio`, name: `${what}: onedoor's bytes / PouchDB's`, value: bytes, unit: "ratio", target: TARGET.bytes, lowerIsBetter: true });
  lines.push(
    `${what.padEnd(44)} onedoor ${secs(one.ms).padStart(8)} ${kib(one.bytes).padStart(11)} ${String(one.requests).padStart(5)} req | PouchDB ${secs(pouch.ms).padStart(8)} ${kib(pouch.bytes).padStart(11)} ${String(pouch.requests).padStart(5)} req | ${faster.toFixed(2)}× faster (target ≥ ${TARGET.faster}) ${faster >= TARGET.faster ? "met" : "MISSED"}, bytes ${bytes.toFixed(2)} (target ≤ ${TARGET.bytes}) ${bytes <= TARGET.bytes ? "met" : "MISSED"}`,
  );
}

async function main() {
  const tools = installTools();
  const { browser, devices } = await launchChromium();
  log(`Chromium ${browser.version()}; ${N} households, a village of ${HOUSEHOLDS}; pouchdb ${VERSIONS.pouchdb}, pouchdb-server ${VERSIONS["pouchdb-server"]}`);
  try {
    // 1. N households: a phone pushes them, a new phone pulls them.
    const newId = uuidv7Maker();
    let households = null;
    const pushed = await onedoorPush(browser, devices, "onedoor, households", async () => {
      households = [];
      for (let i = 0; i < N; i++) {
        const hh = newId();
        const body = householdBody(hh, i, newId);
        households.push({ kind: "household", id: hh, body, op: createHouseholdOp(newId(), body), ordered: true });
      }
      return households;
    });
    let onePull;
    try {
      onePull = await onedoorPull(browser, devices, "onedoor, households", pushed.server, pushed.proxy, { household: N });
    } finally {
      await pushed.proxy.close();
      await stopServer(pushed.server);
    }
    const size = Math.round(households.reduce((s, h) => s + JSON.stringify(h.body).length, 0) / N);
    const pouch = await pouchRound(browser, devices, tools, "PouchDB, households", households.map((h) => pouchDoc(h.kind, h.id, h.body)));
    compare("households_push", `push ${N.toLocaleString("en")} households (${size} B of JSON each)`, pushed.result, pouch.push);
    compare("households_pull", `pull ${N.toLocaleString("en")} households into a new phone`, onePull, pouch.pull);

    // 2. A village's full data: first a new phone pulls it (the server loaded from Node), then a
    // new phone holding it pushes it.
    const seeded = await startServer("onedoor, village pull");
    const proxy = await startCountingProxy(seeded.port, { counted: (p) => p.startsWith("/api/") && !p.startsWith("/api/auth/") });
    let villagePull;
    let template;
    let pullData;
    try {
      const api = await apiSession(seeded.base, HELPER);
      pullData = village(HOUSEHOLDS, api.me, newId);
      const took = await pushAll(api, pullData.ops.length, (i) => pullData.ops[i], 600, "village operations");
      log(`  village of ${HOUSEHOLDS} loaded into the onedoor server from Node in ${secs(took)}`);
      // The server's own case records: the bodies PouchDB gets, and the template for the phone's.
      const cases = new Map();
      let cursor = 0;
      for (;;) {
        const page = await api.get(`/api/sync/v1/pull?cursor=${cursor}&limit=2000`);
        for (const c of page.changes) if (c.kind === "case" && c.change === "upsert") cases.set(c.id, c.body);
        cursor = page.cursor;
        if (!page.more) break;
      }
      for (const r of pullData.records) {
        if (r.kind !== "case") continue;
        r.body = cases.get(r.id);
        if (!r.body) fail(`the server hands out no case ${r.id.slice(0, 8)}…`);
        template ??= { id: r.id, household: r.household, body: r.body };
      }
      villagePull = await onedoorPull(browser, devices, "onedoor, village pull", seeded, proxy, { household: HOUSEHOLDS, case: HOUSEHOLDS, hardship: HOUSEHOLDS });
    } finally {
      await proxy.close();
      await stopServer(seeded);
    }
    const villagePush = await onedoorPush(browser, devices, "onedoor, village push", async (account) => {
      const data = village(HOUSEHOLDS, account, newId);
      for (const r of data.records) if (r.kind === "case") r.body = caseBody(template, r.id, r.household);
      return data.records;
    });
    await villagePush.proxy.close();
    await stopServer(villagePush.server);
    const pouchPull = await pouchRound(browser, devices, tools, "PouchDB, village pull", pullData.records.map((r) => pouchDoc(r.kind, r.id, r.body)), { seedRemote: true });
    const pouchPush = await pouchRound(browser, devices, tools, "PouchDB, village push", villagePush.records.map((r) => pouchDoc(r.kind, r.id, r.body)), { pull: false });
    const records = HOUSEHOLDS * 3;
    compare("village_push", `first sync, phone → server: a village of ${HOUSEHOLDS.toLocaleString("en")} households (${records.toLocaleString("en")} records)`, villagePush.result, pouchPush.push);
    compare("village_pull", `first sync, server → new phone: the same village`, villagePull, pouchPull.pull);
    figures.add({ key: "pouchdb.households_pouch_write", name: `PouchDB: write ${N.toLocaleString("en")} households into IndexedDB (bulkDocs, ${pouch.push.adapter}), not compared`, value: pouch.write, unit: "ms" });
  } finally {
    await browser.close();
  }
  console.log(`\nonedoor beside PouchDB ${VERSIONS.pouchdb} → pouchdb-server ${VERSIONS["pouchdb-server"]} (headless Chromium, bodies counted by a proxy on loopback):`);
  for (const l of lines) console.log(`  ${l}`);
  console.log(`total ${elapsed().toFixed(0)} s`);
  figures.write();
}

main().catch((e) => {
  console.error(`\nbench/pouchdb.mjs failed: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  if (lines.length) for (const l of lines) console.error(`  ${l}`);
  figures.write();
  killServersNow();
  for (const s of pouchServers) rmSync(s.dir, { recursive: true, force: true });
  process.exit(1);
});
