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

type Row = { cells: string[]; person: string; hasCase: boolean };

// The rows of one quarter, chosen in the picker, as text.
async function rowsOf(page: Page, quarter: string): Promise<Row[]> {
  await page.getByLabel("时段").selectOption({ label: quarter });
  await expect(page.getByTestId("ledger-paper")).toContainText(quarter);
  const rows = page.getByTestId("ledger-table").locator("tbody tr");
  const out: Row[] = [];
  for (const row of await rows.all()) {
    out.push({
      cells: (await row.locator("td").allTextContents()).map((t) => t.trim()),
      person: ((await row.getByTestId("ledger-person").textContent()) ?? "").trim(),
      hasCase: (await row.getAttribute("data-case")) !== null,
    });
  }
  return out;
}

test("the ledger shows the quarter's entrusted cases, masked on screen, whole on paper", async ({ page }) => {
  await signIn(page, "helper");
  await page.getByRole("link", { name: "台账", exact: true }).click();
  await expect(page).toHaveURL(/\/ledger$/);
  await expect(page.getByLabel("村（社区）")).toContainText("毛家村");
  const period = page.getByLabel("时段");
  const current = quarterOf(new Date());
  await expect(period.locator("option:checked")).toHaveText(current);
  await expect(period.locator("option")).toHaveCount(4 + Math.floor(new Date().getUTCMonth() / 3) + 1);

  const table = page.getByTestId("ledger-table");
  const headers = await table.locator("thead th").allInnerTexts();
  expect(headers).toEqual([
    "序号", "委托人姓名", "帮办代办员姓名", "帮办代办事项内容", "受理时间", "办理时限", "办理结果", "回复时间", "备注",
  ]);
  // The demo's stories began up to 26 days before the server started: in the first weeks of
  // a quarter their rows are in two quarters, the older first.
  const oldest = quarterOf(new Date(Date.now() - 28 * 24 * 3600 * 1000));
  const quarters = oldest === current ? [current] : [oldest, current];
  const rows: Row[] = [];
  for (const q of quarters) {
    const these = await rowsOf(page, q);
    // Each quarter's rows are numbered from 1.
    these.forEach((r, i) => expect(r.cells[0]).toBe(String(i + 1)));
    rows.push(...these);
  }
  // The demo's four, oldest first; the suite shares one server, and journeys that ran before
  // this one (the intake) add today's entrusted cases after them.
  expect(rows.length).toBeGreaterThanOrEqual(5);
  // Oldest first: the finished 低保 case with its result and reply date.
  const finished = rows[0];
  expect(finished.person).toBe("王*英");
  expect(finished.cells[2]).toBe("李网格");
  expect(finished.cells[3]).toBe("最低生活保障");
  expect(finished.cells[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(finished.cells[5]).toContain("30 个工作日");
  expect(finished.cells[6]).toBe("最低生活保障：批准，每月 580.00 元");
  expect(finished.cells[7]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(finished.cells[8]).toBe("当面委托");
  // The case waiting for its materials is not accepted yet, nor decided.
  expect(rows[3].person).toBe("张*兰");
  expect(rows[3].cells[6]).toBe("办理中");
  // 黄玉梅 entrusted the helper by phone yesterday, and no application is made yet: her
  // entrustment is a row too, taken yesterday, with the item she asked for.
  const waiting = rows[4];
  expect(waiting.person).toBe("黄*梅");
  expect(waiting.cells[3]).toBe("最低生活保障");
  // (A day before the server started, in Beijing: the suite may have crossed a midnight since.)
  const beijingDay = (hoursAgo: number) =>
    new Date(Date.now() + (8 - hoursAgo) * 3600 * 1000).toISOString().slice(0, 10);
  expect(waiting.cells[4]).toMatch(new RegExp(`^(${beijingDay(24)}|${beijingDay(26)})$`));
  expect(waiting.cells[6]).toBe("尚未提交申请");
  expect(waiting.cells[8]).toBe("电话委托");
  expect(waiting.hasCase).toBe(false);

  // The rest is on the quarter of the finished case's row.
  const finishedQuarter = `${finished.cells[4].slice(0, 4)}年第${Math.floor((Number(finished.cells[4].slice(5, 7)) - 1) / 3) + 1}季度`;
  if (finishedQuarter !== quarters[quarters.length - 1]) await rowsOf(page, finishedQuarter);
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
  await expect(paper).toContainText(finishedQuarter);
  const onPaper = await table.innerText();
  expect(onPaper).toContain("王秀英");
  // Every row of the quarter whole on paper: none masked.
  expect(onPaper).not.toMatch(/\p{Script=Han}\*\p{Script=Han}/u);
  await expect(page.locator("nav.bottom-nav")).toBeHidden();
  await expect(page.locator("header.top-bar")).toBeHidden();
  await expect(page.getByLabel("时段")).toBeHidden();
  await expect(page.getByRole("button", { name: "打印台账" })).toBeHidden();
  await expect(table.locator("thead")).toHaveCSS("display", "table-header-group");
  await expect(table.locator("td").first()).toHaveCSS("border-top-style", "solid");
});
