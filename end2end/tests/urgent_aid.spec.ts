// An urgent hardship (急难) found on a round with no signal: the helper reports it on a
// registered household and starts a temporary-aid application from the report at once; with a
// network the township gets the report and the application, submitted, linked, once each.
// The suite shares one server and runs its files in name order: the follow-up visits these
// reports add to the helper's tasks come after tasks.spec.ts has read the demo's.
import { expect, test } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, pulled, signIn, status } from "../fixtures/helper";

const DESCRIPTION = "家中唯一劳动力突发重病住院，断了收入，急需生活救助";

test("an urgent report offline starts a temporary-aid application that reaches the township once", async ({ page, context }) => {
  await signIn(page);
  await controlledByWorker(page);
  await context.setOffline(true);
  await page.getByRole("link", { name: "报告困难情况" }).click();
  await expect(page).toHaveURL(/\/report$/);
  await hydrated(page);
  await page.getByLabel("困难类别").selectOption({ label: "突然失去收入" });
  await page.getByLabel("发生了什么、在哪里").fill(DESCRIPTION);
  const household = page.getByLabel("涉及家庭（已登记的）");
  await household.selectOption({ index: 1 });
  const householdId = await household.inputValue();

  // Not urgent: no offer; the report goes through an ordinary application.
  await page.getByRole("button", { name: "较急", exact: true }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(status(page).first()).toContainText("已保存在手机上");
  await expect(page.getByRole("button", { name: "发起临时救助申请" })).toHaveCount(0);

  // Urgent: the offer comes with the saved report, and is taken once.
  await page.getByLabel("困难类别").selectOption({ label: "突然失去收入" });
  await page.getByLabel("发生了什么、在哪里").fill(DESCRIPTION);
  await household.selectOption(householdId);
  await page.getByRole("button", { name: "紧急", exact: true }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("这是紧急情况：可以立即为该家庭发起临时救助申请")).toBeVisible();
  await page.getByRole("button", { name: "发起临时救助申请" }).click();
  await expect(page.getByText("临时救助申请已保存在手机上，联网后提交到乡镇窗口。")).toBeVisible();
  await expect(page.getByRole("button", { name: "发起临时救助申请" })).toHaveCount(0);

  await context.setOffline(false);
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);

  const all = await pulled(context);
  const reports = all.filter((c) => c.kind === "hardship" && c.body.description === DESCRIPTION);
  expect(reports.map((r) => r.body.urgency).sort()).toEqual(["soon", "urgent"]);
  const urgent = reports.find((r) => r.body.urgency === "urgent")!;
  const calm = reports.find((r) => r.body.urgency === "soon")!;
  expect(calm.body.case ?? null).toBeNull();
  expect(urgent.body.household).toBe(householdId);
  const cases = all.filter((c) => c.kind === "case" && c.id === urgent.body.case);
  expect(cases).toHaveLength(1);
  const aid = cases[0].body;
  expect(aid.household).toBe(householdId);
  expect(aid.case.channel).toBe("proactive_discovery");
  expect(aid.case.requested_items).toEqual(["temporary"]);
  expect(aid.case.state).toBe("submitted");
});
