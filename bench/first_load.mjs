// What a first visit really fetches, on the wire: the release server with demo data,
// Chromium (Debian's, as the end-to-end tests use) with a fresh profile, the page opened and left
// until the network is idle. Every request the page made is summed as Lighthouse's total byte
// weight counts it (encoded body plus headers, as received); the service worker's own requests
// (its precache) are counted apart, as the first install's download.
//
//   node bench/first_load.mjs [--budget KB] [--path /] [--path /track …] [--json FILE]
//
// `--path` may be given more than once (each page in a fresh profile); `--path @item` is the
// first item page listed at /public/items. `--json FILE` also writes the figures as data
// (bench/lib/figures.mjs). Looks for the server and the site as bench/lib/server.mjs says.
import { CHROMIUM, CHROMIUM_ARGS, loadPlaywright } from "./lib/browser.mjs";
import { Figures } from "./lib/figures.mjs";
import { startServer, stopServer } from "./lib/server.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const paths = process.argv.flatMap((a, i) => (a === "--path" ? [process.argv[i + 1]] : []));
if (!paths.length) paths.push("/");
const budget = arg("--budget") ? Number(arg("--budget")) * 1024 : undefined;
const figures = new Figures("bench/first_load.mjs");
/** A stable key for a path: "/" is the helper's shell, the others by their first segment(s). */
const slug = (p) => (p === "/" ? "shell" : p === "@item" ? "item_page" : p.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "_"));

/** The first item page /public/items links to. */
async function firstItemPage(base) {
  const html = await (await fetch(`${base}/public/items`)).text();
  const m = html.match(/href="(\/public\/items\/[^"?#]+)/);
  if (!m) throw new Error("/public/items links no item page");
  return m[1];
}

const server = await startServer("first-load");
const base = server.base;
const { chromium } = await loadPlaywright();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, "--disable-quic"] });
try {
  for (const wanted of paths) {
    const path = wanted === "@item" ? await firstItemPage(base) : wanted;
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
    // The service worker's install runs on after the page is idle: wait for it to finish (a page
    // that registers none has no install to wait for).
    await page
      .evaluate(async () => {
        if (await navigator.serviceWorker?.getRegistration()) await navigator.serviceWorker.ready;
      })
      .catch(() => {});
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
      if (!ok) process.exitCode = 1;
    }
    const what = wanted === "/" ? "the helper's shell, /" : wanted === "@item" ? `an item page, ${path}` : path;
    figures.add({ key: `first_load.${slug(wanted)}`, name: `first load of ${what}, on the wire`, value: total, unit: "bytes", target: wanted === "/" ? 200 * 1024 : 100 * 1024, note: `${pageRequests.size} requests` });
    if (swRequests.length) {
      figures.add({ key: `sw_install.${slug(wanted)}`, name: `service worker's first install from ${path}, on the wire`, value: swTotal, unit: "bytes", note: `${swRequests.length} files` });
    }
    await context.close();
  }
  figures.write();
} finally {
  await browser.close();
  await stopServer(server);
}
