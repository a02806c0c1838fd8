// The county's helper report (seed 000 attachment 2) and helper roster (attachment 3): server-
// rendered pages a township's staff open, print on A4 landscape and export as XLSX and CSV.
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD } from "../fixtures/helper";

/** The PDF's pages with their sizes in points. */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString("latin1");
  const boxes = [...text.matchAll(/\/Type\s*\/Page[^s][\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  return boxes.map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
}

/** Prints the open page to PDF on A4 landscape and checks nothing is cut off at the side. */
async function printsOnA4Landscape(page: Page, maxPages: number) {
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: Math.floor((277 / 25.4) * 96), height: 1000 });
  const spill = await page.locator("article.form").evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(spill, "nothing cut off at the side").toBeLessThanOrEqual(1);
  const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(maxPages);
  for (const p of pages) {
    expect(Math.abs(p.width - 842.88)).toBeLessThan(2);
    expect(Math.abs(p.height - 595.92)).toBeLessThan(2);
  }
  await page.emulateMedia({ media: "screen" });
}

test("the township's helper report and roster print on A4 and export", async ({ page, context }) => {
  const login = await context.request.post("/api/auth/login", { data: { username: "clerk", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();

  await page.goto("/county/helper-report");
  const form = page.locator("article.form");
  await expect(form.locator("h1")).toHaveText("沙坪镇社会救助申请事项帮办代办工作台账");
  await expect(form.locator('[data-field="due"]')).toContainText("25日");
  await expect(form.locator('[data-field="standing"]')).toContainText("沙坪镇：");
  await expect(form.locator('[data-field="rows"] thead th')).toHaveCount(11);
  await expect(form.locator('[data-field="rows"] thead')).toContainText("帮办代办员姓名");
  await expect(form).toContainText("分管领导：");
  await printsOnA4Landscape(page, 4);

  for (const format of ["xlsx", "csv"]) {
    const href = await form.locator(`a[data-export="${format}"]`).getAttribute("href");
    const res = await context.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toContain(`.${format}`);
  }

  // The township marks its report submitted: a browser's form post (the page's referrer
  // policy keeps its Origin, which the cross-site check needs).
  await page.getByRole("button", { name: "确认本乡镇（街道）本期台账已报送县民政局" }).click();
  await expect(page).toHaveURL(/\/county\/helper-report\?period=/);
  await expect(form.locator('[data-field="standing"]')).toContainText("沙坪镇：已按时报送");

  await page.goto("/county/helper-roster");
  await expect(form.locator("h1")).toHaveText("沙坪镇社会救助帮办代办工作人员名单");
  await expect(form.locator('[data-field="rows"]')).toContainText("李网格");
  await expect(form.locator('[data-field="staffing"] tr.short').first()).toBeVisible();
  await printsOnA4Landscape(page, 3);
});
