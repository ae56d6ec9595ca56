/**
 * The phone's WebSocket (`/api/me/ws`): the first message authenticates (`{type:'auth', token}`; no token in the
 * URL), then the phone hears `me:task-changed` for its inspector's own tasks only, including one newly dispatched
 * to them and one taken away. A revoked phone, or an inspector put off duty, is closed at once.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { INSPECTOR_WS_PATH, WS_CLOSE, WsClientMessageSchema, type WsServerMessage } from '../api/inspector-contract';
import type { PushBus } from '../engine/push-bus';
import { InspectorApiError } from '../engine/inspectors-errors';
import type { InspectorService } from '../engine/inspectors';

export interface LanWsOptions {
  inspectors: InspectorService;
  events: PushBus;
  /** The inspectors a task is dispatched to now; null when there is no such task. */
  assignees: (taskId: string) => string[] | null;
  /** The inspector's open tasks now (known at authentication). */
  ownTasks: (inspectorId: string) => string[];
}

const AUTH_TIMEOUT_MS = 10_000;

export function registerLanWs(app: FastifyInstance, options: LanWsOptions): void {
  app.get(INSPECTOR_WS_PATH, { websocket: true }, (socket: WebSocket) => {
    const send = (message: WsServerMessage) => socket.send(JSON.stringify(message));
    const cleanups: (() => void)[] = [];
    const timer = setTimeout(() => socket.close(WS_CLOSE.unauthorized, 'no auth'), AUTH_TIMEOUT_MS);
    let authed = false;
    socket.on('message', (data: Buffer) => {
      if (authed) return;
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString('utf8'));
      } catch {
        raw = null;
      }
      const parsed = WsClientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        send({ type: 'auth:failed', reason: 'TOKEN_MISSING' });
        socket.close(WS_CLOSE.unauthorized, 'no auth');
        return;
      }
      try {
        const me = options.inspectors.authenticateToken(parsed.data.token);
        authed = true;
        clearTimeout(timer);
        const inspectorId = me.inspector.id;
        const known = new Set(options.ownTasks(inspectorId));
        cleanups.push(
          options.events.subscribe((message) => {
            if (message.type !== 'tasks:changed') return;
            const { id, number, change, state } = message.payload;
            const mine = options.assignees(id)?.includes(inspectorId) ?? false;
            if (!mine && !known.has(id)) return;
            const assigned = mine && !known.has(id);
            if (mine) known.add(id);
            else known.delete(id);
            send({ type: 'me:task-changed', payload: { id, number, change, state, assigned, removed: !mine } });
          }),
          options.inspectors.onRevoked((revokedInspector, deviceId) => {
            if (revokedInspector !== inspectorId || (deviceId !== null && deviceId !== me.device.id)) return;
            socket.close(deviceId === null ? WS_CLOSE.inactive : WS_CLOSE.unauthorized, 'revoked');
          }),
        );
        send({ type: 'auth:ok', inspectorId });
      } catch (error) {
        const reason = error instanceof InspectorApiError ? (error.reason ?? error.code) : 'TOKEN_INVALID';
        send({ type: 'auth:failed', reason });
        const inactive = error instanceof InspectorApiError && error.code === 'FORBIDDEN';
        socket.close(inactive ? WS_CLOSE.inactive : WS_CLOSE.unauthorized, 'refused');
      }
    });
    let alive = true;
    socket.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, 30_000);
    socket.on('close', () => {
      clearTimeout(timer);
      clearInterval(ping);
      cleanups.forEach((c) => c());
    });
  });
}
