/** Named colours offered for calendars and categories; any CSS colour is still accepted. */
export const PALETTE: readonly { name: string; color: string }[] = [
  { name: 'Tomato', color: '#d50000' },
  { name: 'Flamingo', color: '#e67c73' },
  { name: 'Tangerine', color: '#f4511e' },
  { name: 'Banana', color: '#f6bf26' },
  { name: 'Sage', color: '#33b679' },
  { name: 'Basil', color: '#0b8043' },
  { name: 'Peacock', color: '#039be5' },
  { name: 'Blueberry', color: '#3f51b5' },
  { name: 'Lavender', color: '#7986cb' },
  { name: 'Grape', color: '#8e24aa' },
  { name: 'Graphite', color: '#616161' },
];

/** A colour as #rrggbb for <input type="color">, which accepts nothing else. */
export function toHexColor(color: string): string {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color.toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return '#1a73e8';
}
