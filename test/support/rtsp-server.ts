/**
 * A real RTSP camera for tests: starts test/support/rtsp-server.py (GStreamer's RTSP server) with the system's
 * python3 on a free loopback port, waits until it accepts connections, and stops it again. freeze()/thaw()
 * stop and continue the process (SIGSTOP/SIGCONT) for tests of a camera that hangs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'test/support/rtsp-server.py');
/** Debian's python3: it has the GStreamer bindings; another python3 earlier on PATH may not. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface RtspServerOptions {
  /** A clip under fixtures/clips (H.264 MP4), or an absolute path. */
  clip: string;
  mount?: string;
  /** A fixed port (to restart a server where cameras expect it); default: a free one. */
  port?: number;
  user?: string;
  password?: string;
  startTimeoutMs?: number;
}

export interface RtspServer {
  port: number;
  mount: string;
  /** rtsp://127.0.0.1:PORT/MOUNT, with the credentials when given. */
  url(credentials?: { user: string; password: string }): string;
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export function canServeRtsp(): boolean {
  return existsSync(SYSTEM_PYTHON);
}

function waitForPort(port: number, deadline: number): Promise<void> {
  return new Promise((resolvePort, reject) => {
    const attempt = (): void => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolvePort();
      });
      socket.once('error', (error) => {
        socket.destroy();
        if (Date.now() > deadline) reject(error);
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function readyPort(child: ChildProcess, deadline: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`RTSP server not ready in time: ${err}`)), deadline - Date.now());
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^READY (\d+)$/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolvePort(Number(m[1]));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`RTSP server exited (${code}): ${err}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolveStop();
    });
    child.kill('SIGCONT');
    child.kill('SIGTERM');
  });
}

export async function startRtspServer(options: RtspServerOptions): Promise<RtspServer> {
  const mount = options.mount ?? '/stream';
  const clip = resolve(ROOT, 'fixtures/clips', options.clip);
  const args = [SCRIPT, '--file', clip, '--port', String(options.port ?? 0), '--mount', mount];
  if (options.user !== undefined) args.push('--user', options.user, '--password', options.password ?? '');
  const child = spawn(SYSTEM_PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  try {
    const port = await readyPort(child, deadline);
    await waitForPort(port, deadline);
    return {
      port,
      mount,
      url: (c) =>
        `rtsp://${c ? `${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@` : ''}127.0.0.1:${port}${mount}`,
      freeze: () => void child.kill('SIGSTOP'),
      thaw: () => void child.kill('SIGCONT'),
      stop: () => stopChild(child),
    };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
