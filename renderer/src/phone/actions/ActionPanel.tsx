import { useState } from 'react';
import type { MeTask } from '@contract/inspector-contract';
import { usePhone } from '../app/phone-context';
import { fill, useWords } from '../i18n/words';
import { actionsAfter, type ActionType, type QueuedAction } from '../queue/queued-action';
import { CheckinForm } from './CheckinForm';
import { queueAction } from './queue-action';
import { ReportForm } from './ReportForm';
import { ReturnForm } from './ReturnForm';

type Open = Exclude<ActionType, 'accept'> | null;

/**
 * What the inspector can do with the task now (the server's list, less what their waiting actions already did).
 * Every action goes through the queue, online or not, so the order is always the order they acted in.
 */
export function ActionPanel({ task }: { task: MeTask }) {
  const { m } = useWords();
  const { queue } = usePhone();
  const [open, setOpen] = useState<Open>(null);
  const [queued, setQueued] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const waiting = queue.snapshot.entries.filter((entry) => entry.taskId === task.id).map((entry) => entry.action.type);
  const available = actionsAfter(task.actions, waiting);

  const submit = async (action: QueuedAction, photos: Blob[] = []): Promise<void> => {
    setSaveError(null);
    try {
      await queueAction(queue.runner, task, action, photos);
    } catch (error) {
      // IndexedDB refused it (storage full or cleared): nothing was queued, the form stays filled in.
      setSaveError(fill(m.actions.saveFailed, { reason: error instanceof Error ? error.message : String(error) }));
      return;
    }
    setOpen(null);
    setQueued(true);
  };

  return (
    <section aria-labelledby="actions-title" className="phone-card">
      <h3 id="actions-title">{m.actions.title}</h3>
      <p role="status" className="phone-hint" data-testid="action-queued">
        {queued ? m.actions.queued : ''}
      </p>
      {saveError !== null && (
        <p className="phone-notice phone-notice-error" role="alert">
          {saveError}
        </p>
      )}
      {available.length === 0 && <p data-testid="actions-none">{m.actions.none}</p>}
      <div className="phone-actions">
        {available.includes('accept') && (
          <button
            type="button"
            className="phone-button phone-primary"
            data-testid="action-accept"
            onClick={() => void submit({ type: 'accept' })}
          >
            {m.actions.accept}
          </button>
        )}
        {available.includes('checkin') && open !== 'checkin' && (
          <button
            type="button"
            className="phone-button"
            data-testid="action-checkin"
            onClick={() => setOpen('checkin')}
          >
            {m.actions.checkinTitle}
          </button>
        )}
        {available.includes('report') && open !== 'report' && (
          <button type="button" className="phone-button" data-testid="action-report" onClick={() => setOpen('report')}>
            {m.actions.reportTitle}
          </button>
        )}
        {available.includes('return') && open !== 'return' && (
          <button type="button" className="phone-button" data-testid="action-return" onClick={() => setOpen('return')}>
            {m.actions.returnTitle}
          </button>
        )}
      </div>
      {open === 'checkin' && available.includes('checkin') && (
        <CheckinForm onSubmit={(action, photos) => submit(action, photos)} />
      )}
      {open === 'report' && available.includes('report') && (
        <ReportForm onSubmit={(action, photos) => submit(action, photos)} />
      )}
      {open === 'return' && available.includes('return') && <ReturnForm onSubmit={(action) => submit(action)} />}
    </section>
  );
}
