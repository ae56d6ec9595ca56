/**
 * Task report benchmark: fills a fresh SQLite file (opened with openDatabase, so with the product's schema and
 * indexes) with synthetic patrol tasks spread evenly over a number of months, then times buildTaskReport for one
 * month, one week and one day, overall and with each scope, and reports to CSV. Prints a table; not part of the
 * tests. The machine is shared: read the figures as an order of magnitude, and compare runs made side by side.
 *
 *   npx tsx scripts/bench/task-report.ts [--tasks 1000000] [--months 12] [--runs 5] [--keep FILE]
 *
 * `--keep FILE` keeps the filled database there, and uses it as it is when it holds tasks already (the filling
 * takes minutes; give the same --months). Times are wall clock and this process's CPU time (which a busy machine inflates less).
 *
 * The data: 15 townships × 10 villages × 4 cells, one inspector per cell (a quarter of the tasks have two),
 * 300 cameras; 95 % of tasks closed, the rest spread over the other states.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TASK_CATEGORIES, TASK_SOURCES, TASK_STATES, SEVERITY_TIERS } from '../../electron/domain/task-lifecycle';
import { reportToCsv } from '../../electron/reports/report-csv';
import { buildTaskReport } from '../../electron/reports/task-report';
import type { ReportRequest } from '../../electron/reports/report-schema';
import { openDatabase, type Database } from '../../electron/store/database';

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '12' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'string' },
  },
});
const TASKS = Number(args.tasks);
const MONTHS = Number(args.months);
const RUNS = Number(args.runs);
if (!(TASKS >= 1000) || !(MONTHS >= 1 && MONTHS <= 120) || !(RUNS >= 1)) {
  throw new Error('usage: --tasks N (≥ 1000) --months M (1–120) --runs R');
}
const START = new Date(2025, 0, 1).getTime();
const END = new Date(2025, MONTHS, 1).getTime();
const HOUR = 3_600_000;
const LIMIT_H = { red: 2, yellow: 24, blue: 72 } as const;
const progress = (text: string) => process.stderr.write(`… ${text}\n`);

/** A small deterministic generator (mulberry32), so that two runs fill the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function fill(db: Database): void {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const stamp = new Date(START).toISOString();
  const cells: { tw: string; village: string; cell: string; inspector: string }[] = [];
  const grid = db.prepare('INSERT INTO grid_units (code, name, level, parent_code, updated_at) VALUES (?, ?, ?, ?, ?)');
  const person = db.prepare('INSERT INTO inspectors (id, name, phone, active, updated_at) VALUES (?, ?, ?, 1, ?)');
  db.transaction(() => {
    for (let t = 1; t <= 15; t++) {
      const tw = `t${t}`;
      grid.run(tw, `乡镇${t}`, 'township', null, stamp);
      for (let v = 1; v <= 10; v++) {
        const village = `${tw}-v${v}`;
        grid.run(village, `村${t}-${v}`, 'village', tw, stamp);
        for (let c = 1; c <= 4; c++) {
          const cell = `${village}-c${c}`;
          grid.run(cell, `网格${t}-${v}-${c}`, 'cell', village, stamp);
          const inspector = `i-${t}-${v}-${c}`;
          person.run(inspector, `网格员${t}-${v}-${c}`, '13800000000', stamp);
          cells.push({ tw, village, cell, inspector });
        }
      }
    }
  })();
  const task = db.prepare(
    `INSERT INTO tasks (id, number, state, source, category, severity, handler_role, title, description, cell_code,
       village_code, township_code, incident_id, camera_id, created_at, created_by, due_at, escalation, extended_h,
       outcome, outcome_reason, closed_at, reworks, touched, version, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'inspector', ?, '', ?, ?, ?, ?, ?, ?, 'bench', ?, ?, 0, ?, ?, ?, 0, 1, 1, ?)`,
  );
  const assign = db.prepare('INSERT OR IGNORE INTO task_assignees (task_id, inspector_id) VALUES (?, ?)');
  const others = TASK_STATES.filter((s) => s !== 'closed');
  const categories = TASK_CATEGORIES.filter((c) => c !== 'camera_offline');
  const step = (END - START) / TASKS;
  const batch = 50_000;
  for (let from = 0; from < TASKS; from += batch) {
    db.transaction(() => {
      for (let n = from; n < Math.min(TASKS, from + batch); n++) {
        const place = pick(cells);
        const severity = pick(SEVERITY_TIERS);
        const source = pick(TASK_SOURCES);
        const created = Math.floor(START + n * step);
        const due = created + LIMIT_H[severity] * HOUR;
        const state = rnd() < 0.95 ? 'closed' : pick(others);
        const closed = state === 'closed' ? created + Math.floor(rnd() * LIMIT_H[severity] * 1.3 * HOUR) : null;
        const video = source === 'video_ai';
        const outcome =
          state === 'closed' || state === 'verification' ? (rnd() < 0.4 ? 'false_alarm' : 'handled') : null;
        const reason = outcome === 'false_alarm' ? pick(['sunset', 'lamp', 'steam', 'cooking', 'reflection']) : null;
        const id = `t-${n}`;
        task.run(
          id,
          n + 1,
          state,
          source,
          pick(categories),
          severity,
          `任务 ${n}`,
          place.cell,
          place.village,
          place.tw,
          video ? `inc-${n}` : null,
          video ? `cam-${Math.floor(rnd() * 300)}` : null,
          created,
          due,
          closed === null && rnd() < 0.5 ? 1 : 0,
          outcome,
          reason,
          closed,
          closed ?? created,
        );
        if (state === 'reported' || state === 'accepted' || state === 'returned' || state === 'voided') continue;
        assign.run(id, place.inspector);
        if (rnd() < 0.25) assign.run(id, pick(cells).inspector);
      }
    })();
    if ((from / batch) % 4 === 0) progress(`${from + batch} tasks`);
  }
  db.exec('ANALYZE');
}

/** Wall and CPU milliseconds of one call. */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

