import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { KEEP_DISMISSED_MS } from '../../src/shared/reminders/pruneReminderStates';
import { snoozeUntil } from '../../src/shared/reminders/snoozeUntil';
import {
  PERSONAL_REMINDERS,
  pruneOverlayStates,
  readMutedCalendars,
  readPersonalReminder,
  readPersonalReminders,
  readReminderStates,
  REMINDER_STATES,
  SHOW_REMINDERS,
  writePersonalReminder,
  writeReminderStates,
  writeShowReminders,
} from '../../src/renderer/reminders/reminderOverlay';

const NOW = Date.UTC(2026, 5, 10, 9, 0);

describe('reminder data in the person’s overlay', () => {
  it('round-trips personal reminders, states and "show reminders", and merges between two devices', () => {
    const laptop = new Y.Doc();
    const phone = new Y.Doc();
    writePersonalReminder(laptop, 'cal-1', 'uid-1', [60, 10, 60]);
    writeReminderStates(laptop, [['a', { dismissedAt: NOW }]]);
    writeShowReminders(laptop, 'own-1', false);
    writeReminderStates(phone, [['b', { snoozedUntil: NOW + 600_000 }]]);
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
    for (const doc of [laptop, phone]) {
      expect(readPersonalReminder(doc, 'cal-1', 'uid-1')).toEqual([10, 60]);
      expect([...readReminderStates(doc)].sort()).toEqual([
        ['a', { dismissedAt: NOW }],
        ['b', { snoozedUntil: NOW + 600_000 }],
      ]);
      expect([...readMutedCalendars(doc)]).toEqual(['own-1']);
    }
    // "None" and "on" are the defaults: they remove the entries.
    writePersonalReminder(laptop, 'cal-1', 'uid-1', []);
    writeShowReminders(laptop, 'own-1', true);
    expect(laptop.getMap(PERSONAL_REMINDERS).size).toBe(0);
    expect(laptop.getMap(SHOW_REMINDERS).size).toBe(0);
  });

  it('skips damaged entries instead of trusting them, and refuses bad values before writing', () => {
    const doc = new Y.Doc();
    doc.getMap<string>(PERSONAL_REMINDERS).set('cal|bad-json', '{');
    doc.getMap<string>(PERSONAL_REMINDERS).set('cal|negative', '[-5]');
    doc.getMap<string>(PERSONAL_REMINDERS).set('cal|ok', '[30]');
    doc.getMap<string>(REMINDER_STATES).set('x', '{"dismissedAt":"yesterday"}');
    doc.getMap<string>(REMINDER_STATES).set('y', 'null');
    doc.getMap<string>(SHOW_REMINDERS).set('cal', '"no"');
    expect([...readPersonalReminders(doc)]).toEqual([['cal|ok', [30]]]);
    expect(readReminderStates(doc).size).toBe(0);
    expect(readMutedCalendars(doc).size).toBe(0);
    expect(() => writePersonalReminder(doc, 'cal', 'uid', [-1])).toThrow();
    expect(() => writePersonalReminder(doc, 'cal', 'uid', [60 * 24 * 29])).toThrow();
    expect(() => writeReminderStates(doc, [['z', { dismissedAt: -1 }]])).toThrow();
    expect(doc.getMap(REMINDER_STATES).has('z')).toBe(false);
  });

  it('prunes old dismissals and damaged states, keeping recent ones', () => {
    const doc = new Y.Doc();
    writeReminderStates(doc, [
      ['old', { dismissedAt: NOW - KEEP_DISMISSED_MS - 1 }],
      ['new', { dismissedAt: NOW - 1000 }],
    ]);
    doc.getMap<string>(REMINDER_STATES).set('broken', 'not json');
    expect(pruneOverlayStates(doc, NOW)).toBe(2);
    expect([...doc.getMap(REMINDER_STATES).keys()]).toEqual(['new']);
  });

  it('snoozes only for whole minutes between 1 minute and a week', () => {
    expect(snoozeUntil(NOW, 5)).toBe(NOW + 5 * 60_000);
    expect(snoozeUntil(NOW, 1440)).toBe(NOW + 86_400_000);
    for (const bad of [0, -5, 1.5, Number.NaN, 7 * 1440 + 1]) expect(() => snoozeUntil(NOW, bad)).toThrow(RangeError);
  });
});
