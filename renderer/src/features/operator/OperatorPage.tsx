import { useTranslation } from 'react-i18next';
import { RolePlaceholder } from '../../ui/RolePlaceholder';

/** The duty operator's desk at the centre. Its tools (alert queue, video wall, dispatch, reports) come later. */
export function OperatorPage() {
  const { t } = useTranslation();
  return (
    <RolePlaceholder
      testId="page-operator"
      title={t('operator.title')}
      summary={t('operator.summary')}
      notice={t('placeholder.notice')}
      plannedTitle={t('placeholder.plannedTitle')}
      planned={[
        t('operator.duties.queue'),
        t('operator.duties.wall'),
        t('operator.duties.confirm'),
        t('operator.duties.dispatch'),
        t('operator.duties.verify'),
        t('operator.duties.reports'),
      ]}
    />
  );
}
