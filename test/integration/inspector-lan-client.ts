/**
 * A small HTTPS client for the LAN listener in tests: Node's https with the listener's own CA as the only trusted
 * root (rejectUnauthorized stays on), so every call also proves the certificate chain and its names.
 */
import { request } from 'node:https';
import type { Readable } from 'node:stream';

export interface LanAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): { ok: boolean; data?: unknown; error?: { code: string; reason?: string; retryAfterS?: number } };
}

export interface LanCall {
  method?: string;
  token?: string;
  json?: unknown;
  raw?: Buffer | Readable;
  headers?: Record<string, string>;
  ca?: string | null;
}

export function lanClient(base: string, ca: string) {
  return (path: string, call: LanCall = {}): Promise<LanAnswer> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const headers: Record<string, string> = { ...call.headers };
      if (call.token !== undefined) headers['authorization'] = `Bearer ${call.token}`;
      let payload: Buffer | Readable | undefined;
      if (call.json !== undefined) {
        payload = Buffer.from(typeof call.json === 'string' ? call.json : JSON.stringify(call.json));
        headers['content-type'] ??= 'application/json';
      } else if (call.raw !== undefined) payload = call.raw;
      if (Buffer.isBuffer(payload)) headers['content-length'] = String(payload.length);
      const req = request(
        url,
        {
          method: call.method ?? (payload === undefined ? 'GET' : 'POST'),
          headers,
          ...(call.ca === null ? {} : { ca: call.ca ?? ca }),
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              json: () => JSON.parse(body.toString('utf8')) as ReturnType<LanAnswer['json']>,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (payload === undefined) req.end();
      else if (Buffer.isBuffer(payload)) req.end(payload);
      else {
        payload.on('error', () => req.destroy());
        payload.pipe(req);
      }
    });
}
