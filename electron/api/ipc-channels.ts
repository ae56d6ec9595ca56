/** The two IPC channels between preload and main. Requests carry `(channel, input)`; pushes carry a message. */
export const IPC_INVOKE = 'anxun:invoke';
export const IPC_PUSH = 'anxun:push';

/** What the preload script exposes to the renderer as `window.anxunBridge`. */
export interface AnxunBridge {
  readonly shell: 'electron';
  invoke(channel: string, input: unknown): Promise<unknown>;
  onPush(listener: (message: unknown) => void): () => void;
}
