// A grid worker's day with no signal: sign in once, report a hardship offline (the page
// reloaded in the middle), see it wait on the phone, get a network, see it reach the township
// exactly once; sign-out refused while unsent, and after sign-out nothing personal is left.
import { expect, test, type Page, type BrowserContext } from "@playwright/test";
import { hydrated, controlledByWorker, signIn, status, type Upsert } from "../fixtures/helper";

// A resident ID number: 17 digits and a check character.
const ID_NUMBER = /\d{17}[\dXx]/;

function records(page: Page) {
  return page.getByTestId("record-list").locator("li.record");
}

/** Every string value in the app's IndexedDB, and every cached response body. */
async function storedText(page: Page): Promise<{ idb: string; caches: string }> {
  return page.evaluate(async () => {
    const dbs = (await indexedDB.databases()).filter((d) => d.name);
    let idb = "";
    for (const info of dbs) {
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const all: unknown[] = await new Promise((ok, fail) => {
          const r = db.transaction(name).objectStore(name).getAll();
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        idb += JSON.stringify(all);
      }
      db.close();
    }
    let cached = "";
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const req of await cache.keys()) cached += await (await cache.match(req))!.text();
    }
    return { idb, caches: cached };
  });
}

/** The hardship reports with this description that the server holds, by pull. */
async function serverReports(context: BrowserContext, description: string): Promise<Upsert[]> {
  const res = await context.request.get("/api/sync/v1/pull?cursor=0&limit=2000");
  expect(res.ok()).toBeTruthy();
  const page = await res.json();
  return page.changes.filter(
    (c: Upsert) => c.kind === "hardship" && c.change === "upsert" && c.body.description === description,
  );
}

test("a hardship report made offline reaches the township exactly once", async ({ page, context }) => {
  await signIn(page, "helper");
  await controlledByWorker(page);
  // The first sync brought the helper's households, ID numbers and all, onto the phone.
  expect((await storedText(page)).idb).toMatch(ID_NUMBER);

  await context.setOffline(true);
  await page.getByRole("link", { name: "报告困难情况" }).click();
  await expect(page).toHaveURL(/\/report$/);
  await page.getByLabel("当事人姓名").fill("王秀英");
  await page.getByLabel("困难类别").selectOption({ label: "意外事故" });
  await page.getByRole("button", { name: "紧急", exact: true }).click();
  await page.getByLabel("发生了什么、在哪里").fill("夜里摔倒骨折，独居");

  // The page reloads in the middle (a crash, a dead battery): nothing typed is lost.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("发生了什么、在哪里")).toHaveValue("夜里摔倒骨折，独居");
  await expect(page.getByLabel("当事人姓名")).toHaveValue("王秀英");
  await expect(page.getByLabel("困难类别")).toHaveValue("accident");
  await page.getByLabel("发生了什么、在哪里").fill("夜里摔倒骨折，独居，住村东头");

  // An empty description is refused on the phone already, with the field named.
  await page.getByLabel("发生了什么、在哪里").fill("  ");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toContainText("情况描述");
  await page.getByLabel("发生了什么、在哪里").fill("夜里摔倒骨折，独居，住村东头");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(status(page)).toContainText("已保存在手机上");

  await page.getByRole("link", { name: /^同步/ }).click();
  // The phone also holds the records of the helper's villages it pulled; the report is the
  // one waiting.
  const report = records(page).filter({ hasText: "意外事故" });
  await expect(report).toHaveCount(1);
  await expect(report).toHaveAttribute("data-state", "saved");
  await expect(report).toContainText("紧急 · 意外事故 · 王*英");
  await expect(status(page)).toContainText("无网络");
  await expect(page.getByTestId("unsent-badge")).toHaveText("1");

  // Still there after a reload with no network.
  await page.reload();
  await hydrated(page);
  await expect(records(page).filter({ hasText: "意外事故" })).toHaveAttribute("data-state", "saved");

  // Sign-out is refused while the report is unsent.
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByTestId("account-card").getByRole("alert")).toContainText("发送后才能退出");

  // The network comes back: the report goes by itself.
  await context.setOffline(false);
  await page.getByRole("link", { name: /^同步/ }).click();
  await expect(records(page).filter({ hasText: "意外事故" })).toHaveAttribute("data-state", "received");
  await expect(status(page)).toHaveText("全部记录已送达乡镇。");
  await expect(page.getByTestId("unsent-badge")).toHaveCount(0);

  const reports = await serverReports(context, "夜里摔倒骨折，独居，住村东头");
  expect(reports).toHaveLength(1);
  expect(reports[0].version).toBe(1);
  expect(reports[0].body.urgency).toBe("urgent");

  // Now sign-out works, and leaves nothing personal behind.
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  const left = await storedText(page);
  expect(left.idb).not.toMatch(ID_NUMBER);
  expect(left.idb).not.toContain("王秀英");
  expect(left.caches).not.toMatch(ID_NUMBER);
  expect((await context.request.get("/api/auth/me")).status()).toBe(401);
});

