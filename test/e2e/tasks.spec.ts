import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { RequestInput } from '../../electron/api/contract';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';
import { callApi, importFixtureGrid } from './support/api';

/**
 * The operator's task board (任务看板) against a real `anxun serve`: the grid imported from the fixtures, three
 * tasks made through the API and 250 routine ones behind them; then the rows and their countdowns, paging and the
 * keyboard, the filters in the URL, the 新建案件 form, one task carried through accept and dispatch, bulk
 * re-assignment with a refusal, pushed changes, and English.
 */

let server: RunningServer;

type Channel = 'grid:import' | 'tasks:create' | 'tasks:transition';

function api<C extends Channel>(request: APIRequestContext, channel: C, input: RequestInput<C>) {
  return callApi(request, server.url, channel, input);
}

const operator = { role: 'operator', id: 'op', name: '值班员' } as const;
const ROUTINE = 250;
/** Untranslated i18next keys show as their dotted path. */
const RAW_KEY = /\b(?:tasks|nav|reports|error|header|app|language)\.[A-Za-z_]+/;

test.beforeAll(async ({ request }) => {
  server = await startServer();
  await importFixtureGrid(request, server.url);

  // Red and waiting in 城关镇 (the soonest deadline); two yellow ones dispatched by the grid.
  await api(request, 'tasks:create', {
    source: 'manual',
    category: 'safety_hazard',
    severity: 'red',
    title: '东门路口电线裸露',
    cellCode: '330199101001-01',
    actor: operator,
  });
  await api(request, 'tasks:create', {
    source: 'patrol',
    category: 'environment',
    severity: 'yellow',
    title: '西河村垃圾堆放',
    cellCode: '330199101202-01',
    actor: operator,
    dispatch: 'grid',
  });
  await api(request, 'tasks:create', {
    source: 'hotline',
    category: 'dispute',
    severity: 'yellow',
    title: '石桥村邻里纠纷',
    cellCode: '330199201201-01',
    actor: operator,
    dispatch: 'grid',
  });
  // Routine blue tasks in 石桥乡: enough for two pages and a list that must stay virtual.
  for (let start = 1; start <= ROUTINE; start += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, offset) =>
        api(request, 'tasks:create', {
          source: 'patrol',
          category: 'other',
          severity: 'blue',
          title: `巡查记录 ${String(start + offset).padStart(3, '0')}`,
          cellCode: '330199201202-01',
          actor: operator,
        }),
      ),
    );
  }
});

test.afterAll(async () => {
  await server.stop();
});

test.beforeEach(async ({ request }) => {
  const reply = await request.post(`${server.url}api/preferences:update`, { data: { language: 'zh-CN' } });
  expect(reply.ok()).toBe(true);
});

attachServerLogOnFailure(() => server);

