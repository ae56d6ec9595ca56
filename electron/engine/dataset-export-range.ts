/**
 * The time range of an export from what a person types: a day `YYYY-MM-DD` in the machine's local time zone (as
 * the start of that day for `since`, the end of it for `until`), or a full ISO 8601 time with its offset.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch, or null when `text` is neither a real day nor an ISO time. */
export function parseDateBound(text: string, side: 'since' | 'until'): number | null {
  const day = DAY.exec(text.trim());
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const start = new Date(y, m - 1, d);
    if (start.getFullYear() !== y || start.getMonth() !== m - 1 || start.getDate() !== d) return null;
    return side === 'since' ? start.getTime() : new Date(y, m - 1, d + 1).getTime();
  }
  if (!ISO.test(text.trim())) return null;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : null;
}
