// Issue 18, the verification authorization (核对授权), as a helper and anyone checking it live it.
// Offline, a helper takes an application for a family of three adults and a granddaughter of
// 11; all four sign the verification authorization (the child through her father), each
// signer photographed with their ID card. Synced, the server countersigns it. A second
// application of the same household, offline again, finds "已授权" and signs nothing. Online,
// the printed form's verification link says "真实有效"; after a revocation through the push
// API it says "已撤回", and the helper's task list tells that both applications lost it.
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { allSent, controlledByWorker, hydrated, pulled, signIn } from "../fixtures/helper";
import { entrustAndChoose, missingAndSave, queuedSaves, signAuthorization } from "../fixtures/authorization";
import { idNumber, next, push } from "../fixtures/ops";

function member(page: Page, n: number) {
  return page.getByTestId("member-card").nth(n);
}

test("an authorization signed offline is countersigned, reused, verified from its QR link and revoked", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  await controlledByWorker(page);
  const seq = Date.now() % 900;
  const address = `沙坪镇毛家村3组${seq}号`;

  // 1. Offline: the household of four.
  await context.setOffline(true);
  await page.getByRole("link", { name: "代办救助申请" }).click();
  await expect(page).toHaveURL(/\/intake$/);
  await hydrated(page);
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("家庭住址").fill(address);
  const people: [string, string, string][] = [
    ["王秀英", idNumber("19580312", seq), "applicant"],
    ["李国华", idNumber("19600501", seq), "spouse"],
    ["李明", idNumber("19880720", seq), "child"],
    ["李小雨", idNumber("20150901", seq), "grandchild"],
  ];
  for (const [i, [name, id, relation]] of people.entries()) {
    if (i > 0) await page.getByRole("button", { name: "添加家庭成员" }).click();
    await member(page, i).getByLabel("姓名").fill(name);
    await member(page, i).getByLabel("身份证号").fill(id);
    if (i > 0) await member(page, i).getByLabel("与申请人关系").selectOption(relation);
  }
  await next(page);
  await next(page); // no income
  await entrustAndChoose(page, "王秀英", "最低生活保障", "老伴患病，孙女上学，家庭收入不足", 1);

  // 2. The authorization: the text, then four signers, the child through her father.
  await expect(page.getByTestId("authorization-text")).toContainText("社会救助家庭经济状况核对授权书");
  await expect(page.getByTestId("authorization-text")).toContainText("不动产");
  expect(await signAuthorization(page, { "李*雨": { guardian: "李*", relation: "父亲" } }, 10)).toBe(4);
  await next(page);
  await missingAndSave(page);

  // The package waits in the outbox, ID-card photos and all, with the checklist naming it.
  const [queued] = await queuedSaves(page, "authorization");
  expect(queued.members).toHaveLength(4);
  expect(queued.signatures).toHaveLength(4);
  const child = queued.members.find((m: any) => m.name === "李小雨").member;
  const father = queued.members.find((m: any) => m.name === "李明").member;
  const childSignature = queued.signatures.find((s: any) => s.member === child);
  expect(childSignature.by).toMatchObject({ kind: "guardian", name: "李明", relation: "父亲", member: father });
  expect(queued.signatures.every((s: any) => s.identity.method === "in_person" && s.identity.id_card_photo)).toBe(true);
  const [checklist] = await queuedSaves(page, "materials");
  const authorized = checklist.entries.filter((e: any) => e.status === "authorized");
  expect(authorized).toHaveLength(3);
  expect(authorized.every((e: any) => e.authorization === queued.id)).toBe(true);

  // 3. A network: the server countersigns it; the pulled copy has no ID-card photo.
  await context.setOffline(false);
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);
  let all = await pulled(context);
  const household = all.find((c) => c.kind === "household" && c.body.address === address)!;
  const records = all.filter((c) => c.kind === "authorization" && c.body.household === household.id);
  expect(records).toHaveLength(1);
  const authorization = records[0].body;
  expect(authorization.id).toBe(queued.id);
  expect(authorization.countersignature).toBeTruthy();
  expect(JSON.stringify(authorization)).not.toContain("id_card_photo");

  // 4. Offline again, a second application of the same household: authorized, nothing signed.
  await context.setOffline(true);
  await page.goto(`/intake?household=${household.id}`);
  await hydrated(page);
  await next(page);
  await next(page);
  await entrustAndChoose(page, "王秀英", "临时救助", "孙女住院，急需救助", 30);
  const shown = page.getByTestId("authorized");
  await expect(shown).toContainText(`已授权，有效期至 ${authorization.valid_until}（授权书编号`);
  await expect(shown.getByTestId("standing")).toContainText("有效");
  await expect(page.getByTestId("signer")).toHaveCount(0);
  await next(page);
  await missingAndSave(page);
  expect(await queuedSaves(page, "authorization")).toHaveLength(0);
  await context.setOffline(false);
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);
  all = await pulled(context);
  expect(all.filter((c) => c.kind === "authorization" && c.body.household === household.id)).toHaveLength(1);
  const cases = all.filter((c) => c.kind === "case" && c.body.household === household.id);
  expect(cases).toHaveLength(2);
  for (const c of cases) {
    const list = all.find((x) => x.kind === "materials" && x.id === c.id)!;
    const lines = list.body.entries.filter((e: any) => e.material === "verification_authorization");
    expect(lines).toHaveLength(3);
    expect(lines.every((e: any) => e.status === "authorized" && e.authorization === authorization.id)).toBe(true);
  }

  // 5. Online, the printed form: its QR code's link (printed under the code too).
  await page.goto(`/authorizations/${authorization.id}/print`);
  await expect(page.getByText("社会救助家庭经济状况核对授权书").first()).toBeVisible();
  await expect(page.locator("svg").first()).toBeVisible();
  const printed = (await page.content()).match(/https?:\/\/[^"'<\s]*\/verify[^"'<\s]*/)?.[0];
  expect(printed, "the verification link printed with the QR code").toBeTruthy();
  // The QR code itself, decoded from the rendered picture: it must carry that link.
  // Drawn large (it prints at 40 mm), so that each module covers several pixels.
  const qr = page.locator("figure.qr-box svg");
  await qr.evaluate((svg: SVGElement) => {
    svg.style.width = "480px";
    svg.style.height = "480px";
    svg.style.background = "#fff";
  });
  const shot = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
  expect(decoded?.data, "the QR code decodes").toBe(printed!.replace(/&amp;/g, "&"));
  const link = decoded!.data;

  // Anyone, not signed in, opens it: genuine and valid, names masked.
  const stranger = await browser.newContext();
  const check = await stranger.newPage();
  await check.goto(link);
  await expect(check.getByText("真实有效")).toBeVisible();
  await expect(check.getByText("王*英")).toBeVisible();
  await expect(check.getByText("王秀英")).toHaveCount(0);

  // 6. Revoked through the push API the window and the resident's screen use.
  const revoked = await push(context.request, {
    op: "revoke_authorization",
    id: authorization.id,
    member: authorization.members[0].member,
    reason: "本人撤回",
  });
  expect(revoked.outcome, JSON.stringify(revoked)).toBe("applied");
  await check.reload();
  await expect(check.getByText("已撤回", { exact: true })).toBeVisible();
  await stranger.close();

  // 7. The helper's phone hears of it at its next sync: both open applications of the
  // household have lost their economic check's consent.
  await page.goto("/sync");
  await hydrated(page);
  await page.getByRole("button", { name: "立即同步" }).click();
  await allSent(page);
  await page.goto("/tasks");
  await hydrated(page);
  const task = page.getByTestId("task-list").locator("li.task", { hasText: "核对授权已被撤回" });
  await expect(task).toContainText("本户 2 件在办申请");
  await expect(task.getByRole("link")).toHaveAttribute("href", `/intake?household=${household.id}`);

  // The family withdraws both applications: nothing waits for the authorization any more, the
  // task goes (and the journeys after this one find the demo helper's list as the demo made it).
  for (const c of cases) {
    const withdrawn = await push(context.request, {
      op: "case_command",
      id: c.id,
      base_version: c.version,
      command: { command: "withdraw" },
      reason: "家庭撤回申请",
    });
    expect(withdrawn.outcome, JSON.stringify(withdrawn)).toBe("applied");
  }
  await page.goto("/sync");
  await hydrated(page);
  await page.getByRole("button", { name: "立即同步" }).click();
  await allSent(page);
  await page.goto("/tasks");
  await hydrated(page);
  await expect(page.getByTestId("task-list")).not.toContainText("核对授权已被撤回");
});
