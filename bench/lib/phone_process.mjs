// A phone for the crash drill: headless Chromium started as a process of its own on a
// persistent profile (user-data dir), driven through the DevTools protocol, so that the drill
// can SIGKILL the browser process itself (not close a page) and start it again on the same
// profile, as a phone's battery dying would.
import { spawn } from "node:child_process";

import { CHROMIUM, CHROMIUM_ARGS, loadPlaywright, watchErrors } from "./browser.mjs";
import { fail, log, sleep } from "./log.mjs";

/** Starts Chromium on `profile`; answers `{ child, browser, context, page }`. */
export async function startPhone(profile) {
  const playwright = await loadPlaywright();
  const child = spawn(
    CHROMIUM,
    [...CHROMIUM_ARGS, "--disable-quic", `--user-data-dir=${profile}`, "--remote-debugging-port=0", "--lang=zh-CN", "--accept-lang=zh-CN", "--window-size=390,844", "about:blank"],
    // A group of its own: the renderers the killed browser leaves behind are killed with it.
    { detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  child.exited = null;
  child.on("exit", (code, signal) => (child.exited = { code, signal }));
  const endpoint = await new Promise((ok, no) => {
    let seen = "";
    const timer = setTimeout(() => no(new Error(`Chromium gave no DevTools address within 30 s:\n${seen.slice(-2000)}`)), 30_000);
    child.stderr.on("data", (c) => {
      seen += c;
      const m = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on("exit", () => no(new Error(`Chromium exited at start:\n${seen.slice(-2000)}`)));
  }).catch((e) => fail(e.message));
  child.stderr.resume();
  const browser = await playwright.chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  watchErrors(page);
  await page.setViewportSize({ width: 390, height: 844 });
  return { child, browser, context, page };
}

/** SIGKILL of the browser process, then of whatever of its group is left; waits for the exit. */
export async function killPhone(phone) {
  const { child } = phone;
  if (!child.exited) child.kill("SIGKILL");
  for (let i = 0; i < 100 && !child.exited; i++) await sleep(20);
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    /* the group is gone already */
  }
  await phone.browser.close().catch(() => {});
  if (!child.exited) fail(`Chromium (pid ${child.pid}) did not die of SIGKILL within 2 s`);
}

/** Closes Chromium as a user would (its profile written out), waiting for the exit. */
export async function closePhone(phone) {
  const cdp = await phone.browser.newBrowserCDPSession();
  await cdp.send("Browser.close").catch(() => {});
  for (let i = 0; i < 500 && !phone.child.exited; i++) await sleep(20);
  if (!phone.child.exited) {
    log("  Chromium did not close within 10 s: killing it");
    await killPhone(phone);
  }
  await phone.browser.close().catch(() => {});
}

const alive = new Set();
/** Starts a phone that is killed at the latest when this process exits. */
export async function phoneOn(profile) {
  const phone = await startPhone(profile);
  alive.add(phone);
  phone.child.on("exit", () => alive.delete(phone));
  return phone;
}
process.on("exit", () => {
  for (const p of alive) {
    try {
      process.kill(-p.child.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
});
