/**
 * The LAN listener's API routes for phones: pairing (slowed down per client address on wrong codes), the
 * inspector's own requests (token from the Authorization header, body checked by the contract's schemas, one
 * device's actions applied one after the other), photo uploads (the raw body streamed under a byte limit), and
 * media files of the inspector's own tasks. Every answer is the envelope `{ok, data|error}`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  INSPECTOR_CHANNELS,
  INSPECTOR_HTTP_STATUS,
  inspectorRequests,
  PairInputSchema,
  UPLOAD_HEADERS,
  UPLOAD_PATH,
  type InspectorChannel,
  type InspectorError,
} from '../api/inspector-contract';
import { toIssues } from '../api/result';
import { InspectorApiError, toInspectorError } from '../engine/inspectors-errors';
import type { InspectorService, PhoneIdentity } from '../engine/inspectors';
import type { MeService } from '../engine/inspectors-me';
import type { UploadService } from '../engine/inspectors-uploads';
import type { InspectorDevicesRepo } from '../store/inspector-devices-repo';
import type { Logger } from '../log/logger';
import { contentRange, parseByteRange } from '../media/byte-range';
import type { PairThrottle } from './pair-throttle';

export interface LanRoutesOptions {
  inspectors: InspectorService;
  me: MeService;
  uploads: UploadService;
  media: { dir: string; repo: InspectorDevicesRepo };
  throttle: PairThrottle;
  logger: Logger;
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: InspectorError };

export function sendError(reply: FastifyReply, error: InspectorError): FastifyReply {
  if (error.retryAfterS !== undefined) void reply.header('retry-after', String(error.retryAfterS));
  return reply.code(INSPECTOR_HTTP_STATUS[error.code]).send({ ok: false, error });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(body === undefined ? {} : body);
  if (!parsed.success) {
    throw new InspectorApiError('INVALID_REQUEST', `invalid input for ${what}`, undefined, {
      issues: toIssues(parsed.error),
    });
  }
  return parsed.data;
}

const MEDIA_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const MEDIA_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.mp4': 'video/mp4' };

export function registerLanRoutes(app: FastifyInstance, options: LanRoutesOptions): void {
  const log = options.logger.child({ module: 'lan' });
  /** Each device's actions, one after the other. */
  const queues = new Map<string, Promise<unknown>>();

  const outcome = async (run: () => unknown): Promise<Outcome> => {
    try {
      return { ok: true, data: await run() };
    } catch (error) {
      const known = toInspectorError(error);
      if (!known) log.error({ err: error }, 'inspector request failed');
      return { ok: false, error: known ?? { code: 'INTERNAL', message: 'internal error' } };
    }
  };
  const deliver = (reply: FastifyReply, result: Outcome): FastifyReply =>
    result.ok ? reply.code(200).send(result) : sendError(reply, result.error);
  const answer = async (reply: FastifyReply, run: () => unknown): Promise<FastifyReply> =>
    deliver(reply, await outcome(run));

  app.post('/api/pair', async (request, reply) => {
    const client = request.ip;
    return answer(reply, async () => {
      const verdict = options.throttle.verdict(client);
      if (!verdict.allowed) {
        log.warn({ client }, 'pairing refused: too many wrong codes');
        throw new InspectorApiError('RATE_LIMITED', 'too many wrong pairing codes: wait', 'TOO_MANY_ATTEMPTS', {
          retryAfterS: verdict.retryAfterS,
        });
      }
      if (verdict.delayMs > 0) await sleep(verdict.delayMs);
      const input = parse(PairInputSchema, request.body, 'pair');
      try {
        const paired = options.inspectors.claim(input.code, input.deviceName);
        options.throttle.succeed(client);
        return paired;
      } catch (error) {
        if (error instanceof InspectorApiError) options.throttle.fail(client);
        throw error;
      }
    });
  });

  const isChannel = (name: string): name is InspectorChannel => (INSPECTOR_CHANNELS as string[]).includes(name);
  app.post<{ Params: { channel: string } }>('/api/:channel', async (request, reply) => {
    const channel = request.params.channel;
    if (!isChannel(channel)) return sendError(reply, { code: 'NOT_FOUND', message: 'not found' });
    return answer(reply, () => {
      const me = options.inspectors.authenticate(request.headers.authorization);
      const input: unknown = parse(inspectorRequests[channel].input, request.body, channel);
      if (channel !== 'me:act') return run(channel, me, input);
      const previous = queues.get(me.device.id) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => run(channel, me, input));
      queues.set(me.device.id, next);
      void next
        .catch(() => undefined)
        .finally(() => {
          if (queues.get(me.device.id) === next) queues.delete(me.device.id);
        });
      return next;
    });
  });

  const run = (channel: InspectorChannel, me: PhoneIdentity, input: unknown): unknown => {
    switch (channel) {
      case 'me:get':
        return options.me.get(me);
      case 'me:tasks': {
        const i = input as z.output<(typeof inspectorRequests)['me:tasks']['input']>;
        return options.me.tasks(me, i.includeClosed);
      }
      case 'me:task': {
        const i = input as z.output<(typeof inspectorRequests)['me:task']['input']>;
        return options.me.task(me, i.id);
      }
      case 'me:act': {
        const i = input as z.output<(typeof inspectorRequests)['me:act']['input']>;
        return options.me.act(me, i.taskId, i.clientId, i.action);
      }
    }
  };

  void app.register((child, _options, done) => {
    child.removeAllContentTypeParsers();
    // the body stays a stream: UploadService reads it under its byte limit
    child.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    child.post(UPLOAD_PATH, async (request, reply) => {
      const result = await outcome(async () => {
        const me = options.inspectors.authenticate(request.headers.authorization);
        const header = request.headers[UPLOAD_HEADERS.uploadId];
        const uploadId = typeof header === 'string' ? header : null;
        const length = Number(request.headers['content-length']);
        const known = await options.uploads.precheck(me, uploadId, Number.isFinite(length) ? length : null);
        if (known) return known;
        return options.uploads.receive(me, request.raw, uploadId);
      });
      // a body refused before its end is not read on: the connection closes after the answer
      if (!request.raw.readableEnded) closeAfter(request, reply);
      return deliver(reply, result);
    });
    done();
  });

  app.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
    try {
      const me = options.inspectors.authenticate(request.headers.authorization);
      const file = request.params['*'];
      const path = normalize(join(options.media.dir, file));
      if (!MEDIA_FILE.test(file) || !path.startsWith(options.media.dir + sep)) {
        throw new InspectorApiError('NOT_FOUND', 'not found');
      }
      if (!options.media.repo.mediaAllowed(me.inspector.id, file))
        throw new InspectorApiError('NOT_FOUND', 'not found');
      return await sendFile(request, reply, path, file);
    } catch (error) {
      const known = toInspectorError(error) ?? { code: 'NOT_FOUND', message: 'not found' };
      return sendError(reply, known);
    }
  });
}

/** A body left unread (refused early): close the connection after the answer instead of reading it. */
function closeAfter(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('connection', 'close');
  request.raw.on('error', () => undefined);
  reply.raw.once('finish', () => request.raw.socket.destroySoon());
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
  file: string,
): Promise<FastifyReply> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    throw new InspectorApiError('NOT_FOUND', 'not found');
  }
  const type = MEDIA_TYPES[file.slice(file.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream';
  const range = parseByteRange(request.headers.range, size);
  void reply.header('content-type', type).header('accept-ranges', 'bytes').header('cache-control', 'private');
  if (range.kind === 'unsatisfiable') {
    return reply.code(416).header('content-range', contentRange(range, size)).send();
  }
  if (range.kind === 'partial') {
    void reply.code(206).header('content-range', contentRange(range, size));
    void reply.header('content-length', String(range.end - range.start + 1));
    return reply.send(createReadStream(path, { start: range.start, end: range.end }));
  }
  void reply.header('content-length', String(size));
  return reply.send(createReadStream(path));
}
