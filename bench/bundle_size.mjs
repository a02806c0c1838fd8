// Prints the brotli and gzip size of the first load (HTML, JS, WASM, CSS) and of the WASM
// alone, from the release build in target/site, and fails when the shell is over budget.
//
//   node bench/bundle_size.mjs [--build]     (--build runs scripts/build.sh first)
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const BUDGET_BROTLI = 200 * 1024; // the whole first load of the shell
const siteRoot = "target/site";

if (process.argv.includes("--build")) {
  const r = spawnSync("./scripts/build.sh", { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function firstPageHtml() {
  const port = 3900 + Math.floor(Math.random() * 90);
  const dir = mkdtempSync(join(tmpdir(), "onedoor-bench-"));
  const server = spawn("target/release/onedoor", [
    "--listen", `127.0.0.1:${port}`, "--database-url", `sqlite://${dir}/b.db`, "--site-root", siteRoot, "--log", "warn",
  ], { stdio: "inherit" });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.ok) return Buffer.from(await res.arrayBuffer());
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("server did not answer");
  } finally {
    server.kill();
  }
}

const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const rows = [["HTML /", sizes(await firstPageHtml())]];
for (const name of readdirSync(join(siteRoot, "pkg")).sort()) {
  if (/\.(js|wasm|css)$/.test(name)) rows.push([`pkg/${name}`, sizes(readFileSync(join(siteRoot, "pkg", name)))]);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("file".padEnd(40), "raw".padStart(10), "gzip".padStart(10), "brotli".padStart(10));
for (const [name, s] of rows) console.log(name.padEnd(40), kb(s.raw).padStart(10), kb(s.gzip).padStart(10), kb(s.brotli).padStart(10));
const total = rows.reduce((a, [, s]) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const wasm = rows.filter(([n]) => n.endsWith(".wasm")).reduce((a, [, s]) => a + s.brotli, 0);
console.log("first load".padEnd(40), kb(total.raw).padStart(10), kb(total.gzip).padStart(10), kb(total.brotli).padStart(10));
console.log(`WASM alone: ${kb(wasm)} brotli`);
const ok = total.brotli <= BUDGET_BROTLI;
console.log(`budget: first load ≤ ${kb(BUDGET_BROTLI)} brotli: ${ok ? "within" : "OVER"} (${kb(total.brotli)})`);
process.exit(ok ? 0 : 1);
