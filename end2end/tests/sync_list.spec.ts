// A helper with many records: the sync page lists the newest 50 and shows older ones on
// request, every record counted; a report saved offline goes to the top as it is saved and
// turns "received" in place once sent (the list is kept in step without re-reading the store).
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";

import { hardshipBody, saveReportOp } from "../fixtures/hardship_body.mjs";
import { allSent, controlledByWorker, hydrated, signIn } from "../fixtures/helper";

/** Reports put on the server for the helper, more than two pages of the list. */
const SEEDED = 120;

/** Pushes `n` hardship reports of the signed-in helper, as another phone of theirs would. */
async function seedReports(request: APIRequestContext, n: number, marker: string) {
  const me = await (await request.get("/api/auth/me")).json();
  const reportedAt = new Date(Date.now() - 60_000).toISOString();
  const ops = Array.from({ length: n }, (_, i) =>
    saveReportOp(randomUUID(), hardshipBody(randomUUID(), me, `${marker} ${i}`, reportedAt)),
  );
  const res = await request.post("/api/sync/v1/push", { data: { device: randomUUID(), ops } });
  expect(res.ok()).toBeTruthy();
  const refused = (await res.json()).results.filter((r: any) => r.outcome.outcome !== "applied");
  expect(refused, JSON.stringify(refused[0])).toHaveLength(0);
}

test("many records: the newest 50 listed, older ones on request, a new one on top and sent in place", async ({ page, context }) => {
  await signIn(page);
  await controlledByWorker(page);
  await seedReports(context.request, SEEDED, `list-${Date.now()}`);

  // The next round brings them down.
  await page.reload();
  await hydrated(page);
  await allSent(page);
  const rows = page.getByTestId("record-list").locator("li.record");
  const received = Number(await page.getByTestId("count-received").textContent());
  expect(received).toBeGreaterThanOrEqual(SEEDED);
  await expect(rows).toHaveCount(50);
  const more = page.getByTestId("more-records");
  await expect(more).toHaveText(`显示更早的记录（还有 ${received - 50} 条）`);
  await more.click();
  await expect(rows).toHaveCount(Math.min(100, received));
  while (await more.isVisible()) await more.click();
  await expect(rows).toHaveCount(received);

  // Offline, a new report is saved and listed first, as saved; the counts follow.
  await context.setOffline(true);
  await page.getByRole("link", { name: "报告困难情况" }).first().click();
  await expect(page).toHaveURL(/\/report$/);
  const description = `新的困难情况 ${Date.now()}`;
  await page.locator('form textarea[name="description"]').fill(description);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "已保存" }).first()).toBeVisible();
  await page.getByRole("link", { name: /^同步/ }).click();
  await expect(page).toHaveURL(/\/sync$/);
  await expect(page.getByTestId("count-saved")).toHaveText("1");
  const first = rows.first();
  await expect(first).toHaveAttribute("data-kind", "hardship");
  await expect(first).toHaveAttribute("data-state", "saved");

  // Back online it goes, and the same row, still first, says received.
  await context.setOffline(false);
  await allSent(page);
  await expect(first).toHaveAttribute("data-state", "received");
  await expect(page.getByTestId("count-saved")).toHaveText("0");
  await expect(page.getByTestId("count-received")).toHaveText(String(received + 1));
});
