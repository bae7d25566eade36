import { z } from 'zod';
import { idSchema } from './api';

/** A shared address (sales@) has at most this many aliases. */
export const MAX_ALIASES = 5;

const email = z.string().trim().toLowerCase().email().max(320);

export const createSharedAddressSchema = z.object({ email, name: z.string().trim().min(1).max(200) });
export const sharedAddressAliasSchema = z.object({ alias: email });
export const sharedAddressMemberSchema = z.object({ userId: idSchema });

export const sharedAddressSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  calendarId: idSchema,
  members: z.array(idSchema),
  aliases: z.array(z.string()),
});
export type SharedAddress = z.infer<typeof sharedAddressSchema>;
export const sharedAddressListSchema = z.object({ sharedAddresses: z.array(sharedAddressSchema) });
