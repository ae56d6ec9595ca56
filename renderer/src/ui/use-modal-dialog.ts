import { useEffect, useRef, type SyntheticEvent } from 'react';

/**
 * Drives a native modal `<dialog>`: it opens on mount, the browser keeps the focus inside, Escape calls `onClose`
 * (the dialog stays under React's control), the focus starts at the control marked `data-autofocus` and goes back
 * to the control that opened it when the dialog unmounts.
 */
export function useModalDialog(onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
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
  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onClose();
  };
  return { ref, onCancel };
}
