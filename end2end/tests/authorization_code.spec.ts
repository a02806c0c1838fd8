// Issue 18, a signer's identity confirmed online by a one-time code (本人手机验证码). A family
// registered earlier (the authorization deferred: nobody had signed yet) applies again. The
// mother asks for a code on her own phone, types it in, and that one code confirms both her
// own signature and her son's, whom she signs for as guardian; her husband has no phone and is
// checked in person with his ID card. Offline, the code cannot be asked for. Synced, the server
// countersigns the package with the methods as chosen.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, pulled, signIn } from "../fixtures/helper";
import { entrustAndChoose, missingAndSave } from "../fixtures/authorization";
import { jpeg } from "../fixtures/photos";
import { sign } from "../fixtures/signature";
import { idNumber, next } from "../fixtures/ops";

/** The code the development SMS sender "sent" to `phone` last (its outbox file). */
function lastCode(phone: string): string {
  const outbox = join(process.env.ONEDOOR_E2E_DIR!, "sms-outbox.log");
  const lines = readFileSync(outbox, "utf8").split("\n").filter((l) => l.includes(`\t${phone}\t`));
  const code = lines.at(-1)?.match(/验证码为 (\d{6})/)?.[1];
  expect(code, `a code went to ${phone}`).toBeTruthy();
  return code!;
}

function signer(page: Page, masked: string) {
  return page.getByTestId("signer").filter({ has: page.locator("h3", { hasText: `${masked}（` }) });
}

test("a mother confirms herself and her son by one code to her phone; her husband is checked in person", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await controlledByWorker(page);
  const seq = (Date.now() % 900) + 1;
  const phone = `139${String(10_000_000 + seq * 7).slice(-8)}`;
  const address = `沙坪镇毛家村5组${seq}号`;

  // 1. The first application: the household registered, the authorization deferred.
  await page.getByRole("link", { name: "代办救助申请" }).click();
  await hydrated(page);
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("家庭住址").fill(address);
  const people: [string, string, string][] = [
    ["赵桂兰", idNumber("19800312", seq), "applicant"],
    ["钱志强", idNumber("19780501", seq), "spouse"],
    ["钱小宝", idNumber("20160901", seq), "child"],
  ];
  const cards = page.getByTestId("member-card");
  for (const [i, [name, id, relation]] of people.entries()) {
    if (i > 0) await page.getByRole("button", { name: "添加家庭成员" }).click();
    await cards.nth(i).getByLabel("姓名").fill(name);
    await cards.nth(i).getByLabel("身份证号").fill(id);
    if (i > 0) await cards.nth(i).getByLabel("与申请人关系").selectOption(relation);
  }
  await cards.nth(0).locator('input[name="member_phone"]').fill(phone);
  await next(page);
  await next(page);
  await entrustAndChoose(page, "赵桂兰", "最低生活保障", "丈夫务工受伤，孩子上学", 3);
  await page.getByLabel(/暂不签署/).check();
  await next(page);
  await missingAndSave(page);
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);
  const household = (await pulled(context)).find((c) => c.kind === "household" && c.body.address === address)!;
  expect(household).toBeTruthy();

  // 2. A second application: everybody signs now.
  await page.goto(`/intake?household=${household.id}`);
  await hydrated(page);
  await next(page);
  await next(page);
  await entrustAndChoose(page, "赵桂兰", "临时救助", "丈夫住院，急需救助", 40);
  await expect(page.getByTestId("signer")).toHaveCount(3);
  const mother = signer(page, "赵*兰");
  const father = signer(page, "钱*强");
  const son = signer(page, "钱*宝");
  await son.locator('select[name="guardian"]').selectOption({ label: "赵*兰" });
  await son.locator('input[name="guardian_relation"]').fill("母亲");

  // Offline, no code can be asked for.
  await mother.getByLabel(/本人手机验证码/).check();
  await context.setOffline(true);
  await expect(mother.getByTestId("send-code")).toBeDisabled();
  await expect(mother).toContainText("当前离线");
  await context.setOffline(false);
  await expect(mother.getByTestId("send-code")).toBeEnabled();

  // A wrong code is refused with the reason; the right one confirms her and her son.
  await mother.getByTestId("send-code").click();
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  await expect(mother).toContainText(`验证码已发送至 ${masked}`);
  const code = lastCode(phone);
  await mother.locator('input[name="one_time_code"]').fill(code === "000000" ? "111111" : "000000");
  await mother.getByTestId("confirm-code").click();
  await expect(mother.getByTestId("code-problem")).toContainText("验证码不正确或已过期");
  await mother.locator('input[name="one_time_code"]').fill(code);
  await mother.getByTestId("confirm-code").click();
  await expect(mother.getByTestId("code-confirmed")).toContainText(masked);
  await expect(son.getByTestId("code-confirmed")).toContainText(masked);
  await sign(page, mother, 51);
  await sign(page, son, 52);
  await sign(page, father, 53);
  const photo = await jpeg(page, "id-card-father.jpg", 1200, 900, 77);
  await father.getByTestId("id-card-photo").getByLabel("拍照").setInputFiles(photo);
  for (const card of [mother, son, father]) await expect(card).toHaveAttribute("data-done", "true");
  await next(page);
  await missingAndSave(page);

  // 3. Online, the package goes at once: countersigned by the server with the methods kept,
  // the father's ID-card photo kept apart.
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);
  const method = (record: any, name: string) => {
    const id = record.members.find((m: any) => m.name === name).member;
    return record.signatures.find((s: any) => s.member === id).identity;
  };
  const kept = (await pulled(context)).find(
    (c) => c.kind === "authorization" && c.body.household === household.id,
  )!;
  expect(kept, "the package reached the server").toBeTruthy();
  expect(kept.body.countersignature).toBeTruthy();
  expect(method(kept.body, "赵桂兰")).toMatchObject({ method: "one_time_code", phone_masked: masked });
  expect(method(kept.body, "钱小宝")).toMatchObject({ method: "one_time_code", phone_masked: masked });
  expect(method(kept.body, "钱志强")).toMatchObject({ method: "in_person" });
  expect(JSON.stringify(kept.body)).not.toContain("id_card_photo");
});
