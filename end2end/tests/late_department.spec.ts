// A late department, chased and escalated to the county (催办、督办; issue 19 point 8, 乌海
// 附件2 第四条, 附件4 第五条、第七条). The story starts seven weeks ago, on the file's own
// server, which takes operations made that far back (its offline allowance): a walk-in
// request for temporary aid is accepted, agreed by the township leader and routed to civil
// affairs, whose 15 working days then run out. Today the window's inbox shows the case late
// and escalated to the county, with the department it waits on; the clerk chases it with a
// note, which the case records; the county supervisor's dashboard lists it among the cases
// past their deadline, one tap from the case.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { act, DESKTOP, openCase, PHONE, syncNow, walkIn } from "../fixtures/desk";
import { signIn } from "../fixtures/helper";
import { ownServer } from "../fixtures/own_server";
import { signInStaff } from "../fixtures/pages";

ownServer("late-department", ["--offline-allowance-days", "60"]);

const browsers: BrowserContext[] = [];
let server: string | undefined;
// Seven weeks ago: the decision's 15 working days and the county's 3 more are over today,
// even with the Spring Festival holiday in between.
const start = new Date(Date.now() - 49 * 86_400_000);
let story = start;

async function person(browser: Browser, options: typeof DESKTOP): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: server });
  await context.clock.install({ time: story });
  browsers.push(context);
  return context.newPage();
}

/** The story moves on by `minutes` in every browser (an act may not precede the last). */
async function later(minutes: number) {
  story = new Date(story.getTime() + minutes * 60_000);
  for (const context of browsers) await context.clock.setSystemTime(story);
}

test.afterAll(async () => {
  for (const context of browsers) await context.close();
});

test("a department past its limit is chased by the window and reaches the county", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  server = baseURL;

  // ── Seven weeks ago: registered, accepted, agreed, routed. ──
  const clerk = await person(browser, DESKTOP);
  await signIn(clerk, "clerk");
  const id = await walkIn(clerk.context().request, "何春兰", ["temporary"], 21, null, start);
  await later(5);
  await syncNow(clerk);
  await openCase(clerk, id);
  await act(clerk, "Accept");

  await later(10);
  const leader = await person(browser, PHONE);
  await signIn(leader, "leader");
  await syncNow(leader);
  await openCase(leader, id);
  await act(leader, "ApproveRouting");

  await later(10);
  await syncNow(clerk);
  await openCase(clerk, id);
  await act(clerk, "Route");
  await expect(clerk.getByTestId("case-state")).toHaveText("已分办");

  // ── Today: late, escalated to the county; the window chases the department. ──
  story = new Date();
  for (const context of browsers) await context.clock.setSystemTime(story);
  await syncNow(clerk);
  await clerk.goto("/inbox");
  const row = clerk.getByTestId("inbox").locator(`li[data-case="${id}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByTestId("inbox-late")).toContainText("已上报县民政局");
  await expect(row).toContainText("民政");
  await openCase(clerk, id);
  await act(clerk, "Chase", async () => {
    await clerk.getByTestId("action-item").selectOption({ label: "临时救助" });
    await clerk.getByTestId("action-reason").fill("已电话催促民政办，答复本周内审批");
  });
  await expect(clerk.getByTestId("case-state")).toHaveText("已分办");
  await expect(clerk.locator("body")).toContainText("已电话催促民政办");

  // ── The county supervisor: the case is among those past their deadline. ──
  const county = await browser.newContext({ ...DESKTOP, baseURL: server });
  browsers.push(county);
  await signInStaff(county, "supervisor");
  const board = await county.newPage();
  await board.goto("/county/dashboard");
  await expect(board.locator(`[data-section="deadlines"] a[href="/cases/${id}"]`).first()).toBeVisible();
});
