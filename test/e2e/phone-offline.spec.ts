import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from './support/page-errors';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';
import {
  createTask,
  desk,
  importGrid,
  INSPECTOR,
  inspectorTrail,
  pairPhone,
  pairWithOpenPage,
  PHONE,
  SITE_PHOTO,
} from './support/phone';
import { startServer, type RunningServer } from './support/server';

/**
 * The phone without a network: two actions taken offline wait in the page's IndexedDB queue and are shown as
 * waiting; back online they are applied once, in the order they were taken; the same queue sent again (restored
 * into IndexedDB and the page reloaded, and one action posted again by hand) changes nothing. The page itself
 * opens again without a network: its service worker keeps the page and its assets (the browser trusts the
 * centre's CA, see support/phone.ts: Chromium registers no service worker on a page whose certificate is in
 * error).
 */

let server: RunningServer;

test.use(PHONE);

test.beforeAll(async ({ request }) => {
  server = await startServer({ lan: true });
  await importGrid(request, server);
});

test.afterAll(async () => {
  await server.stop();
});

attachServerLogOnFailure(() => server);

interface StoredQueue {
  entries: { clientId: string; taskId: string; action: { type: string } }[];
  photos: { uploadId: string; type: string; base64: string }[];
  token: string | null;
}

/**
 * Browser-side code for the page's IndexedDB, as source text: the test project has no DOM types, and these run
 * only in the page. `openDb` opens the page's own database; `read` gets one store (or one key of it).
 */
const IDB_HELPERS = `
  const openDb = () => new Promise((resolve, reject) => {
    const open = indexedDB.open('anxun-phone');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const read = (db, store, key) => new Promise((resolve, reject) => {
    const objects = db.transaction(store).objectStore(store);
    const request = key === undefined ? objects.getAll() : objects.get(key);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
`;

/** What the page keeps in IndexedDB: the waiting actions, their photos (as base64) and the device token. */
async function readStore(page: Page): Promise<StoredQueue> {
  const stored: unknown = await page.evaluate(`(async () => {
    ${IDB_HELPERS}
    const db = await openDb();
    const entries = await read(db, 'queue');
    const blobs = await read(db, 'photos');
    const session = await read(db, 'settings', 'session');
    const photos = await Promise.all(blobs.map(async ({ uploadId, blob }) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return { uploadId, type: blob.type, base64: btoa(binary) };
    }));
    db.close();
    return { entries, photos, token: session ? session.token : null };
  })()`);
  return stored as StoredQueue;
}

/** Puts a queue read earlier back into IndexedDB, as if the page had never heard the server's answers. */
async function restoreQueue(page: Page, stored: StoredQueue): Promise<void> {
  await page.evaluate(`(async ({ entries, photos }) => {
    ${IDB_HELPERS}
    const db = await openDb();
    const tx = db.transaction(['queue', 'photos'], 'readwrite');
    for (const entry of entries) tx.objectStore('queue').put(entry);
    for (const { uploadId, type, base64 } of photos) {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      tx.objectStore('photos').put({ uploadId, blob: new Blob([bytes], { type }) });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  })(${JSON.stringify(stored)})`);
}

