import type { ReactNode } from 'react';
import type { AdminClient } from '../../admin/AdminClient';

/** What every tab of the admin page gets. */
export interface AdminSectionContext {
  admin: AdminClient;
  locale: string;
  /** Call after a change other tabs show (a revoke, a policy cut), so they reload. */
  changed: () => void;
  /** Bumped by `changed`: a key for effects that load data. */
  version: number;
}

/**
 * One tab of the admin page. Features add theirs to ADMIN_SECTIONS
 * (adminSections.tsx) rather than editing the page.
 */
export interface AdminSection {
  id: string;
  label: string;
  render: (ctx: AdminSectionContext) => ReactNode;
}