function main(): void {
  const dir = args.keep === undefined ? mkdtempSync(join(tmpdir(), 'anxun-bench-report-')) : null;
  const file = dir === null ? (args.keep ?? '') : join(dir, 'bench.db');
  const reuse = existsSync(file);
  const { db } = openDatabase(file);
  try {
    const held = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tasks').get()?.n ?? 0;
    if (reuse && held > 0) {
      progress(`using the ${held} tasks in ${file}`);
    } else {
      progress(`filling ${TASKS} tasks over ${MONTHS} months`);
      progress(`filled in ${(time(() => fill(db)).wall / 1000).toFixed(0)} s`);
    }
    const mid = new Date(2025, Math.floor(MONTHS / 2), 15);
    const date = `${mid.getFullYear()}-${String(mid.getMonth() + 1).padStart(2, '0')}-15`;
    const now = END + 24 * HOUR;
    const cases: [string, ReportRequest][] = [
      ['month', { period: { kind: 'month', date } }],
      ['month, township', { period: { kind: 'month', date }, scope: { townshipCode: 't7' } }],
      ['month, cell', { period: { kind: 'month', date }, scope: { cellCode: 't7-v3-c2' } }],
      ['month, inspector', { period: { kind: 'month', date }, scope: { inspectorId: 'i-7-3-2' } }],
      ['week', { period: { kind: 'week', date } }],
      ['day', { period: { kind: 'day', date } }],
    ];
    const rows: string[] = [];
    const ms = (n: number | undefined, width: number) => (n ?? 0).toFixed(0).padStart(width);
    for (const [name, request] of cases) {
      const runs: { wall: number; cpu: number }[] = [];
      let total = 0;
      for (let r = 0; r < RUNS; r++) runs.push(time(() => (total = buildTaskReport(db, request, now).overall.total)));
      const report = buildTaskReport(db, request, now);
      const csv = time(() => reportToCsv(report));
      const wall = runs.map((r) => r.wall).sort((a, b) => a - b);
      const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b);
      const middle = Math.floor(runs.length / 2);
      rows.push(
        `| ${name.padEnd(17)} | ${String(total).padStart(7)} | ${ms(wall[0], 8)} | ${ms(wall[middle], 11)} | ` +
          `${ms(cpu[middle], 10)} | ${ms(csv.wall, 6)} |`,
      );
    }
    const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM tasks').get()?.n ?? 0;
    console.log(`\n${count} tasks; ${RUNS} runs per case\n`);
    console.log('| report            |   tasks | min wall | median wall | median CPU | CSV ms |');
    console.log('|-------------------|---------|----------|-------------|------------|--------|');
    for (const row of rows) console.log(row);
  } finally {
    db.close();
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  }
}

main();
