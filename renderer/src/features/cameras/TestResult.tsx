import { useTranslation } from 'react-i18next';
import type { ProbeResultView } from '@contract/contract';
import type { ApiRequestError } from '../../api/client';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatFps, formatMs } from './camera-format';

/** Where a "test connection" stands: running, answered (connected or not), or the request itself failed. */
export type TestState =
  { kind: 'running' } | { kind: 'done'; result: ProbeResultView } | { kind: 'failed'; error: ApiRequestError };

/** The answer of `cameras:test` in words: what the stream is, or why it could not be read. */
export function TestResult({ state, testId }: { state: TestState; testId?: string }) {
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
    return (
      <p className="probe probe--ok" data-testid={testId} data-outcome="ok">
        {t('cameras.test.ok', { codec: result.codec, width: result.width, height: result.height, fps, ms })}
      </p>
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
