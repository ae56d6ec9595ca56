import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { StateBadge, TilePicture, type TileProps } from './WallTile';

/**
 * One camera large, in a native modal `<dialog>`: the browser keeps the focus inside and Esc closes it; the
 * focus goes back to the tile that opened it. It shares the tile's stream (one ffmpeg per camera).
 */
export function WallDialog({ onClose, ...tile }: TileProps & { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog !== null && !dialog.open) {
      dialog.showModal();
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
      className="wall-dialog"
      aria-labelledby="wall-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      data-testid="wall-large"
    >
      <header className="wall-dialog__head">
        <h2 className="wall-dialog__title" id="wall-dialog-title">
          {t('wall.large', { name: tile.camera.name })}
        </h2>
        <span className="wall-tile__cell">{t('wall.cell', { cell: tile.cell })}</span>
        <StateBadge badge={tile.badge} />
        <button type="button" className="button" onClick={onClose} data-autofocus data-testid="wall-large-close">
          {t('wall.close')}
        </button>
      </header>
      <div className="wall-dialog__picture">
        <TilePicture camera={tile.camera} badge={tile.badge} boxes={tile.boxes} />
      </div>
    </dialog>
  );
}
