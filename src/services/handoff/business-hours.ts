/** When agents are on duty. Pure: callers pass the time. */
import { z } from 'zod';

export const BusinessHoursSchema = z.object({
  timeZone: z.string().default('UTC'),
  /** ISO weekday numbers, 1 = Monday ... 7 = Sunday. */
  days: z.array(z.number().int().min(1).max(7)).default([1, 2, 3, 4, 5]),
  open: z.string().regex(/^\d{2}:\d{2}$/).default('09:00'),
  close: z.string().regex(/^\d{2}:\d{2}$/).default('18:00'),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;
export const DEFAULT_BUSINESS_HOURS: BusinessHours = BusinessHoursSchema.parse({});

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Building an Intl.DateTimeFormat costs far more than using one; `nextOpening` uses it hundreds of times. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Weekday and minutes since midnight of `at` in the hours' time zone. */
function local(at: Date, timeZone: string): { day: number; minutes: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return { day: WEEKDAY[get('weekday')] ?? 1, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isWithinHours(hours: BusinessHours, at: Date): boolean {
  const { day, minutes } = local(at, hours.timeZone);
  return hours.days.includes(day) && minutes >= toMinutes(hours.open) && minutes < toMinutes(hours.close);
}

/** The next moment agents are on duty (searched minute-exact over the next 8 days). */
export function nextOpening(hours: BusinessHours, at: Date): Date | undefined {
  if (hours.days.length === 0) return undefined;
  // Step in 15-minute slots to the first open slot, then back up to the exact opening minute.
  for (let t = at.getTime(); t < at.getTime() + 8 * 86_400_000; t += 15 * 60_000) {
    if (isWithinHours(hours, new Date(t))) {
      let exact = t;
      while (exact - 60_000 > at.getTime() && isWithinHours(hours, new Date(exact - 60_000))) exact -= 60_000;
      return new Date(exact);
    }
  }
  return undefined;
}
