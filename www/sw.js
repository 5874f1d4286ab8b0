// Service worker: keeps the page and the wasm module in a cache so the page
// works offline once it has loaded. Network first (a fresh build is picked
// up as soon as it is served), the cache when the network fails. Only this
// origin's GET requests are handled; the page makes no others. The OCR engine
// and its language data (www/ocr/, about 20 MB) are not fetched up front: they
// are cached here when a scan first needs them, like any other response.
const CACHE = "cvshield-v1";
const PAGE_FILES = [
  "./",
  "index.html",
  "app.js",
  "render.js",
  "spans.js",
  "ocr/languages.js",
  "engine-worker.js",
  "style.css",
  "favicon.svg",
  "pkg/index.js",
  "pkg/api.js",
  "pkg/ocr.js",
  "pkg/cvshield.js",
  "pkg/cvshield_bg.wasm",
  "preview.js",
  "vendor/pdfjs/build/pdf.min.mjs",
  "vendor/pdfjs/build/pdf.worker.min.mjs",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PAGE_FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});
