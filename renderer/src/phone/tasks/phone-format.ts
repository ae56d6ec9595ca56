/**
 * How the phone shows a task: soonest deadline first, the time left with the desktop's countdown colours
 * (features/tasks/task-countdown.ts), times in the phone's own zone, and links to a map.
 */
import type { MeTask } from '@contract/inspector-contract';
import { countdownOf, splitCountdown, type CountdownTone } from '../../features/tasks/task-countdown';
import { fill, type PhoneLanguage } from '../i18n/words';
import type { PhoneMessages } from '../i18n/zh-CN';

/** Open tasks first, soonest deadline first; then the finished ones, latest change first. */
export function sortByDeadline(tasks: readonly MeTask[]): MeTask[] {
  return [...tasks].sort((a, b) => {
    if (a.open !== b.open) return a.open ? -1 : 1;
    if (!a.open) return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
    return Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.number - b.number;
  });
}

export interface TimeLeft {
  tone: CountdownTone;
  text: string;
}

/**
 * The countdown of a task at `now` (the server's clock, as estimated by the page), with the desktop's colours:
 * amber in the last quarter of the task's own limit (createdAt → dueAt), red once overdue.
 */
export function timeLeftOf(task: MeTask, now: number, m: PhoneMessages): TimeLeft {
  const countdown = countdownOf(task, now);
  if (countdown.tone === 'done') return { tone: 'done', text: m.tasks.done };
  if (countdown.tone === 'paused') return { tone: 'paused', text: m.tasks.paused };
  const parts = splitCountdown(countdown.ms);
  const time = parts.days > 0 ? fill(m.tasks.days, { days: parts.days, time: parts.clock }) : parts.clock;
  return { tone: countdown.tone, text: fill(parts.overdue ? m.tasks.overdue : m.tasks.left, { time }) };
}

/** A date and time in the phone's own zone and the page's language. */
export function localTime(iso: string, language: PhoneLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export interface MapLinks {
  /** A web map: Amap (高德) for Chinese, OpenStreetMap otherwise; both take WGS-84 here. */
  web: string;
  /** The phone's own map app. */
  geo: string;
}

export function mapLinks(position: { lat: number; lon: number }, label: string, language: PhoneLanguage): MapLinks {
  const lat = position.lat.toFixed(6);
  const lon = position.lon.toFixed(6);
  const name = encodeURIComponent(label);
  const web =
    language === 'zh-CN'
      ? `https://uri.amap.com/marker?position=${lon},${lat}&name=${name}&coordinate=wgs84&callnative=1`
      : `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  return { web, geo: `geo:${lat},${lon}?q=${lat},${lon}(${name})` };
}
