/**
 * Tasks benchmark (`npm run bench:tasks`): the task board, the monthly report and transitions on a database of a
 * year of a county's patrol tasks (default 1,000,000, with their audit rows), each figure beside the same work
 * done by bare SQLite, so that the table shows what the product adds over SQLite itself. Not part of the tests.
 *
 *   npm run bench:tasks -- [--tasks 1000000] [--keep DIR] [--runs 50] [--transitions 6000] [--seed 1]
 *
 * The data set is made with the real lifecycle (`reportTask`, `transition`: every audit row is one the product
 * would have written) and bulk inserts: 6 townships, 40 villages, 300 grid cells, 600 inspectors, 400 cameras,
 * tasks over the 12 months before NOW, mostly closed, the recent ones still open, some stuck and overdue, some
 * parked or voided, escalations where deadlines passed. `--keep DIR` keeps the file in DIR and reuses it next time
 * (when it has the same --tasks and --seed); without it the file is made in a temporary folder and removed.
 *
 * - board: TasksRepo.list (50 a page, the count included) with the board's usual filters; cold = the first call
 *   on a fresh connection (SQLite's page cache empty, the OS's file cache not: it cannot be dropped here), warm =
 *   p50/p95 of --runs calls. Floor: a bare SELECT * … ORDER BY due_at, number LIMIT 51 on the same filters,
 *   prepared once, no count, no assignees, no mapping.
 * - report: buildTaskReport for one month (and one township's month). Floor: one GROUP BY pass over the month's
 *   tasks (counts per township, cell, category and state, and the time to close).
 * - transitions: TasksRepo.apply, each in its own IMMEDIATE transaction with its audit row, round-robin over new
 *   tasks (accept, dispatch, start, feedback, verify, close). Floor: per transaction a bare UPDATE of the state
 *   and version and an INSERT of the audit row (and of the assignee on dispatch), prepared once.
 * - size: the file after a WAL checkpoint (TRUNCATE), per 100k tasks, and where the bytes are (dbstat).
 *
 * Ratios are product / floor for times and floor / product for rates: how many times SQLite's own cost the
 * product spends. The machine is shared: read ratios rather than absolute figures.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TASK_LIMITS, escalationDue, nextEscalationAt } from '../../electron/domain/task-deadlines';
import {
  reportTask,
  transition,
  type Actor,
  type AuditEntry,
  type FalseAlarmReason,
  type SeverityTier,
  type TaskCategory,
  type TaskCommand,
  type TaskCore,
  type TaskSource,
} from '../../electron/domain/task-lifecycle';
import { buildTaskReport } from '../../electron/reports/task-report';
import { openDatabase, type Database } from '../../electron/store/database';
import { TasksRepo, type TaskFilter } from '../../electron/store/tasks-repo';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1000000' },
    keep: { type: 'string' },
    runs: { type: 'string', default: '50' },
    transitions: { type: 'string', default: '6000' },
    seed: { type: 'string', default: '1' },
  },
});
const TASKS = Number(args.tasks);
const RUNS = Number(args.runs);
const TRANSITIONS = Number(args.transitions);
const SEED = Number(args.seed);
if (!Number.isInteger(TASKS) || TASKS < 1000 || !(RUNS >= 1) || !(TRANSITIONS >= 6) || !Number.isInteger(SEED)) {
  throw new Error('usage: --tasks N (≥ 1000) --runs R --transitions T (≥ 6) --seed S [--keep DIR]');
}

const TARGET = { boardMs: 50, reportMs: 1000, transitionsPerS: 2000 };
const PAGE = 50;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The data set's present: 2026-11-30 10:00 in China (UTC+8). Tasks go back 12 months from here. */
const NOW = Date.UTC(2026, 10, 30, 2, 0);
const limits = DEFAULT_TASK_LIMITS;
const MB = 1e6;

const progress = (text: string) => process.stderr.write(`… ${text}\n`);
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** mulberry32: the data set is the same for the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the grid, its people and cameras ------------------------------------------------------------------------

const TOWNSHIPS = ['城关镇', '临江镇', '白沙镇', '青山乡', '石桥镇', '枫林乡'];
const VILLAGE_WORDS = ['东', '西', '南', '北', '新', '中', '上', '下'];
const VILLAGE_KINDS = ['社区', '村'];

interface Cell {
  code: string;
  village: string;
  township: string;
  inspectors: [string, string];
}

interface Grid {
  townships: { code: string; name: string }[];
  villages: { code: string; name: string; township: string }[];
  cells: Cell[];
  /** Cells weighted by how busy they are (a market town's centre reports more than a hill village). */
  weights: number[];
}

