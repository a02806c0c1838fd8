// A household visit with no signal: the notes, the five checks, two photos, the resident's
// signature and, with their consent, the phone's position — saved on the phone, the page
// reloaded before saving loses nothing, and with a network the visit reaches the township
// once with every photo whole.
import { createHash } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, signIn, type Upsert } from "../fixtures/helper";
import { jpeg } from "../fixtures/photos";

const NOTES = "老人独居，屋顶漏雨，冰箱里只有剩饭";

async function visits(context: BrowserContext): Promise<Upsert[]> {
  const res = await context.request.get("/api/sync/v1/pull?cursor=0&limit=2000");
  expect(res.ok()).toBeTruthy();
  return (await res.json()).changes.filter(
    (c: Upsert) => c.kind === "visit" && c.change === "upsert" && c.body.notes === NOTES,
  );
}

test.use({ geolocation: { latitude: 29.8569, longitude: 107.1234 }, permissions: ["geolocation"] });

test("a visit recorded offline with photos and a position reaches the township once", async ({ page, context }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await controlledByWorker(page);
  const room = await jpeg(page, "room.jpg", 2000, 1500, 7);
  const roof = await jpeg(page, "roof.jpg", 1600, 1200, 11);

  await context.setOffline(true);
  await page.getByRole("link", { name: "记录入户走访" }).click();
  await expect(page).toHaveURL(/\/visit$/);
  await hydrated(page);

  // Saving an empty form tells everything missing at once and keeps nothing.
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();

  await page.getByLabel("走访家庭").selectOption({ index: 1 });
  await page.getByRole("button", { name: "入户调查" }).click();
  await expect(page.getByRole("button", { name: "入户调查" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("走访情况").fill(NOTES);
  const questions = page.locator("fieldset.question");
  await expect(questions).toHaveCount(5);
  for (let i = 0; i < 5; i++) await questions.nth(i).getByLabel(i === 4 ? "否" : "是").check();

  // The photos, compressed on the phone.
  await page.getByLabel("拍照").setInputFiles(room);
  await expect(page.getByTestId("photo-count")).toContainText("1 /");
  await page.getByLabel("再拍一张").setInputFiles(roof);
  await expect(page.getByTestId("photo-count")).toContainText("2 /");
  await expect(page.locator("img.thumb[data-state=shown]")).toHaveCount(2);

  // A reload before saving: the draft, photos included, is still there.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("走访情况")).toHaveValue(NOTES);
  await expect(page.getByTestId("photo-count")).toContainText("2 /");

  await page.getByLabel("居民同意记录本次走访的位置").check();
  await expect(page.getByTestId("location")).toContainText("29.85690, 107.12340");

  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存在手机上" })).toBeVisible();
  // The form is empty again for the next household.
  await expect(page.getByLabel("走访情况")).toHaveValue("");

  await page.getByRole("link", { name: /^同步/ }).click();
  const row = page.getByTestId("record-list").locator("li.record").filter({ hasText: "入户调查" });
  await expect(row).toHaveAttribute("data-state", "saved");

  await context.setOffline(false);
  await allSent(page);

  const found = await visits(context);
  expect(found).toHaveLength(1);
  const visit = found[0].body;
  expect(visit.kind).toBe("home_survey");
  expect(visit.location_consent).toBe(true);
  expect(visit.location).toEqual({ latitude_e6: 29856900, longitude_e6: 107123400 });
  expect(visit.checklist).toHaveLength(5);
  expect(visit.photos).toHaveLength(2);
  await expect
    .poll(async () => {
      let whole = 0;
      for (const sha of visit.photos) {
        const res = await context.request.get(`/api/attachments/v1/${sha}`);
        if (!res.ok()) continue;
        const body = await res.body();
        // Compressed to a readable size: a few hundred KB at most.
        if (createHash("sha256").update(body).digest("hex") === sha && body.length < 600_000) whole++;
      }
      return whole;
    }, { timeout: 60_000 })
    .toBe(2);
});
