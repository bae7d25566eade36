import { zoneOffsetMinutes } from '../time/zoneOffsetMinutes';
import type { BusyInterval } from './BusyInterval';
import { intersectSpans, mergeSpans, SpanCursor, subtractSpans, type Span } from './intervalSet';
import type { WorkingHours } from './WorkingHours';
import { workingWindows } from './workingWindows';

const MINUTE = 60_000;

export interface ScheduleAttendee {
  id: string;
  required: boolean;
  /** IANA zone of the person's working hours; null when unknown (then hours are not applied). */
  zone: string | null;
  /** Null when unknown (no profile, outside address): no working-hours constraint. */
  workingHours: WorkingHours | null;
  /** Null when unknown (an outside address, or nothing of theirs this person may see). */
  busy: readonly BusyInterval[] | null;
}

export interface FindTimesInput {
  attendees: readonly ScheduleAttendee[];
  durationMinutes: number;
  /** Search range, epoch ms, [from, to). */
  from: number;
  to: number;
  /** Candidate starts fall on multiples of this many minutes of the organiser's wall clock. */
  stepMinutes: number;
  organizerZone: string;
  /** Most slots returned (best first); default 50. */
  limit?: number;
}

export interface SlotSuggestion {
  startMs: number;
  endMs: number;
  /** Required attendees who are tentative then (slots without any rank first). */
  requiredTentative: string[];
  /** Optional attendees free then and inside their working hours. */
  optionalFree: string[];
  /** Optional attendees whose availability is unknown. */
  optionalUnknown: string[];
  optionalTotal: number;
}

/**
 * The best slots of `durationMinutes` in [from, to): inside every required
 * attendee's working hours in their own zone and clear of their busy times,
 * ranked by required attendees being tentative (fewest first), then by how many
 * optional attendees are free, then earliest.
 *
 * One sweep over sorted intervals: each required attendee narrows the set of
 * allowed spans (intersect working windows, subtract busy), candidates are
 * stepped only through what is left, and optional attendees are checked with a
 * forward-only cursor. Cost is O(total intervals * log + candidates * attendees),
 * never candidates * events.
 *
 * @throws RangeError for a non-positive duration or step, or an unknown zone
 */
export function findTimes(input: FindTimesInput): SlotSuggestion[] {
  const { attendees, from, to, organizerZone } = input;
  if (!(input.durationMinutes > 0) || !Number.isFinite(input.durationMinutes)) throw new RangeError('The duration must be a positive number of minutes');
  if (!(input.stepMinutes > 0) || !Number.isFinite(input.stepMinutes)) throw new RangeError('The step must be a positive number of minutes');
  const durationMs = Math.round(input.durationMinutes * MINUTE);
  const stepMs = Math.round(input.stepMinutes * MINUTE);
  if (!(to - from >= durationMs)) return [];

  let allowed: Span[] = [[from, to]];
  const tentativeOf: { id: string; cursor: SpanCursor }[] = [];
  for (const a of attendees) {
    if (!a.required) continue;
    if (a.workingHours && a.zone) allowed = intersectSpans(allowed, workingWindows(a.workingHours, a.zone, from, to));
    if (a.busy) {
      allowed = subtractSpans(allowed, spansOf(a.busy, 'busy'));
      const tentative = spansOf(a.busy, 'tentative');
      if (tentative.length) tentativeOf.push({ id: a.id, cursor: new SpanCursor(tentative) });
    }
    if (allowed.length === 0) return [];
  }

  const optional = attendees.filter((a) => !a.required);
  const optionalKnown = optional
    .filter((a) => a.busy !== null)
    .map((a) => {
      const base: Span[] = a.workingHours && a.zone ? workingWindows(a.workingHours, a.zone, from, to) : [[from, to]];
      // Tentative is not free: a slot they are sure to make ranks higher.
      return { id: a.id, cursor: new SpanCursor(subtractSpans(base, mergeSpans(a.busy!.map((b) => [b.startMs, b.endMs] as const)))) };
    });
  const optionalUnknown = optional.filter((a) => a.busy === null).map((a) => a.id);

  const slots: SlotSuggestion[] = [];
  for (const [s, e] of allowed) {
    for (let start = alignUp(s, stepMs, organizerZone); start + durationMs <= e; start += stepMs) {
      const end = start + durationMs;
      const requiredTentative: string[] = [];
      for (const t of tentativeOf) if (t.cursor.overlaps(start, end)) requiredTentative.push(t.id);
      const optionalFree: string[] = [];
      for (const o of optionalKnown) if (o.cursor.contains(start, end)) optionalFree.push(o.id);
      slots.push({ startMs: start, endMs: end, requiredTentative, optionalFree, optionalUnknown, optionalTotal: optional.length });
    }
  }
  slots.sort((a, b) => a.requiredTentative.length - b.requiredTentative.length || b.optionalFree.length - a.optionalFree.length || a.startMs - b.startMs);
  return slots.slice(0, input.limit ?? 50);
}

function spansOf(busy: readonly BusyInterval[], kind: BusyInterval['kind']): Span[] {
  const spans: Span[] = [];
  for (const b of busy) if (b.kind === kind) spans.push([b.startMs, b.endMs]);
  return mergeSpans(spans);
}

/** The first instant at or after `ms` whose wall time in `zone` is a multiple of the step. */
function alignUp(ms: number, stepMs: number, zone: string): number {
  const offset = zoneOffsetMinutes(zone, ms) * MINUTE;
  const wall = ms + offset;
  return Math.ceil(wall / stepMs) * stepMs - offset;
}
