// Lighthouse mobile scores (npm `lighthouse` 12.2.3, its default mobile emulation and simulated
// throttling) in Debian's Chromium, against the release server with the demo data, of three
// pages: the sign-in page and the public tracking page on a fresh profile, then the helper's
// home once the helper signed in through the form in the same browser (Lighthouse keeps cookies
// and IndexedDB between runs and clears the HTTP cache, the service worker and its caches: a
// signed-in phone opening the app cold). Playwright drives Chromium, which listens for
// Lighthouse on a debugging port.
//
//   node bench/lighthouse.mjs [--json FILE] [--report DIR]
//
// Installs lighthouse@12.2.3 into .tools/lighthouse with npm if it is missing (a tool of the
// benchmark: never at the app's run time). `--report DIR` also writes each page's HTML report.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { PASSWORD } from "./lib/api.mjs";
import { CHROMIUM, CHROMIUM_ARGS, DONE, HELPER, hydrated, loadPlaywright } from "./lib/browser.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, fail, log } from "./lib/log.mjs";
import { freePort, killServersNow, root, startServer, stopServer } from "./lib/server.mjs";

const VERSION = "12.2.3";
const TOOL = join(root, ".tools/lighthouse");
const PKG = join(TOOL, "node_modules/lighthouse");
const reportDir = (() => {
  const i = process.argv.indexOf("--report");
  return i > 0 ? process.argv[i + 1] : null;
})();

/** lighthouse@12.2.3 from .tools/lighthouse, installed there with npm when missing. */
async function lighthouseModule() {
  const installed = () => existsSync(join(PKG, "package.json")) && JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version === VERSION;
  if (!installed()) {
    log(`installing lighthouse@${VERSION} into ${TOOL} (npm)`);
    mkdirSync(TOOL, { recursive: true });
    const r = spawnSync("npm", ["install", "--prefix", TOOL, "--no-audit", "--no-fund", `lighthouse@${VERSION}`], { stdio: "inherit" });
    if (r.status !== 0 || !installed()) fail(`npm could not install lighthouse@${VERSION} into ${TOOL}`);
  }
  return (await import(pathToFileURL(join(PKG, "core/index.js")).href)).default;
}

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

async function main() {
  const lighthouse = await lighthouseModule();
  const server = await startServer("lighthouse");
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), "onedoor-lighthouse-"));
  const { chromium } = await loadPlaywright();
  // A persistent context is the browser's default one, where Lighthouse opens its tabs.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
    locale: "zh-CN",
  });
  const figures = new Figures("bench/lighthouse.mjs");
  const results = [];
  const audit = async (key, label, path, targets) => {
    log(`Lighthouse (mobile) on ${path}: ${label}`);
    const run = await lighthouse(`${server.base}${path}`, { port, output: reportDir ? "html" : "json", logLevel: "error", onlyCategories: CATEGORIES });
    if (!run?.lhr) fail(`Lighthouse gave no result for ${path}`);
    const { lhr } = run;
    if (lhr.runtimeError) fail(`Lighthouse on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (reportDir) {
      mkdirSync(reportDir, { recursive: true });
      writeFileSync(join(reportDir, `${key}.html`), run.report);
    }
    const score = (c) => Math.round((lhr.categories[c]?.score ?? NaN) * 100);
    const metric = (id) => lhr.audits[id]?.displayValue ?? "?";
    const note = `FCP ${metric("first-contentful-paint")}, LCP ${metric("largest-contentful-paint")}, TBT ${metric("total-blocking-time")}, bytes ${metric("total-byte-weight")}`;
    results.push(`${label.padEnd(28)} performance ${score("performance")}, accessibility ${score("accessibility")}, best practices ${score("best-practices")}, SEO ${score("seo")}; ${note}`);
    if (lhr.finalDisplayedUrl && new URL(lhr.finalDisplayedUrl).pathname !== new URL(`${server.base}${path}`).pathname) {
      log(`  NOTE: ${path} ended at ${lhr.finalDisplayedUrl}`);
    }
    figures.add({ key: `lighthouse.${key}.performance`, name: `Lighthouse mobile performance, ${label}`, value: score("performance"), unit: "score", target: targets.performance ?? null, lowerIsBetter: false, note });
    figures.add({ key: `lighthouse.${key}.accessibility`, name: `Lighthouse mobile accessibility, ${label}`, value: score("accessibility"), unit: "score", target: targets.accessibility ?? null, lowerIsBetter: false });
  };
  try {
    await audit("signin", "sign-in page (/signin)", "/signin", {});
    // Issue 20: the tracking page at performance ≥ 95, accessibility 100.
    await audit("track", "public tracking page (/track)", "/track", { performance: 95, accessibility: 100 });

    log(`signing in as ${HELPER} through the form`);
    const page = await context.newPage();
    await page.goto(`${server.base}/signin`);
    await hydrated(page);
    await page.getByLabel("用户名").fill(HELPER);
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 60_000 }).catch(() => fail("the sign-in did not leave /signin within 60 s"));
    await page
      .waitForFunction((done) => document.querySelector("section.sync-status .sync-line")?.textContent?.trim() === done, DONE, { timeout: 120_000 })
      .catch(() => log("  (the first sync had not said it was complete within 120 s: auditing anyway)"));
    await page.close();
    await audit("home", "helper's home (/), signed in", "/", {});
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await stopServer(server);
  }
  console.log(`\nLighthouse ${VERSION}, mobile (default emulation and simulated throttling), ${CHROMIUM}:`);
  for (const r of results) console.log(`  ${r}`);
  figures.write();
}

main().catch((e) => {
  console.error(`\nbench/lighthouse.mjs failed: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  killServersNow();
  process.exit(1);
});
