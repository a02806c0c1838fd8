// The recipient registry (困难群众基本信息数据库, issue 21 point 3), server-rendered pages: the
// county supervisor (with the demo's second factor) sees the registry with this month's
// statistics and movements (the demo roster gives a new, an exited and a stopped entry), the
// reviews due and overdue with who follows them up, and imports a roster: a file with one
// rejected row shows the row and why and offers no commit; the sample file previews clean
// and commits (once: the second size finds it already imported). At phone (390 × 844) and
// desktop (1280 × 800) size, with no axe-core violation and nothing scrolling sideways but
// the tables' own regions.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { accessible, fitsTheWidth, signInStaff } from "../fixtures/pages";

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

const SAMPLE = readFileSync(new URL("../../docs/registry-sample.csv", import.meta.url), "utf8");

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport, isMobile: size.name === "phone", hasTouch: size.name === "phone" });

    test("the supervisor reads the registry and its reviews, and imports a roster", async ({ page, context }) => {
      await signInStaff(context, "supervisor");
      await page.goto("/county/registry");
      await expect(page.locator("h1")).toContainText("垫江县困难群众基本信息数据库");
      await expect(page.locator('tr[data-stats="all/all"]')).toBeVisible();
      for (const kind of ["new", "exited", "stopped"]) {
        await expect(page.locator(`tr[data-movement="${kind}"]`).first()).toBeVisible();
      }
      await expect(page.locator('section[data-section="entries"]')).toContainText("冯*德");
      await expect(page.locator('section[data-section="entries"]')).not.toContainText("冯明德");
      await expect(page.locator('a[data-export="xlsx"]')).toBeVisible();
      await fitsTheWidth(page);
      await accessible(page);

      await page.goto("/county/registry/reviews");
      const overdue = page.locator('section[data-section="overdue"]');
      await expect(overdue).toContainText("冯*德");
      await expect(overdue.locator('[data-field="follower"]').first()).toContainText("乡镇窗口");
      await fitsTheWidth(page);
      await accessible(page);

      // A file with one bad ID number (line 3): the row and why, no commit.
      await page.goto("/county/registry/import");
      await accessible(page);
      const bad = SAMPLE.replace("500231197306308688", "500231197306308689");
      await page.locator('input[name="file"]').setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await page.getByRole("button", { name: /预览/ }).click();
      // 1 rejected; 3 at the second size, whose other rows the first size imported already.
      await expect(page.locator("[data-said]")).toHaveAttribute("data-rejected", /^[13]$/);
      const rejected = page.locator('section[data-section="rejected"] tr[data-line="3"]');
      await expect(rejected.locator('[data-field="reasons"]')).toContainText("身份证号码");
      await expect(page.locator('button[data-action="commit"]')).toHaveCount(0);
      await fitsTheWidth(page);
      await accessible(page);

      // The sample: clean, then committed (or, at the second size, already imported).
      await page.locator('input[name="file"]').setInputFiles({ name: "registry-sample.csv", mimeType: "text/csv", buffer: Buffer.from(SAMPLE) });
      await page.getByRole("button", { name: /预览/ }).click();
      await expect(page.locator("[data-said]")).toHaveAttribute("data-rejected", "0");
      await page.locator('button[data-action="commit"]').click();
      await expect(page.locator("[data-said]")).toHaveAttribute("data-said", /^(committed|again)$/);
      await accessible(page);
    });
  });
}
