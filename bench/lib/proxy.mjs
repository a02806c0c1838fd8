// A proxy on loopback between the phone (headless Chromium) and the server, for the drills of
// issue 23: the browser opens the proxy's address, and the proxy passes pages and assets through
// as they are, while the API (`/api/…`, the data path) can be
//   - down: every request's connection closed unanswered (no signal);
//   - throttled: a slow link, one request at a time each way, with latency (crash drill);
//   - faulty, at random from a seeded source (network drill): a request dropped before the
//     server sees it, delayed, sent to the server twice (at once or one after the other; the
//     phone gets the first answer), or its answer cut after the server committed (nothing sent
//     back, or the headers and half the body).
// API requests and answers are held whole in memory (a push or a 256 KB chunk at most).
import http from "node:http";

import { log, sleep } from "./log.mjs";

/// A phone on a weak 3G signal: 400 kbit/s up, 1.6 Mbit/s down, 150 ms round trip.
export const SLOW_LINK = { upBytesPerS: 50_000, downBytesPerS: 200_000, latencyMs: 150 };
/// How often each fault strikes an API request in the network drill.
export const FAULTS = { drop: 0.08, delay: 0.15, maxDelayMs: 2500, duplicate: 0.1, cut: 0.1 };

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"]);

function readAll(stream) {
  return new Promise((ok, no) => {
    const parts = [];
    stream.on("data", (c) => parts.push(c));
    stream.on("end", () => ok(Buffer.concat(parts)));
    stream.on("error", no);
  });
}

/**
 * Starts the proxy in front of `upstream` (`{ port }` on 127.0.0.1) on `port` (0: any free
 * one). `rng` (bench/lib/rng.mjs) draws the faults. Answers `{ base, port, mode, stats, close }`;
 * set `mode.down`, `mode.throttle` (a link like SLOW_LINK, or null) and `mode.faults` (like
 * FAULTS, or null) at any time.
 */
export async function startProxy(upstream, rng, port = 0) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const mode = { down: false, throttle: null, faults: null };
  // `upBytes`: API request bodies received from the phone; `inFlight`: API requests under way.
  const stats = { api: 0, answered: 0, dropped: 0, delayed: 0, duplicated: 0, cut: 0, downed: 0, failed: 0, upBytes: 0, inFlight: 0 };
  const link = { upFreeAt: 0, downFreeAt: 0 };

  /** Waits until `bytes` went over the link one way (`up` or `down`), behind what is queued. */
  async function carry(direction, bytes) {
    const t = mode.throttle;
    if (!t) return;
    const rate = direction === "up" ? t.upBytesPerS : t.downBytesPerS;
    const key = direction === "up" ? "upFreeAt" : "downFreeAt";
    const start = Math.max(Date.now(), link[key]);
    link[key] = start + ((bytes + 400) / rate) * 1000;
    await sleep(link[key] - Date.now() + t.latencyMs / 2);
  }

  /** One request to the server, answered whole. */
  function forward(req, body) {
    return new Promise((ok, no) => {
      const headers = { ...req.headers, "content-length": String(body.length) };
      delete headers["transfer-encoding"];
      const out = http.request({ host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers, agent }, (res) => {
        readAll(res).then((b) => ok({ status: res.statusCode, headers: res.headers, body: b }), no);
      });
      out.on("error", no);
      out.end(body);
    });
  }

  function answer(res, got, cutHalf = false) {
    const headers = {};
    for (const [k, v] of Object.entries(got.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers["content-length"] = String(got.body.length);
    res.writeHead(got.status, headers);
    if (cutHalf) {
      res.write(got.body.subarray(0, Math.floor(got.body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
    } else {
      res.end(got.body);
    }
  }

  async function api(req, res) {
    stats.api++;
    stats.inFlight++;
    try {
      await apiFaulty(req, res);
    } finally {
      stats.inFlight--;
    }
  }

  async function apiFaulty(req, res) {
    const body = await readAll(req);
    stats.upBytes += body.length;
    if (mode.down) {
      stats.downed++;
      return req.socket.destroy();
    }
    const f = mode.faults;
    // Every draw is made, in the same order, whatever the earlier ones gave: the seed fixes
    // each request's fate by its arrival number.
    const draw = f ? { drop: rng.chance(f.drop), delay: rng.chance(f.delay), wait: rng.between(0, f.maxDelayMs ?? 0), duplicate: rng.chance(f.duplicate), together: rng.chance(0.5), cut: rng.chance(f.cut), half: rng.chance(0.5) } : {};
    await carry("up", body.length);
    if (draw.drop) {
      stats.dropped++;
      return req.socket.destroy();
    }
    if (draw.delay) {
      stats.delayed++;
      await sleep(draw.wait);
    }
    let got;
    try {
      if (draw.duplicate) {
        stats.duplicated++;
        if (draw.together) {
          const [first, second] = await Promise.allSettled([forward(req, body), forward(req, body)]);
          if (first.status === "rejected") throw first.reason;
          if (second.status === "rejected") throw second.reason;
          got = first.value;
        } else {
          got = await forward(req, body);
          await forward(req, body);
        }
      } else {
        got = await forward(req, body);
      }
    } catch (e) {
      stats.failed++;
      log(`  proxy: ${req.method} ${req.url} did not reach the server: ${e.message}`);
      return req.socket.destroy();
    }
    await carry("down", got.body.length);
    if (draw.cut) {
      stats.cut++;
      if (draw.half) return answer(res, got, true);
      return req.socket.destroy();
    }
    stats.answered++;
    answer(res, got);
  }

  /** Pages, scripts and the service worker: streamed through untouched. */
  function pass(req, res) {
    const out = http.request({ host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode, up.rawHeaders);
      up.pipe(res);
    });
    out.on("error", () => res.socket?.destroy());
    req.pipe(out);
  }

  const server = http.createServer((req, res) => {
    const handle = req.url.startsWith("/api/") ? api(req, res) : pass(req, res);
    Promise.resolve(handle).catch((e) => {
      log(`  proxy: ${e.stack ?? e}`);
      req.socket.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const bound = server.address().port;
  return {
    base: `http://127.0.0.1:${bound}`,
    port: bound,
    mode,
    stats,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
        agent.destroy();
      }),
  };
}
