import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequest } from '../../api/use-request';

/** The technician's way in: one link to the tuning screen per camera. */
export function TuningLinks() {
  const { t } = useTranslation();
  const cameras = useRequest('cameras:list', {});
  const list = cameras.data?.cameras ?? [];
  return (
    <nav aria-labelledby="tuning-links-title" data-testid="technician-tuning-links">
      <h2 id="tuning-links-title">{t('tuning.linksTitle')}</h2>
      {list.length === 0 ? (
        <p>{t('tuning.noCameras')}</p>
      ) : (
        <ul>
          {list.map((c) => (
            <li key={c.id}>
              <Link
                to={`/cameras/${encodeURIComponent(c.id)}/tuning`}
                aria-label={t('tuning.openLabel', { name: c.name })}
              >
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
