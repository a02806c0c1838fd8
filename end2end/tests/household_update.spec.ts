// An application for a household already registered, with no signal: the helper finds it
// changed (a son back home, the pension raised) and brings it up to date in the intake.
// Meanwhile the township corrects the same pension and the address. Once there is a network
// only the helper's changes go: the address the township wrote stays, the pension is a
// conflict shown with both values, and the helper's choice is sent again and lands once.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, pulled, signIn } from "../fixtures/helper";
import { sign } from "../fixtures/signature";
import { signAuthorization } from "../fixtures/authorization";
import { idNumber, next, push } from "../fixtures/ops";

test("a registered household updated offline at intake: only the changes go, a conflict is shown and settled once", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await controlledByWorker(page);

  // The household as registered earlier: 刘春梅 and her pension of 420 yuan.
  const stamp = Date.now();
  const address = `沙坪镇毛家村5组${stamp % 1000}号`;
  const corrected = `${address}（门牌已更正）`;
  const grid = (await pulled(context)).find((c) => c.kind === "household")!.body.place;
  const [householdId, liu, pension] = [randomUUID(), randomUUID(), `pension-${stamp}`];
  const created = await push(context.request, {
    op: "create_household",
    id: householdId,
    body: {
      id: householdId,
      place: grid,
      address,
      members: [
        {
          id: liu,
          name: "刘春梅",
          id_number: idNumber("19580312", stamp % 500),
          relation: "applicant",
          disability: null,
          health: "chronic_illness",
          employment: "retired",
          phone: null,
        },
      ],
      income: [{ id: pension, member: liu, kind: "pension", monthly: 42_000, note: "" }],
      property: [],
      housing_damaged: false,
    },
  });
  expect(created.outcome, JSON.stringify(created)).toBe("applied");
  await page.reload();
  await hydrated(page);
  await allSent(page);

  // No signal from here. She entrusts the helper with temporary aid and signs.
  await context.setOffline(true);
  await page.getByRole("main").getByRole("link", { name: "帮办代办委托" }).click();
  await hydrated(page);
  await page.getByRole("link", { name: "登记委托" }).click();
  await page.getByLabel("委托家庭").selectOption({ label: `刘*梅 · ${address}` });
  await page.getByLabel("委托人").selectOption({ label: "刘春梅" });
  await page.getByRole("button", { name: "当面委托" }).click();
  await page.getByRole("checkbox", { name: "临时救助", exact: true }).check();
  await sign(page, page.locator("form"));
  await page.getByRole("button", { name: "保存委托" }).click();
  await page.getByRole("link", { name: "开始代办申请" }).click();
  await expect(page).toHaveURL(/\/intake\?entrustment=/);
  await hydrated(page);

  // The household step: registered, and open to changes except its grid. Her son is back.
  await expect(page.getByText("已登记的家庭：如有变化")).toBeVisible();
  await expect(page.getByLabel("所在网格")).toBeDisabled();
  await expect(page.getByLabel("家庭住址")).toHaveValue(address);
  await page.getByRole("button", { name: "添加家庭成员" }).click();
  const son = page.getByTestId("member-card").nth(1);
  await son.getByLabel("姓名").fill("张磊");
  await son.getByLabel("身份证号").fill(idNumber("19850607", 11));
  await son.getByLabel("与申请人关系").selectOption("child");
  await next(page);

  // Her pension is now 600 yuan.
  const line = page.getByTestId("income-line");
  await expect(line.getByLabel("每月金额（元）")).toHaveValue("420.00");
  await line.getByLabel("每月金额（元）").fill("600");
  // A reload in the middle keeps the change.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("income-line").getByLabel("每月金额（元）")).toHaveValue("600");
  await next(page);
  await next(page); // the entrustment, signed already
  await page.getByLabel("申请理由").fill("儿子失业返乡，家庭收入不足");
  await next(page);
  // Mother and son sign the household's verification authorization.
  expect(await signAuthorization(page)).toBe(2);
  await next(page);
  const lines = page.getByTestId("materials").locator("li.material-line");
  const count = await lines.count();
  for (let i = 0; i < count; i++) {
    const l = lines.nth(i);
    await l.getByLabel("暂缺").check();
    await expect(l).toHaveAttribute("data-done", "true");
  }
  await next(page);
  await page.getByRole("button", { name: "保存申请" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("申请已保存在手机上");

  // Meanwhile the township corrects the pension and the address on the registered copy.
  const township = await push(context.request, {
    op: "edit_household",
    id: householdId,
    base_version: 1,
    changes: [
      { path: ["income", { id: pension }, "monthly"], old: 42_000, new: 50_000 },
      { path: ["address"], old: address, new: corrected },
    ],
  });
  expect(township.outcome, JSON.stringify(township)).toBe("applied");

  // A network: the application goes; the household edit conflicts on the pension only.
  await page.getByRole("link", { name: /^同步/ }).click();
  const row = page.getByTestId("record-list").locator("li.record[data-kind=household]").filter({ hasText: "刘*梅" });
  await expect(row).toHaveAttribute("data-state", "saved");
  await context.setOffline(false);
  await expect(row).toHaveAttribute("data-state", "attention", { timeout: 60_000 });
  await expect(row).toContainText("其他人已修改了同一项内容");
  const fields = row.getByTestId("conflict-field");
  await expect(fields).toHaveCount(1);
  await expect(fields).toContainText("收入 养老金 · 每月金额");
  await expect(fields).toContainText("乡镇现有：500.00 元");
  await expect(fields).toContainText("您填写的：600.00 元");
  const send = row.getByRole("button", { name: "按所选重新发送" });
  await expect(send).toBeDisabled();
  // The checklist names her son's papers, of a member the township does not have yet.
  const checklist = page.getByTestId("record-list").locator("li.record[data-kind=materials]").first();
  await expect(checklist).toHaveAttribute("data-state", "attention");
  // She showed the new pension slip: the helper keeps theirs. The checklist follows.
  await fields.getByRole("radio", { name: /您填写的/ }).check();
  await send.click();
  await allSent(page);
  await expect(row).toHaveAttribute("data-state", "received");
  await expect(checklist).toHaveAttribute("data-state", "received");
  // The authorization covering the son follows the household too.
  const authorizationRow = page.getByTestId("record-list").locator("li.record[data-kind=authorization]").first();
  await expect(authorizationRow).toHaveAttribute("data-state", "received");

  // The server holds the household once: the son once, the helper's pension, the
  // township's address; the application is for this household, none created anew.
  const all = await pulled(context);
  const households = all.filter((c) => c.id === householdId);
  expect(households).toHaveLength(1);
  const h = households[0].body;
  expect(h.members.map((m: any) => m.name).sort()).toEqual(["刘春梅", "张磊"].sort());
  expect(h.income).toHaveLength(1);
  expect(h.income[0].monthly).toBe(60_000);
  expect(h.address).toBe(corrected);
  expect(all.filter((c) => c.kind === "household" && c.body.address?.startsWith(address))).toHaveLength(1);
  const cases = all.filter((c) => c.kind === "case" && c.body.household === householdId);
  expect(cases).toHaveLength(1);
  expect(cases[0].body.case.state).toBe("submitted");
  const checklists = all.filter((c) => c.kind === "materials" && c.id === cases[0].id);
  expect(checklists).toHaveLength(1);
  const sonId = h.members.find((m: any) => m.name === "张磊").id;
  expect(checklists[0].body.entries.some((e: any) => e.member === sonId)).toBeTruthy();
  const authorizations = all.filter((c) => c.kind === "authorization" && c.body.household === householdId);
  expect(authorizations).toHaveLength(1);
  expect(authorizations[0].body.members.map((m: any) => m.member).sort()).toEqual(h.members.map((m: any) => m.id).sort());
  expect(
    checklists[0].body.entries.filter((e: any) => e.material === "verification_authorization").map((e: any) => e.authorization),
  ).toEqual([authorizations[0].id, authorizations[0].id]);

  // The phone's copy is the township's now, and nothing waits.
  await page.reload();
  await hydrated(page);
  await allSent(page);
  await expect(row).toHaveAttribute("data-state", "received");
  await expect(row.getByTestId("household-conflict")).toHaveCount(0);
});
