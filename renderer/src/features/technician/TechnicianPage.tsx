import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RolePlaceholder } from '../../ui/RolePlaceholder';
import { DatasetExportPanel } from '../dataset/DatasetExportPanel';
import { TuningLinks } from '../tuning/TuningLinks';

/** The technician's desk: cameras, zones, models, thresholds, and the export of reviewed alerts as training data. */
export function TechnicianPage() {
  const { t } = useTranslation();
  return (
    <RolePlaceholder
      testId="page-technician"
      title={t('technician.title')}
      summary={t('technician.summary')}
      notice={t('placeholder.notice')}
      plannedTitle={t('placeholder.plannedTitle')}
      planned={[t('technician.duties.zones'), t('technician.duties.models'), t('technician.duties.thresholds')]}
    >
      <p>
        <Link to="/cameras" className="link-button" data-testid="technician-cameras-link">
          {t('technician.camerasLink')}
        </Link>
      </p>
      <p>
        <Link to="/system" className="link-button" data-testid="technician-system-link">
          {t('technician.systemLink')}
        </Link>
      </p>
      <TuningLinks />
      <DatasetExportPanel />
    </RolePlaceholder>
  );
}
