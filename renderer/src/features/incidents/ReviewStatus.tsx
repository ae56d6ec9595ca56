import { useTranslation } from 'react-i18next';
import type { ReviewState } from './use-review';
import type { IncidentWords } from './use-incident-words';

/** How the last review went: sending, done (what was decided), or why it failed. */
export function ReviewStatus({ state, words }: { state: ReviewState; words: IncidentWords }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status" className="incidents-status" data-testid="incident-review-status">
        {state.kind === 'sending' ? t('incidents.actions.sending') : null}
        {state.kind === 'done'
          ? state.verdict === 'dismissed' && state.reason
            ? t('incidents.actions.dismissed', { id: state.id, reason: words.reason(state.reason) })
            : t('incidents.actions.confirmed', { id: state.id })
          : null}
      </div>
      {state.kind === 'failed' ? (
        <div role="alert" className="incidents-error" data-testid="incident-review-error">
          {t('incidents.actions.failed', { code: state.error.code, message: state.error.message })}
        </div>
      ) : null}
    </>
  );
}
