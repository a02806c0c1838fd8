// The admin's catalogue and authorization texts (issue 21 point 5), server-rendered pages: the
// admin opens 系统管理 → 救助事项目录, sets the county's own limit for 临时救助 (a typo in the
// days is refused at its field with what was typed kept; then a good limit shows in the list,
// marked 本县, with its document), and removes it again; then 授权书文本: a version already
// taken is refused at the version field, a new one is loaded and is in force. At phone
// (390 × 844) and desktop (1280 × 800) size, with no axe-core violation and nothing scrolling
// sideways but the table's own region. On a server of its own: limits and texts are the
// county's, and other journeys' clocks count them.
import { expect, test } from "@playwright/test";
import { ownServer } from "../fixtures/own_server";
import { accessible, fitsTheWidth, signInStaff } from "../fixtures/pages";

ownServer("admin-catalogue");

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 }, days: "10" },
  { name: "desktop", viewport: { width: 1280, height: 800 }, days: "12" },
];

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport, isMobile: size.name === "phone", hasTouch: size.name === "phone" });

    test("the admin sets the county's limit for an item and loads a new authorization text", async ({ page, context }) => {
      // A second factor is never accepted twice: a sign-in may wait for the next code (30 s).
      test.setTimeout(120_000);
      await signInStaff(context, "admin");
      await page.goto("/admin");
      await page.locator('a[data-link="catalogue"]').click();
      await expect(page.locator("h1")).toHaveText("救助事项目录");
      const row = page.locator('tr[data-item="temporary"]');
      await expect(row.locator('[data-field="days"]')).toHaveText("15");
      await fitsTheWidth(page);
      await accessible(page);

      await row.getByRole("link", { name: "设置本县时限" }).click();
      const days = page.getByLabel(/办理时限（工作日）/);
      await days.fill("十五");
      await page.getByLabel(/可延长/).fill("3");
      await page.getByLabel(/依据/).fill("垫民发〔2026〕8号");
      await page.getByRole("button", { name: "保存" }).click();
      await expect(page.locator('[data-field="days"] [data-error="not_number"]')).toBeVisible();
      await expect(days).toHaveValue("十五");
      await expect(days).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel(/依据/)).toHaveValue("垫民发〔2026〕8号");
      await fitsTheWidth(page);
      await accessible(page);

      await days.fill(size.days);
      await page.getByRole("button", { name: "保存" }).click();
      await expect(page.locator('[data-said="saved"]')).toContainText("临时救助");
      await expect(row.locator('[data-field="days"]')).toHaveText(size.days);
      await expect(row.locator('[data-field="extension_days"]')).toHaveText("3");
      await expect(row.locator('[data-field="source"]')).toHaveText("垫民发〔2026〕8号");
      await expect(row.locator("[data-local]")).toHaveText("本县");
      await fitsTheWidth(page);
      await accessible(page);

      // Removed: the shipped limit is back.
      await row.getByRole("button", { name: "取消本县时限" }).click();
      await expect(page.locator('[data-said="saved"]')).toContainText("已取消本县时限");
      await expect(row.locator('[data-field="days"]')).toHaveText("15");

      // The authorization texts.
      await page.goto("/admin");
      await page.locator('a[data-link="authorization-texts"]').click();
      await expect(page.locator("h1")).toHaveText("授权书文本");
      await expect(page.locator('tr[data-version="2026-1"]')).toBeVisible();
      const version = page.getByLabel(/版本号/);
      await version.fill("2026-1");
      await page.getByLabel("正文", { exact: true }).fill("改过的正文。");
      await page.getByRole("button", { name: "导入" }).click();
      await expect(page.locator('[data-field="version"] [data-error="version_taken"]')).toBeVisible();
      await expect(version).toHaveValue("2026-1");
      await expect(page.getByLabel("正文", { exact: true })).toHaveValue("改过的正文。");
      await fitsTheWidth(page);
      await accessible(page);

      const next = `2027-${size.name}`;
      await version.fill(next);
      await page.getByRole("button", { name: "导入" }).click();
      await expect(page.locator('[data-said="loaded"]')).toContainText(next);
      await expect(page.locator(`tr[data-version="${next}"]`)).toHaveAttribute("data-in-force", "true");
      await page.locator(`tr[data-version="${next}"] a`).click();
      await expect(page.locator("article.text")).toContainText("改过的正文。");
      await fitsTheWidth(page);
      await accessible(page);
    });
  });
}
