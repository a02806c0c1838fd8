// The administrator's staff accounts (issue 21 point 5), server-rendered pages: the admin signs
// in with the demo's second factor, adds a helper in 李家村 with a category and an ID number
// (a mistake first: its error at its field, what was typed kept), reads the generated
// password once, and the county roster then shows the helper with that category and the ID
// number masked. At phone (390 × 844) and desktop (1280 × 800) size. On its own server: a new
// helper in 李家村 changes the roster other journeys read.
import { expect, test } from "@playwright/test";
import { fitsTheWidth, signInStaff } from "../fixtures/pages";
import { ownServer } from "../fixtures/own_server";

ownServer("admin-staff");

const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

for (const [i, size] of SIZES.entries()) {
  test.describe(`at ${size.name} size`, () => {
    test.use({ viewport: size.viewport, isMobile: size.name === "phone", hasTouch: size.name === "phone" });

    test("the admin adds a helper and the roster shows the category", async ({ page, context }) => {
      // A second factor is never accepted twice: the second size's sign-in waits for the
      // authenticator's next code (up to 30 s).
      test.setTimeout(120_000);
      const username = `li.helper${i}`;
      const name = i === 0 ? "李帮办" : "李代办";
      await signInStaff(context, "admin");
      await page.goto("/admin/staff");
      await expect(page.locator("h1")).toHaveText("工作人员账号");
      await expect(page.locator('tr[data-username="helper"]')).toContainText("网格员");
      await fitsTheWidth(page);

      await page.locator('a[data-action="new"]').click();
      await page.getByLabel("账号（登录名）").fill(username);
      await page.getByLabel("姓名").fill(name);
      await page.getByLabel("角色").selectOption("helper");
      await page.getByLabel("所在地").selectOption("500231101202");
      await page.getByLabel("电话（手机）").fill("1390000");
      await page.getByLabel("身份证号码").fill("500231199201010016");
      await page.getByLabel("人员类别").selectOption("assistance_coordinator");
      await page.locator('button[data-action="save"]').click();
      // The phone is short: its error at its field, everything typed kept.
      await expect(page.locator('[data-error="phone_invalid"]')).toBeVisible();
      await expect(page.getByLabel("电话（手机）")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("姓名")).toHaveValue(name);
      await expect(page.getByLabel("身份证号码")).toHaveValue("500231199201010016");
      await expect(page.getByLabel("人员类别")).toHaveValue("assistance_coordinator");
      await fitsTheWidth(page);

      await page.getByLabel("电话（手机）").fill(`1390000000${i}`);
      await page.locator('button[data-action="save"]').click();
      await expect(page.locator('[data-said="added"]')).toContainText(username);
      const password = (await page.locator('[data-field="password"]').textContent())!.trim();
      expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
      await fitsTheWidth(page);

      // The list: masked ID number and phone, the category, waiting for the first change.
      await page.goto("/admin/staff?role=helper");
      const row = page.locator(`tr[data-username="${username}"]`);
      await expect(row).toContainText("救助协理员");
      await expect(row).toContainText("500231********0016");
      await expect(row.locator('[data-field="status"]')).toHaveText("待改初始密码");

      // The new account signs in with it and must change it first.
      const login = await page.request.post("/api/auth/login", { data: { username, password } });
      expect(login.status()).toBe(200);
      expect((await login.json()).must_change_password).toBe(true);

      // The county roster (as the supervisor) shows the helper with the category.
      await signInStaff(context, "supervisor");
      await page.goto("/county/helper-roster");
      const line = page.locator('[data-field="rows"] tr', { hasText: name });
      await expect(line).toContainText("救助协理员");
      await expect(line).toContainText("李家村");
      await expect(line.locator(".screen-only").first()).toHaveText("500231********0016");
    });
  });
}
