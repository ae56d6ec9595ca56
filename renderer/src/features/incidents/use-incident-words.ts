import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '@contract/incidents-contract';
import type { FalseAlarmReason, SeverityTier } from '../../../../electron/domain/task-lifecycle';
import { formatStamp } from '../tasks/task-format';
import type { ReviewVerdict } from '../../../../electron/domain/incident-review';
import { clockOf, elapsed } from './time-since';

const KINDS = ['fire', 'smoke', 'intrusion', 'crowding', 'loitering'] as const;

/** The words of the alert queue and incident detail in the interface language. */
export interface IncidentWords {
  locale: string;
  kind: (kind: string) => string;
  state: (state: IncidentView['state']) => string;
  severity: (tier: SeverityTier) => string;
  verdict: (verdict: ReviewVerdict) => string;
  reason: (code: FalseAlarmReason) => string;
  since: (iso: string, now: number) => string;
  stamp: (iso: string) => string;
  duration: (seconds: number) => string;
  score: (score: number) => string;
}

export function useIncidentWords(): IncidentWords {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo<IncidentWords>(
    () => ({
      locale,
      kind: (kind) => {
        const known = KINDS.find((k) => k === kind);
        return known ? t(`incidents.kinds.${known}`) : kind;
      },
      state: (state) => t(`incidents.states.${state}`),
      severity: (tier) => t(`incidents.severities.${tier}`),
      verdict: (verdict) => t(`incidents.verdicts.${verdict}`),
      reason: (code) => t(`tasks.reasons.${code}`),
      since: (iso, now) => {
        const e = elapsed(Date.parse(iso), now);
        switch (e.unit) {
          case 'seconds':
            return t('incidents.since.seconds', { value: e.value });
          case 'minutes':
            return t('incidents.since.minutes', { value: e.value, seconds: e.seconds });
          case 'hours':
            return t('incidents.since.hours', { value: e.value, minutes: e.minutes });
          case 'days':
            return t('incidents.since.days', { value: e.value, hours: e.hours });
        }
      },
      stamp: (iso) => formatStamp(iso, locale),
      duration: (seconds) => clockOf(seconds),
      score: (score) => score.toFixed(2),
    }),
    [t, locale],
  );
}
