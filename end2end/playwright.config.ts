import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

// One throwaway database per run; the release server built by scripts/build.sh.
const port = Number(process.env.E2E_PORT ?? 3417);
// (The config is read again by each worker: the folder is made once and passed on; a journey
// reads the development SMS outbox, the codes "sent", from it.)
const dataDir = (process.env.ONEDOOR_E2E_DIR ??= mkdtempSync(join(tmpdir(), "onedoor-e2e-")));
// The server's log (its warnings and errors go to stdout, panics to stderr), scanned by
// global-teardown.ts: a panic fails the run, and its errors are printed.
const serverLog = (process.env.ONEDOOR_E2E_SERVER_LOG ??= join(dataDir, "server.log"));
// Another build's server and site (e.g. a copy, so that a rebuild cannot change them mid-run;
// copy target/release/hash.txt beside the binary too, or the pages name unhashed files).
const bin = process.env.ONEDOOR_BIN ?? "../target/release/onedoor";
const site = process.env.ONEDOOR_SITE ?? "../target/site";

export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Pixel 7"],
    viewport: { width: 390, height: 844 },
    browserName: "chromium",
    locale: "zh-CN",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `${bin} --listen 127.0.0.1:${port} --database-url sqlite://${dataDir}/e2e.db --demo-data --site-root ${site} --attachment-dir ${dataDir}/attachments --audit-key-file ${dataDir}/audit-signing.key --authorization-key-file ${dataDir}/authorization-signing.key --sms-outbox ${dataDir}/sms-outbox.log --log warn >>${serverLog} 2>&1`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    cwd: here,
  },
});
