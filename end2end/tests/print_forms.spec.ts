// The printable documents (issues 18 and 19), as the window prints them: each page opened by a
// signed-in clerk, rendered to PDF by Chromium on A4, and checked to be A4 pages with nothing
// cut off at the side and with the fields the policy's form asks for.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { PASSWORD, pulled } from "../fixtures/helper";
import { idNumber, push } from "../fixtures/ops";
import { printsOnA4 } from "../fixtures/print";

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

test("the window's notices and the routing ledger print on A4 with their fields", async ({ page, context }) => {
  const login = await context.request.post("/api/auth/login", { data: { username: "clerk", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const all = await pulled(context);
  const form = page.locator("article.form");
  const casesWith = (event: string) => all.filter((c) => c.kind === "case" && JSON.stringify(c.body).includes(`"${event}"`));
  // The demo case of the household whose applicant is `name` (other journeys add cases too).
  const caseOf = (name: string, event: string) => {
    const home = all.find((c) => c.kind === "household" && c.body.members?.some((m: any) => m.name === name));
    return casesWith(event).find((c) => c.body.household === home?.id);
  };

  // 补正材料告知书 of 张桂兰's 低保: the window asked for two materials at once.
  const waiting = caseOf("张桂兰", "supplement_requested")!;
  expect(waiting, "the demo has a supplement notice").toBeTruthy();
  await page.goto(`/cases/${waiting.id}/notices/supplement`);
  await expect(form.locator("h1")).toHaveText("补正材料告知书");
  await expect(form.locator('[data-field="addressee"]')).toHaveText("张桂兰：");
  await expect(form.locator('[data-field="number"]')).toContainText("社救补〔");
  await expect(form.locator('[data-field="materials"] tbody tr')).toHaveCount(2);
  await expect(form.locator('[data-field="materials"]')).toContainText("家庭收入情况说明");
  await expect(form.locator('[data-field="clock"]')).toContainText("办理时限暂停计算");
  await expect(form.locator('[data-field="issuer"]')).toContainText("沙坪镇人民政府");
  await expect(form.locator('[data-field="handler"]')).toContainText(/经办人：\S+/);
  await expect(form.locator("figure.qr-box svg")).toBeVisible();
  await expect(form.locator("figure.qr-box desc")).toContainText("/track?case=");
  await printsOnA4(page, 1);

  // 救助事项办理结果告知书 of 李建国's 临时救助, told four days ago.
  const told = caseOf("李建国", "result_notified")!;
  expect(told, "the demo has a told result").toBeTruthy();
  await page.goto(`/cases/${told.id}/notices/result`);
  await expect(form.locator("h1")).toHaveText("救助事项办理结果告知书");
  await expect(form.locator('[data-field="addressee"]')).toHaveText("李建国：");
  await expect(form.locator('[data-field="items"] tr[data-result="approved"]')).toContainText("批准，一次性 1500.00 元");
  await expect(form.locator("figure.qr-box svg")).toBeVisible();
  await printsOnA4(page, 1);

  // A notice the case's history does not have is a page that says so, not a blank form.
  const missing = await page.goto(`/cases/${told.id}/notices/not-accepted`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator("p.message")).toContainText("未被决定不予受理");

  // 不予受理告知书: a walk-in request the window declines, entered through the push API.
  const [household, member, caseId] = [randomUUID(), randomUUID(), randomUUID()];
  const grid = all.find((c) => c.kind === "household")!.body.place;
  const steps: Record<string, unknown>[] = [
    {
      op: "create_household",
      id: household,
      body: {
        id: household,
        place: grid,
        address: `沙坪镇毛家村4组${Date.now() % 1000}号`,
        members: [
          {
            id: member,
            name: "赵德明",
            id_number: idNumber("19640921", Date.now() % 900),
            relation: "applicant",
            disability: null,
            health: "healthy",
            employment: "unemployed",
            phone: null,
          },
        ],
        income: [],
        property: [],
        housing_damaged: false,
      },
    },
    { op: "create_case", id: caseId, household, channel: "window", applicant: null },
    { op: "case_command", id: caseId, base_version: 1, command: { command: "edit_draft", items: ["temporary"], primary: "temporary" }, reason: null },
    { op: "case_command", id: caseId, base_version: 2, command: { command: "submit" }, reason: null },
    {
      op: "case_command",
      id: caseId,
      base_version: 3,
      command: { command: "not_accept", referral: "垫江县人力资源和社会保障局", kind: "other_department" },
      reason: "所申请事项为工伤待遇，不属于社会救助",
    },
  ];
  for (const step of steps) {
    const outcome = await push(context.request, step);
    expect(outcome.outcome, JSON.stringify(outcome)).toBe("applied");
  }
  await page.goto(`/cases/${caseId}/notices/not-accepted`);
  await expect(form.locator("h1")).toHaveText("不予受理告知书");
  await expect(form.locator('[data-field="addressee"]')).toHaveText("赵德明：");
  await expect(form.locator('[data-field="reason"]')).toContainText("工伤待遇");
  await expect(form.locator('[data-field="referral"]')).toContainText("垫江县人力资源和社会保障局");
  await expect(form.locator('[data-field="objection"]')).toContainText("行政复议");
  await expect(form.locator('[data-field="objection"]')).toContainText("行政诉讼");
  await printsOnA4(page, 1);

  // 分办、转办台账 of 沙坪镇 for the last 40 days, on A4 landscape, names masked.
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const to = day(new Date());
  const from = day(new Date(Date.now() - 40 * 86_400_000));
  await page.goto(`/townships/500231101/routing-ledger?from=${from}&to=${to}`);
  await expect(form.locator("h1")).toHaveText("沙坪镇社会救助分办、转办台账登记簿");
  const rows = form.locator('[data-field="rows"] tbody tr[data-case]');
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expect(form.locator('[data-field="rows"]')).toContainText("李*国");
  await expect(form.locator('[data-field="rows"]')).not.toContainText("李建国");
  await expect(form.locator('[data-field="rows"]')).toContainText("民政部门");
  await printsOnA4(page, 4, true);
});