test('two actions taken offline wait, go once and in order when the network is back, and a replay changes nothing', async ({
  page,
  context,
  request,
}) => {
  const errors = collectPageErrors(page);
  const task = await createTask(request, server, '西河村山脚有烟');
  await pairPhone(page, request, server);
  await page.getByTestId('phone-task').filter({ hasText: '西河村山脚有烟' }).getByRole('link').click();
  await expect(page.getByTestId('task-state')).toHaveText('已派遣');

  await context.setOffline(true);
  await expect(page.getByTestId('phone-link')).toHaveText('无网络：操作会先保存在本机');
  await page.getByTestId('action-accept').click();
  await page.getByTestId('action-checkin').click();
  await page.getByTestId('checkin-photo').setInputFiles(SITE_PHOTO);
  await expect(page.getByTestId('checkin-position')).toHaveText(/^已定位：/);
  await page.getByTestId('checkin-submit').click();

  // Both wait, in the order they were taken; the task is marked in the list.
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（2）');
  const waiting = page.getByTestId('queue-entry');
  await expect(waiting).toHaveCount(2);
  await expect(waiting.nth(0)).toHaveAttribute('data-action', 'accept');
  await expect(waiting.nth(1)).toHaveAttribute('data-action', 'checkin');
  await expect(waiting.nth(1)).toContainText('1 张照片');
  await expect(page.getByTestId('queue-panel')).toContainText('服务器拒绝的操作会在下面显示原因并移出队列');
  await page.getByTestId('task-back').click();
  await expect(
    page.getByTestId('phone-task').filter({ hasText: '西河村山脚有烟' }).getByTestId('phone-task-pending'),
  ).toHaveText('有待发送的操作');
  await keepScreenshot(page, 'phone-offline', { title: 'phone: two actions waiting offline' });
  const stored = await readStore(page);
  expect(stored.entries.map((entry) => entry.action.type)).toEqual(['accept', 'checkin']);
  expect(stored.photos).toHaveLength(1);
  expect(await inspectorTrail(request, server, task.id)).toEqual([]);

  // Back online: both applied once, in order.
  await context.setOffline(false);
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（0）');
  await expect(page.getByTestId('queue-rejections')).toHaveCount(0);
  const applied = await inspectorTrail(request, server, task.id);
  expect(applied.map((step) => [step.command, step.to])).toEqual([
    ['comment', 'dispatched'],
    ['start', 'handling'],
  ]);
  const photosOf = async (): Promise<number> =>
    (await desk(request, server, 'tasks:get', { id: task.id })).evidence.filter((item) => item.kind === 'photo').length;
  expect(await photosOf()).toBe(1);

  // The same queue again, as if the answers had been lost: restored and sent on the next page load.
  await restoreQueue(page, stored);
  await page.reload();
  await expect.poll(async () => (await readStore(page)).entries.length).toBe(0);
  await expect(page.getByTestId('queue-rejections')).toHaveCount(0);
  expect(await inspectorTrail(request, server, task.id)).toEqual(applied);
  expect(await photosOf()).toBe(1);

  // And one action posted again by hand with its client id: answered as a replay.
  const first = stored.entries[0];
  if (first === undefined || stored.token === null) throw new Error('nothing stored');
  const again = await request.post(`${new URL(server.lanUrl ?? '').origin}/api/me:act`, {
    headers: { authorization: `Bearer ${stored.token}` },
    data: { taskId: first.taskId, clientId: first.clientId, action: first.action },
    ignoreHTTPSErrors: true,
  });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { data: { replayed: boolean } }).data.replayed).toBe(true);
  expect(await inspectorTrail(request, server, task.id)).toEqual(applied);
  expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(error))).toEqual([]);
});

test('an action the server refuses is shown with its reason and does not hold up the next one', async ({
  page,
  context,
  request,
}) => {
  const errors = collectPageErrors(page);
  const moved = await createTask(request, server, '东岸码头垃圾堆放');
  const kept = await createTask(request, server, '西岸路口井盖缺失');
  await pairPhone(page, request, server);
  const open = async (title: string): Promise<void> => {
    await page.getByTestId('phone-task').filter({ hasText: title }).getByRole('link').click();
    await expect(page.getByTestId('task-title')).toContainText(title);
  };

  // The list is read while online; offline, the tasks open from it (without their evidence).
  await expect(page.getByTestId('phone-task').filter({ hasText: '西岸路口井盖缺失' })).toBeVisible();
  await context.setOffline(true);
  await open('东岸码头垃圾堆放');
  await expect(page.getByRole('alert').filter({ hasText: '连不上中心的服务器' })).toContainText('上次读取的内容');
  await page.getByTestId('action-accept').click();
  await page.getByTestId('task-back').click();
  await open('西岸路口井盖缺失');
  await page.getByTestId('action-accept').click();
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（2）');

  // Meanwhile the centre gives the first task to someone else.
  await desk(request, server, 'tasks:transition', {
    id: moved.id,
    command: { type: 'reassign', assignees: ['WG-0101'] },
    actor: { role: 'operator', id: 'op', name: '值班员' },
  });

  await context.setOffline(false);
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（0）');
  const refused = page.getByTestId('queue-rejection');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('接收任务 · 东岸码头垃圾堆放');
  await expect(refused).toContainText(/（NOT_YOUR_TASK|（NOT_ASSIGNED|\(NOT_YOUR_TASK|\(NOT_ASSIGNED/);
  await keepScreenshot(page, 'phone-refused', { title: 'phone: a refused action with its reason' });
  expect(await inspectorTrail(request, server, moved.id)).toEqual([]);
  expect((await inspectorTrail(request, server, kept.id)).map((step) => step.command)).toEqual(['comment']);

  await refused.getByRole('button', { name: '知道了' }).click();
  await expect(page.getByTestId('queue-rejections')).toHaveCount(0);
  expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(error))).toEqual([]);
});

