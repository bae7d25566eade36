import { z } from 'zod';
import { calendarRowSchema, grantRowSchema } from '../store/rowSchemas';

/** The calendar row and grants a trash entry keeps as JSON (flags as they were serialised: booleans). */
export const trashedCalendarSchema = calendarRowSchema.extend({ team: z.boolean().optional() });
export const trashedGrantsSchema = z.array(grantRowSchema.extend({ sees_private: z.boolean() }));
