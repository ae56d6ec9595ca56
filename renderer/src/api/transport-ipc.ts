import type { AnxunBridge } from '@contract/ipc-channels';
import type { LinkState, Transport } from './transport';

/** The bridge the Electron preload exposes, or null in a plain browser. */
export function findBridge(): AnxunBridge | null {
  const candidate: unknown = Reflect.get(window, 'anxunBridge');
  if (typeof candidate !== 'object' || candidate === null) return null;
  const invoke: unknown = Reflect.get(candidate, 'invoke');
  const onPush: unknown = Reflect.get(candidate, 'onPush');
  if (typeof invoke !== 'function' || typeof onPush !== 'function') return null;
  return candidate as AnxunBridge;
}

/** Electron IPC through the preload bridge. The link is local, so it is always open. */
export function createIpcTransport(bridge: AnxunBridge): Transport {
  return {
    shell: 'electron',
    invoke: (channel, input) => bridge.invoke(channel, input),
    onPush: (listener) => bridge.onPush(listener),
    onLinkState(listener: (state: LinkState) => void) {
      listener('open');
      return () => {};
    },
  };
}
