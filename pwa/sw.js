/* onedoor service worker.
 *
 * The precache list is injected at build time from the hashed build output by
 * scripts/build_sw.mjs (workbox-build injectManifest); it is never kept by hand. A new build
 * therefore yields a byte-different worker, which the browser installs in the background and
 * keeps waiting until the page asks it to take over (the "new version" banner), so old
 * JavaScript never runs against new WASM.
 *
 * Two sets: the public one (the shell, the home, sign-in and settings pages and their code) is
 * cached at the first install, for everyone; the helper's pages and the code of the store and
 * sync engine only on a phone where a helper signed in (the page says so with
 * "PRECACHE_HELPER" after sign-in and at start; a new version installs both sets where the
 * previous one had them). A resident who only looks at the home page downloads no helper code.
 *
 * Data never goes through this cache: /api/ requests always go to the network, and the app
 * keeps its records in IndexedDB.
 */
const PRECACHE = self.__WB_MANIFEST;
// Replaced by scripts/build_sw.mjs with the URLs of the public set.
const PUBLIC_URLS = new Set(self.__ONEDOOR_PUBLIC);
const PUBLIC = PRECACHE.filter((e) => PUBLIC_URLS.has(e.url));
const SHELL_PATHS = new Set(PRECACHE.filter((e) => !e.url.includes(".")).map((e) => e.url));
const CACHE = "onedoor-" + fingerprint(JSON.stringify(PRECACHE));
// Kept in a cache that holds the helper's set: the next version's install caches it too.
const HELPER_MARK = "/__onedoor/helper";
// Every cache of this worker's kind has it; a cache without it is an older worker's, which
// cached everything for everyone.
const STAMP = "/__onedoor/sets";

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

/** Caches those of `entries` that the cache lacks. Bundle files have hashed names: the HTTP
 * cache (which the page's own load just filled) may answer them; pages are fetched anew. */
async function precache(entries, helper) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const e of entries) {
    if (!(await cache.match(absolute(e.url)))) missing.push(e);
  }
  await cache.addAll(
    missing.map((e) => new Request(absolute(e.url), { cache: e.url.startsWith("pkg/") ? "default" : "reload" })),
  );
  await cache.put(absolute(STAMP), new Response(""));
  if (helper) await cache.put(absolute(HELPER_MARK), new Response(""));
}

/** Whether an earlier version of the worker held the helper's set. */
async function helperBefore() {
  for (const key of await caches.keys()) {
    if (!key.startsWith("onedoor-") || key === CACHE) continue;
    const cache = await caches.open(key);
    if (await cache.match(absolute(HELPER_MARK))) return true;
    if (!(await cache.match(absolute(STAMP))) && (await cache.match(absolute("/tasks")))) return true;
  }
  return false;
}

self.addEventListener("install", (event) => {
  event.waitUntil(helperBefore().then((helper) => precache(helper ? PRECACHE : PUBLIC, helper)));
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
    event.waitUntil(
      caches.open(CACHE).then(async (cache) => {
        const cached = await Promise.all([...SHELL_PATHS].map(async (p) => ((await cache.match(absolute(p))) ? p : null)));
        return cache.addAll(cached.filter(Boolean).map(absolute));
      }),
    );
  } else if (event.data === "PRECACHE_HELPER") {
    // A helper signed in (or the app started signed in): cache the helper's pages too, so the
    // app works offline; after a sign-out emptied the caches, everything again. The page is
    // told when that is done (or failed), so the helper knows when the phone may lose signal.
    const answer = (what) => event.source && event.source.postMessage(what);
    event.waitUntil(
      precache(PRECACHE, true).then(
        () => answer("HELPER_CACHED"),
        (e) => {
          answer("HELPER_CACHE_FAILED");
          throw e;
        },
      ),
    );
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
