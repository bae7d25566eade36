import { z } from 'zod';
import { EXTERNAL_SHARING_CAPS, ICS_LINK_CAPS, NEW_CALENDAR_LEVELS, shareFilterSchema, type AdminShare, type PutOrgPolicy } from '../../shared/protocol/policies';
import { setOrgPolicy } from '../policies/setOrgPolicy';
import { RelayError } from '../RelayError';
import { listShares } from '../review/listShares';
import { revokeShare } from '../review/revokeShare';
import { CLI_ACTOR, type SharingContext } from '../sharing/SharingContext';
import { PolicyStore } from '../store/PolicyStore';
import type { OrgRow } from '../store/rowSchemas';
import { SyncTimeStore } from '../store/SyncTimeStore';

export const REVIEW_USAGE = `  policy [--org <name>] [--new-calendar-level <level|follow>] [--external-max <level|none>] [--ics-max <level|none>]
                                                         show or change the policies (tightening cuts existing shares and links back)
  shares [--org <name>] [--person <email>] [--calendar <id>] [--level <level>] [--external]
  revoke-share --calendar <id> (--email <e> | --group <name|id>)`;

export interface ReviewArgs {
  values: Record<string, string | boolean | undefined>;
  orgOf: () => OrgRow;
  subjectOf: (org: OrgRow) => { kind: 'user' | 'group'; id: string };
  need: (name: string) => string;
}

/** The admin CLI's policy and review commands (runAdminCommand dispatches here). */
export function runReviewCommand(ctx: SharingContext, command: 'policy' | 'shares' | 'revoke-share', args: ReviewArgs, print: (line: string) => void): void {
  const { values } = args;
  switch (command) {
    case 'policy': {
      const org = args.orgOf();
      const change: PutOrgPolicy = {};
      const arg = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);
      const newLevel = arg('new-calendar-level');
      if (newLevel !== undefined) change.newCalendarLevel = newLevel === 'follow' ? null : parseOption('--new-calendar-level', z.enum(NEW_CALENDAR_LEVELS), newLevel);
      const ext = arg('external-max');
      if (ext !== undefined) change.externalSharingMax = parseOption('--external-max', z.enum(EXTERNAL_SHARING_CAPS), ext);
      const ics = arg('ics-max');
      if (ics !== undefined) change.icsLinksMax = parseOption('--ics-max', z.enum(ICS_LINK_CAPS), ics);
      let policy = new PolicyStore(ctx.store.db).get(org.id);
      if (Object.keys(change).length > 0) {
        const answer = setOrgPolicy(ctx, CLI_ACTOR, org.id, change);
        policy = answer.policy;
        const c = answer.cutBack;
        print(`Cut back: ${c.grantsDowngraded} external shares lowered, ${c.grantsRemoved} removed, ${c.linksRevoked} ICS links revoked`);
      }
      print(`${org.name} policies:`);
      print(`  Default level for new calendars: ${policy.newCalendarLevel ?? 'follows the organisation default'}`);
      print(`  External sharing: ${policy.externalSharingMax === 'none' ? 'not allowed' : `at most ${policy.externalSharingMax}`}`);
      print(`  Published ICS links: ${policy.icsLinksMax === 'none' ? 'not allowed' : `at most ${policy.icsLinksMax}`}`);
      return;
    }
    case 'shares': {
      const org = args.orgOf();
      const filter = shareFilterSchema.safeParse({
        person: values.person,
        calendar: values.calendar,
        level: values.level,
        external: values.external === true ? true : undefined,
      });
      if (!filter.success) throw new RelayError(400, 'usage', filter.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
      const shares = listShares(ctx.store, org.id, filter.data, new SyncTimeStore(ctx.store.db).ofOrg(org.id));
      for (const s of shares) print(formatShare(s));
      print(`${shares.length} share${shares.length === 1 ? '' : 's'} in ${org.name}`);
      return;
    }
    case 'revoke-share': {
      const calendarId = args.need('calendar');
      const calendar = ctx.store.sharing.calendar(calendarId);
      if (!calendar) throw new RelayError(404, 'not_found', `No calendar ${calendarId}`);
      const org = ctx.store.directory.org(calendar.org_id);
      if (!org) throw new RelayError(404, 'not_found', 'Organisation not found');
      const subject = args.subjectOf(org);
      revokeShare(ctx, CLI_ACTOR, calendarId, subject);
      print(`Calendar ${calendarId}: share with ${subject.kind} ${subject.id} revoked`);
      return;
    }
  }
}

function parseOption<T>(name: string, schema: z.ZodType<T>, value: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new RelayError(400, 'usage', `${name}: not one of the allowed values (${value})`);
  return r.data;
}

function formatShare(s: AdminShare): string {
  const to = s.recipient.kind === 'group' ? `group ${s.recipient.name}` : `${s.recipient.email ?? s.recipient.id}${s.recipient.external ? ' (external)' : ''}`;
  const synced = s.lastSyncedAt === null ? 'never synced' : `last synced ${new Date(s.lastSyncedAt).toISOString()}`;
  return `${s.calendarId}  ${s.calendarName}  owner: ${s.ownerEmail}  to: ${to}  ${s.level}${s.seesPrivate ? ' (sees private)' : ''}  since ${new Date(s.since).toISOString()}  ${synced}`;
}
