// The core of the helper's day: a full application on a resident's behalf with no signal —
// a new household of three, income, the entrustment signed on the screen, two aid items,
// the household's verification authorization signed by every member (the son of 16 through
// his mother), the materials checklist with photos, one material missing — the page reloaded
// in the middle, then a network: the household, the case (submitted to the window), the
// entrustment, the authorization (countersigned) and the checklist naming it reach the server
// exactly once, and every photo and signature arrives whole.
import { createHash } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { hydrated, controlledByWorker, signIn, pulled, type Upsert } from "../fixtures/helper";
import { jpeg } from "../fixtures/photos";
import { sign } from "../fixtures/signature";
import { queuedSaves, signAuthorization } from "../fixtures/authorization";

const ADDRESS = "沙坪镇毛家村7组21号";
const REASON = "丈夫因病去世，家中无固定收入，孩子上学";

function member(page: Page, n: number) {
  return page.getByTestId("member-card").nth(n);
}

async function next(page: Page) {
  await page.getByRole("button", { name: "下一步" }).click();
}

test("a whole intake with photos made offline reaches the township exactly once", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signIn(page);
  await controlledByWorker(page);
  const hukou = await jpeg(page, "hukou.jpg", 2400, 1800, 3);
  const statement = await jpeg(page, "statement.jpg", 1000, 1400, 5);

  await context.setOffline(true);
  await page.getByRole("link", { name: "代办救助申请" }).click();
  await expect(page).toHaveURL(/\/intake$/);
  await hydrated(page);

  // 1. The household: a mother, her mother-in-law and a son at school.
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("家庭住址").fill(ADDRESS);
  await member(page, 0).getByLabel("姓名").fill("李桂兰");
  await member(page, 0).getByLabel("身份证号").fill("500231196509234020");
  await expect(member(page, 0).getByTestId("id-reading")).toContainText("1965-09-23 · 女 · 61");
  // A wrong check digit is told at once.
  await page.getByRole("button", { name: "添加家庭成员" }).click();
  await member(page, 1).getByLabel("姓名").fill("张秀珍");
  await member(page, 1).getByLabel("身份证号").fill("500231196204173027");
  await expect(member(page, 1).getByRole("alert")).toBeVisible();
  await member(page, 1).getByLabel("身份证号").fill("500231196204173028");
  await expect(member(page, 1).getByTestId("id-reading")).toContainText("女");
  await member(page, 1).getByLabel("与申请人关系").selectOption("other_cohabitant");
  await page.getByRole("button", { name: "添加家庭成员" }).click();
  await member(page, 2).getByLabel("姓名").fill("张浩");
  await member(page, 2).getByLabel("身份证号").fill("500231201003053015");
  await expect(member(page, 2).getByTestId("id-reading")).toContainText("男 · 16");
  await member(page, 2).getByLabel("就业状况").selectOption("student");
  await next(page);

  // 2. Income.
  await page.getByRole("button", { name: "添加一项收入" }).click();
  await page.getByTestId("income-line").getByLabel("每月金额（元）").fill("800");
  await next(page);

  // 3. The entrustment, signed on the screen.
  await page.getByLabel("委托人").selectOption({ label: "李桂兰" });
  await sign(page, page.locator("form"));
  await next(page);

  // 4. Two items, the main one, the reason.
  await page.getByRole("checkbox", { name: "最低生活保障" }).check();
  await page.getByRole("checkbox", { name: "临时救助", exact: true }).check();
  await page.getByTestId("primary").getByLabel("最低生活保障").check();
  await page.getByLabel("申请理由").fill(REASON);

  // The page reloads in the middle (a crash, a dead battery): nothing typed is lost.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("申请理由")).toHaveValue(REASON);
  await expect(page.getByRole("checkbox", { name: "临时救助", exact: true })).toBeChecked();
  await next(page);

  // 5. The verification authorization: all three sign, the son through his mother.
  expect(await signAuthorization(page, { "张*": { guardian: "李*兰", relation: "母亲" } })).toBe(3);
  await next(page);

  // 6. Materials: photographs, the rest missing (the authorization is the previous step's).
  const lines = page.getByTestId("materials").locator("li.material-line");
  const count = await lines.count();
  expect(count).toBeGreaterThanOrEqual(6);
  await expect(page.locator('li.material-line[data-material="verification_authorization"]')).toHaveCount(0);
  let photographed = 0;
  for (let i = 0; i < count; i++) {
    const line = lines.nth(i);
    const material = await line.getAttribute("data-material");
    if (material === "hukou" || material === "income_statement") {
      await line.getByLabel("拍照").setInputFiles(material === "hukou" ? hukou : statement);
      await expect(line.locator("img.thumb[data-state=shown]")).toHaveCount(1);
      photographed++;
    } else {
      await line.getByLabel("暂缺").check();
    }
    await expect(line).toHaveAttribute("data-done", "true");
  }
  expect(photographed).toBe(2);
  await next(page);

  // 7. Review and save, still offline.
  await expect(page.getByText("委托人已签名：保存后提交到乡镇窗口。")).toBeVisible();
  await expect(page.getByTestId("missing-list")).toContainText("救助申请书");
  await page.getByRole("button", { name: "保存申请" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("申请已保存在手机上");
  // The package waits in the outbox with the checklist naming it.
  const [queued] = await queuedSaves(page, "authorization");
  expect(queued.members).toHaveLength(3);
  expect(queued.signatures).toHaveLength(3);
  expect(queued.signatures.every((s: any) => s.identity.method === "in_person" && s.identity.id_card_photo)).toBe(true);
  const [queuedChecklist] = await queuedSaves(page, "materials");
  expect(queuedChecklist.entries.filter((e: any) => e.status === "authorized" && e.authorization === queued.id)).toHaveLength(2);

  await page.getByRole("link", { name: /^同步/ }).click();
  const rows = page.getByTestId("record-list").locator("li.record");
  await expect(rows.filter({ hasText: "救助申请" })).toHaveAttribute("data-state", "saved");
  await expect(rows.filter({ hasText: "家庭登记 · 李*兰" })).toBeVisible();

  // A network: everything goes, photos after their records.
  await context.setOffline(false);
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("全部记录已送达乡镇。", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("unsent-badge")).toHaveCount(0);

  const all = await pulled(context);
  const households = all.filter((c) => c.kind === "household" && c.body.address === ADDRESS);
  expect(households).toHaveLength(1);
  const household = households[0];
  expect(household.body.members).toHaveLength(3);
  const cases = all.filter((c) => c.kind === "case" && c.body.household === household.id);
  expect(cases).toHaveLength(1);
  const theCase = cases[0].body;
  expect(theCase.case.state).toBe("submitted");
  expect(theCase.case.channel).toBe("entrusted");
  expect(theCase.case.requested_items.sort()).toEqual(["dibao", "temporary"]);
  expect(theCase.events.map((e: any) => e.reason).filter(Boolean)).toContain(REASON);
  const entrustments = all.filter((c) => c.kind === "entrustment" && c.body.household === household.id);
  expect(entrustments).toHaveLength(1);
  expect(entrustments[0].body.cases).toEqual([cases[0].id]);
  const checklists = all.filter((c) => c.kind === "materials" && c.id === cases[0].id);
  expect(checklists).toHaveLength(1);
  const entries: any[] = checklists[0].body.entries;
  const authorizations = all.filter((c) => c.kind === "authorization" && c.body.household === household.id);
  expect(authorizations).toHaveLength(1);
  const authorization = authorizations[0].body;
  expect(authorization.countersignature).toBeTruthy();
  // The ID-card photos are kept apart: never in a pull.
  expect(JSON.stringify(authorization)).not.toContain("id_card_photo");
  expect(entries.filter((e) => e.status === "authorized" && e.authorization === authorization.id)).toHaveLength(2);
  expect(entries.filter((e) => e.status === "photographed")).toHaveLength(2);

  // Every photo and signature whole on the server, its bytes hashing to its name.
  const hashes = new Set<string>([entrustments[0].body.signature]);
  for (const e of entries) {
    for (const h of e.photos ?? []) hashes.add(h);
  }
  for (const s of authorization.signatures) hashes.add(s.mark.image);
  expect(hashes.size).toBe(6);
  await expect
    .poll(async () => {
      let whole = 0;
      for (const sha of hashes) {
        const res = await context.request.get(`/api/attachments/v1/${sha}`);
        if (res.ok() && createHash("sha256").update(await res.body()).digest("hex") === sha) whole++;
      }
      return whole;
    }, { timeout: 60_000 })
    .toBe(6);
});
