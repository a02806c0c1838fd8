// The records bench/pouchdb.mjs sends through both stacks: households with their members
// (`domain::household::Household`, as the phone's household form makes one), draft cases and
// hardship reports of a village, each once as onedoor's push operation and once as the same
// JSON document for PouchDB. Names, ID numbers and addresses are made up (valid ID numbers,
// check digit included) and never printed.
import { hardshipBody } from "../../end2end/fixtures/hardship_body.mjs";

/// The demo helper's grid in 毛家村 (`server/src/demo`), where the helper may register households.
export const GRID = "500231101201-G01";

const SURNAMES = ["王", "陈", "刘", "张", "李", "黄", "杨", "周", "吴", "邓", "谭", "罗", "何", "彭", "余", "冉"];
const GIVEN = ["秀英", "德华", "建国", "春梅", "玉兰", "志强", "桂芳", "小雨", "思雨", "佳怡", "浩然", "国平"];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid 18-digit resident ID number of 垫江 (500231), born on `date` (YYYYMMDD), `seq` 0–999. */
export function idNumber(date, seq) {
  const body = `500231${date}${String(seq % 1000).padStart(3, "0")}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + "10X98765432"[sum % 11];
}

const pad = (n) => String(n).padStart(2, "0");

/**
 * Household `i`: an applicant, a spouse and a child, two income items and a deposit, as the
 * household form saves it (about 1 KB of JSON). `newId` makes UUIDv7s.
 */
export function householdBody(id, i, newId) {
  const surname = SURNAMES[i % SURNAMES.length];
  const name = (k) => `${k === 1 ? SURNAMES[(i + 5) % SURNAMES.length] : surname}${GIVEN[(i + k * 7) % GIVEN.length]}`;
  const day = pad(1 + (i % 28));
  const month = pad(1 + (i % 12));
  const [applicant, spouse, child] = [newId(), newId(), newId()];
  return {
    id,
    place: GRID,
    address: `沙坪镇毛家村${1 + (i % 9)}组${1 + (i % 97)}号`,
    members: [
      { id: applicant, name: name(0), id_number: idNumber(`${1950 + (i % 30)}${month}${day}`, 2 * (i % 500) + 1), relation: "applicant", disability: null, health: "chronic_illness", employment: "farming", phone: null },
      { id: spouse, name: name(1), id_number: idNumber(`${1952 + (i % 30)}${month}${day}`, 2 * (i % 500)), relation: "spouse", disability: null, health: "healthy", employment: "farming", phone: null },
      { id: child, name: name(2), id_number: idNumber(`${2008 + (i % 10)}${month}${day}`, (2 * i + 1) % 1000), relation: "child", disability: null, health: "healthy", employment: "student", phone: null },
    ],
    income: [
      { id: "i1", member: applicant, kind: "pension", monthly: 35000, note: "" },
      { id: "i2", member: spouse, kind: "business", monthly: 42000 + (i % 50) * 100, note: "养殖" },
    ],
    property: [{ id: "p1", member: null, kind: "deposit", value: 1_200_000 + (i % 100) * 1000, note: "农商行" }],
    housing_damaged: i % 17 === 0,
  };
}

/** The push operation that records household `body` (`OpBody::CreateHousehold`). */
export function createHouseholdOp(opId, body) {
  return { id: opId, made_at: new Date().toISOString(), body: { op: "create_household", id: body.id, body } };
}

/** The push operation that opens a draft case for `household` (`OpBody::CreateCase`). */
export function createCaseOp(opId, caseId, household) {
  return { id: opId, made_at: new Date().toISOString(), body: { op: "create_case", id: caseId, household, channel: "entrusted", applicant: null } };
}

/** A hardship report by `account` about household `household` (a field record). */
export function villageHardship(id, account, household, i, reportedAt) {
  return { ...hardshipBody(id, account, `村级走访发现困难 ${i}：家中老人慢性病加重，需要临时救助，已告知申请流程。`, reportedAt), household };
}

/**
 * A 1,000-household village (`households`): each household, a draft case for it and a hardship
 * report about it, as onedoor push operations in the order a phone makes them. Answers
 * `{ ops, records }`: `records` are `{ kind, id, body }` (a case's body is filled in later, from
 * the server's own case record: see `caseBody`).
 */
export function village(households, account, newId) {
  const reportedAt = new Date(Date.now() - 60_000).toISOString();
  const ops = [];
  const records = [];
  for (let i = 0; i < households; i++) {
    const hh = newId();
    const body = householdBody(hh, i, newId);
    ops.push(createHouseholdOp(newId(), body));
    records.push({ kind: "household", id: hh, body, op: ops.at(-1), ordered: true });
    const caseId = newId();
    ops.push(createCaseOp(newId(), caseId, hh));
    records.push({ kind: "case", id: caseId, household: hh, body: null, op: ops.at(-1), ordered: true });
    const report = villageHardship(newId(), account, hh, i, reportedAt);
    ops.push({ id: newId(), made_at: new Date().toISOString(), body: { op: "save_field_record", kind: "hardship", id: report.id, base_version: null, body: report } });
    records.push({ kind: "hardship", id: report.id, body: report, op: ops.at(-1), ordered: false });
  }
  return { ops, records };
}

/**
 * A draft case's record (`domain::sync::CaseRecord`) for case `caseId` of `household`, made
 * from `template`, a draft case record the server handed out, with its ids swapped.
 */
export function caseBody(template, caseId, household) {
  const text = JSON.stringify(template.body).replaceAll(template.id, caseId).replaceAll(template.household, household);
  return JSON.parse(text);
}

/** The PouchDB document of a record: the same JSON, under `_id` `kind:id`. */
export function pouchDoc(kind, id, body) {
  return { _id: `${kind}:${id}`, ...body };
}
