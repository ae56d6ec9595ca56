/**
 * Patrol tasks survive a crash of the process that writes them. A child process (test/support/task-burst.ts)
 * drives tasks through their lifecycles with the real TasksRepo on a real SQLite file and acknowledges each
 * committed create or transition on stdout; the test kills it with SIGKILL at a random moment (while it opens the
 * file, or in the middle of its burst), reopens the file and checks that:
 *
 * - every acknowledged transition is in the audit log, at its seq, with its command, state and client id;
 * - every task's audit seqs are exactly 1..version, each row starts where the one before ended, the task's state
 *   is the last row's, its assignees those of the last dispatch, reassign or return, and replaying its audit
 *   rows through the lifecycle (`transition`) gives back the task as stored: nothing is half-applied;
 * - a command sent with a client id whose acknowledgement was lost, sent again by the next run (a phone's
 *   offline queue after a crash), is applied exactly once: a replay when it was committed before the kill;
 * - PRAGMA integrity_check and foreign_key_check are clean.
 *
 * The next run continues on the same file, so opening after a kill (WAL recovery) is exercised every time.
 *
 * What this proves, and what not: openDatabase uses WAL with synchronous=NORMAL, which keeps every committed
 * transaction across a crash of the process (the WAL frames are in the operating system's page cache once
 * COMMIT returns) but not across a power loss or an OS crash, where the last transactions before the failure may
 * be lost (never half-applied). SIGKILL is exactly a process crash; power loss is not tested here.
 *
 * The command choices repeat with TASKS_DURABILITY_SEED; the kill moments are timing and do not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TASK_LIMITS } from '../../electron/domain/task-deadlines';
import {
  ESCALATION_LEVELS,
  FALSE_ALARM_REASONS,
  OUTCOMES,
  reportTask,
  transition,
  type EscalationLevel,
  type TaskCommand,
  type TaskCore,
} from '../../electron/domain/task-lifecycle';
import { openDatabase, type Database } from '../../electron/store/database';
import { TasksRepo, type AuditRow, type TaskRecord } from '../../electron/store/tasks-repo';
import { ROOT } from '../support/cli';
import type { BurstIntent, BurstLine } from '../support/task-burst';

const CHILD = join(ROOT, 'test/support/task-burst.ts');
const RUNS = Number(process.env.TASKS_DURABILITY_RUNS ?? 24);
const SEED = Number(process.env.TASKS_DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Ack = Extract<BurstLine, { k: 'ack' }>;

/** Children still running, and a flag that stops both chains once one has failed. */
const live = new Set<ChildProcess>();
const stop = { now: false };

interface KillPlan {
  /** Counted from the child's `start` line (it is about to open the file) or from its `ready` line (it works). */
  after: 'start' | 'ready';
  delayMs: number;
}

interface Run {
  lines: BurstLine[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  /** Killed as planned (not by the safety timeout). */
  planned: boolean;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one burst and kills it as planned; only whole lines count (a line cut by the kill is dropped). */
function burst(file: string, seed: number, resend: BurstIntent[], plan: KillPlan): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(seed), JSON.stringify(resend)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    const lines: BurstLine[] = [];
    let rest = '';
    let stderr = '';
    const timers: NodeJS.Timeout[] = [];
    let planned = false;
    // a child that never gets to its trigger line is killed anyway, and the test fails
    timers.push(setTimeout(() => child.kill('SIGKILL'), 30_000));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        const line = JSON.parse(part) as BurstLine;
        lines.push(line);
        if (line.k === plan.after) {
          timers.push(setTimeout(() => (planned = child.kill('SIGKILL')), plan.delayMs));
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code, signal) => {
      live.delete(child);
      for (const t of timers) clearTimeout(t);
      resolve({ lines, signal, code, stderr, planned });
    });
  });
}

