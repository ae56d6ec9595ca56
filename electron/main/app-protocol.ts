/**
 * The desktop window's `anxun://` scheme, which stands in for the HTTP shell's `/media/` and `/live/` routes
 * (the window is loaded from a file and has no HTTP origin):
 *
 * - `anxun://media/<file>`: a clip or snapshot from the engine's media folder, with byte ranges so a `<video>`
 *   can seek. Only a plain file name of that folder is served; anything else is 404.
 * - `anxun://live/<camera id>.mjpg`: a camera's live picture as multipart JPEG, from the same engine function as
 *   the HTTP route; the viewer is removed when the request is cancelled.
 *
 * Web Request in, web Response out, and no Electron import, so it is tested without Electron; `protocol.ts`
 * hands it to `protocol.handle`.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fail, HTTP_STATUS, type Result } from '../api/result';
import { contentRange, parseByteRange } from '../media/byte-range';
import type { LiveViewer } from '../media/live-stream';
import { LIVE_BOUNDARY, LIVE_FILE, livePart, type LiveOpener } from '../server/live-route';

export const APP_SCHEME = 'anxun';

export interface AppProtocolOptions {
  /** The engine's folder of extracted clips and snapshots. */
  mediaDir: string;
  /** Adds a viewer of a camera's live picture (the engine's `openLive`). */
  openLive: LiveOpener;
}

/** Bytes queued for a live viewer past which its next images are skipped (as over HTTP). */
const MAX_QUEUED_BYTES = 1024 * 1024;

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** A plain file name: no folder part, no dot file, no control character. */
const PLAIN_NAME = /^[^/\\.][^/\\]{0,254}$/;

function isPlainName(name: string): boolean {
  if (!PLAIN_NAME.test(name) || name.includes('..')) return false;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20) return false;
  return true;
}

function errorResponse(result: Result<never>): Response {
  const status = result.ok ? 500 : HTTP_STATUS[result.error.code];
  return new Response(JSON.stringify(result), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff' },
  });
}

const notFound = (): Response => errorResponse(fail('NOT_FOUND', 'not found'));

/** The single path segment after the host, decoded; null for anything else. */
function onlySegment(url: URL): string | null {
  const raw = url.pathname.slice(1);
  if (raw === '' || raw.includes('/')) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The real path of a plain file name inside the folder, or null when it is not one (or leaves the folder). */
async function mediaFile(mediaDir: string, name: string): Promise<{ path: string; size: number } | null> {
  if (!isPlainName(name)) return null;
  try {
    const root = await realpath(mediaDir);
    const path = await realpath(resolve(root, name));
    const inside = relative(root, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.includes('/') || inside.includes('\\'))
      return null;
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

function fileBody(path: string, start: number, end: number): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>;
}

async function serveMedia(request: Request, url: URL, mediaDir: string): Promise<Response> {
  const name = onlySegment(url);
  const file = name === null ? null : await mediaFile(mediaDir, name);
  if (!file) return notFound();
  const headers: Record<string, string> = {
    'content-type': MEDIA_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  };
  const range = parseByteRange(request.headers.get('range'), file.size);
  const head = request.method === 'HEAD';
  if (range.kind === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      headers: { ...headers, 'content-range': contentRange(range, file.size) ?? '' },
    });
  }
  if (range.kind === 'partial') {
    const length = range.end - range.start + 1;
    return new Response(head ? null : fileBody(file.path, range.start, range.end), {
      status: 206,
      headers: {
        ...headers,
        'content-length': String(length),
        'content-range': contentRange(range, file.size) ?? '',
      },
    });
  }
  const body = head || file.size === 0 ? null : fileBody(file.path, 0, file.size - 1);
  return new Response(body, { status: 200, headers: { ...headers, 'content-length': String(file.size) } });
}

function serveLive(request: Request, url: URL, openLive: LiveOpener): Response {
  const name = onlySegment(url);
  const match = name === null ? null : LIVE_FILE.exec(name);
  if (!match?.[1]) return errorResponse(fail('NOT_FOUND', 'live pictures are at anxun://live/<camera id>.mjpg'));

  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  /** The picture handed over while opening, before the stream existed. */
  let early: Buffer | null = null;
  let ended = false;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    try {
      controller?.close();
    } catch {
      // already closed or errored by the reader
    }
  };
  const viewer: LiveViewer = {
    frame: (jpeg) => {
      if (!controller) early = jpeg;
      else if (!done && (controller.desiredSize ?? 0) > 0)
        for (const chunk of livePart(jpeg)) controller.enqueue(chunk);
    },
    end: () => {
      ended = true;
      if (controller) finish();
    },
  };
  const opened = openLive(match[1], viewer);
  if (!opened.ok) return errorResponse(opened);

  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    opened.data.close();
    finish();
  };
  const headers = {
    'content-type': `multipart/x-mixed-replace; boundary=${LIVE_BOUNDARY}`,
    'cache-control': 'no-store, no-cache, must-revalidate',
    'x-content-type-options': 'nosniff',
  };
  if (request.method === 'HEAD') {
    stop();
    return new Response(null, { status: 200, headers });
  }
  if (request.signal.aborted) stop();
  else request.signal.addEventListener('abort', stop, { once: true });
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
        if (ended || stopped) finish();
        else if (early) viewer.frame(early);
      },
      cancel: stop,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES }),
  );
  return new Response(body, { status: 200, headers });
}

/** The handler of `anxun://` requests: media files and live pictures; anything else is 404, other methods 405. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const mediaDir = resolve(options.mediaDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:`) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    if (url.hostname === 'media') return serveMedia(request, url, mediaDir);
    if (url.hostname === 'live') return serveLive(request, url, options.openLive);
    return notFound();
  };
}