test('a revoked phone keeps what waits, asks to pair again, and sends it after the new pairing', async ({
  page,
  context,
  request,
}) => {
  const task = await createTask(request, server, '北山林区疑似火点');
  await pairPhone(page, request, server);
  await page.getByTestId('phone-task').filter({ hasText: '北山林区疑似火点' }).getByRole('link').click();

  await context.setOffline(true);
  await page.getByTestId('action-accept').click();
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（1）');
  const { devices } = await desk(request, server, 'inspectors:devices', { inspectorId: INSPECTOR.id });
  for (const device of devices.filter((d) => d.revokedAt === null)) {
    await desk(request, server, 'inspectors:revoke', { deviceId: device.id });
  }

  await context.setOffline(false);
  await expect(page.getByTestId('pair-again')).toContainText('值班员已撤销本机的绑定');
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（1）');
  expect(await inspectorTrail(request, server, task.id)).toEqual([]);

  // A new QR code: the waiting action goes out under the new pairing.
  const qr = await desk(request, server, 'inspectors:pair', { inspectorId: INSPECTOR.id });
  await page.goto(`${server.lanUrl ?? ''}#pair=${qr.code}`);
  await pairWithOpenPage(page, qr.code);
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（0）');
  expect((await inspectorTrail(request, server, task.id)).map((step) => step.command)).toEqual(['comment']);
});

test('the page opens again without a network: a reload offline shows the last task list and what waits', async ({
  page,
  context,
  request,
}) => {
  const errors = collectPageErrors(page);
  const task = await createTask(request, server, '南坡果园焚烧秸秆');
  await pairPhone(page, request, server);
  await expect(page.getByTestId('phone-task').filter({ hasText: '南坡果园焚烧秸秆' })).toBeVisible();
  // the service worker took the page and its assets when it was installed, and controls the page now
  const scope = await page.evaluate(`navigator.serviceWorker.ready.then((r) => new URL(r.scope).pathname)`);
  expect(scope).toBe('/phone/');
  await expect.poll(() => page.evaluate(`navigator.serviceWorker.controller !== null`)).toBe(true);
  // what it keeps: the page and its assets, never the inspector's routes, media or token
  const kept = await page.evaluate<string[]>(`(async () => {
    const paths = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths;
  })()`);
  expect(kept).toContain('/phone/');
  expect(kept.filter((path) => path.endsWith('.js')).length).toBeGreaterThan(0);
  expect(kept.filter((path) => path !== '/phone/' && !/^\/phone\/assets\/[\w.-]+$/.test(path))).toEqual([]);

  await context.setOffline(true);
  await page.getByTestId('phone-task').filter({ hasText: '南坡果园焚烧秸秆' }).getByRole('link').click();
  await page.getByTestId('action-accept').click();
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（1）');

  // A reload in a dead spot: the page comes from the phone, with the list read before and the waiting action.
  await page.goto(server.lanUrl ?? '');
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.getByTestId('phone-link')).toHaveText('无网络：操作会先保存在本机');
  await expect(
    page.getByTestId('phone-task').filter({ hasText: '南坡果园焚烧秸秆' }).getByTestId('phone-task-pending'),
  ).toHaveText('有待发送的操作');
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（1）');
  await keepScreenshot(page, 'phone-offline-reload', { title: 'phone: reopened without a network' });
  expect(await inspectorTrail(request, server, task.id)).toEqual([]);

  // The network back: the action goes, once.
  await context.setOffline(false);
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（0）');
  expect((await inspectorTrail(request, server, task.id)).map((step) => step.command)).toEqual(['comment']);
  expect(errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(error))).toEqual([]);
});
