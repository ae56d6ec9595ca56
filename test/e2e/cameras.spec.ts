import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { CameraViewSchema, type CameraView } from '../../electron/api/contract';
import { canServeRtsp, startRtspServer } from '../support/rtsp-server';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';
import { attachServerLogOnFailure, keepScreenshot } from './support/report';

/**
 * The technician's cameras screen against a real `anxun serve`. No camera here really streams: the URLs point
 * at a closed port (streaming itself is covered by the integration tests), which is also what "test connection"
 * must report as unreachable.
 */

const PASSWORD = 'Zq7-e2e-Secr3t!pw';
const UNREACHABLE_URL = 'rtsp://127.0.0.1:9/x';

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server.stop();
});

test.beforeEach(async ({ request }) => {
  const reply = await request.post(`${server.url}api/preferences:update`, { data: { language: 'zh-CN' } });
  expect(reply.ok()).toBe(true);
});

attachServerLogOnFailure(() => server);

/** Page errors other than the browser's own line for an HTTP error answer, which some tests cause on purpose. */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

async function api<T>(request: APIRequestContext, channel: string, input: unknown): Promise<T> {
  const reply = await request.post(`${server.url}api/${channel}`, { data: input });
  const body = (await reply.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`);
  return body.data as T;
}

async function addCamera(request: APIRequestContext, id: string, extra: Record<string, unknown> = {}) {
  return api<CameraView>(request, 'cameras:create', {
    id,
    name: `摄像头 ${id}`,
    gridCell: 'dc-07',
    detectUrl: `rtsp://127.0.0.1:9/${id}`,
    enabled: false,
    ...extra,
  });
}

async function listCameras(request: APIRequestContext): Promise<CameraView[]> {
  return (await api<{ cameras: CameraView[] }>(request, 'cameras:list', {})).cameras;
}

async function openCameras(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('nav-cameras').click();
  await expect(page).toHaveURL(/#\/cameras$/);
  await expect(page.getByRole('heading', { level: 1, name: '摄像头' })).toBeVisible();
}

function row(page: Page, id: string): Locator {
  return page.locator(`[data-testid="camera-row"][data-camera-id="${id}"]`);
}

test('lists a saved camera with its masked URL, source, state and counters', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await addCamera(request, 'listed', { username: 'admin', password: PASSWORD, enabled: true });
  await openCameras(page);

  const listed = row(page, 'listed');
  await expect(listed.getByTestId('camera-name')).toHaveText('摄像头 listed');
  await expect(listed.getByTestId('camera-id')).toHaveText('listed');
  await expect(listed.getByTestId('camera-grid-cell')).toHaveText('dc-07');
  await expect(listed.getByTestId('camera-source')).toHaveText('已保存');
  await expect(listed.getByTestId('camera-url')).toHaveText('rtsp://admin:***@127.0.0.1:9/listed');
  await expect(listed.getByTestId('camera-password-set')).toHaveText('已设置密码');
  // Enabled, pointed at a closed port: it tries, fails and tries again.
  await expect(listed).toHaveAttribute('data-state', /^(connecting|offline)$/);
  await expect(listed.getByTestId('camera-state')).toHaveText(/^(正在连接|离线)$/);
  await expect(listed.getByTestId('camera-grade')).toBeVisible();
  await expect(listed.getByTestId('camera-edit')).toBeVisible();
  await expect(listed.getByTestId('camera-delete')).toBeVisible();

  // Polled: the list is read again every couple of seconds.
  const polled = await page.waitForResponse((r) => r.url().endsWith('/api/cameras:list'), { timeout: 5_000 });
  expect(polled.ok()).toBe(true);
  expect(await page.content()).not.toContain(PASSWORD);
  expect(unexpected(errors)).toEqual([]);
});

