// A counting proxy on loopback for bench/pouchdb.mjs: the browser opens the proxy's address, the
// proxy streams every request to the server behind it untouched (the page, its assets, the API)
// and counts the bytes of the request and response bodies of the requests `counted(path)` picks,
// as they travel (a compressed answer counts compressed). Headers are not counted, for either
// stack. Files given in `files` (path → { type, body }) are answered by the proxy itself and
// never counted: PouchDB's script and page, served from .tools, so that PouchDB's database is
// on the page's own origin, as onedoor's API is. Its port comes from freePort() (within
// $BENCH_PORTS when set).
import http from "node:http";

import { freePort } from "./server.mjs";

/** Starts the proxy in front of 127.0.0.1:`upstreamPort`; answers `{ base, port, stats, reset, close }`. */
export async function startCountingProxy(upstreamPort, { counted = () => true, files = {} } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const stats = { requests: 0, up: 0, down: 0, byPath: new Map() };
  const reset = () => {
    stats.requests = 0;
    stats.up = 0;
    stats.down = 0;
    stats.byPath = new Map();
  };
  const tally = (path, field, n) => {
    const key = path.split("?")[0];
    const row = stats.byPath.get(key) ?? { requests: 0, up: 0, down: 0 };
    row[field] += n;
    stats.byPath.set(key, row);
    if (field !== "requests") stats[field] += n;
  };

  const server = http.createServer((req, res) => {
    const path = req.url.split("?")[0];
    const file = files[path];
    if (file) {
      res.writeHead(200, { "content-type": file.type, "content-length": Buffer.byteLength(file.body), "cache-control": "no-store" });
      res.end(file.body);
      return;
    }
    const count = counted(path);
    if (count) {
      stats.requests++;
      tally(path, "requests", 1);
    }
    const out = http.request({ host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode, up.rawHeaders);
      if (count) up.on("data", (c) => tally(path, "down", c.length));
      up.pipe(res);
    });
    out.on("error", () => res.socket?.destroy());
    if (count) req.on("data", (c) => tally(path, "up", c.length));
    req.pipe(out);
  });
  server.keepAliveTimeout = 60_000;
  const port = await freePort();
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    stats,
    reset,
    /** The counts so far, as a plain object. */
    snapshot: () => ({ requests: stats.requests, up: stats.up, down: stats.down, bytes: stats.up + stats.down, byPath: Object.fromEntries(stats.byPath) }),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
        agent.destroy();
      }),
  };
}
