// The helper's task list: signed in once, the phone shows what is due for the demo cases,
// most urgent first, each with its deadline in working days and where to act.
import { expect, test, type Page } from "@playwright/test";
import { hydrated, signIn } from "../fixtures/helper";

function tasks(page: Page) {
  return page.getByTestId("task-list").locator("li.task");
}

test("signed out, the task list asks for a sign-in", async ({ page }) => {
  await page.goto("/tasks");
  await hydrated(page);
  await expect(page.getByRole("main")).toContainText("尚未登录");
  await expect(page.getByRole("main").getByRole("link", { name: "登录" })).toBeVisible();
});

test("the demo helper's tasks come in urgency order with their deadlines", async ({ page }) => {
  await signIn(page, "helper");
  await page.getByRole("link", { name: "待办", exact: true }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(tasks(page).nth(2)).toBeVisible();

  // The only task with a policy deadline leads; the others follow by kind. The suite shares
  // one server: the evaluation journey (evaluation.spec.ts, which checks this task itself)
  // may have collected the demo's one evaluation already.
  const kinds = await tasks(page).evaluateAll((items) => items.map((li) => li.getAttribute("data-kind")));
  const evaluationDue = kinds.length === 4;
  expect(kinds).toEqual(
    ["hand_over_result", "collect_signature", "bring_materials", "collect_evaluation"].slice(0, kinds.length),
  );
  expect(kinds.length).toBeGreaterThanOrEqual(3);

  // Decided yesterday: the window tells the applicant within 2 working days.
  const handOver = tasks(page).nth(0);
  await expect(handOver.getByTestId("task-due")).toHaveText(/^(还剩 [12] 个工作日|今天到期)$/);
  await expect(handOver).toContainText("向申请人反馈办理结果（临时救助）");
  await expect(handOver).toContainText(/截止 \d{4}-\d{2}-\d{2}/);
  await expect(handOver.getByTestId("task-who")).toHaveText("刘*");
  for (let i = 1; i < kinds.length; i++) {
    await expect(tasks(page).nth(i).getByTestId("task-due")).toHaveText("无时限");
  }

  // For whom, masked; what is missing; where to act.
  const sign = tasks(page).nth(1);
  await expect(sign.getByTestId("task-who")).toHaveText("黄*梅");
  await expect(sign).toContainText("电话委托");
  await expect(sign.getByRole("link", { name: "去补签" })).toHaveAttribute("href", /^\/entrust\?id=[0-9a-f-]{36}$/);
  const materials = tasks(page).nth(2);
  await expect(materials.getByTestId("task-who")).toHaveText("张*兰");
  await expect(materials).toContainText("补交材料：家庭收入情况说明、家庭财产申报表");
  if (evaluationDue) {
    const evaluate = tasks(page).nth(3);
    await expect(evaluate.getByTestId("task-who")).toHaveText("李*国");
    await expect(evaluate.getByRole("link", { name: "请群众评价" })).toHaveAttribute(
      "href",
      /^\/evaluate\?case=[0-9a-f-]{36}$/,
    );
  }
  // No full name of a resident on the list.
  for (const name of ["刘芳", "黄玉梅", "张桂兰", "李建国"]) {
    await expect(page.getByTestId("task-list")).not.toContainText(name);
  }

  // In English the kinds and deadlines follow; the domain's details stay in Chinese.
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("link", { name: "Tasks" }).click();
  await expect(tasks(page).nth(0)).toContainText("Hand over the result");
  await expect(tasks(page).nth(0).getByTestId("task-due")).toHaveText(/working day\(s\) left|Due today/);
  await expect(tasks(page).nth(kinds.length - 1).getByTestId("task-due")).toHaveText("No time limit");
});
