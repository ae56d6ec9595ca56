import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { RequestInput } from '../../electron/api/contract';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure } from './support/report';
import { callApi, importFixtureGrid } from './support/api';

/**
 * The operator's reports screen against a real `anxun serve`: the grid imported from the fixtures, three tasks
 * made through the API (one carried through to closed), then the figures, the scope, English, the CSV export and
 * the print stylesheet.
 */

let server: RunningServer;

type Channel = 'grid:import' | 'tasks:create' | 'tasks:transition';

function api<C extends Channel>(request: APIRequestContext, channel: C, input: RequestInput<C>) {
  return callApi(request, server.url, channel, input);
}

const operator = { role: 'operator', id: 'op', name: '值班员' } as const;

test.beforeAll(async ({ request }) => {
  server = await startServer();
  await importFixtureGrid(request, server.url);

  // Closed: dispatched to the cell's inspector, handled, verified and closed.
  const closed = await api(request, 'tasks:create', {
    source: 'patrol',
    category: 'environment',
    severity: 'yellow',
    title: '东门路口垃圾堆放',
    cellCode: '330199101001-01',
    actor: operator,
    dispatch: 'grid',
  });
  const inspectorId = closed.assignees[0];
  if (inspectorId === undefined) throw new Error('the grid dispatched the task to nobody');
  const inspector = { role: 'inspector', id: inspectorId, name: 'x' } as const;
  await api(request, 'tasks:transition', { id: closed.id, command: { type: 'start' }, actor: inspector });
  await api(request, 'tasks:transition', {
    id: closed.id,
    command: { type: 'feedback', outcome: 'handled', note: '已清理' },
    actor: inspector,
  });
  await api(request, 'tasks:transition', { id: closed.id, command: { type: 'verify' }, actor: operator });
  const done = await api(request, 'tasks:transition', { id: closed.id, command: { type: 'close' }, actor: operator });
  expect(done.task.state).toBe('closed');

  // Dispatched and waiting in 城关镇; reported and waiting in 石桥乡.
  await api(request, 'tasks:create', {
    source: 'hotline',
    category: 'dispute',
    severity: 'blue',
    title: '西河村邻里纠纷',
    cellCode: '330199101202-01',
    actor: operator,
    dispatch: 'grid',
  });
  await api(request, 'tasks:create', {
    source: 'manual',
    category: 'safety_hazard',
    severity: 'red',
    title: '石桥村电线裸露',
    cellCode: '330199201201-01',
    actor: operator,
  });
});

test.afterAll(async () => {
  await server.stop();
});

test.beforeEach(async ({ request }) => {
  const reply = await request.post(`${server.url}api/preferences:update`, { data: { language: 'zh-CN' } });
  expect(reply.ok()).toBe(true);
});

attachServerLogOnFailure(() => server);

