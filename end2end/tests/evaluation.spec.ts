// The resident rates the helper's service on the helper's phone, with no network: the
// evaluation waits on the phone through a reload, goes to the township once the network is
// back, exactly once, and the case is rated; its task is gone.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { hydrated, controlledByWorker, signIn, status, pulled, type Upsert } from "../fixtures/helper";

function tasks(page: Page) {
  return page.getByTestId("task-list").locator("li.task");
}

test("an evaluation collected offline reaches the township once and rates the case", async ({ page, context }) => {
  await signIn(page, "helper");
  await controlledByWorker(page);
  await page.getByRole("link", { name: "待办", exact: true }).click();
  await expect(tasks(page)).toHaveCount(4);
  const link = tasks(page).filter({ hasText: "征询评价" }).getByRole("link", { name: "请群众评价" });
  const caseId = new URL((await link.getAttribute("href"))!, "http://x").searchParams.get("case")!;

  await context.setOffline(true);
  await link.click();
  await expect(page).toHaveURL(/\/evaluate\?case=/);
  await expect(page.getByRole("main")).toContainText("李*国");
  await expect(page.getByRole("main")).toContainText("临时救助");
  // Nothing chosen yet: refused on the phone, saying what to do.
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByRole("alert")).toContainText("请选择满意、基本满意或不满意");
  await page.getByRole("button", { name: "基本满意" }).click();
  await expect(page.getByRole("button", { name: "基本满意" })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("意见或建议").fill("上门办理很及时");
  await page.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByTestId("evaluation-thanks")).toContainText("感谢您的评价！");
  await expect(page.getByTestId("evaluation-thanks")).toContainText("请把手机交还给帮办代办员。");

  // Reloaded with no network: the evaluation is on the phone, the case takes no second one.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("evaluation-not-ready")).toContainText("已经评价过了");
  await page.getByRole("link", { name: "待办", exact: true }).click();
  await expect(tasks(page)).toHaveCount(3);
  await expect(page.getByTestId("task-list")).not.toContainText("征询评价");
  await expect(page.getByTestId("unsent-badge")).toHaveText("1");

  // The network is back: it goes by itself, exactly once, and the case is rated.
  await context.setOffline(false);
  await page.getByRole("link", { name: /^同步/ }).click();
  await expect(status(page)).toHaveText("全部记录已送达乡镇。");
  await expect(page.getByTestId("unsent-badge")).toHaveCount(0);
  const changes = await pulled(context);
  const evaluations = changes.filter((c) => c.kind === "evaluation" && c.body.case === caseId);
  expect(evaluations).toHaveLength(1);
  expect(evaluations[0].body.rating).toBe("basically_satisfied");
  expect(evaluations[0].body.comment).toBe("上门办理很及时");
  const rated = changes.find((c) => c.kind === "case" && c.id === caseId)!;
  expect(rated.body.case.evaluation).toBe("acceptable");

  // After the pull the task stays gone, and the page says the case was rated.
  await page.getByRole("link", { name: "待办", exact: true }).click();
  await expect(tasks(page)).toHaveCount(3);
  await page.goto(`/evaluate?case=${caseId}`);
  await hydrated(page);
  await expect(page.getByTestId("evaluation-not-ready")).toContainText("已经评价过了");
});

test("a case not told yet cannot be rated", async ({ page, context }) => {
  await signIn(page, "helper");
  const decided = (await pulled(context)).find(
    (c) => c.kind === "case" && c.body.case.state === "decided",
  )!;
  await page.goto(`/evaluate?case=${decided.id}`);
  await hydrated(page);
  await expect(page.getByTestId("evaluation-not-ready")).toContainText("还没有收到办理结果");
  await expect(page.getByRole("button", { name: "提交评价" })).toHaveCount(0);
});
