// The one door, from the window's desk to a department's and back (issue 19): a walk-in
// request for temporary aid waits in the window clerk's inbox (desktop), is accepted, agreed
// by the township leader (phone) and routed by the catalogue's rule; the civil-affairs officer (phone) finds it in the
// department's inbox and approves it; the window tells the applicant and closes the case. A
// second request gets the one notice listing every missing material with its reason; a third
// is not accepted, with where to apply instead. Two clerks acting on one case at once: the
// second is told, not silently overwritten. Every step goes through the phones' write path
// (the outbox, push), so the server's copy is checked at the end.
import { expect, test } from "@playwright/test";
import { act, clerkAtTheWindow, DESKTOP, openCase, submitAction, syncNow, walkIn } from "../fixtures/desk";
import { hydrated, pulled, signIn } from "../fixtures/helper";


test("the window accepts and routes, the department approves, the window tells the result and closes", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { window, clerk } = await clerkAtTheWindow(browser);
  const id = await walkIn(window.request, "赵春华", ["temporary"], 1);
  await syncNow(clerk);

  // The inbox, from the home page: waiting on the window, masked, with where it came from.
  await clerk.goto("/");
  await hydrated(clerk);
  await expect(clerk.locator("nav.bottom-nav")).toContainText("工作台");
  await expect(clerk.locator("nav.bottom-nav")).not.toContainText("台账");
  await clerk.getByTestId("open-inbox").click();
  await expect(clerk).toHaveURL(/\/inbox$/);
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText("窗口受理台");
  await expect(clerk.getByTestId("routing-ledger")).toHaveAttribute(
    "href",
    "/townships/500231101/routing-ledger",
  );
  const row = clerk.getByTestId("inbox").locator(`li[data-case="${id}"]`);
  await expect(row).toContainText("赵*华");
  await expect(row).not.toContainText("赵春华");
  await expect(row).toContainText("待我办理");
  await expect(row).toContainText("窗口受理");
  await expect(row.getByTestId("inbox-state")).toHaveText("已提交待审查");

  await openCase(clerk, id);
  await expect(clerk.getByTestId("case-state")).toHaveText("已提交待审查");
  await expect(clerk.getByTestId("case-items")).toContainText("临时救助");
  // A department's action is not offered to the window.
  await expect(clerk.locator('button[data-action="Decide"]')).toHaveCount(0);
  await act(clerk, "Accept");
  await expect(clerk.getByTestId("case-state")).toHaveText("已受理");
  await expect(clerk.getByTestId("first-asker")).toContainText("本人");
  await expect(clerk.getByTestId("case-clocks")).toContainText("分办");
  // Routing waits for the township leader's agreement (分管领导, 乌海 附件4 第一条).
  await expect(clerk.locator('button[data-action="Route"]')).toHaveCount(0);

  // The leader, on a phone: cases awaiting them first; 同意分办 (or 退回修改 with a reason).
  const office = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const leader = await office.newPage();
  await signIn(leader, "leader");
  await leader.goto("/inbox");
  await hydrated(leader);
  await expect(leader.getByRole("heading", { level: 1 })).toHaveText("领导审批");
  const waiting = leader.getByTestId("inbox").locator(`li[data-case="${id}"]`);
  await expect(waiting).toContainText("待我办理");
  await expect(leader.getByTestId("inbox").locator("li").first()).toContainText("待我办理");
  await openCase(leader, id);
  await expect(leader.locator('button[data-action="ReturnForRevision"]')).toBeVisible();
  await act(leader, "ApproveRouting");
  await expect(leader.locator('button[data-action="ApproveRouting"]')).toHaveCount(0);
  await office.close();

  // Back at the window, the case is ready to route.
  await syncNow(clerk);
  await openCase(clerk, id);
  await clerk.locator('button[data-action="Route"]').click();
  await expect(clerk.getByTestId("route-proposal")).toContainText("临时救助 → 民政");
  await act(clerk, "Route");
  await expect(clerk.getByTestId("case-state")).toHaveText("已分办");
  await expect(clerk.getByTestId("case-items")).toContainText("牵头");

  // The civil-affairs officer, on a phone.
  const department = await browser.newContext();
  const officer = await department.newPage();
  await signIn(officer, "officer");
  await officer.goto("/inbox");
  await hydrated(officer);
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("部门办理");
  const mine = await openCase(officer, id);
  void mine;
  await expect(officer.getByTestId("case-clocks")).toContainText("审批");
  await officer.locator('button[data-action="Decide"]').click();
  // A wrong amount is refused at the button, and nothing is queued.
  await officer.getByTestId("amount").fill("十二");
  await officer.getByTestId("action-submit").click();
  await expect(officer.getByTestId("action-error")).toContainText("金额");
  await officer.getByTestId("amount").fill("1200");
  await submitAction(officer);
  await expect(officer.getByTestId("item-result")).toContainText("批准：1200元");

  // Back at the window: tell the applicant, close.
  await syncNow(clerk);
  await openCase(clerk, id);
  await expect(clerk.getByTestId("case-state")).toHaveText("已办结待反馈");
  await expect(clerk.getByTestId("case-clocks")).toContainText("反馈办理结果");
  await act(clerk, "NotifyResult");
  await expect(clerk.getByTestId("case-state")).toHaveText("已反馈结果");
  await act(clerk, "Close");
  await expect(clerk.getByTestId("case-state")).toHaveText("已结案");
  const history = clerk.getByTestId("case-history");
  for (const step of ["受理", "分办转办", "审批", "反馈结果", "办结"]) await expect(history).toContainText(step);
  await expect(clerk.getByTestId("case-prints").getByRole("link", { name: "登记表" })).toHaveAttribute(
    "href",
    `/cases/${id}/registration`,
  );

  // The server holds the same story.
  const held = (await pulled(window)).find((c) => c.kind === "case" && c.id === id)!;
  const events = held.body.events.map((e: any) => e.body?.event ?? e.event);
  expect(events).toEqual(
    expect.arrayContaining(["accepted", "routed", "item_approved", "result_notified", "closed"]),
  );
  await department.close();
  await window.close();
});

