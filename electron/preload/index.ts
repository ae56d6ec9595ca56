/**
 * Sandboxed preload: exposes only `invoke` and `onPush` over two fixed channels. The main process parses
 * every request against the contract, so nothing here trusts or interprets the renderer's data.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_INVOKE, IPC_PUSH, type AnxunBridge } from '../api/ipc-channels';

const bridge: AnxunBridge = {
  shell: 'electron',
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  onPush(listener) {
    const handler = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(IPC_PUSH, handler);
    return () => {
      ipcRenderer.removeListener(IPC_PUSH, handler);
    };
  },
};

contextBridge.exposeInMainWorld('anxunBridge', bridge);