function makeGrid(random: () => number): Grid {
  const townships = TOWNSHIPS.map((name, i) => ({ code: `330199${101 + i}`, name }));
  const villages: Grid['villages'] = [];
  for (let v = 0; v < 40; v++) {
    const t = townships[v % townships.length];
    if (!t) throw new Error('no township');
    const name = `${VILLAGE_WORDS[v % 8] ?? ''}${['河', '塘', '山', '桥', '湾'][v % 5] ?? ''}${VILLAGE_KINDS[v % 2] ?? ''}`;
    villages.push({ code: `${t.code}${String(v + 1).padStart(3, '0')}`, name, township: t.code });
  }
  const cells: Cell[] = [];
  for (let c = 0; c < 300; c++) {
    const v = villages[c % villages.length];
    if (!v) throw new Error('no village');
    const code = `${v.code}-${String(Math.floor(c / villages.length) + 1).padStart(2, '0')}`;
    cells.push({
      code,
      village: v.code,
      township: v.township,
      inspectors: [`WG-${String(2 * c + 1).padStart(4, '0')}`, `WG-${String(2 * c + 2).padStart(4, '0')}`],
    });
  }
  const weights = cells.map(() => 0.2 + random() ** 3 * 4);
  return { townships, villages, cells, weights };
}

function pickWeighted<T>(items: readonly T[], cumulative: readonly number[], random: () => number): T {
  const total = cumulative.at(-1) ?? 0;
  const x = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  const item = items[lo];
  if (item === undefined) throw new Error('empty weighted pick');
  return item;
}

// ---- one task's life, through the real lifecycle ---------------------------------------------------------------

const operator: Actor = { role: 'operator', id: 'op-zhang', name: '张值班' };
const system: Actor = { role: 'system', id: 'engine', name: 'engine' };
const technician: Actor = { role: 'technician', id: 'tech-sun', name: '孙运维' };

const CATEGORY_ZH: Record<TaskCategory, string> = {
  fire: '火情',
  smoke: '烟雾',
  intrusion: '闯入',
  crowding: '人员聚集',
  loitering: '徘徊',
  camera_offline: '摄像头离线',
  safety_hazard: '安全隐患',
  environment: '环境卫生',
  dispute: '矛盾纠纷',
  other: '其他',
};

interface Generated {
  core: TaskCore;
  audits: AuditEntry[];
}

/** Minutes, uniform in [lo, hi). */
function minutes(random: () => number, lo: number, hi: number): number {
  return Math.floor((lo + random() * (hi - lo)) * MINUTE);
}

