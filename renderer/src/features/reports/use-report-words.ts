import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isFalseAlarmReason, isTaskCategory, type Severity, type TaskSource, type TaskState } from './report-codes';
import { formatCount, formatShare, formatStamp, formatTime, splitMinutes } from './report-format';

/** The words and number formats of the report in the interface language. */
export interface ReportWords {
  locale: string;
  /** Shown where a value is missing (a rate without a denominator, a cell without a code). */
  none: string;
  state: (code: TaskState) => string;
  source: (code: TaskSource) => string;
  severity: (code: Severity) => string;
  /** A category's name, or its code when this version does not know it. */
  category: (code: string) => string;
  reason: (code: string) => string;
  count: (value: number) => string;
  /** One decimal (`66.7%`), or the dash for no rate. */
  share: (value: number | null) => string;
  /** Minutes as hours and minutes, or the dash. */
  minutes: (value: number | null) => string;
  /** An overdue span in ms as days and hours (or hours and minutes when under a day). */
  overdueBy: (ms: number) => string;
  time: (ms: number) => string;
  stamp: (ms: number) => string;
  list: (items: readonly string[]) => string;
}

export function useReportWords(): ReportWords {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const none = t('reports.none');
    const hoursMinutes = (total: number): string => {
      const { hours, minutes } = splitMinutes(total, false);
      return hours > 0 ? t('reports.durationHm', { hours, minutes }) : t('reports.durationM', { minutes });
    };
    return {
      locale,
      none,
      state: (code) => t(`tasks.states.${code}`),
      source: (code) => t(`tasks.sources.${code}`),
      severity: (code) => t(`tasks.severities.${code}`),
      category: (code) => (isTaskCategory(code) ? t(`tasks.categories.${code}`) : code),
      reason: (code) => (isFalseAlarmReason(code) ? t(`tasks.reasons.${code}`) : code),
      count: (value) => formatCount(value, locale),
      share: (value) => formatShare(value, locale) ?? none,
      minutes: (value) => (value === null ? none : hoursMinutes(value)),
      overdueBy: (ms) => {
        const total = ms / 60_000;
        const { days, hours } = splitMinutes(total, true);
        return days > 0 ? t('reports.durationDh', { days, hours }) : hoursMinutes(total);
      },
      time: (ms) => formatTime(ms, locale),
      stamp: (ms) => formatStamp(ms, locale),
      list: (items) => items.join(t('reports.listSeparator')),
    };
  }, [t, locale]);
}
