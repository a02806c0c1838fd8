// Server memory holding N cases: the release server on a fresh SQLite database with the demo
// data; N households of one person with a draft case each are pushed through the push path the
// phones use (the demo helper's, 500 households and 500 cases a push), then the resident set
// size of the server process is read from /proc (VmRSS; VmHWM is the peak while loading).
// SQLite runs inside the server, so its page cache is counted; PostgreSQL's would not be.
//
//   node bench/memory.mjs [--cases 200000] [--json FILE]
import { readFileSync } from "node:fs";

import { apiSession, pushAll } from "./lib/api.mjs";
import { HELPER } from "./lib/browser.mjs";
import { Figures } from "./lib/figures.mjs";
import { BenchError, log } from "./lib/log.mjs";
import { killServersNow, startServer, stopServer } from "./lib/server.mjs";

const i = process.argv.indexOf("--cases");
const CASES = i > 0 ? Number(process.argv[i + 1]) : 200_000;
if (!Number.isInteger(CASES) || CASES < 1) {
  console.error("bench/memory.mjs: --cases takes a whole number above 0");
  process.exit(2);
}
/// The demo helper's grid in 毛家村 (`server/src/demo`), where the helper may register households.
const GRID = "500231101201-G01";

/** VmRSS and VmHWM of `pid`, in bytes. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** `server::demo::one_person_household`'s household, as the phone sends it. */
function household(id, memberId) {
  return {
    id,
    place: GRID,
    address: "毛家村",
    members: [{ id: memberId, name: "王秀英", id_number: "500231195803124020", relation: "applicant", health: "chronic_illness", employment: "farming" }],
    income: [{ id: "i1", kind: "pension", monthly: 35000 }],
    property: [],
  };
}

const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function main() {
  const server = await startServer("memory", { checkAssets: false });
  try {
    const atStart = memory(server.child.pid);
    log(`  server at start (demo data): ${mib(atStart.rss)} resident`);
    const api = await apiSession(server.base, HELPER);
    const madeAt = () => new Date().toISOString();
    const took = await pushAll(
      api,
      CASES,
      (_, newId) => {
        const [hh, caseId] = [newId(), newId()];
        return [
          { id: newId(), made_at: madeAt(), body: { op: "create_household", id: hh, body: household(hh, newId()) } },
          { id: newId(), made_at: madeAt(), body: { op: "create_case", id: caseId, household: hh, channel: "entrusted", applicant: null } },
        ];
      },
      500,
      "households with a case",
    );
    const held = memory(server.child.pid);
    console.log(`server memory holding ${CASES} cases (and their ${CASES} households) on SQLite: ${mib(held.rss)} resident, peak ${mib(held.peak)} while loading; ${mib(atStart.rss)} at start; loaded in ${(took / 1000).toFixed(1)} s`);
    const figures = new Figures("bench/memory.mjs");
    figures.add({ key: "server.memory_cases", name: `server memory (RSS) holding ${CASES.toLocaleString("en")} cases, SQLite`, value: held.rss, unit: "bytes", note: `peak ${mib(held.peak)}, ${mib(atStart.rss)} at start` });
    figures.write();
  } finally {
    await stopServer(server);
  }
}

main().catch((e) => {
  console.error(`\nbench/memory.mjs failed: ${e instanceof BenchError ? e.message : e.stack ?? e}`);
  killServersNow();
  process.exit(1);
});
