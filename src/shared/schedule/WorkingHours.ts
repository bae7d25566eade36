import { z } from 'zod';

/** 'HH:mm' on a 24-hour clock; '24:00' ends a day at midnight. */
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * One working day: ISO weekday (1 = Monday ... 7 = Sunday) and hours in the
 * person's own zone. A day with no entry is not a working day. Hours that run
 * past midnight are not supported (split them over two days), which keeps every
 * window inside one local date.
 */
export const workingDaySchema = z
  .object({
    day: z.number().int().min(1).max(7),
    start: z.string().regex(CLOCK, 'expected HH:mm'),
    end: z.string().regex(CLOCK, 'expected HH:mm'),
  })
  .refine((d) => clockMinutes(d.start) < clockMinutes(d.end), { message: 'a working day must end after it starts', path: ['end'] });
export type WorkingDay = z.infer<typeof workingDaySchema>;

export const workingHoursSchema = z
  .array(workingDaySchema)
  .max(7)
  .refine((days) => new Set(days.map((d) => d.day)).size === days.length, { message: 'each weekday at most once' });
export type WorkingHours = z.infer<typeof workingHoursSchema>;

/** Monday to Friday, 09:00-17:00: what a person has until they set their own. */
export const DEFAULT_WORKING_HOURS: WorkingHours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
