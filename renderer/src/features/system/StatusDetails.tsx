import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '@contract/contract';
import { KeyValueList } from '../../ui/KeyValueList';
import { Panel } from '../../ui/Panel';
import { formatDateTime, splitDuration } from './format';
import { useNow } from './use-now';

interface StatusDetailsProps {
  status: SystemStatus;
  /** When `status` arrived, to count the uptime on from there. */
  receivedAt: number;
}

/** The facts of `system:status`, in four panels. */
export function StatusDetails({ status, receivedAt }: StatusDetailsProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const none = t('system.notAvailable');
  const { days, clock } = splitDuration(status.uptimeS + Math.max(0, now - receivedAt) / 1000);
  const uptime = days > 0 ? t('system.uptimeDays', { days, time: clock }) : clock;
  const { ffmpeg } = status;

  return (
    <div className="panel-grid">
      <Panel title={t('system.sections.app')} testId="status-section-app">
        <KeyValueList
          items={[
            { label: t('system.fields.name'), value: status.app.name, testId: 'status-app-name' },
            { label: t('system.fields.version'), value: status.app.version, testId: 'status-app-version', mono: true },
            { label: t('system.fields.shell'), value: t(`system.shells.${status.shell}`), testId: 'status-shell' },
            {
              label: t('system.fields.startedAt'),
              value: <time dateTime={status.startedAt}>{formatDateTime(status.startedAt, i18n.language)}</time>,
              testId: 'status-started-at',
            },
            { label: t('system.fields.uptime'), value: uptime, testId: 'status-uptime', mono: true },
            { label: t('system.fields.platform'), value: status.platform, testId: 'status-platform', mono: true },
          ]}
        />
      </Panel>
      <Panel title={t('system.sections.runtime')} testId="status-section-runtime">
        <KeyValueList
          items={[
            { label: t('system.fields.node'), value: status.versions.node, testId: 'status-node-version', mono: true },
            {
              label: t('system.fields.electron'),
              value: status.versions.electron ?? none,
              testId: 'status-electron-version',
              mono: true,
            },
            {
              label: t('system.fields.onnxruntime'),
              value: status.versions.onnxruntime,
              testId: 'status-onnxruntime-version',
              mono: true,
            },
            {
              label: t('system.fields.sqlite'),
              value: status.versions.sqlite,
              testId: 'status-sqlite-version',
              mono: true,
            },
          ]}
        />
      </Panel>
      <Panel title={t('system.sections.ffmpeg')} testId="status-section-ffmpeg">
        <KeyValueList
          items={[
            {
              label: t('system.fields.ffmpegVersion'),
              value: ffmpeg.available ? (ffmpeg.version ?? none) : t('system.ffmpegUnavailable'),
              testId: 'status-ffmpeg-version',
              mono: ffmpeg.available,
              warn: !ffmpeg.available,
            },
            {
              label: t('system.fields.ffmpegPath'),
              value: ffmpeg.path ?? none,
              testId: 'status-ffmpeg-path',
              mono: true,
            },
            {
              label: t('system.fields.ffmpegSource'),
              value: ffmpeg.source ? t(`system.ffmpegSources.${ffmpeg.source}`) : none,
              testId: 'status-ffmpeg-source',
            },
            ...(ffmpeg.error
              ? [
                  {
                    label: t('system.fields.ffmpegError'),
                    value: ffmpeg.error,
                    testId: 'status-ffmpeg-error',
                    warn: true,
                  },
                ]
              : []),
          ]}
        />
      </Panel>
      <Panel title={t('system.sections.storage')} testId="status-section-storage">
        <KeyValueList
          items={[
            { label: t('system.fields.dataDir'), value: status.dataDir, testId: 'status-data-dir', mono: true },
            {
              label: t('system.fields.databasePath'),
              value: status.database.path,
              testId: 'status-database-path',
              mono: true,
            },
            {
              label: t('system.fields.schemaVersion'),
              value: status.database.schemaVersion,
              testId: 'status-schema-version',
              mono: true,
            },
          ]}
        />
      </Panel>
    </div>
  );
}
