import { useEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  title: ReactNode;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}

/**
 * A native modal `<dialog>`: the browser keeps the focus inside and closes it on Escape; the focus starts at the
 * control marked `data-autofocus` and goes back to the control that opened it.
 */
export function ModalDialog({ title, onClose, testId, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${testId ?? 'dialog'}-title`;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog !== null && !dialog.open) {
      dialog.showModal();
      // React keeps `autoFocus` to itself, so the browser would focus the first control: name the one to start at
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="tasks-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      data-testid={testId}
    >
      <h2 className="tasks-dialog__title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}
