// Urgent acceptance first (先行受理, issue 19 point 2; 乌海 附件2 第二条) at the window's desk
// (desktop): any urgent case may be accepted before its materials are complete, not only one
// whose items all allow it. A walk-in request for 低保, an item that does not allow urgent
// acceptance, with its hardship statement still to come: accepting it urgently without the
// window's own judgement is refused at the button with the rule's reason; the window flags it
// urgent, and the written reason is asked for before anything is saved; with the reason it is
// accepted, the missing material stays outstanding on the case and the acceptance clocks run;
// confirming the materials complete is refused until the material itself is on the case.
// Every step goes through the phones' write path, so the server's copy is checked.
import { expect, test } from "@playwright/test";
import { act, clerkAtTheWindow, openCase, syncNow, walkIn } from "../fixtures/desk";
import { pulled } from "../fixtures/helper";

test("a case whose items do not allow it is accepted first once the window says why it is urgent", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { window, clerk } = await clerkAtTheWindow(browser);
  const id = await walkIn(window.request, "郑秋云", ["dibao"], 11);
  await syncNow(clerk);
  await openCase(clerk, id);
  await expect(clerk.getByTestId("case-state")).toHaveText("已提交待审查");

  // 先行受理 with the missing material named, but not flagged urgent: refused at the button.
  await clerk.locator('button[data-action="UrgentAccept"]').click();
  const material = clerk.locator('.notice-material[data-material="application_form"]');
  await material.getByRole("checkbox").check();
  await material.locator(".notice-reason").fill("申请书未签字，本人住院中，出院后补签");
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByText("所申请事项均不适用先行受理，且窗口未认定情况紧急")).toBeVisible();
  // Flagged urgent by the window: the written reason is required.
  await clerk.getByTestId("flagged-urgent").check();
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByText("「先行受理」须写明理由")).toBeVisible();
  await clerk.getByTestId("action-reason").fill("户主突发重病住院，家中两名老人无人照料，需先行受理");
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByTestId("action-saved")).toBeVisible();
  await expect(clerk.getByTestId("case-state")).toHaveText("已受理");
  await expect(clerk.getByTestId("outstanding")).toHaveText("缺少 1 项材料");
  await expect(clerk.getByTestId("case-clocks")).toContainText("分办");

  // The server's copy: accepted urgently by the window's judgement, the material outstanding.
  await expect
    .poll(async () => {
      const all = await pulled(window);
      return all.find((r) => r.kind === "case" && r.id === id)?.body.case.outstanding_materials;
    }, { timeout: 30_000 })
    .toEqual(["application_form"]);

  // Confirming the materials complete is refused while the form is still missing: it waits
  // for the material itself (on the case's checklist), not for the window's word.
  await clerk.locator('button[data-action="ConfirmMaterialsComplete"]').click();
  await clerk.getByTestId("action-submit").click();
  await expect(clerk.getByRole("alert")).toContainText("材料不齐全，缺少：救助申请书");
  await expect(clerk.getByTestId("outstanding")).toHaveText("缺少 1 项材料");
  await window.close();
});
