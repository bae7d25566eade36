import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inboxItemsMap, readInboxItems } from '../../src/shared/protocol/inboxDocument';
import { meetingAnswersMap, parseMeetingAnswer, parseMeetingCancelNote, type MeetingItem } from '../../src/shared/protocol/meetings';
import { readMeetingRequests, recordMeetingAnswer } from '../../src/renderer/sync/meetingInbox';
import { describeResponses } from '../../src/renderer/ui/AttendeesField';
import { describeMeetingTime } from '../../src/renderer/ui/describeMeetingTime';

const item: MeetingItem = {
  id: 'm1',
  kind: 'meeting',
  status: 'request',
  calendarId: 'cal1',
  eventKey: 'uid-1',
  forId: 'carol',
  forName: 'Carol',
  organizer: { email: 'alice@example.com', name: 'Alice' },
  title: 'Planning',
  location: '',
  description: '',
  when: { start: '2026-05-04T10:00', end: '2026-05-04T11:00', tzid: 'Asia/Shanghai', allDay: false, rrule: null, exdates: [], rdates: [] },
  attendees: [{ email: 'carol@example.com', name: 'Carol', role: 'required' }],
  version: 1,
  answer: null,
  cancelMessage: '',
  at: 100,
};

describe('meeting answers and requests', () => {
  it('refuses answers that are not one of the three responses, too long, or not JSON', () => {
    expect(parseMeetingAnswer(JSON.stringify({ response: 'accepted', comment: '', at: 1 }))).toEqual({ response: 'accepted', comment: '', at: 1 });
    for (const bad of [
      JSON.stringify({ response: 'needs-action', comment: '', at: 1 }),
      JSON.stringify({ response: 'accepted', comment: 'x'.repeat(1_001), at: 1 }),
      JSON.stringify({ response: 'accepted', comment: '', at: -1 }),
      JSON.stringify({ response: 'accepted' }),
      '{"response":',
      42,
      undefined,
    ]) {
      expect(parseMeetingAnswer(bad)).toBeNull();
    }
    expect(parseMeetingCancelNote(JSON.stringify({ calendarId: '../x', eventKey: 'k', message: '', at: 1 }))).toBeNull();
    expect(parseMeetingCancelNote(JSON.stringify({ calendarId: 'c', eventKey: '', message: '', at: 1 }))).toBeNull();
  });

  it('shows the person’s own newer answer before the relay has applied it, and ignores damaged inbox items', () => {
    const inbox = new Y.Doc();
    inboxItemsMap(inbox).set('m1', JSON.stringify(item));
    inboxItemsMap(inbox).set('m2', JSON.stringify({ ...item, id: 'm2', kind: 'meeting', status: 'maybe' }));
    inboxItemsMap(inbox).set('m3', '{not json');
    const overlay = new Y.Doc();
    expect(readMeetingRequests(inbox, overlay, 'Dave')).toEqual([item]);
    recordMeetingAnswer(overlay, 'm1', 'declined', 'Away', 200, 1, null);
    expect(readMeetingRequests(inbox, overlay, 'Dave')[0]!.answer).toEqual({ response: 'declined', comment: 'Away', at: 200, byName: 'Dave' });
    // The relay's answer, once newer, is the truth.
    inboxItemsMap(inbox).set('m1', JSON.stringify({ ...item, answer: { response: 'accepted', comment: '', at: 300, byName: 'Carol' } }));
    expect(readMeetingRequests(inbox, overlay, 'Dave')[0]!.answer?.response).toBe('accepted');
    // A damaged overlay entry changes nothing.
    meetingAnswersMap(overlay).set('m1', '{"response":"maybe"}');
    expect(readMeetingRequests(inbox, overlay, 'Dave')[0]!.answer?.byName).toBe('Carol');
    expect(readInboxItems(inbox).map((i) => i.id)).toEqual(['m1']);
  });

  it('takes the answered version, and never shows an own answer to a time the organiser has since changed', () => {
    expect(parseMeetingAnswer(JSON.stringify({ response: 'accepted', comment: '', at: 1, version: 3 }))).toEqual({ response: 'accepted', comment: '', at: 1, version: 3 });
    expect(parseMeetingAnswer(JSON.stringify({ response: 'accepted', comment: '', at: 1, version: 0 }))).toBeNull();
    expect(parseMeetingAnswer(JSON.stringify({ response: 'accepted', comment: '', at: 1, version: 'latest' }))).toBeNull();
    const moved: MeetingItem = { ...item, version: 3, whenVersion: 2, answer: null };
    const inbox = new Y.Doc();
    inboxItemsMap(inbox).set('m1', JSON.stringify(moved));
    const overlay = new Y.Doc();
    // Answered version 1 (before the move), even later than anything the relay holds: the request stays unanswered.
    recordMeetingAnswer(overlay, 'm1', 'accepted', '', 500, 1, null);
    expect(readMeetingRequests(inbox, overlay, 'Carol')[0]!.answer).toBeNull();
    // An answer without a version counts as answering version 1.
    meetingAnswersMap(overlay).set('m1', JSON.stringify({ response: 'accepted', comment: '', at: 600 }));
    expect(readMeetingRequests(inbox, overlay, 'Carol')[0]!.answer).toBeNull();
    // An answer to a version at or after the move shows at once.
    recordMeetingAnswer(overlay, 'm1', 'tentative', 'Later works', 700, 2, null);
    expect(readMeetingRequests(inbox, overlay, 'Carol')[0]!.answer).toEqual({ response: 'tentative', comment: 'Later works', at: 700, byName: 'Carol' });
    // An item from a relay that does not send whenVersion behaves as before.
    inboxItemsMap(inbox).set('m1', JSON.stringify({ ...item, version: 3 }));
    meetingAnswersMap(overlay).set('m1', JSON.stringify({ response: 'declined', comment: '', at: 800 }));
    expect(readMeetingRequests(inbox, overlay, 'Carol')[0]!.answer?.response).toBe('declined');
  });

  it('counts answers and shows times in the viewer’s zone, falling back to the written value', () => {
    expect(describeResponses([])).toBe('Accepted 0, Tentative 0, Declined 0, No answer 0');
    expect(
      describeResponses([
        { email: 'a', name: '', role: 'required', response: 'accepted' },
        { email: 'b', name: '', role: 'optional', response: 'accepted' },
        { email: 'c', name: '', role: 'required', response: 'tentative' },
        { email: 'd', name: '', role: 'required', response: 'needs-action' },
      ]),
    ).toBe('Accepted 2, Tentative 1, Declined 0, No answer 1');
    // 10:00 in Shanghai is 04:00 in Berlin (summer time).
    expect(describeMeetingTime(item.when, 'Europe/Berlin', 'en-GB')).toBe('Mon, 4 May 2026, 04:00 – 05:00');
    expect(describeMeetingTime({ ...item.when, start: 'tomorrow', tzid: 'Mars/Olympus' }, 'Europe/Berlin', 'en-GB')).toBe('tomorrow – 2026-05-04T11:00 (Mars/Olympus)');
    expect(describeMeetingTime({ ...item.when, start: '2026-05-04', end: '2026-05-06', tzid: null, allDay: true }, 'Europe/Berlin', 'en-GB')).toBe('Mon, 4 May 2026 – Tue, 5 May 2026 (all day)');
  });
});
