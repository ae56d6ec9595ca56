import { useTranslation } from 'react-i18next';
import type { CameraView, ModelStatus } from '@contract/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import { formatFps, formatMegabytes, gradeTone, shownState, stateTone, type Tone } from '../cameras/camera-format';
import '../cameras/cameras.css';
import { countTone, diskTone, diskUsage, modelTone, queueTone } from './health-format';
import { useHealth } from './use-health';
import './health.css';

function Badge({ tone, children, testId }: { tone: Tone; children: string; testId?: string }) {
  return (
    <span className={`badge badge--${tone}`} data-testid={testId} data-tone={tone}>
      {children}
    </span>
  );
}

function CameraRows({ cameras }: { cameras: readonly CameraView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="health-table" data-testid="health-cameras">
        <caption className="sr-only">{t('health.cameras.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('health.cameras.name')}</th>
            <th scope="col">{t('health.cameras.state')}</th>
            <th scope="col">{t('health.cameras.fps')}</th>
            <th scope="col">{t('health.cameras.reconnects')}</th>
            <th scope="col">{t('health.cameras.stalls')}</th>
            <th scope="col">{t('health.cameras.grade')}</th>
            <th scope="col">{t('health.cameras.disk')}</th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((camera) => {
            const state = shownState(camera);
            const status = camera.status;
            return (
              <tr key={camera.id} data-testid="health-camera-row" data-camera-id={camera.id} data-state={state}>
                <th scope="row">
                  <div>{camera.name}</div>
                  <div className="health-table__sub">{camera.id}</div>
                </th>
                <td>
                  <Badge tone={stateTone(state)} testId="health-camera-state">
                    {t(`cameras.states.${state}`)}
                  </Badge>
                </td>
                <td className="health-table__num" data-testid="health-camera-fps">
                  {status ? formatFps(status.fpsOut) : '—'}
                </td>
                <td className="health-table__num">
                  {status ? (
                    <Badge tone={countTone(status.reconnectsLastHour)}>{String(status.reconnectsLastHour)}</Badge>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="health-table__num">
                  {status ? (
                    <Badge tone={countTone(status.stallsLastHour)}>{String(status.stallsLastHour)}</Badge>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {status ? (
                    <Badge tone={gradeTone(status.grade)} testId="health-camera-grade">
                      {t(`cameras.grades.${status.grade}`)}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="health-table__num" data-testid="health-camera-disk">
                  {camera.recording
                    ? t('health.disk.ofBudget', {
                        used: formatMegabytes(camera.recording.bytes, i18n.language),
                        budget: formatMegabytes(camera.recording.budgetBytes, i18n.language),
                      })
                    : t('health.disk.none')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const ms = (value: number | null | undefined): string => (value == null ? '—' : value.toFixed(1));

function DetectorRows({
  models,
  rates,
}: {
  models: readonly ModelStatus[];
  rates: Readonly<Record<string, number | null>>;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="health-table" data-testid="health-detectors">
        <caption className="sr-only">{t('health.detector.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('health.detector.model')}</th>
            <th scope="col">{t('health.detector.status')}</th>
            <th scope="col">{t('health.detector.load')}</th>
            <th scope="col">{t('health.detector.queue')}</th>
            <th scope="col">{t('health.detector.latency')}</th>
            <th scope="col">{t('health.detector.restarts')}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => {
            const rate = rates[model.id] ?? null;
            const queued = model.stats?.queued ?? null;
            return (
              <tr key={model.id} data-testid="health-detector-row" data-model-id={model.id} data-status={model.status}>
                <th scope="row">
                  <div>{model.name ?? model.id}</div>
                  <div className="health-table__sub">{model.id}</div>
                </th>
                <td>
                  <Badge tone={modelTone(model.status)}>{t(`models.statuses.${model.status}`)}</Badge>
                  {model.reason ? (
                    <div className="health-table__sub">
                      {model.reason.code}: {model.reason.message}
                    </div>
                  ) : null}
                </td>
                <td className="health-table__num" data-testid="health-detector-load">
                  {rate === null ? '—' : t('health.detector.rate', { fps: formatFps(rate) })}
                </td>
                <td className="health-table__num">
                  {queued === null ? (
                    '—'
                  ) : (
                    <Badge tone={queueTone(queued)} testId="health-detector-queue">
                      {String(queued)}
                    </Badge>
                  )}
                </td>
                <td className="health-table__num">
                  {t('health.detector.ms', { p50: ms(model.stats?.inferMsP50), p95: ms(model.stats?.inferMsP95) })}
                </td>
                <td className="health-table__num">{model.stats?.restarts ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function DiskBar({ cameras }: { cameras: readonly CameraView[] }) {
  const { t, i18n } = useTranslation();
  const usage = diskUsage(cameras);
  const tone = diskTone(usage.percent);
  const label = t('health.disk.ofBudget', {
    used: formatMegabytes(usage.usedBytes, i18n.language),
    budget: formatMegabytes(usage.budgetBytes, i18n.language),
  });
  if (usage.percent === null) return <Notice testId="health-disk-none">{t('health.disk.noBudget')}</Notice>;
  return (
    <div className="health-disk" data-testid="health-disk" data-tone={tone}>
      <div
        className="health-disk__bar"
        role="meter"
        aria-label={t('health.disk.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(usage.percent, 100)}
        aria-valuetext={`${usage.percent}% · ${label}`}
        data-testid="health-disk-bar"
      >
        <div
          className={`health-disk__fill health-disk__fill--${tone}`}
          style={{ width: `${Math.min(usage.percent, 100)}%` }}
        />
      </div>
      <p className="health-disk__text" data-testid="health-disk-text">
        {t('health.disk.summary', { percent: usage.percent, used: label })}{' '}
        <Badge tone={tone}>{t(`health.disk.tones.${tone === 'warn' || tone === 'error' ? tone : 'ok'}`)}</Badge>
      </p>
    </div>
  );
}

/** The technician's health view: each camera's stream and recording, the detector, and the disk. */
export function HealthPage() {
  const { t, i18n } = useTranslation();
  const health = useHealth();
  return (
    <div className="page" data-testid="page-health">
      <div className="page__head">
        <h1 className="page__title">{t('health.title')}</h1>
        {health.updatedAt !== null ? (
          <p className="health-updated" data-testid="health-updated">
            {t('health.updated', {
              time: new Date(health.updatedAt).toLocaleTimeString(i18n.language),
            })}
          </p>
        ) : null}
      </div>
      {health.error ? (
        <ErrorNotice
          title={t('health.loadFailed')}
          codeLabel={t('error.code')}
          code={health.error.code}
          message={health.error.message}
          issues={health.error.issues}
          testId="health-error"
        />
      ) : null}
      <Panel title={t('health.cameras.title')} testId="health-cameras-panel">
        {health.cameras === null ? null : health.cameras.length === 0 ? (
          <Notice testId="health-cameras-empty">{t('health.cameras.empty')}</Notice>
        ) : (
          <CameraRows cameras={health.cameras} />
        )}
      </Panel>
      <Panel title={t('health.detector.title')} testId="health-detector-panel">
        {health.models === null ? null : health.models.length === 0 ? (
          <Notice testId="health-detector-empty">{t('health.detector.empty')}</Notice>
        ) : (
          <DetectorRows models={health.models} rates={health.rates} />
        )}
      </Panel>
      <Panel title={t('health.disk.title')} testId="health-disk-panel">
        {health.cameras === null ? null : <DiskBar cameras={health.cameras} />}
      </Panel>
    </div>
  );
}
