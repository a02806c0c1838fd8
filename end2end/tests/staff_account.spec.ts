// Staff accounts (issue 22 point 3) on a desk's screen: the supervisor signs in with the
// demo's second factor; a clerk changes their password; an account the admin just created is
// made to change its generated password before anything else. New accounts come from the
// admin command line (`onedoor user create`) on the journey's own database, so the demo
// accounts other journeys use keep their passwords.
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { DESKTOP } from "../fixtures/desk";
import { PASSWORD, allSent, hydrated } from "../fixtures/helper";
import { freshCode } from "../fixtures/totp";

test.use(DESKTOP);

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, "..", process.env.ONEDOOR_BIN ?? "../target/release/onedoor");
const database = `sqlite://${process.env.ONEDOOR_E2E_DIR}/e2e.db`;

/** `onedoor user create` for a window clerk; answers the password (generated unless given). */
function createClerk(username: string, password?: string): string {
  const args = ["--database-url", database, "--log", "warn", "user", "create", "--username", username,
    "--display-name", "新来的窗口", "--role", "window_clerk", "--place", "500231101"];
  if (password) args.push("--password-stdin");
  const out = execFileSync(bin, args, { input: password ? `${password}\n` : "", encoding: "utf8" });
  if (password) return password;
  const generated = /shown once\): (\S+)/.exec(out);
  if (!generated) throw new Error(`no generated password in: ${out}`);
  return generated[1];
}

async function passwordStep(page: Page, username: string, password: string) {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

async function changePassword(page: Page, current: string, next: string) {
  const form = page.getByTestId("password-change");
  await form.getByLabel("当前密码").fill(current);
  await form.getByLabel("新密码", { exact: true }).fill(next);
  await form.getByLabel("再次输入新密码").fill(next);
  await form.getByRole("button", { name: "修改密码" }).click();
}

test("the supervisor signs in with the code from the authenticator app", async ({ page }) => {
  await passwordStep(page, "supervisor", PASSWORD);
  // A right password alone opens nothing: the code comes next.
  const code = page.getByLabel("验证码");
  await expect(code).toBeVisible();
  expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  await code.fill("000000" === (await freshCode()) ? "111111" : "000000");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toContainText("验证码");
  await code.fill(await freshCode());
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/sync$/);
  await allSent(page);
  await page.goto("/me");
  await hydrated(page);
  await expect(page.getByTestId("two-factor")).toContainText("两步验证已开启");
  await expect(page.getByTestId("two-factor")).toContainText("不能关闭");
});

test("a clerk changes their password", async ({ page }) => {
  const old = "窗口的旧密码 first";
  const next = "窗口的新密码 second";
  createClerk("clerk-change", old);
  await passwordStep(page, "clerk-change", old);
  await expect(page).toHaveURL(/\/sync$/);
  await allSent(page);
  await page.goto("/me");
  await hydrated(page);
  // Refused with the reason in Chinese: a common password.
  await changePassword(page, old, "qwertyuiop");
  await expect(page.getByTestId("password-change").getByRole("alert")).toHaveText(
    "这个密码太常见，容易被猜中，请换一个。",
  );
  await changePassword(page, old, next);
  await expect(page.getByTestId("password-change").getByRole("status")).toContainText("密码已修改");
  // The old password no longer signs in; the new one does.
  const fresh = await page.context().browser()!.newContext(DESKTOP);
  const other = await fresh.newPage();
  await passwordStep(other, "clerk-change", old);
  await expect(other.getByRole("alert")).toBeVisible();
  await passwordStep(other, "clerk-change", next);
  await expect(other).toHaveURL(/\/sync$/);
  await fresh.close();
});

test("an account the admin created must change its generated password first", async ({ page }) => {
  const generated = createClerk("clerk-new");
  await passwordStep(page, "clerk-new", generated);
  await expect(page).toHaveURL(/\/me$/);
  const forced = page.getByTestId("forced-password-change");
  await expect(forced).toContainText("请先修改初始密码");
  // The server refuses everything else meanwhile.
  const pull = await page.request.get("/api/sync/v1/pull?cursor=0&limit=10");
  expect(pull.status()).toBe(403);
  expect((await pull.json()).code).toBe("password_change_required");
  await changePassword(page, generated, "我自己的新密码 2026");
  await expect(page).toHaveURL(/\/sync$/);
  await allSent(page);
  expect((await page.request.get("/api/sync/v1/pull?cursor=0&limit=10")).status()).toBe(200);
});

test("what is typed before the page's code has arrived is kept, and signs in", async ({ page }) => {
  // A slow phone: the form is on the screen (rendered by the server) while the app's code is
  // still on its way, and the clerk types at once. The code arrives only after that.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/pkg\//, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/signin", { waitUntil: "commit" });
  await page.getByLabel("用户名").fill("clerk");
  await page.getByLabel("密码").fill(PASSWORD);
  release();
  await hydrated(page);
  // Hydration leaves the fields as typed …
  await expect(page.getByLabel("用户名")).toHaveValue("clerk");
  await expect(page.getByLabel("密码")).toHaveValue(PASSWORD);
  // … and what they hold is what is sent.
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/sync$/);
  await allSent(page);
});
