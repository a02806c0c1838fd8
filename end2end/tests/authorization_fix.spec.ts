// Issue 18, bad input: a package the server refuses is fixed at the member's line. This
// installation allows only the one-time code to the signer's phone (its own server, started
// here with `--authorization-identity-methods one_time_code`; the shared one allows both). A
// phone that has not learned that yet takes an application offline, and the mother signs
// the authorization in person, photographed with her ID card. Synced, the server refuses the
// package: the sync page shows the reason at her name and offers "修改授权". The fix reopens
// the intake at its signing step with her signature kept and the reason at her line; she
// confirms by a code to her phone instead, the application is saved again, and the package
// goes again under its id: countersigned, with nothing else needing attention.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { allSent, controlledByWorker, hydrated, pulled, signIn } from "../fixtures/helper";
import { entrustAndChoose, missingAndSave } from "../fixtures/authorization";
import { jpeg } from "../fixtures/photos";
import { sign } from "../fixtures/signature";
import { idNumber, next } from "../fixtures/ops";
import { ownServer } from "../fixtures/own_server";

const server = ownServer("fix", ["--authorization-identity-methods", "one_time_code"]);

/** The code this installation's development SMS sender "sent" to `phone` last. */
function lastCode(phone: string): string {
  const lines = readFileSync(join(server.dataDir(), "sms-outbox.log"), "utf8")
    .split("\n")
    .filter((l) => l.includes(`\t${phone}\t`));
  const code = lines.at(-1)?.match(/验证码为 (\d{6})/)?.[1];
  expect(code, `a code went to ${phone}`).toBeTruthy();
  return code!;
}

/** Forgets what the phone learned of the installation's settings (as on a phone that last
 * synced before the installation changed them). */
async function forgetSettings(page: Page) {
  await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open("onedoor");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction("meta", "readwrite");
      tx.objectStore("meta").delete("authorization_settings");
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  });
}

test("a package refused for its identity method is fixed at the member's line and countersigned", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  await controlledByWorker(page);
  const seq = (Date.now() % 900) + 1;
  const phone = `137${String(10_000_000 + seq * 11).slice(-8)}`;
  const address = `沙坪镇毛家村6组${seq}号`;

  // 1. Offline: a household of one; she signs in person with her ID card, which the phone
  // still thinks is allowed.
  await context.setOffline(true);
  await forgetSettings(page);
  await page.getByRole("link", { name: "代办救助申请" }).click();
  await hydrated(page);
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  await page.getByLabel("家庭住址").fill(address);
  const card = page.getByTestId("member-card").nth(0);
  await card.getByLabel("姓名").fill("孙秀芳");
  await card.getByLabel("身份证号").fill(idNumber("19700615", seq));
  await card.locator('input[name="member_phone"]').fill(phone);
  await next(page);
  await next(page); // no income
  await entrustAndChoose(page, "孙秀芳", "最低生活保障", "丈夫去世，独自抚养", 61);
  const mother = page.getByTestId("signer");
  await expect(mother).toHaveCount(1);
  await sign(page, mother, 62);
  const photo = await jpeg(page, "id-card-sun.jpg", 1200, 900, 63);
  await mother.getByTestId("id-card-photo").getByLabel("拍照").setInputFiles(photo);
  await expect(mother).toHaveAttribute("data-done", "true");
  await next(page);
  await missingAndSave(page);

  // 2. Online: refused, the reason at her (masked) name, and a way to fix it.
  await context.setOffline(false);
  await page.getByRole("link", { name: /^同步/ }).click();
  const row = page.locator('li.record[data-kind="authorization"][data-state="attention"]');
  await expect(row).toHaveCount(1, { timeout: 60_000 });
  const problem = row.getByTestId("refused-problem");
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText("孙*芳");
  await expect(problem).toContainText("本地不允许该身份核验方式");
  await expect(problem).not.toContainText("孙秀芳");
  const household = (await pulled(context)).find((c) => c.kind === "household" && c.body.address === address)!;
  expect(household, "the household reached the server").toBeTruthy();
  expect(
    (await pulled(context)).some((c) => c.kind === "authorization" && c.body.household === household.id),
    "nothing countersigned",
  ).toBe(false);

  // 3. The fix: the signing step, her signature kept, the reason at her line.
  await row.getByTestId("fix-authorization").click();
  await expect(page).toHaveURL(/\/intake\?authorization=/);
  await hydrated(page);
  await expect(page.getByTestId("authorization-refused")).toBeVisible();
  const line = page.getByTestId("signer");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText("本地不允许该身份核验方式");
  await line.getByLabel(/本人手机验证码/).check();
  await line.getByTestId("send-code").click();
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  await expect(line).toContainText(`验证码已发送至 ${masked}`);
  await line.locator('input[name="one_time_code"]').fill(lastCode(phone));
  await line.getByTestId("confirm-code").click();
  await expect(line.getByTestId("code-confirmed")).toContainText(masked);
  await expect(line).not.toContainText("本地不允许该身份核验方式");
  await expect(line).toHaveAttribute("data-done", "true");
  await next(page);
  await missingAndSave(page);

  // 4. Sent again under the same id: countersigned, confirmed by the code; nothing waits.
  await page.getByRole("link", { name: /^同步/ }).click();
  await allSent(page);
  await expect(page.locator('li.record[data-state="attention"]')).toHaveCount(0);
  const kept = (await pulled(context)).find(
    (c) => c.kind === "authorization" && c.body.household === household.id,
  )!;
  expect(kept, "the package reached the server").toBeTruthy();
  expect(kept.body.countersignature).toBeTruthy();
  expect(kept.body.signatures).toHaveLength(1);
  expect(kept.body.signatures[0].identity).toMatchObject({ method: "one_time_code", phone_masked: masked });
});
