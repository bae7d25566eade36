import { useEffect, useState } from 'react';
import { EMPTY_WHO, type EventWho } from '../../shared/model/CalendarEvent';
import type { Directory, Me } from '../../shared/protocol/api';
import type { SyncService } from '../sync/SyncService';

/** What the event editor needs for meetings; absent when the app does not sync with a relay. */
export interface EditorMeetingContext {
  sync: SyncService;
  me: Me | null;
  displayZone: string;
}

const lower = (s: string) => s.trim().toLowerCase();

/**
 * The editor's meeting state: the attendees being edited, the organisation's
 * directory, and who organises a meeting in the chosen calendar (its owner, as
 * in Outlook: a delegate sends on the owner's behalf). A meeting whose organiser
 * is someone else is an attendee's copy: its meeting fields are the organiser's.
 */
export function useMeetingEditor(ctx: EditorMeetingContext | undefined, calendarId: string, initial: EventWho | undefined) {
  const [who, setWho] = useState<EventWho>(initial ?? EMPTY_WHO);
  const [directory, setDirectory] = useState<Directory | null>(null);
  const sync = ctx?.sync;
  const meId = ctx?.me?.id ?? null;
  useEffect(() => {
    if (!sync || meId === null) return;
    let live = true;
    // Offline the directory may be unavailable: inviting then works by address only.
    sync.directory().then(
      (d) => live && setDirectory(d),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [sync, meId]);

  let owner: { email: string; name: string } | null = null;
  if (ctx?.me) {
    const access = ctx.sync.calendarInfo(calendarId).access;
    if (!access || access.ownerId === ctx.me.id) owner = { email: ctx.me.email, name: ctx.me.name };
    else {
      const p = directory?.people.find((x) => x.id === access.ownerId);
      owner = p ? { email: p.email, name: p.name } : null;
    }
  }
  const isMeeting = who.attendees.length > 0;
  const organizer = who.organizer;
  const attendeeCopy = isMeeting && organizer !== null && owner !== null && lower(organizer.email) !== lower(owner.email);
  const organisedHere = isMeeting && !attendeeCopy;

  /** What is saved: the owner as organiser of a meeting organised here. */
  const whoToSave = (): EventWho => {
    if (!organisedHere || !owner) return who;
    if (organizer && lower(organizer.email) === lower(owner.email)) return who;
    return { ...who, organizer: { email: owner.email, name: owner.name, role: 'chair', response: 'accepted' } };
  };

  return { who, setWho, directory, owner, isMeeting, attendeeCopy, organisedHere, whoToSave };
}
