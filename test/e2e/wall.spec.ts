/**
 * The operator's video wall (视频墙) in Debian's Chromium against `anxun serve --demo`: the demo camera's tile
 * shows a live picture from /live/demo.mjpg with its state badge and fps, a disabled camera's tile says so, the
 * arrow keys move between tiles, Enter opens the large view and Esc closes it, and the layout stays in the URL.
 */
import { expect, test, type Locator } from '@playwright/test';
import { canServeRtsp, startRtspServer, type RtspServer } from '../support/rtsp-server';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';

let server: RunningServer;
let camera: RtspServer | null = null;

/** The parts of HTMLImageElement the test reads (the test code is compiled without the DOM library). */
interface ImageElement {
  naturalWidth: number;
  naturalHeight: number;
}

const naturalWidth = (image: Locator): Promise<number> =>
  image.evaluate((img: ImageElement) => img.naturalWidth).catch(() => 0);

test.beforeAll(async ({ request }) => {
  server = await startServer({ args: ['--demo'] });
  const reply = await request.post(`${server.url}api/cameras:create`, {
    data: { id: 'north-gate', name: '北门', gridCell: 'dc-02', detectUrl: 'rtsp://127.0.0.1:9/north', enabled: false },
  });
  expect(reply.ok()).toBe(true);
  // a real RTSP camera looking at a room a person walks into: the person models draw boxes on it
  if (canServeRtsp()) {
    camera = await startRtspServer({ clip: 'room_enter_leave_intel.mp4' });
    const room = await request.post(`${server.url}api/cameras:create`, {
      data: {
        id: 'room',
        name: '会议室',
        gridCell: 'dc-03',
        detectUrl: camera.url(),
        detect: { fps: 2, width: 480, height: 270 },
      },
    });
    expect(room.ok()).toBe(true);
  }
});

test.afterAll(async () => {
  await server.stop();
  await camera?.stop();
});

attachServerLogOnFailure(() => server);

test('live tiles with badges, keyboard moves, the large view opens and closes', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/wall`);
  await expect(page.getByRole('heading', { name: '视频墙' })).toBeVisible();
  await expect(page.getByTestId('nav-wall')).toHaveAttribute('aria-current', 'page');

  const tiles = page.getByTestId('wall-tile');
  await expect(tiles).toHaveCount(camera ? 3 : 2);
  const demo = page.locator('[data-testid="wall-tile"][data-camera="demo"]');
  const north = page.locator('[data-testid="wall-tile"][data-camera="north-gate"]');

  // the demo camera's live picture arrives, and its badge says it streams, with its fps
  await expect.poll(() => naturalWidth(demo.getByTestId('wall-image')), { timeout: 45_000 }).toBeGreaterThan(0);
  await expect(demo.getByTestId('wall-badge')).toHaveAttribute('data-state', 'streaming', { timeout: 30_000 });
  await expect(demo.getByTestId('wall-fps')).toContainText('帧/秒');
  await expect(demo).toContainText('网格 demo');
  // the person in the room camera's picture gets boxes over it (the clip loops every 24 s)
  if (camera) {
    const room = page.locator('[data-testid="wall-tile"][data-camera="room"]');
    await expect.poll(() => naturalWidth(room.getByTestId('wall-image')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => room.locator('.wall-box rect').count(), { timeout: 45_000, intervals: [200] })
      .toBeGreaterThan(0);
    await expect(room.locator('.wall-box text').first()).toContainText('person');
  }
  await keepScreenshot(page, 'wall-four', { fullPage: false });
  // the disabled camera has no picture and says why
  await expect(north.getByTestId('wall-badge')).toHaveAttribute('data-state', 'disabled');
  await expect(north).toContainText('摄像头已停用');
  await expect(north.getByTestId('wall-image')).toHaveCount(0);

  // the keyboard: arrows move between tiles (one tab stop), Enter opens the large view, Esc closes it
  await demo.focus();
  await expect(demo).toHaveAttribute('tabindex', '0');
  await expect(north).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('ArrowRight');
  await expect(north).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(demo).toBeFocused();
  await page.keyboard.press('Enter');
  const large = page.getByTestId('wall-large');
  await expect(large).toBeVisible();
  await expect(large.getByRole('heading')).toContainText('演示摄像头');
  await expect.poll(() => naturalWidth(large.getByTestId('wall-image')), { timeout: 20_000 }).toBeGreaterThan(0);
  await keepScreenshot(page, 'wall-large', { fullPage: false });
  await page.keyboard.press('Escape');
  await expect(large).toBeHidden();
  await expect(demo).toBeFocused();

  // a click opens it too, and the close button closes it
  await north.click();
  await expect(large).toBeVisible();
  await large.getByTestId('wall-large-close').click();
  await expect(large).toBeHidden();

  // the layout is kept in the URL
  await page.getByTestId('wall-layout-9').click();
  await expect(page).toHaveURL(/#\/wall\?layout=9$/);
  await expect(page.getByTestId('wall-grid')).toHaveAttribute('data-layout', '9');
  await page.reload();
  await expect(page.getByTestId('wall-layout-9')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => naturalWidth(demo.getByTestId('wall-image')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId('wall-layout-1').click();
  await expect(tiles).toHaveCount(1);
  await expect(page.getByTestId('wall-page')).toContainText(`第 1 / ${camera ? 3 : 2} 页`);
  await keepScreenshot(page, 'wall-one', { fullPage: false });

  // in English
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Video wall' })).toBeVisible();
  await expect(page.getByTestId('wall-layout-1')).toHaveText('1-tile');
  await expect(demo.getByTestId('wall-badge')).toHaveText('Streaming');
  await expect(page.locator('main')).not.toContainText('wall.');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');

  expect(errors).toEqual([]);
});

test('the live stream answers an unknown camera with a 404 JSON error', async ({ request }) => {
  const reply = await request.get(`${server.url}live/nobody.mjpg`);
  expect(reply.status()).toBe(404);
  expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
