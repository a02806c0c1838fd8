// Issue 20 points 3 and 7, "我的申请", on a small phone (360×780): the demo resident 王秀英
// (13800000001) signs in with a code to her phone, sees her case with a change marked, opens
// its timeline (the tracking page's), sees the rating the helper collected from her, and asks
// for a review of the result (申请复核) with a reason; the request shows in her timeline and
// the change mark is gone on the next look. The window's clerk, at the desk, finds the closed
// case back in the inbox marked 复核申请待答复, answers it in writing (答复复核申请), and the
// answer reaches her timeline and a text message, with the way to administrative
// reconsideration. Every resident page: no axe-core violation of WCAG 2.1 A/AA, and no
// horizontal scrolling with the text at 200 %.
//
// Her demo case was rated on the helper's phone, so the rating form itself is not shown here;
// rating through the form (and its refusal before a result) is covered by the server's tests
// (server/tests/api/resident_cases.rs). The review adds an event to a closed case, which no
// task list or ledger row counts.
import { expect, test } from "@playwright/test";
import { act, DESKTOP, openCase } from "../fixtures/desk";
import { hydrated, signIn } from "../fixtures/helper";
import { accessible, lastSmsCode, reflowsAtDoubleText } from "../fixtures/pages";

const phone = { width: 360, height: 780 };
const WANG = "13800000001";

test.use({ viewport: phone });

test("a resident signs in with a code, follows her case and asks for a review of the result, which the window answers", async ({ page, browser }) => {
  // Signed out: the sign-in by phone number.
  await page.goto("/my/cases");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的申请");
  await accessible(page);
  await reflowsAtDoubleText(page);
  const before = lastSmsCode(WANG);
  await page.getByLabel("手机号").fill(WANG);
  await page.getByRole("button", { name: "发验证码" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("填验证码");
  await expect(page.getByText("138****0001")).toBeVisible();
  await accessible(page);
  let code: string | undefined;
  await expect.poll(() => (code = lastSmsCode(WANG)) !== undefined && code !== before, { timeout: 10_000 }).toBeTruthy();
  await page.getByLabel("短信验证码（6 位数字）").fill(code!);
  await page.getByRole("button", { name: "登录" }).click();

  // Her cases: the closed 低保. Never seen before, it is marked 有新变化; but certify.spec.ts,
  // which runs earlier, shows her this list too, so the mark of a first visit is checked by the
  // server's tests (resident_cases.rs) and here only when present.
  await expect(page).toHaveURL(/\/my\/cases$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的申请");
  const card = page.locator("ul.cards a");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("已办结");
  await expect(card).toContainText("最低生活保障");
  const mark = card.locator(".new");
  if ((await mark.count()) > 0) await expect(mark).toHaveText("有新变化");
  // Her consent to the household's checks, which she may withdraw (not here: other journeys
  // reuse her household's authorization; the withdrawal is the server tests' resident_consent).
  const consent = page.locator("li[data-authorization]");
  await expect(consent).toHaveCount(1);
  await expect(consent).toContainText("有效，到");
  await expect(consent.getByRole("button", { name: "撤回授权" })).toBeVisible();
  expect((await page.request.get("/my/cases")).headers()["cache-control"]).toBe("no-store");
  await accessible(page);
  await reflowsAtDoubleText(page);

  // The timeline, as the tracking page shows it, and her rating.
  await card.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申请办到哪了");
  await expect(page.getByRole("heading", { name: "办理经过" })).toBeVisible();
  await expect(page.locator("ol.timeline")).toContainText("最低生活保障：批准");
  await expect(page.locator("ol.timeline")).toContainText("您评价了这次服务");
  await expect(page.getByText("您的评价：满意")).toBeVisible();
  await expect(page.getByText("王*英")).toBeVisible();
  await expect(page.getByText("王秀英")).toHaveCount(0);
  await accessible(page);
  await reflowsAtDoubleText(page);

  // She disagrees: a review, with her reason, within the notice's 60 days.
  await expect(page.getByRole("heading", { name: "对结果不满意？" })).toBeVisible();
  await page.getByRole("button", { name: "申请复核" }).click();
  // The reason is required: the browser keeps the form until it is filled in.
  await expect(page.getByRole("heading", { name: "对结果不满意？" })).toBeVisible();
  await page.getByLabel("为什么不同意？").fill("家里的收入算多了，孩子已经不在家住了");
  await page.getByRole("button", { name: "申请复核" }).click();
  await expect(page.getByRole("status").filter({ hasText: "复核申请已交到窗口" })).toBeVisible();
  await expect(page.locator("ol.timeline")).toContainText("您对结果有异议，申请了复核");
  await expect(page.locator("ol.timeline")).toContainText("家里的收入算多了");
  await expect(page.getByText(/您在 .* 申请了复核/)).toBeVisible();
  await expect(page.getByRole("button", { name: "申请复核" })).toHaveCount(0);
  await accessible(page);
  await reflowsAtDoubleText(page);
  const id = page.url().match(/\/my\/cases\/([0-9a-f-]{36})/)![1];

  // The window: the closed case is back in the inbox, waiting for the answer.
  const desk = await browser.newContext(DESKTOP);
  const clerk = await desk.newPage();
  await signIn(clerk, "clerk");
  await clerk.goto("/inbox");
  await hydrated(clerk);
  const row = clerk.getByTestId("inbox").locator(`li[data-case="${id}"]`);
  await expect(row.getByTestId("inbox-review")).toHaveText("复核申请待答复", { timeout: 30_000 });
  await openCase(clerk, id);
  // The answer is required, and refused empty at the button.
  await clerk.locator('button[data-action="AnswerReview"]').click();
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByText("「答复复核申请」须写明理由")).toBeVisible();
  await act(clerk, "AnswerReview", async () => {
    await clerk.getByTestId("action-reason").fill("经复核，孩子已在外地工作，家庭人口和收入将重新核定，请等待新的结果通知");
  });
  await clerk.goto("/inbox");
  await hydrated(clerk);
  await expect(clerk.getByTestId("inbox").locator(`li[data-case="${id}"]`)).toHaveCount(0);
  await desk.close();

  // Her timeline shows the answer, and the way on if she still disagrees.
  await page.reload();
  await expect(page.locator("ol.timeline")).toContainText("窗口答复了您的复核申请");
  await expect(page.locator("ol.timeline")).toContainText("家庭人口和收入将重新核定");
  await expect(page.getByTestId("review-answered")).toContainText("60 天内申请行政复议");
  await accessible(page);

  // Back on the list: seen, so no mark; then she signs out.
  await page.getByRole("link", { name: "← 我的申请" }).click();
  await expect(page.locator("ul.cards a .new")).toHaveCount(0);
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("button", { name: "发验证码" })).toBeVisible();
});
