import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
