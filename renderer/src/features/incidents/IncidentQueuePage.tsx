import { useCallback, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { ACTING_OPERATOR } from '../tasks/acting-operator';
import { useClock } from '../tasks/use-clock';
import { DismissReasons } from './DismissReasons';
import { movedIndex, queueKey, type QueueMode } from './queue-keys';
import { parseQueueFilter, queueFilterParams, type QueueFilter } from './queue-filter';
import { QueueList } from './QueueList';
import { ReviewStatus } from './ReviewStatus';
import { SoundToggle } from './SoundToggle';
import { useFireChime } from './use-fire-chime';
import { useIncidentQueue } from './use-incident-queue';
import { useIncidentWords } from './use-incident-words';
import { usePlaces } from './use-places';
import { useReview } from './use-review';
import './incidents.css';

/**
 * 告警队列: the duty operator's incidents, newest first, with the peak snapshot, cameras, grid cells and time since
 * start; confirmed or dismissed (with a reason code) from the keyboard; a sound for each new fire. Filters live in
 * the URL; pushed changes show without reloading.
 */
export function IncidentQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseQueueFilter(params), [params]);
  const onFilter = (next: QueueFilter): void => setParams(queueFilterParams(next), { replace: true });
  const queue = useIncidentQueue(filter, ACTING_OPERATOR.id);
  const places = usePlaces();
  const words = useIncidentWords();
  const now = useClock();
  const chime = useFireChime();
  const review = useReview(queue.reload);
  const [cursor, setCursor] = useState<{ index: number; id: string | null }>({ index: 0, id: null });
  const [wanted, setMode] = useState<QueueMode>('browse');
  const { incidents } = queue;

  // the active row follows its incident when the list changes; when it left the list, the row now in its place
  const found = cursor.id === null ? -1 : incidents.findIndex((i) => i.id === cursor.id);
  const activeIndex = found >= 0 ? found : Math.min(cursor.index, Math.max(0, incidents.length - 1));
  const active = incidents[activeIndex] ?? null;
  // a dismissal waits for its reason only while there is an alert to dismiss
  const mode: QueueMode = wanted === 'dismiss' && active !== null ? 'dismiss' : 'browse';

  const setActive = useCallback((index: number) => setCursor({ index, id: incidents[index]?.id ?? null }), [incidents]);
  const open = useCallback(
    (incidentId: string) => void navigate(`/incidents/${encodeURIComponent(incidentId)}`),
    [navigate],
  );
  const confirm = (): void => {
    if (active) void review.send(active.id, 'confirmed');
  };
  const dismiss = (reason: Parameters<typeof review.send>[2]): void => {
    setMode('browse');
    if (active && reason) void review.send(active.id, 'dismissed', reason);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const action = queueKey(mode, event);
    if (action === null) return;
    event.preventDefault();
    switch (action.type) {
      case 'move':
      case 'first':
      case 'last':
        setActive(movedIndex(activeIndex, action, incidents.length));
        return;
      case 'open':
        if (active) open(active.id);
        return;
      case 'confirm':
        confirm();
        return;
      case 'dismiss-start':
        if (active) setMode('dismiss');
        return;
      case 'dismiss':
        dismiss(action.reason);
        return;
      case 'cancel':
        setMode('browse');
        return;
    }
  };

  return (
    <div className="page incidents-page" data-testid="page-alerts">
      <div className="page__head">
        <h1 className="page__title">{t('incidents.title')}</h1>
        <SoundToggle chime={chime} />
      </div>
      <p className="page__summary">{t('incidents.summary')}</p>
      <QueueFilters filter={filter} onChange={onFilter} />
      {queue.error ? (
        <ErrorNotice
          title={t('incidents.loadFailed')}
          codeLabel={t('error.code')}
          code={queue.error.code}
          message={queue.error.message}
          testId="incident-queue-error"
          action={
            <button type="button" className="button" onClick={queue.reload}>
              {t('incidents.retry')}
            </button>
          }
        />
      ) : null}
      <div className="incidents-queue">
        <section className="incidents-queue__list" aria-labelledby={`${id}-list`}>
          <div className="incidents-queue__bar">
            <h2 className="incidents-queue__title" id={`${id}-list`}>
              {t('incidents.list.label')}
            </h2>
            <span data-testid="incident-count">{t('incidents.count', { count: incidents.length })}</span>
          </div>
          {queue.loading ? <Notice>{t('incidents.loading')}</Notice> : null}
          {!queue.loading && incidents.length === 0 ? (
            <Notice testId="incident-queue-empty">{t('incidents.empty')}</Notice>
          ) : null}
          <QueueList
            incidents={incidents}
            mine={queue.mine}
            activeIndex={activeIndex}
            places={places}
            words={words}
            now={now}
            label={t('incidents.list.label')}
            onActive={setActive}
            onOpen={open}
            onKeyDown={onKeyDown}
          />
          <p className="incidents-muted" id={`${id}-keys`}>
            {mode === 'dismiss' ? t('incidents.keys.dismiss') : t('incidents.keys.hint')}
          </p>
        </section>
        <section className="incidents-queue__actions" aria-label={t('incidents.actions.label')}>
          {active === null ? (
            <p className="incidents-muted">{t('incidents.actions.nothing')}</p>
          ) : (
            <>
              <div className="incidents-actions">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={confirm}
                  disabled={review.state.kind === 'sending'}
                  data-testid="incident-confirm"
                >
                  {t('incidents.actions.confirm')}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-expanded={mode === 'dismiss'}
                  onClick={() => setMode(mode === 'dismiss' ? 'browse' : 'dismiss')}
                  disabled={review.state.kind === 'sending'}
                  data-testid="incident-dismiss"
                >
                  {t('incidents.actions.dismiss')}
                </button>
                <button type="button" className="button" onClick={() => open(active.id)} data-testid="incident-open">
                  {t('incidents.actions.open')}
                </button>
              </div>
              {mode === 'dismiss' ? (
                <DismissReasons words={words} onPick={dismiss} onCancel={() => setMode('browse')} numbered />
              ) : null}
            </>
          )}
          <ReviewStatus state={review.state} words={words} />
        </section>
      </div>
    </div>
  );
}

function QueueFilters({ filter, onChange }: { filter: QueueFilter; onChange: (next: QueueFilter) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <form className="incidents-filters" aria-label={t('incidents.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-state`}>{t('incidents.filters.state')}</label>
      <select
        id={`${id}-state`}
        className="select"
        value={filter.state}
        onChange={(e) =>
          onChange({ ...filter, state: parseQueueFilter(new URLSearchParams({ state: e.target.value })).state })
        }
        data-testid="incident-filter-state"
      >
        <option value="all">{t('incidents.filters.all')}</option>
        <option value="open">{t('incidents.filters.open')}</option>
        <option value="ended">{t('incidents.filters.ended')}</option>
      </select>
      <label htmlFor={`${id}-review`}>{t('incidents.filters.review')}</label>
      <select
        id={`${id}-review`}
        className="select"
        value={filter.review}
        onChange={(e) =>
          onChange({ ...filter, review: parseQueueFilter(new URLSearchParams({ review: e.target.value })).review })
        }
        data-testid="incident-filter-review"
      >
        <option value="all">{t('incidents.filters.all')}</option>
        <option value="unreviewed">{t('incidents.filters.unreviewed')}</option>
        <option value="reviewed">{t('incidents.filters.reviewed')}</option>
      </select>
    </form>
  );
}