test('adds a camera through the form; the password shows nowhere, a duplicate id is a conflict', async ({
  page,
  request,
}) => {
  const errors = collectPageErrors(page);
  await openCameras(page);
  await page.getByTestId('camera-add').click();
  const form = page.getByTestId('camera-form');
  await expect(form.getByLabel('名称')).toBeFocused();

  await form.getByLabel('编号（可选）').fill('form-cam');
  await form.getByLabel('名称').fill('东门路口');
  await form.getByLabel('网格编号').fill('dc-01');
  await form.getByLabel('检测流地址').fill('rtsp://127.0.0.1:9/Streaming/Channels/102');
  await form.getByLabel('用户名').fill('admin');
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await expect(form.getByLabel('检测帧率（帧/秒）')).toHaveValue('2');
  await expect(form.getByLabel('检测画面宽度（像素）')).toHaveValue('640');
  await expect(form.getByLabel('检测画面高度（像素）')).toHaveValue('360');
  await form.getByLabel('启用（取流并检测）').uncheck();

  const created = page.waitForResponse((r) => r.url().endsWith('/api/cameras:create'));
  // A list read after the camera exists (the screen reads the list again at once when it is saved).
  const relisted = page.waitForResponse(
    async (r) => r.url().endsWith('/api/cameras:list') && (await r.text()).includes('form-cam'),
  );
  await form.getByRole('button', { name: '保存' }).click();
  const createReply = await created;
  expect(createReply.ok()).toBe(true);
  expect(await createReply.text()).not.toContain(PASSWORD);
  await expect(form).toBeHidden();

  const added = row(page, 'form-cam');
  await expect(added.getByTestId('camera-name')).toHaveText('东门路口');
  await expect(added.getByTestId('camera-url')).toHaveText('rtsp://admin:***@127.0.0.1:9/Streaming/Channels/102');
  await expect(added.getByTestId('camera-password-set')).toHaveText('已设置密码');
  await expect(added.getByTestId('camera-state')).toHaveText('已停用');
  await expect(page.getByTestId('camera-add')).toBeFocused();

  const listReply = await relisted;
  expect(await listReply.text()).not.toContain(PASSWORD);
  expect(await page.content()).not.toContain(PASSWORD);
  const stored = (await listCameras(request)).find((c) => c.id === 'form-cam');
  expect(stored).toMatchObject({
    name: '东门路口',
    gridCell: 'dc-01',
    username: 'admin',
    hasPassword: true,
    enabled: false,
    detect: { fps: 2, width: 640, height: 360 },
  });
  expect(JSON.stringify(await listCameras(request))).not.toContain(PASSWORD);

  // The same id again: the engine refuses it as a conflict, and the form says so.
  await page.getByTestId('camera-add').click();
  await form.getByLabel('编号（可选）').fill('form-cam');
  await form.getByLabel('名称').fill('重复');
  await form.getByLabel('网格编号').fill('dc-01');
  await form.getByLabel('检测流地址').fill(UNREACHABLE_URL);
  await form.getByRole('button', { name: '保存' }).click();
  const conflict = page.getByTestId('camera-form-error');
  await expect(conflict.getByTestId('error-code')).toHaveText('CONFLICT');
  await expect(conflict).toContainText('编号已被使用');
  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toBeHidden();
  expect(unexpected(errors)).toEqual([]);
});

test('a URL that is not RTSP is reported next to its field, and nothing is saved', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await openCameras(page);
  await page.getByTestId('camera-add').click();
  const form = page.getByTestId('camera-form');
  await form.getByLabel('编号（可选）').fill('bad-url');
  await form.getByLabel('名称').fill('坏地址');
  await form.getByLabel('网格编号').fill('dc-02');
  await form.getByLabel('检测流地址').fill('http://x');
  await form.getByLabel('检测帧率（帧/秒）').fill('fast');
  await form.getByRole('button', { name: '保存' }).click();

  // Checked in the form first: a frame rate must be a number.
  await expect(form.getByTestId('field-error-detect.fps')).toHaveText('请填写数字');
  await expect(form.getByLabel('检测帧率（帧/秒）')).toBeFocused();
  await form.getByLabel('检测帧率（帧/秒）').fill('2');

  const refused = page.waitForResponse((r) => r.url().endsWith('/api/cameras:create'));
  await form.getByRole('button', { name: '保存' }).click();
  expect((await refused).status()).toBe(400);
  const fieldError = form.getByTestId('field-error-detectUrl');
  await expect(fieldError).toContainText('rtsp://');
  await expect(form.getByLabel('检测流地址')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('检测流地址')).toBeFocused();
  await expect(page.getByTestId('camera-form-error').getByTestId('error-code')).toHaveText('INVALID_REQUEST');
  expect((await listCameras(request)).some((c) => c.id === 'bad-url')).toBe(false);
  expect(unexpected(errors)).toEqual([]);
});

