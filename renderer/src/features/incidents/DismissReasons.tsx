import { useTranslation } from 'react-i18next';
import type { FalseAlarmReason } from '../../../../electron/domain/task-lifecycle';
import { DISMISS_REASONS } from './queue-keys';
import type { IncidentWords } from './use-incident-words';

interface DismissReasonsProps {
  words: IncidentWords;
  onPick: (reason: FalseAlarmReason) => void;
  onCancel: () => void;
  /** Show the number key of each reason (the queue's keyboard picks them with 1–6). */
  numbered?: boolean;
  disabled?: boolean;
}

/** The reason codes of a dismissal as buttons, in the order of their number keys. */
export function DismissReasons({ words, onPick, onCancel, numbered = false, disabled = false }: DismissReasonsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="incidents-reasons" data-testid="incident-reasons">
      <legend>{t('incidents.actions.reasons')}</legend>
      {DISMISS_REASONS.map((reason, index) => (
        <button
          key={reason}
          type="button"
          className="button"
          onClick={() => onPick(reason)}
          disabled={disabled}
          data-testid={`incident-reason-${reason}`}
        >
          {numbered ? <kbd className="incidents-kbd">{index + 1}</kbd> : null} {words.reason(reason)}
        </button>
      ))}
      <button type="button" className="button" onClick={onCancel}>
        {t('incidents.actions.cancel')}
      </button>
    </fieldset>
  );
}
