/**
 * Starts `anxun serve` on a free port with a fresh data folder, for one spec file, and stops it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:43123/`. */
  url: string;
  /** With `lan: true`: the phone page on the HTTPS LAN listener, e.g. `https://127.0.0.1:43124/phone/`. */
  lanUrl: string | null;
  dataDir: string;
  /** Everything the server wrote to stderr so far, to show when a test fails. */
  stderr: () => string;
  stop: () => Promise<void>;
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\//;
/** The line `anxun serve --lan` prints for phones. */
const LAN_URL_PATTERN = /Phones \(LAN, HTTPS\): (https:\/\/127\.0\.0\.1:\d+\/phone\/)/;

export async function startServer(
  options: { timeoutMs?: number; args?: string[]; lan?: boolean } = {},
): Promise<RunningServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dataDir = mkdtempSync(join(tmpdir(), 'anxun-e2e-'));
  // The LAN listener on loopback and a free port: the phone tests reach it as https://127.0.0.1:<port>/phone/.
  const lanArgs = options.lan ? ['--lan', '--lan-host', '127.0.0.1', '--lan-port', '0'] : [];
  const args = ['bin/anxun.js', 'serve', '--port', '0', '--data', dataDir, ...lanArgs, ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async (): Promise<void> => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL on stdout after ${timeoutMs} ms`)), timeoutMs);
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = URL_PATTERN.exec(stdout);
        if (match && (!options.lan || LAN_URL_PATTERN.test(stdout))) {
          clearTimeout(timer);
          resolveUrl(match[0]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited early (code ${String(code)}, signal ${String(signal)})`));
      });
    });
    const lanUrl = options.lan ? (LAN_URL_PATTERN.exec(stdout)?.[1] ?? null) : null;
    return { url, lanUrl, dataDir, stderr: () => stderr, stop };
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`anxun serve did not start: ${reason}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`, {
      cause: error,
    });
  }
}

/** SIGTERM, then SIGKILL if the process is still there after a few seconds. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
