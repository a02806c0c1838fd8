// Writes a brotli (quality 11) and a gzip (-9) twin beside every compressible file of the built
// site (name.br, name.gz), which the server's static file layer answers with the right
// Content-Encoding: compressing at build time affords the best ratio, which on-the-fly
// compression cannot (see server/src/routes/static_files.rs). Twins that would not be smaller
// are not written; stale twins of a previous build are removed first.
//
//   node scripts/precompress.mjs [site root]      (default: target/site)
import { readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const siteRoot = process.argv[2] ?? "target/site";
const COMPRESSIBLE = /\.(js|mjs|wasm|css|json|webmanifest|svg|html|txt|map)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let count = 0;
let raw = 0;
let br = 0;
// Stale twins go first, in a pass of their own: removed while compressing, a twin listed after
// its file would take the fresh one with it.
for (const path of [...files(siteRoot)]) {
  if (/\.(br|gz)$/.test(path)) unlinkSync(path);
}
for (const path of [...files(siteRoot)]) {
  if (!COMPRESSIBLE.test(path)) continue;
  const body = readFileSync(path);
  const brotli = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: path.endsWith(".wasm") ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = gzipSync(body, { level: 9 });
  if (brotli.length < body.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < body.length) writeFileSync(`${path}.gz`, gzip);
  count += 1;
  raw += body.length;
  br += Math.min(brotli.length, body.length);
}
console.log(`precompressed ${count} files: ${(raw / 1024).toFixed(0)} KiB, ${(br / 1024).toFixed(0)} KiB as brotli 11`);