async function openBoard(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('nav-tasks').click();
  await expect(page).toHaveURL(/#\/tasks$/);
  await expect(page.getByRole('heading', { level: 1, name: '任务看板' })).toBeVisible();
  await expect(page.getByTestId('task-row').first()).toBeVisible();
}

function row(page: Page, title: string): Locator {
  return page.getByTestId('task-row').filter({ hasText: title });
}

test('shows the rows soonest deadline first with live countdowns, pages with load more and moves by keyboard', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await openBoard(page);

  const first = page.getByTestId('task-row').first();
  await expect(first.getByTestId('task-title')).toHaveText('东门路口电线裸露');
  await expect(first.getByTestId('task-place')).toHaveText('城关镇 · 东门社区第一网格');
  await expect(first.getByTestId('task-state')).toHaveText('已上报');
  await expect(first.getByTestId('task-severity')).toHaveText('红');
  const countdown = first.getByTestId('task-countdown');
  await expect(countdown).toHaveText(/^剩余 01:5\d:\d\d$/);
  await expect(countdown).toHaveAttribute('data-tone', 'normal');
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? '', { timeout: 3000 });
  await expect(row(page, '西河村垃圾堆放').getByTestId('task-assignees')).toHaveText('李海峰');
  await expect(row(page, '石桥村邻里纠纷').getByTestId('task-assignees')).toHaveText('刘志强、周小红');

  // Two hundred rows loaded, only those in view in the page.
  const total = ROUTINE + 3;
  await expect(page.getByTestId('task-count')).toHaveText(`共 ${total} 件，已载入 200 件`);
  expect(await page.getByTestId('task-row').count()).toBeLessThan(80);
  await page.getByTestId('task-load-more').click();
  await expect(page.getByTestId('task-count')).toHaveText(`共 ${total} 件，已载入 ${total} 件`);
  await expect(page.getByTestId('task-load-more')).toHaveCount(0);
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(total + 1));

  // Keyboard: ↓ moves, Space selects, End goes to the last row (rendered on demand), Enter opens.
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = page.getByTestId('task-row').nth(1);
  await expect(second).toBeFocused();
  await page.keyboard.press('Space');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('bulk-count')).toHaveText('已选 1 件');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('bulk-count')).toHaveText('已选 0 件');
  await page.keyboard.press('End');
  const last = page.locator(`tr[aria-rowindex="${total + 1}"]`);
  await expect(last).toBeFocused();
  await expect(last.getByTestId('task-title')).toHaveText(`巡查记录 ${ROUTINE}`);
  expect(await page.getByTestId('task-row').count()).toBeLessThan(80);
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/tasks\/[^/?]+$/);
  await expect(page.getByTestId('task-detail-title')).toHaveText(/东门路口电线裸露/);
  await page.getByTestId('task-detail-close').click();
  await expect(page.getByTestId('task-detail')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('filters by township, cell, text and severity, kept in the URL', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openBoard(page);

  await page.getByTestId('task-filter-township').selectOption({ label: '城关镇' });
  await expect(page).toHaveURL(/[?&]township=330199101(&|$)/);
  await expect(page.getByTestId('task-count')).toHaveText('共 2 件，已载入 2 件');
  await expect(page.getByTestId('task-place')).toHaveText([/^城关镇 · /, /^城关镇 · /]);
  await expect(page.getByTestId('task-filter-cell').locator('option')).toHaveText([
    '全部',
    '东门社区第一网格',
    '东门社区第二网格',
    '东门社区第三网格',
    '西河村第一网格',
    '西河村第二网格',
    '南塘村第一网格',
    '南塘村第二网格',
    '南塘村第三网格',
  ]);

  // A bookmark brings the same view back.
  await page.reload();
  await expect(page.getByTestId('task-filter-township')).toHaveValue('330199101');
  await expect(page.getByTestId('task-count')).toHaveText('共 2 件，已载入 2 件');

  await page.getByTestId('task-filter-cell').selectOption({ label: '西河村第一网格' });
  await expect(page.getByTestId('task-title')).toHaveText(['西河村垃圾堆放']);
  await page.getByTestId('task-filter-township').selectOption({ label: '石桥乡' });
  await expect(page.getByTestId('task-filter-cell')).toHaveValue('');
  await expect(page.getByTestId('task-count')).toHaveText(`共 ${ROUTINE + 1} 件，已载入 200 件`);

  await page.getByTestId('task-filter-text').fill('纠纷');
  await expect(page).toHaveURL(/[?&]q=%E7%BA%A0%E7%BA%B7/);
  await expect(page.getByTestId('task-title')).toHaveText(['石桥村邻里纠纷']);
  await page.getByTestId('task-filter-severity-red').check();
  await expect(page.getByTestId('task-empty')).toHaveText('没有符合条件的任务。');

  await page.getByTestId('task-filter-clear').click();
  await expect(page).toHaveURL(/#\/tasks$/);
  await expect(page.getByTestId('task-filter-text')).toHaveValue('');
  await expect(page.getByTestId('task-count')).toHaveText(`共 ${ROUTINE + 3} 件，已载入 200 件`);
  expect(errors).toEqual([]);
});

test('新建案件: field errors at the fields, then a case dispatched to its cell', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openBoard(page);
  await page.getByTestId('task-new').click();
  const dialog = page.getByTestId('create-dialog');
  await expect(dialog.getByRole('heading', { name: '新建案件' })).toBeVisible();
  await expect(dialog.getByTestId('create-title')).toBeFocused();

  await dialog.getByTestId('create-submit').click();
  await expect(dialog.getByTestId('create-error-title')).toHaveText('请填写此项');
  await expect(dialog.getByTestId('create-title')).toHaveAttribute('aria-invalid', 'true');
  // Too long for the contract: its issue shows at the title.
  await dialog.getByTestId('create-title').fill('长'.repeat(201));
  await dialog.getByTestId('create-submit').click();
  await expect(dialog.getByTestId('create-error-title')).toContainText('200');

  await dialog.getByTestId('create-title').fill('南塘村河道漂浮物');
  await dialog.getByTestId('create-source').selectOption('hotline');
  await dialog.getByTestId('create-category').selectOption('environment');
  await dialog.getByTestId('create-severity').selectOption('red');
  await dialog.getByTestId('create-description').fill('群众来电反映河面有大量漂浮垃圾');
  await dialog.getByTestId('create-cellCode').selectOption({ label: '南塘村第一网格' });
  await expect(dialog).toContainText('本网格在岗网格员：张丽娟');
  await dialog.getByTestId('create-place').fill('南塘村石拱桥下');
  await dialog.getByTestId('create-dispatch').check();
  await dialog.getByTestId('create-submit').click();

  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('task-created')).toContainText('南塘村河道漂浮物');
  const created = row(page, '南塘村河道漂浮物');
  await expect(created.getByTestId('task-state')).toHaveText('已派遣');
  await expect(created.getByTestId('task-assignees')).toHaveText('张丽娟');
  await expect(created.getByTestId('task-place')).toHaveText('城关镇 · 南塘村第一网格');
  expect(errors).toEqual([]);
});

