/**
 * The inspector's phone in the e2e tests: Debian's Chromium with a Pixel 7's screen, touch and user agent, the
 * local CA's certificate trusted by the browser (as on a phone after the trust steps, so the page's service worker
 * registers), the position granted and fixed, Chinese and the China time zone; pairing
 * through the desktop's `inspectors:pair` and the QR code's URL; the desktop's API for the operator's side.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devices, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { RequestInput, RequestOutput } from '../../../electron/api/contract';
import { TRUSTING_LAN_CA } from './browser';
import { REPO_ROOT, type RunningServer } from './server';

function withoutBrowserType<T extends { defaultBrowserType: unknown }>(device: T): Omit<T, 'defaultBrowserType'> {
  const copy: Partial<T> = { ...device };
  delete copy.defaultBrowserType;
  return copy as Omit<T, 'defaultBrowserType'>;
}

/** 西河村 in the grid fixture, roughly. */
export const SITE = { latitude: 30.2741, longitude: 120.1551, accuracy: 8 };

/**
 * Options for a spec's top-level `test.use`: the phone, its position and its language, in a browser that trusts
 * the centre's CA (its own worker: launch options differ from the desktop specs').
 */
export const PHONE = {
  ...withoutBrowserType(devices['Pixel 7']),
  launchOptions: TRUSTING_LAN_CA,
  ignoreHTTPSErrors: true,
  geolocation: SITE,
  permissions: ['geolocation'],
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

export const SITE_PHOTO = join(REPO_ROOT, 'fixtures/phone/site-photo.jpg');

/** 李海峰, the only inspector of 西河村第一网格 in the fixture. */
export const INSPECTOR = { id: 'WG-0103', name: '李海峰' };
export const CELL = '330199101202-01';
export const OPERATOR = { role: 'operator', id: 'op', name: '值班员' } as const;

type DeskChannel =
  | 'grid:import'
  | 'tasks:create'
  | 'tasks:get'
  | 'tasks:transition'
  | 'inspectors:pair'
  | 'inspectors:devices'
  | 'inspectors:revoke';

export async function desk<C extends DeskChannel>(
  request: APIRequestContext,
  server: RunningServer,
  channel: C,
  input: RequestInput<C>,
): Promise<RequestOutput<C>> {
  const reply = await request.post(`${server.url}api/${channel}`, { data: input });
  const body = (await reply.json()) as { ok: boolean; data?: RequestOutput<C>; error?: unknown };
  if (!body.ok || body.data === undefined) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data;
}

export async function importGrid(request: APIRequestContext, server: RunningServer): Promise<void> {
  const file = (name: string) => ({
    name,
    contentBase64: readFileSync(join(REPO_ROOT, 'fixtures/grid', name)).toString('base64'),
  });
  await desk(request, server, 'grid:import', { files: [file('grid.csv'), file('inspectors.csv')], mode: 'replace' });
}

/** A task in 西河村第一网格 dispatched at once to the inspector. */
export function createTask(
  request: APIRequestContext,
  server: RunningServer,
  title: string,
): Promise<RequestOutput<'tasks:create'>> {
  return desk(request, server, 'tasks:create', {
    source: 'patrol',
    category: 'smoke',
    severity: 'yellow',
    title,
    description: '村民来电：仓库后面有白烟。',
    cellCode: CELL,
    place: '西河村仓库后门',
    position: { lat: SITE.latitude, lon: SITE.longitude },
    actor: OPERATOR,
    dispatch: [INSPECTOR.id],
  });
}

/**
 * The operator shows a QR code for the inspector; the phone opens the URL it carries (with the listener's own
 * origin: the QR names the machine's LAN address) and pairs with a device name.
 */
export async function pairPhone(page: Page, request: APIRequestContext, server: RunningServer): Promise<void> {
  if (server.lanUrl === null) throw new Error('start the server with { lan: true }');
  const qr = await desk(request, server, 'inspectors:pair', { inspectorId: INSPECTOR.id });
  expect(qr.payload).toBe(qr.url);
  expect(qr.url).toMatch(new RegExp(`^https://[^/]+/phone/#pair=${qr.code}$`));
  await page.goto(`${server.lanUrl}#pair=${qr.code}`);
  await pairWithOpenPage(page, qr.code);
}

/** Fills in the device name on a page already showing the pairing form for `code`. */
export async function pairWithOpenPage(page: Page, code: string): Promise<void> {
  await expect(page.getByRole('heading', { name: '绑定手机' })).toBeVisible();
  await page.getByLabel('设备名称').fill('李海峰的手机');
  await page.getByTestId('pair-submit').click();
  await expect(page.getByRole('heading', { name: '我的任务' })).toBeVisible();
  await expect(page.getByTestId('phone-inspector')).toHaveText(`${INSPECTOR.name}（${INSPECTOR.id}）`);
  // The spent code is gone from the address.
  expect(page.url()).not.toContain(code);
}

/** The inspector's steps in the desktop's audit trail, oldest first. */
export async function inspectorTrail(
  request: APIRequestContext,
  server: RunningServer,
  taskId: string,
): Promise<{ command: string; to: string; note: string | null }[]> {
  const { audit } = await desk(request, server, 'tasks:get', { id: taskId });
  return audit
    .filter((entry) => entry.actor.role === 'inspector' && entry.actor.id === INSPECTOR.id)
    .sort((a, b) => a.seq - b.seq)
    .map(({ command, to, note }) => ({ command, to, note }));
}
