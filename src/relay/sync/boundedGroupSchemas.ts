import { z } from 'zod';
import {
  attendeeSchema,
  LOCAL_DATE,
  LOCAL_DATE_TIME,
  MAX_DESCRIPTION,
  MAX_LOCATION,
  MAX_TITLE,
  remindersSchema,
  SHOW_AS,
} from '../../shared/model/CalendarEvent';
import type { Group } from '../../shared/model/eventDocument';
import { MAX_MEETING_COMMENT } from '../../shared/protocol/meetings';
import { charCount, MAX_ATTENDEES, MAX_CATEGORIES, MAX_CATEGORY_NAME, MAX_RECURRENCE_DATES, MAX_REMINDERS } from '../../shared/model/validateEvent';

/**
 * The group schemas of CalendarEvent.ts with the limits validateEvent.ts applies
 * to text and lists, so one hostile value cannot carry megabytes into every
 * replica. Shapes only: zones, rules and the order of start and end are the
 * editing client's business (an import may hold what the form would refuse).
 */

const text = (max: number) =>
  z
    .string()
    .max(max * 2)
    .refine((s) => s.length <= max || charCount(s) <= max, { message: `longer than ${max} characters` });

const localTime = z.string().refine((s) => LOCAL_DATE_TIME.test(s) || LOCAL_DATE.test(s), { message: 'not a local date or date-time' });

export const boundedWhenSchema = z.object({
  start: localTime,
  end: localTime,
  tzid: z.string().min(1).max(100).nullable(),
  allDay: z.boolean(),
  rrule: z.string().max(2_000).nullable(),
  exdates: z.array(localTime).max(MAX_RECURRENCE_DATES),
  rdates: z.array(localTime).max(MAX_RECURRENCE_DATES),
});

export const boundedWhatSchema = z.object({
  title: text(MAX_TITLE),
  location: text(MAX_LOCATION),
  description: text(MAX_DESCRIPTION),
  categories: z.array(text(MAX_CATEGORY_NAME)).max(MAX_CATEGORIES),
  showAs: z.enum(SHOW_AS),
  private: z.boolean(),
});

const boundedAttendee = attendeeSchema.extend({ email: z.string().max(320), name: text(MAX_TITLE), comment: text(MAX_MEETING_COMMENT).optional() });
export const boundedWhoSchema = z.object({ organizer: boundedAttendee.nullable(), attendees: z.array(boundedAttendee).max(MAX_ATTENDEES) });

export const boundedRemindersSchema = remindersSchema.max(MAX_REMINDERS);

export const BOUNDED_GROUP_SCHEMAS: Record<Group, z.ZodType> = {
  when: boundedWhenSchema,
  what: boundedWhatSchema,
  who: boundedWhoSchema,
  rem: boundedRemindersSchema,
};
