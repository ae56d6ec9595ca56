import { useId, useState, type SubmitEvent } from 'react';
import { MAX_PHOTOS_PER_ACTION } from '@contract/inspector-contract';
import {
  FALSE_ALARM_REASONS,
  OUTCOMES,
  type FalseAlarmReason,
  type Outcome,
} from '../../../../electron/domain/task-lifecycle';
import { fill, useWords } from '../i18n/words';
import type { QueuedAction } from '../queue/queued-action';
import { PhotoPicker } from './PhotoPicker';

interface Props {
  onSubmit: (action: QueuedAction, photos: Blob[]) => Promise<void>;
}

/** 反馈: handled, a false alarm with its reason code, or needs help (escalate); notes and up to four photos. */
export function ReportForm({ onSubmit }: Props) {
  const { m } = useWords();
  const noteId = useId();
  const reasonId = useId();
  const [outcome, setOutcome] = useState<Outcome>('handled');
  const [reason, setReason] = useState<FalseAlarmReason>('sunset');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    setBusy(true);
    const trimmed = note.trim();
    const action: QueuedAction = {
      type: 'report',
      outcome,
      ...(outcome === 'false_alarm' ? { reason } : {}),
      ...(trimmed === '' ? {} : { note: trimmed }),
    };
    void onSubmit(action, photos).finally(() => setBusy(false));
  };

  return (
    <form className="phone-form" onSubmit={submit} aria-label={m.actions.reportTitle} data-testid="report-form">
      <h4>{m.actions.reportTitle}</h4>
      <fieldset className="phone-choices">
        <legend>{m.actions.outcome}</legend>
        {OUTCOMES.map((value) => (
          <label key={value} className="phone-choice">
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
              data-testid={`report-outcome-${value}`}
            />
            {m.outcomes[value]}
          </label>
        ))}
      </fieldset>
      {outcome === 'false_alarm' && (
        <>
          <label htmlFor={reasonId}>{m.actions.falseReason}</label>
          <select
            id={reasonId}
            value={reason}
            data-testid="report-reason"
            onChange={(event) => setReason(event.target.value as FalseAlarmReason)}
          >
            {FALSE_ALARM_REASONS.map((value) => (
              <option key={value} value={value}>
                {m.reasons[value]}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={noteId}>{m.actions.note}</label>
      <textarea
        id={noteId}
        value={note}
        rows={3}
        maxLength={2000}
        placeholder={m.actions.notePlaceholder}
        data-testid="report-note"
        onChange={(event) => setNote(event.target.value)}
      />
      <PhotoPicker
        label={fill(m.actions.photos, { max: MAX_PHOTOS_PER_ACTION })}
        photos={photos}
        onChange={setPhotos}
        max={MAX_PHOTOS_PER_ACTION}
        testId="report-photos"
      />
      <button type="submit" className="phone-button phone-primary" disabled={busy} data-testid="report-submit">
        {m.actions.reportSubmit}
      </button>
    </form>
  );
}
