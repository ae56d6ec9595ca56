import { useId, useState, type SubmitEvent } from 'react';
import { useWords } from '../i18n/words';
import type { QueuedAction } from '../queue/queued-action';

/** 退回: a wrongly dispatched task goes back to the centre, with the reason. */
export function ReturnForm({ onSubmit }: { onSubmit: (action: QueuedAction) => Promise<void> }) {
  const { m } = useWords();
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (reason.trim() === '') return;
    setBusy(true);
    void onSubmit({ type: 'return', reason: reason.trim() }).finally(() => setBusy(false));
  };
  return (
    <form className="phone-form" onSubmit={submit} aria-label={m.actions.returnTitle} data-testid="return-form">
      <h4>{m.actions.returnTitle}</h4>
      <label htmlFor={id}>{m.actions.returnReason}</label>
      <textarea id={id} value={reason} maxLength={2000} required rows={3} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="phone-button phone-primary" disabled={busy} data-testid="return-submit">
        {m.actions.returnSubmit}
      </button>
    </form>
  );
}