function live(
  random: () => number,
  created: number,
  severity: SeverityTier,
  source: TaskSource,
  category: TaskCategory,
  cell: Cell,
): Generated {
  const maintenance = category === 'camera_offline';
  const byEngine = source === 'video_ai' || source === 'system';
  const reported = reportTask(
    { severity, handlerRole: maintenance ? 'technician' : 'inspector', note: byEngine ? null : '群众反映' },
    byEngine ? system : operator,
    created,
    limits,
  );
  let task = reported.task;
  const audits: AuditEntry[] = [reported.audit];
  let t = created;
  const apply = (command: TaskCommand, actor: Actor, at: number) => {
    const r = transition(task, command, actor, at, limits);
    if (!r.ok) throw new Error(`generator: ${command.type} by ${actor.role} on a ${task.state} task: ${r.message}`);
    task = r.task;
    audits.push(r.audit);
    t = at;
  };
  // the engine raises escalations as their deadlines pass
  const escalateUntil = (until: number) => {
    for (;;) {
      const due = nextEscalationAt(task, limits);
      if (due === null) return;
      const at = Math.max(due + 1000, t);
      if (at > until) return;
      const level = escalationDue(task, at, limits);
      if (level <= task.escalation) return;
      apply({ type: 'escalate', level }, system, at);
    }
  };
  /** The next step `delay` after the last one, or false once that is past NOW (the task stays where it is). */
  const step = (delay: number, command: TaskCommand, actor: Actor): boolean => {
    const at = t + delay;
    escalateUntil(Math.min(at, NOW));
    if (at > NOW) return false;
    apply(command, actor, at);
    return true;
  };

  const team = random() < 0.15 ? [...cell.inspectors] : [random() < 0.7 ? cell.inspectors[0] : cell.inspectors[1]];
  const field = (): Actor =>
    maintenance ? technician : { role: 'inspector', id: task.assignees[0] ?? '', name: `网格员 ${task.assignees[0]}` };
  const scale = { red: 1, yellow: 6, blue: 18 }[severity];
  const fate = random();
  const stuck = fate < 0.012;

  run: {
    if (maintenance) {
      if (!step(minutes(random, 0, 1), { type: 'accept' }, system)) break run;
      if (!step(minutes(random, 0, 1), { type: 'dispatch', assignees: [] }, system)) break run;
      // most cameras come back on their own, and the engine closes the untouched task
      if (random() < 0.6) {
        step(minutes(random, 5, 240), { type: 'auto_close', reason: '摄像头已恢复在线' }, system);
        break run;
      }
    } else {
      const auto = byEngine && random() < 0.6;
      if (auto) {
        if (!step(0, { type: 'accept' }, system)) break run;
        if (!step(0, { type: 'dispatch', assignees: team }, system)) break run;
      } else {
        if (fate > 0.96) {
          if (random() < 0.5) step(minutes(random, 1, 30), { type: 'accept' }, operator);
          step(minutes(random, 5, 600), { type: 'void', reason: '重复上报' }, operator);
          break run;
        }
        if (!step(minutes(random, 1, 12 * scale), { type: 'accept' }, operator)) break run;
        if (fate > 0.95) {
          // parked, waiting for another department: some for months
          if (!step(minutes(random, 5, 60), { type: 'park', reason: '等待相关部门答复' }, operator)) break run;
          if (random() < 0.5) break run;
          if (!step(minutes(random, 60, 20 * 24 * 60), { type: 'resume' }, operator)) break run;
        }
        if (!step(minutes(random, 1, 15 * scale), { type: 'dispatch', assignees: team }, operator)) break run;
      }
    }
    if (random() < 0.03) {
      if (!step(minutes(random, 5, 60), { type: 'return', reason: '不属于本网格' }, field())) break run;
      if (!step(minutes(random, 5, 60), { type: 'dispatch', assignees: team }, operator)) break run;
    }
    const startDelay = stuck && random() < 0.5 ? minutes(random, 30 * 24 * 60, 300 * 24 * 60) : 0;
    if (!step(startDelay + minutes(random, 3, 25 * scale), { type: 'start' }, field())) break run;
    if (random() < 0.04) {
      if (!step(minutes(random, 10, 60 * scale), { type: 'request_extension', hours: 24, reason: '需协调' }, field())) {
        break run;
      }
      const approve = random() < 0.7;
      const answer: TaskCommand = approve
        ? { type: 'approve_extension' }
        : { type: 'reject_extension', reason: '请按期处置' };
      if (!step(minutes(random, 5, 120), answer, operator)) break run;
    }
    let reworks = random() < 0.05 ? 1 : 0;
    for (;;) {
      const feedbackDelay = stuck && startDelay === 0 ? minutes(random, 30 * 24 * 60, 300 * 24 * 60) : 0;
      const falseAlarm = source === 'video_ai' && random() < 0.25;
      const reasons: FalseAlarmReason[] = ['sunset', 'lamp', 'steam', 'cooking', 'reflection', 'other'];
      const feedback: TaskCommand = falseAlarm
        ? {
            type: 'feedback',
            outcome: 'false_alarm',
            reason: reasons[Math.floor(random() * reasons.length)],
            note: '现场核实无异常',
          }
        : { type: 'feedback', outcome: random() < 0.97 ? 'handled' : 'needs_help', note: '已现场处置' };
      if (!step(feedbackDelay + minutes(random, 10, 80 * scale), feedback, field())) break run;
      if (!step(minutes(random, 5, 240), { type: 'verify' }, operator)) break run;
      if (reworks === 0) break;
      reworks -= 1;
      if (!step(minutes(random, 5, 60), { type: 'rework', reason: '处置不彻底，请返工' }, operator)) break run;
    }
    step(minutes(random, 5, 120), { type: 'close', note: '已结案' }, operator);
  }
  escalateUntil(NOW);
  return { core: task, audits };
}

// ---- the data set -----------------------------------------------------------------------------------------

interface Meta {
  tasks: number;
  seed: number;
  auditRows: number;
  generationS: number;
}

