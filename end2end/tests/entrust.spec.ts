// Entrustment (帮办代办委托) and its termination with the hand-over of materials (资料移交).
//
// 1. No signal all along: a resident's husband entrusts the helper with two items during a
//    visit and signs on the screen; after reloads it is still on the phone; at his request it
//    is terminated, the materials handed back listed and signed for; then a network: the
//    server holds the entrustment once, terminated, with the hand-over and both signatures
//    whole. Bad input on the way is refused in Chinese and keeps what was typed.
// 2. An entrustment by phone (nobody there to sign) that already reached the township is
//    terminated later with no signal; the township then gets the termination on that record.
import { createHash } from "node:crypto";
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, pulled, signIn, type Upsert } from "../fixtures/helper";
import { sign } from "../fixtures/signature";

// A demo household of the helper's village (王秀英 and her husband 陈德华).
const HOUSEHOLD = "王*英 · 沙坪镇毛家村3组12号";

/** From the sync page, where sign-in lands, to an empty entrustment form. */
async function openNewEntrustment(page: Page) {
  await page.getByRole("main").getByRole("link", { name: "帮办代办委托" }).click();
  await expect(page).toHaveURL(/\/entrust$/);
  await hydrated(page);
  await page.getByRole("link", { name: "登记委托" }).click();
  await expect(page).toHaveURL(/\/entrust\?new/);
}

/** Who entrusts, and how. */
async function chooseWho(page: Page, member: string, channel: string) {
  await page.getByLabel("委托家庭").selectOption({ label: HOUSEHOLD });
  await page.getByLabel("委托人").selectOption({ label: member });
  await page.getByRole("button", { name: channel }).click();
  await expect(page.getByRole("button", { name: channel })).toHaveAttribute("aria-pressed", "true");
}

/** The item checkbox (or, with `radio`, the main-item choice) named `name`. */
function item(page: Page, name: string, role: "checkbox" | "radio" = "checkbox") {
  return page.getByRole(role, { name, exact: true });
}

