import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView } from '@contract/inspector-contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError, useRequest } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ModalDialog } from '../../ui/ModalDialog';

const when = (iso: string | null, locale: string) =>
  iso === null ? '—' : new Date(iso).toLocaleString(locale, { hour12: false });

/** An inspector's paired phones: when paired and last seen, revoked or not, and a revoke button (confirmed). */
export function DevicesList({
  inspectorId,
  inspectorName,
  version,
}: {
  inspectorId: string;
  inspectorName: string;
  version: number;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const devices = useRequest('inspectors:devices', { inspectorId });
  const [confirm, setConfirm] = useState<DeviceView | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [seen, setSeen] = useState(version);
  if (seen !== version) {
    setSeen(version);
    devices.reload();
  }

  const revoke = async (device: DeviceView) => {
    setConfirm(null);
    try {
      await api.request('inspectors:revoke', { deviceId: device.id });
      setError(null);
      devices.reload();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };

  const list = devices.data?.devices ?? [];
  return (
    <div className="inspector-devices" data-testid={`devices-${inspectorId}`}>
      {error ? (
        <ErrorNotice
          title={t('inspectors.devices.revokeFailed')}
          codeLabel={t('error.code')}
          code={error.code}
          message={error.message}
        />
      ) : null}
      {list.length === 0 ? (
        <p className="inspector-devices__none">{t('inspectors.devices.none')}</p>
      ) : (
        <table className="inspectors-table inspectors-table--devices">
          <caption className="sr-only">{t('inspectors.devices.caption', { name: inspectorName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inspectors.devices.name')}</th>
              <th scope="col">{t('inspectors.devices.paired')}</th>
              <th scope="col">{t('inspectors.devices.lastSeen')}</th>
              <th scope="col">{t('inspectors.devices.state')}</th>
              <th scope="col">
                <span className="sr-only">{t('inspectors.devices.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id} data-testid="device-row" data-revoked={d.revokedAt !== null}>
                <th scope="row">{d.name}</th>
                <td>{when(d.createdAt, i18n.language)}</td>
                <td>{when(d.lastSeenAt, i18n.language)}</td>
                <td>
                  {d.revokedAt === null
                    ? t('inspectors.devices.active')
                    : t('inspectors.devices.revokedAt', { time: when(d.revokedAt, i18n.language) })}
                </td>
                <td>
                  {d.revokedAt === null ? (
                    <button
                      type="button"
                      className="button inspectors-danger"
                      onClick={() => setConfirm(d)}
                      aria-label={t('inspectors.devices.revokeLabel', { device: d.name, name: inspectorName })}
                      data-testid="device-revoke"
                    >
                      {t('inspectors.devices.revoke')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm ? (
        <ModalDialog
          title={t('inspectors.devices.confirmTitle')}
          onClose={() => setConfirm(null)}
          testId="revoke-dialog"
        >
          <p>{t('inspectors.devices.confirmText', { device: confirm.name, name: inspectorName })}</p>
          <div className="inspectors-actions">
            <button
              type="button"
              className="button inspectors-danger"
              onClick={() => void revoke(confirm)}
              data-testid="revoke-confirm"
            >
              {t('inspectors.devices.revoke')}
            </button>
            <button type="button" className="button" onClick={() => setConfirm(null)} data-testid="revoke-cancel">
              {t('inspectors.devices.cancel')}
            </button>
          </div>
        </ModalDialog>
      ) : null}
    </div>
  );
}
