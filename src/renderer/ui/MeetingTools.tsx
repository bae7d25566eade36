import { useState } from 'react';
import type { EventWho } from '../../shared/model/CalendarEvent';
import { epochToLocal } from '../../shared/time/epochToLocal';
import { localToEpoch } from '../../shared/time/localToEpoch';
import type { CalendarStore } from '../replica/CalendarStore';
import type { AttendeeRef } from '../schedule/SchedulePerson';
import { ConflictWarning } from './ConflictWarning';
import type { EventDraft } from './eventDraft';
import { FindTimeDialog } from './FindTimeDialog';
import type { EditorMeetingContext } from './useMeetingEditor';

interface MeetingToolsProps {
  store: CalendarStore;
  ctx: EditorMeetingContext;
  who: EventWho;
  draft: EventDraft;
  uid: string | null;
  onTimes: (patch: Pick<EventDraft, 'startDate' | 'startTime' | 'endDate' | 'endTime'>) => void;
}

function instant(date: string, time: string, tzid: string | null, zone: string): number {
  try {
    return localToEpoch(`${date}T${time}`, tzid, zone);
  } catch {
    return Number.NaN;
  }
}

/** Under the attendees: who is busy at the chosen time, and "Find a time…" (both from what this device holds). */
export function MeetingTools({ store, ctx, who, draft, uid, onTimes }: MeetingToolsProps) {
  const [finding, setFinding] = useState(false);
  const attendees: AttendeeRef[] = who.attendees.map((a) => ({ email: a.email, name: a.name, required: a.role !== 'optional' }));
  const timed = !draft.allDay && Boolean(draft.startDate && draft.startTime && draft.endDate && draft.endTime);
  const startMs = timed ? instant(draft.startDate, draft.startTime, draft.tzid, ctx.displayZone) : Number.NaN;
  const endMs = timed ? instant(draft.endDate, draft.endTime, draft.tzid, ctx.displayZone) : Number.NaN;
  const duration = Number.isFinite(startMs) && Number.isFinite(endMs) && endMs > startMs ? Math.round((endMs - startMs) / 60_000) : 30;
  return (
    <div className="meeting-tools">
      {timed && <ConflictWarning store={store} sync={ctx.sync} me={ctx.me} attendees={attendees} startMs={startMs} endMs={endMs} uid={uid} />}
      <button type="button" className="btn btn-outline btn-small" onClick={() => setFinding(true)}>
        Find a time…
      </button>
      {finding && (
        <FindTimeDialog
          store={store}
          sync={ctx.sync}
          me={ctx.me}
          attendees={attendees}
          organizerZone={ctx.displayZone}
          durationMinutes={duration}
          fromDate={draft.startDate || undefined}
          uid={uid}
          onPick={(s, e) => {
            const zone = draft.tzid ?? ctx.displayZone;
            const a = epochToLocal(s, zone);
            const b = epochToLocal(e, zone);
            onTimes({ startDate: a.slice(0, 10), startTime: a.slice(11, 16), endDate: b.slice(0, 10), endTime: b.slice(11, 16) });
            setFinding(false);
          }}
          onClose={() => setFinding(false)}
        />
      )}
    </div>
  );
}