/** Saves the form and answers the new entrustment's id (its "start an application" link names it). */
async function saveEntrustment(page: Page): Promise<string> {
  await page.getByRole("button", { name: "保存委托" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("委托已保存在手机上。");
  const start = await page.getByRole("link", { name: "开始代办申请" }).getAttribute("href");
  const id = /entrustment=([0-9a-f-]{36})$/.exec(start ?? "")?.[1];
  expect(id, `the new entrustment's id in ${start}`).toBeTruthy();
  return id!;
}

/** The line of entrustment `id` in the list of the helper's entrustments. */
function listed(page: Page, id: string) {
  return page.getByTestId("entrustments").locator("li.record").filter({
    has: page.locator(`a[href="/entrust?id=${id}"]`),
  });
}

/** The line of entrustment `id` on the sync page. */
function syncRow(page: Page, id: string) {
  return page.getByTestId("record-list").locator("li.record[data-kind=entrustment]").filter({
    has: page.locator(`a[href="/entrust?id=${id}"]`),
  });
}

/** Fills the termination's reason and the materials handed back, one line each, in order. */
async function fillHandover(termination: Locator, reason: string, materials: { name: string; count: number }[]) {
  await termination.getByLabel("终止原因").fill(reason);
  const lines = termination.locator(".returned-line");
  for (const [i, m] of materials.entries()) {
    // The form starts with one line.
    if (i > 0) await termination.getByRole("button", { name: "添加一项材料" }).click();
    await lines.nth(i).getByLabel("材料名称").fill(m.name);
    await lines.nth(i).getByLabel("份数").fill(String(m.count));
  }
}

/** The server's copies of entrustment `id` and of any entrustment terminated for `reason`. */
async function onServer(context: BrowserContext, id: string, reason?: string): Promise<Upsert[]> {
  return (await pulled(context)).filter(
    (c) => c.kind === "entrustment" && (c.id === id || (reason !== undefined && c.body.termination?.reason === reason)),
  );
}

/** From the sync page, where entrustment `id` waits as saved: a network, then it goes and
 * arrives once; answers the server's copy. */
async function sentOnce(page: Page, context: BrowserContext, id: string, reason: string): Promise<Upsert> {
  await page.getByRole("link", { name: /^同步/ }).click();
  await expect(page).toHaveURL(/\/sync$/);
  await expect(syncRow(page, id)).toHaveAttribute("data-state", "saved");
  await context.setOffline(false);
  await allSent(page);
  await expect(syncRow(page, id)).toHaveAttribute("data-state", "received");
  const found = await onServer(context, id, reason);
  expect(found).toHaveLength(1);
  expect(found[0].id).toBe(id);
  return found[0];
}

/** Waits until every attachment named is on the server whole, its bytes hashing to its name. */
async function wholeOnServer(context: BrowserContext, hashes: string[]) {
  await expect
    .poll(
      async () => {
        let whole = 0;
        for (const sha of hashes) {
          const res = await context.request.get(`/api/attachments/v1/${sha}`);
          if (res.ok() && createHash("sha256").update(await res.body()).digest("hex") === sha) whole++;
        }
        return whole;
      },
      { timeout: 60_000 },
    )
    .toBe(hashes.length);
}

test("an entrustment recorded offline and terminated with the materials handed back reaches the township once", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  // The suite shares one server: the journey's record is found by its id and its own words.
  const reason = `已自行到乡镇窗口办理（${Date.now()}）`;
  await signIn(page);
  await controlledByWorker(page);

  // No signal from here until the end.
  await context.setOffline(true);
  await openNewEntrustment(page);
  const form = page.locator("form");

  // Saving before choosing the household names it.
  await page.getByRole("button", { name: "保存委托" }).click();
  await expect(form.locator(".field-error")).toContainText(["请选择家庭"]);

  // During a visit, so he is there and signs now.
  await chooseWho(page, "陈德华", "走访时委托");

  // No item and no signature: both told at once, in Chinese; nothing chosen is lost.
  await page.getByRole("button", { name: "保存委托" }).click();
  await expect(form).toContainText("请至少选择一项委托办理的救助事项");
  await expect(form).toContainText("请委托人在屏幕上签名");
  await expect(page.getByLabel("委托家庭").locator("option:checked")).toHaveText(HOUSEHOLD);
  await expect(page.getByLabel("委托人").locator("option:checked")).toHaveText("陈德华");
  await expect(page.getByRole("button", { name: "走访时委托" })).toHaveAttribute("aria-pressed", "true");

  // Two items, the main one marked; still unsigned, so only the signature is missing.
  await item(page, "最低生活保障").check();
  await item(page, "临时救助").check();
  await item(page, "最低生活保障", "radio").check();
  await page.getByRole("button", { name: "保存委托" }).click();
  await expect(form).toContainText("请委托人在屏幕上签名");
  await expect(form).not.toContainText("请至少选择一项委托办理的救助事项");
  await expect(item(page, "最低生活保障")).toBeChecked();
  await expect(item(page, "临时救助")).toBeChecked();

  // Signed on the screen; a reload before saving loses nothing of the form, signature included.
  await sign(page, form, 0);
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("委托家庭").locator("option:checked")).toHaveText(HOUSEHOLD);
  await expect(page.getByLabel("委托人").locator("option:checked")).toHaveText("陈德华");
  await expect(page.getByRole("button", { name: "走访时委托" })).toHaveAttribute("aria-pressed", "true");
  await expect(item(page, "最低生活保障")).toBeChecked();
  await expect(item(page, "临时救助")).toBeChecked();
  await expect(item(page, "最低生活保障", "radio")).toBeChecked();
  await expect(form.getByText("已签名", { exact: true })).toBeVisible();
  const id = await saveEntrustment(page);

  // Listed as running; a reload with no signal keeps it.
  await page.getByRole("link", { name: "我的委托" }).click();
  await expect(page).toHaveURL(/\/entrust$/);
  await expect(listed(page, id)).toContainText("陈*华 · 最低生活保障、临时救助");
  await expect(listed(page, id).locator(".badge")).toHaveText("委托中");
  await page.reload();
  await hydrated(page);
  await expect(listed(page, id).locator(".badge")).toHaveText("委托中");

  // Opened, and reloaded there too.
  await listed(page, id).getByRole("link", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`/entrust\\?id=${id}$`));
  await page.reload();
  await hydrated(page);
  const card = page.getByTestId("entrustment");
  await expect(card).toContainText("陈*华 · 最低生活保障、临时救助");
  await expect(card).toContainText("走访时委托");
  await expect(card).toContainText("委托中");

  // He asks to end it. An empty termination is refused: he has not signed for it.
  await page.getByRole("button", { name: "终止委托" }).click();
  const termination = page.getByTestId("termination");
  await expect(termination.getByRole("button", { name: "申请人要求终止" })).toHaveAttribute("aria-pressed", "true");
  const confirm = termination.getByRole("button", { name: "确认终止并移交材料" });
  await confirm.click();
  const alert = termination.getByRole("alert");
  await expect(alert).toContainText("请委托人签名确认终止和材料移交");

  // Signed, but with a count in words, then without the reason or the material's name: each
  // is told, and the signature stays.
  await sign(page, termination, 1);
  await termination.getByLabel("份数").fill("一");
  await confirm.click();
  await expect(alert).toContainText("份数应为整数");
  await termination.getByLabel("份数").fill("1");
  await confirm.click();
  await expect(alert).toContainText("请填写终止原因");
  await expect(alert).toContainText("请填写移交材料名称");
  await expect(alert).not.toContainText("份数应为整数");
  await expect(termination.getByText("已签名", { exact: true })).toBeVisible();

  // What is typed so far survives a reload: the termination opens again as it was.
  await termination.getByLabel("终止原因").fill(reason);
  await page.reload();
  await hydrated(page);
  await expect(termination.getByLabel("终止原因")).toHaveValue(reason);
  await expect(termination.getByText("已签名", { exact: true })).toBeVisible();

  // The household register and two copies of his ID card go back to him.
  await fillHandover(termination, reason, [
    { name: "户口簿", count: 1 },
    { name: "身份证复印件", count: 2 },
  ]);
  await confirm.click();

  // Said on the card, which now shows what was recorded: the cause, the reason, each
  // material handed back with its count.
  await expect(card.getByRole("status")).toHaveText("委托已终止，材料已移交。");
  const summary = card.getByTestId("termination-summary");
  await expect(summary).toContainText("申请人要求终止");
  await expect(summary).toContainText(reason);
  await expect(summary).toContainText("户口簿 · 1 份");
  await expect(summary).toContainText("身份证复印件 · 2 份");

  // Terminated on the phone, and still after a reload.
  await expect(card).toContainText("已终止");
  await expect(page.getByRole("button", { name: "终止委托" })).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(card).toContainText("已终止");
  await expect(page.getByTestId("termination")).toHaveCount(0);
  // A network: it goes, its signatures after it.
  const e = (await sentOnce(page, context, id, reason)).body;
  expect(e.entrusting_name).toBe("陈德华");
  expect(e.channel).toBe("visit");
  expect([...e.items].sort()).toEqual(["dibao", "temporary"]);
  expect(e.main_item).toBe("dibao");
  expect(e.cases).toEqual([]);
  expect(e.signature).toMatch(/^[0-9a-f]{64}$/);
  const t = e.termination;
  expect(t).toBeTruthy();
  expect(t.cause).toBe("resident_request");
  expect(t.reason).toBe(reason);
  expect(t.materials_returned).toEqual([
    { name: "户口簿", count: 1 },
    { name: "身份证复印件", count: 2 },
  ]);
  expect(t.signature).toMatch(/^[0-9a-f]{64}$/);
  expect(t.signature).not.toBe(e.signature);
  expect(Date.parse(t.at)).toBeGreaterThanOrEqual(Date.parse(e.received_at));
  await wholeOnServer(context, [e.signature, t.signature]);
});