function dataList(data: AuditRow['data'], key: string): string[] {
  const value = data?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The command an audit row records, rebuilt from its note and data. */
function commandOf(row: AuditRow): TaskCommand {
  const note = row.note ?? undefined;
  const reason = row.note ?? '';
  switch (row.command) {
    case 'report':
      throw new Error('a report row is not a command');
    case 'accept':
    case 'start':
    case 'verify':
    case 'close':
    case 'approve_extension':
    case 'resume':
      return { type: row.command, note };
    case 'dispatch':
    case 'reassign':
      return { type: row.command, assignees: dataList(row.data, 'assignees'), note };
    case 'return':
    case 'rework':
    case 'reject_extension':
    case 'park':
    case 'void':
    case 'auto_close':
      return { type: row.command, reason };
    case 'comment':
      return { type: 'comment', note: reason };
    case 'request_extension':
      return { type: 'request_extension', hours: Number(row.data?.hours), reason };
    case 'feedback': {
      const outcome = OUTCOMES.find((o) => o === row.data?.outcome);
      if (!outcome) throw new Error(`feedback row ${row.taskId}#${row.seq} has no outcome`);
      return { type: 'feedback', outcome, reason: FALSE_ALARM_REASONS.find((r) => r === row.data?.reason), note };
    }
    case 'escalate': {
      const level = ESCALATION_LEVELS.findIndex((l) => l === row.data?.level);
      if (level !== 1 && level !== 2) throw new Error(`escalate row ${row.taskId}#${row.seq} has no level`);
      return { type: 'escalate', level: level satisfies EscalationLevel, note };
    }
  }
}

/** The lifecycle's part of a task, assignees in order. */
function core(task: TaskCore): TaskCore {
  return {
    state: task.state,
    severity: task.severity,
    handlerRole: task.handlerRole,
    assignees: [...task.assignees].sort(),
    createdAt: task.createdAt,
    dueAt: task.dueAt,
    stageDueAt: task.stageDueAt,
    escalation: task.escalation,
    extension: task.extension,
    extendedH: task.extendedH,
    parkedFrom: task.parkedFrom,
    parkedAt: task.parkedAt,
    outcome: task.outcome,
    closedAt: task.closedAt,
    reworks: task.reworks,
    touched: task.touched,
  };
}

/** What is wrong with one task and its audit rows (nothing: an empty list). */
function taskProblems(task: TaskRecord, audit: AuditRow[]): string[] {
  const id = `task ${task.number} (${task.id})`;
  const seqs = audit.map((r) => r.seq);
  const expected = Array.from({ length: task.version }, (_, i) => i + 1);
  if (!isDeepStrictEqual(seqs, expected)) return [`${id}: audit seqs ${seqs.join(',')} for version ${task.version}`];
  const problems: string[] = [];
  const last = audit.at(-1);
  const first = audit[0];
  if (!first || !last) return [`${id}: no audit rows`];
  if (first.command !== 'report' || first.from !== null) problems.push(`${id}: first row is ${first.command}`);
  audit.forEach((row, i) => {
    const before = audit[i - 1];
    if (before && row.from !== before.to) problems.push(`${id}: row ${row.seq} from ${row.from}, not ${before.to}`);
  });
  if (task.state !== last.to) problems.push(`${id}: state ${task.state}, last audit row says ${last.to}`);
  if (task.updatedAt !== last.at) problems.push(`${id}: updated at ${task.updatedAt}, last audit row at ${last.at}`);
  const staffing = audit.findLast((r) => ['dispatch', 'reassign', 'return'].includes(r.command));
  const assignees = staffing ? dataList(staffing.data, 'assignees').sort() : [];
  if (!isDeepStrictEqual(assignees, [...task.assignees].sort())) {
    problems.push(
      `${id}: assignees ${task.assignees.join(',')}, last ${staffing?.command} says ${assignees.join(',')}`,
    );
  }
  // the audit log tells the whole story: replayed through the lifecycle it gives back the stored task
  let replayed = reportTask(
    { severity: task.severity, handlerRole: task.handlerRole, note: first.note },
    first.actor,
    first.at,
    DEFAULT_TASK_LIMITS,
  ).task;
  for (const row of audit.slice(1)) {
    const r = transition(replayed, commandOf(row), row.actor, row.at, DEFAULT_TASK_LIMITS);
    if (!r.ok) return [...problems, `${id}: row ${row.seq} (${row.command}) does not replay: ${r.code}`];
    if (r.task.state !== row.to) problems.push(`${id}: row ${row.seq} replays to ${r.task.state}, not ${row.to}`);
    replayed = r.task;
  }
  if (!isDeepStrictEqual(core(replayed), core(task))) {
    problems.push(`${id}: stored ${JSON.stringify(core(task))}, audit replays to ${JSON.stringify(core(replayed))}`);
  }
  return problems;
}

/** Everything wrong in the reopened file, given what the children acknowledged. */
function databaseProblems(db: Database, acks: readonly Ack[]): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk)}`);

  const row = db.prepare<[string, number], { command: string; to_state: string; client_id: string | null }>(
    'SELECT command, to_state, client_id FROM task_audit WHERE task_id = ? AND seq = ?',
  );
  for (const ack of acks) {
    const found = row.get(ack.task, ack.seq);
    const what = `acknowledged ${ack.command} of ${ack.task} at seq ${ack.seq}`;
    if (!found) problems.push(`${what}: missing`);
    else if (ack.command !== 'report' && (found.command !== ack.command || found.client_id !== ack.client)) {
      problems.push(`${what}: the row is ${found.command} with client id ${found.client_id}`);
    } else if (found.to_state !== ack.to) problems.push(`${what}: the row goes to ${found.to_state}, not ${ack.to}`);
  }

  const repo = new TasksRepo(db);
  for (const { id } of db.prepare<[], { id: string }>('SELECT id FROM tasks ORDER BY number').all()) {
    const task = repo.get(id);
    if (task) problems.push(...taskProblems(task, repo.audit(id)));
  }
  return problems.slice(0, 20);
}

interface Tally {
  kills: number;
  killedOpening: number;
  acks: number;
  resent: number;
  replays: number;
  tasks: number;
  rows: number;
}

/** `runs` bursts on one file, each killed, each followed by the checks; the next one starts on the same file. */
async function killChain(file: string, seed: number, runs: number): Promise<Tally> {
  const random = mulberry32(seed);
  const acks: Ack[] = [];
  /** Commands with a client id whose acknowledgement has not come yet, and whether each is in the file. */
  const pending = new Map<string, { intent: BurstIntent; committed: boolean }>();
  const tally: Tally = { kills: runs, killedOpening: 0, acks: 0, resent: 0, replays: 0, tasks: 0, rows: 0 };

  for (let run = 0; run < runs; run++) {
    const plan: KillPlan =
      // one run in six is killed while it opens the file (WAL recovery after the previous kill), the others mid-burst
      run % 6 === 5
        ? { after: 'start', delayMs: Math.floor(random() * 40) }
        : { after: 'ready', delayMs: Math.floor(random() * 400) };
    const resend = [...pending.values()].map((p) => p.intent);
    tally.resent += resend.length;
    const r = await burst(file, seed * 100 + run, resend, plan);
    if (stop.now) break;
    const context = `seed ${seed}, run ${run}, kill ${plan.delayMs} ms after ${plan.after} (exit ${r.code}): ${r.stderr}`;
    expect(r.signal, context).toBe('SIGKILL');
    expect(r.planned, context).toBe(true);
    expect(r.lines[0], context).toEqual({ k: 'start' });
    if (!r.lines.some((l) => l.k === 'ready')) tally.killedOpening += 1;

    for (const line of r.lines) {
      if (line.k === 'intent') {
        const { client, task, command, actor, at } = line;
        pending.set(client, { intent: { client, task, command, actor, at }, committed: false });
      }
      if (line.k !== 'ack') continue;
      acks.push(line);
      if (line.client === null) continue;
      const sent = pending.get(line.client);
      // a resent command is a replay exactly when its first sending was committed before the kill
      if (sent && resend.includes(sent.intent)) {
        expect(line.replayed, `${context}: resent ${line.client}`).toBe(sent.committed);
        if (line.replayed) tally.replays += 1;
      }
      pending.delete(line.client);
    }

    const { db } = openDatabase(file);
    try {
      expect(databaseProblems(db, acks), context).toEqual([]);
      const sent = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM task_audit WHERE client_id = ?');
      for (const [client, p] of pending) p.committed = (sent.get(client)?.n ?? 0) > 0;
      if (run === runs - 1) {
        tally.tasks = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tasks').get()?.n ?? 0;
        tally.rows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM task_audit').get()?.n ?? 0;
      }
    } finally {
      db.close();
    }
  }
  tally.acks = acks.length;
  return tally;
}

describe('patrol tasks under SIGKILL (real SQLite file, WAL, synchronous=NORMAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'anxun-durability-'));
  afterAll(async () => {
    stop.now = true;
    const ended = [...live].map((child) => new Promise((r) => child.once('close', r)));
    for (const child of live) child.kill('SIGKILL');
    await Promise.all(ended);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged transition whole across ${RUNS} kills`, async () => {
    console.log(`tasks durability: seed ${SEED} (TASKS_DURABILITY_SEED=${SEED} repeats the commands, not the kills)`);
    const started = Date.now();
    // two files, two chains of kills side by side: a child starting (tsx) on one core while the other works
    const half = Math.ceil(RUNS / 2);
    const chains = await Promise.all(
      [killChain(join(dir, 'a.db'), SEED, half), killChain(join(dir, 'b.db'), SEED + 1, RUNS - half)].map((chain) =>
        chain.catch((error: unknown) => {
          stop.now = true;
          throw error;
        }),
      ),
    );
    for (const t of chains) {
      console.log(
        `tasks durability: ${t.kills} kills (${t.killedOpening} while opening the file), ${t.acks} acknowledgements ` +
          `checked, ${t.tasks} tasks / ${t.rows} audit rows, ${t.resent} commands resent after a kill ` +
          `(${t.replays} replays)`,
      );
      // most kills came in the middle of a burst that had acknowledged work
      expect(t.kills - t.killedOpening).toBeGreaterThanOrEqual(Math.floor((t.kills * 5) / 6));
      expect(t.acks).toBeGreaterThan(t.kills * 3);
    }
    console.log(`tasks durability: ${RUNS} kills in ${Date.now() - started} ms`);
  }, 180_000);
});
