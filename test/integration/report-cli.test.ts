/** `anxun report` on the built CLI (`npm run build` first) and a real SQLite file holding the report fixture. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/engine/engine';
import type { TaskReport } from '../../electron/reports/report-schema';
import { openDatabase } from '../../electron/store/database';
import { anxunSync, requireBuiltCli } from '../support/cli';
import { loadReportFixture } from '../support/report-fixture';

describe('anxun report (built CLI, real SQLite file)', () => {
  let dir: string;
  // the fixture's figures were worked out in Beijing time
  const env = { ...process.env, TZ: 'Asia/Shanghai' };

  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'anxun-report-cli-'));
    const { db } = openDatabase(join(dir, DATABASE_FILE));
    loadReportFixture(db);
    db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the month’s figures as JSON and writes the CSV for Excel', () => {
    const csv = join(dir, 'march.csv');
    const r = anxunSync(
      ['report', '--period', 'month', '--date', '2026-03-15', '--json', '--csv', csv, '--data', dir],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as TaskReport;
    expect(report.period).toMatchObject({ kind: 'month', date: '2026-03-15' });
    // the same figures as electron/reports/task-report.test.ts works out by hand
    expect(report.overall).toMatchObject({ total: 24, closed: 13, voided: 2 });
    expect(report.overall.closureRate).toBeCloseTo(13 / 22, 10);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('结案率');
  });

  it('prints a readable summary, and refuses a bad period with a usage error', () => {
    const ok = anxunSync(['report', '--period', 'month', '--date', '2026-03-01', '--data', dir, '--lang', 'en'], {
      env,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/tasks 24, closed 13, voided 2/);
    const bad = anxunSync(['report', '--period', 'year', '--data', dir], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/period/);
    const noDate = anxunSync(['report', '--period', 'day', '--date', '2026-02-30', '--data', dir], { env });
    expect(noDate.code).toBe(2);
  });
});