/** Tasks by source, then category and severity, roughly as a county's centre sees them. */
function kindOf(random: () => number): { source: TaskSource; category: TaskCategory; severity: SeverityTier } {
  const x = random();
  if (x < 0.03) return { source: 'system', category: 'camera_offline', severity: 'yellow' };
  if (x < 0.48) {
    const y = random();
    if (y < 0.04) return { source: 'video_ai', category: 'fire', severity: 'red' };
    if (y < 0.12) return { source: 'video_ai', category: 'smoke', severity: 'red' };
    if (y < 0.5) return { source: 'video_ai', category: 'intrusion', severity: random() < 0.2 ? 'red' : 'yellow' };
    if (y < 0.65) return { source: 'video_ai', category: 'crowding', severity: 'yellow' };
    return { source: 'video_ai', category: 'loitering', severity: random() < 0.5 ? 'yellow' : 'blue' };
  }
  const source: TaskSource = x < 0.73 ? 'patrol' : x < 0.9 ? 'hotline' : 'manual';
  const categories: TaskCategory[] = ['safety_hazard', 'environment', 'environment', 'dispute', 'other'];
  const category = categories[Math.floor(random() * categories.length)] ?? 'other';
  const severity: SeverityTier = random() < 0.05 ? 'red' : random() < 0.45 ? 'yellow' : 'blue';
  return { source, category, severity };
}

/** Creation times over the 12 months before NOW, by day of the year and hour of the day (mostly daytime). */
function creationTimes(random: () => number, n: number): Float64Array {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const day = Math.floor(random() * 365);
    const hour = random() < 0.8 ? 7 + random() * 14 : random() * 24; // local hours
    const localMidnight = NOW - ((NOW + 8 * HOUR) % DAY) - day * DAY;
    times[i] = Math.floor(localMidnight + hour * HOUR);
  }
  // sorted: task numbers follow creation; none later than a minute before NOW
  times.sort();
  for (let i = 0; i < n; i++) times[i] = Math.min(times[i] ?? NOW, NOW - MINUTE);
  return times;
}

