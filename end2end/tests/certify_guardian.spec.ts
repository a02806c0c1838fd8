// Issue 20 point 8, certifying eligibility (待遇资格认证) for someone else, on a small phone
// (360×780): 陈德华, whose wife 王秀英 receives 低保 (the demo's closed case) and who is
// registered in her household with his own number, signs in with a code and finds on 我的申请
// her household's case (his family's) and the yearly certification. He certifies for her: the
// page names her masked and says he does it as family; a file that is not a photo is refused
// at its field with his answer kept; then nothing changed, a live photo of her (the front
// camera's input), and it is done, "by family". The county supervisor's list shows the
// household certified by a family member (guardian), masked. And what others meet: 谭丽华,
// a resident of another household, is not offered it while it is due; 王秀英 herself is no
// longer asked once her husband has certified, and a form sent anyway is refused. Every page:
// no axe-core violation of WCAG 2.1 A/AA, no horizontal scrolling with the text at 200 %.
//
// Its own server (fresh demo data): the demo has one household to certify, once a year, which
// the recipient's own journey (certify.spec.ts) certifies on the shared server.
import { expect, test } from "@playwright/test";
import { accessible, fitsTheWidth, reflowsAtDoubleText, signInResident, signInStaff } from "../fixtures/pages";
import { ownServer } from "../fixtures/own_server";

const server = ownServer("certify-guardian");

const phone = { width: 360, height: 780 };
const WANG = "13800000001";
const CHEN = "13800000003";
const TAN = "13800000002";

/** A small PNG (1×1 pixel): an image by its content. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test.use({ viewport: phone });
// The later tests read what the guardian's certification left.
test.describe.configure({ mode: "serial" });

test("a resident of another household is not offered the certification", async ({ page }) => {
  await signInResident(page, TAN, server.dataDir());
  await expect(page.getByRole("heading", { name: "每年一次的认证" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "去认证" })).toHaveCount(0);
  // Typing the address: her own household has nothing to certify, and no form.
  await page.goto("/my/certify");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("待遇资格认证");
  await expect(page.getByText("您家现在不用认证。")).toBeVisible();
  await expect(page.getByRole("button", { name: "提交认证" })).toHaveCount(0);
  await expect(page.getByText("王*英")).toHaveCount(0);
  await accessible(page);
});

test("her husband certifies for her with a live photo, and the county sees it was family", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInResident(page, CHEN, server.dataDir());
  // His family's case, to read; and the certification she has not done.
  await expect(page.getByRole("main").getByRole("link").filter({ hasText: "家里人申请的" })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "每年一次的认证" })).toBeVisible();
  await accessible(page);
  await reflowsAtDoubleText(page);

  await page.getByRole("button", { name: "去认证" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("待遇资格认证");
  await expect(page.getByText("领救助的人：王*英。您是家里人，可以替他（她）认证。")).toBeVisible();
  await expect(page.getByText("王秀英")).toHaveCount(0);
  const photo = page.getByLabel(/拍一张照片/);
  await expect(photo).toHaveAttribute("capture", "user");
  await expect(photo).toHaveAttribute("accept", "image/*");
  await accessible(page);
  await reflowsAtDoubleText(page);
  await fitsTheWidth(page);

  // A file that is not a photo: told at the field, his answer kept.
  await page.getByLabel("没有变化").check();
  await photo.setInputFiles({ name: "note.png", mimeType: "image/png", buffer: Buffer.from("not a photo at all") });
  await page.getByRole("button", { name: "提交认证" }).click();
  await expect(page.locator("#photo-error")).toContainText("这不是照片");
  await expect(page.getByLabel("没有变化")).toBeChecked();
  await expect(page.getByLabel(/拍一张照片/)).toHaveAttribute("aria-invalid", "true");
  await accessible(page);
  await reflowsAtDoubleText(page);

  // Her photo, taken now; nothing changed.
  await page.getByLabel(/拍一张照片/).setInputFiles({ name: "her.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "提交认证" }).click();
  await expect(page).toHaveURL(/\/my\/certify\?done=certified$/);
  const said = page.getByRole("main").getByRole("status");
  await expect(said.first()).toContainText("认证好了");
  await expect(said.filter({ hasText: "已经认证过了" })).toContainText("家里人做的");
  await expect(page.getByRole("button", { name: "提交认证" })).toHaveCount(0);
  await accessible(page);
  await reflowsAtDoubleText(page);
  await page.goto("/my/cases");
  await expect(page.getByRole("heading", { name: "每年一次的认证" })).toHaveCount(0);

  // The county supervisor's list: her household, certified by family, nothing changed, masked.
  // (This file's own server: the project's base URL is the shared one.)
  const county = await browser.newContext({ baseURL, viewport: phone });
  await signInStaff(county, "supervisor");
  const list = await county.newPage();
  await list.goto("/county/certification");
  await expect(list.locator("h1")).toContainText("待遇资格认证情况");
  const row = list.locator('tr[data-status="certified"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("王*英");
  await expect(row).toContainText("家属（监护人）代认证");
  await expect(row).toContainText("无变化");
  await expect(list.getByText("王秀英")).toHaveCount(0);
  await expect(list.getByText("陈德华")).toHaveCount(0);
  await accessible(list);
  await fitsTheWidth(list);
  const csv = await county.request.get("/county/certification?format=csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("家属（监护人）代认证");
  await county.close();
});

test("the recipient is no longer asked once her husband certified, and a form sent anyway is refused", async ({
  page,
}) => {
  await signInResident(page, WANG, server.dataDir());
  await expect(page.getByRole("heading", { name: "每年一次的认证" })).toHaveCount(0);
  await page.goto("/my/certify");
  const done = page.getByRole("main").getByRole("status").filter({ hasText: "已经认证过了" });
  await expect(done).toContainText("家里人做的");
  await expect(page.getByRole("button", { name: "提交认证" })).toHaveCount(0);
  await accessible(page);
  await reflowsAtDoubleText(page);

  // A form kept from before (an old tab, a resend with a new operation): refused, once a year.
  const sent = await page.request.post("/my/certify", {
    multipart: {
      op: "0190f5a4-0000-7000-8000-000000000001",
      answer: "same",
      photo: { name: "me.png", mimeType: "image/png", buffer: PNG },
    },
  });
  expect(sent.status()).toBe(409);
  expect(await sent.text()).toContain("已经认证过了");
});
