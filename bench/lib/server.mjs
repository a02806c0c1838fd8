// The release server for a benchmark: a fresh SQLite database (with the demo data) in a
// temporary directory (or the PostgreSQL database `databaseUrl` names), a free port, killed on
// exit, failure or Ctrl-C. Its standard output and error are also kept in `server.log`, which
// `panics(server)` reads: the drills fail on a panic anywhere in the run.
//
// Looks for the server in $ONEDOOR_BIN, else $CARGO_TARGET_DIR/release/onedoor, else
// target/release/onedoor, and for the site in $ONEDOOR_SITE, else target/site (cargo-leptos
// writes the site there even with CARGO_TARGET_DIR set). $BENCH_PORTS=FROM-TO keeps the ports
// within a range (else the system picks a free one).
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { fail, log, sleep } from "./log.mjs";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = resolve(root, process.env.ONEDOOR_BIN ?? join(process.env.CARGO_TARGET_DIR ?? "target", "release", "onedoor"));
export const SITE = resolve(root, process.env.ONEDOOR_SITE ?? "target/site");

function portFree(port) {
  return new Promise((ok) => {
    const s = createServer();
    s.once("error", () => ok(null));
    s.listen(port, "127.0.0.1", () => {
      const { port: p } = s.address();
      s.close(() => ok(p));
    });
  });
}

let nextInRange = 0;

export async function freePort() {
  const range = process.env.BENCH_PORTS?.match(/^(\d+)-(\d+)$/);
  if (!range) {
    const p = await portFree(0);
    if (p == null) fail("no free port");
    return p;
  }
  const [from, to] = [Number(range[1]), Number(range[2])];
  for (let i = 0; i <= to - from; i++) {
    const port = from + ((nextInRange + i) % (to - from + 1));
    if ((await portFree(port)) != null) {
      nextInRange = port - from + 1;
      return port;
    }
  }
  fail(`no free port in BENCH_PORTS=${process.env.BENCH_PORTS}`);
}

const servers = new Set();

/**
 * A release server on a new SQLite database; resolves once /healthz answers (and, with
 * `checkAssets`, once the assets its pages name are in the site).
 */
export async function startServer(label, { demo = true, checkAssets = true, args = [], databaseUrl = null } = {}) {
  for (const [what, path] of [["server binary", BIN], ["site", SITE]]) {
    if (!existsSync(path)) fail(`no ${what} at ${path}: build first (./scripts/build.sh)`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "onedoor-bench-"));
  const child = spawn(BIN, [
    "--listen", `127.0.0.1:${port}`,
    "--database-url", databaseUrl ?? `sqlite://${dir}/bench.db`,
    ...(demo ? ["--demo-data"] : []),
    "--site-root", SITE,
    "--attachment-dir", `${dir}/attachments`,
    "--audit-key-file", `${dir}/audit.key`,
    "--authorization-key-file", `${dir}/authorization.key`,
    "--log", "warn",
    ...args,
  // Without the phone's PIN lock, so the helper's sign-in has no PIN step.
  ], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ONEDOOR_PHONE_PIN: "false" } });
  const logFile = join(dir, "server.log");
  const kept = createWriteStream(logFile);
  child.stderr.on("data", (chunk) => {
    kept.write(chunk);
    process.stderr.write(chunk);
  });
  // Its start-up banner (the demo accounts) is left out; warnings and errors are shown.
  let rest = "";
  child.stdout.on("data", (chunk) => {
    kept.write(chunk);
    const lines = (rest + chunk).split("\n");
    rest = lines.pop();
    for (const l of lines) if (/\b(WARN|ERROR)\b/.test(l)) console.error(`  [${label} server] ${l}`);
  });
  const server = { child, dir, port, base: `http://127.0.0.1:${port}`, exited: null, logFile, databaseUrl: databaseUrl ?? `sqlite://${dir}/bench.db` };
  servers.add(server);
  child.on("exit", (code, signal) => (server.exited = { code, signal }));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exited) fail(`the ${label} server exited at start (${JSON.stringify(server.exited)})`);
    try {
      const res = await fetch(`${server.base}/healthz`);
      if (res.ok) {
        log(`${label} server up on ${server.base} (pid ${child.pid})`);
        if (checkAssets) await checkSite(server, label);
        return server;
      }
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  fail(`the ${label} server did not answer /healthz within 60 s`);
}

/** Fails when the page's scripts and styles are not in the site (a rebuild under way, or a
 * server and a site from different builds): the app would not hydrate. */
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
    fail(`${SITE} lacks what the server's pages name: ${missing.join(", ")}; are ${BIN} and the site from the same build (or is a build writing them now)?`);
  }
}

/** The panics in the server's log so far, each with the two lines after it. */
export function panics(server) {
  if (!existsSync(server.logFile)) return [];
  const lines = readFileSync(server.logFile, "utf8").split("\n");
  return lines.flatMap((line, i) => (/ panicked at /.test(line) ? [lines.slice(i, i + 3).join("\n")] : []));
}

export async function stopServer(server) {
  if (!servers.delete(server)) return;
  if (!server.exited) {
    server.child.kill("SIGTERM");
    const deadline = Date.now() + 5000;
    while (!server.exited && Date.now() < deadline) await sleep(50);
    if (!server.exited) server.child.kill("SIGKILL");
  }
  rmSync(server.dir, { recursive: true, force: true });
}

export function killServersNow() {
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
