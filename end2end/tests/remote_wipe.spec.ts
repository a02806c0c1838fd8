// Remote wipe (issue 22 point 13): a helper's account is disabled while their phone is offline
// with a record on it. Back online, the phone sends the record (the server takes the last push
// of what was made before the disabling), then deletes the personal data it holds and says
// why on the sign-in page. The helper is a new account made with `onedoor user create` on the
// journey's own database and placed in 李家村, so the demo helper's task lists and password
// stay as other journeys expect them.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, allSent, controlledByWorker, hydrated, status, type Upsert } from "../fixtures/helper";

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, "..", process.env.ONEDOOR_BIN ?? "../target/release/onedoor");
const database = `sqlite://${process.env.ONEDOOR_E2E_DIR}/e2e.db`;

const USERNAME = "helper-wipe";
const HELPER_PASSWORD = "李家村帮办员的密码 wipe";
const DESCRIPTION = "停用前离线登记：老人独居，屋顶漏雨";

function onedoor(args: string[], input = "") {
  return execFileSync(bin, ["--database-url", database, "--log", "warn", ...args], { input, encoding: "utf8" });
}

/** Every string value in the app's IndexedDB databases, and every cached response body. */
async function storedText(page: Page): Promise<{ databases: string[]; idb: string; caches: string }> {
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
    return { databases: dbs.map((d) => d.name!), idb, caches: cached };
  });
}

test("a disabled helper's phone sends its unsent record, then wipes itself and says why", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  onedoor(
    ["user", "create", "--username", USERNAME, "--display-name", "李家村帮办员", "--role", "helper",
      "--place", "500231101202", "--password-stdin"],
    `${HELPER_PASSWORD}\n`,
  );
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("用户名").fill(USERNAME);
  await page.getByLabel("密码").fill(HELPER_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/sync$/);
  await allSent(page);
  await controlledByWorker(page);
  // The first sync brought 李家村's households onto the phone.
  expect((await storedText(page)).idb).toContain("李家村");

  // Offline, a hardship report waits on the phone.
  await context.setOffline(true);
  await page.getByRole("link", { name: "报告困难情况" }).click();
  await expect(page).toHaveURL(/\/report$/);
  await page.getByLabel("困难类别").selectOption({ label: "意外事故" });
  await page.getByLabel("发生了什么、在哪里").fill(DESCRIPTION);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(status(page)).toContainText("已保存在手机上");
  await page.getByRole("link", { name: /^同步/ }).click();
  await expect(page.getByTestId("unsent-badge")).toHaveText("1");

  // Meanwhile the administrator disables the account.
  expect(onedoor(["user", "disable", "--username", USERNAME])).toContain("disabled");

  // Back online: the report goes, then the phone wipes itself and says why.
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/signin\?why=account_disabled$/, { timeout: 60_000 });
  await hydrated(page);
  await expect(page.getByTestId("wiped-notice")).toContainText("此账号已停用");
  await expect(page.getByTestId("wiped-notice")).toContainText("删除");

  // The report reached the township: the window of 沙坪镇 sees it.
  const desk = await browser.newContext({ baseURL });
  const login = await desk.request.post("/api/auth/login", { data: { username: "clerk", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const res = await desk.request.get("/api/sync/v1/pull?cursor=0&limit=2000");
  expect(res.ok()).toBeTruthy();
  const reports = (await res.json()).changes.filter(
    (c: Upsert) => c.kind === "hardship" && c.change === "upsert" && c.body.description === DESCRIPTION,
  );
  expect(reports).toHaveLength(1);
  await desk.close();

  // Nothing personal is left on the phone: no stored record, no cached answer. (The sign-in
  // page opens the store again, empty, to learn that nobody is signed in.)
  const left = await storedText(page);
  expect(left.idb).not.toContain("李家村");
  expect(left.idb).not.toContain(DESCRIPTION);
  expect(left.idb).not.toMatch(/\d{17}[\dXx]/);
  expect(left.caches).not.toContain(DESCRIPTION);
  expect(left.caches).not.toMatch(/\d{17}[\dXx]/);
  // And the server keeps refusing the phone, with the reason.
  const me = await context.request.get("/api/auth/me");
  expect(me.status()).toBe(403);
  expect((await me.json()).code).toBe("account_disabled");
});