test('opens a task, accepts and dispatches it with the buttons, and the audit trail grows', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1680, height: 960 });
  await openBoard(page);
  await row(page, '东门路口电线裸露').getByTestId('task-title').click();
  const detail = page.getByTestId('task-detail');
  await expect(detail.getByTestId('task-detail-title')).toHaveText(/东门路口电线裸露/);
  const audit = detail.getByTestId('task-audit-entry');
  await expect(audit).toHaveCount(1);
  await expect(audit.first()).toContainText('上报');
  await expect(detail.getByTestId('task-evidence-empty')).toBeVisible();
  await expect(detail.getByTestId('task-commands').getByRole('button')).toHaveText(['受理', '挂账', '作废', '备注']);

  await detail.getByTestId('task-command-accept').click();
  await expect(audit).toHaveCount(2);
  await expect(detail.getByTestId('task-detail-state')).toHaveText('已受理');
  await expect(detail.getByTestId('task-command-dispatch')).toBeVisible();

  await detail.getByTestId('task-command-dispatch').click();
  const form = detail.getByTestId('task-command-form');
  await expect(form.getByTestId('inspector-option-WG-0101')).toBeChecked();
  await form.getByTestId('task-command-text').fill('请尽快到场');
  await form.getByTestId('task-command-submit').click();
  await expect(audit).toHaveCount(3);
  await expect(detail.getByTestId('task-detail-state')).toHaveText('已派遣');
  await expect(detail.getByTestId('task-detail-assignees')).toHaveText('陈建国');
  const dispatched = audit.last();
  await expect(dispatched).toHaveAttribute('data-command', 'dispatch');
  await expect(dispatched).toContainText('值班员（值班员）');
  await expect(dispatched).toContainText('已受理 → 已派遣');
  await expect(dispatched).toContainText('处置人：陈建国');
  await expect(dispatched).toContainText('请尽快到场');
  // The list follows through the push.
  await expect(row(page, '东门路口电线裸露').getByTestId('task-state')).toHaveText('已派遣');
  await expect(row(page, '东门路口电线裸露')).toHaveClass(/tasks-table__row--open/);

  await keepScreenshot(page, 'task-board', { title: 'task board with a task open', fullPage: false });
  expect(errors).toEqual([]);
});

