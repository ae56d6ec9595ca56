import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { RequestInput } from '../../electron/api/contract';
import { startRtspServer, type RtspServer } from '../support/rtsp-server';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';
import { callApi, importFixtureGrid } from './support/api';

/**
 * The operator's alert queue and incident page against a real `anxun serve`: two cameras on the local RTSP server
 * play the corridor clip (people walking) into a restricted zone, and the real person model raises one intrusion
 * incident per camera. They appear in the queue without a reload, with snapshot, camera, grid cell and time since
 * start; the keyboard dismisses one as a reflection and confirms the other; the review filter and the mute switch
 * hold; the incident page plays the clip (seekable), shows the alerts, the reviews and the task the confirmation
 * dispatched, with its audit trail; and the screens switch to English with no untranslated key.
 */

let rtsp: RtspServer;
let server: RunningServer;
let configDir: string;

const COVERED_CELL = '330199101001-01';
const RAW_KEY = /\b(?:incidents|tasks|nav|error|header|app|language)\.[A-Za-z_]+/;

type Channel = 'grid:import' | 'incidents:list';

function api<C extends Channel>(request: APIRequestContext, channel: C, input: RequestInput<C>) {
  return callApi(request, server.url, channel, input);
}

/** The parts of HTMLVideoElement the test uses (the test code is compiled without the DOM library). */
interface VideoElement {
  readyState: number;
  duration: number;
  currentTime: number;
  seeking: boolean;
  error: { code: number } | null;
  addEventListener(type: string, listener: (...args: unknown[]) => void, options?: { once: boolean }): void;
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(90_000);
  rtsp = await startRtspServer({ clip: 'corridor_walk_intel.mp4' });
  configDir = mkdtempSync(join(tmpdir(), 'anxun-e2e-incidents-'));
  const zone = {
    id: 'no-entry',
    name: '禁入区',
    kind: 'restricted',
    minDwellS: 1,
    polygon: [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ],
  };
  const camera = (id: string, name: string, gridCell: string) => ({
    id,
    name,
    gridCell,
    detectUrl: rtsp.url(),
    detect: { fps: 2, width: 480, height: 270 },
  });
  const config = {
    detection: { models: ['yolox_nano_coco_416'] },
    recording: { segmentS: 2, clipPreS: 2, clipPostS: 2 },
    incidents: { zones: { gate: [zone], yard: [zone] } },
    cameras: [camera('gate', '东门摄像头', COVERED_CELL), camera('yard', '后院摄像头', 'yard-cell')],
  };
  const file = join(configDir, 'incidents.json');
  writeFileSync(file, JSON.stringify(config));
  server = await startServer({ args: ['--config', file] });
  await importFixtureGrid(request, server.url);
});

