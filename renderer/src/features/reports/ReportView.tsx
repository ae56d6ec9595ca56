import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import { FiguresTable } from './FiguresTable';
import { SEVERITIES, TASK_CATEGORIES, TASK_SOURCES, TASK_STATES } from './report-codes';
import { orderedCounts, type ScopeNames, type TaskReport } from './report-format';
import type { ReportWords } from './use-report-words';

interface ReportViewProps {
  report: TaskReport;
  scope: ScopeNames;
  words: ReportWords;
}

/** One report as the county reads it: the title lines, the figures, the tables and the lists. */
export function ReportView({ report, scope, words }: ReportViewProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const empty = report.overall.total === 0;
  return (
    <article className="report" data-testid="report" aria-labelledby={titleId}>
      <ReportHead report={report} scope={scope} words={words} titleId={titleId} />
      {empty ? (
        <Notice testId="report-empty">{t('reports.empty')}</Notice>
      ) : (
        <>
          <Overall report={report} words={words} />
          <Counts report={report} words={words} />
          <Areas report={report} words={words} />
          <Overdue report={report} words={words} />
          <FalseAlarmsSection report={report} words={words} />
        </>
      )}
    </article>
  );
}

function ReportHead({ report, scope, words, titleId }: ReportViewProps & { titleId: string }) {
  const { t } = useTranslation();
  const { period } = report;
  const label = words.locale === 'en' ? period.labelEn : period.label;
  const parts = [
    scope.township === null ? null : t('reports.scopeTownship', { name: scope.township }),
    scope.cell === null ? null : t('reports.scopeCell', { name: scope.cell }),
    scope.inspector === null ? null : t('reports.scopeInspector', { name: scope.inspector }),
  ].filter((part): part is string => part !== null);
  return (
    <header className="report-head" data-testid="report-head">
      <h2 className="report-head__title" id={titleId} data-testid="report-title">
        {t(`reports.reportTitle.${period.kind}`, { period: label })}
      </h2>
      <dl className="report-head__facts">
        <dt>{t('reports.scopeLabel')}</dt>
        <dd data-testid="report-scope">
          {parts.length > 0 ? parts.join(t('reports.scopeSeparator')) : t('reports.all')}
        </dd>
        <dt>{t('reports.generatedLabel')}</dt>
        <dd data-testid="report-generated">
          <time dateTime={new Date(report.generatedAt).toISOString()}>{words.stamp(report.generatedAt)}</time>
        </dd>
      </dl>
    </header>
  );
}

interface SectionProps {
  report: TaskReport;
  words: ReportWords;
}

function Overall({ report, words }: SectionProps) {
  const { t } = useTranslation();
  const o = report.overall;
  const figures: { key: string; label: string; value: string; note?: string; warn?: boolean }[] = [
    { key: 'total', label: t('reports.figures.total'), value: words.count(o.total) },
    { key: 'closed', label: t('reports.figures.closed'), value: words.count(o.closed) },
    {
      key: 'closure-rate',
      label: t('reports.figures.closureRate'),
      value: words.share(o.closureRate),
      note: t('reports.figureNotes.closureRate'),
    },
    {
      key: 'on-time-rate',
      label: t('reports.figures.onTimeRate'),
      value: words.share(o.onTimeRate),
      note: t('reports.figureNotes.onTimeRate'),
    },
    { key: 'median-close', label: t('reports.figures.medianClose'), value: words.minutes(o.medianCloseMin) },
    { key: 'overdue', label: t('reports.figures.overdue'), value: words.count(o.overdue), warn: o.overdue > 0 },
    {
      key: 'escalated-township',
      label: t('reports.figures.escalatedTownship'),
      value: words.count(o.escalatedTownship),
      warn: o.escalatedTownship > 0,
    },
    {
      key: 'escalated-county',
      label: t('reports.figures.escalatedCounty'),
      value: words.count(o.escalatedCounty),
      warn: o.escalatedCounty > 0,
    },
  ];
  return (
    <Panel title={t('reports.sections.overall')} testId="report-overall">
      <dl className="report-figures">
        {figures.map((figure) => (
          <div key={figure.key} className={figure.warn ? 'report-figure report-figure--warn' : 'report-figure'}>
            <dt className="report-figure__label">{figure.label}</dt>
            <dd className="report-figure__value" data-testid={`figure-${figure.key}`}>
              {figure.value}
            </dd>
            {figure.note ? <dd className="report-figure__note">{figure.note}</dd> : null}
          </div>
        ))}
      </dl>
    </Panel>
  );
}

