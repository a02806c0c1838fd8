// Language and large-text mode change the page and survive a reload.
import { expect, test } from "@playwright/test";

test("switching to English changes the page and survives a reload", async ({ page }) => {
  await page.goto("/me");
  await expect(page.locator("h1")).toHaveText("我的");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("h1")).toHaveText("Me");
  await expect(page.getByRole("link", { name: "Home" })).toBeVisible();
  await page.reload();
  await expect(page.locator("h1")).toHaveText("Me");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("h1")).toHaveText("我的");
  await page.reload();
  await expect(page.locator("h1")).toHaveText("我的");
});

test("large-text mode enlarges the text and survives a reload", async ({ page }) => {
  await page.goto("/me");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByTestId("large-text-toggle").click();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  expect(await size()).toBeGreaterThan(before);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect(page.getByTestId("large-text-toggle")).toHaveAttribute("aria-checked", "true");
  expect(await size()).toBeGreaterThan(before);
});
