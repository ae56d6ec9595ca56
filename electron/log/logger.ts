/**
 * Structured, levelled logging: JSON lines to a rotating file in the data folder, a short human line to
 * stderr, and an in-memory ring for the UI. Every argument passes through redaction first, so a camera
 * password inside a URL never reaches any of them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger as PinoLogger, type StreamEntry } from 'pino';
import pinoRoll from 'pino-roll';
import type { LogLevel } from '../api/contract';
import { levelName, LogRing } from './log-ring';
import { redactDeep } from './redact';

export type Logger = PinoLogger;

export interface LoggerOptions {
  level: LogLevel;
  /** Folder for rotating log files; null writes no file (tests, or before a data folder exists). */
  dir: string | null;
  fileSizeMb: number;
  keepFiles: number;
  /** Write a human-readable line per entry to stderr. */
  stderr: boolean;
}

export interface LogHandle {
  logger: Logger;
  ring: LogRing;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

function stderrLine(line: string): string {
  try {
    const r = JSON.parse(line) as Record<string, unknown>;
    const time = new Date(typeof r['time'] === 'number' ? r['time'] : Date.now()).toISOString().slice(11, 23);
    const level = levelName(r['level']).toUpperCase().padEnd(5);
    const module = typeof r['module'] === 'string' ? ` [${r['module']}]` : '';
    const err = r['err'] as { message?: unknown } | undefined;
    const detail = err && typeof err.message === 'string' ? ` (${err.message})` : '';
    return `${time} ${level}${module} ${typeof r['msg'] === 'string' ? r['msg'] : ''}${detail}\n`;
  } catch {
    return line;
  }
}

export async function createLogger(options: LoggerOptions): Promise<LogHandle> {
  const ring = new LogRing();
  const streams: StreamEntry[] = [{ level: 'trace', stream: ring }];
  if (options.stderr) {
    streams.push({ level: options.level, stream: { write: (line: string) => process.stderr.write(stderrLine(line)) } });
  }
  let file: Awaited<ReturnType<typeof pinoRoll>> | null = null;
  if (options.dir !== null) {
    mkdirSync(options.dir, { recursive: true });
    file = await pinoRoll({
      file: join(options.dir, 'anxun'),
      extension: '.log',
      size: `${options.fileSizeMb}m`,
      limit: { count: options.keepFiles },
    });
    streams.push({ level: options.level, stream: file });
  }
  const logger = pino(
    {
      level: options.level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
  return {
    logger,
    ring,
    close: () =>
      new Promise<void>((resolve) => {
        if (!file) return resolve();
        // end() writes what is buffered, then closes; 'close' fires once the file is really closed.
        file.once('close', () => resolve());
        file.once('error', () => resolve());
        file.end();
      }),
  };
}

/** A logger that writes nowhere: for unit tests of code that takes a logger. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
