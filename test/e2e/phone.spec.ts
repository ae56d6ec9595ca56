import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from './support/page-errors';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';
import {
  createTask,
  desk,
  importGrid,
  inspectorTrail,
  pairPhone,
  pairWithOpenPage,
  PHONE,
  SITE,
  SITE_PHOTO,
} from './support/phone';
import { startServer, type RunningServer } from './support/server';

/**
 * The inspector's phone page against a real `anxun serve --lan` (HTTPS on loopback, its own CA): pairing with
 * the QR code's URL, the dispatched task with its time left, accept, check in with a photo and the position,
 * report a false alarm with its reason, each step in the desktop's audit trail; a task dispatched while the page
 * is open arrives with a badge; the page without a code or with a used one says what to do; every label in English.
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

/** Keeps a screenshot with the report, after checking that nothing makes the phone scroll sideways. */
async function shot(page: Page, name: string, title: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  await keepScreenshot(page, name, { title });
}

async function queueEmptied(page: Page): Promise<void> {
  await expect(page.getByTestId('queue-title')).toHaveText('待发送（0）');
  await expect(page.getByTestId('queue-rejections')).toHaveCount(0);
}

test('pairs with the QR code, accepts, checks in with a photo and the position, reports a false alarm', async ({
  page,
  request,
}) => {
  const errors = collectPageErrors(page);
  const task = await createTask(request, server, '西河村仓库冒白烟');
  await pairPhone(page, request, server);

  const row = page.getByTestId('phone-task').filter({ hasText: '西河村仓库冒白烟' });
  await expect(row.getByTestId('phone-task-state')).toHaveText('已派遣');
  await expect(row.getByTestId('phone-task-countdown')).toHaveText(/^剩余 23:5\d:\d\d$/);
  await expect(row.getByTestId('phone-task-countdown')).toHaveAttribute('data-tone', 'normal');
  await shot(page, 'phone-tasks', 'phone: my tasks');

  await row.getByRole('link').click();
  await expect(page.getByTestId('task-title')).toContainText('西河村仓库冒白烟');
  await expect(page.getByTestId('task-place')).toContainText('西河村仓库后门');
  await expect(page.getByTestId('task-map')).toHaveAttribute(
    'href',
    /uri\.amap\.com\/marker\?position=120\.155100,30\.274100/,
  );
  await expect(page.getByTestId('task-geo')).toHaveAttribute('href', /^geo:30\.274100,120\.155100/);

  // 接单
  await page.getByTestId('action-accept').click();
  await queueEmptied(page);
  await expect(page.getByTestId('action-accept')).toHaveCount(0);

  // 到场签到: the camera's photo (a file here) and the position the browser gives.
  await page.getByTestId('action-checkin').click();
  await page.getByTestId('checkin-photo').setInputFiles(SITE_PHOTO);
  await expect(page.getByTestId('checkin-position')).toHaveText(/已定位：30\.27410, 120\.15510（误差约 8 米）/);
  await shot(page, 'phone-checkin', 'phone: check-in form with photo and position');
  await page.getByTestId('checkin-submit').click();
  await queueEmptied(page);
  await expect(page.getByTestId('task-state')).toHaveText('处置中');
  // The uploaded photo is now the task's evidence, fetched with the device token.
  const photo = page.getByTestId('evidence-photo').locator('img');
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0);

  // 反馈: a false alarm, steam from the boiler.
  await page.getByTestId('action-report').click();
  await page.getByTestId('report-outcome-false_alarm').check();
  await page.getByTestId('report-reason').selectOption('steam');
  await page.getByTestId('report-note').fill('锅炉排气的蒸汽，不是烟。');
  await page.getByTestId('report-photos').setInputFiles([SITE_PHOTO, SITE_PHOTO]);
  await expect(page.getByTestId('report-form')).toContainText('已选 2 张');
  await page.getByTestId('report-submit').click();
  await queueEmptied(page);
  await expect(page.getByTestId('task-state')).toHaveText('已反馈');
  await expect(page.getByTestId('actions-none')).toBeVisible();
  await shot(page, 'phone-reported', 'phone: task after the report');

  // The desktop sees each step, by the inspector, in order.
  const trail = await inspectorTrail(request, server, task.id);
  expect(trail.map((step) => [step.command, step.to])).toEqual([
    ['comment', 'dispatched'],
    ['start', 'handling'],
    ['feedback', 'feedback'],
  ]);
  const { task: after, audit, evidence } = await desk(request, server, 'tasks:get', { id: task.id });
  expect(evidence.filter((item) => item.kind === 'photo')).toHaveLength(3);
  expect(after.outcome).toEqual({ kind: 'false_alarm', reason: 'steam', note: '锅炉排气的蒸汽，不是烟。' });
  const checkin = audit.find((entry) => entry.command === 'start');
  expect(JSON.stringify(checkin?.data)).toContain(String(SITE.latitude));
  expect(errors).toEqual([]);
});

