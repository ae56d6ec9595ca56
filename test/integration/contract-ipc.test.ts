import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/api/contract';
import { IPC_INVOKE } from '../../electron/api/ipc-channels';
import { ApiErrorSchema, type Result } from '../../electron/api/result';
import { registerIpc, trustedRendererCheck, type InvokeEventLike, type IpcMainLike } from '../../electron/main/ipc';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { wrongInputs } from '../support/wrong-inputs';

const APP_URL = 'file:///opt/anxun/out/renderer/index.html';

/** Stands in for Electron's ipcMain, which needs the Electron binary (absent on this machine). */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(event: InvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> {
    const handler = this.handlers.get(IPC_INVOKE);
    if (!handler) throw new Error('no handler registered');
    return handler(event, ...args) as Promise<Result<unknown>>;
  }
}

const fromApp: InvokeEventLike = { senderFrame: { url: `${APP_URL}#/system`, parent: null } };

let t: TestEngine;
const ipc = new FakeIpcMain();

beforeAll(async () => {
  t = await startTestEngine();
  registerIpc(
    ipc,
    t.dispatch,
    trustedRendererCheck((url) => url.split('#')[0] === APP_URL),
  );
});
afterAll(() => t.close());

describe('IPC handler layer with a test double for ipcMain (the Electron binary cannot run here)', () => {
  for (const channel of CHANNELS) {
    for (const wrong of wrongInputs(channel)) {
      it(`${channel} given ${wrong.label} → INVALID_REQUEST`, async () => {
        const result = await ipc.invoke(fromApp, channel, wrong.body);
        expect(result.ok).toBe(false);
        const error = ApiErrorSchema.parse(!result.ok && result.error);
        expect(error.code).toBe('INVALID_REQUEST');
        // the field itself, or inside it (a tagged union blames its missing tag: `command.type`)
        const field = wrong.path;
        if (field) expect(error.issues?.some((i) => i.path === field || i.path.startsWith(`${field}.`))).toBe(true);
      });
    }
  }

  it('answers a valid request from the app page', async () => {
    const result = await ipc.invoke(fromApp, 'preferences:get', {});
    expect(result).toEqual({ ok: true, data: { language: 'zh-CN' } });
  });

  it('rejects a request name that is not a string or not in the contract', async () => {
    expect(await ipc.invoke(fromApp, 42, {})).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await ipc.invoke(fromApp, 'fs:readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('checks the sender: other pages, sub-frames and missing frames are FORBIDDEN', async () => {
    const others: InvokeEventLike[] = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: APP_URL, parent: {} } },
      { senderFrame: null },
    ];
    for (const event of others) {
      expect(await ipc.invoke(event, 'system:status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
