/**
 * The grid screen (网格与网格员) in Debian's Chromium against `anxun serve`: files with bad rows are refused with
 * every problem listed by file, line and column and nothing written; the real grid and inspectors files import,
 * the overview shows who covers each cell; "replace" asks first; the English switch changes the labels.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectPageErrors } from './support/page-errors';
import { REPO_ROOT, startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';

let server: RunningServer;
const fixture = (name: string) => join(REPO_ROOT, 'fixtures/grid', name);

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server.stop();
});

attachServerLogOnFailure(() => server);

test('import refused with its problems, then imported, overview, replace confirmation, English', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/grid`);
  await expect(page.getByRole('heading', { name: '网格与网格员', level: 1 })).toBeVisible();
  await expect(page.getByTestId('nav-grid')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('grid-empty')).toBeVisible();

  // bad rows: every problem with its file and line, and nothing written
  const files = page.getByLabel('选择文件');
  await files.setInputFiles([fixture('grid-bad-rows.csv'), fixture('inspectors-bad-rows.csv')]);
  await page.getByRole('button', { name: '导入 2 个文件' }).click();
  const problems = page.getByTestId('grid-problem');
  await expect(page.getByTestId('grid-import-problems')).toContainText('未写入任何内容');
  expect(await problems.count()).toBeGreaterThanOrEqual(4);
  await expect(page.locator('[data-testid="grid-problem"][data-line="4"]').first()).toContainText('grid-bad-rows.csv');
  await expect(page.locator('[data-testid="grid-problem"][data-code="BAD_VALUE"]').first()).toContainText('取值不合规');
  await expect(page.getByTestId('grid-empty')).toBeVisible();
  await keepScreenshot(page, 'grid-problems-zh');

  // the real files, merged
  await files.setInputFiles([fixture('grid.csv'), fixture('inspectors.csv')]);
  await page.getByRole('button', { name: '导入 2 个文件' }).click();
  await expect(page.getByTestId('grid-import-done')).toContainText('已合并导入');
  const unitsAdded = page.getByTestId('grid-import-counts-units').locator('[data-kind="added"]');
  expect(Number(await unitsAdded.textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('grid-import-counts-inspectors').locator('[data-kind="added"]')).toHaveText('8');
  const cell = page.locator('[data-testid="grid-cell-row"][data-cell="330199101001-01"]');
  await expect(cell).toContainText('东门社区第一网格');
  await expect(cell).toContainText('陈建国');
  await expect(page.getByTestId('grid-summary')).toContainText('在岗网格员 7 名，不在岗 1 名');
  await keepScreenshot(page, 'grid-imported-zh');

  // replace asks first; cancelling changes nothing
  await files.setInputFiles([fixture('grid.csv')]);
  await page.getByTestId('grid-import-mode-replace').check();
  await page.getByRole('button', { name: '导入 1 个文件' }).click();
  const dialog = page.getByRole('dialog', { name: '以文件替换现有网格？' });
  await expect(dialog).toBeVisible();
  await keepScreenshot(page, 'grid-replace-confirm-zh');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('grid-import-done')).toBeHidden();

  // in English
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Grid and inspectors', level: 1 })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Inspectors on duty' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export CSV (English headers)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import 1 file' })).toBeVisible();
  await expect(page.locator('main')).not.toContainText('grid.');
  await keepScreenshot(page, 'grid-en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');

  expect(errors).toEqual([]);
});
