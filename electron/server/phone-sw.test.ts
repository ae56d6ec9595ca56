import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PAGE_TIMEOUT_MS, phonePageVersion, phoneServiceWorker } from './phone-sw';

describe('the phone page’s service worker script', () => {
  it('is versioned by the page’s bytes, so a new build installs a new worker', () => {
    const a = phonePageVersion(new TextEncoder().encode('<html>build a</html>'));
    const b = phonePageVersion(new TextEncoder().encode('<html>build b</html>'));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    expect(phoneServiceWorker(a)).toContain(`const CACHE = 'anxun-phone-${a}';`);
    expect(phoneServiceWorker(a)).not.toBe(phoneServiceWorker(b));
  });

  it('is valid JavaScript that answers only for the page and its assets', () => {
    const source = phoneServiceWorker('0123456789abcdef');
    const listeners = new Map<string, (event: unknown) => void>();
    const self = { addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn) };
    // runs the script's top level with a stand-in `self`: it only registers its three listeners
    runInNewContext(source, { self, URL, setTimeout });
    expect([...listeners.keys()].sort()).toEqual(['activate', 'fetch', 'install']);
    expect(source).toContain(`const PAGE_TIMEOUT_MS = ${PAGE_TIMEOUT_MS};`);
    const answered: string[] = [];
    const fetchListener = listeners.get('fetch');
    const ask = (method: string, url: string) =>
      fetchListener?.({
        request: { method, url },
        // the answer itself needs the Cache API, which this test has not: only who was answered is checked
        respondWith: (answer: Promise<unknown>) => {
          answer.catch(() => undefined);
          answered.push(`${method} ${url}`);
        },
      });
    Object.assign(self, { location: { origin: 'https://192.168.1.20:8643' } });
    for (const url of ['/phone/', '/phone/assets/phone-1.js', '/api/me:tasks', '/media/a.jpg', '/ws', '/ca.crt']) {
      ask('GET', `https://192.168.1.20:8643${url}`);
    }
    ask('POST', 'https://192.168.1.20:8643/phone/');
    ask('GET', 'https://elsewhere.example/phone/');
    expect(answered).toEqual([
      'GET https://192.168.1.20:8643/phone/',
      'GET https://192.168.1.20:8643/phone/assets/phone-1.js',
    ]);
  });

  it('refuses a version that is not 16 hex digits (it is written into the script)', () => {
    expect(() => phoneServiceWorker("x'; alert(1); '")).toThrow(RangeError);
  });
});
