/**
 * The technician page's training-data export in Debian's Chromium against `anxun serve --demo`: a range that ends
 * before it starts is refused before anything is sent; an export of the last 30 days answers with the folder under
 * the data folder's exports/ and the summary table (nothing reviewed yet on a fresh data folder: no images); the
 * labels in English.
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

test('export button: range check, folder and summary, in Chinese and in English', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/technician`);
  const panel = page.getByTestId('dataset-export');
  await expect(panel.getByRole('heading', { name: '导出训练数据' })).toBeVisible();

  // the end before the start: refused on the page, the button disabled
  const since = await panel.getByTestId('dataset-since').inputValue();
  await panel.getByTestId('dataset-until').fill('2020-01-01');
  await expect(panel.getByTestId('dataset-range-problem')).toHaveText('结束日期不能早于开始日期。');
  await expect(panel.getByTestId('dataset-run')).toBeDisabled();

  // the last 30 days: a new folder under exports/, and what is in it
  const today = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  await panel
    .getByTestId('dataset-until')
    .fill(`${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`);
  expect(since < (await panel.getByTestId('dataset-until').inputValue())).toBe(true);
  await panel.getByTestId('dataset-run').click();
  await expect(panel.getByTestId('dataset-folder')).toContainText(/[\\/]exports[\\/]dataset-\d{8}-\d{6}$/);
  await expect(panel.getByTestId('dataset-images')).toHaveText('共 0 张（本次写入 0 张）');
  await expect(panel.getByTestId('dataset-positives')).toHaveText('明火 0、烟雾 0、人员 0');
  await expect(panel.getByTestId('dataset-negatives')).toHaveText('无');
  await keepScreenshot(page, 'dataset-zh');

  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(panel.getByRole('heading', { name: 'Export training data' })).toBeVisible();
  await expect(panel.getByTestId('dataset-images')).toHaveText('0 in all (0 written now)');
  await expect(panel.getByRole('button', { name: 'Export' })).toBeEnabled();
  await expect(page.locator('main')).not.toContainText('dataset.');
  await keepScreenshot(page, 'dataset-en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');

  expect(errors).toEqual([]);
});
