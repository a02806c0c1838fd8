// The app shell: server rendering, hydration, the bottom navigation.
import { expect, test } from "@playwright/test";

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the page is rendered on the server", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("h1")).toHaveText("社会救助 一门受理");
    await expect(page.locator("nav.bottom-nav a")).toHaveCount(5);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("the service item list comes from the shared catalogue", async ({ page }) => {
    await page.goto("/");
    const items = page.getByTestId("service-items").locator("li.service-item");
    await expect(items).toHaveCount(16);
    const dibao = page.locator('li[data-item="dibao"]');
    await expect(dibao).toContainText("最低生活保障");
    await expect(dibao).toContainText("民政部门");
    await expect(dibao).toContainText("公示 7 天");
    await expect(page.locator('li[data-item="temporary"]')).toContainText("紧急时可先行受理");
  });
});

test("the service item list follows the language and folds out its materials", async ({ page }) => {
  await page.goto("/me");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("link", { name: "Home" }).click();
  const dibao = page.locator('li[data-item="dibao"]');
  await expect(dibao).toContainText("Minimum living allowance");
  await dibao.locator("summary").click();
  await expect(dibao).toContainText("Economic verification authorization");
  await expect(dibao).toContainText("each adult");
});

test("the page hydrates and navigation and buttons work", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  const toggle = page.getByTestId("large-text-toggle");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(page.locator("html")).toHaveClass(/large-text/);
});

test("health endpoint answers", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.ok()).toBeTruthy();
  expect((await res.json()).status).toBe("ok");
});