test("one notice lists every missing material with its reason; an out-of-scope request is not accepted", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { window, clerk } = await clerkAtTheWindow(browser);
  const notice = await walkIn(window.request, "钱秋菊", ["temporary"], 2, "13900000102");
  const outOfScope = await walkIn(window.request, "孙冬梅", ["temporary"], 3);
  await syncNow(clerk);

  await openCase(clerk, notice);
  await clerk.locator('button[data-action="RequestSupplement"]').click();
  // Nothing ticked: refused at the button.
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByTestId("action-error")).toContainText("请勾选");
  const first = clerk.locator(".notice-material").first();
  const material = await first.getAttribute("data-material");
  await first.getByRole("checkbox").check();
  await first.locator(".notice-reason").fill("照片模糊，看不清");
  // The form is kept as typed: a reload brings it back.
  await clerk.reload();
  await hydrated(clerk);
  await expect(clerk.locator(".notice-material").first().locator(".notice-reason")).toHaveValue(
    "照片模糊，看不清",
  );
  await submitAction(clerk);
  await expect(clerk.getByTestId("case-state")).toHaveText("待补正材料");
  await expect(clerk.getByTestId("case-history")).toContainText("照片模糊，看不清");
  // Waiting for the applicant now: no second notice is offered.
  await expect(clerk.locator('button[data-action="RequestSupplement"]')).toHaveCount(0);
  // The server has the notice with the ticked material once the push went through: the
  // unsent badge may not have shown yet right after saving, so the server's copy is polled.
  await expect
    .poll(async () => {
      const held = (await pulled(window)).find((c) => c.kind === "case" && c.id === notice);
      return JSON.stringify(held?.body.events ?? []);
    }, { timeout: 30_000 })
    .toContain(material!);
  // The applicant is told by text message, once; the window sees it go out, number masked.
  const message = clerk.getByTestId("case-message");
  await expect(async () => {
    await clerk.reload();
    await hydrated(clerk);
    await expect(message).toHaveCount(1, { timeout: 3_000 });
    await expect(message).toContainText("已发送", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(message).toContainText("139****0102");
  await expect(message).toContainText("还缺这些材料");
  await expect(message).not.toContainText("13900000102");

  await openCase(clerk, outOfScope);
  await clerk.locator('button[data-action="NotAccept"]').click();
  await clerk.getByTestId("referral").fill("县人力资源和社会保障局");
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByTestId("action-error")).toContainText("理由");
  await clerk.getByTestId("action-reason").fill("所申请的失业登记不属于社会救助事项");
  await submitAction(clerk);
  await expect(clerk.getByTestId("case-state")).toHaveText("不予受理");
  await expect(clerk.getByTestId("no-actions")).toBeVisible();
  await window.close();
});

test("two clerks accepting one case at once: the second is told the case moved on", async ({ browser }) => {
  test.setTimeout(180_000);
  const one = await browser.newContext(DESKTOP);
  const two = await browser.newContext();
  const [a, b] = [await one.newPage(), await two.newPage()];
  await signIn(a, "clerk");
  const id = await walkIn(one.request, "周玉兰", ["temporary"], 4);
  await signIn(b, "clerk");
  await syncNow(a);
  await openCase(a, id);
  await openCase(b, id);
  // The second clerk's device is offline while the first accepts.
  await two.setOffline(true);
  await act(a, "Accept");
  await b.locator('button[data-action="NotAccept"]').click();
  await b.getByTestId("referral").fill("县医保局");
  await b.getByTestId("action-reason").fill("不属于本窗口");
  await b.getByTestId("action-submit").click();
  await expect(b.getByTestId("case-unsent")).toBeVisible();
  await two.setOffline(false);
  await b.goto("/sync");
  await hydrated(b);
  await b.getByRole("button", { name: "立即同步" }).click();
  await b.goto(`/cases/${id}`);
  await hydrated(b);
  await expect(b.getByTestId("case-refused")).toContainText("案件已被他人更新", { timeout: 30_000 });
  // The server kept the first clerk's acceptance.
  const held = (await pulled(one)).find((c) => c.kind === "case" && c.id === id)!;
  expect(JSON.stringify(held.body)).not.toContain("not_accepted");
  await one.close();
  await two.close();
});
