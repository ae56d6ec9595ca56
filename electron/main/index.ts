/**
 * The Electron shell: starts the engine with Electron's userData as the data folder, serves the contract over
 * IPC to the sandboxed renderer, and forwards pushed messages to it. With `server.lan.enabled` in the config, it
 * also serves the inspectors' phone page over HTTPS on the LAN, as `anxun serve --lan` does.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { IPC_PUSH } from '../api/ipc-channels';
import { createDispatcher } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { loadConfig } from '../config/load';
import { createEngine, type Engine } from '../engine/engine';
import { MEDIA_DIR } from '../engine/evidence';
import { createLogger, type LogHandle } from '../log/logger';
import type { LanServer } from '../server/lan-server';
import { startLanListener } from '../server/lan-start';
import detectorWorkerPath from '../vision/detector-worker?modulePath';
import { registerIpc, trustedRendererCheck } from './ipc';
import { handleAppScheme, registerAppScheme } from './protocol';
import { createMainWindow, enforceCsp, rendererLocation } from './window';

let engine: Engine | null = null;
let logHandle: LogHandle | null = null;
let lan: LanServer | null = null;

async function boot(): Promise<void> {
  const dataDir = app.getPath('userData');
  const configFile = join(dataDir, 'config.yaml');
  const config = await loadConfig(existsSync(configFile) ? configFile : undefined);
  logHandle = await createLogger({
    level: config.log.level,
    dir: join(dataDir, 'logs'),
    fileSizeMb: config.log.fileSizeMb,
    keepFiles: config.log.keepFiles,
    stderr: true,
  });
  engine = createEngine({
    config,
    dataDir,
    shell: 'electron',
    log: logHandle,
    electronVersion: process.versions.electron,
    detectorWorkerPath,
  });
  await engine.start();

  const location = rendererLocation();
  registerIpc(
    ipcMain,
    createDispatcher(createHandlers(engine.services), logHandle.logger),
    trustedRendererCheck(location.isAllowed),
  );
  enforceCsp();
  const started = engine;
  handleAppScheme({
    mediaDir: join(dataDir, MEDIA_DIR),
    openLive: (cameraId, viewer) => started.services.openLive(cameraId, viewer),
  });
  engine.events.subscribe((message) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(IPC_PUSH, message);
  });
  if (config.server.lan.enabled) {
    const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));
    const logger = logHandle.logger;
    // the desktop works without the phones: a listener that cannot start (port taken...) is reported, not fatal
    lan = await startLanListener({ engine, lan: config.server.lan, dataDir, staticDir, logger }).catch(
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        logger.error({ reason }, 'the phone page over the LAN did not start');
        dialog.showErrorBox('安巡 Anxun', `网格员手机页面未能启动 / The phone page did not start: ${reason}`);
        return null;
      },
    );
  }
  createMainWindow(location);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(location);
  });
}

app.enableSandbox();
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app
  .whenReady()
  .then(boot)
  .catch((error: unknown) => {
    dialog.showErrorBox('安巡 Anxun', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !engine) return;
  event.preventDefault();
  quitting = true;
  void Promise.resolve(lan?.close())
    .then(() => engine?.stop())
    .then(() => logHandle?.close())
    .finally(() => app.quit());
});
