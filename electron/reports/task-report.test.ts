/**
 * The task report against fixtures/tasks/report-fixture.json in a real SQLite file, every figure worked out by
 * hand from the fixture (the arithmetic is in the comments). March 2026, China Standard Time, report made at
 * 2026-04-03 12:00 (+08:00). Durations to close, in minutes, of the 13 tasks closed in March:
 *   qs-dx-01: 1001 90, 1002 240, 1003 2880, 1011 90, 1023 60      qs-dx-02: 1004 5040, 1005 2880, 1012 20
 *   bs-ht-01: 1013 120, 1014 2160, 1015 60                         bs-ht-02: 1016 1980, 1024 120
 * Closed late (closed_at > due_at): 1003, 1005, 1014. Overdue at the report (running, due before it): 1006, 1007,
 * 1010, 1017, 1018, 1019, 1021 (1008 is parked, 1020 is due at 20:00 on 3 April).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportFixture } from '../../test/support/report-fixture';
import type { TaskState } from '../domain/task-lifecycle';
import { openDatabase, type OpenedDatabase } from '../store/database';
import { ReportRequestSchema, TaskReportSchema, type TaskFigures, type TaskReport } from './report-schema';
import { buildTaskReport } from './task-report';

const H = 3_600_000;
const at = (local: string) => Date.parse(`${local}+08:00`);
const MARCH = { kind: 'month', date: '2026-03-15' } as const;
const savedTz = process.env.TZ;
let dir: string;
let opened: OpenedDatabase;
let now: number;
let report: TaskReport;

beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai';
  dir = mkdtempSync(join(tmpdir(), 'anxun-report-'));
  opened = openDatabase(join(dir, 'anxun.db'));
  now = loadReportFixture(opened.db).now;
  report = buildTaskReport(opened.db, { period: MARCH }, now);
});

afterAll(() => {
  opened.db.close();
  rmSync(dir, { recursive: true, force: true });
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const CATEGORIES = ['fire', 'smoke', 'intrusion', 'crowding', 'loitering', 'camera_offline', 'safety_hazard'];
const NO_CATEGORY = Object.fromEntries([...CATEGORIES, 'environment', 'dispute', 'other'].map((c) => [c, 0])) as Record<
  string,
  number
>;
const NO_STATE: Record<TaskState, number> = {
  reported: 0,
  accepted: 0,
  dispatched: 0,
  handling: 0,
  feedback: 0,
  verification: 0,
  closed: 0,
  returned: 0,
  parked: 0,
  voided: 0,
};

/** Expected figures: every value given, the states and categories not named are 0. */
function figures(
  f: Omit<TaskFigures, 'byState' | 'byCategory'> & {
    byState: Partial<Record<TaskState, number>>;
    byCategory: Record<string, number>;
  },
): TaskFigures {
  return { ...f, byState: { ...NO_STATE, ...f.byState }, byCategory: { ...NO_CATEGORY, ...f.byCategory } };
}