test('a task dispatched while the page is open arrives with a badge, without a reload', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await pairPhone(page, request, server);
  const before = await page.getByTestId('phone-task').count();
  await expect(page.getByTestId('new-badge')).toHaveCount(0);
  // Let the phone's WebSocket authenticate before the task is made.
  await page.waitForTimeout(500);

  await createTask(request, server, '西河村桥头有人落水风险');
  const badge = page.getByTestId('new-badge');
  await expect(badge).toHaveText('新任务 1');
  await expect(badge).toHaveAccessibleName('有 1 个新任务，点此查看');
  const row = page.getByTestId('phone-task').filter({ hasText: '西河村桥头有人落水风险' });
  await expect(row).toHaveAttribute('data-new', 'true');
  await expect(page.getByTestId('phone-task')).toHaveCount(before + 1);
  await shot(page, 'phone-new-task', 'phone: a new task with its badge');
  await badge.click();
  await expect(badge).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the page opened without a code, or with a code already used, says what to do', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await page.goto(server.lanUrl ?? '');
  await expect(page.getByTestId('pair-no-code')).toHaveText('没有绑定码。请在中心桌面端生成二维码，用手机扫码打开。');

  const qr = await desk(request, server, 'inspectors:pair', { inspectorId: 'WG-0103' });
  await page.goto(`${server.lanUrl ?? ''}#pair=${qr.code}`);
  await pairWithOpenPage(page, qr.code);
  // The same QR code scanned again (by this phone or another): refused, in the page's words.
  await page.goto(`${server.lanUrl ?? ''}#pair=${qr.code}`);
  await page.getByLabel('设备名称').fill('另一台手机');
  await page.getByTestId('pair-submit').click();
  await expect(page.getByTestId('pair-error')).toHaveText('绑定失败：绑定码已经用过，请让值班员重新生成');
  expect(errors.filter((error) => !/status of 409|Failed to load resource/.test(error))).toEqual([]);
});

/** Chinese characters left once the data (titles, places, names) is taken out. */
function untranslated(text: string, data: string[]): string[] {
  let rest = text;
  for (const value of data) rest = rest.split(value).join(' ');
  return rest.match(/[\u3400-\u9fff，。：（）]+/g) ?? [];
}

test('the language switch changes every label on the phone page', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await createTask(request, server, '西河村路灯不亮');
  await pairPhone(page, request, server);
  const data = [
    '西河村仓库冒白烟',
    '西河村桥头有人落水风险',
    '西河村路灯不亮',
    '西河村仓库后门',
    '村民来电：仓库后面有白烟。',
    '西河村第一网格',
    '李海峰',
    '中文',
  ];

  await page.getByTestId('phone-language').click();
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(untranslated(await page.locator('body').innerText(), data)).toEqual([]);

  await page.getByTestId('phone-task').filter({ hasText: '西河村路灯不亮' }).getByRole('link').click();
  await expect(page.getByTestId('task-state')).toHaveText('Dispatched');
  await page.getByTestId('action-checkin').click();
  await expect(page.getByTestId('checkin-position')).toHaveText(/^Position: /);
  expect(untranslated(await page.locator('body').innerText(), data)).toEqual([]);
  await shot(page, 'phone-task-en', 'phone: a task in English');
  await page.getByTestId('action-return').click();
  await expect(page.getByTestId('return-form')).toContainText('Why (required)');
  expect(untranslated(await page.locator('body').innerText(), data)).toEqual([]);

  // The choice stays on the phone.
  await page.reload();
  await expect(page.getByTestId('task-state')).toHaveText('Dispatched');
  await page.getByTestId('phone-language').click();
  await expect(page.getByTestId('task-state')).toHaveText('已派遣');
  expect(errors).toEqual([]);
});
