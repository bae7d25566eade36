import { describe, expect, it } from 'vitest';
import { emptyRestoreReport } from '../../src/shared/protocol/trash';
import { describeRestore } from '../../src/renderer/ui/archive/describeRestore';

const empty = emptyRestoreReport('account');

describe('describeRestore', () => {
  it('says when nothing was missing, and why', () => {
    expect(describeRestore({ ...empty, calendarsSkipped: ['a', 'b'] })).toBe('Nothing to restore: every calendar in the file is already here or in Deleted calendars, and was left as it is.');
    expect(describeRestore(empty)).toBe('Nothing to restore: the file holds no calendar that is missing here.');
  });

  it('counts what came back, what stayed, and what the policies cut', () => {
    const text = describeRestore({
      ...empty,
      kind: 'org',
      peopleCreated: 3,
      peopleWithoutPassword: ['ann@x.test'],
      calendarsRestored: ['a', 'b'],
      calendarsSkipped: ['c'],
      grantsRestored: 1,
      grantsDropped: 2,
      policyCutBack: { grantsLowered: 1, grantsLeftOut: 0, linksRevoked: 2 },
    });
    expect(text).toBe(
      '2 calendars restored; 1 already here, left as it is. 3 people added. ann@x.test cannot sign in until an administrator sets a password. 1 share restored. 2 shares left out: the person or group is not here. ' +
        "By your organisation's policies: 1 share outside the organisation lowered, 2 published links turned off.",
    );
  });
});
