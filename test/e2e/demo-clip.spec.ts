/**
 * The demo camera end to end, in Debian's Chromium: `anxun serve --demo` plays the shipped fire clip as a live
 * camera, records it into the ring, and a clip cut through the API (recordings:clip, no re-encoding) loads and
 * plays in a <video> element served from /media/; the fire it shows becomes an incident in the alert queue, with
 * its patrol task.
 */
import { expect, test } from '@playwright/test';
import { collectPageErrors } from './support/page-errors';
import { startServer, type RunningServer } from './support/server';

let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ args: ['--demo'] });
});

test.afterAll(async () => {
  await server.stop();
});

/** The parts of HTMLVideoElement the test uses (the test code is compiled without the DOM library). */
interface VideoElement {
  readyState: number;
  muted: boolean;
  currentTime: number;
  duration: number;
  videoWidth: number;
  videoHeight: number;
  error: { code: number } | null;
  play(): Promise<void>;
  addEventListener(type: string, listener: (...args: unknown[]) => void, options?: { once: boolean }): void;
}

interface DemoRecording {
  segments: number;
  oldestAt: string | null;
  newestAt: string | null;
}

test('the demo camera streams, records, and a clip cut from its ring plays in Chromium', async ({ page, request }) => {
  test.setTimeout(90_000);
  const errors = collectPageErrors(page);
  let recording: DemoRecording | null = null;
  await expect
    .poll(
      async () => {
        const reply = await request.post(`${server.url}api/cameras:list`, { data: {} });
        const body = (await reply.json()) as {
          data: { cameras: { id: string; status: { state: string } | null; recording: DemoRecording | null }[] };
        };
        const demo = body.data.cameras.find((c) => c.id === 'demo');
        recording = demo?.recording ?? null;
        return demo?.status?.state === 'streaming' && (recording?.segments ?? 0) >= 2;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(true);
  const newest = Date.parse((recording as DemoRecording | null)?.newestAt ?? '');
  const reply = await request.post(`${server.url}api/recordings:clip`, {
    data: { cameraId: 'demo', at: new Date(newest - 4000).toISOString(), preS: 3, postS: 2 },
  });
  expect(reply.ok()).toBe(true);
  const clip = ((await reply.json()) as { data: { url: string; durationS: number } }).data;
  expect(clip.durationS).toBeGreaterThan(4);

  // Chromium shows a media URL as a document with one <video>: the clip as any browser would get it.
  await page.goto(new URL(clip.url, server.url).href);
  const played = await page.locator('video').evaluate(async (video: VideoElement) => {
    if (video.readyState < 2) {
      await new Promise((resolve, reject) => {
        video.addEventListener('loadeddata', resolve, { once: true });
        video.addEventListener('error', () => reject(new Error(`media error ${video.error?.code ?? '?'}`)));
      });
    }
    video.muted = true;
    await video.play();
    const start = video.currentTime;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return {
      width: video.videoWidth,
      height: video.videoHeight,
      duration: video.duration,
      advanced: video.currentTime - start,
    };
  });
  expect(played.width).toBeGreaterThan(0);
  expect(played.height).toBeGreaterThan(0);
  expect(Math.abs(played.duration - clip.durationS)).toBeLessThan(0.6);
  expect(played.advanced).toBeGreaterThan(0.5);
  expect(errors).toEqual([]);
});

test("the demo camera's fire becomes an incident in the queue, with its task", async ({ page, request }) => {
  test.setTimeout(90_000);
  const errors = collectPageErrors(page);
  await page.goto(`${server.url}#/alerts`);
  const row = page.getByTestId('incident-row').filter({ hasText: '演示摄像头' }).first();
  await expect(row).toContainText('火焰', { timeout: 60_000 });
  await expect(row).toHaveAttribute('data-severity', 'red');
  const id = (await row.getAttribute('data-incident-id')) ?? '';
  const reply = await request.post(`${server.url}api/tasks:list`, { data: { filter: { incidentId: id } } });
  const tasks = ((await reply.json()) as { data: { tasks: { category: string }[] } }).data.tasks;
  expect(tasks.map((t) => t.category)).toEqual(['fire']);
  expect(errors).toEqual([]);
});
