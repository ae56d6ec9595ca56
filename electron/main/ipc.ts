/**
 * The IPC handler layer of the Electron shell. It imports no Electron code at run time, so the contract tests
 * can drive it with a stand-in for ipcMain where the Electron binary cannot start.
 */
import type { Dispatch } from '../api/dispatch';
import { IPC_INVOKE } from '../api/ipc-channels';
import { fail, type Result } from '../api/result';

/** The part of an IpcMainInvokeEvent the layer reads. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain the layer uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** True when the frame that sent a request is the app's own top-level page. */
export type SenderCheck = (event: InvokeEventLike) => boolean;

export function trustedRendererCheck(allowed: (url: string) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && allowed(frame.url);
  };
}

export function registerIpc(ipc: IpcMainLike, dispatch: Dispatch, isTrusted: SenderCheck): () => void {
  ipc.handle(IPC_INVOKE, async (event, channel, input): Promise<Result<unknown>> => {
    if (!isTrusted(event)) return fail('FORBIDDEN', 'request from an untrusted frame');
    if (typeof channel !== 'string') return fail('INVALID_REQUEST', 'the request name must be a string');
    return dispatch(channel, input);
  });
  return () => ipc.removeHandler(IPC_INVOKE);
}
