/**
 * `anxun report`: the patrol-task report of a day, a week or a month from the data folder's database, as a
 * readable summary, JSON, or the CSV file the reports page exports.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { DATABASE_FILE } from '../../engine/engine';
import { reportToCsv } from '../../reports/report-csv';
import { ReportCsvRequestSchema, type TaskReport } from '../../reports/report-schema';
import { buildTaskReport } from '../../reports/task-report';
import { openDatabase } from '../../store/database';
import { resolveDataDir } from '../data-dir';
import { CliError, EXIT } from '../errors';

interface ReportFlags {
  period: string;
  date?: string;
  township?: string;
  cell?: string;
  inspector?: string;
  csv?: string;
  lang: string;
  json?: boolean;
  data?: string;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

function summary(r: TaskReport): string {
  const o = r.overall;
  const median = o.medianCloseMin === null ? '—' : `${(o.medianCloseMin / 60).toFixed(1)} h`;
  const lines = [
    `${r.period.labelEn} (${r.period.label})`,
    `tasks ${o.total}, closed ${o.closed}, voided ${o.voided}, overdue ${o.overdue}; ` +
      `closure rate ${pct(o.closureRate)}, on-time closure rate ${pct(o.onTimeRate)}, median time to close ${median}`,
    ...r.byTownship.map(
      (t) =>
        `  ${t.name ?? t.code ?? '(no township)'}: ${t.figures.total} tasks, closure ${pct(t.figures.closureRate)}, ` +
        `on time ${pct(t.figures.onTimeRate)}`,
    ),
    `false alarms of video tasks: ${r.falseAlarms.falseAlarms} of ${r.falseAlarms.withOutcome} (${pct(r.falseAlarms.rate)})`,
  ];
  return lines.join('\n');
}

export function report(flags: ReportFlags): void {
  const parsed = ReportCsvRequestSchema.safeParse({
    period: { kind: flags.period, date: flags.date ?? today() },
    scope: {
      ...(flags.township ? { townshipCode: flags.township } : {}),
      ...(flags.cell ? { cellCode: flags.cell } : {}),
      ...(flags.inspector ? { inspectorId: flags.inspector } : {}),
    },
    lang: flags.lang,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CliError(`invalid report request: ${problems}`, EXIT.usage);
  }
  const dataDir = resolveDataDir(flags.data);
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new CliError(`no database in ${dataDir}`, EXIT.usage);
  const { lang, ...request } = parsed.data;
  const { db } = openDatabase(file);
  let r: TaskReport;
  try {
    r = buildTaskReport(db, request, Date.now());
  } finally {
    db.close();
  }
  if (flags.csv) {
    const out = resolve(flags.csv);
    writeFileSync(out, reportToCsv(r, { lang }));
    process.stderr.write(`written ${out}\n`);
  }
  process.stdout.write(flags.json ? `${JSON.stringify(r)}\n` : `${summary(r)}\n`);
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('patrol-task figures of a day, a week (Monday to Sunday) or a month, in the local time zone')
    .option('--period <kind>', 'day, week or month', 'month')
    .option('--date <YYYY-MM-DD>', 'a day inside the period (default: today)')
    .option('--township <code>', 'only this township')
    .option('--cell <code>', 'only this grid cell')
    .option('--inspector <id>', 'only the tasks of this inspector')
    .option('--csv <file>', 'also write the report as CSV (UTF-8 with BOM, for Excel)')
    .option('--lang <lang>', 'language of the CSV headers: zh-CN or en', 'zh-CN')
    .option('--json', 'print the whole report as JSON')
    .option('-d, --data <dir>', 'data folder (default: $ANXUN_DATA_DIR, then ~/.local/share/anxun)')
    .action((flags: ReportFlags) => report(flags));
}
