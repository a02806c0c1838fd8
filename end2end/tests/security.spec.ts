// The Content-Security-Policy in a real browser: the app hydrates under it and nothing on the
// page breaks it; a script injected without the response's nonce does not run.
import { expect, test } from "@playwright/test";

test("the app runs under its Content-Security-Policy without a single violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const response = await page.goto("/");
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("'wasm-unsafe-eval'");
  expect(policy).toContain("frame-ancestors 'none'");
  // Hydrated: client-side navigation works.
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.getByRole("link", { name: "首页" }).click();
  await expect(page.locator("h1")).toHaveText("社会救助 一门受理");
  expect(violations).toEqual([]);
});

test("an inline script without the nonce is refused", async ({ page }) => {
  await page.goto("/");
  const ran = await page.evaluate(async () => {
    (window as unknown as { injected?: boolean }).injected = false;
    const s = document.createElement("script");
    s.textContent = "window.injected = true";
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { injected?: boolean }).injected;
  });
  expect(ran).toBe(false);
});
