// Language and large-text mode change the page and survive a reload.
import { expect, test, type Locator } from "@playwright/test";

// /me is a lazy route: after a load its buttons work once its chunk has arrived and the page
// has hydrated, so a click that came too early is made again, only while it has not taken
// effect (a second click on a switch would undo the first).
async function clickUntil(button: Locator, effect: () => Promise<void>) {
  await expect(async () => {
    await effect().catch(async () => {
      await button.click();
      await effect();
    });
  }).toPass();
}

// The language is kept in a cookie that leptos_i18n writes in an effect after the page has
// already changed: a reload before it would render the old language. A person cannot tap
// faster than that; the test waits for the cookie as they would.
async function cookieSaysLocale(page: import("@playwright/test").Page, locale: string) {
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === "i18n_pref_locale")?.value)
    .toBe(locale);
}

test("switching to English changes the page and survives a reload", async ({ page }) => {
  await page.goto("/me");
  await expect(page.locator("h1")).toHaveText("我的");
  await clickUntil(page.getByRole("button", { name: "English" }), () =>
    expect(page.locator("h1")).toHaveText("Me", { timeout: 1000 }),
  );
  await expect(page.getByRole("link", { name: "Home" })).toBeVisible();
  await cookieSaysLocale(page, "en");
  await page.reload();
  await expect(page.locator("h1")).toHaveText("Me");
  await clickUntil(page.getByRole("button", { name: "中文" }), () =>
    expect(page.locator("h1")).toHaveText("我的", { timeout: 1000 }),
  );
  await cookieSaysLocale(page, "zh-CN");
  await page.reload();
  await expect(page.locator("h1")).toHaveText("我的");
});

test("large-text mode enlarges the text and survives a reload", async ({ page }) => {
  await page.goto("/me");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await clickUntil(page.getByTestId("large-text-toggle"), () =>
    expect(page.locator("html")).toHaveClass(/large-text/, { timeout: 1000 }),
  );
  expect(await size()).toBeGreaterThan(before);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  await expect(page.getByTestId("large-text-toggle")).toHaveAttribute("aria-checked", "true");
  expect(await size()).toBeGreaterThan(before);
});