function Counts({ report, words }: SectionProps) {
  const { t } = useTranslation();
  const o = report.overall;
  return (
    <Panel title={t('reports.sections.counts')} testId="report-counts">
      <div className="report-counts">
        <CountTable
          caption={t('reports.sections.byState')}
          header={t('reports.columns.state')}
          rows={TASK_STATES.map((code) => ({ code, label: words.state(code), count: o.byState[code] }))}
          words={words}
          testId="count-state"
        />
        <CountTable
          caption={t('reports.sections.byCategory')}
          header={t('reports.columns.category')}
          rows={orderedCounts(o.byCategory, TASK_CATEGORIES).map(([code, count]) => ({
            code,
            label: words.category(code),
            count,
          }))}
          words={words}
          testId="count-category"
        />
        <CountTable
          caption={t('reports.sections.bySource')}
          header={t('reports.columns.source')}
          rows={TASK_SOURCES.map((code) => ({ code, label: words.source(code), count: o.bySource[code] }))}
          words={words}
          testId="count-source"
        />
        <CountTable
          caption={t('reports.sections.bySeverity')}
          header={t('reports.columns.severity')}
          rows={SEVERITIES.map((code) => ({ code, label: words.severity(code), count: o.bySeverity[code] }))}
          words={words}
          testId="count-severity"
        />
      </div>
    </Panel>
  );
}

interface CountTableProps {
  caption: string;
  header: string;
  rows: readonly { code: string; label: string; count: number }[];
  words: ReportWords;
  testId: string;
}