test("an entrustment by phone already at the township is terminated later offline, and the township gets it", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const reason = `家中情况好转，不再申请（${Date.now()}）`;
  await signIn(page);
  await controlledByWorker(page);

  // With a network: 王秀英 rings and entrusts one item; nobody is there to sign.
  await openNewEntrustment(page);
  await chooseWho(page, "王秀英", "电话委托");
  await item(page, "临时救助").check();
  const id = await saveEntrustment(page);
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);
  await expect(syncRow(page, id)).toHaveAttribute("data-state", "received");
  const [first] = await onServer(context, id);
  expect(first.body.channel).toBe("phone");
  expect(first.body.signature ?? null).toBeNull();
  expect(first.body.termination ?? null).toBeNull();

  // Days later, no signal: the matter has ended, she agrees, and signs for her papers.
  await context.setOffline(true);
  await page.getByRole("main").getByRole("link", { name: "帮办代办委托" }).click();
  await listed(page, id).getByRole("link", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`/entrust\\?id=${id}$`));
  const card = page.getByTestId("entrustment");
  await expect(card).toContainText("电话委托");
  await expect(card).toContainText("待委托人签名");
  await page.getByRole("button", { name: "终止委托" }).click();
  const termination = page.getByTestId("termination");
  await termination.getByRole("button", { name: "因事项自身原因终止" }).click();
  await expect(termination.getByRole("button", { name: "因事项自身原因终止" })).toHaveAttribute("aria-pressed", "true");
  await expect(termination.getByRole("button", { name: "申请人要求终止" })).toHaveAttribute("aria-pressed", "false");
  await fillHandover(termination, reason, [{ name: "医疗费用发票", count: 3 }]);
  await sign(page, termination, 2);
  await termination.getByRole("button", { name: "确认终止并移交材料" }).click();
  await expect(card).toContainText("已终止");
  await expect(card.getByTestId("termination-summary")).toContainText("医疗费用发票 · 3 份");
  // A terminated entrustment no longer asks for the late signature.
  await expect(card).not.toContainText("待委托人签名");
  await expect(page.getByRole("button", { name: "补签名" })).toHaveCount(0);

  // The same record, a newer version, now terminated; its entrustment itself unchanged.
  const now = await sentOnce(page, context, id, reason);
  expect(now.version).toBeGreaterThan(first.version);
  const e = now.body;
  expect(e.items).toEqual(["temporary"]);
  expect(e.signature ?? null).toBeNull();
  expect(e.termination.cause).toBe("matter_ended");
  expect(e.termination.reason).toBe(reason);
  expect(e.termination.materials_returned).toEqual([{ name: "医疗费用发票", count: 3 }]);
  await wholeOnServer(context, [e.termination.signature]);
});
