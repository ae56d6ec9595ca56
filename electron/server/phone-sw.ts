/**
 * The phone page's service worker, served by the LAN listener at /phone/sw.js with scope /phone/, so that the
 * page still opens on a phone without a network (a reload in a dead spot, the browser reopened on site): the
 * page itself then shows the last task list and the waiting actions it keeps in IndexedDB.
 *
 * - On install it stores the page and every asset the page names (`./assets/<file>`) under a cache named after
 *   the page's version, the SHA-256 of the built phone.html: a new build changes the script's bytes, the browser
 *   installs the new worker, and it deletes the old caches when it takes over.
 * - The page is fetched from the network first (so a new build shows at once), and from the cache when the
 *   network fails or has not answered within PAGE_TIMEOUT_MS while a cached copy exists. Assets are named by their
 *   content hash: cache first, then the network (stored for next time).
 * - It handles nothing else: the inspector's routes, media, uploads and the WebSocket always go to the network,
 *   and no token or task data ever enters the cache.
 *
 * The worker's source is a string (it runs in the phone's browser, not here); the e2e test
 * (test/e2e/phone-offline.spec.ts) loads it in Chromium and reloads the page offline.
 */
import { createHash } from 'node:crypto';
import { PHONE_PAGE_PATH } from '../api/inspector-contract';

/** How long a reload waits for the network before showing the stored page. */
export const PAGE_TIMEOUT_MS = 4000;

/** The version a build of the page gets: the first 16 hex digits of the SHA-256 of phone.html. */
export function phonePageVersion(html: Uint8Array): string {
  return createHash('sha256').update(html).digest('hex').slice(0, 16);
}

/** The service worker's script for one version of the page. */
export function phoneServiceWorker(version: string): string {
  if (!/^[0-9a-f]{16}$/.test(version)) throw new RangeError(`phone page version must be 16 hex digits: ${version}`);
  return `'use strict';
const CACHE = 'anxun-phone-${version}';
const PAGE = '${PHONE_PAGE_PATH}';
const ASSETS = '${PHONE_PAGE_PATH}assets/';
const PAGE_TIMEOUT_MS = ${PAGE_TIMEOUT_MS};

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(PAGE, { cache: 'no-cache' });
      if (!page.ok) throw new Error('the phone page answered ' + page.status);
      const html = await page.clone().text();
      const names = new Set(Array.from(html.matchAll(/\\.\\/assets\\/([A-Za-z0-9_.-]+)/g), (m) => ASSETS + m[1]));
      await cache.addAll([...names]);
      await cache.put(PAGE, page);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('anxun-phone-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === PAGE) event.respondWith(page(request));
  else if (url.pathname.startsWith(ASSETS)) event.respondWith(asset(request));
});

async function page(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(PAGE);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(PAGE, response.clone());
    return response;
  });
  if (!cached) return network;
  const late = new Promise((resolve) => setTimeout(() => resolve(cached), PAGE_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), late]);
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
`;
}
