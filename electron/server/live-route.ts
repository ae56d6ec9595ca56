/**
 * `GET /live/<cameraId>.mjpg`: a camera's live picture as multipart/x-mixed-replace JPEG (MJPEG), which an
 * `<img>` shows as it arrives. Refusals are the API's JSON errors (404 unknown camera, 409 disabled, 503 over
 * the cap or without ffmpeg). A viewer that cannot keep up skips images rather than queueing them.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fail, HTTP_STATUS, type Result } from '../api/result';
import type { LiveViewer } from '../media/live-stream';
import { SECURITY_HEADERS } from './security';

export const LIVE_BOUNDARY = 'anxun-live-frame';
/** Bytes queued on a viewer's socket past which its next images are skipped. */
const MAX_QUEUED_BYTES = 1024 * 1024;
/** `<camera id>.mjpg`, the only name a live picture is asked for by (also at `anxun://live/` in the desktop window). */
export const LIVE_FILE = /^([a-z0-9][a-z0-9_-]{0,63})\.mjpg$/;

export type LiveOpener = (cameraId: string, viewer: LiveViewer) => Result<{ close(): void }>;

function writeHead(res: ServerResponse): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': `multipart/x-mixed-replace; boundary=${LIVE_BOUNDARY}`,
    'cache-control': 'no-store, no-cache, must-revalidate',
    pragma: 'no-cache',
    connection: 'close',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders(); // a camera that has no picture yet still answers at once
}

/** One image of the multipart stream: its boundary and headers, the JPEG, and the line break after it. */
export function livePart(jpeg: Buffer): Buffer[] {
  const head = `--${LIVE_BOUNDARY}\r\ncontent-type: image/jpeg\r\ncontent-length: ${jpeg.length}\r\n\r\n`;
  return [Buffer.from(head, 'latin1'), jpeg, Buffer.from('\r\n', 'latin1')];
}

function refuse(reply: FastifyReply, result: Result<never>): FastifyReply {
  return reply.code(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(result);
}

export function registerLiveRoute(app: FastifyInstance, open: LiveOpener): void {
  app.get<{ Params: { file: string } }>('/live/:file', (request, reply) => {
    const match = LIVE_FILE.exec(request.params.file);
    if (!match?.[1]) return refuse(reply, fail('NOT_FOUND', 'live pictures are at /live/<camera id>.mjpg'));
    const res = reply.raw;
    let started = false;
    let closed = false;
    /** The picture handed over while opening, before the head was written. */
    let early: Buffer | null = null;
    const viewer: LiveViewer = {
      frame: (jpeg) => {
        if (!started) early = jpeg;
        else if (!closed && res.writableLength <= MAX_QUEUED_BYTES)
          for (const chunk of livePart(jpeg)) res.write(chunk);
      },
      end: () => {
        closed = true;
        if (started) res.end();
      },
    };
    const opened = open(match[1], viewer);
    if (!opened.ok) return refuse(reply, opened);
    reply.hijack();
    writeHead(res);
    started = true;
    if (closed) res.end();
    else if (early) viewer.frame(early);
    const close = (): void => {
      closed = true;
      opened.data.close();
    };
    request.raw.socket.once('close', close);
    res.once('close', close);
  });
}