test("a browser closed while the outbox is sending loses and doubles nothing", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, "helper");
  // The push reaches the server and is applied, but the phone dies before it hears back.
  let delivered!: () => void;
  const pushed = new Promise<void>((resolve) => (delivered = resolve));
  await page.route("**/api/sync/v1/push", async (route) => {
    await route.fetch();
    delivered();
    await route.abort("connectionreset");
  });
  await page.getByRole("link", { name: "报告困难情况" }).click();
  await page.getByLabel("困难类别").selectOption({ label: "自然灾害" });
  await page.getByLabel("发生了什么、在哪里").fill("洪水冲毁房屋");
  await page.getByRole("button", { name: "保存" }).click();
  await pushed;
  await page.close();
  expect(await serverReports(context, "洪水冲毁房屋")).toHaveLength(1);

  // Started again: the same change is sent again under its id and answered from the record.
  const again = await context.newPage();
  await again.goto("/sync");
  await hydrated(again);
  await expect(records(again).filter({ hasText: "自然灾害" })).toHaveAttribute("data-state", "received");
  await expect(status(again)).toHaveText("全部记录已送达乡镇。");
  const reports = await serverReports(context, "洪水冲毁房屋");
  expect(reports).toHaveLength(1);
  expect(reports[0].version).toBe(1);
});

test("right after sign-in the phone says when it works offline, and then a reload without signal works", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, "helper");
  // The helper's pages and code are cached after the sign-in; the sync page says when.
  const ready = page.getByTestId("offline-ready");
  await expect(ready).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  await expect(ready).toHaveText("✓ 这台手机已可以离线使用。");
  // No waiting for anything else: the signal goes and the page is reloaded.
  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("offline-ready")).toHaveAttribute("data-state", "ready");
  await page.getByRole("link", { name: "报告困难情况" }).first().click();
  await expect(page).toHaveURL(/\/report$/);
  await expect(page.getByLabel("发生了什么、在哪里")).toBeVisible();
  await context.setOffline(false);
});

test("a server failing for a while (5xx) is tried again by the phone itself, in plain words", async ({ context }) => {
  const page = await context.newPage();
  await signIn(page, "helper");
  // The first two pushes meet a server in trouble (a proxy's 503 with English words).
  let failed = 0;
  await page.route("**/api/sync/v1/push", async (route) => {
    if (failed < 2) {
      failed += 1;
      await route.fulfill({ status: 503, contentType: "application/json", body: '{"error":"service unavailable"}' });
      return;
    }
    await route.continue();
  });
  await page.getByRole("link", { name: "报告困难情况" }).click();
  await page.getByLabel("困难类别").selectOption({ label: "自然灾害" });
  await page.getByLabel("发生了什么、在哪里").fill("山体滑坡堵路");
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByRole("link", { name: /^同步/ }).click();
  await expect(page).toHaveURL(/\/sync$/);
  // Said in Chinese, with the status for support, not the server's English words.
  const line = page.locator(".sync-line");
  await expect(line).toContainText("服务器暂时出了问题，手机会自动再试", { timeout: 30_000 });
  await expect(line).toContainText("503");
  await expect(line).not.toContainText("service unavailable");
  // Nobody presses anything: the phone tries again and the report arrives once.
  await expect(line).toHaveText("全部记录已送达乡镇。", { timeout: 45_000 });
  expect(failed).toBe(2);
  expect(await serverReports(context, "山体滑坡堵路")).toHaveLength(1);
});

