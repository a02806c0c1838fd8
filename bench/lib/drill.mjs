// What the crash drill and the network drill share (issue 23 points 3 and 4): a server (SQLite,
// or a database of its own in a PostgreSQL), the loopback proxy in front of it, a phone on a
// persistent profile that signs in and queues `count` hardship reports with photos through the
// app's form while the proxy gives it no signal, and, before the drill, a reading of everything
// the phone holds (the photos hashed from the Blobs it kept). After the drill, the verdict from
// the server's database and files, and the server's log checked for panics.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { hydrated } from "./browser.mjs";
import { dbRows, expectExactlyOnce } from "./drill_check.mjs";
import { phoneHolds, queueReports, signInPhone } from "./drill_phone.mjs";
import { fail, log } from "./log.mjs";
import { closePhone, phoneOn } from "./phone_process.mjs";
import { startProxy } from "./proxy.mjs";
import { freePort, panics, root, startServer, stopServer } from "./server.mjs";

/** Whole-number options `--name N` / `--name=N`, with their defaults. */
export function counts(defaults, argv = process.argv) {
  const out = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const i = argv.indexOf(`--${name}`);
    const given = i > 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
    const n = Number(given ?? fallback);
    if (!Number.isInteger(n) || n < 1) {
      console.error(`--${name} takes a whole number above 0, not “${given}”`);
      process.exit(2);
    }
    out[name] = n;
  }
  return out;
}

let throwaway = null;
const databases = [];

/** A new, empty PostgreSQL database: in $ONEDOOR_TEST_POSTGRES_URL's server, else in a
 * throwaway one started here (scripts/pg_throwaway.sh) and stopped at the end. */
export function postgresDatabase() {
  let base = process.env.ONEDOOR_TEST_POSTGRES_URL;
  if (!base) {
    if (!throwaway) {
      const r = spawnSync(join(root, "scripts/pg_throwaway.sh"), ["start"], { encoding: "utf8" });
      if (r.status !== 0) fail(`scripts/pg_throwaway.sh start failed: ${r.stderr}`);
      throwaway = Object.fromEntries([...r.stdout.matchAll(/export (\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
      log(`throwaway PostgreSQL: ${throwaway.ONEDOOR_TEST_POSTGRES_URL}`);
    }
    base = throwaway.ONEDOOR_TEST_POSTGRES_URL;
  }
  const name = `onedoor_drill_${process.pid}_${databases.length}`;
  dbRows(base, `SELECT 1 AS ok`);
  const r = spawnSync("psql", [base, "-v", "ON_ERROR_STOP=1", "-c", `CREATE DATABASE ${name}`], { encoding: "utf8" });
  if (r.status !== 0) fail(`could not create ${name}: ${r.stderr}`);
  databases.push({ base, name });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the databases made here and stops the throwaway PostgreSQL, if one was started. */
export function dropDatabases() {
  for (const { base, name } of databases.splice(0)) {
    spawnSync("psql", [base, "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { encoding: "utf8" });
  }
  if (throwaway) {
    spawnSync(join(root, "scripts/pg_throwaway.sh"), ["stop"], { env: { ...process.env, ...throwaway }, encoding: "utf8" });
    throwaway = null;
  }
}

/**
 * The server, the proxy (`rng` draws its faults), and a phone on a new profile holding `count`
 * queued reports with photos (`side` px wide). Answers `{ server, proxy, profile, held, marker }`
 * with the phone closed (as a user closes the browser: everything on disk).
 */
export async function preparePhone(label, { databaseUrl = null, count, side, seed, rng }) {
  const server = await startServer(label, { databaseUrl });
  const proxy = await startProxy(server, rng, await freePort());
  const profile = mkdtempSync(join(tmpdir(), "onedoor-drill-profile-"));
  const marker = `drill-${label.replace(/\W+/g, "-")}-${seed}`;
  log(`${label}: server ${server.base} (${databaseUrl ? "PostgreSQL" : "SQLite"}), the phone through the proxy at ${proxy.base}, profile ${profile}`);
  let phone = await phoneOn(profile);
  await signInPhone(phone.page, proxy.base);
  log("  signed in as the helper, first sync done, the app cached for offline use");
  proxy.mode.down = true;
  await queueReports(phone.page, proxy.base, { count, marker, side, seed });
  await closePhone(phone);

  // Read again from disk, with the data path still down: what the drill must bring over.
  phone = await phoneOn(profile);
  await phone.page.goto(`${proxy.base}/sync`);
  await hydrated(phone.page);
  const held = await phoneHolds(phone.page, marker, true, 600_000);
  await closePhone(phone);
  const photos = held.links.length;
  const photoBytes = held.links.reduce((n, l) => n + (held.kept[l.sha256]?.size ?? 0), 0);
  if (held.records.length !== count || held.records.some((r) => r.state !== "saved") || held.outbox < count || held.links.some((l) => l.done)) {
    fail(`the phone does not hold ${count} unsent reports: ${held.records.length} records (${held.records.filter((r) => r.state !== "saved").length} not “saved”), ${held.outbox} in the outbox`);
  }
  log(`  the phone holds ${count} unsent reports with ${photos} photos (${(photoBytes / 1024).toFixed(0)} KiB), ${held.outbox} operations in its outbox`);
  held.photoBytes = photoBytes;
  return { server, proxy, profile, held, marker };
}

/** The verdict (fails on a loss, a double or a panic), then everything stopped. */
export async function finishDrill({ server, proxy, profile, held, marker }) {
  try {
    const v = expectExactlyOnce(server, held, marker);
    const panicked = panics(server);
    if (panicked.length) fail(`the server panicked ${panicked.length} time(s):\n${panicked.join("\n---\n")}`);
    log(`  exactly once: the server holds the ${v.records} reports the phone held, each at version 1 with its body, and all ${v.photos} photos whole`);
    log(`  left behind on the server: ${v.leftovers.uploads} unfinished upload(s), ${v.leftovers.partialFiles} partial file(s)`);
    return v;
  } finally {
    await cleanUp({ server, proxy, profile });
  }
}

export async function cleanUp({ server, proxy, profile }) {
  await proxy?.close();
  if (server) await stopServer(server);
  if (profile) rmSync(profile, { recursive: true, force: true });
}