function generate(file: string, n: number, seed: number): Meta {
  const started = performance.now();
  const random = rng(seed);
  const grid = makeGrid(random);
  let sum = 0;
  const cumulative = grid.weights.map((w) => (sum += w));
  const { db } = openDatabase(file);
  db.pragma('cache_size = -2000000');
  db.pragma('synchronous = OFF');

  const at = new Date(NOW).toISOString();
  db.transaction(() => {
    const unit = db.prepare(
      'INSERT INTO grid_units (code, name, level, parent_code, updated_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const t of grid.townships) unit.run(t.code, t.name, 'township', null, at);
    for (const v of grid.villages) unit.run(v.code, v.name, 'village', v.township, at);
    for (const c of grid.cells) unit.run(c.code, `${c.code.slice(-2)}号网格`, 'cell', c.village, at);
    const person = db.prepare('INSERT INTO inspectors (id, name, phone, active, updated_at) VALUES (?, ?, ?, 1, ?)');
    const covers = db.prepare('INSERT INTO inspector_cells (inspector_id, cell_code) VALUES (?, ?)');
    for (const c of grid.cells) {
      for (const id of c.inspectors) {
        person.run(id, `网格员${id.slice(3)}`, `138${id.slice(3).padStart(8, '0')}`, at);
        covers.run(id, c.code);
      }
    }
  })();

  const insertTask = db.prepare(
    `INSERT INTO tasks (id, number, source, category, severity, handler_role, title, description, cell_code,
      village_code, township_code, place, lat, lon, incident_id, camera_id, created_at, created_by, due_at,
      stage_due_at, escalation, extension, extended_h, parked_from, parked_at, outcome, outcome_reason,
      outcome_note, closed_at, reworks, touched, version, updated_at, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAssignee = db.prepare('INSERT INTO task_assignees (task_id, inspector_id) VALUES (?, ?)');
  const insertAudit = db.prepare(
    `INSERT INTO task_audit (task_id, seq, at, actor_role, actor_id, actor_name, command, from_state, to_state,
      note, data, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const times = creationTimes(random, n);
  const villageName = new Map(grid.villages.map((v) => [v.code, v.name]));
  /** Cameras with an open offline task: a camera has at most one (a unique index holds it). */
  const offline = new Set<string>();
  let auditRows = 0;
  let clientSerial = 0;
  const BATCH = 20_000;
  for (let from = 0; from < n; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const created = times[i] ?? NOW;
        const cell = pickWeighted(grid.cells, cumulative, random);
        const kind = kindOf(random);
        let camera: string | null = null;
        if (kind.source === 'video_ai' || kind.category === 'camera_offline') {
          camera = `cam-${String(Math.floor(random() * 400) + 1).padStart(3, '0')}`;
          if (kind.category === 'camera_offline' && offline.has(camera)) camera = `cam-x${i}`;
        }
        const { core, audits } = live(random, created, kind.severity, kind.source, kind.category, cell);
        if (kind.category === 'camera_offline' && camera && core.state !== 'closed' && core.state !== 'voided') {
          offline.add(camera);
        }
        const id = randomUUID();
        const village = villageName.get(cell.village) ?? '';
        const last = audits.at(-1);
        insertTask.run(
          id,
          i + 1,
          kind.source,
          kind.category,
          kind.severity,
          core.handlerRole,
          `${CATEGORY_ZH[kind.category]} · ${village}`,
          kind.source === 'video_ai'
            ? `摄像头 ${camera} 识别到${CATEGORY_ZH[kind.category]}，请网格员到场核实处置`
            : `${village}群众反映${CATEGORY_ZH[kind.category]}问题，请及时处理`,
          cell.code,
          cell.village,
          cell.township,
          random() < 0.5 ? `${village}${Math.floor(random() * 90) + 1}号附近` : null,
          random() < 0.3 ? 30 + random() : null,
          random() < 0.3 ? 120 + random() : null,
          kind.source === 'video_ai' ? `inc-${i + 1}` : null,
          camera,
          created,
          kind.source === 'video_ai' || kind.source === 'system' ? 'system:engine' : `operator:${operator.id}`,
          core.dueAt,
          core.stageDueAt,
          core.escalation,
          core.extension ? JSON.stringify(core.extension) : null,
          core.extendedH,
          core.parkedFrom,
          core.parkedAt,
          core.outcome?.kind ?? null,
          core.outcome?.reason ?? null,
          core.outcome?.note ?? null,
          core.closedAt,
          core.reworks,
          core.touched ? 1 : 0,
          audits.length,
          last?.at ?? created,
          core.state,
        );
        for (const who of core.assignees) insertAssignee.run(id, who);
        audits.forEach((a, k) => {
          // field commands from phones carry a client id (the offline queue's)
          const client = a.actor.role === 'inspector' ? `phone-${a.actor.id}:${++clientSerial}` : null;
          insertAudit.run(
            id,
            k + 1,
            a.at,
            a.actor.role,
            a.actor.id,
            a.actor.name,
            a.command,
            a.from,
            a.to,
            a.note,
            a.data ? JSON.stringify(a.data) : null,
            client,
          );
        });
        auditRows += audits.length;
      }
    })();
    if ((from / BATCH) % 10 === 9) progress(`${from + BATCH} tasks, ${auditRows} audit rows`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { tasks: n, seed, auditRows, generationS: (performance.now() - started) / 1000 };
}

// ---- measurements -----------------------------------------------------------------------------------------

interface Timing {
  cold: number;
  p50: number;
  p95: number;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The first call on a fresh connection, then `runs` calls (5 when the first took over 200 ms). */
function measure(file: string, runs: number, make: (db: Database) => () => unknown): Timing {
  const { db } = openDatabase(file);
  try {
    const call = make(db);
    const cold = time(call);
    const n = cold > 200 ? Math.min(runs, 5) : runs;
    const warm = Array.from({ length: n }, () => time(call)).sort((a, b) => a - b);
    return { cold, p50: quantile(warm, 0.5), p95: quantile(warm, 0.95) };
  } finally {
    db.close();
  }
}

interface BoardCase {
  name: string;
  filter: TaskFilter;
  /** The same filter written by hand for the bare query. */
  where: string;
  params: (string | number)[];
}

function boardCases(township: string): BoardCase[] {
  // as a hand-written query would name them for the open tasks' indexes
  const open = `state NOT IN ('closed', 'voided')`;
  const overdue = `${open} AND state != 'parked' AND due_at < ${NOW}`;
  return [
    {
      name: 'open, one township',
      filter: { open: true, townshipCode: township },
      where: `township_code = ? AND ${open}`,
      params: [township],
    },
    {
      name: 'township + state',
      filter: { townshipCode: township, states: ['dispatched', 'handling'] },
      where: `township_code = ? AND state IN ('dispatched', 'handling')`,
      params: [township],
    },
    {
      name: 'township + overdue',
      filter: { townshipCode: township, overdue: true },
      where: `township_code = ? AND ${overdue}`,
      params: [township],
    },
    {
      name: 'overdue + red, county',
      filter: { overdue: true, severities: ['red'] },
      where: `severity IN ('red') AND ${overdue}`,
      params: [],
    },
    {
      name: 'township + state + overdue + severity',
      filter: {
        townshipCode: township,
        states: ['dispatched', 'handling'],
        overdue: true,
        severities: ['red', 'yellow'],
      },
      where: `township_code = ? AND state IN ('dispatched', 'handling') AND severity IN ('red', 'yellow') AND ${overdue}`,
      params: [township],
    },
    { name: 'open, county', filter: { open: true }, where: open, params: [] },
    { name: 'one state, county', filter: { states: ['handling'] }, where: `state IN ('handling')`, params: [] },
    {
      name: 'closed, one township',
      filter: { townshipCode: township, states: ['closed'] },
      where: `township_code = ? AND state IN ('closed')`,
      params: [township],
    },
    // not one of the board's views (its first page is the oldest deadlines of the year), but what an empty filter asks
    { name: 'no filter, all tasks', filter: {}, where: '1', params: [] },
  ];
}

interface Rates {
  creates: number;
  transitions: number;
}

const FLOW: { command: TaskCommand; actor: (who: string) => Actor }[] = [
  { command: { type: 'accept' }, actor: () => operator },
  { command: { type: 'dispatch', assignees: ['WG-0001'] }, actor: () => operator },
  { command: { type: 'start' }, actor: (who) => ({ role: 'inspector', id: who, name: who }) },
  {
    command: { type: 'feedback', outcome: 'handled', note: '已处置' },
    actor: (who) => ({ role: 'inspector', id: who, name: who }),
  },
  { command: { type: 'verify' }, actor: () => operator },
  { command: { type: 'close', note: '已结案' }, actor: () => operator },
];

/** TasksRepo.create and apply, each call its own transaction. */
function productTransitions(file: string, count: number): Rates {
  const { db } = openDatabase(file);
  try {
    const repo = new TasksRepo(db);
    const n = Math.ceil(count / FLOW.length);
    const ids: string[] = [];
    let now = NOW;
    const createMs = time(() => {
      for (let i = 0; i < n; i++) {
        const t = repo.create(
          {
            source: 'hotline',
            category: 'environment',
            severity: 'yellow',
            handlerRole: 'inspector',
            title: '环境卫生 · 东河社区',
            description: '东河社区群众反映环境卫生问题，请及时处理',
            cellCode: '330199101001-01',
            villageCode: '330199101001',
            townshipCode: '330199101',
            place: null,
            position: null,
          },
          operator,
          ++now,
          limits,
        );
        ids.push(t.id);
      }
    });
    let done = 0;
    const applyMs = time(() => {
      for (const { command, actor } of FLOW) {
        for (const id of ids) {
          if (done >= count) return;
          const r = repo.apply(id, command, actor('WG-0001'), ++now, limits);
          if (!r.ok) throw new Error(`${command.type}: ${r.message}`);
          done += 1;
        }
      }
    });
    return { creates: (n / createMs) * 1000, transitions: (done / applyMs) * 1000 };
  } finally {
    db.close();
  }
}

/** The floor: the same rows written with bare prepared statements, one transaction each. */
function bareTransitions(file: string, count: number): Rates {
  const { db } = openDatabase(file);
  try {
    const n = Math.ceil(count / FLOW.length);
    const maxNumber = db.prepare<[], { n: number }>('SELECT MAX(number) AS n FROM tasks').get()?.n ?? 0;
    const insertTask = db.prepare(
      `INSERT INTO tasks (id, number, source, category, severity, handler_role, title, description, cell_code,
        village_code, township_code, created_at, created_by, due_at, stage_due_at, escalation, extended_h, reworks,
        touched, version, updated_at, state)
       VALUES (?, ?, 'hotline', 'environment', 'yellow', 'inspector', '环境卫生 · 东河社区',
        '东河社区群众反映环境卫生问题，请及时处理', '330199101001-01', '330199101001', '330199101', ?, 'operator:op-zhang',
        ?, ?, 0, 0, 0, 0, 1, ?, 'reported')`,
    );
    const update = db.prepare('UPDATE tasks SET state = ?, touched = 1, version = ?, updated_at = ? WHERE id = ?');
    const audit = db.prepare(
      `INSERT INTO task_audit (task_id, seq, at, actor_role, actor_id, actor_name, command, from_state, to_state,
        note, data, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const assignee = db.prepare('INSERT INTO task_assignees (task_id, inspector_id) VALUES (?, ?)');
    const ids: string[] = [];
    let now = NOW + 10 * DAY;
    const create = db.transaction((id: string, number: number, at: number) => {
      insertTask.run(id, number, at, at + 24 * HOUR, at + HOUR, at);
      audit.run(id, 1, at, 'operator', operator.id, operator.name, 'report', null, 'reported', null, null);
    });
    const createMs = time(() => {
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        create.immediate(id, maxNumber + 1 + i, ++now);
        ids.push(id);
      }
    });
    const states = ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verification', 'closed'];
    const step = db.transaction((id: string, k: number, at: number) => {
      const command = FLOW[k]?.command;
      if (!command) throw new Error('no step');
      update.run(states[k + 1], k + 2, at, id);
      if (command.type === 'dispatch') assignee.run(id, 'WG-0001');
      audit.run(
        id,
        k + 2,
        at,
        'operator',
        operator.id,
        operator.name,
        command.type,
        states[k],
        states[k + 1],
        null,
        null,
      );
    });
    let done = 0;
    const applyMs = time(() => {
      for (let k = 0; k < FLOW.length; k++) {
        for (const id of ids) {
          if (done >= count) return;
          step.immediate(id, k, ++now);
          done += 1;
        }
      }
    });
    return { creates: (n / createMs) * 1000, transitions: (done / applyMs) * 1000 };
  } finally {
    db.close();
  }
}

function fileBytes(file: string): number {
  return [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
}

function main(): void {
  console.log(
    `tasks bench: ${TASKS} tasks, ${RUNS} runs, ${TRANSITIONS} transitions; ${cpus().length} CPUs, ` +
      `load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; node ${process.version}`,
  );
  const dir = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'anxun-bench-tasks-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'tasks-bench.db');
  const metaFile = join(dir, 'tasks-bench.json');
  try {
    let meta: Meta | null = null;
    if (args.keep && existsSync(file) && existsSync(metaFile)) {
      const kept = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
      if (kept.tasks === TASKS && kept.seed === SEED) meta = kept;
    }
    if (meta) {
      progress(`reusing ${file} (made in ${fmt(meta.generationS)} s)`);
    } else {
      for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile]) rmSync(f, { force: true });
      progress(`making ${TASKS} tasks in ${file}`);
      meta = generate(file, TASKS, SEED);
      writeFileSync(metaFile, JSON.stringify(meta));
      console.log(
        `generated ${meta.tasks} tasks and ${meta.auditRows} audit rows in ${fmt(meta.generationS)} s ` +
          `(${fmt(meta.tasks / meta.generationS / 1000)}k tasks/s)`,
      );
    }

    // the file as it is (a kept one may have grown by earlier runs' transitions)
    const { db } = openDatabase(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const counts = db
      .prepare<[], { tasks: number; audit: number; open: number; overdue: number }>(
        `SELECT (SELECT COUNT(*) FROM tasks) AS tasks, (SELECT COUNT(*) FROM task_audit) AS audit,
          (SELECT COUNT(*) FROM tasks WHERE state NOT IN ('closed', 'voided')) AS open,
          (SELECT COUNT(*) FROM tasks WHERE state NOT IN ('closed', 'voided', 'parked') AND due_at < ${NOW}) AS overdue`,
      )
      .get();
    const states = db
      .prepare<[], { state: string; n: number }>(
        'SELECT state, COUNT(*) AS n FROM tasks GROUP BY state ORDER BY n DESC',
      )
      .all();
    progress('measuring where the bytes are (dbstat)');
    const objects = db
      .prepare<[], { tbl: string; name: string; bytes: number }>(
        `SELECT m.tbl_name AS tbl, s.name AS name, SUM(s.pgsize) AS bytes FROM dbstat s
         JOIN sqlite_master m ON m.name = s.name GROUP BY s.name ORDER BY bytes DESC`,
      )
      .all();
    const township = db
      .prepare<[], { code: string }>(
        'SELECT township_code AS code FROM tasks GROUP BY township_code ORDER BY COUNT(*) DESC LIMIT 1',
      )
      .get()?.code;
    db.close();
    if (!counts || !township) throw new Error('the data set is empty');
    const bytes = fileBytes(file);
    console.log(
      `data set: ${counts.tasks} tasks, ${counts.audit} audit rows (${fmt(counts.audit / counts.tasks, 2)} a task), ` +
        `${counts.open} open, ${counts.overdue} overdue at NOW; by state: ` +
        states.map((s) => `${s.state} ${s.n}`).join(', '),
    );

    const rows: string[][] = [];
    const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const ms = (n: number) => `${fmt(n, n < 10 ? 2 : 1)} ms`;

    for (const c of boardCases(township)) {
      progress(`board: ${c.name}`);
      let total = 0;
      const product = measure(file, RUNS, (db) => {
        const repo = new TasksRepo(db);
        return () => (total = repo.list(c.filter, NOW, PAGE).total);
      });
      const floor = measure(file, RUNS, (db) => {
        const stmt = db.prepare(`SELECT * FROM tasks WHERE ${c.where} ORDER BY due_at, number LIMIT ${PAGE + 1}`);
        return () => stmt.all(...c.params);
      });
      const worst = Math.max(product.p95, product.cold);
      rows.push([
        `board: ${c.name} (${total} match)`,
        `p50 ${ms(product.p50)}, p95 ${ms(product.p95)}, cold ${ms(product.cold)}`,
        `< ${TARGET.boardMs} ms`,
        `p50 ${ms(floor.p50)}, cold ${ms(floor.cold)}`,
        `${fmt(product.p50 / floor.p50)}×`,
        pass(worst < TARGET.boardMs),
      ]);
    }

    const month = '2026-06-15';
    for (const scope of [undefined, { townshipCode: township }]) {
      progress(`report: month of ${month}${scope ? ` (${scope.townshipCode})` : ''}`);
      let tasks = 0;
      const product = measure(file, Math.min(RUNS, 5), (db) => () => {
        tasks = buildTaskReport(db, { period: { kind: 'month', date: month }, ...(scope ? { scope } : {}) }, NOW)
          .overall.total;
      });
      const from = new Date(2026, 5, 1).getTime();
      const to = new Date(2026, 6, 1).getTime();
      const floor = measure(file, Math.min(RUNS, 5), (db) => {
        const stmt = db.prepare(
          `SELECT township_code, cell_code, category, state, COUNT(*) AS n, SUM(closed_at - created_at) AS dur
           FROM tasks WHERE created_at >= ? AND created_at < ? ${scope ? 'AND +township_code = ?' : ''}
           GROUP BY township_code, cell_code, category, state`,
        );
        return () => stmt.all(...(scope ? [from, to, scope.townshipCode] : [from, to]));
      });
      const worst = Math.max(product.p50, product.cold);
      rows.push([
        `report: month${scope ? ', one township' : ''} (${tasks} tasks)`,
        `p50 ${ms(product.p50)}, cold ${ms(product.cold)}`,
        `< ${TARGET.reportMs} ms`,
        `p50 ${ms(floor.p50)}, cold ${ms(floor.cold)}`,
        `${fmt(product.p50 / floor.p50)}×`,
        pass(worst < TARGET.reportMs),
      ]);
    }

    progress(`transitions: ${TRANSITIONS} through TasksRepo, then bare`);
    const product = productTransitions(file, TRANSITIONS);
    const bare = bareTransitions(file, TRANSITIONS);
    rows.push([
      'transitions with audit (TasksRepo.apply)',
      `${fmt(product.transitions, 0)} /s`,
      `> ${TARGET.transitionsPerS} /s`,
      `${fmt(bare.transitions, 0)} /s`,
      `${fmt(bare.transitions / product.transitions)}×`,
      pass(product.transitions > TARGET.transitionsPerS),
    ]);
    rows.push([
      'creates with audit (TasksRepo.create)',
      `${fmt(product.creates, 0)} /s`,
      '—',
      `${fmt(bare.creates, 0)} /s`,
      `${fmt(bare.creates / product.creates)}×`,
      '—',
    ]);
    rows.push([
      'database size per 100k tasks',
      `${fmt(((bytes / counts.tasks) * 1e5) / MB)} MB`,
      '—',
      '—',
      '—',
      `${fmt(bytes / MB, 0)} MB in all`,
    ]);

    table(
      `Tasks at ${counts.tasks} (NOW = ${new Date(NOW).toISOString()}; ratio = product / bare SQLite)`,
      ['metric', 'value', 'target', 'floor (bare SQLite)', 'ratio', 'result'],
      rows,
    );
    const byTable = new Map<string, number>();
    for (const o of objects) byTable.set(o.tbl, (byTable.get(o.tbl) ?? 0) + o.bytes);
    table(
      'Where the bytes are (after a checkpoint; MB = 10⁶ bytes, per 100k tasks)',
      ['table or index', 'MB', 'per 100k'],
      objects
        .filter((o) => o.bytes > 1e6)
        .map((o) => [
          o.name === o.tbl ? o.name : `  ${o.name}`,
          fmt(o.bytes / MB),
          fmt(((o.bytes / counts.tasks) * 1e5) / MB, 2),
        ]),
    );
    console.log(
      `\n- cold: the first call on a fresh connection (SQLite's page cache empty; the OS file cache is warm).\n` +
        `- board: ${PAGE} a page with its total count; the floor reads the page only, no count, no assignees.\n` +
        `- transitions: synchronous=NORMAL in WAL (no fsync per commit; checkpoints included). ` +
        `The floor writes the same rows without reading the task or running the lifecycle.\n` +
        `- per table: ${[...byTable].map(([t, b]) => `${t} ${fmt(b / MB, 0)} MB`).join(', ')}`,
    );
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main();
