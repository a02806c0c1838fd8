// The HTTP API from Node: signing in, seeding the server through the push path the phones use,
// and asking what it holds.
import { hardshipBody, saveReportOp } from "../../end2end/fixtures/hardship_body.mjs";
import { fail, log } from "./log.mjs";

export const PASSWORD = "onedoor-demo";
/// `domain::sync::MAX_OPS_PER_PUSH`.
export const MAX_OPS_PER_PUSH = 1000;
/// `domain::sync::MAX_PULL_LIMIT`.
export const MAX_PULL_LIMIT = 2000;

/** Signs in by the API; answers `me`, the `cookie` and JSON `get`/`post` with the session. */
export async function apiSession(base, username) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) fail(`API sign-in as ${username} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) fail("API sign-in set no cookie");
  const me = await res.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) fail(`${method} ${path} answered ${r.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  };
  return { me, cookie, get: (p) => call("GET", p), post: (p, b) => call("POST", p, b) };
}

/** The ms the server takes to hand out everything after cursor 0, `limit` a page, from Node. */
export async function serverPullTime(api, limit) {
  const t0 = performance.now();
  let cursor = 0;
  let changes = 0;
  for (;;) {
    const page = await api.get(`/api/sync/v1/pull?cursor=${cursor}&limit=${limit}`);
    changes += page.changes.length;
    cursor = page.cursor;
    if (!page.more) return { ms: performance.now() - t0, changes };
  }
}

/** Hardship reports the server gives this session whose description starts with `marker`. */
export async function serverReports(api, marker) {
  let cursor = 0;
  let found = 0;
  for (;;) {
    const page = await api.get(`/api/sync/v1/pull?cursor=${cursor}&limit=${MAX_PULL_LIMIT}`);
    for (const c of page.changes) {
      if (c.kind === "hardship" && c.change === "upsert" && String(c.body?.description).startsWith(marker)) found++;
    }
    cursor = page.cursor;
    if (!page.more) return found;
  }
}

/** UUIDv7s in the order made (as `app/src/sync/time.rs` makes them). */
export function uuidv7Maker() {
  let lastMs = 0;
  let seq = 0;
  return () => {
    let now = Date.now();
    if (now <= lastMs) {
      seq++;
      if (seq > 0xfff) {
        lastMs++;
        seq = 0;
      }
      now = lastMs;
    } else {
      lastMs = now;
      seq = 0;
    }
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    for (let i = 0; i < 6; i++) b[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff;
    b[6] = 0x70 | ((seq >> 8) & 0x0f);
    b[7] = seq & 0xff;
    b[8] = 0x80 | (b[8] & 0x3f);
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/**
 * Pushes `count` operations made by `make(i, newId)` through `POST /api/sync/v1/push`,
 * `chunk` a push, failing on any refusal; answers the ms it took.
 */
export async function pushAll(api, count, make, chunk, what = "operations") {
  const newId = uuidv7Maker();
  const device = newId();
  let applied = 0;
  const t0 = performance.now();
  chunk = Math.min(chunk, MAX_OPS_PER_PUSH);
  let nextLog = 2000;
  for (let done = 0; done < count; done += chunk) {
    const ops = [];
    for (let i = done; i < Math.min(count, done + chunk); i++) ops.push(...[make(i, newId)].flat());
    const answer = await api.post("/api/sync/v1/push", { device, ops });
    const refused = answer.results.filter((r) => r.outcome.outcome !== "applied");
    if (refused.length) fail(`the server refused ${refused.length} of the ${what}, e.g. ${JSON.stringify(refused[0])}`);
    applied = Math.min(count, done + chunk);
    if (applied >= nextLog || applied === count) {
      log(`  pushed ${applied}/${count} ${what} to the server`);
      while (nextLog <= applied) nextLog *= 2;
    }
  }
  return performance.now() - t0;
}

/** Puts `count` hardship reports on the server through the push API, `chunk` a push. */
export async function seedServer(api, count, marker, chunk) {
  const reportedAt = new Date(Date.now() - 60_000).toISOString();
  return pushAll(api, count, (i, newId) => saveReportOp(newId(), hardshipBody(newId(), api.me, `${marker} ${i}`, reportedAt)), chunk, "seeded reports");
}
