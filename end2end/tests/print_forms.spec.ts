// The printable documents (issues 18 and 19), as the window prints them: each page opened by a
// signed-in clerk, rendered to PDF by Chromium on A4, and checked to be A4 pages with nothing
// cut off at the side and with the fields the policy's form asks for.
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, pulled } from "../fixtures/helper";

/** The PDF's pages with their sizes in points (A4 is 595.92 × 842.88). */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString("latin1");
  const boxes = [...text.matchAll(/\/Type\s*\/Page[^s][\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  return boxes.map((m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }));
}

/** Prints the open page to PDF on A4 and checks its pages, and that the form does not spill
 * over the printable width. */
async function printsOnA4(page: Page, maxPages: number) {
  await page.emulateMedia({ media: "print" });
  // A4 less the 12 mm margins of the page rule, at 96 dpi: 186 mm.
  await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
  const spill = await page.locator("article.form").evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(spill, "nothing cut off at the side").toBeLessThanOrEqual(1);
  const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  expect(pages.length).toBeLessThanOrEqual(maxPages);
  for (const p of pages) {
    expect(Math.abs(p.width - 595.92)).toBeLessThan(2);
    expect(Math.abs(p.height - 842.88)).toBeLessThan(2);
  }
  await page.emulateMedia({ media: "screen" });
}

test("the registration form and the authorization form print on A4 with their fields", async ({ page, context }) => {
  const login = await context.request.post("/api/auth/login", { data: { username: "clerk", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const all = await pulled(context);

  // The registration form (登记表) of the demo's decided 临时救助 case.
  const decided = all.find((c) => c.kind === "case" && JSON.stringify(c.body).includes('"item_approved"'))!;
  expect(decided, "the demo has a decided case").toBeTruthy();
  await page.goto(`/cases/${decided.id}/registration`);
  const form = page.locator("article.form");
  await expect(form.locator("h1")).toHaveText("社会救助“一门受理、协同办理”登记表");
  for (const field of ["applicant", "reason", "acceptance", "routing", "leader", "decisions", "feedback"]) {
    await expect(form.locator(`[data-field="${field}"]`)).toBeVisible();
  }
  await expect(form.locator('[data-field="acceptance"]')).toContainText("同意受理");
  await expect(form.locator('[data-field="acceptance"]')).toContainText("☑临时");
  await expect(form.locator('[data-field="acceptance"]')).toContainText(/经办人：\S+（签字）/);
  await expect(form.locator('[data-field="routing"]')).toContainText("民政部门");
  await expect(form.locator('[data-field="decisions"]')).toContainText("办理结果如下：批准");
  await printsOnA4(page, 2);

  // The verification authorization (核对授权书) of 王秀英's household.
  const authorization = all.find((c) => c.kind === "authorization")!;
  expect(authorization, "the demo has an authorization").toBeTruthy();
  await page.goto(`/authorizations/${authorization.id}/print`);
  await expect(page.getByText("社会救助家庭经济状况核对授权书").first()).toBeVisible();
  await expect(page.locator("figure.qr-box svg")).toBeVisible();
  await expect(form).toContainText("王秀英");
  await printsOnA4(page, 3);
});
