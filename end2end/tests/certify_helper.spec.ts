// Issue 20 point 8, the helper's side: "the helper can certify for someone who cannot". The
// demo's 王秀英 receives 低保, so her household is due this year; on the helper's phone it is
// listed below the task list (the task list itself unchanged). With no signal the helper opens
// it, is told at each field what is missing, takes a live photo of her with the front camera,
// writes what changed, records the position only after her consent, and saves; a reload before
// saving loses nothing, and the household leaves the list at once. With a network the
// certification reaches the township once, made in the helper's own name, its photo whole.
// Its own server: certifying 王秀英's household would take the shared server's one due
// household from the resident's certification journey.
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, pulled, signIn } from "../fixtures/helper";
import { jpeg } from "../fixtures/photos";
import { ownServer } from "../fixtures/own_server";

ownServer("certify");

const CHANGE = "儿子外出打工，每月寄回约800元";

test.use({ geolocation: { latitude: 29.8569, longitude: 107.1234 }, permissions: ["geolocation"] });

test("the helper certifies a household offline with a live photo, and it reaches the township once", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await controlledByWorker(page);
  const tasksBefore = await (async () => {
    await page.goto("/tasks");
    await hydrated(page);
    await expect(page.getByTestId("certify-due")).toBeVisible();
    return page.getByTestId("task-list").locator("li.task").count();
  })();
  const photo = await jpeg(page, "live.jpg", 1200, 1600, 81);

  // 1. Offline: the household is listed apart from the tasks, masked.
  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("task-list").locator("li.task")).toHaveCount(tasksBefore);
  const due = page.getByTestId("certify-due");
  await expect(due).toContainText("王*英");
  await expect(due).not.toContainText("王秀英");
  await due.locator("li", { hasText: "王*英" }).getByRole("link", { name: "去认证" }).click();
  await expect(page).toHaveURL(/\/certify\?household=/);
  await expect(page.getByTestId("recipient")).toContainText("王*英");

  // 2. Each problem at its field; nothing typed is lost.
  await page.getByLabel("有变化", { exact: true }).check();
  await page.getByRole("button", { name: "保存认证" }).click();
  await expect(page.getByText("请写一下哪里变了。")).toBeVisible();
  await expect(page.getByText("请给领救助的人拍一张照片。")).toBeVisible();
  await page.getByLabel("哪里变了（写清楚）").fill(CHANGE);
  // A live photo: the camera only, no gallery.
  await expect(page.getByText("从相册选择")).toHaveCount(0);
  await page.getByLabel("拍照").setInputFiles(photo);
  await expect(page.getByTestId("photo-count")).toContainText("1 /");

  // 3. A reload before saving keeps the draft, photo included.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("哪里变了（写清楚）")).toHaveValue(CHANGE);
  await expect(page.getByTestId("photo-count")).toContainText("1 /");

  // 4. The position only after her consent; saved on the phone.
  await page.getByLabel("领救助的人同意记录这次认证的位置").check();
  await expect(page.getByTestId("location")).toContainText("29.85690, 107.12340");
  await page.getByRole("button", { name: "保存认证" }).click();
  await expect(page.getByTestId("certify-saved")).toBeVisible();
  await expect(page.getByTestId("none-due")).toBeVisible();

  await page.getByRole("link", { name: /^同步/ }).click();
  const row = page.getByTestId("record-list").locator('li.record[data-kind="certification"]');
  await expect(row).toHaveAttribute("data-state", "saved");

  // 5. Online: sent once, in the helper's name, with the photo whole.
  await context.setOffline(false);
  await allSent(page);
  await expect(row).toHaveAttribute("data-state", "received");
  const found = (await pulled(context)).filter((c) => c.kind === "certification");
  expect(found).toHaveLength(1);
  const c = found[0].body;
  expect(c.by.who).toBe("helper");
  expect(c.changes).toEqual({ answer: "changed", description: CHANGE });
  expect(c.location_consent).toBe(true);
  expect(c.location).toEqual({ lat_e6: 29856900, lon_e6: 107123400 });
  await expect
    .poll(async () => {
      const res = await context.request.get(`/api/attachments/v1/${c.photo}`);
      if (!res.ok()) return false;
      return createHash("sha256").update(await res.body()).digest("hex") === c.photo;
    }, { timeout: 60_000 })
    .toBe(true);

  // Nothing left to certify on the tasks page either.
  await page.goto("/tasks");
  await hydrated(page);
  await expect(page.getByTestId("certify-due")).toHaveCount(0);
});
