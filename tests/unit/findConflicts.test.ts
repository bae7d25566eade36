import { describe, expect, it } from 'vitest';
import { describeConflicts, findConflicts, type ConflictPerson } from '../../src/shared/schedule/findConflicts';

const t = (hhmm: string) => Date.parse(`2026-11-24T${hhmm}:00Z`);
const people: ConflictPerson[] = [
  { id: 'me', name: 'Alice Sales', busy: [] },
  { id: 'bob', name: 'Bob Sales', busy: [{ startMs: t('10:00'), endMs: t('11:00'), kind: 'busy' }] },
  { id: 'carol', name: 'Carol Sales', busy: [{ startMs: t('09:00'), endMs: t('10:15'), kind: 'tentative' }, { startMs: t('12:00'), endMs: t('13:00'), kind: 'busy' }] },
  { id: 'x@else.example', name: 'x@else.example', busy: null },
];

describe('findConflicts', () => {
  it('names who is busy or tentative, in order, and never guesses for unknown people', () => {
    const c = findConflicts(t('10:00'), t('10:30'), people);
    expect(c).toEqual([
      { id: 'bob', name: 'Bob Sales', kind: 'busy' },
      { id: 'carol', name: 'Carol Sales', kind: 'tentative' },
    ]);
    expect(describeConflicts(c)).toBe('Bob Sales is busy then; Carol Sales is tentative.');
  });

  it('treats ends as exclusive and busy as stronger than tentative', () => {
    expect(findConflicts(t('11:00'), t('12:00'), people)).toEqual([]);
    expect(findConflicts(t('09:30'), t('12:30'), people).map((c) => [c.id, c.kind])).toEqual([
      ['bob', 'busy'],
      ['carol', 'busy'],
    ]);
    expect(describeConflicts(findConflicts(t('09:30'), t('12:30'), people))).toBe('Bob Sales and Carol Sales are busy then.');
  });

  it('reports nothing for an empty or inverted range', () => {
    expect(findConflicts(t('10:30'), t('10:30'), people)).toEqual([]);
    expect(findConflicts(t('10:30'), t('10:00'), people)).toEqual([]);
    expect(describeConflicts([])).toBe('');
  });
});
