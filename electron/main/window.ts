import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/security';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Where the renderer comes from: the dev server in `electron-vite dev`, the built files otherwise. */
export function rendererLocation(): { url: string; isAllowed: (url: string) => boolean } {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (devUrl) {
    const origin = new URL(devUrl).origin;
    return { url: devUrl, isAllowed: (url) => url.startsWith(`${origin}/`) };
  }
  const indexUrl = pathToFileURL(join(here, '../renderer/index.html')).href;
  return { url: indexUrl, isAllowed: (url) => url.split('#')[0] === indexUrl };
}

/** Sends the CSP as a header on every response too, in addition to the page's meta tag. */
export function enforceCsp(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

export function createMainWindow(location: { url: string; isAllowed: (url: string) => boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '安巡 Anxun',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Never navigate away from the app or open other windows inside it; external links go to the browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (!location.isAllowed(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(location.url);
  return win;
}