describe('the report of March 2026', () => {
  it('takes the tasks created from local midnight of 1 March to that of 1 April, and parses as its schema', () => {
    expect(report.period).toMatchObject({
      kind: 'month',
      from: at('2026-03-01T00:00:00'),
      to: at('2026-04-01T00:00:00'),
      label: '2026年3月',
    });
    expect(report.generatedAt).toBe(now);
    expect(report.scope).toEqual({});
    // t-1001 .. t-1024; not t-0998 (20 Feb), t-0999 (28 Feb 23:59:59.999) nor t-1025 (1 Apr 00:00)
    expect(report.overall.total).toBe(24);
    expect(TaskReportSchema.parse(report)).toEqual(report);
  });

  it('counts overall by state, category, source and severity', () => {
    expect(report.overall).toEqual({
      ...figures({
        // closed 1001-1005, 1011-1016, 1023, 1024 = 13; reported 1018, 1021; voided 1009, 1022
        byState: {
          closed: 13,
          reported: 2,
          accepted: 1,
          dispatched: 1,
          handling: 1,
          feedback: 1,
          verification: 1,
          returned: 1,
          parked: 1,
          voided: 2,
        },
        // fire 1001 1006 1011 1015 1022; smoke 1002 1003 1010 1013 1014 1023 1024; environment 1007 1017 1020;
        // other 1008 1019 1021; dispute 1005 1009; safety_hazard 1004 1016 — 5+7+1+1+2+3+2+3 = 24
        byCategory: {
          fire: 5,
          smoke: 7,
          intrusion: 1,
          camera_offline: 1,
          safety_hazard: 2,
          environment: 3,
          dispute: 2,
          other: 3,
        },
        total: 24,
        closed: 13,
        voided: 2,
        closedOnTime: 10, // 13 closed − 3 late (1003, 1005, 1014)
        closedLate: 3,
        closureRate: 13 / 22, // closed 13 of 24 − 2 voided = 0.5909
        onTimeRate: 10 / 13, // 0.7692
        // sorted: 20 60 60 90 90 120 [120] 240 1980 2160 2880 2880 5040 — the 7th of 13
        medianCloseMin: 120,
        overdue: 7, // 1006 1007 1010 1017 1018 1019 1021
        escalatedTownship: 7, // 1003 1007 1010 1014 1017 1019 1021
        escalatedCounty: 3, // 1005 1006 1018
      }),
      // video_ai 1001 1002 1003 1006 1010 1011 1013 1014 1015 1018 1022 1023 1024; patrol 1004 1008 1016 1020;
      // hotline 1005 1009 1017 1021; manual 1007 1019; system 1012 — 13+4+4+2+1 = 24
      bySource: { video_ai: 13, patrol: 4, hotline: 4, manual: 2, system: 1 },
      // red 1001 1006 1011 1015 1022; blue 1004 1007 1008 1012 1017 1019 1020 1021; yellow the other 11
      bySeverity: { red: 5, yellow: 11, blue: 8 },
    });
  });

  it('breaks the figures down by township, tasks without a place last', () => {
    expect(report.byTownship).toEqual([
      {
        code: 'bs',
        name: '白水镇',
        // 1013-1020, 1022, 1024 = 10
        figures: figures({
          byState: { closed: 5, feedback: 1, reported: 1, returned: 1, accepted: 1, voided: 1 },
          byCategory: { smoke: 3, fire: 2, safety_hazard: 1, environment: 2, intrusion: 1, other: 1 },
          total: 10,
          closed: 5, // 1013 1014 1015 1016 1024
          voided: 1, // 1022
          closedOnTime: 4,
          closedLate: 1, // 1014
          closureRate: 5 / 9, // 5 of 10 − 1 = 0.5556
          onTimeRate: 4 / 5, // 0.8
          medianCloseMin: 120, // 60 120 [120] 1980 2160
          overdue: 3, // 1017 1018 1019
          escalatedTownship: 3, // 1014 1017 1019
          escalatedCounty: 1, // 1018
        }),
      },
      {
        code: 'qs',
        name: '青山镇',
        // 1001-1012, 1023 = 13
        figures: figures({
          byState: { closed: 8, handling: 1, dispatched: 1, parked: 1, voided: 1, verification: 1 },
          byCategory: { fire: 3, smoke: 4, safety_hazard: 1, dispute: 2, environment: 1, other: 1, camera_offline: 1 },
          total: 13,
          closed: 8, // 1001 1002 1003 1004 1005 1011 1012 1023
          voided: 1, // 1009
          closedOnTime: 6,
          closedLate: 2, // 1003 1005
          closureRate: 8 / 12, // 8 of 13 − 1 = 0.6667
          onTimeRate: 6 / 8, // 0.75
          medianCloseMin: 165, // 20 60 90 [90 240] 2880 2880 5040: (90 + 240) / 2
          overdue: 3, // 1006 1007 1010
          escalatedTownship: 3, // 1003 1007 1010
          escalatedCounty: 2, // 1005 1006
        }),
      },
      {
        code: null,
        name: null,
        // 1021 only: reported, overdue, township level
        figures: figures({
          byState: { reported: 1 },
          byCategory: { other: 1 },
          total: 1,
          closed: 0,
          voided: 0,
          closedOnTime: 0,
          closedLate: 0,
          closureRate: 0, // 0 of 1
          onTimeRate: null, // none closed
          medianCloseMin: null,
          overdue: 1,
          escalatedTownship: 1,
          escalatedCounty: 0,
        }),
      },
    ]);
    // the townships add up to the whole
    expect(report.byTownship.reduce((n, t) => n + t.figures.total, 0)).toBe(24);
  });

  it('breaks the figures down by grid cell, with the grid names or the code', () => {
    const cells = report.byCell.map((c) => [c.townshipCode, c.code, c.name, c.townshipName]);
    expect(cells).toEqual([
      ['bs', 'bs-ht-01', '荷塘村第一网格', '白水镇'],
      ['bs', 'bs-ht-02', '荷塘村第二网格', '白水镇'],
      ['bs', 'bs-xx-09', 'bs-xx-09', '白水镇'], // not in the grid: the code stands in
      ['qs', 'qs-dx-01', '东溪村第一网格', '青山镇'],
      ['qs', 'qs-dx-02', '东溪村第二网格', '青山镇'],
      ['qs', 'qs-nl-01', '南岭村第一网格', '青山镇'],
      [null, null, null, null],
    ]);
    const f = Object.fromEntries(report.byCell.map((c) => [c.code ?? '-', c.figures]));
    // bs-ht-01: 1013 1014 1015 closed, 1020 accepted, 1022 voided
    expect(f['bs-ht-01']).toEqual(
      figures({
        byState: { closed: 3, accepted: 1, voided: 1 },
        byCategory: { smoke: 2, fire: 2, environment: 1 },
        total: 5,
        closed: 3,
        voided: 1,
        closedOnTime: 2,
        closedLate: 1, // 1014
        closureRate: 3 / 4, // 3 of 5 − 1 = 0.75
        onTimeRate: 2 / 3,
        medianCloseMin: 120, // 60 [120] 2160
        overdue: 0,
        escalatedTownship: 1, // 1014
        escalatedCounty: 0,
      }),
    );
    // bs-ht-02: 1016 1024 closed, 1017 feedback, 1018 reported
    expect(f['bs-ht-02']).toEqual(
      figures({
        byState: { closed: 2, feedback: 1, reported: 1 },
        byCategory: { safety_hazard: 1, environment: 1, intrusion: 1, smoke: 1 },
        total: 4,
        closed: 2,
        voided: 0,
        closedOnTime: 2,
        closedLate: 0,
        closureRate: 2 / 4, // 0.5
        onTimeRate: 1, // 2 of 2: 1016 on time thanks to its 10 parked hours
        medianCloseMin: 1050, // (120 + 1980) / 2
        overdue: 2, // 1017 1018
        escalatedTownship: 1, // 1017
        escalatedCounty: 1, // 1018
      }),
    );
    // bs-xx-09: 1019 returned
    expect(f['bs-xx-09']).toEqual(
      figures({
        byState: { returned: 1 },
        byCategory: { other: 1 },
        total: 1,
        closed: 0,
        voided: 0,
        closedOnTime: 0,
        closedLate: 0,
        closureRate: 0,
        onTimeRate: null,
        medianCloseMin: null,
        overdue: 1,
        escalatedTownship: 1,
        escalatedCounty: 0,
      }),
    );
    // qs-dx-01: 1001 1002 1003 1011 1023 closed, 1006 handling, 1010 verification
    expect(f['qs-dx-01']).toEqual(
      figures({
        byState: { closed: 5, handling: 1, verification: 1 },
        byCategory: { fire: 3, smoke: 4 },
        total: 7,
        closed: 5,
        voided: 0,
        closedOnTime: 4,
        closedLate: 1, // 1003
        closureRate: 5 / 7, // 0.7143
        onTimeRate: 4 / 5, // 0.8
        medianCloseMin: 90, // 60 90 [90] 240 2880
        overdue: 2, // 1006 1010
        escalatedTownship: 2, // 1003 1010
        escalatedCounty: 1, // 1006
      }),
    );
    // qs-dx-02: 1004 1005 1012 closed
    expect(f['qs-dx-02']).toEqual(
      figures({
        byState: { closed: 3 },
        byCategory: { safety_hazard: 1, dispute: 1, camera_offline: 1 },
        total: 3,
        closed: 3,
        voided: 0,
        closedOnTime: 2, // 1004 on time thanks to its 24 h extension, 1012
        closedLate: 1, // 1005
        closureRate: 1, // 3 of 3
        onTimeRate: 2 / 3,
        medianCloseMin: 2880, // 20 [2880] 5040
        overdue: 0,
        escalatedTownship: 0,
        escalatedCounty: 1, // 1005
      }),
    );
    // qs-nl-01: 1007 dispatched, 1008 parked, 1009 voided
    expect(f['qs-nl-01']).toEqual(
      figures({
        byState: { dispatched: 1, parked: 1, voided: 1 },
        byCategory: { environment: 1, other: 1, dispute: 1 },
        total: 3,
        closed: 0,
        voided: 1,
        closedOnTime: 0,
        closedLate: 0,
        closureRate: 0, // 0 of 3 − 1
        onTimeRate: null,
        medianCloseMin: null,
        overdue: 1, // 1007; 1008 is parked
        escalatedTownship: 1, // 1007
        escalatedCounty: 0,
      }),
    );
    expect(f['-']).toEqual(report.byTownship[2]?.figures); // 1021, the same as the township without a code
  });

  it('breaks the figures down by inspector: a task with two assignees counts for both', () => {
    expect(report.byInspector.map((i) => [i.id, i.name])).toEqual([
      ['i-chen', 'i-chen'], // not in the inspectors table: the id stands in
      ['i-li', '李强'],
      ['i-wang', '王芳'],
      ['i-zhao', '赵敏'],
    ]);
    const f = Object.fromEntries(report.byInspector.map((i) => [i.id, i.figures]));
    // i-chen: 1013 1014 1015 (1015 shared with i-li); 1019 was returned, which cleared its assignees
    expect(f['i-chen']).toEqual(
      figures({
        byState: { closed: 3 },
        byCategory: { smoke: 2, fire: 1 },
        total: 3,
        closed: 3,
        voided: 0,
        closedOnTime: 2,
        closedLate: 1, // 1014
        closureRate: 1,
        onTimeRate: 2 / 3,
        medianCloseMin: 120, // 60 [120] 2160
        overdue: 0,
        escalatedTownship: 1, // 1014
        escalatedCounty: 0,
      }),
    );
    // i-li: 1004 (with i-wang) 1005 1015 (with i-chen) 1016 1024 closed, 1017 feedback
    expect(f['i-li']).toEqual(
      figures({
        byState: { closed: 5, feedback: 1 },
        byCategory: { safety_hazard: 2, dispute: 1, fire: 1, environment: 1, smoke: 1 },
        total: 6,
        closed: 5,
        voided: 0,
        closedOnTime: 4,
        closedLate: 1, // 1005
        closureRate: 5 / 6, // 0.8333
        onTimeRate: 4 / 5, // 0.8
        medianCloseMin: 1980, // 60 120 [1980] 2880 5040
        overdue: 1, // 1017
        escalatedTownship: 1, // 1017
        escalatedCounty: 1, // 1005
      }),
    );
    // i-wang: 1001 1002 1003 1004 1011 1023 closed, 1006 handling, 1010 verification
    expect(f['i-wang']).toEqual(
      figures({
        byState: { closed: 6, handling: 1, verification: 1 },
        byCategory: { fire: 3, smoke: 4, safety_hazard: 1 },
        total: 8,
        closed: 6,
        voided: 0,
        closedOnTime: 5,
        closedLate: 1, // 1003
        closureRate: 6 / 8, // 0.75
        onTimeRate: 5 / 6, // 0.8333
        medianCloseMin: 165, // 60 90 [90 240] 2880 5040: (90 + 240) / 2
        overdue: 2, // 1006 1010
        escalatedTownship: 2, // 1003 1010
        escalatedCounty: 1, // 1006
      }),
    );
    // i-zhao: 1007 dispatched, 1008 parked (t-0998 and t-1025 are outside March)
    expect(f['i-zhao']).toEqual(
      figures({
        byState: { dispatched: 1, parked: 1 },
        byCategory: { environment: 1, other: 1 },
        total: 2,
        closed: 0,
        voided: 0,
        closedOnTime: 0,
        closedLate: 0,
        closureRate: 0,
        onTimeRate: null,
        medianCloseMin: null,
        overdue: 1, // 1007
        escalatedTownship: 1,
        escalatedCounty: 0,
      }),
    );
  });

  it('lists the overdue tasks, the longest overdue first, with their place and assignees', () => {
    const o = report.overdue;
    expect(o).toMatchObject({ asOf: now, total: 7, limit: 500 });
    // now is 3 April 12:00; overdue by = now − due_at
    expect(o.tasks.map((t) => [t.number, t.overdueMs / H])).toEqual([
      [1006, 577], // due 10 Mar 11:00: 24 d 1 h = 577 h
      [1007, 458], // due 15 Mar 10:00: 19 d 2 h
      [1010, 317], // due 21 Mar 07:00: 13 d 5 h
      [1017, 314], // due 21 Mar 10:00: 13 d 2 h
      [1018, 261], // due 23 Mar 15:00: 10 d 21 h
      [1019, 75], // due 31 Mar 09:00: 3 d 3 h
      [1021, 51], // due 1 Apr 09:00 (after March): 2 d 3 h
    ]);
    expect(o.tasks[0]).toEqual({
      taskId: 't-1006',
      number: 1006,
      title: '东溪水库边火点',
      state: 'handling',
      category: 'fire',
      severity: 'red',
      escalation: 2,
      townshipCode: 'qs',
      townshipName: '青山镇',
      cellCode: 'qs-dx-01',
      cellName: '东溪村第一网格',
      assignees: [{ id: 'i-wang', name: '王芳' }],
      createdAt: at('2026-03-10T09:00:00'),
      dueAt: at('2026-03-10T11:00:00'),
      overdueMs: 577 * H,
    });
    expect(o.tasks.find((t) => t.number === 1019)).toMatchObject({ cellName: 'bs-xx-09', assignees: [] });
    expect(o.tasks.find((t) => t.number === 1021)).toMatchObject({ townshipCode: null, cellName: null });
    const capped = buildTaskReport(opened.db, { period: MARCH, overdueLimit: 3 }, now).overdue;
    expect(capped.total).toBe(7);
    expect(capped.limit).toBe(3);
    expect(capped.tasks.map((t) => t.number)).toEqual([1006, 1007, 1010]);
  });

  it('gives the false alarms by camera and by reason among video alerts with a camera and an outcome', () => {
    // with an outcome: 1001 1002 1003 1011 (cam-dx-01), 1010 1023 (cam-dx-02), 1013 1014 1015 (cam-ht-01) = 9;
    // left out: 1006 1018 (no outcome yet), 1022 (voided), 1024 (no camera), 1012 (source system)
    expect(report.falseAlarms).toEqual({
      withOutcome: 9,
      falseAlarms: 6, // 1002 1003 1010 1013 1014 1023
      rate: 6 / 9, // 0.6667
      byCamera: [
        {
          cameraId: 'cam-dx-02',
          cameraName: '东溪水库',
          withOutcome: 2,
          falseAlarms: 2,
          rate: 1, // 1010 sunset, 1023 reflection
          byReason: { reflection: 1, sunset: 1 },
        },
        {
          cameraId: 'cam-ht-01',
          cameraName: 'cam-ht-01', // not in the cameras table
          withOutcome: 3,
          falseAlarms: 2,
          rate: 2 / 3, // 1013 1014 lamp; 1015 handled
          byReason: { lamp: 2 },
        },
        {
          cameraId: 'cam-dx-01',
          cameraName: '东溪村口',
          withOutcome: 4,
          falseAlarms: 2,
          rate: 2 / 4, // 1002 cooking, 1003 steam; 1001 handled, 1011 needs help
          byReason: { cooking: 1, steam: 1 },
        },
      ],
      byReason: [
        { reason: 'lamp', count: 2, share: 2 / 6 },
        { reason: 'cooking', count: 1, share: 1 / 6 },
        { reason: 'reflection', count: 1, share: 1 / 6 },
        { reason: 'steam', count: 1, share: 1 / 6 },
        { reason: 'sunset', count: 1, share: 1 / 6 },
      ],
    });
  });
});

