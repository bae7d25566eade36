import { z } from 'zod';
import { idSchema } from './api';

/**
 * App passwords (issue 6): named secrets a person makes for feed readers and
 * other clients. HTTP Basic (email + app password) on GET /ics/me/<calendarId>.ics,
 * or exchanged at POST /api/auth/app-password for a read-only access token.
 * The account password is never accepted there, and an app password never signs in.
 */
export const APP_PASSWORD_NAME_MAX = 100;
export const APP_PASSWORD_MAX = 200;

export const createAppPasswordSchema = z.object({ name: z.string().trim().min(1, 'Name the app password').max(APP_PASSWORD_NAME_MAX) });
export type CreateAppPassword = z.infer<typeof createAppPasswordSchema>;

export const appPasswordSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});
export type AppPassword = z.infer<typeof appPasswordSchema>;

/** POST /api/app-passwords: the secret itself, shown this once. */
export const createdAppPasswordSchema = appPasswordSchema.extend({ password: z.string() });
export type CreatedAppPassword = z.infer<typeof createdAppPasswordSchema>;

/** GET /api/app-passwords: the caller's app passwords, and whether the organisation allows them. */
export const appPasswordListSchema = z.object({ appPasswords: z.array(appPasswordSchema), allowed: z.boolean() });
export type AppPasswordList = z.infer<typeof appPasswordListSchema>;

export const appPasswordExchangeSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(APP_PASSWORD_MAX),
});

/** POST /api/auth/app-password: an access token that only reads (sync read-only, GET endpoints). No refresh token. */
export const appPasswordTokenSchema = z.object({ accessToken: z.string(), accessExpiresAt: z.number().int(), readOnly: z.literal(true) });
export type AppPasswordToken = z.infer<typeof appPasswordTokenSchema>;

/** GET/PUT /api/admin/app-passwords: the organisation's switch. */
export const appPasswordPolicySchema = z.object({ allowed: z.boolean() });
