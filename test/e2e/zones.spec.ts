/**
 * The technician's zones editor in Debian's Chromium against a real `anxun serve`: from the cameras screen to a
 * camera's 区域与遮罩, draw a polygon with the mouse, drag it, set its rule, save, reload and find it again, the
 * engine holding the same polygon. The camera does not stream (its URL points at a closed port): the drawing
 * surface works without a snapshot.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import type { CameraZonesView } from '../../electron/api/zones-contract';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';

let server: RunningServer;

test.beforeAll(async ({ request }) => {
  server = await startServer();
  const reply = await request.post(`${server.url}api/cameras:create`, {
    data: { id: 'dyke', name: '河堤东', gridCell: 'dc-03', detectUrl: 'rtsp://127.0.0.1:9/dyke', enabled: false },
  });
  expect(reply.ok()).toBe(true);
  const lang = await request.post(`${server.url}api/preferences:update`, { data: { language: 'zh-CN' } });
  expect(lang.ok()).toBe(true);
});

test.afterAll(async () => {
  await server.stop();
});

attachServerLogOnFailure(() => server);

async function zonesOf(request: APIRequestContext, cameraId: string): Promise<CameraZonesView> {
  const reply = await request.post(`${server.url}api/zones:get`, { data: { cameraId } });
  const body = (await reply.json()) as { ok: boolean; data: CameraZonesView };
  expect(body.ok).toBe(true);
  return body.data;
}

test('draws a zone with the mouse, saves it, and finds it after a reload', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/cameras`);
  await page.getByRole('link', { name: '编辑 河堤东 的区域与遮罩' }).click();
  await expect(page.getByRole('heading', { name: '区域与遮罩：河堤东' })).toBeVisible();
  await expect(page).toHaveURL(/#\/cameras\/dyke\/zones$/);

  const canvas = page.getByTestId('zones-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no drawing surface');
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;

  await page.getByTestId('zones-new-zone').click();
  await page.mouse.click(...at(0.2, 0.2));
  await page.mouse.click(...at(0.6, 0.2));
  await page.mouse.click(...at(0.6, 0.7));
  await expect(page.getByTestId('zone-drawing').locator('circle')).toHaveCount(3);
  // clicking the first point closes the outline
  await page.mouse.click(...at(0.2, 0.2));
  await expect(page.getByTestId('zone-shape')).toHaveCount(1);

  // drag the whole polygon 10 % to the right
  await page.mouse.move(...at(0.5, 0.35));
  await page.mouse.down();
  await page.mouse.move(...at(0.55, 0.35), { steps: 4 });
  await page.mouse.move(...at(0.6, 0.35), { steps: 4 });
  await page.mouse.up();

  await page.getByTestId('zone-name').fill('夜间禁入');
  await page.getByTestId('zone-param-minDwellS').fill('5');
  await page.getByLabel('生效时段').fill('22:00-06:00');
  await page.getByTestId('zones-save').click();
  await expect(page.getByTestId('zones-message')).toContainText('已保存');
  await keepScreenshot(page, 'zones-saved');

  await page.reload();
  await expect(page.getByTestId('zones-item')).toHaveCount(1);
  await expect(page.getByTestId('zones-item')).toContainText('夜间禁入');
  await expect(page.getByTestId('zone-shape')).toHaveCount(1);

  const stored = await zonesOf(request, 'dyke');
  expect(stored.version).toBe(1);
  expect(stored.zones).toHaveLength(1);
  const zone = stored.zones[0];
  expect(zone).toMatchObject({
    name: '夜间禁入',
    kind: 'restricted',
    minDwellS: 5,
    origin: 'interface',
    schedule: [{ from: '22:00', to: '06:00' }],
  });
  const xs = zone?.polygon.map((p) => p.x) ?? [];
  expect(xs).toHaveLength(3);
  expect(Math.min(...xs)).toBeCloseTo(0.3, 1);
  expect(Math.max(...xs)).toBeCloseTo(0.7, 1);

  // a crossing outline is refused with the engine's reason, and nothing is stored
  await page.getByTestId('zones-item').click();
  await page.getByTestId('zones-new-mask').click();
  await page.mouse.click(...at(0.05, 0.05));
  await page.mouse.click(...at(0.15, 0.15));
  await page.mouse.click(...at(0.15, 0.05));
  await page.mouse.click(...at(0.05, 0.15));
  await page.getByTestId('zones-finish').click();
  await page.getByTestId('zones-save').click();
  await expect(page.getByTestId('zones-message')).toContainText('有字段不正确');
  await expect(page.getByTestId('zone-form')).toContainText('cross');
  expect((await zonesOf(request, 'dyke')).version).toBe(1);

  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('Esc cancels a drawing, Delete removes the selected zone, and the page speaks English', async ({
  page,
  request,
}) => {
  const lang = await request.post(`${server.url}api/preferences:update`, { data: { language: 'en' } });
  expect(lang.ok()).toBe(true);
  try {
    await page.goto(`${server.url}#/cameras/dyke/zones`);
    await expect(page.getByRole('heading', { name: 'Zones and masks: 河堤东' })).toBeVisible();
    const canvas = page.getByTestId('zones-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no drawing surface');
    const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
    const before = await page.getByTestId('zone-shape').count();

    await page.getByRole('button', { name: 'New mask' }).click();
    await page.mouse.click(...at(0.8, 0.8));
    await page.mouse.click(...at(0.9, 0.8));
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('zone-drawing')).toHaveCount(0);
    await expect(page.getByTestId('zone-shape')).toHaveCount(before);

    await page.getByRole('button', { name: 'New mask' }).click();
    await page.mouse.click(...at(0.8, 0.8));
    await page.mouse.click(...at(0.9, 0.8));
    await page.mouse.click(...at(0.9, 0.9));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('zone-shape')).toHaveCount(before + 1);
    await expect(page.getByTestId('zone-kind')).toHaveValue('mask');
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('zone-shape')).toHaveCount(before);
  } finally {
    await request.post(`${server.url}api/preferences:update`, { data: { language: 'zh-CN' } });
  }
});