describe('scope filters', () => {
  it('one township: only its tasks, cells, inspectors and cameras', () => {
    const r = buildTaskReport(opened.db, { period: MARCH, scope: { townshipCode: 'bs' } }, now);
    expect(r.scope).toEqual({ townshipCode: 'bs' });
    expect(r.overall).toMatchObject({ total: 10, closed: 5, voided: 1, closureRate: 5 / 9, overdue: 3 });
    expect(r.byTownship.map((t) => t.code)).toEqual(['bs']);
    expect(r.byTownship[0]?.figures).toEqual(report.byTownship[0]?.figures);
    expect(r.byCell.map((c) => c.code)).toEqual(['bs-ht-01', 'bs-ht-02', 'bs-xx-09']);
    // i-chen 1013 1014 1015; i-li 1015 1016 1017 1024 (not 1004 1005 of qs)
    expect(r.byInspector.map((i) => [i.id, i.figures.total])).toEqual([
      ['i-chen', 3],
      ['i-li', 4],
    ]);
    expect(r.overdue.tasks.map((t) => t.number)).toEqual([1017, 1018, 1019]);
    expect(r.falseAlarms).toMatchObject({ withOutcome: 3, falseAlarms: 2 });
    expect(r.falseAlarms.byCamera.map((c) => c.cameraId)).toEqual(['cam-ht-01']);
  });

  it('one grid cell', () => {
    const r = buildTaskReport(opened.db, { period: MARCH, scope: { cellCode: 'qs-dx-01' } }, now);
    expect(r.overall).toMatchObject({ total: 7, closed: 5, medianCloseMin: 90, overdue: 2 });
    expect(r.byCell.map((c) => c.code)).toEqual(['qs-dx-01']);
    expect(r.byInspector.map((i) => [i.id, i.figures.total])).toEqual([['i-wang', 7]]);
    // cam-dx-01: 1001 1002 1003 1011; cam-dx-02: 1010 1023
    expect(r.falseAlarms).toMatchObject({ withOutcome: 6, falseAlarms: 4 });
  });

  it('one inspector: the tasks dispatched to them, and only their row among the inspectors', () => {
    const r = buildTaskReport(opened.db, { period: MARCH, scope: { inspectorId: 'i-li' } }, now);
    // 1004 1005 (qs), 1015 1016 1017 1024 (bs)
    expect(r.overall).toMatchObject({ total: 6, closed: 5, medianCloseMin: 1980 });
    expect(r.byTownship.map((t) => [t.code, t.figures.total])).toEqual([
      ['bs', 4],
      ['qs', 2],
    ]);
    expect(r.byInspector.map((i) => i.id)).toEqual(['i-li']);
    expect(r.byInspector[0]?.figures).toEqual(report.byInspector[1]?.figures);
    // 1015 lists both of its assignees wherever it appears; the overdue one is 1017
    expect(r.overdue.tasks.map((t) => [t.number, t.assignees.map((a) => a.id)])).toEqual([[1017, ['i-li']]]);
  });

  it('scopes combine: one township and one inspector', () => {
    const r = buildTaskReport(opened.db, { period: MARCH, scope: { townshipCode: 'qs', inspectorId: 'i-li' } }, now);
    // 1004 (on time thanks to its extension) and 1005 (late)
    expect(r.overall).toMatchObject({ total: 2, closed: 2, closedOnTime: 1, onTimeRate: 1 / 2, medianCloseMin: 3960 });
    expect(r.byInspector.map((i) => [i.id, i.figures.total])).toEqual([['i-li', 2]]);
  });

  it('a scope that matches nothing gives zeros and no rates', () => {
    const r = buildTaskReport(opened.db, { period: MARCH, scope: { inspectorId: 'nobody' } }, now);
    expect(r.overall).toMatchObject({ total: 0, closureRate: null, onTimeRate: null, medianCloseMin: null });
    expect([r.byTownship, r.byCell, r.byInspector, r.overdue.tasks, r.falseAlarms.byCamera]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(r.falseAlarms.rate).toBeNull();
  });
});

describe('other periods and requests', () => {
  it('a week across the month end (Monday 30 March to Sunday 5 April)', () => {
    const r = buildTaskReport(opened.db, { period: { kind: 'week', date: '2026-04-01' } }, now);
    expect(r.period).toMatchObject({ from: at('2026-03-30T00:00:00'), to: at('2026-04-06T00:00:00') });
    // 1020 (31 Mar 20:00), 1011 (31 Mar 23:00), 1025 (1 Apr 00:00); not 1021 (Sunday 29 Mar)
    expect(r.overall).toMatchObject({ total: 3, closed: 1, closureRate: 1 / 3, overdue: 1 });
    expect(r.overdue.tasks.map((t) => [t.number, t.overdueMs / H])).toEqual([[1025, 36]]); // due 2 Apr 00:00
  });

  it('a day includes its first instant and excludes the next day’s', () => {
    const first = buildTaskReport(opened.db, { period: { kind: 'day', date: '2026-03-01' } }, now);
    expect(first.overall.total).toBe(1); // 1001 at 00:00:00.000
    const before = buildTaskReport(opened.db, { period: { kind: 'day', date: '2026-02-28' } }, now);
    expect(before.overall.total).toBe(1); // 0999 at 23:59:59.999
    expect(before.falseAlarms.byReason).toEqual([{ reason: 'sunset', count: 1, share: 1 }]);
  });

  it('a task is overdue once now is past its due_at, as on the board', () => {
    // 1020 (accepted) is due 3 April 20:00
    const due = at('2026-04-03T20:00:00');
    expect(buildTaskReport(opened.db, { period: MARCH }, due).overall.overdue).toBe(7);
    const later = buildTaskReport(opened.db, { period: MARCH }, due + 1);
    expect(later.overall.overdue).toBe(8);
    expect(later.overdue.tasks.at(-1)).toMatchObject({ number: 1020, overdueMs: 1 });
  });

  it('refuses a malformed request', () => {
    expect(ReportRequestSchema.safeParse({ period: { kind: 'year', date: '2026-03-01' } }).success).toBe(false);
    expect(ReportRequestSchema.safeParse({ period: MARCH, scope: { township: 'qs' } }).success).toBe(false);
    expect(() => buildTaskReport(opened.db, { period: { kind: 'day', date: '2026-02-30' } }, now)).toThrow();
  });
});
