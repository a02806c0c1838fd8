// The machine a benchmark ran on, for the table's heading: CPU model, cores, memory, OS,
// Chromium and Node versions, the commit, the date.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";

import { CHROMIUM } from "./browser.mjs";
import { root } from "./server.mjs";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "";
};

export function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const osRelease = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  const dirty = run("git", ["status", "--porcelain", "--untracked-files=no"]) !== "";
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpu: cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    ram_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osRelease.match(/^PRETTY_NAME="?([^"\n]+)"?$/m)?.[1] ?? "unknown"}, Linux ${release()}`,
    chromium: run(CHROMIUM, ["--version"]) || "unknown",
    node: process.version,
    commit: `${run("git", ["rev-parse", "--short", "HEAD"]) || "unknown"}${dirty ? " (with uncommitted changes)" : ""}`,
  };
}

export function describe(m) {
  return `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.ram_gib} GiB RAM · ${m.os} · ${m.chromium} · Node ${m.node} · commit ${m.commit}`;
}
