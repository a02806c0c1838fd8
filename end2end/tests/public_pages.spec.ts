// The resident's public pages (issue 20, points 1 and 2) on a small phone (360×780), signed
// out: browse the aid items of a village and one item's page, track the demo case with its
// number and the applicant's ID tail, the same with JavaScript turned off, the install prompt
// offered only after a case was found (issue 20 point 9), then five wrong tails lock this
// address out. Every page: no axe-core violation of WCAG 2.1 A/AA, and no
// horizontal scrolling with the text at 200 %.
import { expect, test, type Browser } from "@playwright/test";
import { PASSWORD, pulled } from "../fixtures/helper";
import { accessible, reflowsAtDoubleText } from "../fixtures/pages";

const phone = { width: 360, height: 780 };

/** The printed case number of a record id (domain::ids::printed_number): the id's last 80
 * bits in Crockford's base32, four groups of four. */
function caseNumber(id: string): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let bits = BigInt(`0x${id.replace(/-/g, "").slice(12)}`);
  let out = "";
  for (let i = 0; i < 16; i++) {
    out = alphabet[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join("-");
}

type DemoCase = { number: string; tail: string; name: string; idNumber: string };

/** The demo case waiting for materials (张桂兰's 低保), as the window's clerk sees it: its
 * number and its applicant's ID tail (the demo's ID numbers are fictional). */
async function demoCase(browser: Browser): Promise<DemoCase> {
  const context = await browser.newContext();
  const login = await context.request.post("/api/auth/login", { data: { username: "clerk", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const all = await pulled(context);
  await context.close();
  const found = all.find((c) => {
    const body = JSON.stringify(c.body);
    return c.kind === "case" && body.includes('"supplement_requested"') && !body.includes('"resubmitted"');
  })!;
  expect(found, "the demo has a case waiting for materials").toBeTruthy();
  const household = all.find((c) => c.kind === "household" && c.id === (found.body as { household: string }).household)!;
  const members = (household.body as { members: { name: string; id_number: string; relation: string }[] }).members;
  const applicant = members.find((m) => m.relation === "applicant") ?? members[0];
  return {
    number: caseNumber(found.id),
    tail: applicant.id_number.slice(-6),
    name: applicant.name,
    idNumber: applicant.id_number,
  };
}

test.use({ viewport: phone });

test("a resident browses the aid items of their village and tracks a case without an account", async ({ page, browser }) => {
  const demo = await demoCase(browser);

  // The items: choose the village, see every item and where to ask.
  await page.goto("/public/items");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("可以申请的社会救助");
  await accessible(page);
  await reflowsAtDoubleText(page);
  await page.getByLabel("您住在哪个村（社区）？").selectOption({ label: "毛家村" });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/place=500231101201/);
  await expect(page.getByText("沙坪镇社会救助受理窗口")).toBeVisible();
  await expect(page.getByText("李网格")).toBeVisible();
  await accessible(page);
  await reflowsAtDoubleText(page);

  // One item's page.
  await page.getByRole("link", { name: /最低生活保障/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("最低生活保障");
  for (const heading of ["谁可以申请", "要带的材料", "多久办完", "在哪里问、在哪里交"]) {
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
  }
  await accessible(page);
  await reflowsAtDoubleText(page);
  // The read-aloud button shows where the browser can speak.
  const speaks = await page.evaluate(() => "speechSynthesis" in window);
  await expect(page.getByRole("button", { name: "读给我听" })).toBeVisible({ visible: speaks });

  // English.
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "What to bring" })).toBeVisible();
  await accessible(page);

  // Tracking, as the notice's QR code opens it: the number is filled in.
  await page.goto(`/track?case=${demo.number}`);
  await expect(page.getByLabel("案件编号")).toHaveValue(demo.number);
  await accessible(page);
  await reflowsAtDoubleText(page);
  await page.getByLabel("申请人身份证号后 6 位").fill(demo.tail.toLowerCase());
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { name: "还缺材料" })).toBeVisible();
  await expect(page.locator(".timeline")).toContainText("窗口一次告诉您还缺这些材料");
  await expect(page.locator(".timeline")).toContainText("现在在办");
  const text = await page.locator("body").innerText();
  expect(text).not.toContain(demo.name);
  expect(text).not.toContain(demo.idNumber);
  await accessible(page);
  await reflowsAtDoubleText(page);
});

test("the tracking page works with JavaScript turned off", async ({ browser }) => {
  const demo = await demoCase(browser);
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`/track?case=${demo.number}`);
  await page.getByLabel("申请人身份证号后 6 位").fill(demo.tail);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { name: "还缺材料" })).toBeVisible();
  await expect(page.locator(".timeline li")).not.toHaveCount(0);
  // No script ran: the read-aloud button stays hidden.
  await expect(page.getByRole("button", { name: "读给我听" })).toBeHidden();
  await context.close();
});

test("the install prompt is offered only after a case was found on this phone", async ({ browser }) => {
  const demo = await demoCase(browser);
  const context = await browser.newContext({ viewport: phone, locale: "zh-CN" });
  const page = await context.newPage();
  // The browser's offer to install, as Chromium fires it when the app may be installed; its
  // prompt() is counted. Answers whether the page held the offer back for its own button.
  const offer = () =>
    page.evaluate(() => {
      const w = window as unknown as { prompted: number };
      w.prompted = 0;
      const e = new Event("beforeinstallprompt", { cancelable: true }) as Event & { prompt?: () => Promise<void> };
      e.prompt = async () => {
        w.prompted += 1;
      };
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
  const install = page.getByRole("button", { name: "放到手机桌面" });
  // A first visit: never.
  await page.goto(`/track?case=${demo.number}`);
  expect(await offer()).toBe(true);
  await expect(install).toBeHidden();
  await page.goto("/public/items?place=500231101201");
  await offer();
  await expect(install).toBeHidden();
  // A case found: offered, and the browser's prompt opens on a tap.
  await page.goto(`/track?case=${demo.number}`);
  await page.getByLabel("申请人身份证号后 6 位").fill(demo.tail);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { name: "还缺材料" })).toBeVisible();
  await offer();
  await expect(install).toBeVisible();
  await install.click();
  expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
  await expect(install).toBeHidden();
  // Remembered on the phone: later pages offer it too.
  await page.goto("/public/items?place=500231101201");
  await offer();
  await expect(install).toBeVisible();
  // Installed, the app opens on 我的申请.
  const manifest = await (await context.request.get("/my/manifest.webmanifest")).json();
  expect(manifest.start_url).toBe("/my/cases");
  await context.close();
});

test("five wrong ID tails lock this address out of look-ups", async ({ page, browser }) => {
  const demo = await demoCase(browser);
  const wrong = `${demo.tail.slice(0, 5)}${demo.tail.endsWith("1") ? "2" : "1"}`;
  await page.goto(`/track?case=${demo.number}`);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("申请人身份证号后 6 位").fill(wrong);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByRole("alert")).toContainText("没有查到");
    // Nothing typed is lost.
    await expect(page.getByLabel("案件编号")).toHaveValue(demo.number);
  }
  await accessible(page);
  // Now even the right tail is refused.
  await page.getByLabel("申请人身份证号后 6 位").fill(demo.tail);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("alert")).toContainText("输错的次数太多了");
  await expect(page.locator(".timeline")).toHaveCount(0);
});
