import { z } from 'zod';
import { icsLinkRowSchema } from '../store/icsLinkRows';
import { calendarRowSchema, grantRowSchema } from '../store/rowSchemas';

/** The calendar row and grants a trash entry keeps as JSON (flags as they were serialised: booleans). */
export const trashedCalendarSchema = calendarRowSchema.extend({ team: z.boolean().optional() });
export const trashedGrantsSchema = z.array(grantRowSchema.extend({ sees_private: z.boolean() }));
/** The published ICS links a trash entry keeps, rows as they were (revoked ones too). */
export const trashedIcsLinksSchema = z.array(icsLinkRowSchema);
