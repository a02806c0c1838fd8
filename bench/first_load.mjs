// What a first visit to "/" really fetches, on the wire: the release server with demo data,
// Chromium (Debian's, as the end-to-end tests use) with a fresh profile, "/" opened and left
// until the network is idle. Every request the page made is summed as Lighthouse's total byte
// weight counts it (encoded body plus headers, as received); the service worker's own requests
// (its precache) are counted apart, as the first install's download.
//
//   node bench/first_load.mjs [--budget KB] [--path /]
//
// Looks for the server in $ONEDOOR_BIN, else $CARGO_TARGET_DIR/release/onedoor, else
// target/release/onedoor, and for the site in $ONEDOOR_SITE, else target/site.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const targetDir = process.env.CARGO_TARGET_DIR ?? "target";
const bin = process.env.ONEDOOR_BIN ?? join(targetDir, "release", "onedoor");
// cargo-leptos writes the site to target/site even with CARGO_TARGET_DIR set.
const site = process.env.ONEDOOR_SITE ?? "target/site";
const path = arg("--path", "/");
const budget = arg("--budget") ? Number(arg("--budget")) * 1024 : undefined;

async function startServer() {
  const port = 3800 + Math.floor(Math.random() * 90);
  const dir = mkdtempSync(join(tmpdir(), "onedoor-first-load-"));
  const server = spawn(bin, [
    "--listen", `127.0.0.1:${port}`, "--database-url", `sqlite://${dir}/f.db`, "--demo-data",
    "--site-root", site, "--attachment-dir", `${dir}/attachments`,
    "--audit-key-file", `${dir}/audit.key`, "--authorization-key-file", `${dir}/authorization.key`,
    "--log", "warn",
  ], { stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { server, base: `http://127.0.0.1:${port}` };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error("server did not answer");
}

const { server, base } = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  // The page's own requests, from the page target: the service worker's fetches are not in it.
  const pageRequests = new Map();
  cdp.on("Network.requestWillBeSent", (e) => pageRequests.set(e.requestId, { url: e.request.url, bytes: 0, encoding: "" }));
  cdp.on("Network.responseReceived", (e) => {
    const r = pageRequests.get(e.requestId);
    if (r) r.encoding = e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] ?? "";
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = pageRequests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  // The service worker's requests (its install's precache), through Playwright's events.
  const swRequests = [];
  context.on("requestfinished", async (request) => {
    if (!request.serviceWorker()) return;
    const s = await request.sizes().catch(() => undefined);
    swRequests.push({ url: request.url(), bytes: s ? s.responseBodySize + s.responseHeadersSize : 0 });
  });
  await page.goto(base + path, { waitUntil: "networkidle" });
  // The service worker's install runs on after the page is idle: wait for it to finish.
  await page.evaluate(() => navigator.serviceWorker?.ready).catch(() => {});
  await page.waitForTimeout(1500);

  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const short = (u) => u.replace(base, "");
  console.log(`first load of ${path}: what the page fetched (bytes on the wire, headers included)`);
  let total = 0;
  for (const r of pageRequests.values()) {
    if (r.url.startsWith("data:")) continue;
    total += r.bytes;
    console.log(`  ${kib(r.bytes).padStart(10)}  ${(r.encoding || "-").padEnd(5)} ${short(r.url)}`);
  }
  console.log(`first load of ${path}, total: ${kib(total)} on the wire (${pageRequests.size} requests)`);
  const swTotal = swRequests.reduce((a, r) => a + r.bytes, 0);
  console.log(`service worker's first install: ${kib(swTotal)} on the wire, ${swRequests.length} files`);
  if (budget !== undefined) {
    const ok = total <= budget;
    console.log(`budget: first load of ${path} ≤ ${kib(budget)} on the wire: ${ok ? "within" : "OVER"} (${kib(total)})`);
    process.exitCode = ok ? 0 : 1;
  }
} finally {
  await browser.close();
  server.kill();
}
