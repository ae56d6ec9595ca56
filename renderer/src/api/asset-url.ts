/**
 * Where the engine's evidence files and live pictures are: relative paths over HTTP (`anxun serve` serves
 * `/media/` and `/live/`), the `anxun://` scheme in the desktop window, which is loaded from a file and has no
 * HTTP origin (electron/main/app-protocol.ts answers it).
 */
import { findBridge } from './transport-ipc';
import type { Transport } from './transport';

export type Shell = Transport['shell'];

/** The shell this page runs in: the desktop window's preload bridge, or a browser. */
export function currentShell(): Shell {
  return typeof window !== 'undefined' && findBridge() ? 'electron' : 'http';
}

function base(shell: Shell): string {
  return shell === 'electron' ? 'anxun://' : '/';
}

/** A clip or snapshot file cut by the recorder. */
export function mediaUrl(file: string, shell: Shell = currentShell()): string {
  return `${base(shell)}media/${encodeURIComponent(file)}`;
}

/** A camera's live picture (multipart JPEG). */
export function liveUrl(cameraId: string, shell: Shell = currentShell()): string {
  return `${base(shell)}live/${encodeURIComponent(cameraId)}.mjpg`;
}
