// The supervision dashboard (issue 21 point 1), a server-rendered page: the county supervisor
// (signed in with the demo's second factor) sees the whole county, the township's clerk only
// 沙坪镇, a helper nothing; at phone (390 × 844) and desktop (1280 × 800) size, with no
// axe-core violation of WCAG 2.1 A/AA, nothing scrolling sideways but the tables' own
// regions, and every chart an image with its text alternative followed by its table.
import { expect, test, type Page } from "@playwright/test";
import { accessible, fitsTheWidth, signInStaff } from "../fixtures/pages";

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

/** Every chart is an image named by its title and described, and a table follows it. */
async function chartsHaveTextAndTables(page: Page) {
  const charts = page.locator("svg.chart");
  const n = await charts.count();
  expect(n).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < n; i++) {
    const chart = charts.nth(i);
    await expect(chart).toHaveAttribute("role", "img");
    expect((await chart.locator("title").textContent())?.trim()).toBeTruthy();
    expect((await chart.locator("desc").textContent())?.trim()).toBeTruthy();
    const followedByTable = await chart.evaluate((el) => el.nextElementSibling?.querySelector("table") !== null);
    expect(followedByTable, "a table follows the chart").toBeTruthy();
  }
}

const SECTIONS = ["counts", "deadlines", "steps", "satisfaction", "hardship", "activity"];

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport, isMobile: size.name === "phone", hasTouch: size.name === "phone" });

    test("the county supervisor sees the whole county", async ({ page, context }) => {
      await signInStaff(context, "supervisor");
      await page.goto("/county/dashboard");
      await expect(page.locator("h1")).toContainText("垫江县社会救助监管看板");
      for (const s of SECTIONS) {
        await expect(page.locator(`[data-section="${s}"]`).first()).toBeVisible();
      }
      // The demo fills every section.
      for (const s of SECTIONS) {
        await expect(page.locator(`[data-section="${s}"] td.empty`)).toHaveCount(0);
      }
      // One tap to a case near or past its deadline.
      const late = page.locator('[data-section="deadlines"] a[href^="/cases/"]');
      expect(await late.count()).toBeGreaterThan(0);
      await expect(late.first()).toHaveAttribute("href", /^\/cases\/[0-9a-f-]{36}$/);
      await expect(page.locator('[data-section="deadlines"]')).toContainText("首问负责人");
      await expect(page.locator('[data-section="hardship"]')).toContainText("尚未答复");
      await chartsHaveTextAndTables(page);
      await fitsTheWidth(page);
      await accessible(page);
      // Another period from the form.
      await page.getByLabel("开始日期").fill("2026-01-01");
      await page.getByLabel("结束日期").fill("2026-01-31");
      await page.getByRole("button", { name: "查看" }).click();
      await expect(page).toHaveURL(/from=2026-01-01&to=2026-01-31/);
      await expect(page.locator('[data-field="period"]')).toContainText("2026年01月01日至2026年01月31日");
    });

    test("the township's clerk sees only their township, a helper nothing", async ({ page, context, browser }) => {
      await signInStaff(context, "clerk");
      await page.goto("/county/dashboard");
      await expect(page.locator("h1")).toContainText("沙坪镇社会救助监管看板");
      const townships = page.locator('[data-section="by-township"] table');
      await expect(townships).toContainText("沙坪镇");
      await expect(townships).not.toContainText("桂溪街道");
      await chartsHaveTextAndTables(page);
      await fitsTheWidth(page);
      await accessible(page);

      const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
      await signInStaff(other, "helper");
      const res = await other.request.get("/county/dashboard");
      expect(res.status()).toBe(404);
      await other.close();
    });
  });
}
