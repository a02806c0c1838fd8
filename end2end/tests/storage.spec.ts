// The phone's storage: the app asks for it to be kept (not evicted under pressure), shows on
// "我的" how much it uses, and warns when the browser's quota is near.
import { expect, test } from "@playwright/test";

import { hydrated, signIn } from "../fixtures/helper";

test("the storage used is shown, and a phone near its quota is warned", async ({ page }) => {
  await signIn(page);
  await page.goto("/me");
  await hydrated(page);
  const use = page.getByTestId("storage-use");
  await expect(use).toContainText(/手机存储已用： \d+\.\d MB \/ \d+\.\d MB/);
  await expect(page.getByText("手机存储空间快满了")).toHaveCount(0);

  // A phone whose browser reports 90% of its quota used (the warning starts at 80%).
  await page.addInitScript(() => {
    const real = navigator.storage.estimate.bind(navigator.storage);
    navigator.storage.estimate = async () => {
      const e = await real();
      return { ...e, quota: 100 * 1_048_576, usage: 90 * 1_048_576 };
    };
  });
  await page.reload();
  await expect(use).toContainText("90.0 MB / 100.0 MB");
  await expect(page.getByRole("alert").filter({ hasText: "手机存储空间快满了，请尽快联网同步并清理手机。" })).toBeVisible();
});
