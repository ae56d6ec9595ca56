import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { IncidentReviewView } from '@contract/incidents-contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { KeyValueList } from '../../ui/KeyValueList';
import { Notice } from '../../ui/Notice';
import { ACTING_OPERATOR } from '../tasks/acting-operator';
import { DismissReasons } from './DismissReasons';
import { AlertTimeline, IncidentEvidence } from './IncidentEvidence';
import { LinkedTask } from './LinkedTask';
import { queueKey } from './queue-keys';
import { camerasOf, severityOf } from './queue-order';
import { ReviewStatus } from './ReviewStatus';
import { useIncidentDetail } from './use-incident-detail';
import { useIncidentWords, type IncidentWords } from './use-incident-words';
import { usePlaces } from './use-places';
import { useReview } from './use-review';
import './incidents.css';

/**
 * One incident at `#/incidents/:id`: what happened where, each camera's clip and the snapshots, the alerts in
 * order, the operator's verdict (confirm, or dismiss with a reason), the reviews so far, and the patrol task made
 * for it with its commands and audit trail.
 */
export function IncidentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const headingId = useId();
  const detail = useIncidentDetail(id);
  const places = usePlaces();
  const words = useIncidentWords();
  const review = useReview(detail.reload);
  const [dismissing, setDismissing] = useState(false);
  const [note, setNote] = useState('');
  const data = detail.data?.incident.id === id ? detail.data : null;
  const incident = data?.incident ?? null;
  const mine = data?.reviews.find((r) => r.reviewer.id === ACTING_OPERATOR.id) ?? null;
  const sending = review.state.kind === 'sending';
  const { send } = review;
  const incidentId = incident?.id ?? null;

  // the queue's keys work here too: c confirms, x then 1–6 dismisses, Esc cancels (not while typing a note)
  useEffect(() => {
    if (incidentId === null) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.closest('input, textarea, select, video') || target.isContentEditable)
      ) {
        return;
      }
      const action = queueKey(dismissing ? 'dismiss' : 'browse', event);
      if (action === null) return;
      if (action.type === 'confirm') void send(incidentId, 'confirmed', undefined, note);
      else if (action.type === 'dismiss-start') setDismissing(true);
      else if (action.type === 'cancel') setDismissing(false);
      else if (action.type === 'dismiss') {
        setDismissing(false);
        void send(incidentId, 'dismissed', action.reason, note);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [incidentId, dismissing, note, send]);
  return (
    <div className="page incidents-page" data-testid="page-incident" data-incident-id={id}>
      <p>
        <Link to="/alerts" data-testid="incident-back">
          ← {t('incidents.detail.back')}
        </Link>
      </p>
      <div className="page__head">
        <h1 className="page__title" id={headingId} data-testid="incident-title">
          {incident
            ? t('incidents.detail.title', { kind: words.kind(incident.kind), id })
            : t('incidents.detail.loading')}
        </h1>
        {incident ? (
          <span className={`incidents-badge incidents-badge--${severityOf(incident.kind)}`}>
            {words.severity(severityOf(incident.kind))}
          </span>
        ) : null}
      </div>
      {detail.error ? (
        <ErrorNotice
          title={t('incidents.detail.loadFailed')}
          codeLabel={t('error.code')}
          code={detail.error.code}
          message={detail.error.message}
          testId="incident-error"
          action={
            <button type="button" className="button" onClick={detail.reload}>
              {t('incidents.retry')}
            </button>
          }
        />
      ) : null}
      {incident === null || data === null ? (
        detail.error ? null : (
          <Notice>{t('incidents.detail.loading')}</Notice>
        )
      ) : (
        <div className="incidents-detail">
          <div className="incidents-detail__main">
            <IncidentEvidence incident={incident} places={places} words={words} />
            <AlertTimeline incident={incident} places={places} words={words} />
          </div>
          <div className="incidents-detail__side">
            <section className="incidents-detail__section" aria-label={t('incidents.detail.facts')}>
              <KeyValueList
                items={[
                  { label: t('incidents.detail.state'), value: words.state(incident.state), testId: 'incident-state' },
                  { label: t('incidents.detail.started'), value: words.stamp(incident.firstSeen) },
                  { label: t('incidents.detail.lastSeen'), value: words.stamp(incident.lastSeen) },
                  ...(incident.endedAt
                    ? [{ label: t('incidents.detail.endedAt'), value: words.stamp(incident.endedAt) }]
                    : []),
                  {
                    label: t('incidents.detail.peak'),
                    value: t('incidents.detail.peakValue', {
                      score: words.score(incident.peak.score),
                      camera: places.cameraName(incident.peak.cameraId) ?? incident.peak.cameraId,
                      at: words.stamp(incident.peak.at),
                    }),
                  },
                  {
                    label: t('incidents.detail.cameras'),
                    value: camerasOf(incident)
                      .map((c) => places.cameraName(c) ?? c)
                      .join(t('tasks.listSeparator')),
                  },
                  {
                    label: t('incidents.detail.cells'),
                    value:
                      [...new Set(camerasOf(incident).flatMap((c) => places.cellOf(c) ?? []))].join(
                        t('tasks.listSeparator'),
                      ) || t('tasks.none'),
                  },
                ]}
              />
            </section>
            <section className="incidents-detail__section" aria-labelledby={`${headingId}-decide`}>
              <h2 className="incidents-detail__subtitle" id={`${headingId}-decide`}>
                {t('incidents.detail.decide')}
              </h2>
              <div className="incidents-field">
                <label htmlFor={`${headingId}-note`}>{t('incidents.detail.note')}</label>
                <textarea
                  id={`${headingId}-note`}
                  className="input textarea"
                  rows={2}
                  maxLength={2000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  data-testid="incident-note"
                />
              </div>
              <div className="incidents-actions">
                <button
                  type="button"
                  className="button button--primary"
                  disabled={sending}
                  onClick={() => void review.send(incident.id, 'confirmed', undefined, note)}
                  data-testid="incident-confirm"
                >
                  {t('incidents.actions.confirm')}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-expanded={dismissing}
                  disabled={sending}
                  onClick={() => setDismissing(!dismissing)}
                  data-testid="incident-dismiss"
                >
                  {t('incidents.actions.dismiss')}
                </button>
              </div>
              {dismissing ? (
                <DismissReasons
                  words={words}
                  numbered
                  disabled={sending}
                  onCancel={() => setDismissing(false)}
                  onPick={(reason) => {
                    setDismissing(false);
                    void review.send(incident.id, 'dismissed', reason, note);
                  }}
                />
              ) : null}
              <ReviewStatus state={review.state} words={words} />
              <Reviews reviews={data.reviews} mine={mine} words={words} />
            </section>
            {data.taskId === null ? (
              <section className="incidents-detail__section" data-testid="incident-task">
                <h2 className="incidents-detail__subtitle">{t('incidents.detail.task')}</h2>
                <p className="incidents-muted">{t('incidents.detail.noTask')}</p>
              </section>
            ) : (
              <LinkedTask taskId={data.taskId} grid={places.grid} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function Reviews({
  reviews,
  mine,
  words,
}: {
  reviews: readonly IncidentReviewView[];
  mine: IncidentReviewView | null;
  words: IncidentWords;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="incidents-reviews" aria-labelledby={`${id}-reviews`}>
      <h3 className="incidents-detail__subtitle" id={`${id}-reviews`}>
        {t('incidents.detail.reviews')}
      </h3>
      {reviews.length === 0 ? <p className="incidents-muted">{t('incidents.detail.noReviews')}</p> : null}
      <ul data-testid="incident-reviews">
        {reviews.map((r) => (
          <li
            key={r.reviewer.id}
            data-testid="incident-review"
            data-verdict={r.verdict}
            className={r === mine ? 'incidents-reviews__mine' : undefined}
          >
            {r.reason
              ? t('incidents.detail.reviewReason', {
                  name: r.reviewer.name,
                  verdict: words.verdict(r.verdict),
                  reason: words.reason(r.reason),
                })
              : t('incidents.detail.review', { name: r.reviewer.name, verdict: words.verdict(r.verdict) })}{' '}
            <time dateTime={r.at} className="incidents-muted">
              {words.stamp(r.at)}
            </time>
            {r.note ? <p className="incidents-muted">{r.note}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
