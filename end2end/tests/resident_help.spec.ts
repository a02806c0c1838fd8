// Issue 20 point 5, 申请帮办: a resident who would rather not fill in the forms herself asks
// her village's helper to come, with one button on 我的申请 (item chosen, once: the page then
// says when she asked and offers no second button), and the request reaches that helper's task
// list as an entrustment to sign (补签委托), her name masked. On its own server: the shared
// one's task list is counted exactly by tasks.spec.ts.
import { expect, test } from "@playwright/test";
import { accessible, reflowsAtDoubleText, signInResident } from "../fixtures/pages";
import { signIn } from "../fixtures/helper";
import { ownServer } from "../fixtures/own_server";

const server = ownServer("resident-help");
const WANG = "13800000001";

test("a resident asks her village's helper to come, once, and it is in the helper's tasks", async ({ browser, baseURL }) => {
  const resident = await browser.newContext({ baseURL, viewport: { width: 360, height: 780 } });
  const page = await resident.newPage();
  await signInResident(page, WANG, server.dataDir());
  await page.getByLabel("想办什么？").selectOption({ label: "临时救助" });
  await accessible(page);
  await page.getByRole("button", { name: "请帮办员上门" }).click();
  await expect(page.getByText("已经告诉帮办员了")).toBeVisible();
  await expect(page.getByText(/已经请帮办员上门了/)).toBeVisible();
  await expect(page.getByRole("button", { name: "请帮办员上门" })).toHaveCount(0);
  await accessible(page);
  await reflowsAtDoubleText(page);
  // Opened again later: still asked, no second button.
  await page.goto("/my/cases");
  await expect(page.getByText(/已经请帮办员上门了/)).toBeVisible();
  await expect(page.getByRole("button", { name: "请帮办员上门" })).toHaveCount(0);
  await resident.close();

  // The village's helper: an entrustment to sign for 王*英.
  const phone = await (await browser.newContext({ baseURL })).newPage();
  await signIn(phone, "helper");
  await phone.getByRole("link", { name: "待办", exact: true }).click();
  await expect(phone).toHaveURL(/\/tasks$/);
  const asked = phone.locator('li[data-kind="collect_signature"]').filter({ hasText: "王*英" });
  await expect(asked).toHaveCount(1);
  await expect(phone.getByText("王秀英")).toHaveCount(0);
});
