import type { EventWhat } from '../model/CalendarEvent';
import type { Group } from '../model/eventDocument';

/** The derived documents' levels (DESIGN.md, Documents). */
export type ProjectionKind = 'titles' | 'busy';

/** What a titles-level viewer sees instead of a private event's title (Outlook's words). */
export const PRIVATE_TITLE = 'Private appointment';

/** Which groups a projection holds at all: never attendees, never the owner's reminders. */
export const PROJECTED_GROUPS: readonly Group[] = ['when', 'what'];

/**
 * The `what` group a projection may hold: times come from `when` unchanged; of
 * `what`, titles keeps title, location, show-as and the private flag (a private
 * event's title replaced and its location dropped); busy keeps show-as and the
 * private flag only. Description and categories never reach either.
 */
export function projectWhat(what: EventWhat, kind: ProjectionKind): EventWhat {
  const base: EventWhat = { title: '', location: '', description: '', categories: [], showAs: what.showAs, private: what.private };
  if (kind === 'busy') return base;
  return what.private ? { ...base, title: PRIVATE_TITLE } : { ...base, title: what.title, location: what.location };
}

/**
 * The stub a `full` document holds for a private event (DESIGN.md: "private
 * events as busy stubs"); its details live in the `private` document.
 */
export function privateStub(what: EventWhat): EventWhat {
  return { title: '', location: '', description: '', categories: [], showAs: what.showAs, private: true };
}

export function isPrivateStub(what: EventWhat): boolean {
  return what.private && what.title === '' && what.location === '' && what.description === '' && what.categories.length === 0;
}

/**
 * A cheap test on a stored `what` (its JSON) before parsing it: whether it may
 * mark a private event. JSON.stringify writes no spaces, other writers might; a
 * title that only quotes the flag is escaped, so it does not match.
 */
export function mayBePrivate(rawWhat: string | undefined): boolean {
  return rawWhat !== undefined && /"private"\s*:\s*true/.test(rawWhat);
}
