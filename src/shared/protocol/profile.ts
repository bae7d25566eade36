import { z } from 'zod';
import { workingHoursSchema } from '../schedule/WorkingHours';
import { isValidZone } from '../time/isValidZone';

/**
 * A person's scheduling profile (GET/PUT /api/profile): their time zone and
 * working hours in it. The relay publishes it to their organisation in the
 * directory, so find a time can respect everyone's hours on any device, offline.
 */
export const zoneNameSchema = z.string().max(100).refine(isValidZone, { message: 'not a known IANA time zone' });

export const profileSchema = z.object({ zone: zoneNameSchema, workingHours: workingHoursSchema });
export type Profile = z.infer<typeof profileSchema>;

/** GET /api/profile: null fields until the person sets them. */
export const profileReplySchema = z.object({ zone: zoneNameSchema.nullable(), workingHours: workingHoursSchema.nullable() });
export type ProfileReply = z.infer<typeof profileReplySchema>;
