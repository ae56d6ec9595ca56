/** Runs the built `anxun` command (bin/anxun.js → out/main/cli.js) the way a user does. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/anxun.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function requireBuiltCli(): void {
  if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('the CLI is not built: run `npm run build` first');
}

/** Blocks until the command ends. */
export function anxunSync(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    env: { ...process.env, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Does not block the event loop: for tests whose servers live in the test process. */
export function anxun(args: string[]): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** One line of `anxun analyze --json`: an alert, incident or task change, or the closing summary. */
export interface JsonLine {
  type: string;
  [key: string]: unknown;
}

/** The JSON lines a `--json` command printed, in order. */
export function jsonLines(stdout: string): JsonLine[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JsonLine);
}
