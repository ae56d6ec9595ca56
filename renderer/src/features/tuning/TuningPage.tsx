import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TuningView } from '@contract/tuning-contract';
import { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useRequest } from '../../api/use-request';
import { PolicyForm } from './PolicyForm';
import { TuningCharts } from './TuningCharts';
import { TuningHistory } from './TuningHistory';
import { draftOf, issueField, policyOfDraft, schemaProblem, type PolicyDraft, type PolicyProblem } from './policy-form';
import { whatIfAt } from './tuning-format';
import { useTuning } from './use-tuning';
import './tuning.css';

const DAYS = [1, 7, 30, 90] as const;
const FIRST_LABELS = ['fire', 'smoke', 'person'];
type Message = { kind: 'applied'; version: number } | { kind: 'invalid' | 'stale' } | { kind: 'failed'; text: string };

/** Who applies from this screen (recorded in the audit). */
const ACTING_TECHNICIAN = { id: 'technician', name: '运维' } as const;

/** A camera's threshold tuning per label: what operators said, the curve, the what-if, and applying a policy. */
export function TuningPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const cameraId = useParams().id ?? '';
  const ids = { label: useId(), days: useId(), note: useId() };
  const [label, setLabel] = useState('fire');
  const [days, setDays] = useState<number>(7);
  const cameras = useRequest('cameras:list', {});
  const { view, history } = useTuning(cameraId, label, days);
  const camera = cameras.data?.cameras.find((c) => c.id === cameraId) ?? null;

  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [shownKey, setShownKey] = useState('');
  // problems and messages are kept as data and put into words when shown, so a language switch rewords them
  const [problems, setProblems] = useState<Record<string, PolicyProblem>>({});
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [applying, setApplying] = useState(false);

  // a new policy in force (another label, an apply) replaces the working copy; pushes that only refresh the
  // figures keep what is being edited
  const data: TuningView | null = view.data;
  const key = data ? `${data.cameraId}|${data.label}|${data.version}|${data.origin}` : '';
  if (data && key !== shownKey) {
    setShownKey(key);
    setDraft(draftOf(data.policy));
    setProblems({});
  }

  const problemText = (p: PolicyProblem) =>
    p.key === 'schema' ? (p.message ?? '') : t(`tuning.problems.${p.key}`, { limit: p.limit ?? 0 });
  const errors = Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, problemText(p)]));
  const messageText = (m: Message) =>
    m.kind === 'applied'
      ? t('tuning.applied', { version: m.version })
      : m.kind === 'failed'
        ? m.text
        : t(m.kind === 'stale' ? 'tuning.stale' : 'tuning.invalid');

  const apply = async () => {
    if (!draft || !data) return;
    const checked = policyOfDraft(draft);
    if (!checked.policy) {
      setProblems(Object.fromEntries(checked.problems.map((p) => [p.field, p])));
      setMessage({ kind: 'invalid' });
      return;
    }
    setApplying(true);
    setProblems({});
    try {
      const applied = await api.request('tuning:apply', {
        cameraId,
        label,
        policy: checked.policy,
        expectedVersion: data.version,
        actor: ACTING_TECHNICIAN,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      setMessage({ kind: 'applied', version: applied.version });
      view.reload();
      history.reload();
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'CONFLICT') {
        setMessage({ kind: 'stale' });
        view.reload();
      } else if (error instanceof ApiRequestError && error.issues.length > 0) {
        const found: Record<string, PolicyProblem> = {};
        for (const i of error.issues) {
          found[issueField(i.path)] = schemaProblem(issueField(i.path), i.message);
        }
        setProblems(found);
        setMessage({ kind: 'invalid' });
      } else {
        setMessage({ kind: 'failed', text: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      setApplying(false);
    }
  };

  const proposed = draft ? Number(draft.values['threshold']) : Number.NaN;
  const point = data ? whatIfAt(data, proposed) : null;
  const current = data ? whatIfAt(data, (data.policy as { threshold: number }).threshold) : null;
  const number = (v: number) => v.toLocaleString(i18n.language);
  const whatIf = data ? (
    <p className="tuning-whatif" aria-live="polite" data-testid="tuning-whatif">
      {point
        ? t(point.lowerBound ? 'tuning.whatIfAtLeast' : 'tuning.whatIf', {
            count: point.alerts,
            n: number(point.alerts),
            days: data.days,
            threshold: number(point.threshold),
          })
        : t('tuning.whatIfNone')}{' '}
      {t('tuning.whatIfNow', { raised: number(data.raised), current: number(current?.alerts ?? 0) })}
    </p>
  ) : null;

  const labels = data?.labels ?? FIRST_LABELS;
  return (
    <section className="page tuning-page" aria-labelledby="tuning-title" data-testid="page-tuning">
      <header className="tuning-page__header">
        <h1 id="tuning-title">{t('tuning.title', { name: camera?.name ?? cameraId })}</h1>
        <Link to="/cameras" className="link-button">
          {t('tuning.back')}
        </Link>
      </header>
      <p className="tuning-page__summary">{t('tuning.summary')}</p>
      <div className="tuning-page__controls">
        <label htmlFor={ids.label}>{t('tuning.label')}</label>
        <select id={ids.label} value={label} onChange={(e) => setLabel(e.target.value)} data-testid="tuning-label">
          {labels.map((l) => (
            <option key={l} value={l}>
              {t(`tuning.labels.${l}`, { defaultValue: l })}
            </option>
          ))}
        </select>
        <label htmlFor={ids.days}>{t('tuning.days')}</label>
        <select id={ids.days} value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="tuning-days">
          {DAYS.map((d) => (
            <option key={d} value={d}>
              {t('tuning.lastDays', { count: d })}
            </option>
          ))}
        </select>
      </div>
      {view.error ? (
        <p role="alert" className="tuning-page__error">
          {t('tuning.loadFailed')}: {view.error.message}
        </p>
      ) : null}
      {data ? (
        <>
          <p className="tuning-page__reviewed" data-testid="tuning-reviewed">
            {t('tuning.origin', { origin: t(`tuning.origins.${data.origin}`), version: data.version })} ·{' '}
            {t('tuning.reviewed', { confirmed: data.reviewed.confirmed, dismissed: data.reviewed.dismissed })}
            {Object.entries(data.reviewed.reasons).length > 0
              ? ` (${Object.entries(data.reviewed.reasons)
                  .map(([r, n]) => `${t(`tasks.reasons.${r}`, { defaultValue: r })} ${n}`)
                  .join(', ')})`
              : ''}
            {data.reviewed.excluded > 0 ? ` · ${t('tuning.excluded', { count: data.reviewed.excluded })}` : ''}
          </p>
          <TuningCharts view={data} threshold={Number.isFinite(proposed) ? proposed : null} />
          <p className="tuning-page__note">{t('tuning.approximation', { floor: number(data.floor) })}</p>
        </>
      ) : null}
      {draft && data ? (
        <form
          className="tuning-page__apply"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <PolicyForm draft={draft} errors={errors} onChange={setDraft} whatIf={whatIf} />
          <label htmlFor={ids.note}>{t('tuning.note')}</label>
          <textarea
            id={ids.note}
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="tuning-note"
          />
          <button type="submit" className="button button--primary" disabled={applying} data-testid="tuning-apply">
            {applying ? t('tuning.applying') : t('tuning.apply')}
          </button>
          {message ? (
            <p
              role={message.kind === 'applied' ? 'status' : 'alert'}
              className={`tuning-message--${message.kind === 'applied' ? 'ok' : 'error'}`}
            >
              {messageText(message)}
            </p>
          ) : null}
        </form>
      ) : null}
      <TuningHistory entries={history.data?.entries ?? []} />
    </section>
  );
}
