import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { RequestInput } from '../../electron/api/contract';
import { startRtspServer, type RtspServer } from '../support/rtsp-server';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { callApi } from './support/api';

/**
 * The technician's threshold tuning screen against a real `anxun serve`: a camera on the local RTSP server plays
 * the room clip (a woman walks in, stays, leaves; it loops every 24 s) into a restricted zone, and the real person
 * model raises one intrusion incident per pass (the correlator's quiet time and cooldown are short). Two are
 * dismissed with reasons and one confirmed through the API; the tuning screen, opened from the cameras table, draws
 * them in its histogram and curve, the what-if count follows the slider (moved with the keyboard), Apply writes an
 * audit row that shows on the page, and the screen switches to English with no untranslated key.
 */

let rtsp: RtspServer;
let server: RunningServer;
let configDir: string;

const RAW_KEY = /\btuning\.[A-Za-z_]+/;
const reviewer = { id: 'operator', name: '值班员' };

type Channel = 'incidents:list' | 'incidents:review' | 'tuning:history' | 'preferences:update';

function api<C extends Channel>(request: APIRequestContext, channel: C, input: RequestInput<C>) {
  return callApi(request, server.url, channel, input);
}

async function shot(page: Page, name: string, title: string): Promise<void> {
  const path = test.info().outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(title, { path, contentType: 'image/png' });
}

/** Sums a column of the histogram's screen-reader table (1: confirmed, 2: dismissed). */
async function histogramTotal(page: Page, column: 1 | 2): Promise<number> {
  const cells = await page
    .getByTestId('tuning-histogram')
    .locator(`tbody tr td:nth-of-type(${column})`)
    .allTextContents();
  return cells.reduce((sum, text) => sum + (Number(text) || 0), 0);
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(60_000);
  rtsp = await startRtspServer({ clip: 'room_enter_leave_intel.mp4' });
  configDir = mkdtempSync(join(tmpdir(), 'anxun-e2e-tuning-'));
  const whole = [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ];
  const config = {
    detection: { models: ['yolox_nano_coco_416'] },
    recording: { enabled: false },
    incidents: {
      zones: { room: [{ id: 'no-entry', name: '禁入区', kind: 'restricted', minDwellS: 1, polygon: whole }] },
      correlator: { windowS: 5, quietS: 2, cooldownS: 0 },
    },
    cameras: [
      {
        id: 'room',
        name: '会议室摄像头',
        gridCell: 'room-cell',
        detectUrl: rtsp.url(),
        detect: { fps: 2, width: 480, height: 270 },
      },
    ],
  };
  const file = join(configDir, 'tuning.json');
  writeFileSync(file, JSON.stringify(config));
  server = await startServer({ args: ['--config', file] });
  await api(request, 'preferences:update', { language: 'zh-CN' });
});

