// The window's walk-in (窗口受理, issue 19 point 1): a resident comes to the township's window
// without a helper. The clerk registers the household and the application with the helper's
// guided forms, without an entrustment, at a desk (1280×800); the page is reloaded in the
// middle and nothing typed is lost; saving puts the case straight into the window's inbox,
// come in by the window with the clerk as its first-asker; she brought no papers, so the
// clerk cannot accept it and gives her the one notice listing every material instead. A
// request another township's window sent on (外镇转来) is registered the same way, naming who
// sent it, which the inbox and the case show.
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, submitAction } from "../fixtures/desk";
import { allSent, hydrated, pulled, signIn } from "../fixtures/helper";

test.use(DESKTOP);

const ADDRESS = "沙坪镇李家村3组8号";
const REASON = "老伴住院做手术，医药费花光了积蓄";

async function next(page: Page) {
  await page.getByRole("button", { name: "下一步" }).click();
}

test("a walk-in is registered at the window without an entrustment and told at once what to bring", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signIn(page, "clerk");
  await page.goto("/inbox");
  await hydrated(page);
  await page.getByTestId("walk-in").click();
  await expect(page).toHaveURL(/\/intake\?walk_in=1$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("窗口受理登记");
  // The helper's steps without the entrustment.
  const bar = page.locator("ol.step-bar");
  await expect(bar).not.toContainText("委托");
  await expect(bar.locator("li")).toHaveCount(6);

  // 1. The household: one person, in the township's second village.
  await page.getByLabel("所在网格").selectOption("500231101202-G01");
  await page.getByLabel("家庭住址").fill(ADDRESS);
  const card = page.getByTestId("member-card").first();
  await card.getByLabel("姓名").fill("周玉梅");
  await card.getByLabel("身份证号").fill("500231195907154021");
  await expect(card.getByTestId("id-reading")).toContainText("女");
  await next(page);
  // 2. No income to declare.
  await next(page);
  // 3. The item and the reason.
  await page.getByRole("checkbox", { name: "临时救助", exact: true }).check();
  await page.getByLabel("申请理由").fill(REASON);
  // A reload at the desk loses nothing.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("申请理由")).toHaveValue(REASON);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("窗口受理登记");
  await next(page);
  // 4. The authorization is signed later (her husband is in hospital).
  await page.locator('input[name="deferred"]').check();
  await next(page);
  // 5. She brought no papers: every material is listed as missing.
  const lines = page.getByTestId("materials").locator("li.material-line");
  const count = await lines.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const line = lines.nth(i);
    if ((await line.getAttribute("data-done")) !== "true") await line.getByLabel("暂缺").check();
    await expect(line).toHaveAttribute("data-done", "true");
  }
  await next(page);
  // 6. Review and save: straight into the township's inbox.
  await expect(page.getByText("申请人在窗口当面申请：保存后进入本乡镇受理台")).toBeVisible();
  await page.getByRole("button", { name: "保存申请" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("申请已保存");

  await page.goto("/sync");
  await hydrated(page);
  await page.getByRole("button", { name: "立即同步" }).click();
  await allSent(page);
  const all = await pulled(context);
  const household = all.find((c) => c.kind === "household" && c.body.address === ADDRESS);
  expect(household).toBeTruthy();
  const cases = all.filter((c) => c.kind === "case" && c.body.household === household!.id);
  expect(cases).toHaveLength(1);
  expect(cases[0].body.case.channel).toBe("window");
  expect(cases[0].body.case.state).toBe("submitted");
  expect(all.filter((c) => c.kind === "entrustment" && c.body.household === household!.id)).toHaveLength(0);

  // In the inbox, waiting on the window, come in by the window.
  const id = cases[0].id;
  await page.goto("/inbox");
  await hydrated(page);
  const row = page.getByTestId("inbox").locator(`li[data-case="${id}"]`);
  await expect(row).toContainText("周*梅");
  await expect(row).toContainText("窗口受理");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/cases/${id}$`));
  await expect(page.getByTestId("first-asker")).toContainText("本人");
  // She brought nothing: acceptance is refused at the button, naming what is missing …
  await page.locator('button[data-action="Accept"]').click();
  await page.getByTestId("action-submit").click();
  await expect(page.getByTestId("action-error")).toContainText("材料不齐全，缺少：");
  await expect(page.getByTestId("action-error")).toContainText("户口");
  await expect(page.getByTestId("action-error")).not.toContainText("hukou");
  // … so the clerk gives her the one notice listing every material.
  await page.locator('button[data-action="RequestSupplement"]').click();
  const materials = page.locator(".notice-material");
  const n = await materials.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await materials.nth(i).getByRole("checkbox").check();
    await materials.nth(i).locator(".notice-reason").fill("未带来");
  }
  await submitAction(page);
  await expect(page.getByTestId("case-state")).toHaveText("待补正材料");
});

test("a request referred by another township is registered naming who sent it", async ({ page, context }) => {
  test.setTimeout(180_000);
  const address = "沙坪镇李家村3组9号";
  await signIn(page, "clerk");
  await page.goto("/inbox");
  await hydrated(page);
  await page.getByTestId("walk-in").click();
  await hydrated(page);
  await page.getByLabel("所在网格").selectOption("500231101202-G01");
  await page.getByLabel("家庭住址").fill(address);
  const card = page.getByTestId("member-card").first();
  await card.getByLabel("姓名").fill("韩德明");
  await card.getByLabel("身份证号").fill("500231195203114013");
  await next(page);
  await next(page);
  await page.getByRole("checkbox", { name: "临时救助", exact: true }).check();
  await page.getByLabel("申请理由").fill("在外镇打工受伤，户籍在本镇");
  // Came from 石桥镇's window: the name is asked for, and forgetting it is refused at the field.
  await page.getByLabel("申请方式").selectOption("referral");
  const from = page.getByLabel("从哪里转来");
  await expect(from).toBeVisible();
  await next(page);
  await page.locator('input[name="deferred"]').check();
  await next(page);
  const lines = page.getByTestId("materials").locator("li.material-line");
  for (let i = 0; i < (await lines.count()); i++) {
    const line = lines.nth(i);
    if ((await line.getAttribute("data-done")) !== "true") await line.getByLabel("暂缺").check();
  }
  await next(page);
  await page.getByRole("button", { name: "保存申请" }).click();
  const missingName = "外镇转来的申请须写明转来的乡镇或单位";
  await expect(page.getByRole("alert").filter({ hasText: missingName })).toBeVisible();
  // Back at the items step, the choice is as it was left.
  await page.locator("ol.step-bar").getByRole("button").nth(2).click();
  await expect(page.getByLabel("申请方式")).toHaveValue("referral");
  await from.fill("石桥镇社会救助服务窗口");
  await page.locator("ol.step-bar").getByRole("button").last().click();
  await page.getByRole("button", { name: "保存申请" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("申请已保存");

  await page.goto("/sync");
  await hydrated(page);
  await page.getByRole("button", { name: "立即同步" }).click();
  await allSent(page);
  const all = await pulled(context);
  const household = all.find((c) => c.kind === "household" && c.body.address === address)!;
  const held = all.find((c) => c.kind === "case" && c.body.household === household.id)!;
  expect(held.body.case.channel).toBe("referral");
  expect(held.body.case.referred_by).toBe("石桥镇社会救助服务窗口");

  await page.goto("/inbox");
  await hydrated(page);
  const row = page.getByTestId("inbox").locator(`li[data-case="${held.id}"]`);
  await expect(row).toContainText("外镇转来（石桥镇社会救助服务窗口）");
  await expect(row).toContainText("韩*明");
  await row.getByRole("link").click();
  await expect(page.getByTestId("referred-by")).toHaveText("外镇转来：石桥镇社会救助服务窗口");
});
