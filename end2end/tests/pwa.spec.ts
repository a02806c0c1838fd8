// Installability and offline: the manifest, its icons, the service worker, the cached shell.
import { chromium, expect, test } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function pngSize(body: Buffer): [number, number] {
  expect(body.subarray(1, 4).toString("latin1")).toBe("PNG");
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test("the manifest is served, valid, and its icons load", async ({ request }) => {
  const res = await request.get("/manifest.webmanifest");
  expect(res.ok()).toBeTruthy();
  const m = await res.json();
  expect(m.name).toContain("一门受理");
  expect(m.short_name).toBe("一门受理");
  expect(m.lang).toBe("zh-CN");
  expect(m.display).toBe("standalone");
  expect(m.start_url).toBe("/");
  expect(m.scope).toBe("/");
  expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = m.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toContain("192x192");
  expect(sizes).toContain("512x512");
  expect(m.icons.some((i: { purpose?: string }) => i.purpose === "maskable")).toBeTruthy();
  for (const icon of m.icons) {
    const r = await request.get(icon.src);
    expect(r.ok(), icon.src).toBeTruthy();
    expect(r.headers()["content-type"]).toBe("image/png");
    const [w, h] = pngSize(await r.body());
    expect(`${w}x${h}`).toBe(icon.sizes);
  }
});

test("the service worker activates and Chromium finds the app installable", async ({ baseURL }, info) => {
  // Playwright's usual contexts are incognito, where Chromium never offers installation: use
  // a real profile, as a phone's browser has.
  const profile = mkdtempSync(join(tmpdir(), "onedoor-profile-"));
  const use = info.project.use;
  const context = await chromium.launchPersistentContext(profile, {
    ...use.launchOptions,
    viewport: use.viewport,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/");
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
      .toBe("activated");
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors)
      .toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("after one visit online, a reload with no network still shows the app", async ({ page, context }) => {
  await page.goto("/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    }
  });
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "true");
  await context.setOffline(true);
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "false");
  await page.reload();
  await expect(page.locator("h1")).toHaveText("社会救助 一门受理");
  await expect(page.getByTestId("connectivity")).toHaveAttribute("data-online", "false");
  await expect(page.getByTestId("connectivity")).toHaveText("离线");
  // Client-side navigation keeps working offline, and so does a reload of another page.
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.reload();
  await expect(page.getByTestId("large-text-toggle")).toBeVisible();
  await context.setOffline(false);
});
