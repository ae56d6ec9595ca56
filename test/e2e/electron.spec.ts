import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { REPO_ROOT } from './support/server';

/**
 * The Electron binary, or null when it was never downloaded (Electron fetches it on its first start, which an
 * offline install never does): then `node_modules/electron/path.txt` or the file it names under `dist/` is missing.
 */
function electronBinary(): string | null {
  const pathFile = join(REPO_ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(REPO_ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.skip(
  binary === null,
  'needs the Electron binary: node_modules/electron/path.txt or the file it names under dist/ is missing ' +
    '(Electron downloads it on its first start, which this offline machine cannot do)',
);

test('desktop shell (needs the Electron binary): status screen over IPC', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'anxun-electron-'));
  // Chromium refuses to run sandboxed as root; the app's own sandboxing of the renderer stays on otherwise.
  const rootSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [...rootSwitches, `--user-data-dir=${userData}`, 'out/main/index.js'],
    cwd: REPO_ROOT,
  });
  try {
    const window = await app.firstWindow();
    const errors: string[] = [];
    window.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await window.getByTestId('nav-system').click();
    await expect(window.getByTestId('status-shell')).toContainText('Electron');
    await expect(window.getByTestId('status-electron-version')).toHaveText(/^\d+\.\d+\.\d+/);
    await expect(window.getByTestId('status-data-dir')).toHaveText(userData);
    await expect(window.getByTestId('link-state')).toHaveAttribute('data-state', 'open');
    expect(errors).toEqual([]);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});

/**
 * Runs in the window (this spec has no DOM types, hence a string): loads a snapshot and a clip from anxun://media/
 * through the page's own CSP, as the incident page does, seeks the clip, and tries a name outside the folder.
 */
const LOAD_MEDIA_IN_PAGE = `(async () => {
  const load = (src) => {
    const image = new Image();
    image.src = src;
    return image.decode().then(() => image.naturalWidth > 0, () => false);
  };
  const imageOk = await load('anxun://media/probe.jpg');
  const outsideOk = await load('anxun://media/..%2Foutside.jpg');
  const video = document.createElement('video');
  video.preload = 'auto';
  video.muted = true;
  video.src = 'anxun://media/probe.mp4';
  await new Promise((resolve, reject) => {
    video.onloadedmetadata = resolve;
    video.onerror = () => reject(new Error('video did not load'));
  });
  video.currentTime = video.duration / 2;
  await new Promise((resolve) => { video.onseeked = resolve; });
  return { imageOk, outsideOk, duration: video.duration, seekable: video.seekable.length };
})()`;

test('desktop shell (needs the Electron binary): anxun://media/ serves a snapshot and a seekable clip', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'anxun-electron-'));
  const media = join(userData, 'media');
  mkdirSync(media, { recursive: true });
  const frames = join(REPO_ROOT, 'fixtures/frames/fire-8-valid/images');
  const jpeg = readdirSync(frames).find((name) => name.endsWith('.jpg'));
  if (!jpeg) throw new Error('no fixture frame');
  copyFileSync(join(frames, jpeg), join(media, 'probe.jpg'));
  copyFileSync(join(frames, jpeg), join(userData, 'outside.jpg')); // a real picture, but not in the media folder
  copyFileSync(join(REPO_ROOT, 'fixtures/clips/camera_room_gop1s.mp4'), join(media, 'probe.mp4'));
  const rootSwitches = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [...rootSwitches, `--user-data-dir=${userData}`, 'out/main/index.js'],
    cwd: REPO_ROOT,
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('link-state')).toHaveAttribute('data-state', 'open');
    // through the page's own CSP (img-src and media-src allow anxun:), as the incident page loads evidence
    const loaded = await window.evaluate<{ imageOk: boolean; outsideOk: boolean; duration: number; seekable: number }>(
      LOAD_MEDIA_IN_PAGE,
    );
    expect(loaded.imageOk).toBe(true);
    expect(loaded.outsideOk).toBe(false);
    expect(loaded.duration).toBeGreaterThan(1);
    expect(loaded.seekable).toBeGreaterThan(0);
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
