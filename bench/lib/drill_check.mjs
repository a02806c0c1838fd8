// The drills' verdict, read from the server's database and attachment folder (not through the
// API, so that nothing the server does on a read hides a loss): every report the phone held is
// there exactly once, at version 1 (applied once), with the body the phone held, linked to the
// photos it had, and each photo's file is whole (its SHA-256 and size are the phone's); no report
// of the run is there that the phone did not hold; the audit log names each application once.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

import { fail } from "./log.mjs";

/** Rows of `sql` (no parameters: the drills' own markers only) as objects. */
export function dbRows(databaseUrl, sql) {
  const sqlite = databaseUrl.match(/^sqlite:\/\/(.+)$/);
  const [cmd, args] = sqlite
    ? ["sqlite3", ["-json", "-readonly", sqlite[1], sql]]
    : ["psql", [databaseUrl, "-At", "-v", "ON_ERROR_STOP=1", "-c", `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`]];
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) fail(`${cmd} failed on “${sql}”: ${r.stderr || r.error}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

/** The same JSON whatever the order of object keys. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/**
 * Compares what the server holds with `held`, the phone's holding before the drill
 * (`pagePhoneHolds` with hashes). Answers `{ problems, records, photos }`; `problems` is empty
 * when nothing was lost or doubled.
 */
export function verdict(server, held, marker) {
  const url = server.databaseUrl;
  const problems = [];
  const rows = dbRows(url, `SELECT id, version, body FROM records WHERE kind = 'hardship' AND body LIKE '%${marker}#%'`);
  const onServer = new Map();
  for (const r of rows) {
    if (onServer.has(r.id)) problems.push(`report ${r.id} is on the server twice`);
    onServer.set(r.id, r);
  }
  const links = dbRows(url, `SELECT record_id, sha256 FROM attachment_links WHERE record_kind = 'hardship'`);
  const linked = new Map();
  for (const l of links) linked.set(l.record_id, [...(linked.get(l.record_id) ?? []), l.sha256]);
  const kept = new Map(dbRows(url, "SELECT sha256, size FROM attachments").map((a) => [a.sha256, Number(a.size)]));
  const applied = new Map();
  for (const a of dbRows(url, `SELECT record_id, count(*) AS n FROM audit_log WHERE action = 'sync.save_field_record' AND record_kind = 'hardship' GROUP BY record_id`)) {
    applied.set(a.record_id, Number(a.n));
  }

  const phoneIds = new Set(held.records.map((r) => r.id));
  let photos = 0;
  for (const r of held.records) {
    const s = onServer.get(r.id);
    if (!s) {
      problems.push(`LOST: report ${r.id} (“${r.body.description}”) is not on the server`);
      continue;
    }
    if (Number(s.version) !== 1) problems.push(`DOUBLED: report ${r.id} is at version ${s.version}, not 1`);
    if ((applied.get(r.id) ?? 0) !== 1) problems.push(`DOUBLED: the audit log names ${applied.get(r.id) ?? 0} applications of report ${r.id}`);
    const body = typeof s.body === "string" ? JSON.parse(s.body) : s.body;
    if (canonical(body) !== canonical(r.body)) problems.push(`CHANGED: report ${r.id}'s body on the server differs from the phone's:\n    server ${canonical(body)}\n    phone  ${canonical(r.body)}`);
    const want = [...r.body.photos].sort();
    const got = [...(linked.get(r.id) ?? [])].sort();
    if (canonical(want) !== canonical(got)) problems.push(`PHOTOS: report ${r.id} has photos ${JSON.stringify(got)} on the server, ${JSON.stringify(want)} on the phone`);
    for (const sha of want) {
      photos++;
      const phone = held.kept[sha];
      if (!phone || phone.digest !== sha) {
        problems.push(`the phone's photo ${sha} of report ${r.id} was not whole before the drill (${phone?.digest ?? "missing"})`);
        continue;
      }
      const file = join(server.dir, "attachments", sha.slice(0, 2), sha);
      if (!existsSync(file)) {
        problems.push(`LOST: photo ${sha} of report ${r.id} has no file on the server`);
        continue;
      }
      const bytes = readFileSync(file);
      const digest = createHash("sha256").update(bytes).digest("hex");
      if (digest !== sha || bytes.length !== phone.size || kept.get(sha) !== phone.size) {
        problems.push(`CHANGED: photo ${sha} of report ${r.id}: the server's file hashes to ${digest}, ${bytes.length} bytes (listed ${kept.get(sha)}), the phone's ${phone.size}`);
      }
    }
  }
  for (const id of onServer.keys()) {
    if (!phoneIds.has(id)) problems.push(`EXTRA: report ${id} is on the server but was not on the phone`);
  }
  // Not a loss, but worth a look: unfinished uploads and partial files left behind.
  const partialDir = join(server.dir, "attachments", "partial");
  const leftovers = {
    uploads: Number(dbRows(url, "SELECT count(*) AS n FROM uploads")[0]?.n ?? 0),
    partialFiles: existsSync(partialDir) ? readdirSync(partialDir).length : 0,
  };
  return { problems, records: onServer.size, photos, leftovers };
}

/** The verdict, failing with every problem (at most 20 shown) when there is one. */
export function expectExactlyOnce(server, held, marker) {
  const v = verdict(server, held, marker);
  if (v.problems.length) {
    fail(`${v.problems.length} problem(s) on the server:\n  ${v.problems.slice(0, 20).join("\n  ")}`);
  }
  return v;
}
