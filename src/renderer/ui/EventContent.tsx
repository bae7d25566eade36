import type { EventContentArg } from '@fullcalendar/core';
import { Icon } from './Icon';
import { rowOf } from './toEventInput';

interface EventContentProps {
  arg: EventContentArg;
  categories: Record<string, string>;
}

/**
 * What is drawn inside an event on the grid: time, title, a lock for private
 * items, a repeat mark for occurrences of a series, and a dot per colour
 * category. Month view draws timed events as a dotted line item, as Google does.
 */
export function EventContent({ arg, categories }: EventContentProps) {
  const row = rowOf(arg.event.extendedProps);
  const color = (arg.event.extendedProps.color as string | undefined) ?? arg.event.backgroundColor;
  const isList = arg.view.type.startsWith('list');
  const isLineItem = arg.view.type.startsWith('dayGrid') && !arg.event.allDay;
  const cats = row.categories.filter((c) => categories[c]);
  const marks = (
    <>
      {/* Said in text, not aria-label, so a search for the editor's "Private" or "Repeat" field finds only the field. */}
      {row.private && (
        <>
          <Icon name="lock" size={12} />
          <span className="sr-only">(private)</span>
        </>
      )}
      {row.recurring && (
        <>
          <Icon name="repeat" size={12} />
          <span className="sr-only">(repeats)</span>
        </>
      )}
      {cats.map((c) => (
        <span key={c} className="ev-cat-dot" style={{ background: categories[c] }} title={c}>
          <span className="sr-only">{c}</span>
        </span>
      ))}
    </>
  );
  if (isList) {
    return (
      <span className="ev-list">
        <span className="ev-title">{arg.event.title}</span>
        {marks}
        {row.location && <span className="ev-location"> · {row.location}</span>}
      </span>
    );
  }
  if (isLineItem) {
    return (
      <span className="ev-line">
        <span className="ev-line-dot" style={{ borderColor: color }} aria-hidden="true" />
        {arg.timeText && <span className="ev-time">{arg.timeText}</span>}
        <span className="ev-title">{arg.event.title}</span>
        {marks}
      </span>
    );
  }
  return (
    <div className="ev-block">
      <div className="ev-head">
        <span className="ev-title">{arg.event.title}</span>
        {marks}
      </div>
      {!arg.event.allDay && arg.timeText && <div className="ev-time">{arg.timeText}</div>}
      {!arg.event.allDay && row.location && <div className="ev-location">{row.location}</div>}
    </div>
  );
}
