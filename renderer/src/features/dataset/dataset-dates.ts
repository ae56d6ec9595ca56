/**
 * The export's range from two days picked in the browser: from the start of the first day to the end of the last
 * one, in this machine's time zone, as the ISO instants the API takes.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localDay(text: string): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(y, mo, d);
  return date.getFullYear() === y && date.getMonth() === mo && date.getDate() === d ? date : null;
}

export type RangeResult = { ok: true; since: string; until: string } | { ok: false; problem: 'day' | 'order' };

export function exportRange(sinceDay: string, untilDay: string): RangeResult {
  const first = localDay(sinceDay);
  const last = localDay(untilDay);
  if (!first || !last) return { ok: false, problem: 'day' };
  if (last < first) return { ok: false, problem: 'order' };
  const end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  return { ok: true, since: first.toISOString(), until: end.toISOString() };
}

/** `YYYY-MM-DD` of a local date. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The default range: the last 30 days up to today. */
export function defaultDays(now: Date): { since: string; until: string } {
  return { since: dayOf(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29)), until: dayOf(now) };
}
