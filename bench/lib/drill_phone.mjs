// The phone's side of the crash and network drills: sign in through the form, queue hardship
// reports with photos through the app's own form (the gallery input, as a helper picks photos),
// read what the phone holds, and watch the sync page until everything went, pressing 立即同步
// as the helper would when a round stopped.
import { drawJpegBase64 } from "../../end2end/fixtures/photo_draw.mjs";
import { DB, DONE, HELPER, controlledByWorker, hydrated, inPage, lastErrors } from "./browser.mjs";
import { PASSWORD } from "./api.mjs";
import { pageSaveForms, pageStores } from "./in_page.mjs";
import { fail, log, sleep } from "./log.mjs";

/** Signs the helper in through the form and waits for the first sync and the offline cache. */
export async function signInPhone(page, base) {
  await page.goto(`${base}/signin`);
  await hydrated(page);
  await page.getByLabel("用户名").fill(HELPER);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/sync$/, { timeout: 60_000 });
  await page
    .locator("section.sync-status .sync-line", { hasText: DONE })
    .waitFor({ timeout: 120_000 })
    .catch(() => fail(`the first sync after sign-in did not finish${lastErrors()}`));
  await controlledByWorker(page);
}

/**
 * Saves `count` hardship reports on the form at /report, each with one photo (every fourth with
 * two), `${marker}#${i}` in its description; photos are `side`×¾`side` JPEGs drawn in the page.
 */
export async function queueReports(page, base, { count, marker, side, seed }) {
  await page.goto(`${base}/report`);
  await hydrated(page);
  const gallery = page.locator("form input[type=file][multiple]");
  const photoCount = page.getByTestId("photo-count");
  let photoSeed = seed;
  for (let i = 0; i < count; i++) {
    const photos = i % 4 === 0 ? 2 : 1;
    for (let k = 1; k <= photos; k++) {
      const base64 = await page.evaluate(drawJpegBase64, { width: side, height: Math.round((side * 3) / 4), seed: photoSeed++ });
      await gallery.setInputFiles({ name: `photo-${i}-${k}.jpg`, mimeType: "image/jpeg", buffer: Buffer.from(base64, "base64") });
      await photoCount
        .filter({ hasText: new RegExp(`\\b${k} /`) })
        .waitFor({ timeout: 30_000 })
        .catch(async () => fail(`report ${i}: photo ${k} was not kept: “${await photoCount.textContent()}”${lastErrors()}`));
    }
    await inPage(page, pageSaveForms, { n: 1, gap: 0, marker: `${marker}#${i}` }, 30_000);
    if ((i + 1) % 100 === 0 || i + 1 === count) log(`  ${i + 1}/${count} reports saved on the phone`);
  }
}

/**
 * What the phone holds of the reports whose description starts with `marker`: each record
 * (id, state, body), the outbox's size, the upload links, and with `hash` each photo's size and
 * SHA-256 as computed in the page from the Blob kept in IndexedDB.
 */
export async function phoneHolds(page, marker, hash = false, timeout = 120_000) {
  const stores = ["records", "outbox", "uploads", ...(hash ? ["attachments"] : [])];
  const got = await inPage(page, pageStores, { db: DB, stores, hashBlobs: hash }, timeout);
  const records = got.records.filter((r) => r.kind === "hardship" && String(r.body?.description).startsWith(marker));
  const mine = new Set(records.map((r) => r.id));
  return {
    records: records.map((r) => ({ id: r.id, state: r.state, version: r.version, body: r.body })),
    outbox: got.outbox.length,
    outboxBytes: got.outbox.reduce((n, q) => n + JSON.stringify(q.op).length, 0),
    links: got.uploads.filter((l) => mine.has(l.record_id)).map((l) => ({ sha256: l.sha256, record: l.record_id, done: !!l.done })),
    linksPending: got.uploads.filter((l) => !l.done).length,
    kept: Object.fromEntries((got.attachments ?? []).map((a) => [a.sha256, { size: a.size, digest: a.sha256_of_blob }])),
  };
}

/** The sync card's phase (`Idle`, `Pushing`, `Offline`, `Failed(…)`…), or null off the page. */
function phase(page) {
  return page
    .evaluate(() => document.querySelector("section.sync-status")?.getAttribute("data-phase") ?? null)
    .catch(() => null);
}

/**
 * On /sync, waits until the phone's outbox is empty, every photo uploaded and the round over;
 * whenever a round has stopped short (the network failed it) for `patience` ms, presses
 * 立即同步 as the helper would. Answers how many times it pressed.
 */
export async function untilAllSent(page, marker, { timeout, patience = 1500, stalled }) {
  const deadline = Date.now() + timeout;
  let pressed = 0;
  let stoppedSince = null;
  let nextLog = Date.now() + 10_000;
  for (;;) {
    const p = await phase(page);
    const holds = await phoneHolds(page, marker).catch(() => null);
    if (holds && holds.outbox === 0 && holds.linksPending === 0 && p === "Idle") return pressed;
    if (p === "SignedOut") fail(`the phone lost its sign-in (phase SignedOut): it cannot send${lastErrors()}`);
    if (Date.now() > deadline) fail(`not everything was sent within ${timeout / 1000} s: phase ${p}, ${holds?.outbox} in the outbox, ${holds?.linksPending} photos waiting${lastErrors()}`);
    if (Date.now() >= nextLog) {
      nextLog = Date.now() + 10_000;
      log(`  … phase ${p}; outbox ${holds?.outbox}; photos waiting ${holds?.linksPending}; 立即同步 pressed ${pressed} times${stalled ? `; ${stalled()}` : ""}`);
    }
    const stopped = p === "Idle" || p === "Offline" || (p ?? "").startsWith("Failed");
    if (!stopped) stoppedSince = null;
    else if (stoppedSince == null) stoppedSince = Date.now();
    else if (Date.now() - stoppedSince >= patience) {
      const button = page.getByRole("button", { name: "立即同步" });
      if (await button.isEnabled().catch(() => false)) {
        await button.click({ timeout: 5000 }).catch(() => {});
        pressed++;
      }
      stoppedSince = null;
    }
    await sleep(250);
  }
}
