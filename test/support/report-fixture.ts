/**
 * Loads fixtures/tasks/report-fixture.json into a database opened with openDatabase: the grid, the inspectors,
 * the cameras and the tasks with their assignees, inserted row by row with SQL following migration 4's columns.
 * Times in the fixture are ISO strings with their offset (readable by hand); the tables get milliseconds.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import {
  OUTCOMES,
  SEVERITY_TIERS,
  TASK_SOURCES,
  TASK_STATES,
  FALSE_ALARM_REASONS,
} from '../../electron/domain/task-lifecycle';
import type { Database } from '../../electron/store/database';

export const REPORT_FIXTURE = resolve(import.meta.dirname, '../../fixtures/tasks/report-fixture.json');

const instant = z.iso.datetime({ offset: true }).transform((text) => Date.parse(text));

const FixtureTaskSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    note: z.string(),
    state: z.enum(TASK_STATES),
    source: z.enum(TASK_SOURCES),
    category: z.string(),
    severity: z.enum(SEVERITY_TIERS),
    handler_role: z.enum(['inspector', 'technician']).default('inspector'),
    title: z.string(),
    township_code: z.string().nullable().default(null),
    village_code: z.string().nullable().default(null),
    cell_code: z.string().nullable().default(null),
    camera_id: z.string().nullable().default(null),
    incident_id: z.string().nullable().default(null),
    created_at: instant,
    due_at: instant,
    closed_at: instant.nullable().default(null),
    escalation: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    extended_h: z.number().nonnegative().default(0),
    parked_from: z.enum(TASK_STATES).nullable().default(null),
    parked_at: instant.nullable().default(null),
    outcome: z.enum(OUTCOMES).nullable().default(null),
    outcome_reason: z.enum(FALSE_ALARM_REASONS).nullable().default(null),
    assignees: z.array(z.string()).default([]),
  })
  .strict();
export type FixtureTask = z.infer<typeof FixtureTaskSchema>;

const ReportFixtureSchema = z
  .object({
    description: z.string(),
    now: instant,
    grid: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.enum(['township', 'village', 'cell']),
        parent: z.string().nullable(),
      }),
    ),
    inspectors: z.array(z.object({ id: z.string(), name: z.string(), phone: z.string() })),
    cameras: z.array(z.object({ id: z.string(), name: z.string(), grid_cell: z.string() })),
    tasks: z.array(FixtureTaskSchema),
  })
  .strict();
export type ReportFixture = z.infer<typeof ReportFixtureSchema>;

export function readReportFixture(): ReportFixture {
  return ReportFixtureSchema.parse(JSON.parse(readFileSync(REPORT_FIXTURE, 'utf8')));
}

/** Inserts the whole fixture in one transaction and returns it. */
export function loadReportFixture(db: Database): ReportFixture {
  const fixture = readReportFixture();
  const stamp = new Date(fixture.now).toISOString();
  const grid = db.prepare(`INSERT INTO grid_units (code, name, level, parent_code, updated_at) VALUES (?, ?, ?, ?, ?)`);
  const inspector = db.prepare(`INSERT INTO inspectors (id, name, phone, active, updated_at) VALUES (?, ?, ?, 1, ?)`);
  const camera = db.prepare(
    `INSERT INTO cameras (id, name, grid_cell, detect_url, detect_fps, detect_width, detect_height, enabled,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, 2, 640, 360, 1, ?, ?)`,
  );
  const task = db.prepare(
    `INSERT INTO tasks (id, number, state, source, category, severity, handler_role, title, description,
       cell_code, village_code, township_code, place, lat, lon, incident_id, camera_id, created_at, created_by,
       due_at, stage_due_at, escalation, extension, extended_h, parked_from, parked_at, outcome, outcome_reason,
       outcome_note, closed_at, reworks, touched, version, updated_at)
     VALUES (@id, @number, @state, @source, @category, @severity, @handler_role, @title, @note,
       @cell_code, @village_code, @township_code, NULL, NULL, NULL, @incident_id, @camera_id, @created_at,
       'fixture', @due_at, NULL, @escalation, NULL, @extended_h, @parked_from, @parked_at, @outcome,
       @outcome_reason, NULL, @closed_at, 0, 1, 1, @updated_at)`,
  );
  const assignee = db.prepare(`INSERT INTO task_assignees (task_id, inspector_id) VALUES (?, ?)`);
  db.transaction(() => {
    for (const g of fixture.grid) grid.run(g.code, g.name, g.level, g.parent, stamp);
    for (const i of fixture.inspectors) inspector.run(i.id, i.name, i.phone, stamp);
    for (const c of fixture.cameras) camera.run(c.id, c.name, c.grid_cell, `rtsp://fixture/${c.id}`, stamp, stamp);
    for (const t of fixture.tasks) {
      const { assignees, ...row } = t;
      task.run({ ...row, updated_at: t.closed_at ?? t.parked_at ?? t.created_at });
      for (const a of assignees) assignee.run(t.id, a);
    }
  })();
  return fixture;
}
