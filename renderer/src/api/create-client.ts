import { createApiClient, type ApiClient } from './client';
import { createHttpTransport } from './transport-http';
import { createIpcTransport, findBridge } from './transport-ipc';

/** IPC when the Electron preload bridge is present, HTTP/WebSocket to the serving host otherwise. */
export function createDefaultClient(): ApiClient {
  const bridge = findBridge();
  return createApiClient(bridge ? createIpcTransport(bridge) : createHttpTransport());
}
