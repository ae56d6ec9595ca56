import type { LogEntry, LogLevel } from '../api/contract';
import { LOG_LEVELS } from '../api/contract';

const PINO_LEVELS: Record<number, LogLevel> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

export function levelName(level: unknown): LogLevel {
  return (typeof level === 'number' && PINO_LEVELS[level]) || 'info';
}

export function levelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

/** The last N log entries in memory, for the status screen and the `log:written` push. */
export class LogRing {
  private readonly entries: LogEntry[] = [];
  private readonly listeners = new Set<(entry: LogEntry) => void>();

  constructor(private readonly capacity = 1000) {}

  /** A pino destination: receives one JSON line per call. */
  write(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const entry: LogEntry = {
      time: new Date(typeof record['time'] === 'number' ? record['time'] : Date.now()).toISOString(),
      level: levelName(record['level']),
      msg: typeof record['msg'] === 'string' ? record['msg'] : '',
      module: typeof record['module'] === 'string' ? record['module'] : null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const listener of this.listeners) listener(entry);
  }

  /** Newest last. */
  recent(limit: number, minLevel: LogLevel): LogEntry[] {
    const min = levelRank(minLevel);
    return this.entries.filter((e) => levelRank(e.level) >= min).slice(-limit);
  }

  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
