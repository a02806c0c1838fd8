// Two things a helper or a clerk meets when an intake goes wrong: the walk-in form opened
// directly (a bookmark, a reload) offers the township's grids before any sync; and a save
// refused for a field on an earlier step sends the helper back to that step with the field's
// message still beside it, and nothing typed lost.
import { expect, test } from "@playwright/test";
import { hydrated, signIn } from "../fixtures/helper";

test("the walk-in form opened directly offers the township's grids", async ({ page }) => {
  await signIn(page, "clerk");
  await page.goto("/intake?walk_in=1");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("窗口受理登记");
  await expect(page.getByLabel("所在网格").locator('option[value="500231101202-G01"]')).toHaveCount(1);
});

test("a refused save sends the helper to the field, whose message stays while they mend it", async ({ page }) => {
  await signIn(page);
  await page.getByRole("link", { name: "代办救助申请" }).click();
  await expect(page).toHaveURL(/\/intake$/);
  await hydrated(page);
  // A household with a member but no address, then straight to the last step.
  await page.getByLabel("所在网格").selectOption({ index: 1 });
  const card = page.getByTestId("member-card").first();
  await card.getByLabel("姓名").fill("赵春花");
  await card.getByLabel("身份证号").fill("500231196509234020");
  const bar = page.locator("ol.step-bar");
  await bar.getByRole("button", { name: "核对并保存" }).click();
  await page.getByRole("button", { name: "保存申请" }).click();
  const summary = page.getByText("请先处理以下问题：").locator("..");
  await expect(summary).toContainText("请填写家庭住址");
  // To the household's step: the address says what is wrong, the name is still there.
  await bar.getByRole("button", { name: "家庭成员" }).click();
  const address = page.getByLabel("家庭住址");
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(address.locator("xpath=..").locator(".field-error")).toHaveText("请填写家庭住址");
  await expect(page.getByTestId("member-card").first().getByLabel("姓名")).toHaveValue("赵春花");
  // Mended and saved again: that message is gone, whatever else is still to do.
  await address.fill("沙坪镇毛家村2组5号");
  await bar.getByRole("button", { name: "核对并保存" }).click();
  await page.getByRole("button", { name: "保存申请" }).click();
  await expect(page.getByText("请填写家庭住址")).toHaveCount(0);
  await bar.getByRole("button", { name: "家庭成员" }).click();
  await expect(page.getByLabel("家庭住址")).toHaveAttribute("aria-invalid", "false");
});
