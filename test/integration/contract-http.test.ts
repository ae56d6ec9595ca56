import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CHANNELS, parsePushMessage, type PushMessage } from '../../electron/api/contract';
import { ApiErrorSchema } from '../../electron/api/result';
import { startHttpShell, type HttpShell } from '../../electron/server/http-server';
import { MIGRATIONS } from '../../electron/store/migrations';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { wrongInputs } from '../support/wrong-inputs';

let t: TestEngine;
let shell: HttpShell;

async function post(path: string, body: string | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, shell.url), {
    method: 'POST',
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function errorOf(json: Record<string, unknown>) {
  expect(json['ok']).toBe(false);
  return ApiErrorSchema.parse(json['error']);
}

beforeAll(async () => {
  t = await startTestEngine();
  shell = await startHttpShell({
    host: '127.0.0.1',
    port: 0,
    bodyLimitKb: 16,
    dispatch: t.dispatch,
    events: t.engine.events,
    logger: t.log.logger,
    staticDir: null,
  });
});

afterAll(async () => {
  await shell.close();
  await t.close();
});

describe('HTTP shell: every request in the contract rejects wrong-typed bodies with a 4xx error code', () => {
  for (const channel of CHANNELS) {
    for (const wrong of wrongInputs(channel)) {
      it(`${channel} given ${wrong.label}`, async () => {
        const { status, json } = await post(`/api/${channel}`, JSON.stringify(wrong.body));
        expect(status).toBe(400);
        const error = errorOf(json);
        expect(error.code).toBe('INVALID_REQUEST');
        expect(error.issues?.length).toBeGreaterThan(0);
        // the field itself, or inside it (a tagged union blames its missing tag: `command.type`)
        const field = wrong.path;
        if (field) expect(error.issues?.some((i) => i.path === field || i.path.startsWith(`${field}.`))).toBe(true);
      });
    }
  }

  it('still answers valid requests afterwards', async () => {
    const { status, json } = await post('/api/system:status', '{}');
    expect(status).toBe(200);
    expect(json['ok']).toBe(true);
  });
});

describe('HTTP shell: transport errors are data with stable codes', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const { status, json } = await post('/api/system:status', '{"oops":');
    expect(status).toBe(400);
    expect(errorOf(json).code).toBe('MALFORMED_JSON');
  });

  it('unknown request → 404 UNKNOWN_CHANNEL', async () => {
    const { status, json } = await post('/api/cameras:explode', '{}');
    expect(status).toBe(404);
    expect(errorOf(json).code).toBe('UNKNOWN_CHANNEL');
  });

  it('a body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const { status, json } = await post('/api/preferences:update', JSON.stringify({ language: 'x'.repeat(40_000) }));
    expect(status).toBe(413);
    expect(errorOf(json).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON → 400 INVALID_REQUEST', async () => {
    const { status, json } = await post('/api/system:status', undefined, { 'content-type': 'text/plain' });
    expect(status).toBe(400);
    expect(errorOf(json).code).toBe('INVALID_REQUEST');
  });

  it('a cross-origin browser request → 403 FORBIDDEN', async () => {
    const { status, json } = await post('/api/preferences:update', '{"language":"en"}', {
      origin: 'http://evil.example',
    });
    expect(status).toBe(403);
    expect(errorOf(json).code).toBe('FORBIDDEN');
    expect((await post('/api/preferences:get', '{}')).json).toMatchObject({ ok: true, data: { language: 'zh-CN' } });
  });

  it('a foreign Host header while bound to loopback (DNS rebinding) → 403 FORBIDDEN', async () => {
    // fetch() cannot set Host, so this one goes through node:http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(new URL('/api/system:status', shell.url), {
        method: 'POST',
        headers: { host: 'attacker.example', 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the contract as JSON Schema', async () => {
    const response = await fetch(new URL('/api/contract', shell.url));
    const doc = (await response.json()) as { requests: Record<string, unknown> };
    expect(Object.keys(doc.requests).sort()).toEqual([...CHANNELS].sort());
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('HTTP shell: requests and pushes round-trip', () => {
  it('reports real versions in system:status', async () => {
    const { json } = await post('/api/system:status', '{}');
    expect(json).toMatchObject({ ok: true, data: { shell: 'http', database: { schemaVersion: MIGRATIONS.length } } });
    const data = json['data'] as { versions: { onnxruntime: string; sqlite: string } };
    expect(data.versions.onnxruntime).toMatch(/^\d+\.\d+\.\d+/);
    expect(data.versions.sqlite).toMatch(/^3\.\d+/);
  });

  it('pushes preferences:changed over the WebSocket when preferences change', async () => {
    const ws = new WebSocket(new URL('/api/ws', shell.url.replace('http', 'ws')));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const received = new Promise<PushMessage | null>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const message = parsePushMessage(JSON.parse(data.toString('utf8')));
        if (message?.type === 'preferences:changed') resolve(message);
      }),
    );
    const { json } = await post('/api/preferences:update', '{"language":"en"}');
    expect(json).toEqual({ ok: true, data: { language: 'en' } });
    expect(await received).toEqual({ type: 'preferences:changed', payload: { language: 'en' } });
    ws.close();
    expect((await post('/api/preferences:get', '{}')).json).toEqual({ ok: true, data: { language: 'en' } });
  });

  it('refuses a WebSocket from another origin', async () => {
    const ws = new WebSocket(new URL('/api/ws', shell.url.replace('http', 'ws')), { origin: 'http://evil.example' });
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
      ws.once('error', () => resolve('error'));
    });
    expect(outcome).toBe('http 403');
  });
});
