/**
 * The phone's WebSocket over the HTTPS LAN listener (real engine, SQLite, TLS): authenticated by its first
 * message, it hears about the inspector's own tasks only (a new one flagged `assigned`), refuses a wrong token,
 * and closes when the phone is revoked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PairOutput } from '../../electron/api/inspector-contract';
import type { TaskView } from '../../electron/api/tasks-contract';
import type { LanServer } from '../../electron/server/lan-server';
import { startLanListener } from '../../electron/server/lan-start';
import { startTestEngine, type TestEngine } from '../support/test-engine';
import { until } from '../support/until';
import { lanClient } from './inspector-lan-client';

const ROOT = join(import.meta.dirname, '../..');
const file = (name: string) => ({
  name,
  contentBase64: readFileSync(join(ROOT, 'fixtures/grid', name)).toString('base64'),
});
const operator = { role: 'operator', id: 'op-li', name: '李值班' } as const;

describe('the phone WebSocket', () => {
  let t: TestEngine;
  let lan: LanServer;

  async function desk<T>(channel: string, input: unknown): Promise<T> {
    const r = await t.dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  }
  async function pair(inspectorId: string): Promise<PairOutput> {
    const code = await desk<{ code: string }>('inspectors:pair', { inspectorId });
    const answer = await lanClient(lan.url, lan.caPem)('/api/pair', { json: { code: code.code, deviceName: 'ws' } });
    return answer.json().data as PairOutput;
  }
  function connect(): { socket: WebSocket; messages: unknown[]; closed: Promise<number> } {
    const socket = new WebSocket(new URL('/api/me/ws', lan.url).href.replace('https:', 'wss:'), { ca: lan.caPem });
    const messages: unknown[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    return { socket, messages, closed };
  }
  const opened = (socket: WebSocket) => new Promise((resolve) => socket.once('open', resolve));

  beforeAll(async () => {
    t = await startTestEngine();
    await desk('grid:import', { files: [file('grid.csv'), file('inspectors.csv')], mode: 'replace' });
    lan = await startLanListener({
      engine: t.engine,
      lan: { enabled: true, host: '127.0.0.1', port: 0 },
      dataDir: t.dataDir,
      staticDir: null,
      logger: t.log.logger,
    });
  });
  afterAll(async () => {
    await lan?.close();
    await t?.close();
  });

  it('pushes the inspector’s own new tasks only, and closes when the phone is revoked', async () => {
    const chen = await pair('WG-0101');
    const ws = connect();
    await opened(ws.socket);
    ws.socket.send(JSON.stringify({ type: 'auth', token: chen.token }));
    await until(
      () => Promise.resolve(ws.messages.length),
      (n) => n > 0,
      5000,
    );
    expect(ws.messages[0]).toEqual({ type: 'auth:ok', inspectorId: 'WG-0101' });

    const create = (cellCode: string) =>
      desk<TaskView>('tasks:create', {
        source: 'patrol',
        category: 'smoke',
        severity: 'yellow',
        title: `烟雾 ${cellCode}`,
        cellCode,
        actor: operator,
        dispatch: 'grid',
      });
    const other = await create('330199101001-03');
    const mine = await create('330199101001-01');
    await until(
      () => Promise.resolve(ws.messages.length),
      (n) => n >= 2,
      5000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const changes = ws.messages.slice(1) as { type: string; payload: { id: string; assigned: boolean } }[];
    expect(changes.every((m) => m.type === 'me:task-changed' && m.payload.id === mine.id)).toBe(true);
    expect(changes[0]?.payload).toMatchObject({ id: mine.id, assigned: true, removed: false, state: 'dispatched' });
    expect(JSON.stringify(ws.messages)).not.toContain(other.id);

    await desk('inspectors:revoke', { deviceId: chen.device.id });
    expect(await ws.closed).toBe(4401);
  });

  it('refuses a wrong token with auth:failed and close code 4401', async () => {
    const ws = connect();
    await opened(ws.socket);
    ws.socket.send(JSON.stringify({ type: 'auth', token: 'B'.repeat(43) }));
    expect(await ws.closed).toBe(4401);
    expect(ws.messages).toEqual([{ type: 'auth:failed', reason: 'TOKEN_INVALID' }]);
  });
});
