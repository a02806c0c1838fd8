// The data checks (疑点比对, issue 21 point 4), a server-rendered page: the county supervisor
// (signed in with the demo's second factor) sees the whole county's findings grouped by check
// with counts, the township's clerk only 沙坪镇's and records a follow-up mark (shown with who
// and when), a helper gets 404; at phone (390 × 844) and desktop (1280 × 800) size, with no
// axe-core violation of WCAG 2.1 A/AA and nothing scrolling sideways but the tables' own
// regions. The demo's findings are its villages short of helpers (毛家村 1,350 people and one
// helper; 李家村, 东门社区 and 西苑社区 none).
import { expect, test } from "@playwright/test";
import { accessible, fitsTheWidth, signInStaff } from "../fixtures/pages";

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

const CHECKS = ["duplicate_id", "exclusive_aids", "item_rule", "authorization", "helpers", "evaluation"];

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport, isMobile: size.name === "phone", hasTouch: size.name === "phone" });

    test("the county supervisor sees every check of the county", async ({ page, context }) => {
      await signInStaff(context, "supervisor");
      await page.goto("/county/checks");
      await expect(page.locator("h1")).toContainText("垫江县社会救助疑点比对清单");
      for (const c of CHECKS) {
        await expect(page.locator(`[data-section="summary"] tr[data-check="${c}"]`)).toBeVisible();
        await expect(page.locator(`section[data-section="${c}"]`)).toBeVisible();
      }
      const helpers = page.locator('section[data-section="helpers"]');
      await expect(page.locator('tr[data-check="helpers"] [data-field="count"]')).toHaveText("4");
      for (const village of ["毛家村", "李家村", "东门社区", "西苑社区"]) {
        await expect(helpers).toContainText(village);
      }
      await expect(helpers.locator('[data-field="follower"]').first()).toContainText("窗口");
      // The exports are offered.
      await expect(page.locator('a[data-export="xlsx"]')).toHaveAttribute("href", "/county/checks?format=xlsx");
      const csv = await context.request.get("/county/checks?format=csv");
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      await fitsTheWidth(page);
      await accessible(page);
    });

    test("the township's clerk sees only their township and records a follow-up, a helper nothing", async ({
      page,
      context,
      browser,
    }) => {
      await signInStaff(context, "clerk");
      await page.goto("/county/checks");
      await expect(page.locator("h1")).toContainText("沙坪镇社会救助疑点比对清单");
      const helpers = page.locator('section[data-section="helpers"]');
      await expect(helpers).toContainText("李家村");
      await expect(helpers).not.toContainText("东门社区");
      await fitsTheWidth(page);
      await accessible(page);

      // A follow-up on 李家村's missing helper: a note, not finished yet.
      const row = helpers.locator("tr[data-key]").filter({ hasText: "李家村" });
      const note = `已与村委会联系补配（${size.name}）`;
      await row.getByLabel("跟进情况").fill(note);
      await row.getByRole("button", { name: "记录跟进" }).click();
      await expect(page).toHaveURL(/\/county\/checks#f-helpers_/);
      const marked = page.locator('section[data-section="helpers"] tr[data-key]').filter({ hasText: "李家村" });
      await expect(marked.locator('[data-field="mark"]')).toContainText(`跟进中：${note}`);
      await expect(marked.locator('[data-field="marked-by"]')).toContainText("北京时间");

      const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
      await signInStaff(other, "helper");
      const res = await other.request.get("/county/checks");
      expect(res.status()).toBe(404);
      await other.close();
    });
  });
}
