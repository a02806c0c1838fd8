// The admin imports villages (issue 21 point 5: imports through one preview-and-commit
// screen): from 行政区划 to 导入村（社区）, a file with one bad row (a population with a
// thousands comma) is previewed; the row is named by its line and column, nothing can be
// committed; the fixed file previews clean, is committed, and the new village is in the tree.
// At phone (390 × 844) and desktop (1280 × 800) size, each size its own village, with no
// axe-core violation and nothing scrolling sideways but the table's own region. On a server of
// its own: the tree is what other journeys' rosters count.
import { expect, test } from "@playwright/test";
import { ownServer } from "../fixtures/own_server";
import { accessible, fitsTheWidth, signInStaff } from "../fixtures/pages";

ownServer("admin-import");

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 }, code: "500231101207", name_zh: "导入七村" },
  { name: "desktop", viewport: { width: 1280, height: 800 }, code: "500231101208", name_zh: "导入八村" },
];
const HEAD = "区划代码,村（社区）名称,英文名称,实有人口\n";

function csv(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return { name: "villages.csv", mimeType: "text/csv", buffer: Buffer.from(HEAD + rows.join("\n") + "\n") };
}

for (const size of SIZES) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport, isMobile: size.name === "phone", hasTouch: size.name === "phone" });

    test("the admin imports a village, fixing the row the preview names", async ({ page, context }) => {
      // A second factor is never accepted twice: a sign-in may wait for the next code (30 s).
      test.setTimeout(120_000);
      await signInStaff(context, "admin");
      await page.goto("/admin/places");
      await page.locator('a[data-action="import"]').click();
      await expect(page.locator("h1")).toHaveText("导入村（社区）");
      await expect(page.locator('a[data-action="sample"]')).toHaveAttribute("href", "/admin/places/import/sample.csv");
      await fitsTheWidth(page);
      await accessible(page);

      // Line 3 has a thousands comma in 实有人口 (quoted, so it stays one cell).
      const good = `${size.code},${size.name_zh},,800`;
      await page.getByLabel(/村（社区）文件/).setInputFiles(csv([good, '500231101201,毛家村,Maojia Village,"1,350"']));
      await page.getByRole("button", { name: "预览" }).click();
      await expect(page.locator('[data-said="preview"]')).toHaveAttribute("data-rejected", "1");
      const bad = page.locator('tr[data-line="3"]');
      await expect(bad.locator('[data-error="population_not_number"]')).toContainText("第 3 行「实有人口」");
      await expect(page.locator('tr[data-line="2"]')).toContainText("新增");
      await expect(page.locator('button[data-action="commit"]')).toHaveCount(0);
      await fitsTheWidth(page);
      await accessible(page);

      // Fixed: the preview is clean, and the commit writes the village.
      await page.getByLabel(/村（社区）文件/).setInputFiles(csv([good, "500231101201,毛家村,Maojia Village,1350"]));
      await page.getByRole("button", { name: "预览" }).click();
      await expect(page.locator('[data-said="preview"]')).toHaveAttribute("data-rejected", "0");
      await expect(page.locator('tr[data-line="3"]')).toContainText("无变化");
      await page.locator('button[data-action="commit"]').click();
      await expect(page.locator('[data-said="imported"]')).toContainText("新增 1");
      await accessible(page);

      await page.locator('a[data-action="places"]').click();
      await expect(page.locator("h1")).toHaveText("行政区划");
      const row = page.locator(`tr[data-place="${size.code}"]`);
      await expect(row).toContainText(size.name_zh);
      await expect(row.locator('[data-field="population"]')).toHaveText("800");
      await fitsTheWidth(page);
    });
  });
}
