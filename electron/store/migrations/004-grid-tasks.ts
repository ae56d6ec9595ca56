import type { Migration } from '../migrate';

/**
 * The grid (townships, villages, grid cells), its inspectors and the cells they cover; patrol tasks, who they are
 * dispatched to, the evidence attached to them and their append-only audit log.
 *
 * Task times are INTEGER milliseconds since the epoch (UTC): the board and the reports filter and sort on them
 * over millions of rows. A task keeps the codes of its cell, village and township as they were when it was
 * created, so a later grid import never rewrites history. The audit log refuses UPDATE and DELETE.
 */
export const m004GridTasks: Migration = {
  version: 4,
  name: 'grid-tasks',
  up: `
    CREATE TABLE grid_units (
      code TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('township', 'village', 'cell')),
      parent_code TEXT REFERENCES grid_units(code) ON DELETE RESTRICT,
      updated_at TEXT NOT NULL,
      CHECK ((level = 'township') = (parent_code IS NULL))
    ) STRICT;
    CREATE INDEX grid_units_parent ON grid_units (parent_code);

    CREATE TABLE inspectors (
      id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      phone TEXT NOT NULL,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE inspector_cells (
      inspector_id TEXT NOT NULL REFERENCES inspectors(id) ON DELETE CASCADE,
      cell_code TEXT NOT NULL REFERENCES grid_units(code) ON DELETE CASCADE,
      PRIMARY KEY (inspector_id, cell_code)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX inspector_cells_cell ON inspector_cells (cell_code);

    CREATE TABLE tasks (
      id TEXT PRIMARY KEY NOT NULL,
      number INTEGER NOT NULL UNIQUE,
      state TEXT NOT NULL CHECK (state IN ('reported', 'accepted', 'dispatched', 'handling', 'feedback',
        'verification', 'closed', 'returned', 'parked', 'voided')),
      source TEXT NOT NULL CHECK (source IN ('video_ai', 'patrol', 'hotline', 'manual', 'system')),
      category TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('red', 'yellow', 'blue')),
      handler_role TEXT NOT NULL CHECK (handler_role IN ('inspector', 'technician')),
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      cell_code TEXT,
      village_code TEXT,
      township_code TEXT,
      place TEXT,
      lat REAL,
      lon REAL,
      incident_id TEXT,
      camera_id TEXT,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      due_at INTEGER NOT NULL,
      stage_due_at INTEGER,
      escalation INTEGER NOT NULL CHECK (escalation IN (0, 1, 2)),
      extension TEXT,
      extended_h REAL NOT NULL,
      parked_from TEXT,
      parked_at INTEGER,
      outcome TEXT CHECK (outcome IN ('handled', 'false_alarm', 'needs_help')),
      outcome_reason TEXT,
      outcome_note TEXT,
      closed_at INTEGER,
      reworks INTEGER NOT NULL,
      touched INTEGER NOT NULL CHECK (touched IN (0, 1)),
      version INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX tasks_board ON tasks (township_code, state, due_at);
    CREATE INDEX tasks_state_due ON tasks (state, due_at);
    -- the board's usual views are of open tasks, a few percent of all: small indexes of them alone, in the board's
    -- order, with state and severity so that the board's counts read them alone (TasksRepo.list names their
    -- condition as written here)
    CREATE INDEX tasks_open_due ON tasks (due_at, number, state, severity) WHERE state NOT IN ('closed', 'voided');
    CREATE INDEX tasks_open_township ON tasks (township_code, due_at, number, state, severity)
      WHERE state NOT IN ('closed', 'voided');
    CREATE INDEX tasks_created ON tasks (created_at);
    CREATE INDEX tasks_cell_created ON tasks (cell_code, created_at);
    -- one open task per incident, and one open maintenance task per camera
    CREATE UNIQUE INDEX tasks_open_incident ON tasks (incident_id)
      WHERE incident_id IS NOT NULL AND state NOT IN ('closed', 'voided');
    CREATE UNIQUE INDEX tasks_open_camera_offline ON tasks (camera_id)
      WHERE category = 'camera_offline' AND state NOT IN ('closed', 'voided');

    CREATE TABLE task_assignees (
      task_id TEXT NOT NULL REFERENCES tasks(id),
      inspector_id TEXT NOT NULL,
      PRIMARY KEY (task_id, inspector_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX task_assignees_inspector ON task_assignees (inspector_id);

    CREATE TABLE task_evidence (
      id INTEGER PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id),
      kind TEXT NOT NULL CHECK (kind IN ('incident', 'snapshot', 'clip', 'photo')),
      incident_id TEXT,
      file TEXT,
      at INTEGER NOT NULL,
      note TEXT
    ) STRICT;
    CREATE INDEX task_evidence_task ON task_evidence (task_id);

    CREATE TABLE task_audit (
      id INTEGER PRIMARY KEY,
      task_id TEXT NOT NULL REFERENCES tasks(id),
      seq INTEGER NOT NULL,
      at INTEGER NOT NULL,
      actor_role TEXT NOT NULL CHECK (actor_role IN ('operator', 'inspector', 'technician', 'system')),
      actor_id TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      command TEXT NOT NULL,
      from_state TEXT,
      to_state TEXT NOT NULL,
      note TEXT,
      data TEXT,
      client_id TEXT UNIQUE,
      UNIQUE (task_id, seq)
    ) STRICT;
    CREATE TRIGGER task_audit_no_update BEFORE UPDATE ON task_audit
      BEGIN SELECT RAISE(ABORT, 'task_audit is append-only'); END;
    CREATE TRIGGER task_audit_no_delete BEFORE DELETE ON task_audit
      BEGIN SELECT RAISE(ABORT, 'task_audit is append-only'); END;
  `,
};
