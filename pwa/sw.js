/* onedoor service worker.
 *
 * The precache list is injected at build time from the hashed build output by
 * scripts/build_sw.mjs (workbox-build injectManifest); it is never kept by hand. A new build
 * therefore yields a byte-different worker, which the browser installs in the background and
 * keeps waiting until the page asks it to take over (the "new version" banner), so old
 * JavaScript never runs against new WASM.
 *
 * Data never goes through this cache: /api/ requests always go to the network, and the app
 * keeps its records in IndexedDB.
 */
const PRECACHE = self.__WB_MANIFEST;
const SHELL_PATHS = new Set(PRECACHE.filter((e) => !e.url.includes(".")).map((e) => e.url));
const CACHE = "onedoor-" + fingerprint(JSON.stringify(PRECACHE));

function fingerprint(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

function absolute(url) {
  return new URL(url, self.location.origin).href;
}

function precache() {
  return caches
    .open(CACHE)
    .then((cache) => cache.addAll(PRECACHE.map((e) => new Request(absolute(e.url), { cache: "reload" }))));
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith("onedoor-") && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (event.data === "REFRESH_SHELL") {
    // The user changed language or display settings: re-render the cached pages with them.
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...SHELL_PATHS].map(absolute))));
  } else if (event.data === "PRECACHE") {
    // Signed in again after a sign-out emptied the caches: make the app work offline again.
    event.waitUntil(precache());
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(page(url));
  } else {
    event.respondWith(caches.match(url.href, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});

/** Pages: the network when it answers, else the cached shell of this build. */
async function page(url) {
  try {
    return await fetch(url.href, { credentials: "same-origin" });
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const exact = SHELL_PATHS.has(url.pathname) ? await cache.match(absolute(url.pathname)) : undefined;
    return exact || (await cache.match(absolute("/"))) || Response.error();
  }
}
