// The one door across the 2026 National Day holiday (issue 19, "Tests that must exist"): a
// helper's offline intake for temporary and medical aid with the medical bills missing → the
// window's one notice → the helper brings the bills, offline, from the task 补交材料 →
// acceptance → the verification team's economic check on the authorization the family signed
// at the intake (used again, nobody signs anew) → the township leader agrees → routing to two
// departments (civil affairs, medical security) → medical security returns its item (转办) and
// the window routes it again → both items decided → each result told within its 2 working
// days → closed. The window works on a
// desktop (1280×800); the helper, the verifier, the leader and the officers on phones
// (390×844). The helper's task list follows the notice and the result; the registration form,
// the one notice, the result notice (each printed on A4) and the routing ledger carry the
// story's days.
//
// Time travel: every browser runs a fake clock (Playwright's `clock`), moved forward only, all
// to the same moment of the story before anyone acts, so each operation carries the story's
// time (`made_at`); the file's own server accepts operations up to 200 days old. Its own clock
// is December 2026, so nothing here looks at "late" labels: the journey checks the deadline
// DATES the case workspace computes (`case-clocks`) against the 2026 calendar
// (domain/data/holidays/2026.json: 中秋 25–27 Sep and 国庆 1–7 Oct off, Sat 10 Oct worked).
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signAuthorization } from "../fixtures/authorization";
import { act, DESKTOP, openCase, PHONE, submitAction, syncNow } from "../fixtures/desk";
import { allSent, controlledByWorker, hydrated, pulled, signIn } from "../fixtures/helper";
import { idNumber, next } from "../fixtures/ops";
import { ownServer } from "../fixtures/own_server";
import { jpeg } from "../fixtures/photos";
import { printsOnA4 } from "../fixtures/print";
import { sign } from "../fixtures/signature";

ownServer("national-day", ["--offline-allowance-days", "200"]);

const NAME = "龙秀梅";
const MASKED = "龙*梅";
const REASON = "丈夫突发脑溢血住院，医药费负担重，家中无其他收入";

/** Every browser of the story, the story's time, and the file's own server. */
const browsers: BrowserContext[] = [];
let server: string | undefined;
let story = new Date("2026-09-28T09:00:00+08:00");

/** A browser (a desk or a phone) whose clock starts at the story's time. */
async function person(browser: Browser, options: typeof DESKTOP): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: server });
  await context.clock.install({ time: story });
  browsers.push(context);
  const page = await context.newPage();
  // An uncaught error in the app (a hydration panic leaves the page dead) is said in the
  // test's output, so that a step timing out after it names its cause.
  page.on("pageerror", (e) => console.log(`pageerror (${options.viewport.width}px, ${page.url()}): ${e.message}`));
  return page;
}

/** The story moves on to `when` (Beijing time) in every browser: only forward. */
async function at(when: string) {
  const then = new Date(when);
  expect(then.getTime()).toBeGreaterThan(story.getTime());
  story = then;
  for (const context of browsers) await context.clock.setSystemTime(then);
}

/** The helper's task of `kind` for the family (masked on the list), after a sync. */
async function helperTask(helper: Page, kind: string) {
  await syncNow(helper);
  await helper.goto("/tasks");
  await hydrated(helper);
  const task = helper
    .getByTestId("task-list")
    .locator(`li.task[data-kind="${kind}"]`, { has: helper.getByTestId("task-who").getByText(MASKED, { exact: true }) });
  await expect(task).toHaveCount(1, { timeout: 30_000 });
  return task;
}

/** The clock line of the case workspace whose label starts with `label`. */
function clock(page: Page, label: string) {
  return page.getByTestId("case-clocks").locator("li", { hasText: label });
}

