import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '@contract/contract';
import type { InspectorRow } from '@contract/inspector-contract';
import type { ApiRequestError } from '../../api/client';
import { useApi } from '../../api/use-api';
import { toApiError } from '../../api/use-request';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Panel } from '../../ui/Panel';
import { downloadText } from '../reports/download';
import { DevicesList } from './DevicesList';
import { PairDialog } from './PairDialog';
import { TrustSteps } from './TrustSteps';
import { useInspectors } from './use-inspectors';
import './inspectors.css';

interface Pairing {
  inspector: InspectorRow;
  answer: RequestOutput<'inspectors:pair'>;
}

/** 网格员手机: pair an inspector's phone by QR code, see and revoke paired phones, put inspectors on or off duty. */
export function InspectorsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const list = useInspectors();
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiRequestError } | null>(null);

  const run = async (title: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
    } catch (failure) {
      setError({ title, error: toApiError(failure) });
    }
  };
  const pair = (inspector: InspectorRow) =>
    run(t('inspectors.pair.failed'), async () => {
      const answer = await api.request('inspectors:pair', { inspectorId: inspector.id });
      setPairing({ inspector, answer });
    });
  const setActive = (inspector: InspectorRow, active: boolean) =>
    run(t('inspectors.activeFailed'), () =>
      api.request('inspectors:set-active', { inspectorId: inspector.id, active }),
    );
  const downloadCa = () =>
    run(t('inspectors.ca.failed'), async () => {
      const ca = await api.request('inspectors:ca', {});
      downloadText('anxun-ca.crt', 'application/x-x509-ca-cert', ca.pem);
    });

  const data = list.data;
  const lan = data?.lan ?? null;
  return (
    <div className="inspectors-page" data-testid="page-inspectors">
      <h1 className="page-title">{t('inspectors.title')}</h1>
      <p className="page-summary">{t('inspectors.summary')}</p>
      {list.error ? (
        <ErrorNotice
          title={t('inspectors.loadFailed')}
          codeLabel={t('error.code')}
          code={list.error.code}
          message={list.error.message}
        />
      ) : null}
      {error ? (
        <ErrorNotice
          title={error.title}
          codeLabel={t('error.code')}
          code={error.error.code}
          message={error.error.message}
          testId="inspectors-error"
        />
      ) : null}
      {lan ? (
        lan.enabled && lan.url ? (
          <p className="inspectors-lan" data-testid="inspectors-lan">
            {t('inspectors.lan.on')} <code>{lan.url}</code>
          </p>
        ) : (
          <Notice testId="inspectors-lan-off">{t('inspectors.lan.off')}</Notice>
        )
      ) : null}
      <Panel title={t('inspectors.listTitle')} testId="inspectors-list">
        {data && data.inspectors.length === 0 ? (
          <Notice testId="inspectors-empty">{t('inspectors.empty')}</Notice>
        ) : null}
        {data && data.inspectors.length > 0 ? (
          <div className="table-scroll">
            <table className="inspectors-table">
              <caption className="sr-only">{t('inspectors.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inspectors.col.name')}</th>
                  <th scope="col">{t('inspectors.col.cells')}</th>
                  <th scope="col">{t('inspectors.col.onDuty')}</th>
                  <th scope="col">{t('inspectors.col.phones')}</th>
                  <th scope="col">{t('inspectors.col.lastSeen')}</th>
                  <th scope="col">{t('inspectors.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.inspectors.map((inspector) => (
                  <Fragment key={inspector.id}>
                    <tr data-testid="inspector-row" data-inspector={inspector.id}>
                      <th scope="row">
                        <div>{inspector.name}</div>
                        <div className="inspectors-sub">{inspector.id}</div>
                      </th>
                      <td>{inspector.cells.join('、') || '—'}</td>
                      <td>
                        <label className="inspectors-toggle">
                          <input
                            type="checkbox"
                            checked={inspector.active}
                            onChange={(e) => void setActive(inspector, e.target.checked)}
                            data-testid="inspector-active"
                          />
                          <span className="sr-only">{t('inspectors.activeLabel', { name: inspector.name })}</span>
                          <span aria-hidden="true">
                            {inspector.active ? t('inspectors.onDuty') : t('inspectors.offDuty')}
                          </span>
                        </label>
                      </td>
                      <td data-testid="inspector-devices">{inspector.devices}</td>
                      <td>
                        {inspector.lastSeenAt
                          ? new Date(inspector.lastSeenAt).toLocaleString(i18n.language, { hour12: false })
                          : '—'}
                      </td>
                      <td>
                        <div className="inspectors-row-actions">
                          <button
                            type="button"
                            className="button button--primary"
                            disabled={!lan?.enabled || !inspector.active}
                            onClick={() => void pair(inspector)}
                            aria-label={t('inspectors.pair.buttonLabel', { name: inspector.name })}
                            data-testid="inspector-pair"
                          >
                            {t('inspectors.pair.button')}
                          </button>
                          <button
                            type="button"
                            className="button"
                            aria-expanded={open === inspector.id}
                            aria-controls={`devices-${inspector.id}`}
                            onClick={() => setOpen(open === inspector.id ? null : inspector.id)}
                            data-testid="inspector-show-devices"
                          >
                            {t('inspectors.devices.show', { count: inspector.devices })}
                          </button>
                        </div>
                      </td>
                    </tr>
                    {open === inspector.id ? (
                      <tr id={`devices-${inspector.id}`}>
                        <td colSpan={6}>
                          <DevicesList
                            inspectorId={inspector.id}
                            inspectorName={inspector.name}
                            version={list.updatedAt ?? 0}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Panel>
      <Panel
        title={t('inspectors.ca.title')}
        testId="inspectors-ca"
        actions={
          <button
            type="button"
            className="button"
            onClick={() => void downloadCa()}
            data-testid="inspectors-ca-download"
          >
            {t('inspectors.ca.download')}
          </button>
        }
      >
        <TrustSteps
          fingerprint={lan?.caFingerprint ?? null}
          caUrl={lan?.url ? lan.url.replace(/\/phone\/$/, '/ca.crt') : null}
        />
      </Panel>
      {pairing ? (
        <PairDialog
          inspectorName={pairing.inspector.name}
          pairing={pairing.answer}
          onAgain={() => void pair(pairing.inspector)}
          onClose={() => {
            setPairing(null);
            list.reload();
          }}
        />
      ) : null}
    </div>
  );
}