test('bulk re-assignment shows each task’s result, refusals translated', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await openBoard(page);
  await row(page, '西河村垃圾堆放').getByTestId('task-select').check();
  await row(page, '石桥村邻里纠纷').getByTestId('task-select').check();
  await row(page, '巡查记录 001').getByTestId('task-select').check();
  await expect(page.getByTestId('bulk-count')).toHaveText('已选 3 件');
  const xiheId = await row(page, '西河村垃圾堆放').getAttribute('data-task-id');
  if (xiheId === null) throw new Error('no task id on the row');

  await page.getByTestId('bulk-open').click();
  const dialog = page.getByTestId('bulk-dialog');
  const results = dialog.getByTestId('bulk-result');
  await expect(results).toHaveCount(3);
  await expect(results.filter({ hasText: '巡查记录 001' })).toContainText('当前状态不能改派');
  // Someone else changes one task meanwhile: its command is refused as stale.
  await api(request, 'tasks:transition', {
    id: xiheId,
    command: { type: 'comment', note: '已电话联系' },
    actor: operator,
  });
  await dialog.getByTestId('inspector-option-WG-0107').check();
  await dialog.getByTestId('bulk-apply').click();
  const shiqiao = results.filter({ hasText: '石桥村邻里纠纷' });
  await expect(shiqiao).toHaveAttribute('data-outcome', 'done');
  await expect(shiqiao).toContainText('已改派');
  const xihe = results.filter({ hasText: '西河村垃圾堆放' });
  await expect(xihe).toHaveAttribute('data-reason', 'STALE');
  await expect(xihe).toContainText('任务刚被其他人更改');
  const routine = results.filter({ hasText: '巡查记录 001' });
  await expect(routine).toHaveAttribute('data-reason', 'STATE_NOT_ALLOWED');
  await expect(routine).toContainText('任务当前的状态不允许这项操作');
  await dialog.getByTestId('bulk-close').click();
  await expect(dialog).toHaveCount(0);

  // Done tasks leave the selection; the stale one is tried again with what the board now shows.
  await expect(page.getByTestId('bulk-count')).toHaveText('已选 2 件');
  await row(page, '巡查记录 001').getByTestId('task-select').uncheck();
  await page.getByTestId('bulk-open').click();
  await dialog.getByTestId('inspector-option-WG-0107').check();
  await dialog.getByTestId('bulk-apply').click();
  await expect(results.first()).toHaveAttribute('data-outcome', 'done');
  await dialog.getByTestId('bulk-close').click();

  await expect(row(page, '西河村垃圾堆放').getByTestId('task-assignees')).toHaveText('黄伟');
  await expect(row(page, '石桥村邻里纠纷').getByTestId('task-assignees')).toHaveText('黄伟');
  // the browser logs the refused (409) request itself; nothing else may show
  expect(errors.filter((error) => !/status of 409 \(Conflict\)/.test(error))).toEqual([]);
});

test('a task created or changed elsewhere shows without reloading', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await openBoard(page);
  const countBefore = await page.getByTestId('task-count').textContent();
  await row(page, '石桥村邻里纠纷').getByTestId('task-title').click();
  const audit = page.getByTestId('task-detail').getByTestId('task-audit-entry');
  await expect(audit.last()).toHaveAttribute('data-command', 'reassign');
  const entries = await audit.count();

  const fire = await api(request, 'tasks:create', {
    source: 'hotline',
    category: 'fire',
    severity: 'red',
    title: '东门社区楼道起火',
    cellCode: '330199101001-02',
    actor: operator,
  });
  await expect(row(page, '东门社区楼道起火')).toBeVisible();
  await expect(row(page, '东门社区楼道起火').getByTestId('task-number')).toHaveText(String(fire.number));
  await expect(page.getByTestId('task-count')).not.toHaveText(countBefore ?? '');

  const id = await page.getByTestId('task-detail').getAttribute('data-task-id');
  if (id === null) throw new Error('no task in the panel');
  await api(request, 'tasks:transition', { id, command: { type: 'comment', note: '网格员已到场' }, actor: operator });
  await expect(audit).toHaveCount(entries + 1);
  await expect(audit.last()).toContainText('网格员已到场');
  expect(errors).toEqual([]);
});

test('switches to English with no untranslated key, and back', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1680, height: 960 });
  await openBoard(page);
  await row(page, '东门路口电线裸露').getByTestId('task-title').click();
  await expect(page.getByTestId('task-audit-entry')).not.toHaveCount(0);

  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Task board' })).toBeVisible();
  await expect(page.getByTestId('nav-tasks')).toHaveText('Task board');
  await expect(page.getByTestId('task-row').first().getByTestId('task-countdown')).toHaveText(/ (left|overdue)$/);
  await expect(page.getByTestId('task-detail').getByTestId('task-command-verify')).toHaveCount(0);
  await expect(page.getByTestId('task-detail')).toContainText('History');
  expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);

  await page.getByTestId('task-new').click();
  await expect(page.getByTestId('create-dialog').getByRole('heading', { name: 'New case' })).toBeVisible();
  expect(await page.getByTestId('create-dialog').innerText()).not.toMatch(RAW_KEY);
  await keepScreenshot(page, 'task-board-en', { title: 'task board in English, new case form', fullPage: false });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('create-dialog')).toHaveCount(0);

  await page.getByTestId('lang-switch').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '任务看板' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
  expect(errors).toEqual([]);
});
