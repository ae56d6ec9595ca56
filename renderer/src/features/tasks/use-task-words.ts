import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditView, TaskView } from '@contract/tasks-contract';
import {
  ESCALATION_LEVELS,
  type FalseAlarmReason,
  type Outcome,
  type SeverityTier,
  type TaskCategory,
  type TaskSource,
  type TaskState,
} from '../../../../electron/domain/task-lifecycle';
import type { ApiRequestError } from '../../api/client';
import { splitCountdown, type Countdown } from './task-countdown';
import { auditCommandOf, formatStamp, refusalOf } from './task-format';

/** The words of the task board in the interface language. */
export interface TaskWords {
  locale: string;
  none: string;
  state: (code: TaskState) => string;
  category: (code: TaskCategory) => string;
  source: (code: TaskSource) => string;
  severity: (code: SeverityTier) => string;
  severityShort: (code: SeverityTier) => string;
  role: (role: AuditView['actor']['role']) => string;
  command: (entry: Pick<AuditView, 'command'>) => string;
  /** The escalation badge's word (township, county), or null at the village level. */
  escalation: (level: TaskView['escalation']) => string | null;
  countdown: (countdown: Countdown) => string;
  outcome: (kind: Outcome) => string;
  reason: (code: FalseAlarmReason) => string;
  evidence: (kind: 'incident' | 'snapshot' | 'clip' | 'photo') => string;
  /** Why a command failed: the refusal code's sentence, or the error's code and message. */
  failure: (error: ApiRequestError) => string;
  stamp: (iso: string) => string;
  list: (items: readonly string[]) => string;
}

export function useTaskWords(): TaskWords {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo<TaskWords>(() => {
    const clock = (ms: number): string => {
      const { days, clock: time } = splitCountdown(ms);
      return days > 0 ? t('tasks.countdown.days', { days, time }) : time;
    };
    return {
      locale,
      none: t('tasks.none'),
      state: (code) => t(`tasks.states.${code}`),
      category: (code) => t(`tasks.categories.${code}`),
      source: (code) => t(`tasks.sources.${code}`),
      severity: (code) => t(`tasks.severities.${code}`),
      severityShort: (code) => t(`tasks.severityShort.${code}`),
      role: (role) => t(`tasks.roles.${role}`),
      command: (entry) => {
        const command = auditCommandOf(entry);
        return command === null ? entry.command : t(`tasks.commands.${command}`);
      },
      escalation: (level) => {
        const name = ESCALATION_LEVELS[level];
        return name === 'village' ? null : t(`tasks.escalation.${name}`);
      },
      countdown: ({ tone, ms }) => {
        switch (tone) {
          case 'done':
            return t('tasks.countdown.done');
          case 'paused':
            return t('tasks.countdown.paused');
          case 'red':
            return t('tasks.countdown.overdue', { time: clock(Math.min(ms, 0)) });
          case 'amber':
          case 'normal':
            return t('tasks.countdown.left', { time: clock(ms) });
        }
      },
      outcome: (kind) => t(`tasks.outcomes.${kind}`),
      reason: (code) => t(`tasks.reasons.${code}`),
      evidence: (kind) => t(`tasks.evidence.kinds.${kind}`),
      failure: (error) => {
        const code = refusalOf(error) ?? (error.code === 'NOT_FOUND' ? 'NOT_FOUND' : null);
        return code === null
          ? t('tasks.refusals.other', { code: error.code, message: error.message })
          : t(`tasks.refusals.${code}`);
      },
      stamp: (iso) => formatStamp(iso, locale),
      list: (items) => items.join(t('tasks.listSeparator')),
    };
  }, [t, locale]);
}