async function openReports(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('nav-reports').click();
  await expect(page).toHaveURL(/#\/reports$/);
  await expect(page.getByRole('heading', { level: 1, name: '统计报表' })).toBeVisible();
  await expect(page.getByTestId('report')).toBeVisible();
}

test('shows this month’s figures, narrows to a township, and says when a period has no tasks', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openReports(page);

  await expect(page.getByLabel('报表类型')).toHaveValue('month');
  await expect(page.getByTestId('report-title')).toContainText('巡查任务月报');
  await expect(page.getByTestId('report-scope')).toHaveText('全部');
  await expect(page.getByTestId('figure-total')).toHaveText('3');
  await expect(page.getByTestId('figure-closed')).toHaveText('1');
  await expect(page.getByTestId('figure-closure-rate')).toHaveText('33.3%');
  await expect(page.getByTestId('figure-on-time-rate')).toHaveText('100.0%');

  const byState = page.getByTestId('count-state');
  await expect(byState.locator('tr[data-code="closed"] td')).toHaveText('1');
  await expect(byState.locator('tr[data-code="dispatched"] th')).toHaveText('已派遣');
  await expect(page.getByTestId('count-severity').locator('tr[data-code="red"] td')).toHaveText('1');

  const townships = page.getByTestId('table-township');
  await expect(townships.getByRole('row', { name: /城关镇/ }).getByTestId('row-total')).toHaveText('2');
  await expect(townships.getByRole('row', { name: /石桥乡/ }).getByTestId('row-total')).toHaveText('1');
  await expect(page.getByTestId('table-cell').getByRole('rowheader', { name: '东门社区第一网格' })).toBeVisible();
  await expect(page.getByTestId('table-inspector').getByTestId('row-closed').first()).toBeVisible();
  await expect(page.getByTestId('report-no-overdue')).toBeVisible();

  // The scope: one township; its cells only in the cell picker.
  await page.getByLabel('乡镇', { exact: true }).selectOption({ label: '石桥乡' });
  await expect(page.getByTestId('report-scope')).toHaveText('乡镇：石桥乡');
  await expect(page.getByTestId('figure-total')).toHaveText('1');
  await expect(page.getByTestId('figure-closure-rate')).toHaveText('0.0%');
  await expect(page.getByTestId('figure-on-time-rate')).toHaveText('—');
  await expect(page.getByLabel('网格', { exact: true }).locator('option')).toHaveText([
    '全部',
    '石桥村第一网格',
    '石桥村第二网格',
    '上坞村第一网格',
    '上坞村第二网格',
  ]);
  await page.getByLabel('乡镇', { exact: true }).selectOption('');
  await expect(page.getByTestId('figure-total')).toHaveText('3');

  // A day long ago: the empty state.
  await page.getByLabel('报表类型').selectOption('day');
  await page.getByLabel('日期').fill('2020-01-15');
  await expect(page.getByTestId('report-title')).toHaveText('巡查任务日报：2020年1月15日');
  await expect(page.getByTestId('report-empty')).toHaveText('本统计周期内没有任务。');
  expect(errors).toEqual([]);
});

test('switches to English and back', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openReports(page);
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByTestId('nav-reports')).toHaveText('Reports');
  await expect(page.getByTestId('report-title')).toContainText('Monthly patrol task report');
  await expect(page.getByTestId('report-overall').getByText('Closure rate', { exact: true })).toBeVisible();
  await expect(page.getByTestId('figure-closure-rate')).toHaveText('33.3%');
  await expect(page.getByTestId('count-state').locator('tr[data-code="closed"] th')).toHaveText('Closed');
  await expect(page.getByTestId('report-export')).toHaveText('Export CSV');

  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '统计报表' })).toBeVisible();
  await expect(page.getByTestId('report-export')).toHaveText('导出 CSV');
  expect(errors).toEqual([]);
});

test('导出 CSV downloads the report with a BOM and Chinese headers', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openReports(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^tasks-month-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text).toContain('任务数');
  expect(text).toContain('结案率');
  expect(text).toContain('城关镇');
  await expect(page.getByTestId('report-export')).toHaveText('导出 CSV');
  expect(errors).toEqual([]);
});

test('prints the report alone: the print stylesheet hides the shell and the controls', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openReports(page);
  // The real dialog would block the page: note the call instead (a string, as this file has no DOM types).
  await page.evaluate("window.print = () => document.body.setAttribute('data-printed', 'yes')");
  await page.getByTestId('report-print').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');

  await expect(page.getByTestId('nav-reports')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation')).toBeHidden();
  await expect(page.getByTestId('app-name')).toBeHidden();
  await expect(page.getByTestId('report-controls')).toBeHidden();
  await expect(page.getByTestId('report-export')).toBeHidden();
  await expect(page.getByTestId('report-print')).toBeHidden();
  await expect(page.getByTestId('report-title')).toBeVisible();
  await expect(page.getByTestId('report-generated')).toBeVisible();
  await expect(page.getByTestId('table-township')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('navigation')).toBeVisible();
  expect(errors).toEqual([]);
});
