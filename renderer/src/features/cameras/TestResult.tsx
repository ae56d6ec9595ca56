import { useTranslation } from 'react-i18next';
import type { ProbeResultView } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LivePicture } from '../wall/LivePicture';
import { formatFps, formatMs } from './camera-format';

/** Where a "test connection" stands: running, answered (connected or not), or the request itself failed. */
export type TestState =
  { kind: 'running' } | { kind: 'done'; result: ProbeResultView } | { kind: 'failed'; error: ApiRequestError };

interface TestResultProps {
  state: TestState;
  testId?: string;
  /** A saved camera tested as it is stored: its live picture is shown beside the first frame. */
  live?: { cameraId: string; name: string } | null;
}

/**
 * The answer of `cameras:test` in words: what the stream is (with the first frame it sent, and the live picture
 * of a saved camera), or why it could not be read.
 */
export function TestResult({ state, testId, live = null }: TestResultProps) {
  const { t } = useTranslation();
  if (state.kind === 'running') {
    return (
      <p className="probe probe--running" data-testid={testId} data-outcome="running">
        {t('cameras.test.running')}
      </p>
    );
  }
  if (state.kind === 'failed') {
    const { error } = state;
    return (
      <div data-testid={testId} data-outcome="request-failed">
        <ErrorNotice
          title={t('cameras.test.requestFailed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={error.message}
          issues={error.issues}
        />
      </div>
    );
  }
  const { result } = state;
  const ms = formatMs(result.elapsedMs);
  if (result.ok) {
    const fps =
      result.fps === null ? t('cameras.test.fpsUnknown') : t('cameras.test.fps', { fps: formatFps(result.fps) });
    const size = { width: result.width, height: result.height };
    return (
      <div className="probe probe--ok" data-testid={testId} data-outcome="ok">
        <p className="probe__line">
          {t('cameras.test.ok', { codec: result.codec, width: result.width, height: result.height, fps, ms })}
        </p>
        <div className="probe__pictures">
          {result.preview ? (
            <figure className="probe__picture">
              <img src={result.preview} alt={t('cameras.test.previewAlt')} data-testid="camera-test-preview" />
              <figcaption>{t('cameras.test.preview')}</figcaption>
            </figure>
          ) : null}
          {live ? (
            <figure className="probe__picture probe__picture--live" data-testid="camera-test-live">
              <LivePicture
                cameraId={live.cameraId}
                fallbackSize={size}
                boxes={[]}
                alt={t('cameras.test.liveAlt', { name: live.name })}
              />
              <figcaption>{t('cameras.test.live')}</figcaption>
            </figure>
          ) : null}
        </div>
      </div>
    );
  }
  return (
    <div className="probe probe--error" data-testid={testId} data-outcome="error" data-code={result.code}>
      <div className="probe__title">{t('cameras.test.failed', { ms })}</div>
      <div className="probe__sentence" data-testid="test-sentence">
        {t(`cameras.test.codes.${result.code}`)}
      </div>
      <div className="probe__detail">
        <code data-testid="test-code">{result.code}</code> <span data-testid="test-message">{result.message}</span>
      </div>
    </div>
  );
}
