import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { ffmpegVersionOf, installedOnnxRuntimeVersion } from './support/expected-versions';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure } from './support/report';

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server.stop();
});

test.beforeEach(async ({ request }) => {
  // Every test starts from the default language, whatever an earlier test chose.
  const reply = await request.post(`${server.url}api/preferences:update`, { data: { language: 'zh-CN' } });
  expect(reply.ok()).toBe(true);
});

attachServerLogOnFailure(() => server);

async function openStatusScreen(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('nav-system').click();
  await expect(page).toHaveURL(/#\/system$/);
}

test('status screen shows the real versions in Chinese, switches to English and keeps it', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openStatusScreen(page);

  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '系统状态' })).toBeVisible();
  await expect(page.getByText('数据目录', { exact: true })).toBeVisible();
  await expect(page.getByTestId('status-shell')).toContainText('HTTP');
  await expect(page.getByTestId('status-electron-version')).toHaveText('—');

  const ffmpegPath = page.getByTestId('status-ffmpeg-path');
  await expect(ffmpegPath).not.toHaveText('—');
  const expectedFfmpeg = ffmpegVersionOf((await ffmpegPath.innerText()).trim());
  await expect(page.getByTestId('status-ffmpeg-version')).toHaveText(expectedFfmpeg);
  await expect(page.getByTestId('status-onnxruntime-version')).toHaveText(installedOnnxRuntimeVersion());
  await expect(page.getByTestId('status-sqlite-version')).toHaveText(/^3\.\d+\.\d+$/);
  await expect(page.getByTestId('status-data-dir')).toHaveText(server.dataDir);
  await expect(page.getByTestId('log-entry').filter({ hasText: 'engine started' })).toHaveCount(1);
  const fireModel = page.locator('[data-model-id="fire_smoke_baseline_yolox_nano_416"]');
  await expect(fireModel).toHaveAttribute('data-status', 'available');
  await expect(fireModel).toContainText('可用');

  const uptime = page.getByTestId('status-uptime');
  const firstUptime = await uptime.innerText();
  await expect(uptime).not.toHaveText(firstUptime);

  const saved = page.waitForResponse((response) => response.url().endsWith('/api/preferences:update'));
  await page.getByTestId('lang-switch').selectOption('en');
  expect((await saved).ok()).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'System status' })).toBeVisible();
  await expect(page.getByText('Data folder', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'System status' })).toBeVisible();
  await expect(page.getByTestId('lang-switch')).toHaveValue('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  expect(errors).toEqual([]);
});

test('a language chosen in one window reaches another through the push', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const errors = [...collectPageErrors(first), ...collectPageErrors(second)];
  await openStatusScreen(first);
  await openStatusScreen(second);
  await expect(second.getByTestId('link-state')).toHaveAttribute('data-state', 'open');

  await first.getByTestId('lang-switch').selectOption('en');
  await expect(second.getByRole('heading', { level: 1, name: 'System status' })).toBeVisible();
  await expect(second.getByTestId('lang-switch')).toHaveValue('en');
  expect(errors).toEqual([]);
});

test('live log lines appear at the top and the push link comes back after it drops', async ({ page }) => {
  const errors = collectPageErrors(page);
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\/ws$/, (socket) => {
    socket.connectToServer();
    sockets.push(socket);
  });
  await openStatusScreen(page);
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('log-entry').first()).toBeVisible();

  const line = { time: new Date().toISOString(), level: 'warn', msg: 'live line from the test', module: 'e2e' };
  sockets[0]?.send(JSON.stringify({ type: 'log:written', payload: line }));
  await expect(page.getByTestId('log-entry').first()).toContainText('live line from the test');

  const reloaded = page.waitForRequest((request) => request.url().endsWith('/api/system:status'));
  await sockets[0]?.close();
  await expect.poll(() => sockets.length).toBeGreaterThan(1);
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-state', 'open');
  await reloaded;
  expect(errors).toEqual([]);
});

test('an API error shows its code and message', async ({ page }) => {
  await page.route('**/api/system:status', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'UNAVAILABLE', message: 'the engine is not running' } }),
    }),
  );
  await openStatusScreen(page);
  const notice = page.getByTestId('status-error');
  await expect(notice).toBeVisible();
  await expect(notice.getByTestId('error-code')).toHaveText('UNAVAILABLE');
  await expect(notice.getByTestId('error-message')).toHaveText('the engine is not running');

  await page.unroute('**/api/system:status');
  await page.getByTestId('status-refresh').click();
  await expect(notice).toBeHidden();
  await expect(page.getByTestId('status-sqlite-version')).toHaveText(/^3\.\d+\.\d+$/);
});
