// Issue 20 point 6, the supplement (补正) from "我的申请", on a small phone (360×780): the
// window's clerk issues (through the push) a new notice on the demo's online application (谭丽华's 低保 in 李家村,
// resubmitted, with the checklist she made on her phone), naming her income statement; she
// signs in with a code, finds the case waiting for it, photographs exactly that material (one
// file input, the phone's camera), sends it, and the case goes back to the window, where the
// clerk sees it resubmitted. Every resident page: no axe-core violation of WCAG 2.1 A/AA, no
// horizontal scrolling with the text at 200 %.
//
// Her case ends as it began (resubmitted), and no helper serves 李家村 in the demo, so no
// other journey's counts change. A refused photo (not an image, too large) and a material not
// on the notice are covered by the server's tests (server/tests/api/resident_supplement.rs).
import { expect, test } from "@playwright/test";
import { PASSWORD, pulled } from "../fixtures/helper";
import { push } from "../fixtures/ops";
import { accessible, lastSmsCode, reflowsAtDoubleText } from "../fixtures/pages";

const phone = { width: 360, height: 780 };
const TAN = "13800000002";

/** A small PNG (1×1 pixel): an image by its content. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

test.use({ viewport: phone });

test("a resident answers the window's supplement notice with exactly the listed photo", async ({ page, browser }) => {
  // The clerk gives a new notice on the online application (through the push, as the
  // window's desk sends it).
  const desk = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const login = await desk.request.post("/api/auth/login", { data: { username: "clerk", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const all = await pulled(desk);
  const online = all.find(
    (c) => c.kind === "case" && c.body.case.channel === "online" && c.body.case.state === "resubmitted",
  );
  expect(online, "the demo's online application").toBeTruthy();
  const id = online!.id;
  const notice = await push(desk.request, {
    op: "case_command",
    id,
    base_version: online!.version,
    command: { command: "request_supplement", missing: ["income_statement"], seen: [] },
    reason: "收入证明的照片看不清",
  });
  expect(notice.outcome, JSON.stringify(notice)).toBe("applied");

  // She signs in with a code to her phone.
  await page.goto("/my/cases");
  const before = lastSmsCode(TAN);
  await page.getByLabel("手机号").fill(TAN);
  await page.getByRole("button", { name: "发验证码" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("填验证码");
  let code: string | undefined;
  await expect.poll(() => (code = lastSmsCode(TAN)) !== undefined && code !== before, { timeout: 10_000 }).toBeTruthy();
  await page.getByLabel("短信验证码（6 位数字）").fill(code!);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/my\/cases$/);
  const card = page.locator(`ul.cards a[href="/my/cases/${id}"]`);
  await expect(card).toContainText("最低生活保障");
  await accessible(page);
  await reflowsAtDoubleText(page);

  // Her case asks for exactly the income statement: one photo field, the camera's.
  await card.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申请办到哪了");
  await expect(page.getByRole("heading", { name: "请补交材料" })).toBeVisible();
  const inputs = page.locator('input[type="file"]');
  await expect(inputs).toHaveCount(1);
  await expect(inputs).toHaveAttribute("name", "income_statement");
  await expect(inputs).toHaveAttribute("accept", "image/*");
  await expect(inputs).toHaveAttribute("capture", "environment");
  await expect(page.getByText("谭丽华")).toHaveCount(0);
  expect((await page.request.get(`/my/cases/${id}`)).headers()["cache-control"]).toBe("no-store");
  await accessible(page);
  await reflowsAtDoubleText(page);

  // She photographs it and sends it: the case goes back to the window.
  await page.getByLabel(/收入/).setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "交上去" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("照片都收到了");
  await expect(page.getByRole("heading", { name: "请补交材料" })).toHaveCount(0);
  await accessible(page);
  await reflowsAtDoubleText(page);

  // The window sees the resubmission and the new photo in the checklist.
  const after = await pulled(desk);
  expect(after.find((c) => c.kind === "case" && c.id === id)!.body.case.state).toBe("resubmitted");
  const materials = after.find((c) => c.kind === "materials" && c.id === id);
  const entry = materials!.body.entries.find((e: { material: string }) => e.material === "income_statement");
  expect(entry.status).toBe("photographed");
  const photo = await desk.request.get(`/api/attachments/v1/${entry.photos[0]}`);
  expect(photo.ok()).toBeTruthy();
  expect(photo.headers()["content-type"]).toBe("image/png");
  await desk.close();
});
