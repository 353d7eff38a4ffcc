/** Date arithmetic on ISO strings, in UTC, so decisions never depend on the server's time zone. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function ms(iso: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`Invalid date: ${iso}`);
  return t;
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(ms(iso) + minutes * MINUTE_MS).toISOString();
}

export function addHours(iso: string, hours: number): string {
  return new Date(ms(iso) + hours * HOUR_MS).toISOString();
}

/** Days are 24-hour periods: "within 30 days of delivery" means up to the same clock time 30 days later. */
export function addDays(iso: string, days: number): string {
  return new Date(ms(iso) + days * DAY_MS).toISOString();
}

/** Calendar months in UTC; the 31st plus one month is the last day of the shorter month. */
export function addMonths(iso: string, months: number): string {
  const d = new Date(ms(iso));
  const day = d.getUTCDate();
  const target = new Date(d.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString();
}

/** True when `now` is at or before `deadline` (deadlines are inclusive). */
export function notAfter(now: Date, deadline: string): boolean {
  return now.getTime() <= ms(deadline);
}

export function daysBetween(fromIso: string, now: Date): number {
  return (now.getTime() - ms(fromIso)) / DAY_MS;
}