test('test connection on an unreachable camera says so, from the form and from the row', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await addCamera(request, 'far-away', { username: 'admin', password: PASSWORD });
  await openCameras(page);

  await page.getByTestId('camera-add').click();
  const form = page.getByTestId('camera-form');
  await form.getByLabel('检测流地址').fill(UNREACHABLE_URL);
  await form.getByLabel('用户名').fill('admin');
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: '测试连接' }).click();
  const formResult = form.getByTestId('camera-form-test-result');
  await expect(formResult).toHaveAttribute('data-outcome', 'error', { timeout: 15_000 });
  await expect(formResult).toHaveAttribute('data-code', 'UNREACHABLE');
  await expect(formResult.getByTestId('test-sentence')).toHaveText(
    '连接不到摄像头：请检查 IP 地址、端口和网络是否畅通。',
  );
  await expect(formResult).toContainText(/连接失败（用时 \d+ 毫秒）/);
  await form.getByRole('button', { name: '取消' }).click();

  const tested = page.waitForRequest((r) => r.url().endsWith('/api/cameras:test'));
  await row(page, 'far-away').getByRole('button', { name: '测试连接：摄像头 far-away' }).click();
  expect((await tested).postDataJSON()).toEqual({ cameraId: 'far-away', timeoutS: 5 });
  const rowResult = page.locator('[data-testid="camera-test-row"][data-camera-id="far-away"]');
  await expect(rowResult.getByTestId('camera-test-result')).toHaveAttribute('data-code', 'UNREACHABLE', {
    timeout: 15_000,
  });
  await expect(rowResult.getByTestId('test-code')).toHaveText('UNREACHABLE');
  expect(await page.content()).not.toContain(PASSWORD);
  expect(unexpected(errors)).toEqual([]);
});

test('test connection to a real camera shows its first frame, and a saved one its live picture', async ({
  page,
  request,
}) => {
  test.skip(!canServeRtsp(), 'no GStreamer RTSP server here');
  test.setTimeout(60_000);
  const errors = collectPageErrors(page);
  const camera = await startRtspServer({ clip: 'corridor_walk_intel.mp4', user: 'admin', password: PASSWORD });
  try {
    await openCameras(page);
    await page.getByTestId('camera-add').click();
    const form = page.getByTestId('camera-form');
    await form.getByLabel('检测流地址').fill(camera.url());
    await form.getByLabel('用户名').fill('admin');
    await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: '测试连接' }).click();
    const formResult = form.getByTestId('camera-form-test-result');
    await expect(formResult).toHaveAttribute('data-outcome', 'ok', { timeout: 15_000 });
    await expect(formResult).toContainText('480×270');
    const preview = formResult.getByRole('img', { name: '摄像头送出的第一帧画面' });
    await expect(preview).toBeVisible();
    expect(await preview.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(480);
    await form.getByRole('button', { name: '取消' }).click();

    await addCamera(request, 'corridor', {
      username: 'admin',
      password: PASSWORD,
      enabled: true,
      detectUrl: camera.url(),
    });
    await page.reload();
    await row(page, 'corridor').getByRole('button', { name: '测试连接：摄像头 corridor' }).click();
    const rowResult = page.locator('[data-testid="camera-test-row"][data-camera-id="corridor"]');
    await expect(rowResult.getByTestId('camera-test-result')).toHaveAttribute('data-outcome', 'ok', {
      timeout: 15_000,
    });
    const live = rowResult.getByRole('img', { name: '摄像头 corridor 的实时画面' });
    await expect(live).toBeVisible();
    await expect
      .poll(() => live.evaluate((img: { naturalWidth: number }) => img.naturalWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await keepScreenshot(page, 'cameras-test-preview');
    expect(await page.content()).not.toContain(PASSWORD);
    await api(request, 'cameras:delete', { id: 'corridor' });
  } finally {
    await camera.stop();
  }
  expect(unexpected(errors)).toEqual([]);
});

test('editing keeps the password when the field is left empty; the check box clears it', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await addCamera(request, 'edit-me', {
    username: 'admin',
    password: PASSWORD,
    recordUrl: 'rtsp://127.0.0.1:9/main',
    position: { lat: 30.5, lon: 114.25 },
  });
  await openCameras(page);

  await row(page, 'edit-me').getByTestId('camera-edit').click();
  const form = page.getByTestId('camera-form');
  await expect(page.getByRole('heading', { name: '编辑摄像头：摄像头 edit-me（edit-me）' })).toBeVisible();
  await expect(form.getByLabel('检测流地址')).toHaveValue('rtsp://127.0.0.1:9/edit-me');
  await expect(form.getByLabel('录像流地址（可选）')).toHaveValue('rtsp://127.0.0.1:9/main');
  await expect(form.getByLabel('用户名')).toHaveValue('admin');
  await expect(form.getByLabel('纬度')).toHaveValue('30.5');
  const password = form.getByLabel('密码', { exact: true });
  await expect(password).toHaveValue('');
  await expect(password).toHaveAttribute('type', 'password');
  await expect(form.getByText('留空则保持原密码')).toBeVisible();
  await expect(form.getByLabel('编号（可选）')).toHaveCount(0);

  await form.getByLabel('名称').fill('改过的名字');
  const updated = page.waitForRequest((r) => r.url().endsWith('/api/cameras:update'));
  await form.getByRole('button', { name: '保存' }).click();
  const sent = (await updated).postDataJSON() as { id: string; changes: Record<string, unknown> };
  expect(sent.id).toBe('edit-me');
  expect(sent.changes).not.toHaveProperty('password');
  await expect(form).toBeHidden();
  const edited = row(page, 'edit-me');
  await expect(edited.getByTestId('camera-name')).toHaveText('改过的名字');
  await expect(edited.getByTestId('camera-password-set')).toHaveText('已设置密码');
  await expect(edited.getByTestId('camera-edit')).toBeFocused();
  expect((await listCameras(request)).find((c) => c.id === 'edit-me')).toMatchObject({
    name: '改过的名字',
    hasPassword: true,
    recordUrl: 'rtsp://admin:***@127.0.0.1:9/main',
    position: { lat: 30.5, lon: 114.25 },
  });

  await edited.getByTestId('camera-edit').click();
  await form.getByLabel('清除已保存的密码').check();
  await expect(password).toBeDisabled();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(edited.getByTestId('camera-no-password')).toHaveText('未设置密码');
  expect((await listCameras(request)).find((c) => c.id === 'edit-me')?.hasPassword).toBe(false);
  expect(unexpected(errors)).toEqual([]);
});

