import { z } from 'zod';
import { profileSchema, type Profile } from '../../shared/protocol/profile';
import type { SqliteDatabase } from './openDatabase';
import { parseRow, parseRows } from './rowSchemas';

const profileRowSchema = z.object({ user_id: z.string(), zone: z.string(), working_hours: z.string() });

/** Each person's zone and working hours (find a time), published to their organisation. */
export class ProfileStore {
  constructor(private readonly db: SqliteDatabase) {}

  put(userId: string, profile: Profile, now: number): void {
    this.db
      .prepare(
        `INSERT INTO profiles (user_id, zone, working_hours, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(user_id) DO UPDATE SET zone = excluded.zone, working_hours = excluded.working_hours, updated_at = excluded.updated_at`,
      )
      .run(userId, profile.zone, JSON.stringify(profile.workingHours), now);
  }

  get(userId: string): Profile | null {
    const row = this.db.prepare('SELECT user_id, zone, working_hours FROM profiles WHERE user_id = ?').get(userId);
    return row === undefined ? null : toProfile(parseRow(profileRowSchema, row, 'profiles'));
  }

  /** Every profile in an organisation, by person id. A damaged row is left out rather than failing the directory. */
  ofOrg(orgId: string): Map<string, Profile> {
    const rows = parseRows(profileRowSchema, this.db.prepare('SELECT p.user_id, p.zone, p.working_hours FROM profiles p JOIN people u ON u.id = p.user_id WHERE u.org_id = ?').all(orgId), 'profiles');
    const out = new Map<string, Profile>();
    for (const r of rows) {
      const p = toProfile(r);
      if (p) out.set(r.user_id, p);
    }
    return out;
  }
}

function toProfile(row: z.infer<typeof profileRowSchema>): Profile | null {
  let hours: unknown;
  try {
    hours = JSON.parse(row.working_hours);
  } catch {
    return null;
  }
  const parsed = profileSchema.safeParse({ zone: row.zone, workingHours: hours });
  return parsed.success ? parsed.data : null;
}