test.afterAll(async () => {
  await server?.stop();
  await rtsp?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

attachServerLogOnFailure(() => server);

function rowOf(page: Page, camera: string): Locator {
  return page.getByTestId('incident-row').filter({ has: page.getByTestId('incident-place').getByText(camera) });
}

/** Moves the queue's selection with j/k until the row of `camera` is the active one. */
async function selectRow(page: Page, camera: string): Promise<string> {
  const target = await rowOf(page, camera).getAttribute('data-incident-id');
  if (!target) throw new Error(`no row for ${camera}`);
  const queue = page.getByTestId('incident-queue');
  await queue.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) {
    if ((await queue.getAttribute('aria-activedescendant')) === `incident-row-${target}`) return target;
    await page.keyboard.press('j');
  }
  await expect(queue).toHaveAttribute('aria-activedescendant', `incident-row-${target}`);
  return target;
}

test('alerts arrive in the queue without a reload and are reviewed from the keyboard', async ({ page, request }) => {
  test.setTimeout(150_000);
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${server.url}#/operator`);
  await page.getByTestId('nav-alerts').click();
  await expect(page).toHaveURL(/#\/alerts$/);
  await expect(page.getByRole('heading', { level: 1, name: '告警队列' })).toBeVisible();

  // both cameras' incidents appear through the push channel, each with its peak snapshot once it is taken
  await expect(page.getByTestId('incident-row')).toHaveCount(2, { timeout: 100_000 });
  const gateRow = rowOf(page, '东门摄像头');
  const yardRow = rowOf(page, '后院摄像头');
  await expect(gateRow).toHaveAttribute('data-severity', 'yellow');
  await expect(gateRow).toContainText('区域入侵');
  await expect(gateRow.getByTestId('incident-since')).toHaveText(/秒前$/);
  await expect(gateRow.getByTestId('incident-place')).toContainText('东门社区第一网格');
  await expect(yardRow.getByTestId('incident-place')).toContainText('yard-cell');
  expect((await api(request, 'incidents:list', {})).incidents).toHaveLength(2);
  for (const row of [gateRow, yardRow]) {
    await expect(row.getByTestId('incident-thumb')).toBeVisible({ timeout: 30_000 });
    await expect
      .poll(() => row.getByTestId('incident-thumb').evaluate((img: { naturalWidth: number }) => img.naturalWidth))
      .toBeGreaterThan(0);
  }
  await keepScreenshot(page, 'alert-queue', { title: 'alert queue with two intrusion incidents' });

  // j/k move; x then 5 dismisses the yard's alert as a reflection; c confirms the gate's
  const queue = page.getByTestId('incident-queue');
  await queue.focus();
  await page.keyboard.press('Home');
  const first = await queue.getAttribute('aria-activedescendant');
  await page.keyboard.press('j');
  await expect(queue).not.toHaveAttribute('aria-activedescendant', first ?? '');
  await page.keyboard.press('k');
  await expect(queue).toHaveAttribute('aria-activedescendant', first ?? '');

  await selectRow(page, '后院摄像头');
  await page.keyboard.press('x');
  await expect(page.getByTestId('incident-reasons')).toBeVisible();
  await page.keyboard.press('5');
  await expect(page.getByTestId('incident-review-status')).toContainText('反光');
  await expect(yardRow).toHaveAttribute('data-reviewed', 'dismissed');
  await expect(yardRow.getByTestId('incident-mine')).toHaveText('我：已排除（反光）');

  await selectRow(page, '东门摄像头');
  await page.keyboard.press('c');
  await expect(gateRow).toHaveAttribute('data-reviewed', 'confirmed');

  // the review filter lives in the URL; both are reviewed now
  await page.getByTestId('incident-filter-review').selectOption('unreviewed');
  await expect(page).toHaveURL(/review=unreviewed/);
  await expect(page.getByTestId('incident-queue-empty')).toBeVisible();
  await page.getByTestId('incident-filter-review').selectOption('reviewed');
  await expect(page.getByTestId('incident-row')).toHaveCount(2);

  // the new-fire sound can be muted, and stays muted after a reload
  const sound = page.getByTestId('incident-sound');
  await expect(sound).toHaveAttribute('aria-pressed', 'true');
  await sound.click();
  await expect(sound).toHaveAttribute('data-muted', 'true');
  await page.reload();
  await expect(page.getByTestId('incident-sound')).toHaveAttribute('data-muted', 'true');
  await keepScreenshot(page, 'alert-queue-reviewed', { title: 'alert queue after the reviews, sound muted' });
  expect(errors).toEqual([]);
});

test('the incident page plays the clip, shows the alerts, the reviews and the dispatched task', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto(`${server.url}#/alerts`);
  await expect(page.getByTestId('incident-row')).toHaveCount(2, { timeout: 30_000 });
  const id = await selectRow(page, '东门摄像头');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/incidents/${id}$`));
  await expect(page.getByTestId('incident-title')).toHaveText(`区域入侵告警 · ${id}`);

  // the clip plays in a <video>, with the duration the engine recorded, and seeks (the engine serves ranges)
  const video = page.getByTestId('incident-clip').first();
  await expect(video).toBeVisible({ timeout: 30_000 });
  const recorded = Number(await video.getAttribute('data-duration-s'));
  const played = await video.evaluate(async (v: VideoElement) => {
    if (v.readyState < 1) {
      await new Promise((resolve, reject) => {
        v.addEventListener('loadedmetadata', resolve, { once: true });
        v.addEventListener('error', () => reject(new Error(`media error ${v.error?.code ?? '?'}`)));
      });
    }
    const duration = v.duration;
    v.currentTime = duration / 2;
    await new Promise((resolve) => v.addEventListener('seeked', resolve, { once: true }));
    if (v.readyState < 2) await new Promise((resolve) => v.addEventListener('loadeddata', resolve, { once: true }));
    return { duration, at: v.currentTime, readyState: v.readyState };
  });
  expect(played.readyState).toBeGreaterThanOrEqual(2);
  expect(Math.abs(played.duration - recorded)).toBeLessThan(0.6);
  expect(played.at).toBeGreaterThan(0);
  await expect(page.getByTestId('incident-snapshot').first()).toBeVisible();
  await expect(page.getByTestId('incident-alert')).not.toHaveCount(0);
  await expect(page.getByTestId('incident-alert').first()).toContainText('东门摄像头');

  await expect(page.getByTestId('incident-review')).toHaveCount(1);
  await expect(page.getByTestId('incident-review').first()).toHaveAttribute('data-verdict', 'confirmed');
  const task = page.getByTestId('incident-task');
  await expect(task.getByTestId('incident-task-state')).toHaveText('已派遣');
  await expect(task.locator('[data-testid="task-audit-entry"][data-command="dispatch"]')).toHaveCount(1);
  await expect(task.getByTestId('task-command-reassign')).toBeVisible();
  await keepScreenshot(page, 'incident-detail', { title: 'incident page: clip, snapshot, alerts, reviews, task' });

  // the dismissed one: its task was closed as a false alarm with the same reason
  await page.getByTestId('incident-back').click();
  await selectRow(page, '后院摄像头');
  await page.keyboard.press('o');
  await expect(page.getByTestId('incident-task').getByTestId('incident-task-outcome')).toContainText('反光');
  await expect(page.getByTestId('incident-task').getByTestId('incident-task-state')).toHaveText('已结案');
  // the queue's keys work on the page too
  await page.keyboard.press('x');
  await expect(page.getByTestId('incident-reasons')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('incident-reasons')).toHaveCount(0);

  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByTestId('incident-title')).toHaveText(/^Intrusion alert · inc-\d+$/);
  await expect(page.getByTestId('nav-alerts')).toHaveText('Alert queue');
  expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
  await keepScreenshot(page, 'incident-detail-en', { title: 'incident page in English' });
  await page.getByTestId('incident-back').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alert queue' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
  await keepScreenshot(page, 'alert-queue-en', { title: 'alert queue in English' });
  await page.getByTestId('lang-switch').selectOption('zh-CN');
  expect(errors).toEqual([]);
});