function CountTable({ caption, header, rows, words, testId }: CountTableProps) {
  const { t } = useTranslation();
  return (
    <table className="report-table report-table--counts" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col" className="report-table__num">
            {t('reports.columns.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code} data-code={row.code} className={row.count === 0 ? 'report-table__zero' : undefined}>
            <th scope="row">{row.label}</th>
            <td className="report-table__num">{words.count(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Areas({ report, words }: SectionProps) {
  const { t } = useTranslation();
  const muted = (text: ReactNode) => <span className="report-muted">{text}</span>;
  return (
    <Panel title={t('reports.sections.areas')} testId="report-areas">
      <div className="report-stack">
        <FiguresTable
          caption={t('reports.sections.byTownship')}
          nameHeader={t('reports.columns.township')}
          rows={report.byTownship.map((row) => ({
            key: row.code ?? '',
            name: row.name ?? row.code ?? muted(t('reports.unknownTownship')),
            figures: row.figures,
          }))}
          words={words}
          testId="table-township"
        />
        <FiguresTable
          caption={t('reports.sections.byCell')}
          nameHeader={t('reports.columns.cell')}
          extraHeaders={[t('reports.columns.township')]}
          rows={report.byCell.map((row) => ({
            key: row.code ?? '',
            name: row.name ?? row.code ?? muted(t('reports.unknownCell')),
            extra: [row.townshipName ?? row.townshipCode ?? words.none],
            figures: row.figures,
          }))}
          words={words}
          testId="table-cell"
        />
        <FiguresTable
          caption={t('reports.sections.byInspector')}
          nameHeader={t('reports.columns.inspector')}
          rows={report.byInspector.map((row) => ({
            key: row.id,
            name:
              row.name === row.id ? (
                row.id
              ) : (
                <>
                  {row.name} {muted(row.id)}
                </>
              ),
            figures: row.figures,
          }))}
          words={words}
          testId="table-inspector"
        />
      </div>
    </Panel>
  );
}

function Overdue({ report, words }: SectionProps) {
  const { t } = useTranslation();
  const { overdue } = report;
  return (
    <Panel title={t('reports.sections.overdue')} testId="report-overdue">
      {overdue.total === 0 ? (
        <Notice testId="report-no-overdue">{t('reports.noOverdue')}</Notice>
      ) : (
        <div className="report-scroll">
          <table className="report-table" data-testid="table-overdue">
            <caption>
              {t('reports.overdueCaption', {
                total: words.count(overdue.total),
                listed: words.count(overdue.tasks.length),
                asOf: words.time(overdue.asOf),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.columns.number')}</th>
                <th scope="col">{t('reports.columns.title')}</th>
                <th scope="col">{t('reports.columns.state')}</th>
                <th scope="col">{t('reports.columns.place')}</th>
                <th scope="col">{t('reports.columns.assignees')}</th>
                <th scope="col">{t('reports.columns.dueAt')}</th>
                <th scope="col" className="report-table__num">
                  {t('reports.columns.overdueBy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {overdue.tasks.map((task) => {
                const place = [task.townshipName ?? task.townshipCode, task.cellName ?? task.cellCode].filter(
                  (part): part is string => part !== null,
                );
                return (
                  <tr key={task.taskId} data-testid="overdue-row" data-task-id={task.taskId}>
                    <th scope="row" className="report-table__mono">
                      {task.number}
                    </th>
                    <td>{task.title}</td>
                    <td className="report-table__nowrap">{words.state(task.state)}</td>
                    <td>{place.length > 0 ? place.join(' · ') : words.none}</td>
                    <td>
                      {task.assignees.length > 0
                        ? words.list(task.assignees.map((assignee) => assignee.name))
                        : t('reports.noAssignee')}
                    </td>
                    <td className="report-table__nowrap">
                      <time dateTime={new Date(task.dueAt).toISOString()}>{words.time(task.dueAt)}</time>
                    </td>
                    <td className="report-table__num">{words.overdueBy(task.overdueMs)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function FalseAlarmsSection({ report, words }: SectionProps) {
  const { t } = useTranslation();
  const fa = report.falseAlarms;
  return (
    <Panel title={t('reports.sections.falseAlarms')} testId="report-false-alarms">
      {fa.withOutcome === 0 ? (
        <Notice testId="report-no-false-alarm-data">{t('reports.noFalseAlarmData')}</Notice>
      ) : (
        <div className="report-stack">
          <p data-testid="false-alarm-summary">
            {t('reports.falseSummary', {
              withOutcome: words.count(fa.withOutcome),
              falseAlarms: words.count(fa.falseAlarms),
              rate: words.share(fa.rate),
            })}
          </p>
          <div className="report-scroll">
            <table className="report-table" data-testid="table-false-camera">
              <caption>{t('reports.sections.falseByCamera')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.columns.camera')}</th>
                  <th scope="col" className="report-table__num">
                    {t('reports.columns.withOutcome')}
                  </th>
                  <th scope="col" className="report-table__num">
                    {t('reports.columns.falseAlarms')}
                  </th>
                  <th scope="col" className="report-table__num">
                    {t('reports.columns.falseAlarmRate')}
                  </th>
                  <th scope="col">{t('reports.columns.reasons')}</th>
                </tr>
              </thead>
              <tbody>
                {fa.byCamera.map((camera) => (
                  <tr key={camera.cameraId}>
                    <th scope="row">
                      {camera.cameraName}
                      {camera.cameraName === camera.cameraId ? null : (
                        <>
                          {' '}
                          <span className="report-muted">{camera.cameraId}</span>
                        </>
                      )}
                    </th>
                    <td className="report-table__num">{words.count(camera.withOutcome)}</td>
                    <td className="report-table__num">{words.count(camera.falseAlarms)}</td>
                    <td className="report-table__num">{words.share(camera.rate)}</td>
                    <td>
                      {Object.keys(camera.byReason).length > 0
                        ? words.list(
                            Object.entries(camera.byReason).map(([reason, count]) =>
                              t('reports.reasonCount', { reason: words.reason(reason), count: words.count(count) }),
                            ),
                          )
                        : words.none}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {fa.byReason.length === 0 ? (
            <Notice>{t('reports.noFalseAlarms')}</Notice>
          ) : (
            <table className="report-table report-table--counts" data-testid="table-false-reason">
              <caption>{t('reports.sections.falseByReason')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.columns.reason')}</th>
                  <th scope="col" className="report-table__num">
                    {t('reports.columns.times')}
                  </th>
                  <th scope="col" className="report-table__num">
                    {t('reports.columns.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fa.byReason.map((row) => (
                  <tr key={row.reason} data-code={row.reason}>
                    <th scope="row">{words.reason(row.reason)}</th>
                    <td className="report-table__num">{words.count(row.count)}</td>
                    <td className="report-table__num">{words.share(row.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Panel>
  );
}
