import { describe, expect, it } from 'vitest';
import { canRead, canReadDetails, canReadTitles } from '../../src/shared/permissions/canRead';
import { canWrite } from '../../src/shared/permissions/canWrite';
import { atLeast, compareLevels, maxLevel, minLevel } from '../../src/shared/permissions/compareLevels';
import { effectiveLevel } from '../../src/shared/permissions/effectiveLevel';
import { EXCHANGE_ROLES, levelFromExchangeRole } from '../../src/shared/permissions/levelFromExchangeRole';
import { isPermissionLevel, PERMISSION_LEVELS, permissionLevelSchema, type PermissionLevel } from '../../src/shared/permissions/PermissionLevel';
import { revocationOutcome } from '../../src/shared/permissions/revocationOutcome';
import { ROOM_KINDS, roomAccess, roomsToSync } from '../../src/shared/permissions/roomAccess';

describe('levels', () => {
  it('are ordered as DESIGN.md says', () => {
    expect(PERMISSION_LEVELS).toEqual(['none', 'availability', 'limited', 'reviewer', 'editor', 'delegate', 'owner']);
    expect(compareLevels('none', 'owner')).toBeLessThan(0);
    expect(compareLevels('editor', 'editor')).toBe(0);
    expect(compareLevels('delegate', 'editor')).toBeGreaterThan(0);
    expect(atLeast('reviewer', 'limited')).toBe(true);
    expect(atLeast('limited', 'reviewer')).toBe(false);
    expect(maxLevel(['limited', 'editor', 'availability'])).toBe('editor');
    expect(maxLevel([])).toBe('none');
    expect(minLevel('owner', 'limited')).toBe('limited');
  });

  it('parse at boundaries', () => {
    expect(isPermissionLevel('reviewer')).toBe(true);
    expect(isPermissionLevel('admin')).toBe(false);
    expect(permissionLevelSchema.safeParse('editor').success).toBe(true);
    expect(permissionLevelSchema.safeParse('Editor').success).toBe(false);
  });

  it('read and write thresholds', () => {
    const table = PERMISSION_LEVELS.map((l) => [l, canRead(l), canReadTitles(l), canReadDetails(l), canWrite(l)]);
    expect(table).toEqual([
      ['none', false, false, false, false],
      ['availability', true, false, false, false],
      ['limited', true, true, false, false],
      ['reviewer', true, true, true, false],
      ['editor', true, true, true, true],
      ['delegate', true, true, true, true],
      ['owner', true, true, true, true],
    ]);
  });
});

describe('rooms', () => {
  it('follow the table in DESIGN.md', () => {
    const matrix = (seesPrivate: boolean) =>
      Object.fromEntries(PERMISSION_LEVELS.map((l) => [l, ROOM_KINDS.map((r) => roomAccess(l, r, { seesPrivate })).join(' ')]));
    expect(matrix(false)).toEqual({
      //          full   private titles busy
      none: 'none none none none',
      availability: 'none none none read',
      limited: 'none none read read',
      reviewer: 'read none read read',
      editor: 'write none read read',
      delegate: 'write none read read',
      owner: 'write write read read',
    });
    expect(matrix(true).delegate).toBe('write write read read');
    // The flag only matters for delegates.
    expect(matrix(true).editor).toBe('write none read read');
  });

  it('sync the least a level needs', () => {
    const sync = (l: PermissionLevel, seesPrivate = false) => roomsToSync(l, { seesPrivate });
    expect(sync('none')).toEqual([]);
    expect(sync('availability')).toEqual(['busy']);
    expect(sync('limited')).toEqual(['titles']);
    expect(sync('reviewer')).toEqual(['full']);
    expect(sync('editor')).toEqual(['full']);
    expect(sync('delegate')).toEqual(['full']);
    expect(sync('delegate', true)).toEqual(['full', 'private']);
    expect(sync('owner')).toEqual(['full', 'private']);
  });
});

describe('Exchange roles', () => {
  it('map to the nearest level that grants no more than the role', () => {
    expect(Object.fromEntries(EXCHANGE_ROLES.map((r) => [r, levelFromExchangeRole(r)]))).toEqual({
      Owner: 'editor',
      PublishingEditor: 'editor',
      Editor: 'editor',
      PublishingAuthor: 'reviewer',
      Author: 'reviewer',
      NonEditingAuthor: 'reviewer',
      Contributor: 'none',
      Reviewer: 'reviewer',
      LimitedDetails: 'limited',
      AvailabilityOnly: 'availability',
      None: 'none',
    });
  });

  it('accepts other spellings, the delegate flag, and refuses non-roles', () => {
    expect(levelFromExchangeRole('publishing editor')).toBe('editor');
    expect(levelFromExchangeRole('LIMITEDDETAILS')).toBe('limited');
    expect(levelFromExchangeRole('Editor', { delegate: true })).toBe('delegate');
    expect(levelFromExchangeRole('Reviewer', { delegate: true })).toBe('reviewer');
    expect(levelFromExchangeRole('CreateItems,ReadItems')).toBeNull();
  });
});

describe('effectiveLevel', () => {
  it('is the direct grant if any, else the highest group, else the default', () => {
    expect(effectiveLevel({ direct: 'limited', groups: ['editor'], orgDefault: 'reviewer' })).toBe('limited');
    expect(effectiveLevel({ groups: ['availability', 'editor', 'limited'], orgDefault: 'reviewer' })).toBe('editor');
    expect(effectiveLevel({ direct: null, groups: [], orgDefault: 'availability' })).toBe('availability');
    expect(effectiveLevel({ groups: [], orgDefault: 'none' })).toBe('none');
  });

  it('caps external people by their organisation policy', () => {
    expect(effectiveLevel({ direct: 'editor', groups: [], orgDefault: 'none', cap: 'limited' })).toBe('limited');
    expect(effectiveLevel({ direct: 'availability', groups: [], orgDefault: 'none', cap: 'reviewer' })).toBe('availability');
  });
});

describe('revocationOutcome', () => {
  it('falls back to the default in the same organisation', () => {
    expect(revocationOutcome({ sameOrg: true, orgDefault: 'availability' })).toEqual({ kind: 'fallback', level: 'availability' });
  });

  it('falls back to a remaining group grant before the default', () => {
    expect(revocationOutcome({ sameOrg: true, orgDefault: 'none', groups: ['limited'] })).toEqual({ kind: 'fallback', level: 'limited' });
  });

  it('removes the calendar when nothing is left', () => {
    expect(revocationOutcome({ sameOrg: true, orgDefault: 'none' })).toEqual({ kind: 'remove' });
    expect(revocationOutcome({ sameOrg: true, orgDefault: 'none', groups: ['none'] })).toEqual({ kind: 'remove' });
  });

  it('leaves another organisation stale', () => {
    expect(revocationOutcome({ sameOrg: false, orgDefault: 'reviewer' })).toEqual({ kind: 'stale' });
  });
});
