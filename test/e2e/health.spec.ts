/**
 * The technician's health view (运行健康) in Debian's Chromium against `anxun serve --demo`: the demo camera's
 * row says it streams with a non-zero frame rate, the detector panel lists the models with their status, the
 * recordings disk bar shows use against the budget, and the English switch changes the labels.
 */
import { expect, test } from '@playwright/test';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ args: ['--demo'] });
});

test.afterAll(async () => {
  await server.stop();
});

attachServerLogOnFailure(() => server);

test('cameras, detector and disk, in Chinese and in English', async ({ page, request }) => {
  test.setTimeout(90_000);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/health`);
  await expect(page.getByRole('heading', { name: '运行健康' })).toBeVisible();
  await expect(page.getByTestId('nav-health')).toHaveAttribute('aria-current', 'page');

  // the demo camera streams, with a frame rate above zero
  const demo = page.locator('[data-testid="health-camera-row"][data-camera-id="demo"]');
  await expect(demo).toHaveAttribute('data-state', 'streaming', { timeout: 45_000 });
  await expect(demo.getByTestId('health-camera-state')).toHaveText('取流正常');
  await expect
    .poll(async () => Number((await demo.getByTestId('health-camera-fps').textContent()) ?? '0'), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(demo.getByTestId('health-camera-grade')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '近一小时重连' })).toBeVisible();

  // the detector panel: one row per model, each with a status
  const detectors = page.getByTestId('health-detector-row');
  const models = (await (await request.post(`${server.url}api/models:list`, { data: {} })).json()) as {
    data: { models: unknown[] };
  };
  await expect(detectors).toHaveCount(models.data.models.length);
  await expect(page.getByTestId('health-detector-panel')).toContainText('推理耗时');
  // the load is frames per second between two readings of the counter: it shows after the next read
  await expect(detectors.first().getByTestId('health-detector-load')).toContainText('帧/秒', { timeout: 20_000 });

  // the disk: a bar against the budget when a camera records, a sentence when none does
  const cameras = (await (await request.post(`${server.url}api/cameras:list`, { data: {} })).json()) as {
    data: { cameras: { recording: unknown }[] };
  };
  const recording = cameras.data.cameras.some((camera) => camera.recording !== null);
  if (recording) {
    const bar = page.getByRole('meter', { name: '录像占用磁盘预算' });
    await expect(bar).toBeVisible();
    await expect(page.getByTestId('health-disk-text')).toContainText('已用');
  } else {
    await expect(page.getByTestId('health-disk-none')).toBeVisible();
  }
  await keepScreenshot(page, 'health-zh');

  // in English
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Health', exact: true })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Reconnects (last hour)' })).toBeVisible();
  await expect(demo.getByTestId('health-camera-state')).toHaveText('Streaming');
  await expect(page.getByTestId('health-detector-panel')).toContainText('Inference P50 / P95');
  if (recording)
    await expect(page.getByRole('meter', { name: 'Recordings disk used against the budget' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('health.');
  await keepScreenshot(page, 'health-en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');

  expect(errors).toEqual([]);
});
