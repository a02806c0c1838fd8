// A new deployment installs in the background and is offered as a reload; the running page is
// never switched to new files behind the user's back.
import { expect, test } from "@playwright/test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

// The site the server serves (playwright.config.ts: ONEDOOR_SITE, relative to end2end/).
const swPath = resolve(dirname(fileURLToPath(import.meta.url)), "..", process.env.ONEDOOR_SITE ?? "../target/site", "sw.js");

test("a new version is offered as a reload and taken only when the user agrees", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    }
  });
  await expect(page.getByTestId("update-banner")).toHaveCount(0);

  // "Deploy": a new build's service worker differs byte for byte from the running one, and
  // so do its precompressed twins (scripts/precompress.mjs), which the server prefers.
  const original = readFileSync(swPath, "utf8");
  const twins = [".br", ".gz"].filter((ext) => existsSync(swPath + ext)).map((ext) => [ext, readFileSync(swPath + ext)] as const);
  const deployed = `${original}\n// deployment ${Date.now()}\n`;
  writeFileSync(swPath, deployed);
  for (const [ext] of twins) writeFileSync(swPath + ext, ext === ".br" ? brotliCompressSync(deployed) : gzipSync(deployed));
  try {
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
      return navigator.serviceWorker.getRegistration().then((r) => r?.update());
    });
    await expect(page.getByTestId("update-banner")).toBeVisible();
    // Still the same page: nothing reloaded on its own.
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true);

    const reloaded = page.waitForEvent("load");
    await page.getByRole("button", { name: "立即更新" }).click();
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined();
    await expect(page.locator("h1")).toHaveText("社会救助 一门受理");
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
  } finally {
    writeFileSync(swPath, original);
    for (const [ext, body] of twins) writeFileSync(swPath + ext, body);
  }
});
