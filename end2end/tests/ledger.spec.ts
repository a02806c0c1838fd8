// The helper ledger (seed 000 attachment 1) of the helper's village for the current quarter:
// names masked on screen, and on paper the form's title, full names and no app chrome. A row
// per entrustment the helper took, dated the day they took it, also one not applied for yet.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../fixtures/helper";

function quarterOf(d: Date): string {
  // The phone counts Beijing days (UTC+8).
  const beijing = new Date(d.getTime() + 8 * 3600 * 1000);
  return `${beijing.getUTCFullYear()}年第${Math.floor(beijing.getUTCMonth() / 3) + 1}季度`;
}

test("the ledger shows the quarter's entrusted cases, masked on screen, whole on paper", async ({ page }) => {
  await signIn(page, "helper");
  await page.getByRole("link", { name: "台账", exact: true }).click();
  await expect(page).toHaveURL(/\/ledger$/);
  await expect(page.getByLabel("村（社区）")).toContainText("毛家村");
  const period = page.getByLabel("时段");
  await expect(period.locator("option:checked")).toHaveText(quarterOf(new Date()));
  await expect(period.locator("option")).toHaveCount(4 + Math.floor(new Date().getUTCMonth() / 3) + 1);

  const table = page.getByTestId("ledger-table");
  const headers = await table.locator("thead th").allInnerTexts();
  expect(headers).toEqual([
    "序号", "委托人姓名", "帮办代办员姓名", "帮办代办事项内容", "受理时间", "办理时限", "办理结果", "回复时间", "备注",
  ]);
  const rows = table.locator("tbody tr");
  // The demo's four, oldest first; the suite shares one server, and journeys that ran before
  // this one (the intake) add today's entrusted cases after them.
  await expect(rows.nth(3)).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  // Oldest first: the finished 低保 case with its result and reply date.
  const finished = rows.nth(0);
  await expect(finished.locator("td").nth(0)).toHaveText("1");
  await expect(finished.getByTestId("ledger-person")).toHaveText("王*英");
  await expect(finished.locator("td").nth(2)).toHaveText("李网格");
  await expect(finished.locator("td").nth(3)).toHaveText("最低生活保障");
  await expect(finished.locator("td").nth(4)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(finished.locator("td").nth(5)).toContainText("30 个工作日");
  await expect(finished.locator("td").nth(6)).toHaveText("最低生活保障：批准，每月 580.00 元");
  await expect(finished.locator("td").nth(7)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(finished.locator("td").nth(8)).toHaveText("当面委托");
  // The case waiting for its materials is not accepted yet, nor decided.
  await expect(rows.nth(3).getByTestId("ledger-person")).toHaveText("张*兰");
  await expect(rows.nth(3).locator("td").nth(6)).toHaveText("办理中");
  // 黄玉梅 entrusted the helper by phone yesterday, and no application is made yet: her
  // entrustment is a row too, taken yesterday, with the item she asked for.
  const waiting = rows.nth(4);
  await expect(waiting.getByTestId("ledger-person")).toHaveText("黄*梅");
  await expect(waiting.locator("td").nth(3)).toHaveText("最低生活保障");
  // (A day before the server started, in Beijing: the suite may have crossed a midnight since.)
  const beijingDay = (hoursAgo: number) =>
    new Date(Date.now() + (8 - hoursAgo) * 3600 * 1000).toISOString().slice(0, 10);
  await expect(waiting.locator("td").nth(4)).toHaveText(new RegExp(`^(${beijingDay(24)}|${beijingDay(26)})$`));
  await expect(waiting.locator("td").nth(6)).toHaveText("尚未提交申请");
  await expect(waiting.locator("td").nth(8)).toHaveText("电话委托");
  await expect(waiting).not.toHaveAttribute("data-case");

  // On screen no resident's full name shows.
  const onScreen = await table.innerText();
  for (const name of ["王秀英", "李建国", "刘芳", "张桂兰", "黄玉梅"]) expect(onScreen).not.toContain(name);

  // "Print" opens the browser's print dialog.
  await page.evaluate(() => {
    (window as any).printed = 0;
    window.print = () => { (window as any).printed += 1; };
  });
  await page.getByRole("button", { name: "打印台账" }).click();
  expect(await page.evaluate(() => (window as any).printed)).toBe(1);

  // On paper: the form's title and village, full names, no navigation or pickers.
  await page.emulateMedia({ media: "print" });
  const paper = page.getByTestId("ledger-paper");
  await expect(paper.getByRole("heading")).toHaveText("乡镇（街道）社会救助申请事项帮办代办工作台账");
  await expect(paper).toContainText("村（社区）：毛家村");
  await expect(paper).toContainText(quarterOf(new Date()));
  const onPaper = await table.innerText();
  for (const name of ["王秀英", "李建国", "刘芳", "张桂兰"]) expect(onPaper).toContain(name);
  expect(onPaper).not.toContain("王*英");
  await expect(page.locator("nav.bottom-nav")).toBeHidden();
  await expect(page.locator("header.top-bar")).toBeHidden();
  await expect(page.getByLabel("时段")).toBeHidden();
  await expect(page.getByRole("button", { name: "打印台账" })).toBeHidden();
  await expect(table.locator("thead")).toHaveCSS("display", "table-header-group");
  await expect(table.locator("td").first()).toHaveCSS("border-top-style", "solid");
});