test('delete asks first; cancelling keeps the camera, confirming removes it', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await addCamera(request, 'doomed');
  await openCameras(page);
  const doomed = row(page, 'doomed');

  await doomed.getByTestId('camera-delete').click();
  const dialog = page.getByRole('dialog', { name: '删除摄像头' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('确定删除摄像头“摄像头 doomed”（doomed）吗？');
  await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(doomed).toBeVisible();
  await expect(doomed.getByTestId('camera-delete')).toBeFocused();

  await doomed.getByTestId('camera-delete').click();
  const deleted = page.waitForResponse((r) => r.url().endsWith('/api/cameras:delete'));
  await dialog.getByRole('button', { name: '删除' }).click();
  expect((await deleted).ok()).toBe(true);
  await expect(dialog).toBeHidden();
  await expect(doomed).toHaveCount(0);
  expect((await listCameras(request)).some((c) => c.id === 'doomed')).toBe(false);
  expect(unexpected(errors)).toEqual([]);
});

test('the screen switches to English', async ({ page, request }) => {
  const errors = collectPageErrors(page);
  await addCamera(request, 'english', { username: 'admin', password: PASSWORD });
  await openCameras(page);

  await page.getByTestId('lang-switch').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Cameras' })).toBeVisible();
  await expect(page.getByTestId('nav-cameras')).toHaveText('Cameras');
  await expect(page.getByRole('columnheader', { name: 'Grid cell' })).toBeVisible();
  const english = row(page, 'english');
  await expect(english.getByTestId('camera-source')).toHaveText('Saved');
  await expect(english.getByTestId('camera-password-set')).toHaveText('Password set');
  await expect(english.getByTestId('camera-state')).toHaveText('Disabled');

  await english.getByRole('button', { name: 'Test connection: 摄像头 english' }).click();
  const result = page.locator('[data-testid="camera-test-row"][data-camera-id="english"]');
  await expect(result.getByTestId('test-sentence')).toHaveText(
    'The camera cannot be reached: check its IP address, port and the network.',
    { timeout: 15_000 },
  );

  await page.getByTestId('camera-add').click();
  await expect(page.getByRole('heading', { name: 'Add camera' })).toBeVisible();
  await expect(page.getByLabel('Detect stream URL')).toBeVisible();
  await expect(page.getByText('Saved, never shown')).toBeVisible();
  expect(unexpected(errors)).toEqual([]);
});

test('shows health, pipeline counters and read-only rows as the API reports them', async ({ page }) => {
  const errors = collectPageErrors(page);
  const lastDetectionAt = '2026-03-01T04:05:06.000Z';
  const base = {
    gridCell: 'dc-03',
    recordUrl: null,
    username: null,
    hasPassword: false,
    enabled: true,
    position: null,
    headingDeg: null,
    detect: { fps: 2, width: 640, height: 360 },
    recording: null,
  };
  const cameras: CameraView[] = [
    {
      ...base,
      id: 'from-config',
      name: '配置摄像头',
      source: 'config',
      url: 'rtsp://admin:***@10.0.0.8/ch1',
      username: 'admin',
      hasPassword: true,
      status: {
        state: 'stalled',
        fpsIn: 1.96,
        fpsOut: 2,
        reconnectsLastHour: 3,
        stallsLastHour: 2,
        dropped: 0,
        grade: 'poor',
        lastError: 'no frame for 10 s',
      },
      pipeline: { frames: 1200, detected: 300, skipped: 900, followed: 8, withBoxes: 4, lastDetectionAt },
    },
    {
      ...base,
      id: 'demo',
      name: '演示视频',
      source: 'demo',
      url: 'demo:fire_cctv_fire8.mp4',
      status: {
        state: 'streaming',
        fpsIn: 2,
        fpsOut: 2,
        reconnectsLastHour: 0,
        stallsLastHour: 0,
        dropped: 0,
        grade: 'excellent',
        lastError: null,
      },
      pipeline: { frames: 10, detected: 10, skipped: 0, followed: 0, withBoxes: 0, lastDetectionAt: null },
    },
  ];
  for (const camera of cameras) CameraViewSchema.parse(camera);
  await page.route('**/api/cameras:list', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, data: { cameras } }) }),
  );
  await openCameras(page);

  const fromConfig = row(page, 'from-config');
  await expect(fromConfig.getByTestId('camera-source')).toHaveText('配置文件');
  await expect(fromConfig.getByTestId('camera-state')).toHaveText('画面卡顿');
  await expect(fromConfig.getByTestId('camera-last-error')).toHaveText('最近错误：no frame for 10 s');
  await expect(fromConfig.getByTestId('camera-fps')).toHaveText('2.0 / 2.0');
  await expect(fromConfig.getByTestId('camera-last-hour')).toHaveText('3 / 2');
  await expect(fromConfig.getByTestId('camera-grade')).toHaveText('差');
  await expect(fromConfig.getByTestId('camera-pipeline')).toContainText('1,200');
  await expect(fromConfig.getByTestId('camera-pipeline')).toContainText('900（75%）');
  await expect(fromConfig.getByTestId('camera-pipeline')).toContainText('疑似火情整帧复核8');
  const shownTime = await page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat('zh-CN', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }).format(new Date(iso)),
    lastDetectionAt,
  );
  await expect(fromConfig.getByTestId('camera-last-detection')).toHaveText(shownTime);
  await expect(fromConfig.getByTestId('camera-read-only')).toHaveText('在配置文件中定义，只能在配置文件中修改');
  await expect(fromConfig.getByTestId('camera-edit')).toHaveCount(0);
  await expect(fromConfig.getByTestId('camera-delete')).toHaveCount(0);
  await expect(fromConfig.getByTestId('camera-test')).toBeVisible();

  const demo = row(page, 'demo');
  await expect(demo.getByTestId('camera-source')).toHaveText('演示');
  await expect(demo.getByTestId('camera-state')).toHaveText('取流正常');
  await expect(demo.getByTestId('camera-grade')).toHaveText('优');
  await expect(demo.getByTestId('camera-last-detection')).toHaveText('—');
  await expect(demo.getByTestId('camera-read-only')).toHaveText('演示摄像头，不能修改或删除');
  await expect(demo.getByRole('button')).toHaveCount(0);
  expect(unexpected(errors)).toEqual([]);
});
