import { useTranslation } from 'react-i18next';
import { RolePlaceholder } from '../../ui/RolePlaceholder';

/** The grid inspector's task list, used on a phone over the centre's LAN. Its tools come later. */
export function InspectorPage() {
  const { t } = useTranslation();
  return (
    <RolePlaceholder
      testId="page-inspector"
      title={t('inspector.title')}
      summary={t('inspector.summary')}
      notice={t('placeholder.notice')}
      plannedTitle={t('placeholder.plannedTitle')}
      planned={[
        t('inspector.duties.receive'),
        t('inspector.duties.accept'),
        t('inspector.duties.checkin'),
        t('inspector.duties.report'),
      ]}
    />
  );
}
