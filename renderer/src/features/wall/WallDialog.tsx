import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../ui/use-modal-dialog';
import { StateBadge, TilePicture, type TileProps } from './WallTile';

/**
 * One camera large, in a native modal `<dialog>` (focus and Esc as `useModalDialog` does). It shares the tile's
 * stream (one ffmpeg per camera).
 */
export function WallDialog({ onClose, ...tile }: TileProps & { onClose: () => void }) {
  const { t } = useTranslation();
  const { ref, onCancel } = useModalDialog(onClose);
  return (
    <dialog
      ref={ref}
      className="wall-dialog"
      aria-labelledby="wall-dialog-title"
      onCancel={onCancel}
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
