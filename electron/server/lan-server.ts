/**
 * The HTTPS listener on the LAN for inspectors' phones (geolocation and the camera need a secure context). It
 * serves only: the phone page at /phone/, the CA certificate at /ca.crt, pairing, the inspectors' own routes,
 * uploads, the phone's WebSocket and /media/ files of the caller's own tasks. Everything else answers 404. The
 * desktop's API stays on the loopback HTTP shell.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname, networkInterfaces } from 'node:os';
import { join, normalize, sep } from 'node:path';
import type { Socket } from 'node:net';
import { createReadStream } from 'node:fs';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { PHONE_PAGE_PATH, PHONE_SW_PATH, type InspectorError } from '../api/inspector-contract';
import { certificateSans, lanAddress } from '../domain/pairing';
import type { InspectorService } from '../engine/inspectors';
import type { MeService } from '../engine/inspectors-me';
import type { UploadService } from '../engine/inspectors-uploads';
import type { PushBus } from '../engine/push-bus';
import type { Logger } from '../log/logger';
import type { InspectorDevicesRepo } from '../store/inspector-devices-repo';
import { registerLanRoutes, sendError } from './lan-routes';
import { registerLanWs } from './lan-ws';
import { PairThrottle } from './pair-throttle';
import { phonePageVersion, phoneServiceWorker } from './phone-sw';
import { checkRequestOrigin, SECURITY_HEADERS } from './security';
import { ensureTls, TLS_DIR } from './tls';

export interface LanServerOptions {
  host: string;
  port: number;
  dataDir: string;
  /** The built renderer (phone.html and assets/); null serves no page. */
  staticDir: string | null;
  mediaDir: string;
  inspectors: InspectorService;
  me: MeService;
  uploads: UploadService;
  repo: InspectorDevicesRepo;
  events: PushBus;
  assignees: (taskId: string) => string[] | null;
  ownTasks: (inspectorId: string) => string[];
  logger: Logger;
  throttle?: PairThrottle;
}

export interface LanServer {
  /** `https://<lan-ip>:<port>/phone/` (or 127.0.0.1 when the machine has no LAN address). */
  url: string;
  port: number;
  caPem: string;
  caFingerprint: string;
  close(): Promise<void>;
}

const CA_TYPE = 'application/x-x509-ca-cert';
const ASSET = /^[A-Za-z0-9_.-]+$/;
const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

function errorOf(error: FastifyError): InspectorError {
  const status = error.statusCode ?? 500;
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: 'request body too large', reason: 'TOO_LARGE' };
  if (status < 500 && /JSON/i.test(`${error.code ?? ''} ${error.message}`)) {
    return { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' };
  }
  if (status < 500) return { code: 'INVALID_REQUEST', message: 'send the request as application/json' };
  return { code: 'INTERNAL', message: 'internal error' };
}

export async function startLanServer(options: LanServerOptions): Promise<LanServer> {
  const log = options.logger.child({ module: 'lan' });
  const sans = certificateSans(networkInterfaces(), hostname());
  const tls = ensureTls(join(options.dataDir, TLS_DIR), sans);
  if (tls.renewed) log.info({ ips: sans.ips, dns: sans.dns }, 'LAN server certificate made');
  const app = Fastify({
    https: { key: tls.keyPem, cert: tls.certPem },
    bodyLimit: 64 * 1024,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: true,
  });
  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    reply.header('strict-transport-security', 'max-age=31536000');
  });
  app.addHook('onRequest', async (request, reply) => {
    const problem = checkRequestOrigin({ host: request.headers.host, origin: request.headers.origin }, false);
    if (problem) return sendError(reply, { code: 'FORBIDDEN', message: problem });
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const e = errorOf(error);
    if (e.code === 'INTERNAL') log.error({ err: error }, 'unhandled error');
    return sendError(reply, e);
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: 4 * 1024 } });
  registerLanWs(app, {
    inspectors: options.inspectors,
    events: options.events,
    assignees: options.assignees,
    ownTasks: options.ownTasks,
  });
  registerLanRoutes(app, {
    inspectors: options.inspectors,
    me: options.me,
    uploads: options.uploads,
    media: { dir: normalize(options.mediaDir), repo: options.repo },
    throttle: options.throttle ?? new PairThrottle(),
    logger: options.logger,
  });
  app.get('/ca.crt', (_request, reply) =>
    reply
      .header('content-type', CA_TYPE)
      .header('content-disposition', 'attachment; filename="anxun-ca.crt"')
      .send(tls.caPem),
  );
  registerPhonePage(app, options.staticDir);
  app.setNotFoundHandler((_request, reply) => sendError(reply, { code: 'NOT_FOUND', message: 'not found' }));

  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = options.host === '0.0.0.0' ? (lanAddress(sans) ?? '127.0.0.1') : options.host;
  const origin = `https://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  options.inspectors.setLan({ origin, caFingerprint: tls.caFingerprint });
  log.info({ url: `${origin}/phone/` }, 'LAN listener (HTTPS) for phones');
  return {
    url: `${origin}/phone/`,
    port,
    caPem: tls.caPem,
    caFingerprint: tls.caFingerprint,
    close: async () => {
      options.inspectors.setLan(null);
      for (const client of app.websocketServer.clients) client.terminate();
      const closing = app.close();
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}

/**
 * `/phone/` → phone.html, `/phone/assets/<file>` → the built assets, `/phone/sw.js` → the page's service worker
 * (phone-sw.ts); nothing else of the renderer.
 */
function registerPhonePage(app: FastifyInstance, staticDir: string | null): void {
  const page = staticDir ? join(staticDir, 'phone.html') : null;
  const assets = staticDir ? normalize(join(staticDir, 'assets')) : null;
  app.get('/phone', (_request, reply) => reply.redirect(PHONE_PAGE_PATH, 301));
  app.get(PHONE_PAGE_PATH, async (_request, reply) => {
    if (!page || !existsSync(page)) {
      return sendError(reply, { code: 'NOT_FOUND', message: 'the phone page is not built (npm run build)' });
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await readFile(page));
  });
  app.get(PHONE_SW_PATH, async (_request, reply) => {
    if (!page || !existsSync(page)) return sendError(reply, { code: 'NOT_FOUND', message: 'not found' });
    const version = phonePageVersion(await readFile(page));
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(phoneServiceWorker(version));
  });
  app.get<{ Params: { file: string } }>('/phone/assets/:file', (request, reply) => {
    const file = request.params.file;
    const path = assets ? normalize(join(assets, file)) : null;
    if (!assets || !path || !ASSET.test(file) || !path.startsWith(assets + sep) || !existsSync(path)) {
      return sendError(reply, { code: 'NOT_FOUND', message: 'not found' });
    }
    const type = ASSET_TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
    return reply
      .header('content-type', type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(path));
  });
}
