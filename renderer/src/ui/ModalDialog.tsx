import type { ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';

interface ModalDialogProps {
  title: ReactNode;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}

/** A titled native modal `<dialog>` (see `useModalDialog` for focus and Escape). */
export function ModalDialog({ title, onClose, testId, children }: ModalDialogProps) {
  const { ref, onCancel } = useModalDialog(onClose);
  const titleId = `${testId ?? 'dialog'}-title`;
  return (
    <dialog ref={ref} className="modal-dialog" aria-labelledby={titleId} onCancel={onCancel} data-testid={testId}>
      <h2 className="modal-dialog__title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
