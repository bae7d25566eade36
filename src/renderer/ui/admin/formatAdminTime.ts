/** A time in the admin page's tables: date and time, in the person's locale. */
export function formatAdminTime(at: number, locale: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
