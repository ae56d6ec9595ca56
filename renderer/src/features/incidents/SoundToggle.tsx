import { useTranslation } from 'react-i18next';
import type { FireChime } from './use-fire-chime';

/** The mute switch of the new-fire sound (a toggle button: pressed means the sound is on). */
export function SoundToggle({ chime }: { chime: FireChime }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button"
      aria-pressed={!chime.muted}
      aria-label={t('incidents.sound.label')}
      title={t('incidents.sound.label')}
      onClick={() => chime.setMuted(!chime.muted)}
      data-testid="incident-sound"
      data-muted={chime.muted}
      data-sounded={chime.sounded}
    >
      {chime.muted ? t('incidents.sound.off') : t('incidents.sound.on')}
    </button>
  );
}