test("a record the server refuses shows why, and goes after the fix", async ({ browser, baseURL }) => {
  // Two phones of the same helper: one edits a report offline while the other changes it first.
  const phoneA = await (await browser.newContext({ baseURL })).newPage();
  const contextB = await browser.newContext({ baseURL });
  const phoneB = await contextB.newPage();
  await signIn(phoneA, "helper");
  await phoneA.getByRole("link", { name: "报告困难情况" }).click();
  await phoneA.getByLabel("发生了什么、在哪里").fill("突发重病住院");
  await phoneA.getByRole("button", { name: "保存" }).click();
  await phoneA.getByRole("link", { name: /^同步/ }).click();
  const onA = records(phoneA).filter({ hasText: "重大疾病" });
  await expect(onA).toHaveAttribute("data-state", "received");

  await signIn(phoneB, "helper");
  const onB = records(phoneB).filter({ hasText: "重大疾病" });
  await expect(onB).toHaveAttribute("data-state", "received");
  await controlledByWorker(phoneB);
  await contextB.setOffline(true);
  await onB.getByRole("link", { name: "修改" }).click();
  await expect(phoneB.getByLabel("发生了什么、在哪里")).toHaveValue("突发重病住院");
  await phoneB.getByLabel("发生了什么、在哪里").fill("突发重病住院，B 手机补充");
  await phoneB.getByRole("button", { name: "保存" }).click();
  await expect(status(phoneB)).toContainText("已保存在手机上");

  await onA.getByRole("link", { name: "修改" }).click();
  await phoneA.getByLabel("发生了什么、在哪里").fill("突发重病住院，A 手机补充");
  await phoneA.getByRole("button", { name: "保存" }).click();
  await phoneA.getByRole("link", { name: /^同步/ }).click();
  await expect(records(phoneA).filter({ hasText: "重大疾病" })).toHaveAttribute("data-state", "received");

  // B gets a network: its change is refused as a conflict, with the server's reason.
  await contextB.setOffline(false);
  await phoneB.getByRole("link", { name: /^同步/ }).click();
  const refused = records(phoneB).filter({ hasText: "重大疾病" });
  await expect(refused).toHaveAttribute("data-state", "attention");
  await expect(refused.locator(".error")).not.toBeEmpty();
  await expect(phoneB.getByTestId("count-attention")).toHaveText("1");

  // Fixed and saved again, it replaces the newest version on the server.
  await refused.getByRole("link", { name: "修改" }).click();
  await expect(phoneB.getByLabel("发生了什么、在哪里")).toHaveValue("突发重病住院，B 手机补充");
  await phoneB.getByLabel("发生了什么、在哪里").fill("突发重病住院，A、B 两次补充已核对");
  await phoneB.getByRole("button", { name: "保存" }).click();
  await phoneB.getByRole("link", { name: /^同步/ }).click();
  await expect(records(phoneB).filter({ hasText: "重大疾病" })).toHaveAttribute("data-state", "received");
  const reports = await serverReports(contextB, "突发重病住院，A、B 两次补充已核对");
  expect(reports).toHaveLength(1);
  expect(reports[0].version).toBe(3);
  await phoneA.context().close();
  await contextB.close();
});
