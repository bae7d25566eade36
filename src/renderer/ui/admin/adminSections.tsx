import type { AdminSection } from './AdminSection';
import { AuditSection } from './AuditSection';
import { BackupSection } from './BackupSection';
import { MembersSection } from './MembersSection';
import { SharedAddressesSection } from './SharedAddressesSection';
import { PoliciesSection } from './PoliciesSection';
import { SharesSection } from './SharesSection';
import { TeamCalendarsSection } from './TeamCalendarsSection';

/**
 * The admin page's tabs, in order. Other features (team calendars, members and
 * app passwords, archive) add an entry here, before Audit.
 */
export const ADMIN_SECTIONS: AdminSection[] = [
  { id: 'shares', label: 'Shares', render: (ctx) => <SharesSection {...ctx} /> },
  { id: 'policies', label: 'Policies', render: (ctx) => <PoliciesSection {...ctx} /> },
  { id: 'team-calendars', label: 'Team calendars', render: (ctx) => <TeamCalendarsSection {...ctx} /> },
  { id: 'members', label: 'Members', render: (ctx) => <MembersSection {...ctx} /> },
  { id: 'shared-addresses', label: 'Shared addresses', render: (ctx) => <SharedAddressesSection {...ctx} /> },
  { id: 'backup', label: 'Backup', render: (ctx) => <BackupSection {...ctx} /> },
  { id: 'audit', label: 'Audit', render: (ctx) => <AuditSection {...ctx} /> },
];
