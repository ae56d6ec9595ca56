/**
 * CPU time and memory of processes from Linux's /proc, for `npm run bench:ingest`. One method for every side:
 * utime + stime of /proc/<pid>/stat and VmRSS of /proc/<pid>/status, sampled every `periodMs` from the bench's
 * own process (so the sampling costs neither side anything), keeping each process's last figures after it is gone.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
}
const TICKS = clockTicks();

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** Identifies the process together with pid (pids are reused). */
  startTime: number;
  cpuSeconds: number;
}

export function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    const rest = text.slice(close + 2).split(' ');
    // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22
    return {
      pid,
      ppid: Number(rest[1]),
      comm: text.slice(open + 1, close),
      startTime: Number(rest[19]),
      cpuSeconds: (Number(rest[11]) + Number(rest[12])) / TICKS,
    };
  } catch {
    return null;
  }
}

/** Resident memory in bytes, or null when the process is gone. */
export function readRss(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Every live process whose parent is `ppid`. */
export function childrenOf(ppid: number): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s?.ppid === ppid) out.push(s);
  }
  return out;
}

export interface GroupFigures {
  /** CPU seconds used by the group's processes between mark() and now. */
  cpuSeconds: number;
  /** The highest sampled sum of the group's resident memory, bytes. */
  peakRss: number;
}

/**
 * A set of processes measured together: `pids()` is asked at each sample which processes belong to the group
 * now (e.g. "the node process and its ffmpeg children"); a process seen once stays counted after it exits.
 */
export class ProcGroup {
  private readonly last = new Map<string, number>();
  private readonly base = new Map<string, number>();
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pids: () => number[],
    private readonly periodMs = 250,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.periodMs);
    return this;
  }

  sample(): void {
    let rss = 0;
    for (const pid of this.pids()) {
      const s = readStat(pid);
      if (!s) continue;
      this.last.set(`${s.pid}@${s.startTime}`, s.cpuSeconds);
      rss += readRss(pid) ?? 0;
    }
    this.peak = Math.max(this.peak, rss);
  }

  /** Starts the CPU window: what was used so far does not count. Keeps the memory peak. */
  mark(): void {
    this.sample();
    this.base.clear();
    for (const [key, cpu] of this.last) this.base.set(key, cpu);
  }

  figures(): GroupFigures {
    this.sample();
    let cpuSeconds = 0;
    for (const [key, cpu] of this.last) cpuSeconds += cpu - (this.base.get(key) ?? 0);
    return { cpuSeconds, peakRss: this.peak };
  }

  stop(): GroupFigures {
    const f = this.figures();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return f;
  }
}
