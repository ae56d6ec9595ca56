/**
 * The inspectors' phones screen (#/inspectors) in Debian's Chromium against `anxun serve --lan`: pairing shows a
 * QR code and the code with its countdown; a phone paired with that code over HTTPS (trusting the CA served at
 * /ca.crt) appears under the inspector; revoking asks first, then the phone's token is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { lanClient } from '../integration/inspector-lan-client';
import { collectPageErrors } from './support/page-errors';
import { REPO_ROOT, startServer, type RunningServer } from './support/server';

let server: RunningServer;
let lanUrl: string;

async function shoot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

test.beforeAll(async () => {
  server = await startServer({ args: ['--lan', '--lan-host', '127.0.0.1', '--lan-port', '0'] });
  const files = ['grid.csv', 'inspectors.csv'].map((name) => ({
    name,
    contentBase64: readFileSync(join(REPO_ROOT, 'fixtures/grid', name)).toString('base64'),
  }));
  const imported = await fetch(`${server.url}api/grid:import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ files, mode: 'replace' }),
  });
  expect(imported.status).toBe(200);
  const list = (await (
    await fetch(`${server.url}api/inspectors:list`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    })
  ).json()) as {
    data: { lan: { url: string } };
  };
  lanUrl = list.data.lan.url;
  expect(lanUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/phone\/$/);
});

test.afterAll(async () => {
  await server.stop();
});

test.afterEach(async () => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server stderr', { body: server.stderr(), contentType: 'text/plain' });
  }
});

test('pair shows a QR code and the code; the paired phone is listed and revoked after a confirmation', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/inspectors`);
  await expect(page.getByRole('heading', { name: '网格员手机', level: 1 })).toBeVisible();
  await expect(page.getByTestId('inspectors-lan')).toContainText(lanUrl);
  const chen = page.locator('[data-testid="inspector-row"][data-inspector="WG-0101"]');
  await expect(chen).toContainText('陈建国');
  await expect(chen.getByTestId('inspector-devices')).toHaveText('0');

  await page.getByRole('button', { name: '为 陈建国 绑定手机' }).click();
  const dialog = page.getByTestId('pair-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('img', { name: '绑定二维码' })).toBeVisible();
  await expect(dialog.getByTestId('pair-expiry')).toContainText(/绑定码 (10:00|9:5\d) 后失效/);
  const code = ((await dialog.getByTestId('pair-code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^\d{10}$/);
  await shoot(page, 'inspectors-pair-zh');

  // a phone uses the code over HTTPS, trusting the CA the desktop serves at /ca.crt
  const ca = await (await fetch(`${server.url}ca.crt`)).text();
  expect(ca).toContain('BEGIN CERTIFICATE');
  const phone = lanClient(lanUrl, ca);
  const paired = (await phone('/api/pair', { json: { code, deviceName: 'Redmi Note 12' } })).json();
  expect(paired.ok).toBe(true);
  const token = (paired.data as { token: string }).token;

  await dialog.getByTestId('pair-close').click();
  await expect(dialog).toBeHidden();
  await expect(chen.getByTestId('inspector-devices')).toHaveText('1');
  await chen.getByTestId('inspector-show-devices').click();
  const devices = page.getByTestId('devices-WG-0101');
  await expect(devices.getByTestId('device-row')).toContainText('Redmi Note 12');
  await shoot(page, 'inspectors-devices-zh');

  await devices.getByRole('button', { name: '注销 陈建国 的手机 Redmi Note 12' }).click();
  const confirm = page.getByTestId('revoke-dialog');
  await expect(confirm).toContainText('Redmi Note 12');
  await shoot(page, 'inspectors-revoke-confirm-zh');
  await confirm.getByTestId('revoke-confirm').click();
  await expect(devices.getByTestId('device-row')).toHaveAttribute('data-revoked', 'true');
  await expect(devices.getByTestId('device-row')).toContainText('已于');
  await expect(chen.getByTestId('inspector-devices')).toHaveText('0');
  const refused = await phone('/api/me:get', { token, json: {} });
  expect(refused.status).toBe(401);
  expect(refused.json().error?.reason).toBe('TOKEN_REVOKED');

  await expect(page.getByTestId('inspectors-ca-fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  await shoot(page, 'inspectors-revoked-zh');
  expect(errors).toEqual([]);
});

test('the screen in English, keyboard reachable', async ({ page }) => {
  await page.goto(`${server.url}#/inspectors`);
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: "Inspectors' phones", level: 1 })).toBeVisible();
  const pair = page.getByRole('button', { name: 'Pair a phone for 陈建国' });
  await pair.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pair-dialog')).toContainText('The code expires in');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pair-dialog')).toBeHidden();
  await expect(page.locator('main')).not.toContainText('inspectors.');
  await shoot(page, 'inspectors-en');
});
