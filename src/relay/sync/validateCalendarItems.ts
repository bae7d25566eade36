import * as Y from 'yjs';
import type { EventWhat } from '../../shared/model/CalendarEvent';
import { GROUPS, type Group } from '../../shared/model/eventDocument';
import { isPrivateStub } from '../../shared/protocol/projectGroups';
import { BOUNDED_GROUP_SCHEMAS } from './boundedGroupSchemas';
import type { ResolvedItem } from './inspectUpdate';

/** Longest JSON value of one group (a 64,000-character description escapes to at most this). */
const MAX_GROUP_JSON = 512 * 1024;
const MAX_EVENT_KEY = 512;
const MAX_CALENDAR_NAME = 200;
/** Keys of `meta` a client may write, and what each holds. */
const META_KEYS: Record<string, (value: unknown) => boolean> = {
  name: (v) => typeof v === 'string' && v.length <= MAX_CALENDAR_NAME,
};

const isGroup = (root: string): root is Group => (GROUPS as readonly string[]).includes(root);

/**
 * Checks the new items of a writer's update to a calendar document (`full` or
 * `private`, layout of eventDocument.ts): each must be a map entry of one of
 * when/what/who/rem/meta, hold one JSON string its group's schema accepts (or be
 * deleted content), and in `full` a private event's `what` must be the busy stub
 * (its details belong in `private`). Only the owner writes or deletes `meta`.
 * Returns why not, or null when all pass.
 */
export function validateCalendarItems(items: readonly ResolvedItem[], doc: 'full' | 'private', options: { owner: boolean; deletedRoots?: ReadonlySet<string> } = { owner: true }): string | null {
  // The name is the owner's (renames by others go through nobody); the app does not offer it to them either.
  if (!options.owner && options.deletedRoots?.has('meta')) return 'meta-owner-only';
  for (const { item, root, key, nested } of items) {
    if (nested || root === null) return 'nested-type';
    if (key === null) return `not-a-map-entry:${root}`;
    if (root === 'meta' && !options.owner) return 'meta-owner-only';
    const content = item.content;
    if (content instanceof Y.ContentDeleted) {
      if (root !== 'meta' && !isGroup(root)) return `unknown-root:${root.slice(0, 40)}`;
      continue;
    }
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return `content-type:${root}`;
    const value: unknown = content.arr[0];
    if (root === 'meta') {
      const check = META_KEYS[key];
      if (!check || !check(value)) return `invalid:meta.${key.slice(0, 40)}`;
      continue;
    }
    if (!isGroup(root)) return `unknown-root:${root.slice(0, 40)}`;
    if (key.length === 0 || key.length > MAX_EVENT_KEY) return `invalid-key:${root}`;
    if (typeof value !== 'string' || value.length > MAX_GROUP_JSON) return `invalid:${root}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return `invalid:${root}`;
    }
    const result = BOUNDED_GROUP_SCHEMAS[root].safeParse(parsed);
    if (!result.success) return `invalid:${root}`;
    if (doc === 'full' && root === 'what' && (result.data as EventWhat).private && !isPrivateStub(result.data as EventWhat)) return 'private-details-in-full';
  }
  return null;
}