test("a case through the 2026 National Day holiday: notice, supplement, verification, two departments, a return, per-result feedback", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(900_000);
  server = baseURL;

  // ── Mon 28 Sep: the helper, offline at the family's door. ──
  const helper = await person(browser, PHONE);
  await signIn(helper, "helper");
  await controlledByWorker(helper);
  const photos = [];
  for (let i = 0; i < 6; i++) photos.push(await jpeg(helper, `material-${i}.jpg`, 1200, 1600, 60 + i));
  const bill = await jpeg(helper, "medical-bills.jpg", 1600, 1200, 77);
  const seq = Date.now() % 900;
  const address = `沙坪镇毛家村5组${seq}号`;

  await helper.context().setOffline(true);
  await helper.getByRole("link", { name: "代办救助申请" }).click();
  await expect(helper).toHaveURL(/\/intake$/);
  await hydrated(helper);
  await helper.getByLabel("所在网格").selectOption({ index: 1 });
  await helper.getByLabel("家庭住址").fill(address);
  const applicant = helper.getByTestId("member-card").first();
  await applicant.getByLabel("姓名").fill(NAME);
  await applicant.getByLabel("身份证号").fill(idNumber("19680415", seq));
  await next(helper);
  await next(helper); // no income
  await helper.getByLabel("委托人").selectOption({ label: NAME });
  await sign(helper, helper.locator("form"), 3);
  await next(helper);
  await helper.getByRole("checkbox", { name: "临时救助", exact: true }).check();
  await helper.getByRole("checkbox", { name: "医疗救助", exact: true }).check();
  await helper.getByTestId("primary").getByLabel("临时救助").check();
  await helper.getByLabel("申请理由").fill(REASON);
  await next(helper);
  // The household's verification authorization, signed once here.
  expect(await signAuthorization(helper, {}, 20)).toBe(1);
  await next(helper);
  // Every material photographed but the medical bills, which the family cannot find today.
  const lines = helper.getByTestId("materials").locator("li.material-line");
  const count = await lines.count();
  let photographed = 0;
  for (let i = 0; i < count; i++) {
    const line = lines.nth(i);
    if ((await line.getAttribute("data-material")) === "medical_bills") {
      await line.getByLabel("暂缺").check();
    } else {
      await line.getByLabel("拍照").setInputFiles(photos[photographed++]);
      await expect(line.locator("img.thumb[data-state=shown]")).toHaveCount(1);
    }
    await expect(line).toHaveAttribute("data-done", "true");
  }
  await next(helper);
  await expect(helper.getByTestId("missing-list")).toContainText("医疗费用票据");
  await helper.getByRole("button", { name: "保存申请" }).click();
  await expect(helper.getByRole("main").getByRole("status")).toContainText("申请已保存在手机上");
  await helper.getByRole("link", { name: /^同步/ }).click();
  const waiting = helper.getByTestId("record-list").locator("li.record");
  await expect(waiting.filter({ hasText: "救助申请" })).toHaveAttribute("data-state", "saved");
  await expect(waiting.filter({ hasText: `家庭登记 · ${MASKED}` })).toBeVisible();
  await expect(helper.getByTestId("record-list")).not.toContainText(NAME);
  // Back in signal: everything reaches the township.
  await helper.context().setOffline(false);
  await allSent(helper);
  let all = await pulled(helper.context());
  const household = all.find((c) => c.kind === "household" && c.body.address === address)!;
  expect(household, "the household reached the server").toBeTruthy();
  const theCase = all.find((c) => c.kind === "case" && c.body.household === household.id)!;
  const id = theCase.id;
  expect(theCase.body.case.state).toBe("submitted");
  const authorization = all.find((c) => c.kind === "authorization" && c.body.household === household.id)!;
  expect(authorization.body.countersignature).toBeTruthy();

  // ── Mon 28 Sep, afternoon: the window's one notice names the bills. ──
  await at("2026-09-28T15:00:00+08:00");
  const clerk = await person(browser, DESKTOP);
  await signIn(clerk, "clerk");
  await controlledByWorker(clerk);
  await clerk.goto("/inbox");
  await hydrated(clerk);
  const row = clerk.getByTestId("inbox").locator(`li[data-case="${id}"]`);
  await expect(row).toContainText(MASKED, { timeout: 60_000 });
  await expect(row).not.toContainText(NAME);
  await expect(row).toContainText("帮办代办");
  await openCase(clerk, id);
  await expect(clerk.getByTestId("case-state")).toHaveText("已提交待审查");
  await expect(clerk.getByTestId("case-items")).toContainText("临时救助");
  await expect(clerk.getByTestId("case-items")).toContainText("医疗救助");
  await expect(clerk.locator('[data-testid="case-materials"] li[data-material="medical_bills"]')).toContainText("未提供");
  await act(clerk, "RequestSupplement", async () => {
    // What is missing is ticked already; its reason is the window's.
    const bills = clerk.locator('.notice-material[data-material="medical_bills"]');
    await expect(bills.getByRole("checkbox")).toBeChecked();
    await bills.locator(".notice-reason").fill("请提供住院医疗费用票据原件照片");
  });
  await expect(clerk.getByTestId("case-state")).toHaveText("待补正材料");
  await expect(clerk.getByTestId("case-history")).toContainText("请提供住院医疗费用票据原件照片");
  // One notice: no second one is offered while the family gathers the bills.
  await expect(clerk.locator('button[data-action="RequestSupplement"]')).toHaveCount(0);

  // ── Tue 29 Sep, morning: the helper brings the bills' photo, offline, from the task: a
  // photo of each material the notice asks for, then the case goes back to the window. ──
  await at("2026-09-29T09:00:00+08:00");
  // The helper's phone knows what to bring: the notice's material, no deadline (the clock waits).
  const bring = await helperTask(helper, "bring_materials");
  await expect(bring).toContainText("补交材料：医疗费用票据");
  await expect(bring.getByTestId("task-due")).toHaveText("无时限");
  await helper.context().setOffline(true);
  await bring.getByRole("link", { name: "去补交" }).click();
  await expect(helper).toHaveURL(new RegExp(`/supplement\\?case=${id}$`));
  await hydrated(helper);
  const asked = helper.getByTestId("asked");
  await expect(asked).toHaveCount(1);
  await expect(asked).toContainText("医疗费用票据");
  // Nothing taken yet: refused, nothing queued.
  await helper.getByRole("button", { name: "保存补交的材料" }).click();
  await expect(helper.getByText("请至少给一样补正材料拍照")).toBeVisible();
  await asked.getByLabel("拍照").setInputFiles(bill);
  await expect(asked.locator("ul.thumbs li")).toHaveCount(1);
  // A reload keeps the photo taken (the draft).
  await helper.reload();
  await hydrated(helper);
  await expect(helper.getByTestId("asked").locator("ul.thumbs li")).toHaveCount(1);
  await helper.getByRole("button", { name: "保存补交的材料" }).click();
  await expect(helper.getByTestId("supplement-saved")).toContainText("材料已补齐");
  await helper.context().setOffline(false);
  await syncNow(helper);
  all = await pulled(helper.context());
  const checklist = all.find((c) => c.kind === "materials" && c.id === id)!;
  const bills = checklist.body.entries.find((e: any) => e.material === "medical_bills");
  // The phone scales a 1600×1200 photo down before keeping it, so the server holds its copy,
  // not the file's bytes: one photo, uploaded, and a JPEG.
  expect(bills.photos).toHaveLength(1);
  await expect
    .poll(async () => (await helper.context().request.get(`/api/attachments/v1/${bills.photos[0]}`)).headers()["content-type"], { timeout: 15_000 })
    .toBe("image/jpeg");
  const current = all.find((c) => c.kind === "case" && c.id === id)!;
  expect(current.body.case.state).toBe("resubmitted");

  // ── Tue 29 Sep, 10:00: the window accepts. Route by Wed 30 Sep (1 working day). ──
  await at("2026-09-29T10:00:00+08:00");
  await syncNow(clerk);
  await openCase(clerk, id);
  await expect(clerk.getByTestId("case-state")).toHaveText("已补正待审查");
  await expect(clerk.locator('[data-testid="case-materials"] li[data-material="medical_bills"]')).toContainText("已拍照 1 张");
  await expect(clerk.getByTestId("outstanding")).toHaveCount(0);
  await act(clerk, "Accept");
  await expect(clerk.getByTestId("case-state")).toHaveText("已受理");
  // Accepted Tue 29 Sep: the next working day is Wed 30 Sep.
  await expect(clock(clerk, "分办")).toContainText("截止 2026-09-30");
  await expect(clerk.getByTestId("case-history")).toContainText("2026-09-29");

  // ── Tue 29 Sep, 11:00: the verification team checks the household's economy with the
  // authorization signed at the intake: valid, nobody signs again. ──
  await at("2026-09-29T11:00:00+08:00");
  const verifier = await person(browser, PHONE);
  await signIn(verifier, "verifier");
  await controlledByWorker(verifier);
  await verifier.goto("/inbox");
  await hydrated(verifier);
  await expect(verifier.getByRole("heading", { level: 1 })).toHaveText("核查工作台", { timeout: 60_000 });
  await expect(verifier.getByTestId("inbox").locator(`li[data-case="${id}"]`)).toContainText(MASKED, { timeout: 60_000 });
  await openCase(verifier, id);
  await expect(verifier.getByTestId("authorizations")).toContainText(`有效 · 有效期至 ${authorization.body.valid_until}`);
  await expect(verifier.locator('[data-testid="case-materials"] li[data-material="verification_authorization"]')).toContainText("已授权");
  await act(verifier, "EconomicCheck");
  await expect(verifier.getByTestId("case-history")).toContainText("家庭经济状况核对");
  await verifier.context().close();
  browsers.splice(browsers.indexOf(verifier.context()), 1);

  // ── Tue 29 Sep, 14:00: the township leader agrees, on a phone. ──
  await at("2026-09-29T14:00:00+08:00");
  const leader = await person(browser, PHONE);
  await signIn(leader, "leader");
  await controlledByWorker(leader);
  await leader.goto("/inbox");
  await hydrated(leader);
  await expect(leader.getByRole("heading", { level: 1 })).toHaveText("领导审批", { timeout: 60_000 });
  await expect(leader.getByTestId("inbox").locator(`li[data-case="${id}"]`)).toContainText("待我办理", { timeout: 60_000 });
  await openCase(leader, id);
  await act(leader, "ApproveRouting");
  await leader.context().close();
  browsers.splice(browsers.indexOf(leader.context()), 1);

  // ── Wed 30 Sep: the window routes, on the last day the clock allows, to two departments.
  // Their limits count from routing and skip 1–7 Oct:
  //   临时救助 15 working days: 8, 9, 10 (Sat, worked), 12–16, 19–23, 26, 27 Oct → Tue 27 Oct;
  //   医疗救助 20 working days: … 27 Oct, then 28, 29, 30 Oct, 2, 3 Nov → Tue 3 Nov. ──
  await at("2026-09-30T09:30:00+08:00");
  await syncNow(clerk);
  await openCase(clerk, id);
  await clerk.locator('button[data-action="Route"]').click();
  await expect(clerk.getByTestId("route-proposal")).toContainText("临时救助 → ");
  await expect(clerk.locator('[data-testid="route-proposal"] li[data-item="temporary"] select')).toHaveValue("civil_affairs");
  await expect(clerk.locator('[data-testid="route-proposal"] li[data-item="medical"] select')).toHaveValue("medical_security");
  await submitAction(clerk);
  await expect(clerk.getByTestId("case-state")).toHaveText("已分办");
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="temporary"]')).toContainText("民政部门");
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="temporary"]')).toContainText("牵头");
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="medical"]')).toContainText("医疗保障部门");
  await expect(clock(clerk, "分办（")).toHaveCount(0);
  await expect(clock(clerk, "临时救助：民政部门审批")).toContainText("截止 2026-10-27");
  await expect(clock(clerk, "医疗救助：医疗保障部门审批")).toContainText("截止 2026-11-03");

  // ── Thu 8 Oct, the first working day after the holiday: medical security returns its
  // item. The window must route it again within 1 working day: Fri 9 Oct. ──
  await at("2026-10-08T09:00:00+08:00");
  const medsec = await person(browser, PHONE);
  await signIn(medsec, "officer2");
  await controlledByWorker(medsec);
  await medsec.goto("/inbox");
  await hydrated(medsec);
  await expect(medsec.getByRole("heading", { level: 1 })).toHaveText("部门办理", { timeout: 60_000 });
  await expect(medsec.getByTestId("inbox").locator(`li[data-case="${id}"]`)).toContainText(MASKED, { timeout: 60_000 });
  await openCase(medsec, id);
  await expect(clock(medsec, "医疗救助：医疗保障部门审批")).toContainText("截止 2026-11-03");
  await act(medsec, "ReturnItem", async () => {
    await medsec.getByTestId("action-reason").fill("申请人住院费用已由城乡居民医保结算，剩余困难属临时救助范围，非本部门事项");
  });
  await expect(medsec.locator('[data-testid="case-items"] tr[data-item="medical"]')).toContainText("已退回，待重新分办");

  await at("2026-10-08T10:00:00+08:00");
  await syncNow(clerk);
  await openCase(clerk, id);
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="medical"]')).toContainText("已退回，待重新分办");
  await expect(clock(clerk, "医疗救助：重新分办")).toContainText("截止 2026-10-09");
  await expect(clerk.getByTestId("case-history")).toContainText("非本部门事项");

  // ── Fri 9 Oct: the window routes it again, to civil affairs (which convenes when a
  // department declines; not back to the one that returned it). Its clock restarts:
  // 20 working days from Fri 9 Oct: 10 (Sat), 12–16, 19–23, 26–30 Oct, 2–5 Nov → Thu 5 Nov. ──
  await at("2026-10-09T09:00:00+08:00");
  await act(clerk, "Reroute", async () => {
    await clerk.getByTestId("reroute-to").selectOption({ label: "民政部门" });
  });
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="medical"]')).toContainText("民政部门");
  await expect(clock(clerk, "医疗救助：重新分办")).toHaveCount(0);
  await expect(clock(clerk, "医疗救助：民政部门审批")).toContainText("截止 2026-11-05");
  await expect(clock(clerk, "临时救助：民政部门审批")).toContainText("截止 2026-10-27");
  await medsec.context().close();
  browsers.splice(browsers.indexOf(medsec.context()), 1);

  // ── Sat 10 Oct, a worked Saturday: civil affairs approves the temporary aid. Its result is
  // told within 2 working days: Mon 12, Tue 13 Oct (Sun 11 off) → Tue 13 Oct. ──
  await at("2026-10-10T10:00:00+08:00");
  const civil = await person(browser, PHONE);
  await signIn(civil, "officer");
  await controlledByWorker(civil);
  await civil.goto("/inbox");
  await hydrated(civil);
  await expect(civil.getByRole("heading", { level: 1 })).toHaveText("部门办理", { timeout: 60_000 });
  await openCase(civil, id);
  await act(civil, "Decide", async () => {
    await civil.getByTestId("action-item").selectOption({ label: "临时救助" });
    await civil.getByTestId("amount").fill("1500");
  });
  await expect(civil.locator('[data-testid="case-items"] tr[data-item="temporary"]')).toContainText("批准：1500元");

  await at("2026-10-10T11:00:00+08:00");
  await syncNow(clerk);
  await openCase(clerk, id);
  await expect(clock(clerk, "临时救助：告知结果")).toContainText("截止 2026-10-13");
  await expect(clock(clerk, "医疗救助：民政部门审批")).toContainText("截止 2026-11-05");

  // The helper's phone: this result is handed over on its own, by the same Tue 13 Oct, while
  // the medical aid is still with its department (乌海 附件4 第四条).
  await at("2026-10-10T11:15:00+08:00");
  const first = await helperTask(helper, "hand_over_result");
  await expect(first).toContainText("向申请人反馈一项办理结果（临时救助），其他事项仍在办理");
  await expect(first).toContainText("截止 2026-10-13");

  // ── Mon 12 Oct: the window tells the first result while the other is pending; then civil
  // affairs decides the medical aid: told by Wed 14 Oct (Tue 13, Wed 14). ──
  await at("2026-10-12T09:00:00+08:00");
  await act(clerk, "TellResult");
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="temporary"]')).toContainText("已告知");
  await expect(clock(clerk, "临时救助：告知结果")).toHaveCount(0);

  await at("2026-10-12T10:00:00+08:00");
  await syncNow(civil);
  await openCase(civil, id);
  await act(civil, "Decide", async () => {
    await civil.getByTestId("action-item").selectOption({ label: "医疗救助" });
    await civil.getByTestId("amount").fill("3000");
  });
  await expect(civil.locator('[data-testid="case-items"] tr[data-item="medical"]')).toContainText("批准：3000元");

  await at("2026-10-12T11:00:00+08:00");
  await syncNow(clerk);
  await openCase(clerk, id);
  await expect(clerk.getByTestId("case-state")).toHaveText("已办结待反馈");
  await expect(clock(clerk, "医疗救助：告知结果")).toContainText("截止 2026-10-14");
  await expect(clock(clerk, "反馈办理结果")).toContainText("截止 2026-10-14");

  // The helper's phone: the result to hand over, by the same day as the window's notice.
  await at("2026-10-12T11:30:00+08:00");
  const handOver = await helperTask(helper, "hand_over_result");
  await expect(handOver).toContainText("向申请人反馈办理结果（临时救助、医疗救助）");
  await expect(handOver).toContainText("截止 2026-10-14");

  // ── Tue 13 Oct: the combined result, then closed. ──
  await at("2026-10-13T09:00:00+08:00");
  await act(clerk, "NotifyResult");
  await expect(clerk.getByTestId("case-state")).toHaveText("已反馈结果");
  await expect(clerk.locator('[data-testid="case-items"] tr[data-item="medical"]')).toContainText("已告知");
  await act(clerk, "Close");
  await expect(clerk.getByTestId("case-state")).toHaveText("已结案");
  await expect(clerk.getByTestId("case-clocks").locator("li")).toHaveCount(0);
  // The history: every step, by whom, on its day of the story.
  const history = clerk.getByTestId("case-history").locator("li");
  for (const [on, step] of [
    ["2026-09-28", "帮办代办员 · 提交申请"],
    ["2026-09-28", "窗口受理员 · 一次性告知补正"],
    ["2026-09-29", "帮办代办员 · 补正后重新提交"],
    ["2026-09-29", "窗口受理员 · 受理"],
    ["2026-09-29", "核查人员 · 家庭经济状况核对"],
    ["2026-09-29", "同意分办"],
    ["2026-09-30", "窗口受理员 · 分办转办"],
    ["2026-10-08", "部门经办人 · 退回（非本部门事项）"],
    ["2026-10-09", "窗口受理员 · 重新分办（转办）"],
    ["2026-10-10", "部门经办人 · 审批"],
    ["2026-10-12", "窗口受理员 · 告知单项办理结果"],
    ["2026-10-12", "部门经办人 · 审批"],
    ["2026-10-13", "窗口受理员 · 反馈结果"],
    ["2026-10-13", "窗口受理员 · 办结"],
  ]) {
    await expect(history.filter({ hasText: `${on} ` }).filter({ hasText: step })).toHaveCount(1);
  }

  // The registration form (登记表): each opinion by the one who gave it, on its day; A4.
  await clerk.goto(`/cases/${id}/registration`);
  const form = clerk.locator("article.form");
  await expect(form.locator('[data-field="leader"]')).toContainText("同意分办");
  await expect(form.locator('[data-field="leader"]')).toContainText("2026年09月29日");
  await expect(form.locator('[data-field="routing"]')).toContainText("民政部门、医疗保障部门");
  await expect(form.locator('[data-field="routing"]')).toContainText("2026年09月30日");
  const decision = (item: string) => form.locator('[data-field="decisions"] .decision', { hasText: `【${item}】` });
  await expect(decision("临时救助")).toContainText("该救助事项于 2026年09月30日 收到，办理结果如下：批准，一次性 1500.00 元");
  await expect(decision("临时救助")).toContainText("2026年10月10日");
  await expect(decision("医疗救助")).toContainText("批准，一次性 3000.00 元");
  await expect(decision("医疗救助")).toContainText("2026年10月12日");
  const feedback = form.locator('[data-field="feedback"]');
  await expect(feedback).toContainText("【临时救助】办理结果已于 2026年10月12日 告知申请人。");
  await expect(feedback).toContainText("办理结果已于 2026年10月13日 告知申请人。");
  await printsOnA4(clerk, 2);

  // The one notice (补正材料告知书): the bills with the window's reason; A4.
  await clerk.goto(`/cases/${id}/notices/supplement`);
  await expect(form.locator("h1")).toHaveText("补正材料告知书");
  await expect(form.locator('[data-field="addressee"]')).toHaveText(`${NAME}：`);
  await expect(form.locator('[data-field="materials"] tbody tr')).toHaveCount(1);
  await expect(form.locator('[data-field="materials"]')).toContainText("医疗费用票据");
  await expect(form.locator('[data-field="materials"]')).toContainText("未提交");
  await expect(form.locator('[data-field="reason"]')).toContainText("请提供住院医疗费用票据原件照片");
  await expect(form).toContainText("2026年09月28日");
  await printsOnA4(clerk, 1);

  // The result notice (办理结果告知书): both results with their departments and days; A4.
  await clerk.goto(`/cases/${id}/notices/result`);
  await expect(form).toContainText("您于2026年09月28日提出的临时救助、医疗救助申请");
  const result = (item: string) => form.locator("tr", { has: clerk.getByRole("cell", { name: item, exact: true }) });
  await expect(result("临时救助")).toContainText(/民政部门\s*批准，一次性 1500\.00 元\s*2026年10月10日批准/);
  await expect(result("医疗救助")).toContainText(/民政部门\s*批准，一次性 3000\.00 元\s*2026年10月12日批准/);
  await expect(form).toContainText("2026年10月13日");
  await printsOnA4(clerk, 2);
  await clerk.setViewportSize(DESKTOP.viewport);

  // The routing ledger (分办、转办台账), kept from the events: the routing to both departments
  // and the second routing of the returned item, the applicant masked.
  await clerk.goto("/townships/500231101/routing-ledger?from=2026-09-01&to=2026-10-31");
  const ledger = clerk.locator(`tr[data-case="${id}"]`);
  await expect(ledger.first()).toBeVisible();
  // The same limits as the workspace's, with the same calendar: 15 and 20 working days from
  // Wed 30 Sep; the returned item to route again by Fri 9 Oct; 20 working days from Fri 9 Oct.
  await expect(ledger).toHaveCount(4);
  const cell = (text: string) => ({ has: clerk.getByRole("cell", { name: text, exact: true }) });
  const temporary = ledger.filter(cell("临时救助"));
  await expect(temporary).toHaveCount(1);
  await expect(temporary).toContainText("民政部门");
  await expect(temporary).toContainText("2026年10月27日（15 个工作日）");
  const medical = ledger.filter(cell("医疗救助"));
  await expect(medical.filter(cell("分办"))).toContainText("医疗保障部门");
  await expect(medical.filter(cell("分办"))).toContainText("2026年11月03日（20 个工作日）");
  await expect(medical.filter(cell("退回"))).toContainText("应于2026年10月09日前重新分办");
  await expect(medical.filter(cell("转办"))).toContainText("民政部门");
  await expect(medical.filter(cell("转办"))).toContainText("2026年11月05日（20 个工作日）");
  await expect(ledger.first()).toContainText(MASKED);
  await expect(clerk.locator("body")).not.toContainText(NAME);

  // The server holds the same story, each step at its day.
  const everything = await pulled(clerk.context());
  const held = everything.find((c) => c.kind === "case" && c.id === id)!;
  const events: { event: string; at: string }[] = held.body.events.map((e: any) => ({
    event: e.body?.event ?? e.event,
    at: e.at,
  }));
  const day = (event: string) =>
    events
      .filter((e) => e.event === event)
      .map((e) => new Date(new Date(e.at).getTime() + 8 * 3600_000).toISOString().slice(0, 10));
  expect(day("accepted")).toEqual(["2026-09-29"]);
  expect(day("routed")).toContain("2026-09-30");
  expect(day("result_notified")).toEqual(["2026-10-13"]);
  expect(day("closed")).toEqual(["2026-10-13"]);
  expect(held.body.case.state).toBe("closed");
  // The economic check names the authorization signed at the intake: used again, not re-signed.
  const check = held.body.events.find((e: any) => (e.body?.event ?? e.event) === "verification_step_done");
  expect((check.body ?? check).authorizations).toEqual([authorization.id]);
  expect(everything.filter((c) => c.kind === "authorization" && c.body.household === household.id)).toHaveLength(1);

  // KNOWN PRODUCT BUG (left asserting the right behaviour, checked last so that every step
  // above is known good when only this fails): the registration form's 救助部门意见 says each
  // item was received on the case's FIRST routing day, so the medical aid, which civil affairs
  // received when the window routed it again on Fri 9 Oct, reads "2026年09月30日 收到".
  // server/src/pages/registration_page.rs, fn decisions (`routed_on` from the first Routed
  // event for every item, instead of the item's own `routed_at`).
  await clerk.goto(`/cases/${id}/registration`);
  await expect(decision("医疗救助")).toContainText("该救助事项于 2026年10月09日 收到");

  for (const context of browsers) await context.close();
  browsers.length = 0;
});
