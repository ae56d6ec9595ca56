/**
 * The HTTP/WebSocket shell: the same contract as IPC, for operators on other LAN machines, inspectors' phones,
 * headless analysis boxes and end-to-end tests. Binds 127.0.0.1 unless configured otherwise.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { requests } from '../api/contract';
import type { Dispatch } from '../api/dispatch';
import { fail, HTTP_STATUS, type Result } from '../api/result';
import type { PushBus } from '../engine/push-bus';
import type { Logger } from '../log/logger';
import { redactText } from '../log/redact';
import { registerLiveRoute, type LiveOpener } from './live-route';
import { checkRequestOrigin, isLoopbackHost, SECURITY_HEADERS } from './security';

export interface HttpShellOptions {
  host: string;
  port: number;
  bodyLimitKb: number;
  dispatch: Dispatch;
  events: PushBus;
  logger: Logger;
  /** Folder of the built renderer; null serves the API only. */
  staticDir: string | null;
  /** Folder of extracted clips and snapshots, served read-only at /media/ (with range requests for video). */
  mediaDir?: string | null;
  /** Cameras' live pictures, served at /live/<id>.mjpg; absent serves none. */
  live?: LiveOpener | null;
  /** The local CA certificate (PEM) for inspectors' phones, served at /ca.crt; absent serves none. */
  caCertificate?: (() => string) | null;
}

export interface HttpShell {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(reply: FastifyReply, result: Result<unknown>): FastifyReply {
  return reply.code(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(result);
}

function errorResult(error: FastifyError): Result<never> {
  const status = error.statusCode ?? 500;
  if (status === 413) return fail('PAYLOAD_TOO_LARGE', 'request body too large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return fail('INVALID_REQUEST', 'send the request as application/json');
  if (status < 500 && /JSON/i.test(`${error.code ?? ''} ${error.message}`)) {
    return fail('MALFORMED_JSON', 'the request body is not valid JSON');
  }
  if (status < 500) return fail('INVALID_REQUEST', redactText(error.message));
  return fail('INTERNAL', 'internal error');
}

// The "bytes */size" header that @fastify/send attaches to its 416 error.
function unsatisfiedRange(error: FastifyError): string | null {
  const headers: unknown = (error as { headers?: unknown }).headers;
  if (typeof headers === 'object' && headers !== null && 'Content-Range' in headers) {
    const value: unknown = headers['Content-Range'];
    if (typeof value === 'string') return value;
  }
  return null;
}

function contractDocument(): unknown {
  const entries = Object.entries(requests).map(([channel, spec]): [string, unknown] => [
    channel,
    {
      // a transform has no JSON Schema: it shows as "any" rather than stopping the server
      input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(spec.output, { unrepresentable: 'any' }),
    },
  ]);
  return { requests: Object.fromEntries(entries), transport: { request: 'POST /api/<channel>', push: 'GET /api/ws' } };
}

export async function startHttpShell(options: HttpShellOptions): Promise<HttpShell> {
  const log = options.logger.child({ module: 'http' });
  const loopbackOnly = isLoopbackHost(options.host);
  const app = Fastify({
    bodyLimit: options.bodyLimitKb * 1024,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  const contract: unknown = contractDocument();

  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  });
  app.addHook('onRequest', async (request, reply) => {
    const problem = checkRequestOrigin({ host: request.headers.host, origin: request.headers.origin }, loopbackOnly);
    if (problem) {
      log.warn({ url: request.url, problem }, 'request refused');
      return send(reply, fail('FORBIDDEN', problem));
    }
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    // a byte range past the end of a /media file: 416 with the file size in Content-Range, as players expect
    if (error.statusCode === 416) {
      const range = unsatisfiedRange(error);
      if (range !== null) void reply.header('content-range', range);
      return reply.code(416).send();
    }
    const result = errorResult(error);
    if (!result.ok && result.error.code === 'INTERNAL') log.error({ err: error }, 'unhandled error');
    return send(reply, result);
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  app.get('/api/ws', { websocket: true }, (socket) => {
    const unsubscribe = options.events.subscribe((message) => socket.send(JSON.stringify(message)));
    let alive = true;
    socket.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, 30_000);
    socket.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });
  app.get('/api/health', (_request, reply) => reply.send({ ok: true }));
  app.get('/api/contract', (_request, reply) => reply.send(contract));
  app.post<{ Params: { channel: string } }>('/api/:channel', async (request, reply) => {
    const result = await options.dispatch(request.params.channel, request.body === undefined ? {} : request.body);
    return send(reply, result);
  });

  if (options.live) registerLiveRoute(app, options.live);
  const caCertificate = options.caCertificate;
  if (caCertificate) {
    app.get('/ca.crt', (_request, reply) =>
      reply
        .header('content-type', 'application/x-x509-ca-cert')
        .header('content-disposition', 'attachment; filename="anxun-ca.crt"')
        .send(caCertificate()),
    );
  }
  if (options.mediaDir) {
    mkdirSync(options.mediaDir, { recursive: true });
    await app.register(fastifyStatic, {
      root: options.mediaDir,
      prefix: '/media/',
      decorateReply: false,
      index: false,
      list: false,
      dotfiles: 'deny',
      cacheControl: false,
    });
  }
  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/', index: 'index.html' });
  } else {
    log.warn({ staticDir: options.staticDir }, 'renderer not built: serving the API only (run `npm run build`)');
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return send(reply, fail('UNKNOWN_CHANNEL', 'no such API route'));
    return send(reply, fail('NOT_FOUND', 'not found'));
  });

  // Upgrade requests leave fastify's connection tracking; keep our own list so close() never waits on a client.
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}/`;
  log.info({ url, loopbackOnly }, 'HTTP shell listening');
  return {
    url,
    port,
    close: async () => {
      for (const client of app.websocketServer.clients) client.terminate();
      const closing = app.close();
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
