import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraView } from '@contract/contract';
import { formatDateTime } from '../system/format';
import { formatFps, formatMegabytes, gradeTone, percentOf, shownState, stateTone } from './camera-format';
import { TestResult, type TestState } from './TestResult';

interface CameraTableProps {
  cameras: readonly CameraView[];
  /** Results of "test connection" by camera id. */
  tests: Readonly<Record<string, TestState>>;
  onEdit: (camera: CameraView, opener: HTMLElement) => void;
  onDelete: (camera: CameraView, opener: HTMLElement) => void;
  onTest: (camera: CameraView) => void;
  onDismissTest: (camera: CameraView) => void;
}

const COLUMNS = 12;

/** Every camera with its stream, health and detection counters; saved cameras can be edited and deleted. */
export function CameraTable({ cameras, tests, onEdit, onDelete, onTest, onDismissTest }: CameraTableProps) {
  const { t, i18n } = useTranslation();
  const none = t('cameras.none');
  const count = (value: number): string => value.toLocaleString(i18n.language);

  return (
    <div className="camera-scroll">
      <table className="camera-table" data-testid="camera-list">
        <thead>
          <tr>
            <th scope="col">{t('cameras.columns.camera')}</th>
            <th scope="col">{t('cameras.columns.gridCell')}</th>
            <th scope="col">{t('cameras.columns.source')}</th>
            <th scope="col">{t('cameras.columns.stream')}</th>
            <th scope="col">{t('cameras.columns.state')}</th>
            <th scope="col">{t('cameras.columns.fps')}</th>
            <th scope="col">{t('cameras.columns.lastHour')}</th>
            <th scope="col">{t('cameras.columns.grade')}</th>
            <th scope="col">{t('cameras.columns.pipeline')}</th>
            <th scope="col">{t('cameras.columns.lastDetection')}</th>
            <th scope="col">{t('cameras.columns.recording')}</th>
            <th scope="col">{t('cameras.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((camera) => {
            const state = shownState(camera);
            const { status, pipeline } = camera;
            const test = tests[camera.id];
            const skippedShare = pipeline ? percentOf(pipeline.skipped, pipeline.frames) : null;
            return (
              <Fragment key={camera.id}>
                <tr
                  className="camera-table__row"
                  data-testid="camera-row"
                  data-camera-id={camera.id}
                  data-source={camera.source}
                  data-state={state}
                >
                  <th scope="row" className="camera-table__camera">
                    <div data-testid="camera-name">{camera.name}</div>
                    <div className="camera-table__muted camera-table__mono" data-testid="camera-id">
                      {camera.id}
                    </div>
                  </th>
                  <td className="camera-table__mono camera-table__nowrap" data-testid="camera-grid-cell">
                    {camera.gridCell}
                  </td>
                  <td className="camera-table__nowrap" data-testid="camera-source">
                    {t(`cameras.sources.${camera.source}`)}
                  </td>
                  <td className="camera-table__stream">
                    <code data-testid="camera-url">{camera.url}</code>
                    {camera.recordUrl !== null ? (
                      <div className="camera-table__muted" data-testid="camera-record-url">
                        {t('cameras.recordUrl', { url: camera.recordUrl })}
                      </div>
                    ) : null}
                    <div className="camera-table__credentials">
                      {camera.username !== null ? (
                        <span data-testid="camera-username">{t('cameras.username', { name: camera.username })}</span>
                      ) : null}
                      {camera.hasPassword ? (
                        <span className="tag" data-testid="camera-password-set">
                          {t('cameras.passwordSet')}
                        </span>
                      ) : (
                        <span className="camera-table__muted" data-testid="camera-no-password">
                          {t('cameras.noPassword')}
                        </span>
                      )}
                    </div>
                  </td>
                  <td className="camera-table__state">
                    <span className={`badge badge--${stateTone(state)}`} data-testid="camera-state">
                      {t(`cameras.states.${state}`)}
                    </span>
                    {status?.lastError ? (
                      <div className="camera-table__error" data-testid="camera-last-error">
                        {t('cameras.lastError', { message: status.lastError })}
                      </div>
                    ) : null}
                  </td>
                  <td className="camera-table__number" data-testid="camera-fps">
                    {status ? `${formatFps(status.fpsIn)} / ${formatFps(status.fpsOut)}` : none}
                  </td>
                  <td className="camera-table__number" data-testid="camera-last-hour">
                    {status ? `${count(status.reconnectsLastHour)} / ${count(status.stallsLastHour)}` : none}
                  </td>
                  <td>
                    {status ? (
                      <span
                        className={`badge badge--${gradeTone(status.grade)}`}
                        data-testid="camera-grade"
                        data-grade={status.grade}
                      >
                        {t(`cameras.grades.${status.grade}`)}
                      </span>
                    ) : (
                      none
                    )}
                  </td>
                  <td data-testid="camera-pipeline">
                    {pipeline ? (
                      <dl className="counters">
                        <dt>{t('cameras.pipeline.frames')}</dt>
                        <dd>{count(pipeline.frames)}</dd>
                        <dt>{t('cameras.pipeline.detected')}</dt>
                        <dd>{count(pipeline.detected)}</dd>
                        <dt>{t('cameras.pipeline.skipped')}</dt>
                        <dd>
                          {skippedShare === null
                            ? count(pipeline.skipped)
                            : t('cameras.pipeline.skippedShare', {
                                count: count(pipeline.skipped),
                                percent: skippedShare,
                              })}
                        </dd>
                        <dt>{t('cameras.pipeline.followed')}</dt>
                        <dd>{count(pipeline.followed)}</dd>
                        <dt>{t('cameras.pipeline.withBoxes')}</dt>
                        <dd>{count(pipeline.withBoxes)}</dd>
                      </dl>
                    ) : (
                      none
                    )}
                  </td>
                  <td className="camera-table__time" data-testid="camera-last-detection">
                    {pipeline?.lastDetectionAt ? (
                      <time dateTime={pipeline.lastDetectionAt}>
                        {formatDateTime(pipeline.lastDetectionAt, i18n.language)}
                      </time>
                    ) : (
                      none
                    )}
                  </td>
                  <td data-testid="camera-recording">
                    {camera.recording ? (
                      <dl className="counters">
                        <dt>{t('cameras.recording.state')}</dt>
                        <dd>{t(`cameras.recording.states.${camera.recording.state}`)}</dd>
                        <dt>{t('cameras.recording.disk')}</dt>
                        <dd>
                          {t('cameras.recording.diskOf', {
                            used: formatMegabytes(camera.recording.bytes, i18n.language),
                            budget: formatMegabytes(camera.recording.budgetBytes, i18n.language),
                          })}
                        </dd>
                        <dt>{t('cameras.recording.since')}</dt>
                        <dd>
                          {camera.recording.oldestAt ? (
                            <time dateTime={camera.recording.oldestAt}>
                              {formatDateTime(camera.recording.oldestAt, i18n.language)}
                            </time>
                          ) : (
                            none
                          )}
                        </dd>
                        {camera.recording.lastError ? (
                          <>
                            <dt>{t('cameras.recording.error')}</dt>
                            <dd>{camera.recording.lastError.code}</dd>
                          </>
                        ) : null}
                      </dl>
                    ) : (
                      none
                    )}
                  </td>
                  <td>
                    <div className="camera-table__actions-list">
                      {camera.source === 'demo' ? null : (
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => onTest(camera)}
                          disabled={test?.kind === 'running'}
                          aria-label={t('cameras.actions.testLabel', { name: camera.name })}
                          data-testid="camera-test"
                        >
                          {test?.kind === 'running' ? t('cameras.actions.testing') : t('cameras.actions.test')}
                        </button>
                      )}
                      <a
                        className="button button--small"
                        href={`#/cameras/${encodeURIComponent(camera.id)}/zones`}
                        aria-label={t('zones.openLabel', { name: camera.name })}
                        data-testid="camera-zones"
                      >
                        {t('zones.open')}
                      </a>
                      <a
                        className="button button--small"
                        href={`#/cameras/${encodeURIComponent(camera.id)}/tuning`}
                        aria-label={t('tuning.openLabel', { name: camera.name })}
                        data-testid="camera-tuning"
                      >
                        {t('tuning.open')}
                      </a>
                      {camera.source === 'stored' ? (
                        <>
                          <button
                            type="button"
                            className="button button--small"
                            onClick={(event) => onEdit(camera, event.currentTarget)}
                            aria-label={t('cameras.actions.editLabel', { name: camera.name })}
                            data-testid="camera-edit"
                          >
                            {t('cameras.actions.edit')}
                          </button>
                          <button
                            type="button"
                            className="button button--small button--danger"
                            onClick={(event) => onDelete(camera, event.currentTarget)}
                            aria-label={t('cameras.actions.deleteLabel', { name: camera.name })}
                            data-testid="camera-delete"
                          >
                            {t('cameras.actions.delete')}
                          </button>
                        </>
                      ) : (
                        <p className="camera-table__muted camera-table__read-only" data-testid="camera-read-only">
                          {t(`cameras.readOnly.${camera.source}`)}
                        </p>
                      )}
                    </div>
                  </td>
                </tr>
                {test ? (
                  <tr className="camera-table__detail" data-testid="camera-test-row" data-camera-id={camera.id}>
                    <td colSpan={COLUMNS}>
                      <div className="camera-table__detail-body" aria-live="polite">
                        <TestResult
                          state={test}
                          testId="camera-test-result"
                          live={camera.source === 'demo' ? null : { cameraId: camera.id, name: camera.name }}
                        />
                        {test.kind === 'running' ? null : (
                          <button
                            type="button"
                            className="button button--small"
                            onClick={() => onDismissTest(camera)}
                            aria-label={t('cameras.actions.dismissLabel', { name: camera.name })}
                          >
                            {t('cameras.actions.dismiss')}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