test.afterAll(async () => {
  await server?.stop();
  await rtsp?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

test.afterEach(async () => {
  const info = test.info();
  if (info.status !== info.expectedStatus) {
    await info.attach('server stderr', { body: server.stderr(), contentType: 'text/plain' });
  }
});

test('reviewed alerts show on the tuning screen, the what-if follows the slider, and Apply is audited', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const errors = collectPageErrors(page);

  // three passes of the woman: three intrusion incidents, each ended before the next opens
  await expect
    .poll(async () => (await api(request, 'incidents:list', { state: 'ended' })).incidents.length, {
      timeout: 180_000,
      intervals: [2000],
    })
    .toBeGreaterThanOrEqual(3);
  const ended = (await api(request, 'incidents:list', { state: 'ended' })).incidents.slice(0, 3);
  const [first, second, third] = ended.map((i) => i.id);
  if (!first || !second || !third) throw new Error('fewer than three incidents');
  await api(request, 'incidents:review', { id: first, reviewer, verdict: 'dismissed', reason: 'lamp' });
  await api(request, 'incidents:review', { id: second, reviewer, verdict: 'dismissed', reason: 'reflection' });
  await api(request, 'incidents:review', { id: third, reviewer, verdict: 'confirmed' });

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`${server.url}#/cameras`);
  await page.getByRole('link', { name: '调整 会议室摄像头 的告警阈值' }).click();
  await expect(page).toHaveURL(/#\/cameras\/room\/tuning$/);
  await expect(page.getByRole('heading', { level: 1, name: '阈值调优：会议室摄像头' })).toBeVisible();
  await page.getByLabel('类别').selectOption('person');
  await expect(page.getByTestId('tuning-reviewed')).toContainText('确认 1 条，排除 2 条');
  await expect(page.getByTestId('tuning-reviewed')).toContainText('灯光 1');
  await expect(page.getByTestId('tuning-reviewed')).toContainText('反光 1');

  // the plot is drawn, and its accessible table holds the reviewed alerts
  await expect(page.getByRole('figure', { name: '精确率与召回率随阈值的变化' })).toBeVisible();
  await expect(page.getByTestId('tuning-curve-canvas').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('tuning-histogram-canvas').locator('canvas')).toHaveCount(1);
  expect(await histogramTotal(page, 1)).toBe(1);
  expect(await histogramTotal(page, 2)).toBe(2);

  // the what-if follows the slider, moved with the keyboard alone
  const whatIf = page.getByTestId('tuning-whatif');
  await expect(whatIf).toContainText('按阈值 0.6');
  const atDefault = await whatIf.textContent();
  const slider = page.getByRole('slider', { name: '拟用阈值' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(whatIf).toContainText('按阈值 1，最近 7 天会产生 0 条告警');
  await page.keyboard.press('Home');
  await expect(whatIf).toContainText('按阈值 0，最近 7 天至少会产生');
  expect(await whatIf.textContent()).not.toBe(atDefault);
  for (let i = 0; i < 70; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tuning-param-threshold')).toHaveValue('0.7');
  await expect(whatIf).toContainText('按阈值 0.7');
  await shot(page, 'tuning-zh.png', 'tuning screen with the reviewed alerts (Chinese)');

  // Apply with a note: the audit row shows on the page
  await page.getByLabel('修改说明（记入审计）').fill('灯光误报多，提高阈值');
  await page.getByTestId('tuning-apply').click();
  await expect(page.getByText('已应用（版本 1），已在检测中生效')).toBeVisible();
  const row = page.getByTestId('tuning-history-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('threshold: 0.6 → 0.7');
  await expect(row).toContainText('灯光误报多，提高阈值');
  await expect(page.getByTestId('tuning-reviewed')).toContainText('界面设置');
  const history = await api(request, 'tuning:history', { cameraId: 'room' });
  expect(history.entries[0]).toMatchObject({ version: 1, label: 'person', after: { threshold: 0.7 } });

  // a bad value is refused on its field, and nothing is applied
  await page.getByTestId('tuning-param-minScore').fill('1.5');
  await page.getByTestId('tuning-apply').click();
  await expect(page.getByTestId('tuning-form').getByRole('alert')).toHaveText('不能大于 1');
  await expect(page.getByTestId('tuning-history-row')).toHaveCount(1);

  // English: every label changes
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Threshold tuning: 会议室摄像头' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Precision and recall against the threshold' })).toBeVisible();
  await expect(page.getByTestId('tuning-reviewed')).toContainText('1 confirmed, 2 dismissed');
  await expect(page.getByRole('slider', { name: 'Proposed threshold' })).toBeVisible();
  await expect(page.getByTestId('tuning-form').getByRole('alert')).toHaveText('Must be at most 1');
  await expect(page.getByText('Tuning history')).toBeVisible();
  const text = (await page.getByTestId('page-tuning').textContent()) ?? '';
  expect(text).not.toMatch(RAW_KEY);
  // every label is English: Chinese is left only in data (the camera's name, the audit's note and actor)
  const labels = await page
    .locator(
      '[data-testid="page-tuning"] :is(label, legend, figcaption, th, option, .tuning-form__hint, .tuning-whatif)',
    )
    .allTextContents();
  expect(labels.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  await shot(page, 'tuning-en.png', 'tuning screen in English');
  await page.getByTestId('lang-switch').selectOption('zh-CN');
  expect(errors).toEqual([]);
});
