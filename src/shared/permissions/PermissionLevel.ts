import { z } from 'zod';

/**
 * Sharing levels, lowest first (DESIGN.md, Permission levels). Order is meaning:
 * compareLevels and atLeast rely on it, so never reorder.
 */
export const PERMISSION_LEVELS = ['none', 'availability', 'limited', 'reviewer', 'editor', 'delegate', 'owner'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export const permissionLevelSchema = z.enum(PERMISSION_LEVELS);

/** The words the sharing dialog uses (Outlook's, where it has one). */
export const PERMISSION_LEVEL_LABEL: Record<PermissionLevel, string> = {
  none: 'Not shared',
  availability: 'Can view when I’m busy',
  limited: 'Can view titles and locations',
  reviewer: 'Can view all details',
  editor: 'Can edit',
  delegate: 'Delegate',
  owner: 'Owner',
};

export function isPermissionLevel(value: unknown): value is PermissionLevel {
  return typeof value === 'string' && (PERMISSION_LEVELS as readonly string[]).includes(value);
}
